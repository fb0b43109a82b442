/*
 * gap_agg.c
 *	  Transition, inverse, combine and final functions of the gap-model
 *	  aggregates (csi_weighted_gap, servqual_gap, gap_agg, servqual,
 *	  servqual_agg, rollup).  The state is the summary type itself, updated
 *	  in place when the executor owns it, as rating_agg.c explains.  The
 *	  inverse subtracts exactly what the transition added; with
 *	  double-double sums that restores the frame's sums to ~32 digits.
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "utils/float.h"

#include "gap_summary.h"

PG_FUNCTION_INFO_V1(gap_accum);
PG_FUNCTION_INFO_V1(gap_accum_weighted);
PG_FUNCTION_INFO_V1(gap_retract);
PG_FUNCTION_INFO_V1(gap_retract_weighted);
PG_FUNCTION_INFO_V1(gap_summary_combine);
PG_FUNCTION_INFO_V1(gap_summary_retract);
PG_FUNCTION_INFO_V1(gap_summary_final);
PG_FUNCTION_INFO_V1(servqual_accum);
PG_FUNCTION_INFO_V1(servqual_retract);
PG_FUNCTION_INFO_V1(servqual_summary_combine);
PG_FUNCTION_INFO_V1(servqual_summary_retract);
PG_FUNCTION_INFO_V1(servqual_summary_final);

/* The transition state to update (agg_state.h), checked. */
static inline GapSummary *
gap_state(FunctionCallInfo fcinfo)
{
	return (GapSummary *) summary_state(fcinfo, &gap_summary_type);
}

static inline double
finite_score(double x, const char *what)
{
	if (unlikely(!isfinite(x)))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s %s is not a finite number", what, float8out_internal(x)),
				 errdetail("Scores are finite numbers; NULL marks a missing answer.")));
	return x;
}

static inline double
valid_weight(double w)
{
	if (unlikely(!isfinite(w) || w < 0.0))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("importance weight %s is out of range", float8out_internal(w)),
				 errdetail("Weights are finite numbers of at least 0.")));
	return w;
}

/*
 * One row's contribution: sign +1 adds it, -1 removes it (window frames).
 * Every term enters exactly: P - E as a pair by TwoSum, w (P - E) and
 * (P - E)^2 as pairs by fma, each addition with its rounding error kept.
 * Sums that overflow double precision are caught when the state is read.
 */
/*
 * Whole numbers below 2^26 multiply exactly in double precision: the usual
 * case (scores on a 1..k scale, importance points), decided in a few
 * instructions, spares the splitting of two_prod_error().
 */
static inline bool
small_whole(double x)
{
	return fabs(x) < 67108864.0 && (double) (int64) x == x;
}

static inline double
product_error(double a, double b, double p)
{
	if (likely(small_whole(a) && small_whole(b)))
		return 0.0;
	return two_prod_error(a, b, p);
}

static inline void
gap_row(GapSums *s, double p, double e, double w, int sign)
{
	double		g = p - e;
	double		gb = g - p;
	double		gerr = (p - (g - gb)) + (-e - gb);	/* P - E = g + gerr exactly */
	double		wg = w * g;
	double		wgerr = product_error(w, g, wg) + w * gerr;
	double		gg = g * g;
	double		ggerr = product_error(g, g, gg) + 2.0 * g * gerr;

	if (sign < 0)
	{
		if (unlikely(s->n == 0))
			elog(ERROR, "a gap row leaves a window frame it never entered");
		p = -p;
		e = -e;
		w = -w;
		g = -g;
		gerr = -gerr;
		wg = -wg;
		wgerr = -wgerr;
		gg = -gg;
		ggerr = -ggerr;
	}
	else if (unlikely(s->n == PG_INT64_MAX))
		summary_report(&gap_summary_type, CODEC_TOTAL_RANGE, NULL, NULL);
	s->n += sign;
	dd_accumulate(&s->w, w);
	dd_accumulate(&s->wg, wg);
	s->wg.lo += wgerr;
	dd_accumulate(&s->g, g);
	s->g.lo += gerr;
	dd_accumulate(&s->gg, gg);
	s->gg.lo += ggerr;
	dd_accumulate(&s->p, p);
	dd_accumulate(&s->e, e);
	if (s->n == 0)
		memset(s, 0, sizeof(*s));
}

