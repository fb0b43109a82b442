/*
 * inference.h
 *	  Confidence intervals and significance tests for csm's metrics, in
 *	  plain C (no server dependency, so test/stats checks them directly).
 *
 * Scales: NPS differences on -1..1, proportions on 0..1; the SQL layer
 * converts to points and percent.  Definitions and sources:
 * docs/metrics.md section 7 (Rocks 2016 for NPS).
 */
#ifndef CSM_INFERENCE_H
#define CSM_INFERENCE_H

#include <stdbool.h>

/* Answer counts of an NPS question; doubles, to take pseudo-counts. */
typedef struct NpsCounts
{
	double		detractors;
	double		passives;
	double		promoters;
} NpsCounts;

typedef struct ConfidenceInterval
{
	double		estimate;		/* the observed metric */
	double		lower;
	double		upper;
	double		se;				/* standard error the method uses */
} ConfidenceInterval;

typedef struct DifferenceTest
{
	double		difference;		/* first minus second: the sign matters */
	double		se;
	double		z;
	double		p_value;		/* two-sided */
	double		lower;
	double		upper;
} DifferenceTest;

/* Trinomial variance of one answer's score (+1/0/-1): p + d - (p - d)^2. */
extern double nps_variance(NpsCounts c);

/* Intervals for NPS on -1..1, bounds clipped to [-1, 1]. */
extern ConfidenceInterval nps_wald_interval(NpsCounts c, double z);
extern ConfidenceInterval nps_adjusted_wald_interval(NpsCounts c, double z);
extern ConfidenceInterval nps_score_interval(NpsCounts c, double z);

/* Two independent groups; adjusted adds the pseudo-counts to each. */
extern DifferenceTest nps_difference_test(NpsCounts a, NpsCounts b, double z,
										  bool adjusted);

/* Wilson score interval for a proportion x/n on 0..1. */
extern ConfidenceInterval wilson_interval(double x, double n, double z);

/*
 * Two proportions: z-test with the pooled standard error, interval for
 * the difference by Newcombe's hybrid score method (from the two Wilson
 * intervals).
 */
extern DifferenceTest proportion_difference_test(double x1, double n1,
												 double x2, double n2, double z);

#endif							/* CSM_INFERENCE_H */
