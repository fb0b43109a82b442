/*
 * inference_args.h
 *	  The parameters every interval, test and sample size checks, and the
 *	  rounding of a sample size, shared by the plain and weighted ratings
 *	  (rating_inference.c, weighted_inference.c): one wording of each error.
 */
#ifndef CSM_INFERENCE_ARGS_H
#define CSM_INFERENCE_ARGS_H

#include "postgres.h"

/* The two-sided critical value z for a confidence level in (0, 1), else 22023. */
extern double inference_z(double level);

/* A margin of error in points or percentage points, in (0, max], as a fraction (/ 100). */
extern double inference_margin(double margin, double max);

/* Responses needed, rounded up, at least 1; too many for bigint is 22003. */
extern int64 inference_responses(double n);

#endif							/* CSM_INFERENCE_ARGS_H */
