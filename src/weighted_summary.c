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
	"Ratings are whole numbers from 0 to 10; answer counts are whole numbers from 0."

const CountsType weighted_rating_summary_type = {
	.layout = &weighted_layout,
	.syntax_hint = "A weighted_rating_summary is written as rating:[answers,sum of weights,sum of squared weights], for example {9:[3,2.5,2.25],10:[1,1,1]}; {} has no answers.",
	.key_range = "rating %s is out of range for type weighted_rating_summary",
	.key_range_detail = WEIGHTED_RANGE_DETAIL,
	.duplicate_detail = "Rating %lld appears more than once.",
	.count_range = "weighted_rating_summary count of rating %lld is out of range",
	.count_range_binary = "invalid binary weighted_rating_summary: negative count for rating %lld",
	.count_range_detail = WEIGHTED_RANGE_DETAIL,
	.answers = "answers",
	.remove = "cannot remove %lld answers of rating %lld from a weighted_rating_summary holding %lld",
	.sums_detail = "A rating without answers has zero sums; one with n answers has positive sums with (sum of weights)^2 / n <= sum of squared weights <= (sum of weights)^2, each a normalised pair.",
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
