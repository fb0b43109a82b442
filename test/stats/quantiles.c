/*
 * quantiles.c: prints csm's distribution functions for the arguments read
 * from stdin, one "kind x df" per line (kind: normal_ppf, t_ppf, t_cdf,
 * normal_cdf) or "kind x a b" (beta_ppf), so that
 * test/stats/check_distributions.py can compare them with scipy.
 */
#include <stdio.h>
#include <string.h>

#include "distributions.h"

int
main(void)
{
	char		line[256],
				kind[32];
	double		x,
				df,
				b;

	while (fgets(line, sizeof(line), stdin) != NULL)
	{
		double		r = 0.0;

		if (sscanf(line, "%31s %lf %lf %lf", kind, &x, &df, &b) < 3)
			break;
		if (strcmp(kind, "normal_ppf") == 0)
			r = normal_quantile(x);
		else if (strcmp(kind, "normal_cdf") == 0)
			r = normal_cdf(x);
		else if (strcmp(kind, "t_ppf") == 0)
			r = t_quantile(x, df);
		else if (strcmp(kind, "t_cdf") == 0)
			r = t_cdf(x, df);
		else if (strcmp(kind, "beta_ppf") == 0)
			r = beta_quantile(x, df, b);
		printf("%.17g\n", r);
	}
	return 0;
}
