/*
 * inference_args.h
 *	  What every interval, test and sample size shares on the server side,
 *	  for the plain and weighted ratings and the gap models
 *	  (rating_inference.c, weighted_inference.c, gap_metrics.c): the checks
 *	  of their parameters, the rounding of a sample size and the
 *	  mean_interval row, with one wording of each error.
 */
#ifndef CSM_INFERENCE_ARGS_H
#define CSM_INFERENCE_ARGS_H

#include "postgres.h"
#include "fmgr.h"

#include "compat.h"

/* The two-sided probability 0.5 + level / 2 for a confidence level in (0, 1), else 22023. */
extern double inference_level(double level);

/* The two-sided critical value z for a confidence level in (0, 1), else 22023. */
extern double inference_z(double level);

/* A margin of error in points or percentage points, in (0, max], as a fraction (/ 100). */
extern double inference_margin(double margin, double max);

/* Responses needed, rounded up, at least 1; too many for bigint is 22003. */
extern int64 inference_responses(double n);

/*
 * The mean_interval row (estimate, lower, upper, se, stddev, df, level) of
 * a mean from n >= 2 answers: estimate -/+ t * se, t on n - 1 degrees of
 * freedom.
 */
extern Datum inference_mean_interval(FunctionCallInfo fcinfo, double estimate, double se,
									 double stddev, int64 n, double level);

#endif							/* CSM_INFERENCE_ARGS_H */
