/*
 * rating_ops.c
 *	  Operators on rating_summary values: merge (+), difference (-), equality.
 *
 * `+` lets a rollup table be maintained row by row:
 *   INSERT ... ON CONFLICT (day, store) DO UPDATE SET s = t.s + EXCLUDED.s
 * It always returns a new value; stored values are never modified.
 */
#include "postgres.h"

#include "fmgr.h"

#include "rating_summary.h"

PG_FUNCTION_INFO_V1(rating_summary_merge);
PG_FUNCTION_INFO_V1(rating_summary_difference);
PG_FUNCTION_INFO_V1(rating_summary_eq);
PG_FUNCTION_INFO_V1(rating_summary_ne);

/* a + b: the summary of both sets of answers; overflow is an error. */
Datum
rating_summary_merge(PG_FUNCTION_ARGS)
{
	RatingSummary *result = rating_summary_copy(PG_GETARG_RATING_SUMMARY_P(0));

	rating_summary_add(result, PG_GETARG_RATING_SUMMARY_P(1));
	PG_RETURN_RATING_SUMMARY_P(result);
}

/* a - b: removes answers that a contains; b not inside a is an error. */
Datum
rating_summary_difference(PG_FUNCTION_ARGS)
{
	RatingSummary *result = rating_summary_copy(PG_GETARG_RATING_SUMMARY_P(0));

	rating_summary_subtract(result, PG_GETARG_RATING_SUMMARY_P(1));
	PG_RETURN_RATING_SUMMARY_P(result);
}

static bool
histograms_equal(const RatingSummary *a, const RatingSummary *b)
{
	return memcmp(&a->hist, &b->hist, sizeof(RatingHistogram)) == 0;
}

Datum
rating_summary_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(histograms_equal(PG_GETARG_RATING_SUMMARY_P(0),
									PG_GETARG_RATING_SUMMARY_P(1)));
}

Datum
rating_summary_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!histograms_equal(PG_GETARG_RATING_SUMMARY_P(0),
									 PG_GETARG_RATING_SUMMARY_P(1)));
}
