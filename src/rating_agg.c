/*
 * rating_agg.c
 *	  Transition, inverse, combine and final functions of the ratings
 *	  aggregates.
 *
 * Every ratings aggregate (rating_agg, nps, csat_top2, csat_topbox, ces_avg,
 * rollup) keeps a rating_summary as its state.  Per input type there is one
 * transition function and one inverse, shared by all aggregates over that
 * type, so several metrics over one column accumulate once.  The state is
 * updated in place when the executor owns it (AggCheckCallContext); called
 * directly, the functions work on a copy and leave their argument alone.
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "nodes/nodes.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/numeric.h"

#include "rating_summary.h"

PG_FUNCTION_INFO_V1(rating_accum_int2);
PG_FUNCTION_INFO_V1(rating_accum_int4);
PG_FUNCTION_INFO_V1(rating_accum_int8);
PG_FUNCTION_INFO_V1(rating_accum_numeric);
PG_FUNCTION_INFO_V1(rating_accum_float8);
PG_FUNCTION_INFO_V1(rating_retract_int2);
PG_FUNCTION_INFO_V1(rating_retract_int4);
PG_FUNCTION_INFO_V1(rating_retract_int8);
PG_FUNCTION_INFO_V1(rating_retract_numeric);
PG_FUNCTION_INFO_V1(rating_retract_float8);
PG_FUNCTION_INFO_V1(rating_summary_combine);
PG_FUNCTION_INFO_V1(rating_summary_retract);
PG_FUNCTION_INFO_V1(rating_summary_final);

pg_noreturn static void
report_score_out_of_range(const char *score)
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

static inline int
rating_from_int64(int64 score)
{
	if (unlikely(score < RATING_MIN || score > RATING_MAX))
		report_score_out_of_range(psprintf(INT64_FORMAT, score));
	return (int) score;
}

static inline int
rating_from_float8(float8 score)
{
	if (unlikely(isnan(score) || score != floor(score)))
		report_score_not_whole(float8out_internal(score));
	if (unlikely(score < RATING_MIN || score > RATING_MAX))
		report_score_out_of_range(float8out_internal(score));
	return (int) score;
}

static int
rating_from_numeric(Numeric score)
{
	bool		too_big = false;
	int32		rounded;
	Datum		exact;

	if (numeric_is_nan(score))
		report_score_not_whole("NaN");
	rounded = numeric_int4_opt_error(score, &too_big);
	if (too_big || rounded < RATING_MIN || rounded > RATING_MAX)
		report_score_out_of_range(numeric_normalize(score));

	/* numeric_int4 rounds; the score counts only if it was whole already */
	exact = DirectFunctionCall1(int4_numeric, Int32GetDatum(rounded));
	if (!DatumGetBool(DirectFunctionCall2(numeric_eq, NumericGetDatum(score), exact)))
		report_score_not_whole(numeric_normalize(score));
	return (int) rounded;
}

/*
 * Whether the executor owns the state, so it may be updated in place.
 * The plain-aggregate test is AggCheckCallContext's own first test, done
 * here without a call on every row; window aggregates take the call.
 */
static inline bool
executor_owns_state(FunctionCallInfo fcinfo)
{
	if (likely(fcinfo->context != NULL && IsA(fcinfo->context, AggState)))
		return true;
	return AggCheckCallContext(fcinfo, NULL) != 0;
}

/*
 * The state to update: the executor's own when it owns it, else a copy.
 * The executor's state is always one csm built (a plain varlena), so the
 * per-row path avoids the detoasting call.
 */
static inline RatingSummary *
state_for_update(FunctionCallInfo fcinfo)
{
	Pointer		arg = DatumGetPointer(PG_GETARG_DATUM(0));
	RatingSummary *state;

	if (likely(!VARATT_IS_EXTENDED(arg) && executor_owns_state(fcinfo)))
	{
		state = (RatingSummary *) arg;
		rating_summary_check(state);
		return state;
	}

	state = PG_GETARG_RATING_SUMMARY_P(0);
	if ((Pointer) state == arg)
		state = rating_summary_copy(state);
	return state;
}

