/*
 * ranking_overdispersion.h
 *	  How far a league's groups spread about a target beyond what chance
 *	  gives, for the funnel plot's wider limits: Spiegelhalter's Winsorized
 *	  phi and the additive tau^2, read from a group summary's points.
 *
 * Source: Spiegelhalter (2005), "Funnel plots for comparing institutional
 * performance", Stat Med 24:1185.
 */
#ifndef CSM_RANKING_OVERDISPERSION_H
#define CSM_RANKING_OVERDISPERSION_H

#include "ranking_groups.h"

/*
 * phi = mean of z^2 after Winsorizing z at its 10th and 90th percentiles
 * (Spiegelhalter 2005, section 3.4: the lowest and highest 10% of z-scores
 * set to those percentiles), and the additive
 *	 tau^2 = (G phi - (G - 1)) / (sum w - sum w^2 / sum w),  w_i = n_i / V,
 * 0 when G phi <= G - 1 (his DerSimonian-Laird form).
 *
 * target and variance (per answer) are on the scale rank_point_metric()
 * reads a point on: proportions for NPS and shares, the rating scale for
 * means.  phi and tau2 are 0 without groups or without variance.
 */
extern void rank_funnel_overdispersion(const RankSummary *s, double target, double variance,
									   double *phi, double *tau2);

#endif							/* CSM_RANKING_OVERDISPERSION_H */
