/*
 * codec.c
 *	  Text and binary primitives shared by every summary codec.
 *
 * Text numbers are plain decimals: no signs where a count is read, no hex,
 * inf or nan anywhere.  A double-double sum prints as its high part with 17
 * significant digits followed, when the low part is not zero, by the low
 * part with its sign ("0.30000000000000004-2.7755575615628914e-17"), which
 * reads back exactly.  Binary integers and doubles are big-endian.
 */
#include "codec.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

CodecStatus
codec_fail(CodecError *err, CodecStatus status, const char *str, const char *at,
		   int64_t value)
{
	err->position = (size_t) (at - str);
	err->value = value;
	return status;
}

/*
 * The relative slack of a rule comparing sums of n answers (codec.h): the
 * floor covers the rule's own arithmetic and one more rounding by another
 * tool, the quadratic term the rounding of double-double sums over n
 * answers, the linear one the growth that keeps the sum of two values
 * that pass inside the rule.  docs/guarantees.md derives each term.
 */
double
codec_slack(int64_t n)
{
	double		x = (double) n;

	return 1.0 + 1e-12 + 0x1p-50 * x + 0x1p-102 * x * x;
}

/* Products below 2^-1022 lose their last bits absolutely: at most 2^-1073 per answer. */
double
codec_tiny(int64_t n)
{
	return (double) n * 0x1p-1070;
}

const char *
codec_skip_space(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' || *p == '\v')
		p++;
	return p;
}

const char *
codec_expect_key(const char *p, const char *key)
{
	size_t		len = strlen(key);

	p = codec_skip_space(p);
	if (strncmp(p, key, len) != 0)
		return NULL;
	p = codec_skip_space(p + len);
	if (*p != ':')
		return NULL;
	return codec_skip_space(p + 1);
}

/*
 * An unsigned decimal no greater than INT64_MAX.  NULL with *overflow set
 * when the digits exceed it, NULL with *overflow clear when there is no
 * digit at all.
 */
const char *
codec_read_uint63(const char *p, int64_t *out, int *overflow)
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

/* As codec_read_uint63, with an optional minus sign. */
const char *
codec_read_int64(const char *p, int64_t *out, int *overflow)
{
	int			neg = (*p == '-');
	int64_t		v;

	p = codec_read_uint63(p + neg, &v, overflow);
	if (p != NULL)
		*out = neg ? -v : v;
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
const char *
codec_read_dd(const char *p, DD *out, int *not_finite)
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

const char *
codec_read_double(const char *p, double *out, int *not_finite)
{
	*not_finite = 0;
	p = read_double(p, out);
	if (p != NULL && !isfinite(*out))
		*not_finite = 1;
	return p;
}

size_t
codec_format_double(char *buf, size_t buflen, double v)
{
	return (size_t) snprintf(buf, buflen, "%.17g", v);
}

size_t
codec_format_dd(char *buf, size_t buflen, DD v)
{
	if (v.lo == 0.0)
		return (size_t) snprintf(buf, buflen, "%.17g", v.hi == 0.0 ? 0.0 : v.hi);
	return (size_t) snprintf(buf, buflen, "%.17g%+.17g", v.hi, v.lo);
}

int64_t
codec_get_int64(const uint8_t *p)
{
	uint64_t	v = 0;

	for (int i = 0; i < 8; i++)
		v = (v << 8) | p[i];
	return (int64_t) v;
}

void
codec_put_int64(uint8_t *p, int64_t value)
{
	uint64_t	v = (uint64_t) value;

	for (int i = 7; i >= 0; i--)
	{
		p[i] = (uint8_t) (v & 0xff);
		v >>= 8;
	}
}

double
codec_get_double(const uint8_t *p)
{
	int64_t		v = codec_get_int64(p);
	double		d;

	memcpy(&d, &v, 8);
	return d;
}

void
codec_put_double(uint8_t *p, double d)
{
	int64_t		v;

	memcpy(&v, &d, 8);
	codec_put_int64(p, v);
}

/* A pair from the wire (hi, then lo) must be finite and already normalised. */
CodecStatus
codec_get_dd(const uint8_t *p, DD *out)
{
	DD			v;

	v.hi = codec_get_double(p);
	v.lo = codec_get_double(p + 8);
	if (!isfinite(v.hi) || !isfinite(v.lo))
		return CODEC_NOT_FINITE;
	*out = dd_make(v.hi, v.lo);
	if (out->hi != v.hi || out->lo != v.lo)
		return CODEC_INCONSISTENT;
	return CODEC_OK;
}

void
codec_put_dd(uint8_t *p, DD v)
{
	codec_put_double(p, v.hi);
	codec_put_double(p + 8, v.lo);
}
