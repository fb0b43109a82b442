/*
 * ranking_codec.c
 *	  Text and binary forms of league_summary and the rules its input
 *	  keeps (ranking_codec.h).
 *
 * Input lists each distinct group once with how many groups have it, and
 * rank_summary_add_point() rebuilds the category and total lists from the
 * points, so that a value read in has exactly the runs the aggregates
 * would have built from the same groups; compaction puts them in their
 * one order, so a value's text and binary forms do not depend on the
 * order its groups came in.
 */
#include "ranking_codec.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- rules -------------------------------------------------------------------- */

/*
 * Kish's effective n is (sum w)^2 / sum w^2 >= 1 exactly; computed, it
 * may fall below by a few roundings.
 */
#define ANSWERS_FLOOR	(1.0 - 1e-9)

const char *
league_point_rule(int kind, const double *point)
{
	double		n = 0.0;

	if (kind == RANK_MEAN)
	{
		double		mean = point[0],
					top = LEAGUE_RATING_MAX;

		if (!(point[1] >= ANSWERS_FLOOR))
			return point[1] >= 0.0 ? LEAGUE_RULE_ANSWERS : LEAGUE_RULE_COUNTS;
		if (!(point[1] <= LEAGUE_MAX_COUNT))
			return LEAGUE_RULE_COUNTS;
		/* the mean and variance of answers in 0..10 are rounded once or twice */
		if (!(mean >= -1e-12 * top && mean <= top * (1.0 + 1e-12)) || !(point[2] >= 0.0) ||
			!(point[2] <= fmax(mean, 0.0) * fmax(top - mean, 0.0) * (1.0 + 1e-9) + 1e-12 * top))
			return LEAGUE_RULE_MEAN;
		return NULL;
	}
	for (int k = 0; k < 3; k++)
	{
		if (!(point[k] >= 0.0) || (kind == RANK_SHARE && k == 2 && point[k] != 0.0))
			return LEAGUE_RULE_COUNTS;
		n += point[k];
	}
	if (!(n <= LEAGUE_MAX_COUNT))
		return LEAGUE_RULE_COUNTS;
	return n >= ANSWERS_FLOOR ? NULL : LEAGUE_RULE_ANSWERS;
}

static CodecStatus
rule_fail(CodecError *err, const char *rule, size_t position)
{
	err->position = position;
	err->value = 0;
	err->rule = rule;
	return CODEC_INCONSISTENT;
}

/* The header's rules: a known kind, its parameters and method. */
static const char *
header_rule(int kind, int64_t k, int64_t scale_max, int method)
{
	if (kind != RANK_NPS && kind != RANK_SHARE && kind != RANK_MEAN)
		return LEAGUE_RULE_KIND;
	if (kind == RANK_SHARE ? !(k >= 1 && k < scale_max && scale_max <= LEAGUE_RATING_MAX)
		: (k != 0 || scale_max != 0))
		return LEAGUE_RULE_PARAMETERS;
	if (!rank_method_valid((RankKind) kind, method))
		return LEAGUE_RULE_METHOD;
	return NULL;
}

/*
 * One point of `groups` groups into s: the point's rules, then the model's
 * add; CODEC_LENGTH when s is full.
 */
static CodecStatus
add_point(RankSummary *s, const double *point, int64_t groups, size_t position,
		  CodecError *err)
{
	const char *rule = league_point_rule(s->kind, point);

	if (rule != NULL)
		return rule_fail(err, rule, position);
	if (groups < 1)
		return rule_fail(err, LEAGUE_RULE_GROUPS, position);
	switch (rank_summary_add_point(s, point, groups))
	{
		case RANK_OK:
			return CODEC_OK;
		case RANK_BAD_VALUE:
			return rule_fail(err, LEAGUE_RULE_COUNTS, position);
		case RANK_GROUPS_RANGE:
			err->position = position;
			err->value = groups;
			return CODEC_TOTAL_RANGE;
		default:
			err->position = position;
			err->value = s->groups;
			return CODEC_LENGTH;
	}
}

/* After the last point: trimmed, and no point listed twice. */
static CodecStatus
finish(RankSummary *s, int64_t listed, size_t position, CodecError *err)
{
	int64_t		points = 0;

	rank_summary_trim(s);
	for (int32_t i = 0; i < s->nruns; i++)
		points += s->runs[i].list == RANK_LIST_POINT;
	if (points != listed)
		return rule_fail(err, LEAGUE_RULE_GROUPS, position);
	return CODEC_OK;
}

/* ---- text ------------------------------------------------------------------------ */

