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

const SummaryType kano_summary_type = {
	.name = "kano_summary",
	.version = KANO_SUMMARY_VERSION,
	.layout = &kano_layout,
	.wording = SUMMARY_KEYED,
	.syntax_hint = gettext_noop("A kano_summary is written as pair:count entries, the pair being the functional then the dysfunctional answer (1 to 5), for example {15:3,33:2}; {} has none."),
	.key = gettext_noop("answer pair"),
	.key_capitalised = gettext_noop("Answer pair"),
	.key_detail = gettext_noop("A pair is two digits, the functional then the dysfunctional answer, each from 1 to 5 (11 to 55)."),
	.answers = gettext_noop("answer pairs"),
	.removed = gettext_noop("answer pairs"),
	.sums_detail = gettext_noop("A summary without answers has zero sums, and each sum is a normalised pair."),
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
