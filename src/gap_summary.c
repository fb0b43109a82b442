/*
 * gap_summary.c
 *	  gap_summary and servqual_summary: input, output, send, receive,
 *	  merging and equality.
 *
 * gap_summary is a fixed-field summary with a codec of its own
 * (gap_codec.c) on the core's services (summary.h): the header check,
 * new and copied values, the transition state and the error reporter.
 * servqual_summary is a counts-core type (counts_summary.c does the work).
 */
#include "postgres.h"

#include "fmgr.h"
#include "libpq/pqformat.h"

#include "gap_summary.h"

PG_FUNCTION_INFO_V1(gap_summary_in);
PG_FUNCTION_INFO_V1(gap_summary_out);
PG_FUNCTION_INFO_V1(gap_summary_recv);
PG_FUNCTION_INFO_V1(gap_summary_send);
PG_FUNCTION_INFO_V1(gap_summary_merge);
PG_FUNCTION_INFO_V1(gap_summary_eq);
PG_FUNCTION_INFO_V1(gap_summary_ne);
PG_FUNCTION_INFO_V1(servqual_summary_in);
PG_FUNCTION_INFO_V1(servqual_summary_out);
PG_FUNCTION_INFO_V1(servqual_summary_recv);
PG_FUNCTION_INFO_V1(servqual_summary_send);
PG_FUNCTION_INFO_V1(servqual_summary_merge);
PG_FUNCTION_INFO_V1(servqual_summary_eq);
PG_FUNCTION_INFO_V1(servqual_summary_ne);

/* ---- gap_summary ------------------------------------------------------- */

const SummaryType gap_summary_type = {
	.name = "gap_summary",
	.version = GAP_SUMMARY_VERSION,
	.state_flags = GAP_RETRACTED,
	.size = sizeof(GapSummary),
	.binary_size = GAP_BINARY_SIZE,
	.wording = SUMMARY_VALUED,
	.syntax_hint = gettext_noop("A gap_summary is written as {n:3,w:3,wg:-1.5,g:-1.5,gg:2.25,p:12,e:13.5}."),
	.count_detail = gettext_noop("Counts are whole numbers from 0."),
	.answers = gettext_noop("answers"),
	.sums_detail = GAP_RULE_EMPTY,
};

GapSummary *
gap_summary_new(void)
{
	return (GapSummary *) summary_new(&gap_summary_type, false);
}

/* Aggregates check their sums once, when read, rather than on every row. */
void
gap_summary_require_finite(const GapSums *s)
{
	if (unlikely(!gap_sums_finite(s)))
		summary_report_sum_range(&gap_summary_type);
}

/* dst += sign * src (sign -1 removes src from a window frame), or the error. */
void
gap_summary_add(GapSums *dst, const GapSums *src, int sign)
{
	CodecError	err;

	switch (gap_sums_add(dst, src, sign, &err))
	{
		case CODEC_OK:
			return;
		case CODEC_COUNT_RANGE:
			summary_report_remove(&gap_summary_type, src->n, 0, dst->n);
			break;
		case CODEC_NOT_FINITE:
			summary_report_sum_range(&gap_summary_type);
			break;
		default:
			summary_report(&gap_summary_type, CODEC_TOTAL_RANGE, &err, NULL);
	}
}

Datum
gap_summary_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	GapSummary *s = gap_summary_new();
	CodecError	err;
	CodecStatus status = gap_parse_text(str, &s->sums, &err);

	if (status != CODEC_OK)
		summary_report(&gap_summary_type, status, &err, str);
	PG_RETURN_POINTER(s);
}

Datum
gap_summary_out(PG_FUNCTION_ARGS)
{
	GapSummary *s = PG_GETARG_GAP_SUMMARY_P(0);
	char	   *buf = palloc(GAP_TEXT_MAXLEN);

	gap_format_text(&s->sums, buf, GAP_TEXT_MAXLEN);
	PG_RETURN_CSTRING(buf);
}

Datum
gap_summary_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	GapSummary *s = gap_summary_new();
	CodecError	err;
	CodecStatus status = gap_decode_binary((const uint8_t *) buf->data + buf->cursor,
										   (size_t) (buf->len - buf->cursor), &s->sums, &err);

	if (status != CODEC_OK)
		summary_report(&gap_summary_type, status, &err, NULL);
	buf->cursor = buf->len;
	PG_RETURN_POINTER(s);
}

