/*
 * kano_agg.c
 *	  Transition, inverse, combine and final functions of the Kano
 *	  aggregates.
 *
 * Every Kano aggregate (kano_agg, kano, kano_feature_category, kano_better,
 * kano_worse, rollup) keeps a kano_summary as its state, updated in place
 * by counts_step(), as rating_agg.c explains.
 */
#include "postgres.h"

#include "fmgr.h"

#include "kano_answer.h"
#include "kano_summary.h"

PG_FUNCTION_INFO_V1(kano_accum_int4);
PG_FUNCTION_INFO_V1(kano_accum_text);
PG_FUNCTION_INFO_V1(kano_retract_int4);
PG_FUNCTION_INFO_V1(kano_retract_text);
PG_FUNCTION_INFO_V1(kano_summary_combine);
PG_FUNCTION_INFO_V1(kano_summary_retract);
PG_FUNCTION_INFO_V1(kano_summary_final);

/* One answer pair enters (1) or leaves (-1) the state. */
#define KANO_STEP(f, d, sign) \
	counts_step(fcinfo, &kano_summary_type, KANO_CELLS, KANO_SUMMARY_VERSION, \
				KANO_CELL((f), (d)), (sign))

Datum
kano_accum_int4(PG_FUNCTION_ARGS)
{
	return KANO_STEP(kano_answer_from_int(PG_GETARG_INT32(1), "functional"),
					 kano_answer_from_int(PG_GETARG_INT32(2), "dysfunctional"), 1);
}

Datum
kano_accum_text(PG_FUNCTION_ARGS)
{
	return KANO_STEP(kano_answer_from_text(PG_GETARG_TEXT_PP(1), "functional"),
					 kano_answer_from_text(PG_GETARG_TEXT_PP(2), "dysfunctional"), 1);
}

Datum
kano_retract_int4(PG_FUNCTION_ARGS)
{
	return KANO_STEP(kano_answer_from_int(PG_GETARG_INT32(1), "functional"),
					 kano_answer_from_int(PG_GETARG_INT32(2), "dysfunctional"), -1);
}

Datum
kano_retract_text(PG_FUNCTION_ARGS)
{
	return KANO_STEP(kano_answer_from_text(PG_GETARG_TEXT_PP(1), "functional"),
					 kano_answer_from_text(PG_GETARG_TEXT_PP(2), "dysfunctional"), -1);
}

/* Combine function of every Kano aggregate, transition function of rollup(). */
Datum
kano_summary_combine(PG_FUNCTION_ARGS)
{
	return counts_summary_combine(fcinfo, &kano_summary_type, 1);
}

Datum
kano_summary_retract(PG_FUNCTION_ARGS)
{
	return counts_summary_combine(fcinfo, &kano_summary_type, -1);
}

/* Final function of kano_agg() and rollup(): no answers give NULL. */
Datum
kano_summary_final(PG_FUNCTION_ARGS)
{
	return counts_summary_final(fcinfo, &kano_summary_type);
}
