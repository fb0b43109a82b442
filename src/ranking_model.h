/*
 * ranking_model.h
 *	  Fair league tables in plain C: empirical-Bayes priors fitted across
 *	  groups, each group's posterior, and funnel-plot limits.
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
 * Spiegelhalter (2005), "Funnel plots for comparing institutional
 * performance", Stat Med 24:1185, for the limits (the Winsorized phi:
 * ranking_overdispersion.h).
 */
#ifndef CSM_RANKING_MODEL_H
#define CSM_RANKING_MODEL_H

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

typedef struct RankPosterior
{
	double		estimate;		/* posterior mean */
	double		sd;				/* posterior standard deviation */
	double		lower;			/* central credible interval */
	double		upper;
} RankPosterior;

/*
 * One group's posterior, in the metric's units, with a central interval
 * of the given level.  NPS: counts[3] as for rank_summary_add_counts(); the
 * interval is that of the beta distribution on [-100, 100] with the
 * posterior's mean and variance (exact when there are no passives; see
 * ranking_model.c).  Share: counts[2], beta quantiles.  Mean: normal, with
 * the group's sampling variance taken as prior->variance / n.
 */
extern RankStatus rank_nps_posterior(const RankPrior *prior, const double *counts,
									 double level, RankPosterior *post);
extern RankStatus rank_share_posterior(const RankPrior *prior, const double *counts,
									   double level, RankPosterior *post);
extern RankStatus rank_mean_posterior(const RankPrior *prior, double n, double mean,
									  double level, RankPosterior *post);

/*
 * The posterior mean alone, the estimate of the functions above without
 * their interval (no quantile): for a league table of many groups.  group:
 * the counts (NPS, shares), or n and the mean (means).
 */
extern RankStatus rank_posterior_mean(const RankPrior *prior, const double *group,
									  double *estimate);

typedef enum RankFunnelFlag
{
	RANK_BELOW = -1,
	RANK_WITHIN = 0,
	RANK_ABOVE = 1
} RankFunnelFlag;

typedef enum RankOverdispersion
{
	RANK_FUNNEL_PLAIN = 0,
	RANK_FUNNEL_MULTIPLICATIVE = 1, /* variance times phi (when phi > 1) */
	RANK_FUNNEL_ADDITIVE = 2	/* variance / n plus tau^2 */
} RankOverdispersion;

typedef struct RankFunnel
{
	double		target;
	double		lower;			/* clipped to the metric's range */
	double		upper;
	double		z;				/* (value - target) / sd at n, unclipped */
	RankFunnelFlag flag;		/* z beyond +-z(level) */
} RankFunnel;

/*
 * Funnel limits at n answers around target: target +- z sqrt(phi V / n +
 * tau2), z the two-sided normal quantile of level, phi taken as 1 when it
 * is below 1 (limits are never narrower than the plain ones), limits
 * clipped to [lo, hi].  value, target, V, tau2 and the limits are in the
 * metric's units.  RANK_NO_DATA when n is 0.
 */
extern RankStatus rank_funnel(double value, double n, double target, double variance,
							  double level, double phi, double tau2, double lo, double hi,
							  RankFunnel *funnel);

/*
 * The same around a prior's target and variance, with its phi or tau^2 as
 * mode says.  lo and hi are used for means only (NPS: -100..100, shares
 * 0..100).
 */
extern RankStatus rank_prior_funnel(const RankPrior *prior, double value, double n,
									double level, RankOverdispersion mode,
									double lo, double hi, RankFunnel *funnel);

#endif							/* CSM_RANKING_MODEL_H */
