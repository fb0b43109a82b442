/*
 * kano_codec.c
 *	  Text and binary encodings of Kano answer-pair counts, in plain C.
 *
 * Text form: "{15:3,25:1}" — each key is the functional answer followed by
 * the dysfunctional one (15 = like if present, dislike if absent), with its
 * count; non-zero pairs in key order, "{}" for none.  Input also accepts
 * white space between tokens and zero counts; output is canonical.
 *
 * Binary form (network byte order): version byte, total n, 25 counts.
 */
#include "kano_codec.h"

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

/* An unsigned decimal no greater than INT64_MAX; see rating_codec.c. */
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

static KanoCodecStatus
fail(KanoCodecError *err, KanoCodecStatus status, const char *str, const char *at,
	 int64_t value)
{
	err->position = (size_t) (at - str);
	err->value = value;
	return status;
}

static int
valid_pair(int64_t key)
{
	return key >= 11 && key <= 55 && key / 10 >= 1 && key / 10 <= 5 &&
		key % 10 >= 1 && key % 10 <= 5;
}

KanoCodecStatus
kano_parse_text(const char *str, KanoCounts *counts, KanoCodecError *err)
{
	const char *p = skip_space(str);
	int			seen[KANO_CELLS] = {0};
	int			overflow;

	counts->n = 0;
	for (int i = 0; i < KANO_CELLS; i++)
		counts->cells[i] = 0;

	if (*p != '{')
		return fail(err, KANO_CODEC_SYNTAX, str, p, 0);
	p = skip_space(p + 1);

	if (*p != '}')
	{
		for (;;)
		{
			const char *key_at = p;
			const char *count_at;
			int64_t		key;
			int64_t		count;
			int			cell;

			p = read_uint63(p, &key, &overflow);
			if (p == NULL)
				return overflow
					? fail(err, KANO_CODEC_PAIR_RANGE, str, key_at, INT64_MAX)
					: fail(err, KANO_CODEC_SYNTAX, str, key_at, 0);
			if (!valid_pair(key))
				return fail(err, KANO_CODEC_PAIR_RANGE, str, key_at, key);
			cell = KANO_CELL((int) (key / 10), (int) (key % 10));
			if (seen[cell])
				return fail(err, KANO_CODEC_DUPLICATE, str, key_at, key);
			seen[cell] = 1;

			p = skip_space(p);
			if (*p != ':')
				return fail(err, KANO_CODEC_SYNTAX, str, p, 0);
			p = skip_space(p + 1);

			count_at = p;
			p = read_uint63(p, &count, &overflow);
			if (p == NULL)
				return overflow
					? fail(err, KANO_CODEC_COUNT_RANGE, str, count_at, key)
					: fail(err, KANO_CODEC_SYNTAX, str, count_at, 0);
			if (count > INT64_MAX - counts->n)
				return fail(err, KANO_CODEC_TOTAL_RANGE, str, count_at, key);
			counts->cells[cell] = count;
			counts->n += count;

			p = skip_space(p);
			if (*p == '}')
				break;
			if (*p != ',')
				return fail(err, KANO_CODEC_SYNTAX, str, p, 0);
			p = skip_space(p + 1);
		}
	}

	p = skip_space(p + 1);
	if (*p != '\0')
		return fail(err, KANO_CODEC_SYNTAX, str, p, 0);
	return KANO_CODEC_OK;
}

size_t
kano_format_text(const KanoCounts *counts, char *buf, size_t buflen)
{
	size_t		len = 0;
	const char *sep = "";

	len += (size_t) snprintf(buf + len, buflen - len, "{");
	for (int f = 1; f <= KANO_ANSWERS; f++)
		for (int d = 1; d <= KANO_ANSWERS; d++)
		{
			int64_t		c = counts->cells[KANO_CELL(f, d)];

			if (c == 0)
				continue;
			len += (size_t) snprintf(buf + len, buflen - len, "%s%d%d:%lld",
									 sep, f, d, (long long) c);
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

KanoCodecStatus
kano_decode_binary(const uint8_t *data, size_t len, KanoCounts *counts,
				   KanoCodecError *err)
{
	int64_t		total = 0;

	err->position = 0;
	err->value = 0;
	if (len < 1)
		return KANO_CODEC_LENGTH;
	if (data[0] != KANO_SUMMARY_VERSION)
	{
		err->value = data[0];
		return KANO_CODEC_VERSION;
	}
	if (len != KANO_BINARY_SIZE)
	{
		err->value = (int64_t) len;
		return KANO_CODEC_LENGTH;
	}

	counts->n = get_int64_be(data + 1);
	for (int i = 0; i < KANO_CELLS; i++)
	{
		int64_t		c = get_int64_be(data + 9 + 8 * i);

		err->position = (size_t) (9 + 8 * i);
		err->value = (i / KANO_ANSWERS + 1) * 10 + i % KANO_ANSWERS + 1;
		if (c < 0)
			return KANO_CODEC_COUNT_RANGE;
		if (c > INT64_MAX - total)
			return KANO_CODEC_TOTAL_RANGE;
		total += c;
		counts->cells[i] = c;
	}
	if (total != counts->n)
	{
		err->position = 1;
		err->value = counts->n;
		return KANO_CODEC_TOTAL_MISMATCH;
	}
	return KANO_CODEC_OK;
}

void
kano_encode_binary(const KanoCounts *counts, uint8_t out[KANO_BINARY_SIZE])
{
	out[0] = KANO_SUMMARY_VERSION;
	put_int64_be(out + 1, counts->n);
	for (int i = 0; i < KANO_CELLS; i++)
		put_int64_be(out + 9 + 8 * i, counts->cells[i]);
}
