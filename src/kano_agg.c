/*
 * kano_agg.c
 *	  Transition, inverse, combine and final functions of the Kano
 *	  aggregates.
 *
 * Every Kano aggregate (kano_agg, kano, kano_feature_category, kano_better,
 * kano_worse, rollup) keeps a kano_summary as its state, updated in place
 * when the executor owns it, as rating_agg.c explains.
 */
#include "postgres.h"

#include "fmgr.h"
#include "nodes/nodes.h"
#include "utils/builtins.h"

#include "kano_model.h"
#include "kano_summary.h"

PG_FUNCTION_INFO_V1(kano_accum_int4);
PG_FUNCTION_INFO_V1(kano_accum_text);
PG_FUNCTION_INFO_V1(kano_retract_int4);
PG_FUNCTION_INFO_V1(kano_retract_text);
PG_FUNCTION_INFO_V1(kano_summary_combine);
PG_FUNCTION_INFO_V1(kano_summary_retract);
PG_FUNCTION_INFO_V1(kano_summary_final);

int
kano_answer_from_int(int64 answer, const char *question)
{
	if (unlikely(answer < 1 || answer > KANO_ANSWERS))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("Kano %s answer " INT64_FORMAT " is out of range", question, answer),
				 errdetail("Kano answers are 1 (like), 2 (must-be), 3 (neutral), 4 (live-with) and 5 (dislike).")));
	return (int) answer;
}

int
kano_answer_from_text(text *answer, const char *question)
{
	char	   *label = text_to_cstring(answer);
	int			a = kano_answer_from_label(label);

	if (unlikely(a == 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid Kano %s answer \"%s\"", question, label),
				 errdetail("Kano answers are like, must-be (or expect), neutral, live-with (or tolerate) and dislike, or 1 to 5; case does not matter.")));
	return a;
}

static inline bool
executor_owns_state(FunctionCallInfo fcinfo)
{
	if (likely(fcinfo->context != NULL && IsA(fcinfo->context, AggState)))
		return true;
	return AggCheckCallContext(fcinfo, NULL) != 0;
}

static inline KanoSummary *
state_for_update(FunctionCallInfo fcinfo)
{
	Pointer		arg = DatumGetPointer(PG_GETARG_DATUM(0));
	KanoSummary *state;

	if (likely(!VARATT_IS_EXTENDED(arg) && executor_owns_state(fcinfo)))
	{
		state = (KanoSummary *) arg;
		kano_summary_check(state);
		return state;
	}
	state = PG_GETARG_KANO_SUMMARY_P(0);
	if ((Pointer) state == arg)
		state = kano_summary_copy(state);
	return state;
}

static Datum
accumulate(FunctionCallInfo fcinfo, int f, int d)
{
	KanoSummary *state = state_for_update(fcinfo);

	if (unlikely(state->counts.n == PG_INT64_MAX))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("kano_summary count out of range")));
	state->counts.n++;
	state->counts.cells[KANO_CELL(f, d)]++;
	PG_RETURN_KANO_SUMMARY_P(state);
}

static Datum
retract(FunctionCallInfo fcinfo, int f, int d)
{
	KanoSummary *state = state_for_update(fcinfo);

	if (unlikely(state->counts.cells[KANO_CELL(f, d)] == 0))
		elog(ERROR, "Kano answer pair %d%d leaves a window frame it never entered", f, d);
	state->counts.n--;
	state->counts.cells[KANO_CELL(f, d)]--;
	PG_RETURN_KANO_SUMMARY_P(state);
}

Datum
kano_accum_int4(PG_FUNCTION_ARGS)
{
	return accumulate(fcinfo, kano_answer_from_int(PG_GETARG_INT32(1), "functional"),
					  kano_answer_from_int(PG_GETARG_INT32(2), "dysfunctional"));
}

Datum
kano_accum_text(PG_FUNCTION_ARGS)
{
	return accumulate(fcinfo, kano_answer_from_text(PG_GETARG_TEXT_PP(1), "functional"),
					  kano_answer_from_text(PG_GETARG_TEXT_PP(2), "dysfunctional"));
}

Datum
kano_retract_int4(PG_FUNCTION_ARGS)
{
	return retract(fcinfo, kano_answer_from_int(PG_GETARG_INT32(1), "functional"),
				   kano_answer_from_int(PG_GETARG_INT32(2), "dysfunctional"));
}

Datum
kano_retract_text(PG_FUNCTION_ARGS)
{
	return retract(fcinfo, kano_answer_from_text(PG_GETARG_TEXT_PP(1), "functional"),
				   kano_answer_from_text(PG_GETARG_TEXT_PP(2), "dysfunctional"));
}

/* Combine function of every Kano aggregate, transition function of rollup(). */
Datum
kano_summary_combine(PG_FUNCTION_ARGS)
{
	KanoSummary *state = state_for_update(fcinfo);

	kano_summary_add(state, PG_GETARG_KANO_SUMMARY_P(1));
	PG_RETURN_KANO_SUMMARY_P(state);
}

Datum
kano_summary_retract(PG_FUNCTION_ARGS)
{
	KanoSummary *state = state_for_update(fcinfo);

	kano_summary_subtract(state, PG_GETARG_KANO_SUMMARY_P(1));
	PG_RETURN_KANO_SUMMARY_P(state);
}

/* Final function of kano_agg() and rollup(): no answers give NULL. */
Datum
kano_summary_final(PG_FUNCTION_ARGS)
{
	KanoSummary *state = PG_GETARG_KANO_SUMMARY_P(0);

	if (state->counts.n == 0)
		PG_RETURN_NULL();
	PG_RETURN_KANO_SUMMARY_P(state);
}
