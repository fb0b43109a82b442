/*
 * driver_codec.c
 *	  driver_summary's text and binary encodings, consistency rules and
 *	  merge (driver_codec.h), in plain C.
 *
 * The rules on the moments themselves are driver_model.c's
 * (driver_moments_check); the ones that tie the moments to the counts,
 * p and flags are here.
 */
#include "driver_codec.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Moments block offsets (driver_model.h): W, means, low parts, co-moments. */
#define M_MEAN(m)		((m) + 1)
#define M_LOW(m, q)		((m) + 1 + (q))
#define M_COMOMENT(m, q) ((m) + 1 + 2 * (q))

/* Beyond 2^53 rows a weight total of ones stops counting them exactly. */
#define EXACT_ROWS		9007199254740992.0

static CodecStatus
fail_rule(DriverFault *fault, DriverRule rule, int i, int j)
{
	fault->rule = rule;
	fault->i = i;
	fault->j = j;
	return CODEC_INCONSISTENT;
}

CodecStatus
driver_check(const DriverHead *h, const double *m, DriverFault *fault)
{
	int			p = h->p,
				q = p + 1,
				i,
				j;
	DriverMomentsFault moments;

	fault->rule = DRIVER_RULE_NONE;
	fault->i = fault->j = 0;
	if (h->rows < 0 || h->skipped < 0)
		return fail_rule(fault, DRIVER_RULE_COUNTS, 0, 0);
	if (p < 0 || p > DRIVER_MAX_ATTRIBUTES)
		return fail_rule(fault, DRIVER_RULE_P_RANGE, 0, 0);
	if ((h->flags & ~(uint32_t) DRIVER_WEIGHTED) != 0)
		return fail_rule(fault, DRIVER_RULE_FLAGS, 0, 0);
	if (p == 0)
	{
		/* no attribute array yet: no row can have been used */
		if (h->rows != 0 || h->flags != 0)
			return fail_rule(fault, DRIVER_RULE_UNKNOWN_P, 0, 0);
		return CODEC_OK;
	}

	moments = driver_moments_check(m, p, &i, &j);
	if (moments == DRIVER_MOMENTS_NOT_FINITE)
		return fail_rule(fault, DRIVER_RULE_NOT_FINITE, i, 0);
	if ((h->rows == 0) != (m[0] == 0.0) || m[0] < 0.0)
		return fail_rule(fault, DRIVER_RULE_TOTAL_ROWS, 0, 0);
	if (h->rows == 0 && (moments == DRIVER_MOMENTS_EMPTY_NONZERO || h->flags != 0))
		return fail_rule(fault, DRIVER_RULE_EMPTY_NONZERO, i, 0);
	if (!(h->flags & DRIVER_WEIGHTED) && (double) h->rows <= EXACT_ROWS &&
		m[0] != (double) h->rows)
		return fail_rule(fault, DRIVER_RULE_UNWEIGHTED_TOTAL, 0, 0);
	if (h->rows == 1)
	{
		const double *c = M_COMOMENT(m, q);

		for (int k = 0; k < q * (q + 1) / 2; k++)
			if (c[k] != 0.0)
				return fail_rule(fault, DRIVER_RULE_ONE_ROW, 0, 0);
	}
	switch (moments)
	{
		case DRIVER_MOMENTS_VALID:
			return CODEC_OK;
		case DRIVER_MOMENTS_LOW_PART:
			return fail_rule(fault, DRIVER_RULE_MEAN_PAIR, i, 0);
		case DRIVER_MOMENTS_NEGATIVE_VARIANCE:
			return fail_rule(fault, DRIVER_RULE_NEGATIVE_VARIANCE, i, i);
		case DRIVER_MOMENTS_CORRELATION:
			return fail_rule(fault, DRIVER_RULE_CORRELATION, i, j);
		default:
			/* NEGATIVE_TOTAL and EMPTY_NONZERO are the count rules above */
			return fail_rule(fault, DRIVER_RULE_TOTAL_ROWS, 0, 0);
	}
}

/* ---- text ------------------------------------------------------------------ */

/* ",key:" */
static const char *
expect_next_key(const char *p, const char *key)
{
	p = codec_skip_space(p);
	if (*p != ',')
		return NULL;
	return codec_expect_key(p + 1, key);
}

