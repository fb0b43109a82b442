/*
 * ranking_posterior.h
 *	  Fair league tables in plain C: each group's posterior under a fitted
 *	  prior (ranking_fit.h), and funnel-plot limits.
 *
 * Posteriors, funnel values, targets and limits are in the metric's units
 * (ranking_fit.h).
 *
 * Source: Spiegelhalter (2005), "Funnel plots for comparing institutional
 * performance", Stat Med 24:1185, for the limits (the Winsorized phi:
 * ranking_overdispersion.h).
 */
#ifndef CSM_RANKING_POSTERIOR_H
#define CSM_RANKING_POSTERIOR_H

#include "ranking_fit.h"

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
 * ranking_posterior.c).  Share: counts[2], beta quantiles.  Mean: normal, with
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

#endif							/* CSM_RANKING_POSTERIOR_H */
