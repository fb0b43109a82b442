/*
 * gap_summary.c
 *	  gap_summary and servqual_summary: input, output, send, receive,
 *	  merging and equality.
 */
#include "postgres.h"

#include "fmgr.h"
#include "common/int.h"
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

static void
report_version(const char *type, int found, int expected, size_t size, size_t have)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("unsupported %s version %d", type, found),
			 errdetail("This release of csm reads %s version %d of %zu bytes; this value has %zu bytes.",
					   type, expected, size, have)));
}

void
gap_summary_check(const GapSummary *s)
{
	if (unlikely(s->version != GAP_SUMMARY_VERSION || VARSIZE(s) != sizeof(GapSummary)))
		report_version("gap_summary", s->version, GAP_SUMMARY_VERSION, sizeof(GapSummary), VARSIZE(s));
}

GapSummary *
gap_summary_new(void)
{
	GapSummary *s = palloc0(sizeof(GapSummary));

	SET_VARSIZE(s, sizeof(GapSummary));
	s->version = GAP_SUMMARY_VERSION;
	return s;
}

GapSummary *
gap_summary_copy(const GapSummary *src)
{
	GapSummary *s = palloc(sizeof(GapSummary));

	memcpy(s, src, sizeof(GapSummary));
	return s;
}

GapSummary *
gap_summary_from_datum(Datum d)
{
	GapSummary *s = (GapSummary *) PG_DETOAST_DATUM(d);

	gap_summary_check(s);
	return s;
}

static void
report_count_overflow(const char *type)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("%s count out of range", type),
			 errdetail("The combined number of answers exceeds %lld.", (long long) PG_INT64_MAX)));
}

/* Aggregates check their sums once, when read, rather than on every row. */
void
gap_summary_require_finite(const GapSums *s)
{
	if (unlikely(!gap_sums_finite(s)))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("gap_summary sum out of range"),
				 errdetail("The sums exceed the range of double precision.")));
}

static DD
dd_signed(DD v, int sign)
{
	return sign > 0 ? v : dd_neg(v);
}

/* dst += sign * src: sign -1 removes src from a window frame */
void
gap_sums_add(GapSums *dst, const GapSums *src, int sign)
{
	int64		n;

	if (sign > 0 ? pg_add_s64_overflow(dst->n, src->n, &n) : pg_sub_s64_overflow(dst->n, src->n, &n))
		report_count_overflow("gap_summary");
	if (n < 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("cannot remove %lld answers from a gap_summary holding %lld",
						(long long) src->n, (long long) dst->n)));
	dst->n = n;
	dst->w = dd_add(dst->w, dd_signed(src->w, sign));
	dst->wg = dd_add(dst->wg, dd_signed(src->wg, sign));
	dst->g = dd_add(dst->g, dd_signed(src->g, sign));
	dst->gg = dd_add(dst->gg, dd_signed(src->gg, sign));
	dst->p = dd_add(dst->p, dd_signed(src->p, sign));
	dst->e = dd_add(dst->e, dd_signed(src->e, sign));
	if (n == 0)
		memset(dst, 0, sizeof(*dst));	/* an empty frame holds exact zeros */
	else if (unlikely(!gap_sums_finite(dst)))	/* each field on its own */
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("gap_summary sum out of range"),
				 errdetail("The combined sums exceed the range of double precision.")));
}

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

static void
report_codec_error(CodecStatus status, const CodecError *err, const char *input)
{
	const char *type = "gap_summary";

	switch (status)
	{
		case CODEC_OK:
			return;
		case CODEC_SYNTAX:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type %s: \"%s\"", type, input),
					 errdetail("Unexpected %s at character %zu.",
							   input[err->position] ? "character" : "end of input",
							   err->position + 1),
					 errhint("A gap_summary is written as {n:3,w:3,wg:-1.5,g:-1.5,gg:2.25,p:12,e:13.5}.")));
			break;
		case CODEC_COUNT_RANGE:
			ereport(ERROR,
					(errcode(input ? ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE : ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("%s value %lld is out of range", type, (long long) err->value),
					 errdetail("Counts are whole numbers from 0.")));
			break;
		case CODEC_NOT_FINITE:
			ereport(ERROR,
					(errcode(input ? ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE : ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("%s sums must be finite numbers", type)));
			break;
		case CODEC_INCONSISTENT:
			ereport(ERROR,
					(errcode(input ? ERRCODE_INVALID_TEXT_REPRESENTATION : ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid %s: the sums are inconsistent", type),
					 errdetail("A summary without answers has zero sums, and each sum is a normalised pair.")));
			break;
		case CODEC_VERSION:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("unsupported binary %s version %lld", type, (long long) err->value),
					 errdetail("This release of csm reads version %d.", GAP_SUMMARY_VERSION)));
			break;
		case CODEC_LENGTH:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid binary %s: %lld bytes", type, (long long) err->value),
					 errdetail("Version %d has exactly %d bytes.", GAP_SUMMARY_VERSION, GAP_BINARY_SIZE)));
			break;
		default:
			break;
	}
	elog(ERROR, "unexpected gap codec status %d", (int) status);
}


Datum
gap_summary_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	GapSummary *s = gap_summary_new();
	CodecError err;

	report_codec_error(gap_parse_text(str, &s->sums, &err), &err, str);
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
	CodecError err;

	report_codec_error(gap_decode_binary((const uint8_t *) buf->data + buf->cursor,
										 (size_t) (buf->len - buf->cursor), &s->sums, &err),
					   &err, NULL);
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
	GapSummary *r = gap_summary_copy(PG_GETARG_GAP_SUMMARY_P(0));

	gap_sums_add(&r->sums, &PG_GETARG_GAP_SUMMARY_P(1)->sums, 1);
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