/* A count: a whole number, possibly negative (the rules name those). */
static CodecStatus
read_count(const char *str, const char **pp, int64_t *out, CodecError *err)
{
	const char *at = *pp;
	int			overflow;
	const char *p = codec_read_int64(at, out, &overflow);

	if (p == NULL)
		return overflow ? codec_fail(err, CODEC_COUNT_RANGE, str, at, INT64_MAX)
			: codec_fail(err, CODEC_SYNTAX, str, at, 0);
	*pp = p;
	return CODEC_OK;
}

/*
 * "[v,v,...]" of exactly want values, doubles or double-double pairs
 * (stored as hi into hi[k] and lo into lo[k]).
 */
static CodecStatus
read_list(const char *str, const char **pp, int want, bool pairs, double *hi, double *lo,
		  CodecError *err, DriverFault *fault, int *position)
{
	const char *p = codec_skip_space(*pp);
	int			n = 0;

	if (*p != '[')
		return codec_fail(err, CODEC_SYNTAX, str, p, 0);
	p = codec_skip_space(p + 1);
	if (*p != ']')
	{
		for (;;)
		{
			const char *at = p;
			int			not_finite;

			if (n == want)
			{
				/* one value too many: the rest need not be read */
				err->position = (size_t) (at - str);
				return fail_rule(fault, DRIVER_RULE_LENGTH, want, n + 1);
			}
			if (pairs)
			{
				DD			v;

				p = codec_read_dd(p, &v, &not_finite);
				if (p != NULL && !not_finite)
				{
					hi[n] = v.hi;
					lo[n] = v.lo;
				}
			}
			else
				p = codec_read_double(p, &hi[n], &not_finite);
			if (p == NULL)
				return codec_fail(err, CODEC_SYNTAX, str, at, 0);
			if (not_finite)
			{
				err->position = (size_t) (at - str);
				return fail_rule(fault, DRIVER_RULE_NOT_FINITE, *position + n, 0);
			}
			n++;
			p = codec_skip_space(p);
			if (*p == ']')
				break;
			if (*p != ',')
				return codec_fail(err, CODEC_SYNTAX, str, p, 0);
			p = codec_skip_space(p + 1);
		}
	}
	if (n != want)
	{
		err->position = (size_t) (p - str);
		return fail_rule(fault, DRIVER_RULE_LENGTH, want, n);
	}
	*pp = p + 1;
	*position += n;
	return CODEC_OK;
}

