/*
 * quantiles.c: prints csm's distribution functions for the arguments read
 * from stdin, one "kind p df" per line (kind: normal_ppf, t_ppf, t_cdf,
 * normal_cdf), so that test/stats/check_distributions.py can compare them
 * with scipy.
 */
#include <stdio.h>
#include <string.h>

#include "distributions.h"

int
main(void)
{
	char		kind[32];
	double		x,
				df;

	while (scanf("%31s %lf %lf", kind, &x, &df) == 3)
	{
		double		r = 0.0;

		if (strcmp(kind, "normal_ppf") == 0)
			r = normal_quantile(x);
		else if (strcmp(kind, "normal_cdf") == 0)
			r = normal_cdf(x);
		else if (strcmp(kind, "t_ppf") == 0)
			r = t_quantile(x, df);
		else if (strcmp(kind, "t_cdf") == 0)
			r = t_cdf(x, df);
		printf("%.17g\n", r);
	}
	return 0;
}
