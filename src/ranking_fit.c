/*
 * ranking_fit.c
 *	  The empirical-Bayes fits of a league's prior (ranking_fit.h): the
 *	  Dirichlet-multinomial and beta-binomial by maximum likelihood or the
 *	  method of moments, the normal-normal by DerSimonian-Laird, James-Stein
 *	  or maximum likelihood.
 *
 * Dirichlet-multinomial likelihood (Minka 2000), for groups i with counts
 * c_ik, n_i = sum_k c_ik and alpha0 = sum_k alpha_k, up to the multinomial
 * coefficients:
 *	 L = sum_i [log Gamma(alpha0) - log Gamma(n_i + alpha0)
 *				+ sum_k (log Gamma(c_ik + alpha_k) - log Gamma(alpha_k))]
 * It is a sum over the distinct values of each category's counts and of
 * the totals, weighted by how many groups have them: the summary's lists.
 * The beta-binomial is the case of two categories.  The MLE takes Newton
 * steps in log alpha, damped (Levenberg-Marquardt) until the likelihood
 * rises, from the method of moments; the Hessian in alpha is diagonal plus
 * a constant (Minka's form).
 *
 * The boundary.  For alpha = s m and s -> infinity,
 *	 L(s m) = sum_k C_k log m_k + T / (2 s) + O(1/s^2),
 *	 T = sum_i [sum_k c_ik (c_ik - 1) / m_k - n_i (n_i - 1)]
 * (Tarone's overdispersion score, at m = the pooled proportions).  T > 0
 * means a finite alpha0 beats infinity and the MLE is interior.  With
 * T <= 0 the fit checks alpha0 on a grid from 0.01 to 1e9; if none beats the
 * limit, it reports full pooling instead of running off to infinity.
 */
#include <math.h>
#include <string.h>

#include "distributions.h"
#include "inference.h"
#include "ranking_fit.h"
#include "ranking_overdispersion.h"

/* The MLE's caps: Newton steps, and alpha0 beyond which it is full pooling. */
#define DM_MAX_ITERATIONS	300
#define DM_ALPHA0_INFINITE	1e12
#define DM_ALPHA0_ZERO		1e-9
#define NORMAL_MAX_ITERATIONS 300

/* ---------------------------------------------------------------------
 * Reading the summary
 * ---------------------------------------------------------------------
 */

/* Pooled counts per category and N, from the category and total lists. */
static void
pooled_counts(const RankSummary *s, double *c, double *n)
{
	for (int k = 0; k < RANK_MAX_CATEGORIES; k++)
		c[k] = 0.0;
	*n = 0.0;
	for (int32_t i = 0; i < s->nruns; i++)
	{
		const RankRun *r = &s->runs[i];

		if (r->list < s->ncat)
			c[r->list] += (double) r->groups * r->value[0];
		else if (r->list == RANK_LIST_TOTAL)
			*n += (double) r->groups * r->value[0];
	}
}

/* ---------------------------------------------------------------------
 * Dirichlet-multinomial (NPS) and beta-binomial (shares)
 * ---------------------------------------------------------------------
 */

typedef struct DmProblem
{
	const RankSummary *s;
	int			nactive;		/* categories some group has */
	int			category[RANK_MAX_CATEGORIES];	/* of each active index */
	int			index[RANK_MAX_CATEGORIES];	/* active index of a category, or -1 */
} DmProblem;

/*
 * One shape's terms: m (log Gamma(a + c) - log Gamma(a)) and its first two
 * derivatives in a, for a count c held by m groups.  Where c is large
 * (c >= 20 and c >= a / 16) the differences of the functions themselves
 * lose at most a few digits, and the values at a are computed once per
 * evaluation; elsewhere the careful differences of distributions.c.
 */
typedef struct DmShape
{
	double		a;
	double		lgamma_a;
	double		digamma_a;
	double		trigamma_a;
	double		loglik;
	double		grad;
	double		hess;			/* minus the second derivative */
} DmShape;

