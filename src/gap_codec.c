/*
 * gap_codec.c
 *	  Text and binary encodings of gap_summary and servqual_summary sums.
 *
 * gap_summary text: {n:3,w:3,wg:-1.5,g:-1.5,gg:2.25,p:12,e:13.5}, keys in
 * that order.  servqual_summary text: {1:[3,15,18],5:[2,10,12.5]}, item:
 * [answers, sum of perceptions, sum of expectations] for items with
 * answers, in item order; {} for none.  White space is accepted between
 * tokens; output is canonical.  Binary: version byte, then counts as int64
 * and each sum as two float8 (hi, lo), network byte order.
 */
#include "gap_codec.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *
skip_space(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' || *p == '\v')
		p++;
	return p;
}

static GapCodecStatus
fail(GapCodecError *err, GapCodecStatus status, const char *str, const char *at, int64_t value)
{
	err->position = (size_t) (at - str);
	err->value = value;
	return status;
}

/* A signed decimal integer in int64 range; NULL when there is none. */
static const char *
read_int64(const char *p, int64_t *out, int *overflow)
{
	int			neg = 0;
	uint64_t	v = 0;
	const char *start;

	*overflow = 0;
	if (*p == '-')
	{
		neg = 1;
		p++;
	}
	start = p;
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
	*out = neg ? -(int64_t) v : (int64_t) v;
	return p;
}

/* A decimal number as strtod reads it, but only a plain one: no inf, nan or hex. */
static const char *
read_double(const char *p, double *out)
{
	const char *q = p;
	char	   *end;

	if (*q == '+' || *q == '-')
		q++;
	if (!((*q >= '0' && *q <= '9') || (*q == '.' && q[1] >= '0' && q[1] <= '9')))
		return NULL;
	if (*q == '0' && (q[1] == 'x' || q[1] == 'X'))
		return NULL;
	*out = strtod(p, &end);
	if (end == p)
		return NULL;
	return end;
}

/* hi, or hi followed by a signed lo: "0.30000000000000004-2.7e-17". */
static const char *
read_dd(const char *p, DD *out, int *not_finite)
{
	double		hi,
				lo = 0.0;

	*not_finite = 0;
	p = read_double(p, &hi);
	if (p == NULL)
		return NULL;
	if (*p == '+' || *p == '-')
	{
		p = read_double(p, &lo);
		if (p == NULL)
			return NULL;
	}
	if (!isfinite(hi) || !isfinite(lo) || !isfinite(hi + lo))
	{
		*not_finite = 1;
		return p;
	}
	*out = dd_make(hi, lo);
	return p;
}

static size_t
format_dd(char *buf, size_t buflen, DD v)
{
	if (v.lo == 0.0)
		return (size_t) snprintf(buf, buflen, "%.17g", v.hi == 0.0 ? 0.0 : v.hi);
	return (size_t) snprintf(buf, buflen, "%.17g%+.17g", v.hi, v.lo);
}

static int
dd_is_zero(DD v)
{
	return v.hi == 0.0 && v.lo == 0.0;
}

/* ---- gap_summary ------------------------------------------------------- */

static DD  *
gap_field(GapSums *s, int i)
{
	DD		   *f[GAP_NSUMS] = {&s->w, &s->wg, &s->g, &s->gg, &s->p, &s->e};

	return f[i];
}

static const char *const gap_keys[GAP_NSUMS] = {"w", "wg", "g", "gg", "p", "e"};

GapSums
gap_sums_canonical(const GapSums *s)
{
	GapSums		c = *s;

	for (int i = 0; i < GAP_NSUMS; i++)
		*gap_field(&c, i) = dd_normalise(*gap_field(&c, i));
	return c;
}

int
gap_sums_finite(const GapSums *s)
{
	GapSums		c = *s;

	for (int i = 0; i < GAP_NSUMS; i++)
		if (!isfinite(gap_field(&c, i)->hi) || !isfinite(gap_field(&c, i)->lo))
			return 0;
	return 1;
}

