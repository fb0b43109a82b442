/*
 * rating_score.c
 *	  The out-of-line half of rating_score.h: the errors a ratings
 *	  aggregate raises for a score that is not a rating 0..10, and the
 *	  numeric score check.
 *
 * These sit below every aggregate that checks a score (rating_agg.c,
 * weighted_agg.c), so that the weighted aggregates depend on the score
 * rules and not on the plain aggregates' file.  csm never rounds a score.
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/numeric.h"

#include "rating_score.h"

void
rating_report_score_range(const char *score)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("score %s is out of range", score),
			 errdetail("Scores are whole numbers from %d to %d.",
					   RATING_MIN, RATING_MAX)));
}

pg_noreturn static void
report_score_not_whole(const char *score)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("score %s is not a whole number", score),
			 errdetail("Scores are whole numbers from %d to %d; csm never rounds them.",
					   RATING_MIN, RATING_MAX)));
}

void
rating_report_int_score(int64 score)
{
	rating_report_score_range(psprintf("%lld", (long long) score));
}

void
rating_report_float8_score(float8 score)
{
	if (isnan(score) || score != floor(score))
		report_score_not_whole(float8out_internal(score));
	rating_report_score_range(float8out_internal(score));
}

int
rating_from_numeric(Numeric score)
{
	bool		too_big = false;
	int32		rounded;
	Datum		exact;

	if (numeric_is_nan(score))
		report_score_not_whole("NaN");
	rounded = numeric_int4_opt_error(score, &too_big);
	if (too_big || rounded < RATING_MIN || rounded > RATING_MAX)
		rating_report_score_range(numeric_normalize(score));

	/* numeric_int4 rounds; the score counts only if it was whole already */
	exact = DirectFunctionCall1(int4_numeric, Int32GetDatum(rounded));
	if (!DatumGetBool(DirectFunctionCall2(numeric_eq, NumericGetDatum(score), exact)))
		report_score_not_whole(numeric_normalize(score));
	return (int) rounded;
}
