/*
 * counts.c
 *	  The counts core: text and binary encodings, validation and checked
 *	  arithmetic of keyed cells of counts (and sums).  See counts.h.
 */
#include "counts.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void
counts_clear(const CountsLayout *l, CountsRef v)
{
	if (l->has_total)
		*v.total = 0;
	memset(v.cells, 0, (size_t) l->ncells * COUNTS_CELL_SIZE(l));
}

/*
 * The rules of one cell (counts.h): a count of at least 0, exact zero sums
 * without answers, and with answers the layout's own rule, whose text goes
 * to err->rule; every sum is finite (checked where it is read).
 */
static CodecStatus
check_cell(const CountsLayout *l, CountsRef v, int cell, CodecError *err)
{
	const DD   *sums = counts_cell_sums(l, v, cell);
	int64_t		n = *counts_cell_n(l, v, cell);

	if (n < 0)
		return CODEC_COUNT_RANGE;
	for (int k = 0; k < l->nsums; k++)
		if (n == 0 && (sums[k].hi != 0.0 || sums[k].lo != 0.0))
			return CODEC_INCONSISTENT;
	if (n > 0 && l->cell_rule != NULL && (err->rule = l->cell_rule(n, sums)) != NULL)
		return CODEC_INCONSISTENT;
	return CODEC_OK;
}

/*
 * A key, or a count: unsigned decimals for plain counts (a '-' is a syntax
 * error, as it is for integers in general), signed ones for types with sums,
 * whose range checks then name the negative value.
 */
static const char *
read_integer(const CountsLayout *l, const char *p, int64_t *out, int *overflow)
{
	return l->nsums > 0 ? codec_read_int64(p, out, overflow)
		: codec_read_uint63(p, out, overflow);
}

CodecStatus
counts_parse_text(const CountsLayout *l, const char *str, CountsRef v, CodecError *err)
{
	const char *p = codec_skip_space(str);
	int			seen[COUNTS_MAX_CELLS] = {0};
	int64_t		total = 0;
	int			overflow,
				not_finite;

	err->rule = NULL;
	counts_clear(l, v);
	if (*p != '{')
		return codec_fail(err, CODEC_SYNTAX, str, p, 0);
	p = codec_skip_space(p + 1);

	if (*p != '}')
	{
		for (;;)
		{
			const char *at = p;
			int64_t		key;
			int			cell;
			int64_t    *n;
			CodecStatus status;

			p = read_integer(l, p, &key, &overflow);
			if (p == NULL)
				return overflow ? codec_fail(err, CODEC_KEY_RANGE, str, at, INT64_MAX)
					: codec_fail(err, CODEC_SYNTAX, str, at, 0);
			cell = l->cell_of(key);
			if (cell < 0)
				return codec_fail(err, CODEC_KEY_RANGE, str, at, key);
			if (seen[cell])
				return codec_fail(err, CODEC_DUPLICATE, str, at, key);
			seen[cell] = 1;

			p = codec_skip_space(p);
			if (*p != ':')
				return codec_fail(err, CODEC_SYNTAX, str, p, 0);
			p = codec_skip_space(p + 1);
			if (l->nsums > 0)
			{
				if (*p != '[')
					return codec_fail(err, CODEC_SYNTAX, str, p, 0);
				p = codec_skip_space(p + 1);
			}

			at = p;
			n = counts_cell_n(l, v, cell);
			p = read_integer(l, p, n, &overflow);
			if (p == NULL)
				return overflow ? codec_fail(err, CODEC_COUNT_RANGE, str, at, key)
					: codec_fail(err, CODEC_SYNTAX, str, at, 0);
			if (l->has_total)
			{
				if (*n > INT64_MAX - total)
					return codec_fail(err, CODEC_TOTAL_RANGE, str, at, key);
				total += *n;
			}

			for (int k = 0; k < l->nsums; k++)
			{
				p = codec_skip_space(p);
				if (*p != ',')
					return codec_fail(err, CODEC_SYNTAX, str, p, 0);
				p = codec_skip_space(p + 1);
				at = p;
				p = codec_read_dd(p, &counts_cell_sums(l, v, cell)[k], &not_finite);
				if (p == NULL)
					return codec_fail(err, CODEC_SYNTAX, str, at, 0);
				if (not_finite)
					return codec_fail(err, CODEC_NOT_FINITE, str, at, key);
			}
			if (l->nsums > 0)
			{
				p = codec_skip_space(p);
				if (*p != ']')
					return codec_fail(err, CODEC_SYNTAX, str, p, 0);
				status = check_cell(l, v, cell, err);
				if (status != CODEC_OK)
					return codec_fail(err, status, str, p, key);
				p++;
			}

			p = codec_skip_space(p);
			if (*p == '}')
				break;
			if (*p != ',')
				return codec_fail(err, CODEC_SYNTAX, str, p, 0);
			p = codec_skip_space(p + 1);
		}
	}

	p = codec_skip_space(p + 1);
	if (*p != '\0')
		return codec_fail(err, CODEC_SYNTAX, str, p, 0);
	if (l->has_total)
		*v.total = total;
	return CODEC_OK;
}

