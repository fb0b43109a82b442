/*
 * weighted_agg.c
 *	  Transition, inverse, combine and final functions of the weighted
 *	  ratings aggregates: rating_agg, nps, csat_top2, csat_topbox, ces_avg
 *	  and nps_ci over (score, weight), and rollup(weighted_rating_summary).
 *
 * The state is a weighted_rating_summary, updated in place when the
 * executor owns it (agg_state.h).  One answer enters its rating's cell
 * through counts_add_answer(), the counts core's per-answer step that
 * servqual_summary shares: one answer, its weight w, and w² as an exact
 * pair (TwoProd).  Scores are checked as every ratings aggregate checks
 * them (rating_score.h); NULL scores and weights are skipped by the
 * aggregates being strict, and a weight of 0 skips the answer here.
 *
 * Exact inverse.  While every weight is on the grid of weighted_codec.h
 * and the sums stay below its bounds, no addition rounds: the state is
 * the exact sum of its answers, whatever their order, and the inverse,
 * subtracting exactly what was added, gives back the same bytes as a
 * fresh aggregation of the frame.  The first addition outside that zone
 * sets WEIGHTED_INEXACT in the state, and from then on the inverse returns
 * NULL: PostgreSQL then recomputes the frame from its start (CREATE
 * AGGREGATE, moving-aggregate mode), so a window's answer never depends
 * on the path its state took (docs/metrics.md §8.5).
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/float.h"

#include "rating_score.h"
#include "weighted_summary.h"

PG_FUNCTION_INFO_V1(weighted_rating_accum_int2);
PG_FUNCTION_INFO_V1(weighted_rating_accum_int4);
PG_FUNCTION_INFO_V1(weighted_rating_accum_int8);
PG_FUNCTION_INFO_V1(weighted_rating_accum_numeric);
PG_FUNCTION_INFO_V1(weighted_rating_accum_float8);
PG_FUNCTION_INFO_V1(weighted_rating_retract_int2);
PG_FUNCTION_INFO_V1(weighted_rating_retract_int4);
PG_FUNCTION_INFO_V1(weighted_rating_retract_int8);
PG_FUNCTION_INFO_V1(weighted_rating_retract_numeric);
PG_FUNCTION_INFO_V1(weighted_rating_retract_float8);
PG_FUNCTION_INFO_V1(weighted_rating_summary_combine);
PG_FUNCTION_INFO_V1(weighted_rating_summary_retract);
PG_FUNCTION_INFO_V1(weighted_rating_summary_final);

pg_noreturn static pg_attribute_cold void
report_weight(float8 w)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("weight %s is out of range", float8out_internal(w)),
			 errdetail("Weights are 0, which skips the answer, or finite numbers from %g to %g.",
					   WEIGHT_MIN, WEIGHT_MAX),
			 errhint("NULL also skips the answer; scale weights that lie outside this range.")));
}

pg_noreturn static pg_attribute_cold void
report_step(CodecStatus status, const CodecError *err)
{
	if (status == CODEC_COUNT_RANGE)
		elog(ERROR, "an answer of rating %lld leaves a weighted_rating_summary window frame it never entered",
			 (long long) err->value);
	if (status == CODEC_NOT_FINITE)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("weighted_rating_summary sum out of range"),
				 errdetail("The sum of the weights of rating %lld exceeds the range of double precision.",
						   (long long) err->value)));
	summary_report(&weighted_rating_summary_type, status, err, NULL);
}

/*
 * The state to update: the executor's own, in place, once its header says
 * it is a wide weighted summary, exact or not (the core's in-place test,
 * as counts_step() makes it); anything else through counts_state(), which
 * copies and checks.
 */
static inline WeightedSummary *
weighted_state(FunctionCallInfo fcinfo)
{
	WeightedSummary *s = (WeightedSummary *) DatumGetPointer(PG_GETARG_DATUM(0));

	if (likely(agg_state_from_aggregate(fcinfo) &&
			   summary_header_matches(summary_header_word(s), sizeof(WeightedSummary),
									  WEIGHTED_SUMMARY_VERSION, 0, WEIGHTED_INEXACT)))
		return s;
	return (WeightedSummary *) counts_state(fcinfo, &weighted_rating_summary_type);
}

/*
 * One answer of this rating enters (sign 1) or leaves (sign -1) the state.
 * A weight of 0 leaves it unchanged; the inverse returns NULL when the
 * state may not be exact, or would not stay so.
 */