static const char *const kind_names[] = {"", "nps", "share", "mean"};
static const char *const method_names[] = {"", "mle", "moments", "james-stein"};

/* A literal after optional white space, or NULL. */
static const char *
expect(const char *p, const char *literal)
{
	size_t		len = strlen(literal);

	p = codec_skip_space(p);
	return strncmp(p, literal, len) == 0 ? p + len : NULL;
}

/* One of names[1..n) after optional white space: its index, or 0. */
static int
read_word(const char **pp, const char *const *names, int n)
{
	const char *p = codec_skip_space(*pp);
	size_t		len = 0;

	while ((p[len] >= 'a' && p[len] <= 'z') || p[len] == '-' || p[len] == '_')
		len++;
	for (int i = 1; i < n; i++)
		if (strlen(names[i]) == len && strncmp(p, names[i], len) == 0)
		{
			*pp = p + len;
			return i;
		}
	return 0;
}

int64_t
league_text_capacity(const char *str)
{
	int64_t		points = 0;

	for (const char *p = str; *p; p++)
		points += *p == '[';
	/* each point adds at most five runs; twice that keeps make_room() from asking to grow */
	if (points > ((int64_t) RANK_SUMMARY_MAX_RUNS - 16) / 10)
		return -1;
	return 10 * points + 16;
}

#define SYNTAX(at) codec_fail(err, CODEC_SYNTAX, str, (at), 0)

/* ",key:" then an unsigned number, after optional white space; *overflow as codec_read_uint63. */
static const char *
read_field(const char *p, const char *key, int64_t *out, int *overflow)
{
	*overflow = 0;
	if ((p = expect(p, ",")) == NULL || (p = expect(p, key)) == NULL ||
		(p = expect(p, ":")) == NULL)
		return NULL;
	return codec_read_uint63(codec_skip_space(p), out, overflow);
}

/* The header: {kind:K[,k:..,scale_max:..][,method:M],empty:E,groups:{ */
static CodecStatus
parse_header(const char *str, const char **pp, RankSummary *s, CodecError *err)
{
	const char *p = *pp,
			   *q = codec_skip_space(p),
			   *m,
			   *rule;
	int			kind,
				method = 0,
				overflow;
	int64_t		k = 0,
				scale_max = 0,
				empty;

	if ((p = expect(p, "kind")) == NULL || (p = expect(p, ":")) == NULL)
		return SYNTAX(q);
	q = codec_skip_space(p);
	if ((kind = read_word(&p, kind_names, 4)) == 0)
		return SYNTAX(q);
	if (kind == RANK_SHARE)
	{
		q = codec_skip_space(p);
		if ((p = read_field(p, "k", &k, &overflow)) == NULL ||
			(p = read_field(p, "scale_max", &scale_max, &overflow)) == NULL)
			return overflow ? rule_fail(err, LEAGUE_RULE_PARAMETERS, (size_t) (q - str))
				: SYNTAX(q);
	}
	q = codec_skip_space(p);
	if ((m = expect(p, ",")) != NULL && (m = expect(m, "method")) != NULL)
	{
		if ((m = expect(m, ":")) == NULL)
			return SYNTAX(q);
		q = codec_skip_space(m);
		if ((method = read_word(&m, method_names, 4)) == 0)
			return SYNTAX(q);
		p = m;
	}
	if ((rule = header_rule(kind, k, scale_max, method)) != NULL)
		return rule_fail(err, rule, (size_t) (q - str));
	q = codec_skip_space(p);
	if ((p = read_field(p, "empty", &empty, &overflow)) == NULL)
		return overflow ? codec_fail(err, CODEC_COUNT_RANGE, str, q, INT64_MAX) : SYNTAX(q);
	q = codec_skip_space(p);
	if ((p = expect(p, ",")) == NULL || (p = expect(p, "groups")) == NULL ||
		(p = expect(p, ":")) == NULL || (p = expect(p, "{")) == NULL)
		return SYNTAX(q);
	if (rank_summary_init(s, (RankKind) kind, s->capacity, (int32_t) k,
						  (int32_t) scale_max) != RANK_OK)
		return rule_fail(err, LEAGUE_RULE_PARAMETERS, (size_t) (q - str));
	s->method = (uint8_t) method;
	s->empty_groups = empty;
	*pp = p;
	return CODEC_OK;
}

