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

const CountsType rating_summary_type = {
	.layout = &rating_layout,
	.syntax_hint = "A rating_summary is written as rating:count pairs, for example {6:1,7:2,9:3}; {} has no answers.",
	.key_range = "rating %s is out of range for type rating_summary",
	.key_range_detail = "Ratings are whole numbers from 0 to 10.",
	.duplicate_detail = "Rating %lld appears more than once.",
	.count_range = "count of rating %lld is out of range for type bigint",
	.count_range_binary = "invalid binary rating_summary: negative count for rating %lld",
	.answers = "answers",
	.remove = "cannot remove %lld answers of rating %lld from a rating_summary holding %lld",
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
