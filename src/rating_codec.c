/*
 * rating_codec.c
 *	  Text and binary encodings of a rating histogram, in plain C.
 *
 * Text form: the non-zero counts in rating order, "{6:1,7:2,9:3}", and
 * "{}" for no answers.  Input also accepts white space between tokens and
 * zero counts; output is canonical, so text round-trips exactly.
 *
 * Binary form (network byte order): version byte, total n, then the eleven
 * counts.  The total is redundant on purpose: a decoder that finds it does
 * not match the counts knows the bytes are not a rating_summary.
 */
#include "rating_codec.h"

#include <stdio.h>

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		c == '\f' || c == '\v';
}

static const char *
skip_space(const char *p)
{
	while (is_space(*p))
		p++;
	return p;
}

/*
 * Reads an unsigned decimal integer no greater than INT64_MAX.  Returns
 * NULL with *overflow set when the digits exceed it, NULL with *overflow
 * clear when there is no digit at all.
 */
static const char *
read_uint63(const char *p, int64_t *out, int *overflow)
{
	uint64_t	v = 0;
	const char *start = p;

	*overflow = 0;
	while (*p >= '0' && *p <= '9')
	{
		uint64_t	d = (uint64_t) (*p - '0');

		if (v > ((uint64_t) INT64_MAX - d) / 10)
		{
			*overflow = 1;
			return NULL;
		}
		v = v * 10 + d;
		p++;
	}
	if (p == start)
		return NULL;
	*out = (int64_t) v;
	return p;
}

static RatingCodecStatus
fail(RatingCodecError *err, RatingCodecStatus status,
	 const char *str, const char *at, int64_t value)
{
	err->position = (size_t) (at - str);
	err->value = value;
	return status;
}

RatingCodecStatus
rating_parse_text(const char *str, RatingHistogram *hist, RatingCodecError *err)
{
	const char *p = skip_space(str);
	int			seen[RATING_NVALUES] = {0};
	int			overflow;

	hist->n = 0;
	for (int i = 0; i < RATING_NVALUES; i++)
		hist->counts[i] = 0;

	if (*p != '{')
		return fail(err, RATING_CODEC_SYNTAX, str, p, 0);
	p = skip_space(p + 1);

	if (*p != '}')
	{
		for (;;)
		{
			const char *rating_at = p;
			int64_t		rating;
			int64_t		count;

			p = read_uint63(p, &rating, &overflow);
			if (p == NULL)
				return overflow
					? fail(err, RATING_CODEC_RATING_RANGE, str, rating_at, INT64_MAX)
					: fail(err, RATING_CODEC_SYNTAX, str, rating_at, 0);
			if (rating > RATING_MAX)
				return fail(err, RATING_CODEC_RATING_RANGE, str, rating_at, rating);
			if (seen[rating])
				return fail(err, RATING_CODEC_DUPLICATE, str, rating_at, rating);
			seen[rating] = 1;

			p = skip_space(p);
			if (*p != ':')
				return fail(err, RATING_CODEC_SYNTAX, str, p, 0);
			p = skip_space(p + 1);

			{
				const char *count_at = p;

				p = read_uint63(p, &count, &overflow);
				if (p == NULL)
					return overflow
						? fail(err, RATING_CODEC_COUNT_RANGE, str, count_at, rating)
						: fail(err, RATING_CODEC_SYNTAX, str, count_at, 0);
				if (count > INT64_MAX - hist->n)
					return fail(err, RATING_CODEC_TOTAL_RANGE, str, count_at, rating);
			}
			hist->counts[rating] = count;
			hist->n += count;

			p = skip_space(p);
			if (*p == '}')
				break;
			if (*p != ',')
				return fail(err, RATING_CODEC_SYNTAX, str, p, 0);
			p = skip_space(p + 1);
		}
	}

	p = skip_space(p + 1);
	if (*p != '\0')
		return fail(err, RATING_CODEC_SYNTAX, str, p, 0);
	return RATING_CODEC_OK;
}

size_t
rating_format_text(const RatingHistogram *hist, char *buf, size_t buflen)
{
	size_t		len = 0;
	const char *sep = "";

	len += (size_t) snprintf(buf + len, buflen - len, "{");
	for (int i = 0; i < RATING_NVALUES; i++)
	{
		if (hist->counts[i] == 0)
			continue;
		len += (size_t) snprintf(buf + len, buflen - len, "%s%d:%lld",
								 sep, i, (long long) hist->counts[i]);
		sep = ",";
	}
	len += (size_t) snprintf(buf + len, buflen - len, "}");
	return len;
}

static int64_t
get_int64_be(const uint8_t *p)
{
	uint64_t	v = 0;

	for (int i = 0; i < 8; i++)
		v = (v << 8) | p[i];
	return (int64_t) v;
}

static void
put_int64_be(uint8_t *p, int64_t value)
{
	uint64_t	v = (uint64_t) value;

	for (int i = 7; i >= 0; i--)
	{
		p[i] = (uint8_t) (v & 0xff);
		v >>= 8;
	}
}

RatingCodecStatus
rating_decode_binary(const uint8_t *data, size_t len, RatingHistogram *hist,
					 RatingCodecError *err)
{
	int64_t		total = 0;

	err->position = 0;
	err->value = 0;
	if (len < 1)
		return RATING_CODEC_LENGTH;
	if (data[0] != RATING_SUMMARY_VERSION)
	{
		err->value = data[0];
		return RATING_CODEC_VERSION;
	}
	if (len != RATING_BINARY_SIZE)
	{
		err->value = (int64_t) len;
		return RATING_CODEC_LENGTH;
	}

	hist->n = get_int64_be(data + 1);
	for (int i = 0; i < RATING_NVALUES; i++)
	{
		int64_t		count = get_int64_be(data + 9 + 8 * i);

		err->position = (size_t) (9 + 8 * i);
		err->value = i;
		if (count < 0)
			return RATING_CODEC_COUNT_RANGE;
		if (count > INT64_MAX - total)
			return RATING_CODEC_TOTAL_RANGE;
		total += count;
		hist->counts[i] = count;
	}
	if (total != hist->n)
	{
		err->position = 1;
		err->value = hist->n;
		return RATING_CODEC_TOTAL_MISMATCH;
	}
	return RATING_CODEC_OK;
}

void
rating_encode_binary(const RatingHistogram *hist, uint8_t out[RATING_BINARY_SIZE])
{
	out[0] = RATING_SUMMARY_VERSION;
	put_int64_be(out + 1, hist->n);
	for (int i = 0; i < RATING_NVALUES; i++)
		put_int64_be(out + 9 + 8 * i, hist->counts[i]);
}
