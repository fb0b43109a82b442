/*
 * survey.c
 *	  Design-based inference for weighted answers (survey.h).
 *
 * The variance is the Taylor linearization of the ratio Σ w x / Σ w for a
 * with-replacement single-stage design (Lumley 2010, §2.3; svymean()): the
 * influence of answer i is w_i (x_i - mean) / W, the variance n / (n - 1)
 * times the sum of their squares.  Answers in one category share x_k, so
 * only Σ w² per category is needed.
 */
#include <math.h>

#include "distributions.h"
#include "survey.h"

double
survey_mean_variance(const double *x, const double *w2, int ncat, double mean,
					 double total_weight, double n)
{
	double		sum = 0.0;

	if (!(n >= 2.0))
		return NAN;
	/* W2_k / W / W: W² itself may overflow where the ratio does not */
	for (int k = 0; k < ncat; k++)
		if (w2[k] > 0.0)
			sum += (x[k] - mean) * (x[k] - mean) * (w2[k] / total_weight / total_weight);
	return n / (n - 1.0) * sum;
}

double
survey_value_variance(const double *x, const double *w, int ncat, double mean,
					  double total_weight, double n)
{
	double		sum = 0.0;

	if (!(n >= 2.0))
		return NAN;
	for (int k = 0; k < ncat; k++)
		if (w[k] > 0.0)
			sum += (x[k] - mean) * (x[k] - mean) * (w[k] / total_weight);
	return n / (n - 1.0) * sum;
}

static double
expit(double eta)
{
	return 1.0 / (1.0 + exp(-eta));
}

ConfidenceInterval
survey_logit_interval(double p, double se, double df, double level)
{
	ConfidenceInterval r;

	r.estimate = p;
	r.se = se;
	if (!(p > 0.0 && p < 1.0))
	{
		r.lower = r.upper = NAN;
		return r;
	}
	{
		double		eta = log(p / (1.0 - p));
		double		half = t_quantile(0.5 + level / 2.0, df) * se / (p * (1.0 - p));

		r.lower = expit(eta - half);
		r.upper = expit(eta + half);
	}
	return r;
}

double
survey_share_effective_n(double p, double se, double n)
{
	return (p > 0.0 && p < 1.0) ? p * (1.0 - p) / (se * se) : n;
}

ConfidenceInterval
survey_beta_interval(double p, double se, double n, double level, double *n_effective)
{
	double		alpha = 1.0 - level;
	double		ne = survey_share_effective_n(p, se, n);
	ConfidenceInterval r;

	r.estimate = p;
	r.se = se;
	r.lower = beta_quantile(alpha / 2.0, ne * p, ne * (1.0 - p) + 1.0);
	r.upper = beta_quantile(1.0 - alpha / 2.0, ne * p + 1.0, ne * (1.0 - p));
	*n_effective = ne;
	return r;
}
