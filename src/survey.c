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

/*
 * x_k - mean for each category, as Σ_j (x_k - x_j) W_j / W in double-double:
 * the mean rounded to a double and subtracted would lose the digits of a
 * deviation much smaller than x_k (a category holding nearly all the
 * weight), and with them the variance's.
 */
static void
deviations(const double *x, const DD *w, int ncat, double *dev)
{
	DD			total = {0.0, 0.0};

	for (int j = 0; j < ncat; j++)
		total = dd_add(total, w[j]);
	for (int k = 0; k < ncat; k++)
	{
		DD			sum = {0.0, 0.0};

		for (int j = 0; j < ncat; j++)
			if (x[j] != x[k])
				sum = dd_add(sum, dd_mul(w[j], (DD) {x[k] - x[j], 0.0}));
		dev[k] = dd_value(dd_div(sum, total));
	}
}

/* Σ_k dev_k² · weight_k / W (power 1) or / W² (power 2), W² never formed (it may overflow). */
static double
weighted_squares(const double *dev, const DD *weight, int ncat, double total, int power)
{
	double		sum = 0.0;

	for (int k = 0; k < ncat; k++)
	{
		double		share = dd_value(weight[k]) / total;

		if (share > 0.0)
			sum += dev[k] * dev[k] * (power == 2 ? share / total : share);
	}
	return sum;
}

static double
total_of(const DD *w, int ncat)
{
	DD			total = {0.0, 0.0};

	for (int j = 0; j < ncat; j++)
		total = dd_add(total, w[j]);
	return dd_value(total);
}

double
survey_mean_variance(const double *x, const DD *w, const DD *w2, int ncat, double n)
{
	double		dev[64];

	if (!(n >= 2.0) || ncat > 64)
		return NAN;
	deviations(x, w, ncat, dev);
	return n / (n - 1.0) * weighted_squares(dev, w2, ncat, total_of(w, ncat), 2);
}

double
survey_value_variance(const double *x, const DD *w, int ncat, double n)
{
	double		dev[64];

	if (!(n >= 2.0) || ncat > 64)
		return NAN;
	deviations(x, w, ncat, dev);
	return n / (n - 1.0) * weighted_squares(dev, w, ncat, total_of(w, ncat), 1);
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