static void
dm_shape_init(DmShape *sh, double a, bool derivatives)
{
	sh->a = a;
	sh->lgamma_a = lgamma(a);
	sh->digamma_a = derivatives ? digamma(a) : 0.0;
	sh->trigamma_a = derivatives ? trigamma(a) : 0.0;
	sh->loglik = sh->grad = sh->hess = 0.0;
}

static void
dm_shape_add(DmShape *sh, double c, double m, bool derivatives)
{
	double		a = sh->a;

	if (c >= 20.0 && c >= a * 0.0625)
	{
		sh->loglik += m * (lgamma(a + c) - sh->lgamma_a);
		if (derivatives)
		{
			sh->grad += m * (digamma(a + c) - sh->digamma_a);
			sh->hess += m * (sh->trigamma_a - trigamma(a + c));
		}
		return;
	}
	sh->loglik += m * log_pochhammer(a, c);
	if (derivatives)
	{
		sh->grad += m * digamma_difference(a, c);
		sh->hess += m * trigamma_difference(a, c);
	}
}

/*
 * L at alpha (active indices); with grad, also the gradient and the
 * Hessian diag(hdiag) + hz 1 1'.
 */
static double
dm_loglik(const DmProblem *p, const double *alpha, double *grad, double *hdiag, double *hz)
{
	const RankSummary *s = p->s;
	bool		derivatives = grad != NULL;
	DmShape		shape[RANK_MAX_CATEGORIES],
				total;
	double		alpha0 = 0.0,
				loglik;

	for (int j = 0; j < p->nactive; j++)
	{
		alpha0 += alpha[j];
		dm_shape_init(&shape[j], alpha[j], derivatives);
	}
	dm_shape_init(&total, alpha0, derivatives);
	for (int32_t i = 0; i < s->nruns; i++)
	{
		const RankRun *r = &s->runs[i];

		if (r->list < s->ncat)
			dm_shape_add(&shape[p->index[r->list]], r->value[0], (double) r->groups, derivatives);
		else if (r->list == RANK_LIST_TOTAL)
			dm_shape_add(&total, r->value[0], (double) r->groups, derivatives);
	}
	loglik = -total.loglik;
	for (int j = 0; j < p->nactive; j++)
	{
		loglik += shape[j].loglik;
		if (derivatives)
		{
			grad[j] = shape[j].grad - total.grad;
			hdiag[j] = -shape[j].hess;
		}
	}
	if (derivatives)
		*hz = total.hess;
	return loglik;
}

/* Solves the symmetric positive definite system a x = b (n <= 3); false if not PD. */
static bool
cholesky_solve(int n, double a[RANK_MAX_CATEGORIES][RANK_MAX_CATEGORIES], const double *b,
			   double *x)
{
	double		l[RANK_MAX_CATEGORIES][RANK_MAX_CATEGORIES] = {{0}};
	double		y[RANK_MAX_CATEGORIES];

	for (int i = 0; i < n; i++)
	{
		for (int j = 0; j <= i; j++)
		{
			double		sum = a[i][j];

			for (int k = 0; k < j; k++)
				sum -= l[i][k] * l[j][k];
			if (i == j)
			{
				if (!(sum > 0.0) || !isfinite(sum))
					return false;
				l[i][i] = sqrt(sum);
			}
			else
				l[i][j] = sum / l[j][j];
		}
	}
	for (int i = 0; i < n; i++)
	{
		double		sum = b[i];

		for (int k = 0; k < i; k++)
			sum -= l[i][k] * y[k];
		y[i] = sum / l[i][i];
	}
	for (int i = n - 1; i >= 0; i--)
	{
		double		sum = y[i];

		for (int k = i + 1; k < n; k++)
			sum -= l[k][i] * x[k];
		x[i] = sum / l[i][i];
	}
	return true;
}

