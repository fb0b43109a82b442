/*
 * kano_summary.c
 *	  The kano_summary type: its words for errors, input, output, send,
 *	  receive, and the operators + (merge), = and <> (counts_summary.c does
 *	  the work).
 */
#include "postgres.h"

#include "fmgr.h"

#include "kano_summary.h"

PG_FUNCTION_INFO_V1(kano_summary_in);
PG_FUNCTION_INFO_V1(kano_summary_out);
PG_FUNCTION_INFO_V1(kano_summary_recv);
PG_FUNCTION_INFO_V1(kano_summary_send);
PG_FUNCTION_INFO_V1(kano_summary_merge);
PG_FUNCTION_INFO_V1(kano_summary_eq);
PG_FUNCTION_INFO_V1(kano_summary_ne);

const CountsType kano_summary_type = {
	.layout = &kano_layout,
	.syntax_hint = "A kano_summary is written as pair:count entries, the pair being the functional then the dysfunctional answer (1 to 5), for example {15:3,33:2}; {} has none.",
	.key_range = "answer pair %s is out of range for type kano_summary",
	.key_range_detail = "A pair is two digits, the functional then the dysfunctional answer, each from 1 to 5 (11 to 55).",
	.duplicate_detail = "Answer pair %lld appears more than once.",
	.count_range = "count of answer pair %lld is out of range for type bigint",
	.count_range_binary = "invalid binary kano_summary: negative count for answer pair %lld",
	.answers = "answer pairs",
	.remove = "cannot remove %lld answer pairs %lld from a kano_summary holding %lld",
};

Datum
kano_summary_in(PG_FUNCTION_ARGS)
{
	return counts_summary_in(fcinfo, &kano_summary_type);
}

Datum
kano_summary_out(PG_FUNCTION_ARGS)
{
	return counts_summary_out(fcinfo, &kano_summary_type);
}

Datum
kano_summary_recv(PG_FUNCTION_ARGS)
{
	return counts_summary_recv(fcinfo, &kano_summary_type);
}

Datum
kano_summary_send(PG_FUNCTION_ARGS)
{
	return counts_summary_send(fcinfo, &kano_summary_type);
}

/* a + b, a new value: for rollup tables maintained with ON CONFLICT */
Datum
kano_summary_merge(PG_FUNCTION_ARGS)
{
	return counts_summary_operate(fcinfo, &kano_summary_type, 1);
}

Datum
kano_summary_eq(PG_FUNCTION_ARGS)
{
	return counts_summary_equal(fcinfo, &kano_summary_type, true);
}

Datum
kano_summary_ne(PG_FUNCTION_ARGS)
{
	return counts_summary_equal(fcinfo, &kano_summary_type, false);
}
