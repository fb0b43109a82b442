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
#include "nodes/nodes.h"
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

static inline bool
executor_owns_state(FunctionCallInfo fcinfo)
{
	if (likely(fcinfo->context != NULL && IsA(fcinfo->context, AggState)))
		return true;
	return AggCheckCallContext(fcinfo, NULL) != 0;
}

static GapSummary *
gap_state(FunctionCallInfo fcinfo)
{
	Pointer		arg = DatumGetPointer(PG_GETARG_DATUM(0));
	GapSummary *state;

	if (likely(!VARATT_IS_EXTENDED(arg) && executor_owns_state(fcinfo)))
	{
		state = (GapSummary *) arg;
		gap_summary_check(state);
		return state;
	}
	state = PG_GETARG_GAP_SUMMARY_P(0);
	if ((Pointer) state == arg)
		state = gap_summary_copy(state);
	return state;
}

static ServqualSummary *
servqual_state(FunctionCallInfo fcinfo)
{
	Pointer		arg = DatumGetPointer(PG_GETARG_DATUM(0));
	ServqualSummary *state;

	if (likely(!VARATT_IS_EXTENDED(arg) && executor_owns_state(fcinfo)))
	{
		state = (ServqualSummary *) arg;
		servqual_summary_check(state);
		return state;
	}
	state = PG_GETARG_SERVQUAL_SUMMARY_P(0);
	if ((Pointer) state == arg)
		state = servqual_summary_copy(state);
	return state;
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

/* One row's contribution: sign +1 adds it, -1 removes it (window frames). */
static void
gap_row(GapSums *s, double p, double e, double w, int sign)
{
	DD			g = two_sum(p, -e);		/* P - E, exactly */
	DD			wd = {w, 0.0};
	DD			wg = dd_mul(wd, g);
	DD			gg = dd_mul(g, g);

	if (sign < 0)
	{
		if (unlikely(s->n == 0))
			elog(ERROR, "a gap row leaves a window frame it never entered");
		g = dd_neg(g);
		wd = dd_neg(wd);
		wg = dd_neg(wg);
		gg = dd_neg(gg);
		p = -p;
		e = -e;
	}
	else if (unlikely(s->n == PG_INT64_MAX))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("gap_summary count out of range")));
	s->n += sign;
	s->w = dd_add(s->w, wd);
	s->wg = dd_add(s->wg, wg);
	s->g = dd_add(s->g, g);
	s->gg = dd_add(s->gg, gg);
	s->p = dd_add_double(s->p, p);
	s->e = dd_add_double(s->e, e);
	if (unlikely(!isfinite(s->wg.hi) || !isfinite(s->gg.hi) || !isfinite(s->w.hi) ||
				 !isfinite(s->p.hi) || !isfinite(s->e.hi)))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("gap_summary sum out of range"),
				 errdetail("The sums exceed the range of double precision.")));
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

	gap_sums_add(&state->sums, &PG_GETARG_GAP_SUMMARY_P(1)->sums, 1);
	PG_RETURN_POINTER(state);
}

Datum
gap_summary_retract(PG_FUNCTION_ARGS)
{
	GapSummary *state = gap_state(fcinfo);

	gap_sums_add(&state->sums, &PG_GETARG_GAP_SUMMARY_P(1)->sums, -1);
	PG_RETURN_POINTER(state);
}

Datum
gap_summary_final(PG_FUNCTION_ARGS)
{
	GapSummary *state = PG_GETARG_GAP_SUMMARY_P(0);

	if (state->sums.n == 0)
		PG_RETURN_NULL();
	PG_RETURN_POINTER(state);
}

int
servqual_item(int64 item)
{
	if (unlikely(item < 1 || item > SERVQUAL_ITEMS))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("SERVQUAL item " INT64_FORMAT " is out of range", item),
				 errdetail("SERVQUAL items are numbered 1 to %d.", SERVQUAL_ITEMS)));
	return (int) item;
}

static Datum
servqual_step(FunctionCallInfo fcinfo, int sign)
{
	ServqualSummary *state = servqual_state(fcinfo);
	int			item = servqual_item(PG_GETARG_INT32(1));
	double		p = finite_score(PG_GETARG_FLOAT8(2), "perception");
	double		e = finite_score(PG_GETARG_FLOAT8(3), "expectation");
	ServqualItem *it = &state->sums.item[item - 1];

	if (sign < 0 && unlikely(it->n == 0))
		elog(ERROR, "a SERVQUAL answer leaves a window frame it never entered");
	if (sign > 0 && unlikely(it->n == PG_INT64_MAX))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("servqual_summary count out of range")));
	it->n += sign;
	it->p = dd_add_double(it->p, sign * p);
	it->e = dd_add_double(it->e, sign * e);
	if (unlikely(!isfinite(it->p.hi) || !isfinite(it->e.hi)))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("servqual_summary sum out of range")));
	if (it->n == 0)
		memset(it, 0, sizeof(*it));
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
	ServqualSummary *state = servqual_state(fcinfo);

	servqual_sums_add(&state->sums, &PG_GETARG_SERVQUAL_SUMMARY_P(1)->sums, 1);
	PG_RETURN_POINTER(state);
}

Datum
servqual_summary_retract(PG_FUNCTION_ARGS)
{
	ServqualSummary *state = servqual_state(fcinfo);

	servqual_sums_add(&state->sums, &PG_GETARG_SERVQUAL_SUMMARY_P(1)->sums, -1);
	PG_RETURN_POINTER(state);
}

Datum
servqual_summary_final(PG_FUNCTION_ARGS)
{
	ServqualSummary *state = PG_GETARG_SERVQUAL_SUMMARY_P(0);

	for (int k = 0; k < SERVQUAL_ITEMS; k++)
		if (state->sums.item[k].n > 0)
			PG_RETURN_POINTER(state);
	PG_RETURN_NULL();
}
