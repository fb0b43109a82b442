/*
 * weighted_metrics.c
 *	  What only a weighted_rating_summary has: its weights, and how much
 *	  information they leave (docs/metrics.md §8.3).  Every other accessor
 *	  of the ratings family reads it too (rating_metrics.c).
 *
 *	 weighted_total(s)		Σw
 *	 effective_n(s)			Kish's effective sample size (Σw)² / Σw²
 *	 design_effect(s)		Kish's design effect n Σw² / (Σw)² = n / effective_n
 */
#include "postgres.h"

#include "fmgr.h"

#include "rating_tally.h"

PG_FUNCTION_INFO_V1(weighted_rating_summary_weighted_total);
PG_FUNCTION_INFO_V1(weighted_rating_summary_weighted_total_of);
PG_FUNCTION_INFO_V1(weighted_rating_summary_effective_n);
PG_FUNCTION_INFO_V1(weighted_rating_summary_design_effect);

Datum
weighted_rating_summary_weighted_total(PG_FUNCTION_ARGS)
{
	RatingTally t;

	rating_tally_of_weighted(PG_GETARG_DATUM(0), &t);
	PG_RETURN_FLOAT8(dd_value(t.total));
}

Datum
weighted_rating_summary_weighted_total_of(PG_FUNCTION_ARGS)
{
	int32		rating = PG_GETARG_INT32(1);
	RatingTally t;

	if (rating < RATING_MIN || rating > RATING_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("rating %d is out of range", rating),
				 errdetail("Ratings are whole numbers from %d to %d.", RATING_MIN, RATING_MAX)));
	rating_tally_of_weighted(PG_GETARG_DATUM(0), &t);
	PG_RETURN_FLOAT8(dd_value(t.weight[rating]));
}

/*
 * Kish's figures in double-double, as W / Σw² · W and n · Σw² / W / W:
 * W² itself may overflow, and the quotients of exact sums round once.
 */
Datum
weighted_rating_summary_effective_n(PG_FUNCTION_ARGS)
{
	RatingTally t;

	rating_tally_of_weighted(PG_GETARG_DATUM(0), &t);
	if (t.n == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(dd_value(dd_mul(dd_div(t.total, rating_tally_weight_sq(&t)), t.total)));
}

Datum
weighted_rating_summary_design_effect(PG_FUNCTION_ARGS)
{
	RatingTally t;
	DD			n_w2;

	rating_tally_of_weighted(PG_GETARG_DATUM(0), &t);
	if (t.n == 0)
		PG_RETURN_NULL();
	n_w2 = dd_mul(rating_tally_weight_sq(&t), (DD) {(double) t.n, 0.0});
	PG_RETURN_FLOAT8(dd_value(dd_div(dd_div(n_w2, t.total), t.total)));
}