static inline Datum
weighted_step(FunctionCallInfo fcinfo, int rating, int sign)
{
	float8		w = PG_GETARG_FLOAT8(2);
	WeightedSummary *s;
	WeightedCell *cell;
	bool		on_grid;
	DD			values[2];
	CodecError	err;
	CodecStatus status;

	if (unlikely(!(w >= WEIGHT_MIN && w <= WEIGHT_MAX)))
	{
		if (w != 0.0)
			report_weight(w);
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	s = weighted_state(fcinfo);
	on_grid = weighted_on_grid(w, WEIGHT_GRID);
	if (sign < 0 && unlikely((s->head.flags & WEIGHTED_INEXACT) || !on_grid))
		PG_RETURN_NULL();

	/* w² exactly: a weight k / 2^16 with k < 2^26 squares without rounding */
	values[0].hi = w;
	values[0].lo = 0.0;
	values[1].hi = w * w;
	values[1].lo = likely(on_grid && w < 1024.0) ? 0.0 : two_prod_error(w, w, values[1].hi);

	status = counts_add_answer(&weighted_layout, weighted_ref(s), rating, values, sign, &err);
	if (unlikely(status != CODEC_OK))
		report_step(status, &err);
	cell = &s->cells.cell[rating];
	if (sign > 0 && unlikely(!on_grid || cell->w2.hi >= WEIGHT_SQ_BOUND))
		s->head.flags |= WEIGHTED_INEXACT;
	PG_RETURN_POINTER(s);
}

Datum
weighted_rating_accum_int2(PG_FUNCTION_ARGS)
{
	return weighted_step(fcinfo, rating_from_int64(PG_GETARG_INT16(1)), 1);
}

Datum
weighted_rating_accum_int4(PG_FUNCTION_ARGS)
{
	return weighted_step(fcinfo, rating_from_int64(PG_GETARG_INT32(1)), 1);
}

Datum
weighted_rating_accum_int8(PG_FUNCTION_ARGS)
{
	return weighted_step(fcinfo, rating_from_int64(PG_GETARG_INT64(1)), 1);
}

Datum
weighted_rating_accum_numeric(PG_FUNCTION_ARGS)
{
	return weighted_step(fcinfo, rating_from_numeric(PG_GETARG_NUMERIC(1)), 1);
}

Datum
weighted_rating_accum_float8(PG_FUNCTION_ARGS)
{
	return weighted_step(fcinfo, rating_from_float8(PG_GETARG_FLOAT8(1)), 1);
}

Datum
weighted_rating_retract_int2(PG_FUNCTION_ARGS)
{
	return weighted_step(fcinfo, rating_from_int64(PG_GETARG_INT16(1)), -1);
}

Datum
weighted_rating_retract_int4(PG_FUNCTION_ARGS)
{
	return weighted_step(fcinfo, rating_from_int64(PG_GETARG_INT32(1)), -1);
}

Datum
weighted_rating_retract_int8(PG_FUNCTION_ARGS)
{
	return weighted_step(fcinfo, rating_from_int64(PG_GETARG_INT64(1)), -1);
}

Datum
weighted_rating_retract_numeric(PG_FUNCTION_ARGS)
{
	return weighted_step(fcinfo, rating_from_numeric(PG_GETARG_NUMERIC(1)), -1);
}

Datum
weighted_rating_retract_float8(PG_FUNCTION_ARGS)
{
	return weighted_step(fcinfo, rating_from_float8(PG_GETARG_FLOAT8(1)), -1);
}

/* Whether every cell of s lies in the exact zone. */
static bool
summary_exact(const WeightedSummary *s)
{
	if (s->head.flags & WEIGHTED_INEXACT)
		return false;
	for (int r = RATING_MIN; r <= RATING_MAX; r++)
		if (s->cells.cell[r].n > 0 && !weighted_cell_exact(&s->cells.cell[r]))
			return false;
	return true;
}

/*
 * The summary in argument 1 enters (sign 1: combine function of every
 * weighted aggregate, transition function of rollup()) or leaves (sign -1,
 * rollup()'s inverse) the state; the inverse declines as the step's does.
 */
static Datum
weighted_combine(FunctionCallInfo fcinfo, int sign)
{
	bool		exact = summary_exact(PG_GETARG_WEIGHTED_SUMMARY_WIDE(1));
	WeightedSummary *s;

	/* the state is only read here; counts_summary_combine() takes it for update */
	if (sign < 0 &&
		(!exact || (counts_summary_detoast(&weighted_rating_summary_type,
										   PG_GETARG_DATUM(0))->head.flags & WEIGHTED_INEXACT)))
		PG_RETURN_NULL();
	s = (WeightedSummary *) DatumGetPointer(counts_summary_combine(fcinfo,
																   &weighted_rating_summary_type,
																   sign));
	if (!exact || !summary_exact(s))
		s->head.flags |= WEIGHTED_INEXACT;
	PG_RETURN_POINTER(s);
}

Datum
weighted_rating_summary_combine(PG_FUNCTION_ARGS)
{
	return weighted_combine(fcinfo, 1);
}

Datum
weighted_rating_summary_retract(PG_FUNCTION_ARGS)
{
	return weighted_combine(fcinfo, -1);
}

/*
 * Final function of rating_agg(score, weight) and rollup(): NULL without
 * answers; the value without the state's exactness flag, which is not
 * part of what it is (the core's final function).
 */
Datum
weighted_rating_summary_final(PG_FUNCTION_ARGS)
{
	return counts_summary_final(fcinfo, &weighted_rating_summary_type);
}