static void
set_full_pooling(RankPrior *prior, const double *pooled, int ncat)
{
	prior->full_pooling = true;
	prior->alpha0 = INFINITY;
	for (int k = 0; k < ncat; k++)
	{
		prior->alpha[k] = pooled[k] > 0.0 ? INFINITY : 0.0;
		prior->prior_mean[k] = pooled[k];
	}
}

/* Sets alpha (by category) and what follows from it. */
static void
set_alpha(RankPrior *prior, const DmProblem *p, const double *alpha, int ncat)
{
	double		alpha0 = 0.0;

	for (int k = 0; k < ncat; k++)
		prior->alpha[k] = p->index[k] >= 0 ? alpha[p->index[k]] : 0.0;
	for (int k = 0; k < ncat; k++)
		alpha0 += prior->alpha[k];
	prior->alpha0 = alpha0;
	prior->full_pooling = false;
	for (int k = 0; k < ncat; k++)
		prior->prior_mean[k] = alpha0 > 0.0 ? prior->alpha[k] / alpha0 : prior->pooled[k];
}

/*
 * Newton steps on log alpha from `alpha` (active indices), damped until L
 * rises.  Converged when a step changes no alpha by more than 1e-10
 * relatively; stops at DM_MAX_ITERATIONS.  alpha0 past DM_ALPHA0_INFINITE
 * is full pooling, below DM_ALPHA0_ZERO no pooling.
 */
static void
dm_newton(const DmProblem *p, double *alpha, RankPrior *prior)
{
	int			n = p->nactive;
	double		grad[RANK_MAX_CATEGORIES],
				hdiag[RANK_MAX_CATEGORIES],
				hz,
				lambda = 0.0,
				loglik = dm_loglik(p, alpha, grad, hdiag, &hz);

	prior->converged = false;
	for (prior->iterations = 0; prior->iterations < DM_MAX_ITERATIONS; prior->iterations++)
	{
		double		hu[RANK_MAX_CATEGORIES][RANK_MAX_CATEGORIES],
					gu[RANK_MAX_CATEGORIES],
					step[RANK_MAX_CATEGORIES],
					trial[RANK_MAX_CATEGORIES],
					tgrad[RANK_MAX_CATEGORIES],
					thdiag[RANK_MAX_CATEGORIES],
					thz,
					tloglik,
					alpha0 = 0.0,
					largest = 0.0;

		/* minus the Hessian in u = log alpha: -(D H D + diag(alpha g)) */
		for (int j = 0; j < n; j++)
		{
			gu[j] = alpha[j] * grad[j];
			for (int k = 0; k < n; k++)
				hu[j][k] = -alpha[j] * alpha[k] * (hz + (j == k ? hdiag[j] : 0.0));
			hu[j][j] -= alpha[j] * grad[j];
		}
		for (int j = 0; j < n; j++)
			hu[j][j] += lambda * (fabs(hu[j][j]) + 1e-300);
		if (!cholesky_solve(n, hu, gu, step))
		{
			lambda = lambda == 0.0 ? 1e-6 : lambda * 10.0;
			if (lambda > 1e20)
				break;
			continue;
		}
		for (int j = 0; j < n; j++)
		{
			step[j] = rank_clip(step[j], -5.0, 5.0);
			trial[j] = alpha[j] * exp(step[j]);
			alpha0 += trial[j];
			largest = fmax(largest, fabs(step[j]));
		}
		tloglik = dm_loglik(p, trial, tgrad, thdiag, &thz);
		if (!(tloglik >= loglik - 1e-14 * fabs(loglik)))
		{
			lambda = lambda == 0.0 ? 1e-6 : lambda * 10.0;
			if (lambda > 1e20)
			{
				/* no direction rises: at the maximum to rounding */
				prior->converged = true;
				break;
			}
			continue;
		}
		lambda = lambda < 1e-9 ? 0.0 : lambda / 10.0;
		memcpy(alpha, trial, n * sizeof(double));
		memcpy(grad, tgrad, n * sizeof(double));
		memcpy(hdiag, thdiag, n * sizeof(double));
		hz = thz;
		loglik = tloglik;
		if (alpha0 > DM_ALPHA0_INFINITE || alpha0 < DM_ALPHA0_ZERO || largest < 1e-10)
		{
			prior->converged = true;
			break;
		}
	}
	prior->loglik = loglik;
}