size_t
counts_format_text(const CountsLayout *l, CountsRef v, char *buf, size_t buflen)
{
	size_t		len = (size_t) snprintf(buf, buflen, "{");
	const char *sep = "";

	for (int cell = 0; cell < l->ncells; cell++)
	{
		int64_t		n = *counts_cell_n(l, v, cell);

		if (n == 0)
			continue;
		len += (size_t) snprintf(buf + len, buflen - len, "%s%lld:%s%lld", sep,
								 (long long) l->key_of(cell), l->nsums > 0 ? "[" : "",
								 (long long) n);
		for (int k = 0; k < l->nsums; k++)
		{
			len += (size_t) snprintf(buf + len, buflen - len, ",");
			len += codec_format_dd(buf + len, buflen - len, counts_cell_sums(l, v, cell)[k]);
		}
		if (l->nsums > 0)
			len += (size_t) snprintf(buf + len, buflen - len, "]");
		sep = ",";
	}
	len += (size_t) snprintf(buf + len, buflen - len, "}");
	return len;
}

CodecStatus
counts_decode_binary(const CountsLayout *l, const uint8_t *data, size_t len,
					 CountsRef v, CodecError *err)
{
	const uint8_t *p = data + 1 + 8 * l->has_total;
	int64_t		total = 0;

	err->position = 0;
	err->value = 0;
	err->rule = NULL;
	counts_clear(l, v);
	if (len < 1)
		return CODEC_LENGTH;
	if (data[0] != l->version)
	{
		err->value = data[0];
		return CODEC_VERSION;
	}
	if (len != COUNTS_BINARY_SIZE(l))
	{
		err->value = (int64_t) len;
		return CODEC_LENGTH;
	}

	for (int cell = 0; cell < l->ncells; cell++, p += COUNTS_CELL_SIZE(l))
	{
		int64_t    *n = counts_cell_n(l, v, cell);
		CodecStatus status = CODEC_OK;

		err->position = (size_t) (p - data);
		err->value = l->key_of(cell);
		*n = codec_get_int64(p);
		for (int k = 0; k < l->nsums && status == CODEC_OK; k++)
			status = codec_get_dd(p + 8 + 16 * k, &counts_cell_sums(l, v, cell)[k]);
		if (status == CODEC_OK)
			status = check_cell(l, v, cell, err);
		if (status != CODEC_OK)
			return status;
		if (l->has_total)
		{
			if (*n > INT64_MAX - total)
				return CODEC_TOTAL_RANGE;
			total += *n;
		}
	}
	if (l->has_total)
	{
		*v.total = codec_get_int64(data + 1);
		if (*v.total != total)
		{
			err->position = 1;
			err->value = *v.total;
			return CODEC_TOTAL_MISMATCH;
		}
	}
	return CODEC_OK;
}

void
counts_encode_binary(const CountsLayout *l, CountsRef v, uint8_t *out)
{
	uint8_t    *p = out + 1 + 8 * l->has_total;

	out[0] = l->version;
	if (l->has_total)
		codec_put_int64(out + 1, *v.total);
	for (int cell = 0; cell < l->ncells; cell++, p += COUNTS_CELL_SIZE(l))
	{
		codec_put_int64(p, *counts_cell_n(l, v, cell));
		for (int k = 0; k < l->nsums; k++)
			codec_put_dd(p + 8 + 16 * k, counts_cell_sums(l, v, cell)[k]);
	}
}

CodecStatus
counts_add(const CountsLayout *l, CountsRef dst, CountsRef src, int sign, CodecError *err)
{
	int64_t		total = 0;

	err->rule = NULL;
	/* every check first, so that an error leaves dst as it was */
	for (int cell = 0; cell < l->ncells; cell++)
	{
		int64_t		d = *counts_cell_n(l, dst, cell);
		int64_t		s = *counts_cell_n(l, src, cell);

		err->value = l->key_of(cell);
		err->position = (size_t) cell;
		if (sign < 0 && s > d)
			return CODEC_COUNT_RANGE;
		if (sign > 0 && s > INT64_MAX - d)
			return CODEC_TOTAL_RANGE;
		if (l->has_total)
		{
			int64_t		sum = sign > 0 ? d + s : d - s;

			if (sum > INT64_MAX - total)
				return CODEC_TOTAL_RANGE;
			total += sum;
		}
	}
	for (int cell = 0; cell < l->ncells; cell++)
	{
		int64_t    *d = counts_cell_n(l, dst, cell);
		int64_t		s = *counts_cell_n(l, src, cell);
		DD		   *dsum = counts_cell_sums(l, dst, cell);
		const DD   *ssum = counts_cell_sums(l, src, cell);

		*d += sign > 0 ? s : -s;
		for (int k = 0; k < l->nsums; k++)
			dsum[k] = *d == 0 ? (DD) {0.0, 0.0}
				: dd_add(dsum[k], sign > 0 ? ssum[k] : dd_neg(ssum[k]));
	}
	if (l->has_total)
		*dst.total = total;
	return CODEC_OK;
}

int
counts_equal(const CountsLayout *l, CountsRef a, CountsRef b)
{
	for (int cell = 0; cell < l->ncells; cell++)
	{
		const DD   *sa = counts_cell_sums(l, a, cell);
		const DD   *sb = counts_cell_sums(l, b, cell);

		if (*counts_cell_n(l, a, cell) != *counts_cell_n(l, b, cell))
			return 0;
		for (int k = 0; k < l->nsums; k++)
		{
			DD			ca = dd_normalise(sa[k]);
			DD			cb = dd_normalise(sb[k]);

			if (ca.hi != cb.hi || ca.lo != cb.lo)
				return 0;
		}
	}
	return 1;
}

int
counts_finite(const CountsLayout *l, CountsRef v)
{
	for (int cell = 0; cell < l->ncells; cell++)
		for (int k = 0; k < l->nsums; k++)
			if (!isfinite(counts_cell_sums(l, v, cell)[k].hi) ||
				!isfinite(counts_cell_sums(l, v, cell)[k].lo))
				return 0;
	return 1;
}
