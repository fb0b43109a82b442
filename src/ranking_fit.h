/*
 * ranking_fit.h
 *	  Fair league tables in plain C: the empirical-Bayes prior fitted across
 *	  a league's groups (ranking_groups.h), Dirichlet for NPS, beta for
 *	  shares, normal for means.
 *
 * Units.  Posteriors, funnel values, targets and limits are in the metric's
 * units: NPS points (-100..100), a share in percent (0..100), a mean on its
 * rating scale; variances per answer in those units squared.  Shapes
 * (alpha), proportions and rho are unitless.
 *
 * Sources: Minka (2000), "Estimating a Dirichlet distribution" (the
 * likelihood through counts of counts; Newton steps); BDA3 (Gelman et al.
 * 2013) section 5.1 and ebbr's "mm" for the method of moments; DerSimonian
 * & Laird (1986) for tau^2; Efron & Morris (1975, 1977) for James-Stein;
 * the funnels' phi and tau^2 are ranking_overdispersion.h's.
 */
#ifndef CSM_RANKING_FIT_H
#define CSM_RANKING_FIT_H

#include "ranking_groups.h"

/*
 * A fitted prior.
 *
 * Full pooling.  When the groups show no overdispersion (the likelihood
 * rises all the way to alpha0 = infinity, or the moments' variance is no
 * more than the multinomial one, or tau^2 = 0) full_pooling is true, alpha0
 * and the alpha of every observed category are +infinity (0 for a category
 * no group has), rho and tau2 are 0, prior_mean is the pooled proportions,
 * and every posterior is the pooled value with sd 0.
 *
 * No pooling.  When the groups are as far apart as proportions can be
 * (every group all in one category), the Dirichlet's alpha go to 0: rho is
 * 1 and each posterior is the group's own proportion.
 *
 * Stored and passed back (the SQL composite), a prior needs only what the
 * posteriors and funnels read: kind, full_pooling, target, variance, phi
 * and funnel_tau2; alpha (NPS, shares); mean and tau2 (means).
 */
typedef struct RankPrior
{
	RankKind	kind;
	RankMethod	method;
	int			ncat;
	int			iterations;		/* the MLE's Newton steps */
	bool		converged;		/* the fit met its convergence test */
	bool		full_pooling;
	int64_t		groups;			/* groups used (n > 0) */
	int64_t		empty_groups;	/* groups with n = 0, ignored */
	double		n_total;		/* sum of the groups' n */

	/* Dirichlet (NPS) or beta (share) */
	double		alpha[RANK_MAX_CATEGORIES];
	double		alpha0;			/* sum of alpha */
	double		pooled[RANK_MAX_CATEGORIES];	/* sum c_k / sum n */
	double		prior_mean[RANK_MAX_CATEGORIES];	/* alpha_k / alpha0 */
	double		loglik;			/* marginal log-likelihood, no multinomial
								 * coefficients; at infinity on full pooling */

	/* normal (mean) */
	double		mean;			/* the prior mean mu */
	double		tau2;			/* the prior variance (scale units^2) */

	/* every kind */
	double		overdispersion; /* rho = 1 / (1 + alpha0), or tau2 for means */
	double		target;			/* the pooled value: NPS points, %, mean */
	double		variance;		/* per answer at the target, units^2 */
	double		phi;			/* Spiegelhalter's Winsorized phi */
	double		funnel_tau2;	/* additive random-effects tau^2, units^2 */
} RankPrior;

/*
 * Fits a prior.  NPS and shares: RANK_MLE or RANK_MOMENTS; means:
 * RANK_MOMENTS (DerSimonian-Laird), RANK_MLE or RANK_JAMES_STEIN.  Works
 * on any summary; on a compacted one it is fastest and independent of the
 * order of the groups.  RANK_NO_GROUPS fills groups and empty_groups only.
 */
extern RankStatus rank_fit(const RankSummary *s, RankMethod method, RankPrior *prior);

#endif							/* CSM_RANKING_FIT_H */
