/*
 * weighted_summary.c
 *	  The weighted_rating_summary type: its words for errors, input, output,
 *	  send, receive, and the operators +, = and <> (counts_summary.c does
 *	  the work).
 *
 * `+` keeps a rollup table up to date row by row:
 *   INSERT ... ON CONFLICT (day, store) DO UPDATE SET s = t.s + EXCLUDED.s
 */
#include "postgres.h"

#include "fmgr.h"

#include "weighted_summary.h"

PG_FUNCTION_INFO_V1(weighted_rating_summary_in);
PG_FUNCTION_INFO_V1(weighted_rating_summary_out);
PG_FUNCTION_INFO_V1(weighted_rating_summary_recv);
PG_FUNCTION_INFO_V1(weighted_rating_summary_send);
PG_FUNCTION_INFO_V1(weighted_rating_summary_merge);
PG_FUNCTION_INFO_V1(weighted_rating_summary_eq);
PG_FUNCTION_INFO_V1(weighted_rating_summary_ne);

#define WEIGHTED_RANGE_DETAIL \
	gettext_noop("Ratings are whole numbers from 0 to 10; answer counts are whole numbers from 0.")

const SummaryType weighted_rating_summary_type = {
	.name = "weighted_rating_summary",
	.version = WEIGHTED_SUMMARY_VERSION,
	.state_flags = WEIGHTED_INEXACT,
	.layout = &weighted_layout,
	.wording = SUMMARY_KEYED,
	.syntax_hint = gettext_noop("A weighted_rating_summary is written as rating:[answers,sum of weights,sum of squared weights], for example {9:[3,2.5,2.25],10:[1,1,1]}; {} has no answers."),
	.key = gettext_noop("rating"),
	.key_capitalised = gettext_noop("Rating"),
	.key_detail = WEIGHTED_RANGE_DETAIL,
	.count_detail = WEIGHTED_RANGE_DETAIL,
	.answers = gettext_noop("answers"),
	.removed = gettext_noop("answers of rating"),
	.sums_detail = WEIGHTED_RULE_SUMS,
};

Datum
weighted_rating_summary_in(PG_FUNCTION_ARGS)
{
	return counts_summary_in(fcinfo, &weighted_rating_summary_type);
}

Datum
weighted_rating_summary_out(PG_FUNCTION_ARGS)
{
	return counts_summary_out(fcinfo, &weighted_rating_summary_type);
}

Datum
weighted_rating_summary_recv(PG_FUNCTION_ARGS)
{
	return counts_summary_recv(fcinfo, &weighted_rating_summary_type);
}

Datum
weighted_rating_summary_send(PG_FUNCTION_ARGS)
{
	return counts_summary_send(fcinfo, &weighted_rating_summary_type);
}

/* a + b: the summary of both sets of answers. */
Datum
weighted_rating_summary_merge(PG_FUNCTION_ARGS)
{
	return counts_summary_operate(fcinfo, &weighted_rating_summary_type, 1);
}

/* a = b: the same answers and sums (exactness flags are not part of a value). */
Datum
weighted_rating_summary_eq(PG_FUNCTION_ARGS)
{
	return counts_summary_equal(fcinfo, &weighted_rating_summary_type, true);
}

Datum
weighted_rating_summary_ne(PG_FUNCTION_ARGS)
{
	return counts_summary_equal(fcinfo, &weighted_rating_summary_type, false);
}
