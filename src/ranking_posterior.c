/*
 * ranking_posterior.c
 *	  Fair league tables in plain C: each group's posterior and funnel
 *	  limits (ranking_posterior.h).
 *
 * NPS interval.  The posterior of (p_P, p_Pa, p_D) is Dirichlet(a), and
 * NPS = p_P - p_D.  Its mean and variance are exact:
 *	 E = (a_P - a_D) / A,
 *	 Var = [a_P (A - a_P) + a_D (A - a_D) + 2 a_P a_D] / (A^2 (A + 1)).
 * Its quantiles have no closed form; the interval is that of the beta
 * distribution on [-1, 1] with the same mean and variance.  This is exact
 * when a_Pa = 0 ((NPS + 1) / 2 is then Beta(a_P, a_D)), keeps the bounds
 * inside [-100, 100] and follows the skew near them, where the normal
 * approximation crosses them, and costs two beta quantiles.  Against the
 * exact quantiles (a one-dimensional integral: NPS = S (2B - 1) with S ~
 * Beta(a_P + a_D, a_Pa) and B ~ Beta(a_P, a_D) independent, itself checked
 * by Monte Carlo in test/ranking) a bound is off by at most about 100 / A
 * NPS points at the 95% level, 180 / A at 99% and 280 / A at 99.8%, the
 * worst case being nearly all passives; with at most 40% passives, 10 / A
 * and 25 / A.  So at A = 100 a tenth of a point as a rule, one point at
 * worst, and the error falls as 1 / A.  Exact quantiles would
 * cost a numerical integral per root-finding step, some 20 times the
 * beta's, for every group of a league table.
 */
#include <math.h>

#include "distributions.h"
#include "ranking_posterior.h"

/* ---------------------------------------------------------------------
 * Posteriors
 * ---------------------------------------------------------------------
 */

static bool
level_valid(double level)
{
	return level > 0.0 && level < 1.0;
}

static RankStatus
check_counts(const double *counts, int ncat, double *n)
{
	*n = 0.0;
	for (int k = 0; k < ncat; k++)
	{
		if (!(counts[k] >= 0.0) || isinf(counts[k]))
			return RANK_BAD_VALUE;
		*n += counts[k];
	}
	return isinf(*n) ? RANK_BAD_VALUE : RANK_OK;
}

static void
point_posterior(RankPosterior *post, double value)
{
	post->estimate = post->lower = post->upper = value;
	post->sd = 0.0;
}

/* The central interval of Beta(a, b) at level. */
static void
beta_interval(double a, double b, double level, double *lower, double *upper)
{
	*lower = beta_quantile(0.5 - 0.5 * level, a, b);
	*upper = beta_quantile(0.5 + 0.5 * level, a, b);
}

/*
 * A Dirichlet or beta posterior's shapes a = alpha + counts and their sum:
 * RANK_NO_DATA when it is 0 (no answers, no prior to speak for them).
 * Full pooling is the caller's case.
 */
static RankStatus
posterior_shapes(const RankPrior *prior, const double *counts, int ncat, double *a,
				 double *total)
{
	double		n;
	RankStatus	status;

	if ((status = check_counts(counts, ncat, &n)) != RANK_OK)
		return status;
	*total = 0.0;
	for (int k = 0; k < ncat; k++)
	{
		a[k] = prior->alpha[k] + counts[k];
		*total += a[k];
	}
	return *total > 0.0 ? RANK_OK : RANK_NO_DATA;
}