CodecStatus
league_parse_text(const char *str, RankSummary *s, CodecError *err)
{
	const char *p = str,
			   *q;
	int64_t		listed = 0;
	CodecStatus status;

	err->position = 0;
	err->value = 0;
	err->rule = NULL;
	if ((p = expect(p, "{")) == NULL)
		return SYNTAX(codec_skip_space(str));
	if ((q = expect(p, "}")) != NULL)
	{
		/* no group and no kind */
		q = codec_skip_space(q);
		if (*q)
			return SYNTAX(q);
		return rank_summary_init(s, RANK_NONE, s->capacity, 0, 0) == RANK_OK ? CODEC_OK
			: codec_fail(err, CODEC_LENGTH, str, q, 0);
	}
	if ((status = parse_header(str, &p, s, err)) != CODEC_OK)
		return status;
	if ((q = expect(p, "}")) != NULL)
		p = q;
	else
	{
		for (;;)
		{
			double		point[3] = {0.0, 0.0, 0.0};
			int			values = s->kind == RANK_SHARE ? 2 : 3,
						not_finite,
						overflow;
			int64_t		groups;
			const char *at = codec_skip_space(p);

			if ((p = expect(p, "[")) == NULL)
				return SYNTAX(at);
			for (int i = 0; i < values; i++)
			{
				q = codec_skip_space(p);
				if (i > 0 && (p = expect(p, ",")) == NULL)
					return SYNTAX(q);
				q = codec_skip_space(p);
				if ((p = codec_read_double(q, &point[i], &not_finite)) == NULL)
					return SYNTAX(q);
				if (not_finite)
					return codec_fail(err, CODEC_NOT_FINITE, str, q, 0);
			}
			q = codec_skip_space(p);
			if ((p = expect(p, "]")) == NULL || (p = expect(p, ":")) == NULL)
				return SYNTAX(q);
			q = codec_skip_space(p);
			if ((p = codec_read_uint63(q, &groups, &overflow)) == NULL)
				return overflow ? codec_fail(err, CODEC_COUNT_RANGE, str, q, INT64_MAX) : SYNTAX(q);
			if ((status = add_point(s, point, groups, (size_t) (at - str), err)) != CODEC_OK)
				return status;
			listed++;
			q = codec_skip_space(p);
			if ((p = expect(q, ",")) == NULL)
			{
				if ((p = expect(q, "}")) == NULL)
					return SYNTAX(q);
				break;
			}
		}
	}
	q = codec_skip_space(p);
	if ((p = expect(p, "}")) == NULL)
		return SYNTAX(q);
	q = codec_skip_space(p);
	if (*q)
		return SYNTAX(q);
	return finish(s, listed, 0, err);
}

/* The points of a compacted summary, which sort last. */
static int32_t
first_point(const RankSummary *s)
{
	int32_t		i = s->nruns;

	while (i > 0 && s->runs[i - 1].list == RANK_LIST_POINT)
		i--;
	return i;
}

/* Room for "[v,v,v]:groups," per point, each double at most CODEC_DOUBLE_MAXLEN. */
size_t
league_text_length(const RankSummary *s)
{
	return 128 + (size_t) (s->nruns - first_point(s)) * (3 * (CODEC_DOUBLE_MAXLEN + 1) +
														  CODEC_INT64_MAXLEN + 4);
}

size_t
league_format_text(const RankSummary *s, char *buf, size_t buflen)
{
	size_t		len = 0;
	int			values = s->kind == RANK_SHARE ? 2 : 3;
	int32_t		first = first_point(s);

#define APPEND(...) \
	do { \
		int			w_ = snprintf(buf + len, len < buflen ? buflen - len : 0, __VA_ARGS__); \
		len += w_ > 0 ? (size_t) w_ : 0; \
	} while (0)

	if (s->kind == RANK_NONE)
	{
		APPEND("{}");
		return len;
	}
	APPEND("{kind:%s", kind_names[s->kind]);
	if (s->kind == RANK_SHARE)
		APPEND(",k:%d,scale_max:%d", (int) s->param[0], (int) s->param[1]);
	if (s->method != 0)
		APPEND(",method:%s", method_names[s->method]);
	APPEND(",empty:%lld,groups:{", (long long) s->empty_groups);
	for (int32_t i = first; i < s->nruns; i++)
	{
		const RankRun *r = &s->runs[i];

		APPEND("%s[", i > first ? "," : "");
		for (int v = 0; v < values; v++)
			APPEND("%s%.17g", v ? "," : "", r->value[v]);
		APPEND("]:%lld", (long long) r->groups);
	}
	APPEND("}}");
#undef APPEND
	return len;
}

/* ---- binary --------------------------------------------------------------------- */

