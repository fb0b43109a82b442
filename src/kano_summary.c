/*
 * kano_summary.c
 *	  The kano_summary type: input, output, send, receive, merge.
 */
#include "postgres.h"

#include "fmgr.h"
#include "common/int.h"
#include "libpq/pqformat.h"

#include "kano_summary.h"

PG_FUNCTION_INFO_V1(kano_summary_in);
PG_FUNCTION_INFO_V1(kano_summary_out);
PG_FUNCTION_INFO_V1(kano_summary_recv);
PG_FUNCTION_INFO_V1(kano_summary_send);
PG_FUNCTION_INFO_V1(kano_summary_merge);
PG_FUNCTION_INFO_V1(kano_summary_eq);
PG_FUNCTION_INFO_V1(kano_summary_ne);

KanoSummary *
kano_summary_new(void)
{
	KanoSummary *s = palloc0(KANO_SUMMARY_SIZE);

	SET_VARSIZE(s, KANO_SUMMARY_SIZE);
	s->version = KANO_SUMMARY_VERSION;
	return s;
}

KanoSummary *
kano_summary_copy(const KanoSummary *src)
{
	KanoSummary *s = palloc(KANO_SUMMARY_SIZE);

	memcpy(s, src, KANO_SUMMARY_SIZE);
	return s;
}

void
kano_summary_report_version(const KanoSummary *s)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("unsupported kano_summary version %d", s->version),
			 errdetail("This release of csm reads kano_summary version %d of %zu bytes; this value has %u bytes.",
					   KANO_SUMMARY_VERSION, KANO_SUMMARY_SIZE, (unsigned) VARSIZE(s))));
}

KanoSummary *
kano_summary_from_datum(Datum d)
{
	KanoSummary *s = (KanoSummary *) PG_DETOAST_DATUM(d);

	kano_summary_check(s);
	return s;
}

static void
report_total_overflow(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("kano_summary count out of range"),
			 errdetail("The combined number of answer pairs exceeds %lld.",
					   (long long) PG_INT64_MAX)));
}

/* dst += src; every cell is at most the total, so checking n suffices */
void
kano_summary_add(KanoSummary *dst, const KanoSummary *src)
{
	int64		n;

	if (unlikely(pg_add_s64_overflow(dst->counts.n, src->counts.n, &n)))
		report_total_overflow();
	dst->counts.n = n;
	for (int i = 0; i < KANO_CELLS; i++)
		dst->counts.cells[i] += src->counts.cells[i];
}

/* dst -= src, for moving-window frames; src must be contained in dst */
void
kano_summary_subtract(KanoSummary *dst, const KanoSummary *src)
{
	for (int i = 0; i < KANO_CELLS; i++)
		if (unlikely(dst->counts.cells[i] < src->counts.cells[i]))
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("cannot remove %lld answer pairs %d%d from a kano_summary holding %lld",
							(long long) src->counts.cells[i],
							i / KANO_ANSWERS + 1, i % KANO_ANSWERS + 1,
							(long long) dst->counts.cells[i])));
	dst->counts.n -= src->counts.n;
	for (int i = 0; i < KANO_CELLS; i++)
		dst->counts.cells[i] -= src->counts.cells[i];
}