CodecStatus
driver_parse_text(const char *str, DriverHead *h, double *m, CodecError *err,
				  DriverFault *fault)
{
	const char *p = codec_skip_space(str);
	const char *at;
	int64_t		p_value;
	int			q,
				position;
	CodecStatus status;

	memset(h, 0, sizeof(*h));
	fault->rule = DRIVER_RULE_NONE;
	fault->i = fault->j = 0;
	err->position = 0;
	err->value = 0;
	if (*p != '{')
		return codec_fail(err, CODEC_SYNTAX, str, p, 0);
	at = p + 1;
	if ((p = codec_expect_key(at, "n")) == NULL)
		return codec_fail(err, CODEC_SYNTAX, str, codec_skip_space(at), 0);
	if ((status = read_count(str, &p, &h->rows, err)) != CODEC_OK)
		return status;
	at = p;
	if ((p = expect_next_key(at, "skipped")) == NULL)
		return codec_fail(err, CODEC_SYNTAX, str, codec_skip_space(at), 0);
	if ((status = read_count(str, &p, &h->skipped, err)) != CODEC_OK)
		return status;
	at = p;
	if ((p = expect_next_key(at, "p")) == NULL)
		return codec_fail(err, CODEC_SYNTAX, str, codec_skip_space(at), 0);
	if ((status = read_count(str, &p, &p_value, err)) != CODEC_OK)
		return status;
	if (p_value < 0 || p_value > DRIVER_MAX_ATTRIBUTES)
	{
		err->position = (size_t) (p - str);
		h->p = p_value < 0 ? -1 : DRIVER_MAX_ATTRIBUTES + 1;
		return fail_rule(fault, DRIVER_RULE_P_RANGE, 0, 0);
	}
	h->p = (int32_t) p_value;

	if (h->p > 0)
	{
		q = h->p + 1;
		at = p;
		if ((p = expect_next_key(at, "weighted")) == NULL)
			return codec_fail(err, CODEC_SYNTAX, str, codec_skip_space(at), 0);
		if (strncmp(p, "true", 4) == 0)
		{
			h->flags = DRIVER_WEIGHTED;
			p += 4;
		}
		else if (strncmp(p, "false", 5) == 0)
			p += 5;
		else
			return codec_fail(err, CODEC_SYNTAX, str, p, 0);
		at = p;
		if ((p = expect_next_key(at, "w")) == NULL)
			return codec_fail(err, CODEC_SYNTAX, str, codec_skip_space(at), 0);
		at = p;
		{
			int			not_finite;

			p = codec_read_double(p, &m[0], &not_finite);
			if (p == NULL)
				return codec_fail(err, CODEC_SYNTAX, str, at, 0);
			if (not_finite)
			{
				err->position = (size_t) (at - str);
				return fail_rule(fault, DRIVER_RULE_NOT_FINITE, 0, 0);
			}
		}
		at = p;
		if ((p = expect_next_key(at, "means")) == NULL)
			return codec_fail(err, CODEC_SYNTAX, str, codec_skip_space(at), 0);
		position = 1;
		status = read_list(str, &p, q, true, M_MEAN(m), M_LOW(m, q), err, fault, &position);
		if (status != CODEC_OK)
			return status;
		at = p;
		if ((p = expect_next_key(at, "comoments")) == NULL)
			return codec_fail(err, CODEC_SYNTAX, str, codec_skip_space(at), 0);
		position = 1 + 2 * q;
		status = read_list(str, &p, q * (q + 1) / 2, false, M_COMOMENT(m, q), NULL, err, fault,
						   &position);
		if (status != CODEC_OK)
			return status;
	}
	p = codec_skip_space(p);
	if (*p != '}')
		return codec_fail(err, CODEC_SYNTAX, str, p, 0);
	p = codec_skip_space(p + 1);
	if (*p != '\0')
		return codec_fail(err, CODEC_SYNTAX, str, p, 0);
	err->position = 0;
	return driver_check(h, m, fault);
}

size_t
driver_format_text(const DriverHead *h, const double *m, char *buf, size_t buflen)
{
	int			p = h->p,
				q = p + 1;
	size_t		len;

#define ROOM (len < buflen ? buflen - len : 0)
	len = (size_t) snprintf(buf, buflen, "{n:%lld,skipped:%lld,p:%d", (long long) h->rows,
							(long long) h->skipped, p);
	if (p > 0)
	{
		len += (size_t) snprintf(buf + len, ROOM, ",weighted:%s,w:",
								 (h->flags & DRIVER_WEIGHTED) ? "true" : "false");
		len += codec_format_double(buf + len, ROOM, m[0]);
		len += (size_t) snprintf(buf + len, ROOM, ",means:[");
		for (int i = 0; i < q; i++)
		{
			DD			mean = {M_MEAN(m)[i], M_LOW(m, q)[i]};

			if (i > 0)
				len += (size_t) snprintf(buf + len, ROOM, ",");
			len += codec_format_dd(buf + len, ROOM, mean);
		}
		len += (size_t) snprintf(buf + len, ROOM, "],comoments:[");
		for (int k = 0; k < q * (q + 1) / 2; k++)
		{
			if (k > 0)
				len += (size_t) snprintf(buf + len, ROOM, ",");
			len += codec_format_double(buf + len, ROOM, M_COMOMENT(m, q)[k]);
		}
		len += (size_t) snprintf(buf + len, ROOM, "]");
	}
	len += (size_t) snprintf(buf + len, ROOM, "}");
#undef ROOM
	return len;
}

/* ---- binary ------------------------------------------------------------------ */