static GapCodecStatus
gap_check(const GapSums *s)
{
	GapSums		copy = *s;

	if (s->n < 0)
		return GAP_CODEC_RANGE;
	if (s->n == 0)
		for (int i = 0; i < GAP_NSUMS; i++)
			if (!dd_is_zero(*gap_field(&copy, i)))
				return GAP_CODEC_INCONSISTENT;
	return GAP_CODEC_OK;
}

/* "key:" with white space around the colon */
static const char *
expect_key(const char *p, const char *key)
{
	size_t		len = strlen(key);

	p = skip_space(p);
	if (strncmp(p, key, len) != 0)
		return NULL;
	p = skip_space(p + len);
	if (*p != ':')
		return NULL;
	return skip_space(p + 1);
}

GapCodecStatus
gap_parse_text(const char *str, GapSums *s, GapCodecError *err)
{
	const char *p = skip_space(str);
	const char *at;
	int			overflow,
				not_finite;
	GapCodecStatus status;

	memset(s, 0, sizeof(*s));
	if (*p != '{')
		return fail(err, GAP_CODEC_SYNTAX, str, p, 0);
	at = p + 1;
	p = expect_key(p + 1, "n");
	if (p == NULL)
		return fail(err, GAP_CODEC_SYNTAX, str, skip_space(at), 0);
	at = p;
	p = read_int64(p, &s->n, &overflow);
	if (p == NULL)
		return fail(err, overflow ? GAP_CODEC_RANGE : GAP_CODEC_SYNTAX, str, at, overflow ? INT64_MAX : 0);
	if (s->n < 0)
		return fail(err, GAP_CODEC_RANGE, str, at, s->n);

	for (int i = 0; i < GAP_NSUMS; i++)
	{
		p = skip_space(p);
		if (*p != ',')
			return fail(err, GAP_CODEC_SYNTAX, str, p, 0);
		at = skip_space(p + 1);
		p = expect_key(p + 1, gap_keys[i]);
		if (p == NULL)
			return fail(err, GAP_CODEC_SYNTAX, str, at, 0);
		at = p;
		p = read_dd(p, gap_field(s, i), &not_finite);
		if (p == NULL)
			return fail(err, GAP_CODEC_SYNTAX, str, at, 0);
		if (not_finite)
			return fail(err, GAP_CODEC_NOT_FINITE, str, at, i);
	}
	p = skip_space(p);
	if (*p != '}')
		return fail(err, GAP_CODEC_SYNTAX, str, p, 0);
	p = skip_space(p + 1);
	if (*p != '\0')
		return fail(err, GAP_CODEC_SYNTAX, str, p, 0);
	status = gap_check(s);
	if (status != GAP_CODEC_OK)
		return fail(err, status, str, str, s->n);
	return GAP_CODEC_OK;
}

size_t
gap_format_text(const GapSums *s, char *buf, size_t buflen)
{
	GapSums		copy = gap_sums_canonical(s);
	size_t		len = (size_t) snprintf(buf, buflen, "{n:%lld", (long long) s->n);

	for (int i = 0; i < GAP_NSUMS; i++)
	{
		len += (size_t) snprintf(buf + len, buflen - len, ",%s:", gap_keys[i]);
		len += format_dd(buf + len, buflen - len, *gap_field(&copy, i));
	}
	len += (size_t) snprintf(buf + len, buflen - len, "}");
	return len;
}

static void
put_u64(uint8_t *p, uint64_t v)
{
	for (int i = 7; i >= 0; i--)
	{
		p[i] = (uint8_t) (v & 0xff);
		v >>= 8;
	}
}

static uint64_t
get_u64(const uint8_t *p)
{
	uint64_t	v = 0;

	for (int i = 0; i < 8; i++)
		v = (v << 8) | p[i];
	return v;
}

static void
put_double(uint8_t *p, double d)
{
	uint64_t	v;

	memcpy(&v, &d, 8);
	put_u64(p, v);
}

static double
get_double(const uint8_t *p)
{
	uint64_t	v = get_u64(p);
	double		d;

	memcpy(&d, &v, 8);
	return d;
}

