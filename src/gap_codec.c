/*
 * gap_codec.c
 *	  Text and binary encodings of gap_summary sums, and the layout of
 *	  servqual_summary for the counts core.
 *
 * gap_summary text: {n:3,w:3,wg:-1.5,g:-1.5,gg:2.25,p:12,e:13.5}, keys in
 * that order; white space is accepted between tokens, output is canonical.
 * Binary: version byte, the count as int64, each sum as two float8 (hi,
 * lo), network byte order.
 *
 * servqual_summary text: {1:[3,15,18],5:[2,10,12.5]}, item: [answers, sum
 * of perceptions, sum of expectations] for items with answers; binary: the
 * version byte, then per item its count and two sums (counts.h).
 */
#include "gap_codec.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

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

static DD
dd_signed(DD v, int sign)
{
	return sign > 0 ? v : dd_neg(v);
}

CodecStatus
gap_sums_add(GapSums *dst, const GapSums *src, int sign, CodecError *err)
{
	GapSums		r;

	err->position = 0;
	err->value = src->n;
	err->rule = NULL;
	if (sign > 0 ? src->n > INT64_MAX - dst->n : src->n > dst->n)
		return sign > 0 ? CODEC_TOTAL_RANGE : CODEC_COUNT_RANGE;
	r.n = sign > 0 ? dst->n + src->n : dst->n - src->n;
	for (int i = 0; i < GAP_NSUMS; i++)
		*gap_field(&r, i) = dd_add(*gap_field((GapSums *) dst, i),
								   dd_signed(*gap_field((GapSums *) src, i), sign));
	if (r.n == 0)
		memset(&r, 0, sizeof(r));	/* an empty frame holds exact zeros */
	else if (!gap_sums_finite(&r))	/* each sum on its own */
		return CODEC_NOT_FINITE;
	*dst = r;
	return CODEC_OK;
}

const char *
gap_sums_rule(const GapSums *s)
{
	GapSums		c = *s;
	double		n = (double) s->n;
	double		slack = codec_slack(s->n);
	double		tiny = codec_tiny(s->n);
	double		w = dd_value(s->w);
	double		wg = dd_value(s->wg);
	double		g = dd_value(s->g);
	double		gg = dd_value(s->gg);

	if (s->n == 0)
	{
		for (int i = 0; i < GAP_NSUMS; i++)
			if (!dd_is_zero(*gap_field(&c, i)))
				return GAP_RULE_EMPTY;
		return NULL;
	}
	if (!(w >= 0.0))
		return GAP_RULE_WEIGHTS;
	/* (Σg)² <= n Σg², through square roots: nothing overflows */
	if (!(gg >= 0.0 && fabs(g) <= sqrt(n) * sqrt(gg + tiny) * slack))
		return GAP_RULE_SPREAD;
	/* an infinite bound (Σw sqrt(Σg²) beyond double) holds any finite Σwg */
	if (!(fabs(wg) <= w * sqrt(gg + tiny) * slack + tiny))
		return GAP_RULE_WEIGHTED;
	return NULL;
}

int
gap_sums_project(GapSums *s)
{
	double		n = (double) s->n;
	double		g = dd_value(s->g);
	double		root_n = sqrt(n);
	double		bound;

	if (s->n <= 0 || !gap_sums_finite(s))
		return 0;
	if (dd_value(s->w) < 0.0)
		s->w = (DD) {0.0, 0.0};
	if (!(fabs(g) <= root_n * sqrt(dd_value(s->gg) + codec_tiny(s->n)) * codec_slack(s->n)))
	{
		double		q = fabs(g) / root_n;

		s->gg = dd_make(q * q, 0.0);
	}
	bound = dd_value(s->w) * sqrt(dd_value(s->gg) + codec_tiny(s->n));
	if (!(fabs(dd_value(s->wg)) <= bound * codec_slack(s->n) + codec_tiny(s->n)))
		s->wg = dd_make(copysign(bound, dd_value(s->wg)), 0.0);
	return gap_sums_finite(s) && gap_sums_rule(s) == NULL;
}

static CodecStatus
gap_check(const GapSums *s, CodecError *err)
{
	if (s->n < 0)
		return CODEC_COUNT_RANGE;
	if (!gap_sums_finite(s))
		return CODEC_NOT_FINITE;
	err->rule = gap_sums_rule(s);
	return err->rule != NULL ? CODEC_INCONSISTENT : CODEC_OK;
}