static Datum
gap_step(FunctionCallInfo fcinfo, bool weighted, int sign)
{
	GapSummary *state = gap_state(fcinfo);
	double		p = finite_score(PG_GETARG_FLOAT8(1), "perception");
	double		e = finite_score(PG_GETARG_FLOAT8(2), "expectation");
	double		w = weighted ? valid_weight(PG_GETARG_FLOAT8(3)) : 1.0;

	gap_row(&state->sums, p, e, w, sign);
	if (sign < 0)
		state->head.flags |= GAP_RETRACTED;
	PG_RETURN_POINTER(state);
}

Datum
gap_accum(PG_FUNCTION_ARGS)
{
	return gap_step(fcinfo, false, 1);
}

Datum
gap_accum_weighted(PG_FUNCTION_ARGS)
{
	return gap_step(fcinfo, true, 1);
}

Datum
gap_retract(PG_FUNCTION_ARGS)
{
	return gap_step(fcinfo, false, -1);
}

Datum
gap_retract_weighted(PG_FUNCTION_ARGS)
{
	return gap_step(fcinfo, true, -1);
}

Datum
gap_summary_combine(PG_FUNCTION_ARGS)
{
	GapSummary *state = gap_state(fcinfo);

	gap_summary_add(&state->sums, &PG_GETARG_GAP_SUMMARY_P(1)->sums, 1);
	PG_RETURN_POINTER(state);
}

Datum
gap_summary_retract(PG_FUNCTION_ARGS)
{
	GapSummary *state = gap_state(fcinfo);

	gap_summary_add(&state->sums, &PG_GETARG_GAP_SUMMARY_P(1)->sums, -1);
	state->head.flags |= GAP_RETRACTED;
	PG_RETURN_POINTER(state);
}

/*
 * Final function of gap_agg() and rollup(): a normalised copy, NULL when
 * empty.  Sums that only ever grew keep the rules by themselves (their
 * rounding is within the rules' slack, gap_codec.h); a state that answers
 * have left may keep the rounding of answers no longer in it, and is
 * brought back within the rules, so that every value csm returns reads
 * back in.
 */
Datum
gap_summary_final(PG_FUNCTION_ARGS)
{
	GapSummary *state = PG_GETARG_GAP_SUMMARY_P(0);
	GapSummary *result;

	if (state->sums.n == 0)
		PG_RETURN_NULL();
	gap_summary_require_finite(&state->sums);
	result = (GapSummary *) summary_copy(&state->head);
	result->head.flags = 0;
	result->sums = gap_sums_canonical(&state->sums);
	if ((state->head.flags & GAP_RETRACTED) && gap_sums_rule(&result->sums) != NULL &&
		!gap_sums_project(&result->sums))
		summary_report_sum_range(&gap_summary_type);
	PG_RETURN_POINTER(result);
}

static Datum
servqual_step(FunctionCallInfo fcinfo, int sign)
{
	ServqualSummary *state = (ServqualSummary *) counts_state(fcinfo, &servqual_summary_type);
	int			item = servqual_item(PG_GETARG_INT32(1));
	double		p = finite_score(PG_GETARG_FLOAT8(2), "perception");
	double		e = finite_score(PG_GETARG_FLOAT8(3), "expectation");
	DD			values[2] = {{p, 0.0}, {e, 0.0}};
	CodecError	err;

	switch (counts_add_answer(&servqual_layout, counts_summary_ref(&servqual_summary_type,
																   (CountsSummary *) state),
							  item - 1, values, sign, &err))
	{
		case CODEC_OK:
			break;
		case CODEC_COUNT_RANGE:
			elog(ERROR, "a SERVQUAL answer leaves a window frame it never entered");
			break;
		case CODEC_NOT_FINITE:
			summary_report_sum_range(&servqual_summary_type);
			break;
		default:
			summary_report(&servqual_summary_type, CODEC_TOTAL_RANGE, &err, NULL);
	}
	PG_RETURN_POINTER(state);
}

Datum
servqual_accum(PG_FUNCTION_ARGS)
{
	return servqual_step(fcinfo, 1);
}

Datum
servqual_retract(PG_FUNCTION_ARGS)
{
	return servqual_step(fcinfo, -1);
}

Datum
servqual_summary_combine(PG_FUNCTION_ARGS)
{
	return counts_summary_combine(fcinfo, &servqual_summary_type, 1);
}

Datum
servqual_summary_retract(PG_FUNCTION_ARGS)
{
	return counts_summary_combine(fcinfo, &servqual_summary_type, -1);
}

/* Final function of servqual_agg() and rollup(): no answers give NULL. */
Datum
servqual_summary_final(PG_FUNCTION_ARGS)
{
	return counts_summary_final(fcinfo, &servqual_summary_type);
}