CodecStatus
league_binary_capacity(const uint8_t *data, size_t len, int64_t *capacity, CodecError *err)
{
	int64_t		points;

	err->position = 0;
	err->value = (int64_t) len;
	err->rule = NULL;
	if (len < 1)
		return CODEC_LENGTH;
	if (data[0] != LEAGUE_SUMMARY_VERSION)
	{
		err->value = data[0];
		return CODEC_VERSION;
	}
	if (len < LEAGUE_BINARY_HEADER)
		return CODEC_LENGTH;
	points = codec_get_int64(data + 3 + 3 * 8);
	if (points < 0 || points > (int64_t) ((len - LEAGUE_BINARY_HEADER) / LEAGUE_BINARY_POINT) ||
		len != LEAGUE_BINARY_HEADER + (size_t) points * LEAGUE_BINARY_POINT)
		return CODEC_LENGTH;
	if (points > ((int64_t) RANK_SUMMARY_MAX_RUNS - 16) / 10)
		*capacity = -1;
	else
		*capacity = 10 * points + 16;
	return CODEC_OK;
}

CodecStatus
league_decode_binary(const uint8_t *data, size_t len, RankSummary *s, CodecError *err)
{
	int64_t		capacity,
				k,
				scale_max,
				empty,
				points;
	int			kind,
				method;
	const char *rule;
	CodecStatus status;

	if ((status = league_binary_capacity(data, len, &capacity, err)) != CODEC_OK)
		return status;
	kind = data[1];
	method = data[2];
	k = codec_get_int64(data + 3);
	scale_max = codec_get_int64(data + 3 + 8);
	empty = codec_get_int64(data + 3 + 16);
	points = codec_get_int64(data + 3 + 24);
	if (kind == RANK_NONE)
	{
		if (method != 0 || k != 0 || scale_max != 0 || empty != 0 || points != 0)
			return rule_fail(err, LEAGUE_RULE_KIND, 1);
		return rank_summary_init(s, RANK_NONE, s->capacity, 0, 0) == RANK_OK ? CODEC_OK
			: rule_fail(err, LEAGUE_RULE_KIND, 1);
	}
	if ((rule = header_rule(kind, k, scale_max, method)) != NULL)
		return rule_fail(err, rule, 1);
	if (empty < 0)
	{
		err->position = 3 + 16;
		err->value = empty;
		return CODEC_COUNT_RANGE;
	}
	if (rank_summary_init(s, (RankKind) kind, s->capacity, (int32_t) k, (int32_t) scale_max) != RANK_OK)
		return rule_fail(err, LEAGUE_RULE_PARAMETERS, 3);
	s->method = (uint8_t) method;
	s->empty_groups = empty;
	for (int64_t i = 0; i < points; i++)
	{
		const uint8_t *at = data + LEAGUE_BINARY_HEADER + i * LEAGUE_BINARY_POINT;
		double		point[3];
		int64_t		groups = codec_get_int64(at + 24);

		for (int v = 0; v < 3; v++)
		{
			point[v] = codec_get_double(at + 8 * v);
			if (!isfinite(point[v]))
			{
				err->position = (size_t) (at - data);
				err->value = 0;
				return CODEC_NOT_FINITE;
			}
		}
		if (groups < 0)
		{
			err->position = (size_t) (at - data) + 24;
			err->value = groups;
			return CODEC_COUNT_RANGE;
		}
		if ((status = add_point(s, point, groups, (size_t) (at - data), err)) != CODEC_OK)
			return status;
	}
	return finish(s, points, LEAGUE_BINARY_HEADER, err);
}

size_t
league_binary_size(const RankSummary *s)
{
	return LEAGUE_BINARY_HEADER + (size_t) (s->nruns - first_point(s)) * LEAGUE_BINARY_POINT;
}

void
league_encode_binary(const RankSummary *s, uint8_t *out)
{
	int32_t		first = first_point(s);
	uint8_t    *p = out + LEAGUE_BINARY_HEADER;

	out[0] = LEAGUE_SUMMARY_VERSION;
	out[1] = s->kind;
	out[2] = s->method;
	codec_put_int64(out + 3, s->kind == RANK_SHARE ? s->param[0] : 0);
	codec_put_int64(out + 3 + 8, s->kind == RANK_SHARE ? s->param[1] : 0);
	codec_put_int64(out + 3 + 16, s->empty_groups);
	codec_put_int64(out + 3 + 24, s->nruns - first);
	for (int32_t i = first; i < s->nruns; i++, p += LEAGUE_BINARY_POINT)
	{
		for (int v = 0; v < 3; v++)
			codec_put_double(p + 8 * v, s->runs[i].value[v]);
		codec_put_int64(p + 24, s->runs[i].groups);
	}
}