/* A pair from the wire must be finite and already normalised. */
static GapCodecStatus
get_dd(const uint8_t *p, DD *out)
{
	DD			v;

	v.hi = get_double(p);
	v.lo = get_double(p + 8);
	if (!isfinite(v.hi) || !isfinite(v.lo))
		return GAP_CODEC_NOT_FINITE;
	*out = dd_make(v.hi, v.lo);
	if (out->hi != v.hi || out->lo != v.lo)
		return GAP_CODEC_INCONSISTENT;
	return GAP_CODEC_OK;
}

GapCodecStatus
gap_decode_binary(const uint8_t *data, size_t len, GapSums *s, GapCodecError *err)
{
	err->position = 0;
	err->value = 0;
	memset(s, 0, sizeof(*s));
	if (len < 1)
		return GAP_CODEC_LENGTH;
	if (data[0] != GAP_SUMMARY_VERSION)
	{
		err->value = data[0];
		return GAP_CODEC_VERSION;
	}
	if (len != GAP_BINARY_SIZE)
	{
		err->value = (int64_t) len;
		return GAP_CODEC_LENGTH;
	}
	s->n = (int64_t) get_u64(data + 1);
	for (int i = 0; i < GAP_NSUMS; i++)
	{
		GapCodecStatus st = get_dd(data + 9 + 16 * i, gap_field(s, i));

		if (st != GAP_CODEC_OK)
		{
			err->position = (size_t) (9 + 16 * i);
			err->value = i;
			return st;
		}
	}
	err->value = s->n;
	return gap_check(s);
}

void
gap_encode_binary(const GapSums *s, uint8_t out[GAP_BINARY_SIZE])
{
	GapSums		copy = gap_sums_canonical(s);

	out[0] = GAP_SUMMARY_VERSION;
	put_u64(out + 1, (uint64_t) s->n);
	for (int i = 0; i < GAP_NSUMS; i++)
	{
		put_double(out + 9 + 16 * i, gap_field(&copy, i)->hi);
		put_double(out + 17 + 16 * i, gap_field(&copy, i)->lo);
	}
}

/* ---- servqual_summary -------------------------------------------------- */

static GapCodecStatus
item_check(const ServqualItem *it)
{
	if (it->n < 0)
		return GAP_CODEC_RANGE;
	if (it->n == 0 && (!dd_is_zero(it->p) || !dd_is_zero(it->e)))
		return GAP_CODEC_INCONSISTENT;
	return GAP_CODEC_OK;
}

GapCodecStatus
servqual_parse_text(const char *str, ServqualSums *s, GapCodecError *err)
{
	const char *p = skip_space(str);
	int			seen[SERVQUAL_ITEMS] = {0};
	int			overflow,
				not_finite;

	memset(s, 0, sizeof(*s));
	if (*p != '{')
		return fail(err, GAP_CODEC_SYNTAX, str, p, 0);
	p = skip_space(p + 1);
	if (*p != '}')
	{
		for (;;)
		{
			const char *at = p;
			int64_t		item;
			ServqualItem it;
			GapCodecStatus st;

			p = read_int64(p, &item, &overflow);
			if (p == NULL)
				return overflow ? fail(err, GAP_CODEC_RANGE, str, at, INT64_MAX)
					: fail(err, GAP_CODEC_SYNTAX, str, at, 0);
			if (item < 1 || item > SERVQUAL_ITEMS)
				return fail(err, GAP_CODEC_RANGE, str, at, item);
			if (seen[item - 1])
				return fail(err, GAP_CODEC_DUPLICATE, str, at, item);
			seen[item - 1] = 1;

			p = skip_space(p);
			if (*p != ':')
				return fail(err, GAP_CODEC_SYNTAX, str, p, 0);
			p = skip_space(p + 1);
			if (*p != '[')
				return fail(err, GAP_CODEC_SYNTAX, str, p, 0);
			p = skip_space(p + 1);
			at = p;
			p = read_int64(p, &it.n, &overflow);
			if (p == NULL)
				return fail(err, overflow ? GAP_CODEC_RANGE : GAP_CODEC_SYNTAX, str, at, item);
			for (int k = 0; k < 2; k++)
			{
				p = skip_space(p);
				if (*p != ',')
					return fail(err, GAP_CODEC_SYNTAX, str, p, 0);
				p = skip_space(p + 1);
				at = p;
				p = read_dd(p, k == 0 ? &it.p : &it.e, &not_finite);
				if (p == NULL)
					return fail(err, GAP_CODEC_SYNTAX, str, at, 0);
				if (not_finite)
					return fail(err, GAP_CODEC_NOT_FINITE, str, at, item);
			}
			p = skip_space(p);
			if (*p != ']')
				return fail(err, GAP_CODEC_SYNTAX, str, p, 0);
			st = item_check(&it);
			if (st != GAP_CODEC_OK)
				return fail(err, st, str, p, item);
			s->item[item - 1] = it;

			p = skip_space(p + 1);
			if (*p == '}')
				break;
			if (*p != ',')
				return fail(err, GAP_CODEC_SYNTAX, str, p, 0);
			p = skip_space(p + 1);
		}
	}
	p = skip_space(p + 1);
	if (*p != '\0')
		return fail(err, GAP_CODEC_SYNTAX, str, p, 0);
	return GAP_CODEC_OK;
}