/* The normal posterior's mean and sd (a mean group of n answers). */
static RankStatus
normal_posterior(const RankPrior *prior, double n, double mean, double *estimate, double *sd)
{
	double		precision,
				sampling;

	if (!(n >= 0.0) || isinf(n) || (n > 0.0 && !isfinite(mean)))
		return RANK_BAD_VALUE;
	if (prior->full_pooling)
	{
		*estimate = prior->mean;
		*sd = 0.0;
		return RANK_OK;
	}
	if (n == 0.0)
	{
		if (isinf(prior->tau2))
			return RANK_NO_DATA;
		*estimate = prior->mean;
		*sd = sqrt(prior->tau2);
		return RANK_OK;
	}
	sampling = prior->variance / n;
	if (!(sampling > 0.0))
	{
		*estimate = mean;
		*sd = 0.0;
	}
	else if (isinf(prior->tau2))
	{
		*estimate = mean;
		*sd = sqrt(sampling);
	}
	else
	{
		precision = 1.0 / prior->tau2 + 1.0 / sampling;
		*estimate = (prior->mean / prior->tau2 + mean / sampling) / precision;
		*sd = sqrt(1.0 / precision);
	}
	return RANK_OK;
}

RankStatus
rank_posterior_mean(const RankPrior *prior, const double *group, double *estimate)
{
	double		a[RANK_MAX_CATEGORIES],
				total,
				sd;
	int			ncat = rank_kind_categories(prior->kind);
	RankStatus	status;

	if (prior->kind == RANK_MEAN)
		return normal_posterior(prior, group[0], group[1], estimate, &sd);
	if (prior->kind != RANK_NPS && prior->kind != RANK_SHARE)
		return RANK_BAD_KIND;
	if (prior->full_pooling)
	{
		if ((status = check_counts(group, ncat, &total)) != RANK_OK)
			return status;
		*estimate = prior->target;
		return RANK_OK;
	}
	if ((status = posterior_shapes(prior, group, ncat, a, &total)) != RANK_OK)
		return status;
	/* rounded as the posteriors round it */
	*estimate = prior->kind == RANK_NPS ?
		100.0 * ((a[RANK_PROMOTERS] - a[RANK_DETRACTORS]) / total) :
		100.0 * a[RANK_SUCCESSES] / total;
	return RANK_OK;
}

RankStatus
rank_nps_posterior(const RankPrior *prior, const double *counts, double level,
				   RankPosterior *post)
{
	double		n,
				a[RANK_MAX_CATEGORIES],
				total,
				mean,
				var,
				mu,
				shape,
				lower,
				upper;
	RankStatus	status;

	if (prior->kind != RANK_NPS)
		return RANK_BAD_KIND;
	if (!level_valid(level))
		return RANK_BAD_LEVEL;
	if ((status = check_counts(counts, 3, &n)) != RANK_OK)
		return status;
	if (prior->full_pooling)
	{
		point_posterior(post, prior->target);
		return RANK_OK;
	}
	if ((status = posterior_shapes(prior, counts, 3, a, &total)) != RANK_OK)
		return status;
	mean = (a[RANK_PROMOTERS] - a[RANK_DETRACTORS]) / total;
	var = (a[RANK_PROMOTERS] * (total - a[RANK_PROMOTERS]) +
		   a[RANK_DETRACTORS] * (total - a[RANK_DETRACTORS]) +
		   2.0 * a[RANK_PROMOTERS] * a[RANK_DETRACTORS]) / (total * total * (total + 1.0));
	post->estimate = 100.0 * mean;
	post->sd = 100.0 * sqrt(fmax(var, 0.0));
	/* the beta on [-1, 1] with this mean and variance: (NPS + 1) / 2 */
	mu = 0.5 * (mean + 1.0);
	if (!(var > 0.0) || !(mu > 0.0 && mu < 1.0))
	{
		post->sd = 0.0;
		post->lower = post->upper = post->estimate;
		return RANK_OK;
	}
	shape = mu * (1.0 - mu) / (0.25 * var) - 1.0;
	beta_interval(mu * shape, (1.0 - mu) * shape, level, &lower, &upper);
	post->lower = rank_clip(100.0 * (2.0 * lower - 1.0), -100.0, 100.0);
	post->upper = rank_clip(100.0 * (2.0 * upper - 1.0), -100.0, 100.0);
	return RANK_OK;
}