/* L(s m) for pooled proportions m over the active categories. */
static double
dm_loglik_scaled(const DmProblem *p, const double *m, double scale)
{
	double		alpha[RANK_MAX_CATEGORIES];

	for (int j = 0; j < p->nactive; j++)
		alpha[j] = scale * m[j];
	return dm_loglik(p, alpha, NULL, NULL, NULL);
}

/*
 * The method of moments (BDA3 section 5.1, ebbr "mm"), from the unweighted
 * mean m_k and sample variance v_k (divisor G - 1) of the groups'
 * proportions: alpha0 = sum_k m_k (1 - m_k) / sum_k v_k - 1 and alpha_k =
 * m_k alpha0; with two categories this is BDA3's alpha + beta = m (1 - m) /
 * v - 1.  No overdispersion when sum v_k <= sum m_k (1 - m_k) mean(1/n_i),
 * the variance the multinomial alone gives: full pooling.  Returns false
 * then; alpha0 <= 0 (the variance of proportions at its maximum) is 0.
 */
static bool
dm_moments(const RankSummary *s, double *alpha, double *mean)
{
	int			ncat = s->ncat;
	double		g = (double) s->groups,
				v[RANK_MAX_CATEGORIES] = {0},
				inverse_n = 0.0,
				spread = 0.0,
				variance = 0.0,
				alpha0;

	for (int k = 0; k < ncat; k++)
		mean[k] = 0.0;
	for (int32_t i = 0; i < s->nruns; i++)
	{
		const RankRun *r = &s->runs[i];
		double		x,
					n;

		if (r->list != RANK_LIST_POINT)
			continue;
		rank_point_metric(s, r, &x, &n);
		for (int k = 0; k < ncat; k++)
			mean[k] += (double) r->groups * (r->value[k] / n);
		inverse_n += (double) r->groups / n;
	}
	for (int k = 0; k < ncat; k++)
		mean[k] /= g;
	if (s->groups < 2)
		return false;
	for (int32_t i = 0; i < s->nruns; i++)
	{
		const RankRun *r = &s->runs[i];
		double		x,
					n;

		if (r->list != RANK_LIST_POINT)
			continue;
		rank_point_metric(s, r, &x, &n);
		for (int k = 0; k < ncat; k++)
		{
			double		d = r->value[k] / n - mean[k];

			v[k] += (double) r->groups * d * d;
		}
	}
	for (int k = 0; k < ncat; k++)
	{
		variance += v[k] / (g - 1.0);
		spread += mean[k] * (1.0 - mean[k]);
	}
	if (!(variance > spread * inverse_n / g))
		return false;
	alpha0 = spread / variance - 1.0;
	if (!(alpha0 > 0.0))
		alpha0 = 0.0;
	for (int k = 0; k < ncat; k++)
		alpha[k] = mean[k] * alpha0;
	return true;
}