CodecStatus
gap_parse_text(const char *str, GapSums *s, CodecError *err)
{
	const char *p = codec_skip_space(str);
	const char *at;
	int			overflow,
				not_finite;
	CodecStatus status;

	memset(s, 0, sizeof(*s));
	err->rule = NULL;
	if (*p != '{')
		return codec_fail(err, CODEC_SYNTAX, str, p, 0);
	at = p + 1;
	p = codec_expect_key(p + 1, "n");
	if (p == NULL)
		return codec_fail(err, CODEC_SYNTAX, str, codec_skip_space(at), 0);
	at = p;
	p = codec_read_int64(p, &s->n, &overflow);
	if (p == NULL)
		return codec_fail(err, overflow ? CODEC_COUNT_RANGE : CODEC_SYNTAX, str, at, overflow ? INT64_MAX : 0);
	if (s->n < 0)
		return codec_fail(err, CODEC_COUNT_RANGE, str, at, s->n);

	for (int i = 0; i < GAP_NSUMS; i++)
	{
		p = codec_skip_space(p);
		if (*p != ',')
			return codec_fail(err, CODEC_SYNTAX, str, p, 0);
		at = codec_skip_space(p + 1);
		p = codec_expect_key(p + 1, gap_keys[i]);
		if (p == NULL)
			return codec_fail(err, CODEC_SYNTAX, str, at, 0);
		at = p;
		p = codec_read_dd(p, gap_field(s, i), &not_finite);
		if (p == NULL)
			return codec_fail(err, CODEC_SYNTAX, str, at, 0);
		if (not_finite)
			return codec_fail(err, CODEC_NOT_FINITE, str, at, i);
	}
	p = codec_skip_space(p);
	if (*p != '}')
		return codec_fail(err, CODEC_SYNTAX, str, p, 0);
	p = codec_skip_space(p + 1);
	if (*p != '\0')
		return codec_fail(err, CODEC_SYNTAX, str, p, 0);
	status = gap_check(s, err);
	if (status != CODEC_OK)
		return codec_fail(err, status, str, str, s->n);
	return CODEC_OK;
}

size_t
gap_format_text(const GapSums *s, char *buf, size_t buflen)
{
	GapSums		copy = gap_sums_canonical(s);
	size_t		len = (size_t) snprintf(buf, buflen, "{n:%lld", (long long) s->n);

	for (int i = 0; i < GAP_NSUMS; i++)
	{
		len += (size_t) snprintf(buf + len, buflen - len, ",%s:", gap_keys[i]);
		len += codec_format_dd(buf + len, buflen - len, *gap_field(&copy, i));
	}
	len += (size_t) snprintf(buf + len, buflen - len, "}");
	return len;
}

CodecStatus
gap_decode_binary(const uint8_t *data, size_t len, GapSums *s, CodecError *err)
{
	err->position = 0;
	err->value = 0;
	err->rule = NULL;
	memset(s, 0, sizeof(*s));
	if (len < 1)
		return CODEC_LENGTH;
	if (data[0] != GAP_SUMMARY_VERSION)
	{
		err->value = data[0];
		return CODEC_VERSION;
	}
	if (len != GAP_BINARY_SIZE)
	{
		err->value = (int64_t) len;
		return CODEC_LENGTH;
	}
	s->n = codec_get_int64(data + 1);
	for (int i = 0; i < GAP_NSUMS; i++)
	{
		CodecStatus st = codec_get_dd(data + 9 + 16 * i, gap_field(s, i));

		if (st != CODEC_OK)
		{
			err->position = (size_t) (9 + 16 * i);
			err->value = i;
			return st;
		}
	}
	err->value = s->n;
	return gap_check(s, err);
}

void
gap_encode_binary(const GapSums *s, uint8_t out[GAP_BINARY_SIZE])
{
	GapSums		copy = gap_sums_canonical(s);

	out[0] = GAP_SUMMARY_VERSION;
	codec_put_int64(out + 1, s->n);
	for (int i = 0; i < GAP_NSUMS; i++)
	{
		codec_put_dd(out + 9 + 16 * i, *gap_field(&copy, i));
	}
}


/* ---- servqual_summary -------------------------------------------------- */

static int
servqual_cell(int64_t item)
{
	return item >= 1 && item <= SERVQUAL_ITEMS ? (int) item - 1 : -1;
}

static int64_t
servqual_key(int cell)
{
	return cell + 1;
}

/*
 * Perceptions and expectations are any finite numbers, so a cell's sums
 * imply nothing beyond the core's rules (counts.h): n >= 0, zero sums
 * without answers, finite sums.  No cell rule.
 */
const CountsLayout servqual_layout = {
	.version = SERVQUAL_SUMMARY_VERSION,
	.ncells = SERVQUAL_ITEMS,
	.nsums = 2,
	.has_total = 0,
	.cell_of = servqual_cell,
	.key_of = servqual_key,
	.cell_rule = NULL,
};
