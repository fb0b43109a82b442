/*
 * rating_summary.c
 *	  The rating_summary type: input, output, send, receive, and the
 *	  arithmetic every ratings aggregate shares.
 */
#include "postgres.h"

#include "fmgr.h"
#include "common/int.h"
#include "libpq/pqformat.h"

#include "rating_summary.h"

PG_FUNCTION_INFO_V1(rating_summary_in);
PG_FUNCTION_INFO_V1(rating_summary_out);
PG_FUNCTION_INFO_V1(rating_summary_recv);
PG_FUNCTION_INFO_V1(rating_summary_send);

RatingSummary *
rating_summary_new(void)
{
	RatingSummary *s = palloc0(RATING_SUMMARY_SIZE);

	SET_VARSIZE(s, RATING_SUMMARY_SIZE);
	s->version = RATING_SUMMARY_VERSION;
	return s;
}

RatingSummary *
rating_summary_copy(const RatingSummary *src)
{
	RatingSummary *s = palloc(RATING_SUMMARY_SIZE);

	memcpy(s, src, RATING_SUMMARY_SIZE);
	return s;
}

void
rating_summary_report_version(const RatingSummary *s)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("unsupported rating_summary version %d", s->version),
			 errdetail("This release of csm reads rating_summary version %d of %zu bytes; this value has %u bytes.",
					   RATING_SUMMARY_VERSION, RATING_SUMMARY_SIZE,
					   (unsigned) VARSIZE(s))));
}

/* Every rating_summary argument passes through here. */
RatingSummary *
rating_summary_from_datum(Datum d)
{
	RatingSummary *s = (RatingSummary *) PG_DETOAST_DATUM(d);

	rating_summary_check(s);
	return s;
}

static void
report_total_overflow(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("rating_summary count out of range"),
			 errdetail("The combined number of answers exceeds %lld.",
					   (long long) PG_INT64_MAX)));
}

/*
 * dst += src.  Every count is at most the total, so checking the total is
 * enough to rule out overflow of any count.
 */
void
rating_summary_add(RatingSummary *dst, const RatingSummary *src)
{
	int64		n;

	if (unlikely(pg_add_s64_overflow(dst->hist.n, src->hist.n, &n)))
		report_total_overflow();
	dst->hist.n = n;
	for (int i = 0; i < RATING_NVALUES; i++)
		dst->hist.counts[i] += src->hist.counts[i];
}

/* dst -= src, for moving-window frames; src must be contained in dst. */
void
rating_summary_subtract(RatingSummary *dst, const RatingSummary *src)
{
	for (int i = 0; i < RATING_NVALUES; i++)
		if (unlikely(dst->hist.counts[i] < src->hist.counts[i]))
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("cannot remove %lld answers of rating %d from a rating_summary holding %lld",
							(long long) src->hist.counts[i], i,
							(long long) dst->hist.counts[i])));

	dst->hist.n -= src->hist.n;
	for (int i = 0; i < RATING_NVALUES; i++)
		dst->hist.counts[i] -= src->hist.counts[i];
}

static void
report_codec_error(RatingCodecStatus status, const RatingCodecError *err,
				   const char *input)
{
	const char *syntax_hint =
		"A rating_summary is written as rating:count pairs, for example {6:1,7:2,9:3}; {} has no answers.";

	switch (status)
	{
		case RATING_CODEC_OK:
			return;
		case RATING_CODEC_SYNTAX:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type rating_summary: \"%s\"", input),
					 errdetail("Unexpected %s at character %zu.",
							   input[err->position] ? "character" : "end of input",
							   err->position + 1),
					 errhint("%s", syntax_hint)));
			break;
		case RATING_CODEC_DUPLICATE:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type rating_summary: \"%s\"", input),
					 errdetail("Rating %lld appears more than once.",
							   (long long) err->value)));
			break;
		case RATING_CODEC_RATING_RANGE:
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("rating %s is out of range for type rating_summary",
							err->value == PG_INT64_MAX ? "above 9223372036854775807" :
							psprintf("%lld", (long long) err->value)),
					 errdetail("Ratings are whole numbers from %d to %d.",
							   RATING_MIN, RATING_MAX)));
			break;
		case RATING_CODEC_COUNT_RANGE:
			if (input != NULL)
				ereport(ERROR,
						(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
						 errmsg("count of rating %lld is out of range for type bigint",
								(long long) err->value)));
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid binary rating_summary: negative count for rating %lld",
							(long long) err->value)));
			break;
		case RATING_CODEC_TOTAL_RANGE:
			report_total_overflow();
			break;
		case RATING_CODEC_TOTAL_MISMATCH:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid binary rating_summary: total %lld does not match the counts",
							(long long) err->value)));
			break;
		case RATING_CODEC_VERSION:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("unsupported binary rating_summary version %lld",
							(long long) err->value),
					 errdetail("This release of csm reads version %d.",
							   RATING_SUMMARY_VERSION)));
			break;
		case RATING_CODEC_LENGTH:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid binary rating_summary: %lld bytes",
							(long long) err->value),
					 errdetail("Version %d has exactly %d bytes.",
							   RATING_SUMMARY_VERSION, RATING_BINARY_SIZE)));
			break;
	}
	elog(ERROR, "unexpected rating codec status %d", (int) status);
}

Datum
rating_summary_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	RatingSummary *s = rating_summary_new();
	RatingCodecError err;

	report_codec_error(rating_parse_text(str, &s->hist, &err), &err, str);
	PG_RETURN_RATING_SUMMARY_P(s);
}

Datum
rating_summary_out(PG_FUNCTION_ARGS)
{
	RatingSummary *s = PG_GETARG_RATING_SUMMARY_P(0);
	char	   *buf = palloc(RATING_TEXT_MAXLEN);

	rating_format_text(&s->hist, buf, RATING_TEXT_MAXLEN);
	PG_RETURN_CSTRING(buf);
}

Datum
rating_summary_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	RatingSummary *s = rating_summary_new();
	RatingCodecError err;
	RatingCodecStatus status;

	status = rating_decode_binary((const uint8_t *) buf->data + buf->cursor,
								  (size_t) (buf->len - buf->cursor),
								  &s->hist, &err);
	report_codec_error(status, &err, NULL);
	buf->cursor = buf->len;
	PG_RETURN_RATING_SUMMARY_P(s);
}

Datum
rating_summary_send(PG_FUNCTION_ARGS)
{
	RatingSummary *s = PG_GETARG_RATING_SUMMARY_P(0);
	uint8_t		bytes[RATING_BINARY_SIZE];
	StringInfoData buf;

	rating_encode_binary(&s->hist, bytes);
	pq_begintypsend(&buf);
	pq_sendbytes(&buf, (const char *) bytes, RATING_BINARY_SIZE);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}