static RankStatus
fit_dirichlet(const RankSummary *s, RankMethod method, RankPrior *prior)
{
	int			ncat = s->ncat;
	double		counts[RANK_MAX_CATEGORIES],
				n_total,
				mom_alpha[RANK_MAX_CATEGORIES],
				mom_mean[RANK_MAX_CATEGORIES],
				m[RANK_MAX_CATEGORIES],
				alpha[RANK_MAX_CATEGORIES],
				limit = 0.0,
				tarone = 0.0,
				theta,
				v;
	bool		mom_ok;
	DmProblem	p = {s, 0, {0}, {-1, -1, -1}};

	if (method != RANK_MLE && method != RANK_MOMENTS)
		return RANK_BAD_METHOD;
	pooled_counts(s, counts, &n_total);
	prior->n_total = n_total;
	for (int k = 0; k < ncat; k++)
	{
		prior->pooled[k] = counts[k] / n_total;
		if (counts[k] > 0.0)
		{
			p.index[k] = p.nactive;
			p.category[p.nactive++] = k;
		}
	}

	/* the funnel's target and variance, and its overdispersion */
	if (s->kind == RANK_NPS)
	{
		NpsCounts	c = {counts[RANK_DETRACTORS], counts[RANK_PASSIVES], counts[RANK_PROMOTERS]};

		theta = prior->pooled[RANK_PROMOTERS] - prior->pooled[RANK_DETRACTORS];
		v = nps_variance(c);
	}
	else
	{
		theta = prior->pooled[RANK_SUCCESSES];
		v = theta * (1.0 - theta);
		if (!(v > 0.0))
			v = 0.0;
	}
	prior->target = 100.0 * theta;
	prior->variance = 1e4 * v;
	rank_funnel_overdispersion(s, theta, v, &prior->phi, &prior->funnel_tau2);
	prior->funnel_tau2 *= 1e4;

	mom_ok = dm_moments(s, mom_alpha, mom_mean);
	prior->converged = true;
	for (int j = 0; j < p.nactive; j++)
	{
		m[j] = prior->pooled[p.category[j]];
		limit += counts[p.category[j]] * log(m[j]);
	}

	if (method == RANK_MOMENTS)
	{
		if (!mom_ok || p.nactive < 2)
		{
			set_full_pooling(prior, prior->pooled, ncat);
			prior->loglik = limit;
		}
		else
		{
			for (int j = 0; j < p.nactive; j++)
				alpha[j] = mom_alpha[p.category[j]];
			set_alpha(prior, &p, alpha, ncat);
			/* the moments' mean is the unweighted mean of the proportions */
			for (int k = 0; k < ncat; k++)
				prior->prior_mean[k] = mom_mean[k];
			prior->loglik = prior->alpha0 > 0.0 ? dm_loglik(&p, alpha, NULL, NULL, NULL) : NAN;
		}
	}
	else
	{
		/* Tarone's score at the pooled proportions decides where to look */
		for (int32_t i = 0; i < s->nruns; i++)
		{
			const RankRun *r = &s->runs[i];
			double		c = r->value[0];

			if (r->list < ncat)
				tarone += (double) r->groups * c * (c - 1.0) / prior->pooled[r->list];
			else if (r->list == RANK_LIST_TOTAL)
				tarone -= (double) r->groups * c * (c - 1.0);
		}
		if (p.nactive < 2)
		{
			set_full_pooling(prior, prior->pooled, ncat);
			prior->loglik = limit;
		}
		else
		{
			double		start = 0.0;

			if (tarone <= 0.0)
			{
				/* a finite alpha0 may still beat infinity: look on a grid */
				double		best = limit + 1e-12 * (1.0 + fabs(limit));

				for (int e = -4; e <= 18; e++)
				{
					double		scale = pow(10.0, 0.5 * e);
					double		l = dm_loglik_scaled(&p, m, scale);

					if (l > best)
					{
						best = l;
						start = scale;
					}
				}
			}
			else if (mom_ok && p.nactive >= 2)
			{
				start = 0.0;
				for (int j = 0; j < p.nactive; j++)
					start += mom_alpha[p.category[j]];
				if (!(start > DM_ALPHA0_ZERO && start < DM_ALPHA0_INFINITE))
					start = 0.0;
			}
			if (start == 0.0 && tarone > 0.0)
				start = n_total / (double) s->groups;	/* the mean group size */
			if (start == 0.0)
			{
				set_full_pooling(prior, prior->pooled, ncat);
				prior->loglik = limit;
			}
			else
			{
				for (int j = 0; j < p.nactive; j++)
					alpha[j] = start * m[j];
				dm_newton(&p, alpha, prior);
				set_alpha(prior, &p, alpha, ncat);
				if (prior->alpha0 > DM_ALPHA0_INFINITE)
				{
					set_full_pooling(prior, prior->pooled, ncat);
					prior->loglik = limit;
				}
				else if (prior->alpha0 < DM_ALPHA0_ZERO)
				{
					for (int j = 0; j < p.nactive; j++)
						alpha[j] = 0.0;
					set_alpha(prior, &p, alpha, ncat);
					for (int k = 0; k < ncat; k++)
						prior->prior_mean[k] = prior->pooled[k];
				}
			}
		}
	}
	prior->overdispersion = prior->full_pooling ? 0.0 : 1.0 / (1.0 + prior->alpha0);
	return RANK_OK;
}