static void
report_codec_error(KanoCodecStatus status, const KanoCodecError *err, const char *input)
{
	switch (status)
	{
		case KANO_CODEC_OK:
			return;
		case KANO_CODEC_SYNTAX:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type kano_summary: \"%s\"", input),
					 errdetail("Unexpected %s at character %zu.",
							   input[err->position] ? "character" : "end of input",
							   err->position + 1),
					 errhint("A kano_summary is written as pair:count entries, the pair being the functional then the dysfunctional answer (1 to 5), for example {15:3,33:2}; {} has none.")));
			break;
		case KANO_CODEC_DUPLICATE:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type kano_summary: \"%s\"", input),
					 errdetail("Answer pair %lld appears more than once.", (long long) err->value)));
			break;
		case KANO_CODEC_PAIR_RANGE:
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("answer pair %s is out of range for type kano_summary",
							err->value == PG_INT64_MAX ? "above 9223372036854775807" :
							psprintf("%lld", (long long) err->value)),
					 errdetail("A pair is two digits, the functional then the dysfunctional answer, each from 1 to 5 (11 to 55).")));
			break;
		case KANO_CODEC_COUNT_RANGE:
			if (input != NULL)
				ereport(ERROR,
						(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
						 errmsg("count of answer pair %lld is out of range for type bigint",
								(long long) err->value)));
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid binary kano_summary: negative count for answer pair %lld",
							(long long) err->value)));
			break;
		case KANO_CODEC_TOTAL_RANGE:
			report_total_overflow();
			break;
		case KANO_CODEC_TOTAL_MISMATCH:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid binary kano_summary: total %lld does not match the counts",
							(long long) err->value)));
			break;
		case KANO_CODEC_VERSION:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("unsupported binary kano_summary version %lld", (long long) err->value),
					 errdetail("This release of csm reads version %d.", KANO_SUMMARY_VERSION)));
			break;
		case KANO_CODEC_LENGTH:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid binary kano_summary: %lld bytes", (long long) err->value),
					 errdetail("Version %d has exactly %d bytes.",
							   KANO_SUMMARY_VERSION, KANO_BINARY_SIZE)));
			break;
	}
	elog(ERROR, "unexpected kano codec status %d", (int) status);
}

Datum
kano_summary_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	KanoSummary *s = kano_summary_new();
	KanoCodecError err;

	report_codec_error(kano_parse_text(str, &s->counts, &err), &err, str);
	PG_RETURN_KANO_SUMMARY_P(s);
}

Datum
kano_summary_out(PG_FUNCTION_ARGS)
{
	KanoSummary *s = PG_GETARG_KANO_SUMMARY_P(0);
	char	   *buf = palloc(KANO_TEXT_MAXLEN);

	kano_format_text(&s->counts, buf, KANO_TEXT_MAXLEN);
	PG_RETURN_CSTRING(buf);
}

Datum
kano_summary_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	KanoSummary *s = kano_summary_new();
	KanoCodecError err;

	report_codec_error(kano_decode_binary((const uint8_t *) buf->data + buf->cursor,
										  (size_t) (buf->len - buf->cursor), &s->counts, &err),
					   &err, NULL);
	buf->cursor = buf->len;
	PG_RETURN_KANO_SUMMARY_P(s);
}

Datum
kano_summary_send(PG_FUNCTION_ARGS)
{
	KanoSummary *s = PG_GETARG_KANO_SUMMARY_P(0);
	uint8_t		bytes[KANO_BINARY_SIZE];
	StringInfoData buf;

	kano_encode_binary(&s->counts, bytes);
	pq_begintypsend(&buf);
	pq_sendbytes(&buf, (const char *) bytes, KANO_BINARY_SIZE);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* a + b, a new value: for rollup tables maintained with ON CONFLICT */
Datum
kano_summary_merge(PG_FUNCTION_ARGS)
{
	KanoSummary *result = kano_summary_copy(PG_GETARG_KANO_SUMMARY_P(0));

	kano_summary_add(result, PG_GETARG_KANO_SUMMARY_P(1));
	PG_RETURN_KANO_SUMMARY_P(result);
}

static bool
counts_equal(const KanoSummary *a, const KanoSummary *b)
{
	return memcmp(&a->counts, &b->counts, sizeof(KanoCounts)) == 0;
}

Datum
kano_summary_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(counts_equal(PG_GETARG_KANO_SUMMARY_P(0), PG_GETARG_KANO_SUMMARY_P(1)));
}

Datum
kano_summary_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!counts_equal(PG_GETARG_KANO_SUMMARY_P(0), PG_GETARG_KANO_SUMMARY_P(1)));
}