size_t
servqual_format_text(const ServqualSums *s, char *buf, size_t buflen)
{
	size_t		len = (size_t) snprintf(buf, buflen, "{");
	const char *sep = "";

	for (int k = 0; k < SERVQUAL_ITEMS; k++)
	{
		const ServqualItem *it = &s->item[k];

		if (it->n == 0)
			continue;
		len += (size_t) snprintf(buf + len, buflen - len, "%s%d:[%lld,", sep, k + 1,
								 (long long) it->n);
		len += format_dd(buf + len, buflen - len, it->p);
		len += (size_t) snprintf(buf + len, buflen - len, ",");
		len += format_dd(buf + len, buflen - len, it->e);
		len += (size_t) snprintf(buf + len, buflen - len, "]");
		sep = ",";
	}
	len += (size_t) snprintf(buf + len, buflen - len, "}");
	return len;
}

GapCodecStatus
servqual_decode_binary(const uint8_t *data, size_t len, ServqualSums *s, GapCodecError *err)
{
	err->position = 0;
	err->value = 0;
	memset(s, 0, sizeof(*s));
	if (len < 1)
		return GAP_CODEC_LENGTH;
	if (data[0] != SERVQUAL_SUMMARY_VERSION)
	{
		err->value = data[0];
		return GAP_CODEC_VERSION;
	}
	if (len != SERVQUAL_BINARY_SIZE)
	{
		err->value = (int64_t) len;
		return GAP_CODEC_LENGTH;
	}
	for (int k = 0; k < SERVQUAL_ITEMS; k++)
	{
		const uint8_t *q = data + 1 + 40 * k;
		ServqualItem *it = &s->item[k];
		GapCodecStatus st;

		err->position = (size_t) (1 + 40 * k);
		err->value = k + 1;
		it->n = (int64_t) get_u64(q);
		st = get_dd(q + 8, &it->p);
		if (st == GAP_CODEC_OK)
			st = get_dd(q + 24, &it->e);
		if (st == GAP_CODEC_OK)
			st = item_check(it);
		if (st != GAP_CODEC_OK)
			return st;
	}
	return GAP_CODEC_OK;
}

void
servqual_encode_binary(const ServqualSums *s, uint8_t out[SERVQUAL_BINARY_SIZE])
{
	out[0] = SERVQUAL_SUMMARY_VERSION;
	for (int k = 0; k < SERVQUAL_ITEMS; k++)
	{
		uint8_t    *q = out + 1 + 40 * k;

		put_u64(q, (uint64_t) s->item[k].n);
		put_double(q + 8, s->item[k].p.hi);
		put_double(q + 16, s->item[k].p.lo);
		put_double(q + 24, s->item[k].e.hi);
		put_double(q + 32, s->item[k].e.lo);
	}
}