/* ---------------------------------------------------------------------
 * Normal-normal (means)
 * ---------------------------------------------------------------------
 */

/* The prior mean at tau2: the groups' means weighted 1 / (V / n + tau2). */
static double
normal_mu(const RankSummary *s, double variance, double tau2)
{
	double		num = 0.0,
				den = 0.0;

	for (int32_t i = 0; i < s->nruns; i++)
	{
		const RankRun *r = &s->runs[i];
		double		w;

		if (r->list != RANK_LIST_POINT)
			continue;
		w = isinf(tau2) ? 1.0 : 1.0 / (variance / r->value[1] + tau2);
		num += (double) r->groups * w * r->value[0];
		den += (double) r->groups * w;
	}
	return num / den;
}

/* The profile likelihood's score in tau2 (times 2). */
static double
normal_score(const RankSummary *s, double variance, double tau2)
{
	double		mu = normal_mu(s, variance, tau2),
				score = 0.0;

	for (int32_t i = 0; i < s->nruns; i++)
	{
		const RankRun *r = &s->runs[i];
		double		w,
					d;

		if (r->list != RANK_LIST_POINT)
			continue;
		w = 1.0 / (variance / r->value[1] + tau2);
		d = r->value[0] - mu;
		score += (double) r->groups * (w * w * d * d - w);
	}
	return score;
}

/*
 * Maximum likelihood tau2 >= 0: 0 when the score at 0 is not positive,
 * else the root of the score, bracketed by doubling and narrowed by
 * bisection with secant steps (Illinois), to 1e-13 relatively.
 */
static double
normal_mle(const RankSummary *s, double variance, double start, RankPrior *prior)
{
	double		lo = 0.0,
				hi = start > 0.0 ? start : variance,
				flo = normal_score(s, variance, 0.0),
				fhi;
	int			side = 0;

	prior->converged = true;
	prior->iterations = 0;
	if (!(flo > 0.0))
		return 0.0;
	if (!(hi > 0.0))
		hi = 1.0;
	while ((fhi = normal_score(s, variance, hi)) > 0.0)
	{
		lo = hi;
		flo = fhi;
		hi *= 2.0;
		if (++prior->iterations >= NORMAL_MAX_ITERATIONS || isinf(hi))
		{
			prior->converged = false;
			return hi;
		}
	}
	while (prior->iterations++ < NORMAL_MAX_ITERATIONS)
	{
		double		x = (lo * fhi - hi * flo) / (fhi - flo);
		double		fx;

		if (!(x > lo && x < hi))
			x = 0.5 * (lo + hi);
		fx = normal_score(s, variance, x);
		if (fx > 0.0)
		{
			lo = x;
			flo = fx;
			if (side == 1)
				fhi /= 2.0;
			side = 1;
		}
		else
		{
			hi = x;
			fhi = fx;
			if (side == -1)
				flo /= 2.0;
			side = -1;
		}
		if (hi - lo <= 1e-13 * hi)
			return 0.5 * (lo + hi);
	}
	prior->converged = false;
	return 0.5 * (lo + hi);
}

