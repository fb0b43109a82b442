/*
 * rating_summary.c
 *	  The rating_summary type: its words for errors, input, output, send,
 *	  receive, and the operators +, -, = and <> (counts_summary.c does the
 *	  work).
 *
 * `+` lets a rollup table be maintained row by row:
 *   INSERT ... ON CONFLICT (day, store) DO UPDATE SET s = t.s + EXCLUDED.s
 */
#include "postgres.h"

#include "fmgr.h"

#include "rating_summary.h"

PG_FUNCTION_INFO_V1(rating_summary_in);
PG_FUNCTION_INFO_V1(rating_summary_out);
PG_FUNCTION_INFO_V1(rating_summary_recv);
PG_FUNCTION_INFO_V1(rating_summary_send);
PG_FUNCTION_INFO_V1(rating_summary_merge);
PG_FUNCTION_INFO_V1(rating_summary_difference);
PG_FUNCTION_INFO_V1(rating_summary_eq);
PG_FUNCTION_INFO_V1(rating_summary_ne);

const SummaryType rating_summary_type = {
	.name = "rating_summary",
	.version = RATING_SUMMARY_VERSION,
	.layout = &rating_layout,
	.wording = SUMMARY_KEYED,
	.syntax_hint = gettext_noop("A rating_summary is written as rating:count pairs, for example {6:1,7:2,9:3}; {} has no answers."),
	.key = gettext_noop("rating"),
	.key_capitalised = gettext_noop("Rating"),
	.key_detail = gettext_noop("Ratings are whole numbers from 0 to 10."),
	.answers = gettext_noop("answers"),
	.removed = gettext_noop("answers of rating"),
	.sums_detail = gettext_noop("A summary without answers has zero sums, and each sum is a normalised pair."),
};

Datum
rating_summary_in(PG_FUNCTION_ARGS)
{
	return counts_summary_in(fcinfo, &rating_summary_type);
}

Datum
rating_summary_out(PG_FUNCTION_ARGS)
{
	return counts_summary_out(fcinfo, &rating_summary_type);
}

Datum
rating_summary_recv(PG_FUNCTION_ARGS)
{
	return counts_summary_recv(fcinfo, &rating_summary_type);
}

Datum
rating_summary_send(PG_FUNCTION_ARGS)
{
	return counts_summary_send(fcinfo, &rating_summary_type);
}

/* a + b: the summary of both sets of answers; overflow is an error. */
Datum
rating_summary_merge(PG_FUNCTION_ARGS)
{
	return counts_summary_operate(fcinfo, &rating_summary_type, 1);
}

/* a - b: removes answers that a contains; b not inside a is an error. */
Datum
rating_summary_difference(PG_FUNCTION_ARGS)
{
	return counts_summary_operate(fcinfo, &rating_summary_type, -1);
}

Datum
rating_summary_eq(PG_FUNCTION_ARGS)
{
	return counts_summary_equal(fcinfo, &rating_summary_type, true);
}

Datum
rating_summary_ne(PG_FUNCTION_ARGS)
{
	return counts_summary_equal(fcinfo, &rating_summary_type, false);
}