static inline Datum
accumulate(FunctionCallInfo fcinfo, int rating)
{
	RatingSummary *state = state_for_update(fcinfo);

	/* 2^63 answers cannot arrive one by one; a crafted state could be near */
	if (unlikely(state->hist.n == PG_INT64_MAX))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("rating_summary count out of range")));
	state->hist.n++;
	state->hist.counts[rating]++;
	PG_RETURN_RATING_SUMMARY_P(state);
}

static inline Datum
retract(FunctionCallInfo fcinfo, int rating)
{
	RatingSummary *state = state_for_update(fcinfo);

	if (unlikely(state->hist.counts[rating] == 0))
		elog(ERROR, "rating %d leaves a window frame it never entered", rating);
	state->hist.n--;
	state->hist.counts[rating]--;
	PG_RETURN_RATING_SUMMARY_P(state);
}

Datum
rating_accum_int2(PG_FUNCTION_ARGS)
{
	return accumulate(fcinfo, rating_from_int64(PG_GETARG_INT16(1)));
}

Datum
rating_accum_int4(PG_FUNCTION_ARGS)
{
	return accumulate(fcinfo, rating_from_int64(PG_GETARG_INT32(1)));
}

Datum
rating_accum_int8(PG_FUNCTION_ARGS)
{
	return accumulate(fcinfo, rating_from_int64(PG_GETARG_INT64(1)));
}

Datum
rating_accum_numeric(PG_FUNCTION_ARGS)
{
	return accumulate(fcinfo, rating_from_numeric(PG_GETARG_NUMERIC(1)));
}

Datum
rating_accum_float8(PG_FUNCTION_ARGS)
{
	return accumulate(fcinfo, rating_from_float8(PG_GETARG_FLOAT8(1)));
}

Datum
rating_retract_int2(PG_FUNCTION_ARGS)
{
	return retract(fcinfo, rating_from_int64(PG_GETARG_INT16(1)));
}

Datum
rating_retract_int4(PG_FUNCTION_ARGS)
{
	return retract(fcinfo, rating_from_int64(PG_GETARG_INT32(1)));
}

Datum
rating_retract_int8(PG_FUNCTION_ARGS)
{
	return retract(fcinfo, rating_from_int64(PG_GETARG_INT64(1)));
}

Datum
rating_retract_numeric(PG_FUNCTION_ARGS)
{
	return retract(fcinfo, rating_from_numeric(PG_GETARG_NUMERIC(1)));
}

Datum
rating_retract_float8(PG_FUNCTION_ARGS)
{
	return retract(fcinfo, rating_from_float8(PG_GETARG_FLOAT8(1)));
}

/*
 * Combine function of every ratings aggregate, and transition function of
 * rollup(): adds a summary into the state.
 */
Datum
rating_summary_combine(PG_FUNCTION_ARGS)
{
	RatingSummary *state = state_for_update(fcinfo);

	rating_summary_add(state, PG_GETARG_RATING_SUMMARY_P(1));
	PG_RETURN_RATING_SUMMARY_P(state);
}

/* Inverse of rollup() in a moving window frame. */
Datum
rating_summary_retract(PG_FUNCTION_ARGS)
{
	RatingSummary *state = state_for_update(fcinfo);

	rating_summary_subtract(state, PG_GETARG_RATING_SUMMARY_P(1));
	PG_RETURN_RATING_SUMMARY_P(state);
}

/* Final function of rating_agg() and rollup(): no answers give NULL. */
Datum
rating_summary_final(PG_FUNCTION_ARGS)
{
	RatingSummary *state = PG_GETARG_RATING_SUMMARY_P(0);

	if (state->hist.n == 0)
		PG_RETURN_NULL();
	PG_RETURN_RATING_SUMMARY_P(state);
}