CodecStatus
driver_decode_binary(const uint8_t *data, size_t len, DriverHead *h, double *m,
					 CodecError *err, DriverFault *fault)
{
	int			p,
				q;
	const uint8_t *at;

	memset(h, 0, sizeof(*h));
	fault->rule = DRIVER_RULE_NONE;
	fault->i = fault->j = 0;
	err->position = 0;
	err->value = 0;
	if (len < 1)
		return CODEC_LENGTH;
	if (data[0] != DRIVER_SUMMARY_VERSION)
	{
		err->value = data[0];
		return CODEC_VERSION;
	}
	if (len < DRIVER_BINARY_HEAD)
	{
		err->value = (int64_t) len;
		return CODEC_LENGTH;
	}
	h->flags = data[1];
	p = data[2];
	h->rows = codec_get_int64(data + 3);
	h->skipped = codec_get_int64(data + 11);
	if (p > DRIVER_MAX_ATTRIBUTES)
	{
		h->p = p;
		return fail_rule(fault, DRIVER_RULE_P_RANGE, 0, 0);
	}
	h->p = p;
	if (len != driver_binary_size(p))
	{
		err->value = (int64_t) len;
		return CODEC_LENGTH;
	}
	if (p > 0)
	{
		q = p + 1;
		at = data + DRIVER_BINARY_HEAD;
		m[0] = codec_get_double(at);
		at += 8;
		for (int i = 0; i < q; i++, at += 16)
		{
			double		hi = codec_get_double(at),
						lo = codec_get_double(at + 8);
			DD			v;

			M_MEAN(m)[i] = hi;
			M_LOW(m, q)[i] = lo;
			if (!isfinite(hi) || !isfinite(lo))
				return fail_rule(fault, DRIVER_RULE_NOT_FINITE, 1 + i, 0);
			/* a pair exactly as a sum leaves it: fl(hi + lo) = hi */
			v = dd_make(hi, lo);
			if (v.hi != hi || v.lo != lo)
				return fail_rule(fault, DRIVER_RULE_MEAN_PAIR, i, 0);
		}
		for (int k = 0; k < q * (q + 1) / 2; k++, at += 8)
			M_COMOMENT(m, q)[k] = codec_get_double(at);
	}
	return driver_check(h, m, fault);
}

void
driver_encode_binary(const DriverHead *h, const double *m, uint8_t *out)
{
	int			p = h->p,
				q = p + 1;
	uint8_t    *at;

	out[0] = DRIVER_SUMMARY_VERSION;
	out[1] = (uint8_t) h->flags;
	out[2] = (uint8_t) p;
	codec_put_int64(out + 3, h->rows);
	codec_put_int64(out + 11, h->skipped);
	if (p == 0)
		return;
	at = out + DRIVER_BINARY_HEAD;
	codec_put_double(at, m[0]);
	at += 8;
	for (int i = 0; i < q; i++, at += 16)
	{
		codec_put_double(at, M_MEAN(m)[i]);
		codec_put_double(at + 8, M_LOW(m, q)[i]);
	}
	for (int k = 0; k < q * (q + 1) / 2; k++, at += 8)
		codec_put_double(at, M_COMOMENT(m, q)[k]);
}

/* ---- equality and merge ------------------------------------------------------- */

bool
driver_same(const DriverHead *a, const double *ma, const DriverHead *b, const double *mb)
{
	if (a->rows != b->rows || a->skipped != b->skipped || a->p != b->p || a->flags != b->flags)
		return false;
	for (int k = 0; k < driver_moments_count(a->p); k++)
		if (ma[k] != mb[k])
			return false;
	return true;
}

CodecStatus
driver_merge(DriverHead *a, double *ma, const DriverHead *b, const double *mb)
{
	double		merged[DRIVER_MOMENTS_MAX_LENGTH];
	int			p = a->p > 0 ? a->p : b->p;

	if (a->p > 0 && b->p > 0 && a->p != b->p)
		return CODEC_KEY_RANGE;
	if (b->rows > INT64_MAX - a->rows || b->skipped > INT64_MAX - a->skipped)
		return CODEC_TOTAL_RANGE;
	if (a->p > 0 && b->p > 0)
	{
		memcpy(merged, ma, sizeof(double) * (size_t) driver_moments_count(p));
		if (!driver_moments_merge(merged, mb, p))
			return CODEC_NOT_FINITE;
		memcpy(ma, merged, sizeof(double) * (size_t) driver_moments_count(p));
	}
	else if (b->p > 0)
		memcpy(ma, mb, sizeof(double) * (size_t) driver_moments_count(p));
	a->p = p;
	a->rows += b->rows;
	a->skipped += b->skipped;
	a->flags |= b->flags;
	return CODEC_OK;
}