/*
 * The groups' means y_i with sampling variances V / n_i, V the variance of
 * all answers about the pooled mean (with divisor N, as p (1 - p) is for a
 * share: Efron and Morris's sigma^2 for the batting averages).
 *	 DerSimonian-Laird: tau2 = max(0, (Q - (G - 1)) / (S1 - S2 / S1)),
 *		Q = sum w_i (y_i - ybar_w)^2, w_i = n_i / V, S1 = sum w, S2 = sum w^2;
 *	 James-Stein: Q scaled by (G - 1) / (G - 3) first, which makes the
 *		shrinkage factor V/n / (V/n + tau2) Efron and Morris's (G - 3) V/n / S
 *		when the n are equal (their c = 1 - that); fewer than 4 groups do
 *		not shrink (tau2 = infinity);
 *	 MLE: the profile likelihood's maximum.
 */
static RankStatus
fit_normal(const RankSummary *s, RankMethod method, RankPrior *prior)
{
	double		n_total = 0.0,
				sum = 0.0,
				theta,
				within = 0.0,
				between = 0.0,
				n2 = 0.0,
				g = (double) s->groups,
				variance,
				q,
				denominator,
				tau2;

	if (method != RANK_MLE && method != RANK_MOMENTS && method != RANK_JAMES_STEIN)
		return RANK_BAD_METHOD;
	for (int32_t i = 0; i < s->nruns; i++)
	{
		const RankRun *r = &s->runs[i];

		if (r->list != RANK_LIST_POINT)
			continue;
		n_total += (double) r->groups * r->value[1];
		sum += (double) r->groups * r->value[1] * r->value[0];
	}
	theta = sum / n_total;
	for (int32_t i = 0; i < s->nruns; i++)
	{
		const RankRun *r = &s->runs[i];
		double		d;

		if (r->list != RANK_LIST_POINT)
			continue;
		d = r->value[0] - theta;
		within += (double) r->groups * r->value[1] * r->value[2];
		between += (double) r->groups * r->value[1] * d * d;
		n2 += (double) r->groups * r->value[1] * r->value[1];
	}
	variance = (within + between) / n_total;
	prior->n_total = n_total;
	prior->target = theta;
	prior->variance = variance;
	prior->converged = true;
	rank_funnel_overdispersion(s, theta, variance, &prior->phi, &prior->funnel_tau2);

	if (!(variance > 0.0))
		tau2 = 0.0;				/* every answer the same */
	else
	{
		q = between / variance;
		denominator = (n_total - n2 / n_total) / variance;
		if (method == RANK_JAMES_STEIN)
		{
			if (s->groups < 4)
				tau2 = INFINITY;
			else
				tau2 = denominator > 0.0 ?
					fmax(0.0, (q * (g - 1.0) / (g - 3.0) - (g - 1.0)) / denominator) : 0.0;
		}
		else
		{
			tau2 = denominator > 0.0 && s->groups > 1 ?
				fmax(0.0, (q - (g - 1.0)) / denominator) : 0.0;
			if (method == RANK_MLE && s->groups > 1)
				tau2 = normal_mle(s, variance, tau2, prior);
		}
	}
	prior->tau2 = tau2;
	prior->overdispersion = tau2;
	prior->full_pooling = tau2 == 0.0;
	prior->mean = tau2 == 0.0 ? theta : normal_mu(s, variance, tau2);
	return RANK_OK;
}

RankStatus
rank_fit(const RankSummary *s, RankMethod method, RankPrior *prior)
{
	memset(prior, 0, sizeof(*prior));
	prior->kind = (RankKind) s->kind;
	prior->method = method;
	prior->ncat = s->ncat;
	prior->groups = s->groups;
	prior->empty_groups = s->empty_groups;
	if (s->kind != RANK_NPS && s->kind != RANK_SHARE && s->kind != RANK_MEAN)
		return RANK_BAD_KIND;
	if (s->groups == 0)
		return RANK_NO_GROUPS;
	if (s->kind == RANK_MEAN)
		return fit_normal(s, method, prior);
	return fit_dirichlet(s, method, prior);
}