RankStatus
rank_share_posterior(const RankPrior *prior, const double *counts, double level,
					 RankPosterior *post)
{
	double		n,
				a[RANK_MAX_CATEGORIES],
				total,
				lower,
				upper;
	RankStatus	status;

	if (prior->kind != RANK_SHARE)
		return RANK_BAD_KIND;
	if (!level_valid(level))
		return RANK_BAD_LEVEL;
	if ((status = check_counts(counts, 2, &n)) != RANK_OK)
		return status;
	if (prior->full_pooling)
	{
		point_posterior(post, prior->target);
		return RANK_OK;
	}
	if ((status = posterior_shapes(prior, counts, 2, a, &total)) != RANK_OK)
		return status;
	post->estimate = 100.0 * a[RANK_SUCCESSES] / total;
	post->sd = 100.0 * sqrt(a[RANK_SUCCESSES] * a[RANK_FAILURES] /
							(total * total * (total + 1.0)));
	beta_interval(a[RANK_SUCCESSES], a[RANK_FAILURES], level, &lower, &upper);
	post->lower = 100.0 * lower;
	post->upper = 100.0 * upper;
	return RANK_OK;
}

RankStatus
rank_mean_posterior(const RankPrior *prior, double n, double mean, double level,
					RankPosterior *post)
{
	double		z;
	RankStatus	status;

	if (prior->kind != RANK_MEAN)
		return RANK_BAD_KIND;
	if (!level_valid(level))
		return RANK_BAD_LEVEL;
	if ((status = normal_posterior(prior, n, mean, &post->estimate, &post->sd)) != RANK_OK)
		return status;
	z = normal_quantile(0.5 + 0.5 * level);
	post->lower = post->estimate - z * post->sd;
	post->upper = post->estimate + z * post->sd;
	return RANK_OK;
}

/* ---------------------------------------------------------------------
 * Funnel limits
 * ---------------------------------------------------------------------
 */

RankStatus
rank_funnel(double value, double n, double target, double variance, double level,
			double phi, double tau2, double lo, double hi, RankFunnel *funnel)
{
	double		z,
				sd;

	if (!level_valid(level))
		return RANK_BAD_LEVEL;
	if (!isfinite(value) || !isfinite(target) || !(variance >= 0.0) || isinf(variance) ||
		!(tau2 >= 0.0) || isinf(tau2) || isnan(phi) || isinf(phi) || !(n >= 0.0) ||
		isinf(n) || !(lo <= hi))
		return RANK_BAD_VALUE;
	if (n == 0.0)
		return RANK_NO_DATA;
	z = normal_quantile(0.5 + 0.5 * level);
	sd = sqrt(fmax(phi, 1.0) * variance / n + tau2);
	funnel->target = target;
	funnel->lower = rank_clip(target - z * sd, lo, hi);
	funnel->upper = rank_clip(target + z * sd, lo, hi);
	if (sd > 0.0)
		funnel->z = (value - target) / sd;
	else
		funnel->z = value == target ? 0.0 : value > target ? INFINITY : -INFINITY;
	funnel->flag = funnel->z > z ? RANK_ABOVE : funnel->z < -z ? RANK_BELOW : RANK_WITHIN;
	return RANK_OK;
}

RankStatus
rank_prior_funnel(const RankPrior *prior, double value, double n, double level,
				  RankOverdispersion mode, double lo, double hi, RankFunnel *funnel)
{
	double		phi = mode == RANK_FUNNEL_MULTIPLICATIVE ? prior->phi : 1.0;
	double		tau2 = mode == RANK_FUNNEL_ADDITIVE ? prior->funnel_tau2 : 0.0;

	if (mode != RANK_FUNNEL_PLAIN && mode != RANK_FUNNEL_MULTIPLICATIVE &&
		mode != RANK_FUNNEL_ADDITIVE)
		return RANK_BAD_VALUE;
	if (prior->kind == RANK_NPS)
	{
		lo = -100.0;
		hi = 100.0;
	}
	else if (prior->kind == RANK_SHARE)
	{
		lo = 0.0;
		hi = 100.0;
	}
	return rank_funnel(value, n, prior->target, prior->variance, level, phi, tau2, lo, hi,
					   funnel);
}

