/*
 * rating_agg.c
 *	  Transition, inverse, combine and final functions of the ratings
 *	  aggregates.
 *
 * Every ratings aggregate (rating_agg, nps, csat_top2, csat_topbox, ces_avg,
 * rollup) keeps a rating_summary as its state.  Per input type there is one
 * transition function and one inverse, shared by all aggregates over that
 * type, so several metrics over one column accumulate once.  The per-row
 * work is counts_step(): the state is updated in place, and the functions
 * stay small enough for the JIT to inline them, every error being a call
 * out of line.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/numeric.h"

#include "rating_score.h"
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

/* One answer of this rating enters (1) or leaves (-1) the state. */
#define RATING_STEP(rating, sign) \
	counts_step(fcinfo, &rating_summary_type, RATING_NVALUES, RATING_SUMMARY_VERSION, \
				(rating), (sign))

Datum
rating_accum_int2(PG_FUNCTION_ARGS)
{
	return RATING_STEP(rating_from_int64(PG_GETARG_INT16(1)), 1);
}

Datum
rating_accum_int4(PG_FUNCTION_ARGS)
{
	return RATING_STEP(rating_from_int64(PG_GETARG_INT32(1)), 1);
}

Datum
rating_accum_int8(PG_FUNCTION_ARGS)
{
	return RATING_STEP(rating_from_int64(PG_GETARG_INT64(1)), 1);
}

Datum
rating_accum_numeric(PG_FUNCTION_ARGS)
{
	return RATING_STEP(rating_from_numeric(PG_GETARG_NUMERIC(1)), 1);
}

Datum
rating_accum_float8(PG_FUNCTION_ARGS)
{
	return RATING_STEP(rating_from_float8(PG_GETARG_FLOAT8(1)), 1);
}

Datum
rating_retract_int2(PG_FUNCTION_ARGS)
{
	return RATING_STEP(rating_from_int64(PG_GETARG_INT16(1)), -1);
}

Datum
rating_retract_int4(PG_FUNCTION_ARGS)
{
	return RATING_STEP(rating_from_int64(PG_GETARG_INT32(1)), -1);
}

Datum
rating_retract_int8(PG_FUNCTION_ARGS)
{
	return RATING_STEP(rating_from_int64(PG_GETARG_INT64(1)), -1);
}

Datum
rating_retract_numeric(PG_FUNCTION_ARGS)
{
	return RATING_STEP(rating_from_numeric(PG_GETARG_NUMERIC(1)), -1);
}

Datum
rating_retract_float8(PG_FUNCTION_ARGS)
{
	return RATING_STEP(rating_from_float8(PG_GETARG_FLOAT8(1)), -1);
}

/*
 * Combine function of every ratings aggregate, and transition function of
 * rollup(): adds a summary into the state.
 */
Datum
rating_summary_combine(PG_FUNCTION_ARGS)
{
	return counts_summary_combine(fcinfo, &rating_summary_type, 1);
}

/* Inverse of rollup() in a moving window frame. */
Datum
rating_summary_retract(PG_FUNCTION_ARGS)
{
	return counts_summary_combine(fcinfo, &rating_summary_type, -1);
}

/* Final function of rating_agg() and rollup(): no answers give NULL. */
Datum
rating_summary_final(PG_FUNCTION_ARGS)
{
	return counts_summary_final(fcinfo, &rating_summary_type);
}