Datum
gap_summary_send(PG_FUNCTION_ARGS)
{
	GapSummary *s = PG_GETARG_GAP_SUMMARY_P(0);
	uint8_t		bytes[GAP_BINARY_SIZE];
	StringInfoData buf;

	gap_encode_binary(&s->sums, bytes);
	pq_begintypsend(&buf);
	pq_sendbytes(&buf, (const char *) bytes, GAP_BINARY_SIZE);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

Datum
gap_summary_merge(PG_FUNCTION_ARGS)
{
	GapSummary *r = (GapSummary *) summary_copy(&PG_GETARG_GAP_SUMMARY_P(0)->head);

	gap_summary_add(&r->sums, &PG_GETARG_GAP_SUMMARY_P(1)->sums, 1);
	PG_RETURN_POINTER(r);
}

static bool
gap_sums_equal(const GapSums *a, const GapSums *b)
{
	GapSums		ca = gap_sums_canonical(a);
	GapSums		cb = gap_sums_canonical(b);

	return memcmp(&ca, &cb, sizeof(GapSums)) == 0;
}

Datum
gap_summary_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(gap_sums_equal(&PG_GETARG_GAP_SUMMARY_P(0)->sums, &PG_GETARG_GAP_SUMMARY_P(1)->sums));
}

Datum
gap_summary_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!gap_sums_equal(&PG_GETARG_GAP_SUMMARY_P(0)->sums, &PG_GETARG_GAP_SUMMARY_P(1)->sums));
}

/* ---- servqual_summary -------------------------------------------------- */

/* A SERVQUAL item number, for the aggregates and the accessors alike. */
int
servqual_item(int64 item)
{
	if (unlikely(item < 1 || item > SERVQUAL_ITEMS))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("SERVQUAL item %lld is out of range", (long long) item),
				 errdetail("SERVQUAL items are numbered 1 to %d.", SERVQUAL_ITEMS)));
	return (int) item;
}

#define SERVQUAL_RANGE_DETAIL \
	gettext_noop("Counts are whole numbers from 0; SERVQUAL items run from 1 to 22.")

const SummaryType servqual_summary_type = {
	.name = "servqual_summary",
	.version = SERVQUAL_SUMMARY_VERSION,
	.layout = &servqual_layout,
	.wording = SUMMARY_VALUED,
	.syntax_hint = gettext_noop("A servqual_summary is written as item:[answers,sum of perceptions,sum of expectations], for example {1:[3,15,18]}; {} has none."),
	.key = gettext_noop("item"),
	.key_capitalised = gettext_noop("Item"),
	.key_detail = SERVQUAL_RANGE_DETAIL,
	.count_detail = SERVQUAL_RANGE_DETAIL,
	.answers = gettext_noop("answers"),
	.removed = gettext_noop("answers to item"),
	.sums_detail = gettext_noop("A summary without answers has zero sums, and each sum is a normalised pair."),
};

Datum
servqual_summary_in(PG_FUNCTION_ARGS)
{
	return counts_summary_in(fcinfo, &servqual_summary_type);
}

Datum
servqual_summary_out(PG_FUNCTION_ARGS)
{
	return counts_summary_out(fcinfo, &servqual_summary_type);
}

Datum
servqual_summary_recv(PG_FUNCTION_ARGS)
{
	return counts_summary_recv(fcinfo, &servqual_summary_type);
}

Datum
servqual_summary_send(PG_FUNCTION_ARGS)
{
	return counts_summary_send(fcinfo, &servqual_summary_type);
}

Datum
servqual_summary_merge(PG_FUNCTION_ARGS)
{
	return counts_summary_operate(fcinfo, &servqual_summary_type, 1);
}

Datum
servqual_summary_eq(PG_FUNCTION_ARGS)
{
	return counts_summary_equal(fcinfo, &servqual_summary_type, true);
}

Datum
servqual_summary_ne(PG_FUNCTION_ARGS)
{
	return counts_summary_equal(fcinfo, &servqual_summary_type, false);
}
