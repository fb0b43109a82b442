/*
 * monitoring_codec.c
 *	  control_summary in plain C: sizes, consistency rules, text and binary
 *	  (monitoring_codec.h describes the formats).
 *
 * The fields of each kind are listed once, in a table of (key, type,
 * offset), which the text parser and printer, the binary decoder and
 * encoder and the equality all walk, so that the four cannot drift apart.
 * A baseline's periods and the head's fields are the exceptions, written
 * out.  Every input path decodes first and then asks control_state_rule(),
 * the one judge of what a state may hold.
 */
#include "monitoring_codec.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- fields ------------------------------------------------------------------ */

typedef enum FieldType
{
	F_INT64,
	F_INT32,
	F_DOUBLE,					/* finite */
	F_DOUBLE_INF,				/* finite or infinite */
	F_DOUBLE_NULL				/* finite, or NaN for unknown (null in text) */
} FieldType;

typedef struct ControlField
{
	const char *key;
	FieldType	type;
	size_t		offset;			/* in a ControlState */
} ControlField;

#define AT(member) offsetof(ControlState, member)
#define CHART_BASELINE(field) AT(u.ewma.chart.baseline.field)

/* A chart's baseline after its metric and reading: what the composite holds. */
static const ControlField baseline_fields[] = {
	{"centre", F_DOUBLE, CHART_BASELINE(centre)},
	{"variance", F_DOUBLE_NULL, CHART_BASELINE(variance)},
	{"sigma_z", F_DOUBLE_NULL, CHART_BASELINE(sigma_z)},
	{"periods", F_INT64, CHART_BASELINE(periods)},
	{"empty_periods", F_INT64, CHART_BASELINE(empty_periods)},
	{"answers", F_DOUBLE, CHART_BASELINE(n)},
};

static const ControlField ewma_fields[] = {
	{"lambda", F_DOUBLE, AT(u.ewma.state.lambda)},
	{"sigmas", F_DOUBLE, AT(u.ewma.chart.param)},
	{"rows", F_INT64, AT(u.ewma.state.rows)},
	{"t", F_INT64, AT(u.ewma.state.t)},
	{"current", F_INT32, AT(u.ewma.state.current)},
	{"ewma", F_DOUBLE_INF, AT(u.ewma.state.ewma)},
};

static const ControlField cusum_fields[] = {
	{"k", F_DOUBLE, AT(u.cusum.state.k)},
	{"h", F_DOUBLE, AT(u.cusum.chart.param)},
	{"rows", F_INT64, AT(u.cusum.state.rows)},
	{"t", F_INT64, AT(u.cusum.state.t)},
	{"current", F_INT32, AT(u.cusum.state.current)},
	{"upper_sum", F_DOUBLE_INF, AT(u.cusum.state.upper_sum)},
	{"lower_sum", F_DOUBLE_INF, AT(u.cusum.state.lower_sum)},
};

#define RUNS_FIELDS(state) { \
	{"rows", F_INT64, AT(state.rows)}, \
	{"useful", F_INT64, AT(state.useful)}, \
	{"crossings", F_INT64, AT(state.crossings)}, \
	{"run", F_INT64, AT(state.run)}, \
	{"longest", F_INT64, AT(state.longest)}, \
	{"side", F_INT32, AT(state.side)}, \
	{"beyond", F_INT64, AT(state.beyond)}, \
	{"current", F_INT32, AT(state.current)}, \
}

static const ControlField runs_fields[] = RUNS_FIELDS(u.runs.state);
static const ControlField runs_z_fields[] = RUNS_FIELDS(u.runs_z);

#define NFIELDS(table) (sizeof(table) / sizeof((table)[0]))

typedef struct FieldTable
{
	const ControlField *fields;
	int			count;
} FieldTable;

/* The fields of a kind after its baseline (none for the empty state and baselines). */
static FieldTable
kind_fields(int kind)
{
	FieldTable	t = {NULL, 0};

	switch (kind)
	{
		case CONTROL_EWMA:
			t.fields = ewma_fields;
			t.count = NFIELDS(ewma_fields);
			break;
		case CONTROL_CUSUM:
			t.fields = cusum_fields;
			t.count = NFIELDS(cusum_fields);
			break;
		case CONTROL_RUNS:
			t.fields = runs_fields;
			t.count = NFIELDS(runs_fields);
			break;
		case CONTROL_RUNS_Z:
			t.fields = runs_z_fields;
			t.count = NFIELDS(runs_z_fields);
			break;
	}
	return t;
}

static bool
is_chart(int kind)
{
	return kind == CONTROL_EWMA || kind == CONTROL_CUSUM || kind == CONTROL_RUNS;
}

static void *
field_at(const ControlState *s, const ControlField *f)
{
	return (char *) s + f->offset;
}

static const char *const kind_names[] = {"", "baseline", "ewma", "cusum", "runs", "runs_z"};
static const char *const metric_names[] = {"", "nps", "share", "mean"};
static const char *const method_names[] = {"shewhart", "laney"};

#define NKINDS ((int) (sizeof(kind_names) / sizeof(kind_names[0])))

/* ---- readings and sizes ------------------------------------------------------ */

void
control_reading_scale(MonitorMetric metric, int scale_max, double *scale_lo, double *scale_hi)
{
	*scale_lo = NAN;
	*scale_hi = NAN;
	if (metric == MONITOR_MEAN && scale_max > 0)
	{
		*scale_lo = 1.0;
		*scale_hi = (double) scale_max;
	}
}

bool
control_reading_valid(uint32_t metric, int k, int scale_max)
{
	switch (metric)
	{
		case MONITOR_NPS:
			return k == 0 && scale_max == 0;
		case MONITOR_SHARE:
			return scale_max >= 2 && scale_max <= 10 && k >= 1 && k < scale_max;
		case MONITOR_MEAN:
			return k == 0 && (scale_max == 0 || (scale_max >= 2 && scale_max <= 10));
	}
	return false;
}

/* The range a reading clips to: what monitor_baseline_init() derives. */
static void
reading_range(uint32_t metric, int scale_max, double *lo, double *hi)
{
	monitor_metric_range((MonitorMetric) metric, lo, hi);
	if (metric == MONITOR_MEAN && scale_max > 0)
	{
		*lo = 1.0;
		*hi = (double) scale_max;
	}
}

size_t
control_kind_size(ControlKind kind, bool nulls, uint32_t count)
{
	if (kind == CONTROL_EMPTY || nulls)
		return CONTROL_HEAD_SIZE;
	switch (kind)
	{
		case CONTROL_BASELINE:
			return CONTROL_HEAD_SIZE + monitor_baseline_size(count);
		case CONTROL_EWMA:
			return CONTROL_HEAD_SIZE + sizeof(ControlEwma);
		case CONTROL_CUSUM:
			return CONTROL_HEAD_SIZE + sizeof(ControlCusum);
		case CONTROL_RUNS:
			return CONTROL_HEAD_SIZE + sizeof(ControlRuns);
		case CONTROL_RUNS_Z:
			return CONTROL_HEAD_SIZE + sizeof(MonitorRunsState);
		case CONTROL_EMPTY:
			break;
	}
	return CONTROL_HEAD_SIZE;
}

size_t
control_state_size(const ControlState *s)
{
	if (s->head.kind >= NKINDS || s->head.nulls > 1)
		return 0;
	return control_kind_size((ControlKind) s->head.kind, s->head.nulls != 0,
							 s->head.kind == CONTROL_BASELINE && !s->head.nulls ?
							 s->u.baseline.count : 0);
}

/* ---- the rules --------------------------------------------------------------- */

/* Rounding allowance of the per-period comparisons (values of one summary). */
#define PERIOD_TOLERANCE 1e-9

/* A period as a valid summary gives it (monitoring_codec.h, CONTROL_RULE_PERIOD). */
static bool
period_valid(const MonitorPoint *p, uint32_t metric, int scale_max)
{
	double		lo,
				hi,
				x;

	if (!(isfinite(p->n) && p->n >= 1.0 - 1e-12 && isfinite(p->weight) && p->weight > 0.0 &&
		  isfinite(p->sum) && isfinite(p->variance) && p->variance >= 0.0))
		return false;
	x = p->sum / p->weight;
	if (!isfinite(x))
		return false;
	if (metric == MONITOR_MEAN)
	{
		lo = scale_max > 0 ? 1.0 : 0.0;
		hi = scale_max > 0 ? (double) scale_max : 10.0;
		return x >= lo - PERIOD_TOLERANCE && x <= hi + PERIOD_TOLERANCE &&
			p->variance <= (hi - lo) * (hi - lo) / 2.0 * (1.0 + PERIOD_TOLERANCE);
	}
	reading_range(metric, scale_max, &lo, &hi);
	if (x < lo - 1e-12 * fmax(1.0, fabs(lo)) || x > hi + 1e-12 * fmax(1.0, fabs(hi)))
		return false;
	x = fmin(fmax(x, lo), hi) / 100.0;
	if (metric == MONITOR_SHARE)
		return fabs(p->variance / 1e4 - x * (1.0 - x)) <= PERIOD_TOLERANCE;
	/* NPS: p_P + p_D lies between |p_P - p_D| and 1 */
	return p->variance / 1e4 >= fabs(x) - x * x - PERIOD_TOLERANCE &&
		p->variance / 1e4 <= 1.0 - x * x + PERIOD_TOLERANCE;
}

static const char *
baseline_rule(const ControlState *s, size_t bytes, bool tail)
{
	const MonitorBaselineState *b = &s->u.baseline;
	const MonitorPoint *period;
	double		lo,
				hi;
	size_t		need;

	if (bytes < CONTROL_HEAD_SIZE + sizeof(MonitorBaselineState))
		return CONTROL_RULE_HEAD;
	if (b->version != MONITOR_BASELINE_VERSION || b->flags != 0 || b->reserved != 0.0)
		return CONTROL_RULE_HEAD;
	if (!control_reading_valid(b->metric, s->head.k, s->head.scale_max))
		return CONTROL_RULE_READING;
	reading_range(b->metric, s->head.scale_max, &lo, &hi);
	if (b->range_lo != lo || b->range_hi != hi)
		return CONTROL_RULE_READING;
	if (b->count > MONITOR_MAX_PERIODS || b->empty > (uint64_t) INT64_MAX)
		return CONTROL_RULE_PERIODS;
	need = control_kind_size(CONTROL_BASELINE, false, b->count);
	if (tail ? bytes < need : bytes != need)
		return CONTROL_RULE_PERIODS;
	period = MONITOR_BASELINE_PERIODS(b);
	for (uint32_t i = 0; i < b->count; i++)
		if (!period_valid(&period[i], b->metric, s->head.scale_max))
			return CONTROL_RULE_PERIOD;
	/* the model's own check of what it will read */
	if (monitor_baseline_check(b, monitor_baseline_size(b->count)) != MONITOR_OK)
		return CONTROL_RULE_PERIOD;
	return NULL;
}

static const char *
chart_baseline_rule(const ControlState *s)
{
	const MonitorBaseline *b = &s->u.ewma.chart.baseline;
	double		lo,
				hi;

	if (!control_reading_valid(b->metric, s->head.k, s->head.scale_max))
		return CONTROL_RULE_READING;
	reading_range(b->metric, s->head.scale_max, &lo, &hi);
	if (b->range_lo != lo || b->range_hi != hi)
		return CONTROL_RULE_READING;
	if (b->flags != 0 || !monitor_baseline_valid(b) || b->periods < 0 || b->empty_periods < 0 ||
		!(isfinite(b->n) && b->n >= 0.0))
		return CONTROL_RULE_BASELINE;
	return NULL;
}

/* rows, t and current of an EWMA or CUSUM */
static bool
counters_valid(int64_t rows, int64_t t, int32_t current, int32_t reserved)
{
	return rows >= 1 && t >= 0 && t <= rows && (current == 0 || (current == 1 && t >= 1)) &&
		reserved == 0;
}

static const char *
runs_rule(const MonitorRunsState *r)
{
	if (r->rows < 1 || r->useful < 0 || r->useful > r->rows || r->beyond < 0 ||
		r->beyond > r->useful || r->current < 0 || r->current > 2 ||
		(r->current == 2 && r->beyond < 1))
		return CONTROL_RULE_RUNS;
	if (r->useful == 0)
		return r->crossings == 0 && r->run == 0 && r->longest == 0 && r->side == 0 ?
			NULL : CONTROL_RULE_RUNS;
	if ((r->side != 1 && r->side != -1) || r->crossings < 0 || r->crossings >= r->useful ||
		r->run < 1 || r->run > r->longest || r->longest > r->useful - r->crossings ||
		(r->useful - 1) / r->longest + 1 > r->crossings + 1)
		return CONTROL_RULE_RUNS;
	return NULL;
}

const char *
control_state_rule(const ControlState *s, size_t bytes, bool tail)
{
	const ControlHead *h = &s->head;
	const char *rule;

	if (bytes < CONTROL_HEAD_SIZE || h->kind >= NKINDS || h->nulls > 1 || h->reserved != 0 ||
		h->method > (is_chart(h->kind) && !h->nulls ? 1 : 0))
		return CONTROL_RULE_HEAD;
	if (h->kind == CONTROL_EMPTY || h->nulls)
	{
		if ((h->kind == CONTROL_EMPTY && h->nulls) || h->k != 0 || h->scale_max != 0 || bytes != CONTROL_HEAD_SIZE)
			return CONTROL_RULE_HEAD;
		return NULL;
	}
	if (h->kind == CONTROL_BASELINE)
		return baseline_rule(s, bytes, tail);
	if (bytes != control_state_size(s))
		return CONTROL_RULE_HEAD;
	if (h->kind == CONTROL_RUNS_Z)
	{
		if (h->k != 0 || h->scale_max != 0)
			return CONTROL_RULE_READING;
		return runs_rule(&s->u.runs_z);
	}
	rule = chart_baseline_rule(s);
	if (rule != NULL)
		return rule;
	switch (h->kind)
	{
		case CONTROL_EWMA:
			{
				const ControlEwma *e = &s->u.ewma;

				if (!(e->state.lambda > 0.0 && e->state.lambda <= 1.0 &&
					  e->chart.param > 0.0 && isfinite(e->chart.param)))
					return CONTROL_RULE_PARAMETERS;
				if (!counters_valid(e->state.rows, e->state.t, e->state.current,
									e->state.reserved))
					return CONTROL_RULE_COUNTERS;
				if (isnan(e->state.ewma) || (e->state.t == 0 && e->state.ewma != 0.0))
					return CONTROL_RULE_SUMS;
				return NULL;
			}
		case CONTROL_CUSUM:
			{
				const ControlCusum *c = &s->u.cusum;

				if (!(c->state.k >= 0.0 && isfinite(c->state.k) &&
					  c->chart.param > 0.0 && isfinite(c->chart.param)))
					return CONTROL_RULE_PARAMETERS;
				if (!counters_valid(c->state.rows, c->state.t, c->state.current,
									c->state.reserved))
					return CONTROL_RULE_COUNTERS;
				if (!(c->state.upper_sum >= 0.0 && c->state.lower_sum >= 0.0) ||
					(c->state.t == 0 && (c->state.upper_sum != 0.0 || c->state.lower_sum != 0.0)))
					return CONTROL_RULE_SUMS;
				return NULL;
			}
		case CONTROL_RUNS:
			if (s->u.runs.chart.param != 0.0)
				return CONTROL_RULE_HEAD;
			return runs_rule(&s->u.runs.state);
	}
	return CONTROL_RULE_HEAD;
}

/* ---- equality ---------------------------------------------------------------- */

static bool
same_double(double a, double b)
{
	return a == b || (isnan(a) && isnan(b));
}

static bool
same_field(const ControlState *a, const ControlState *b, const ControlField *f)
{
	switch (f->type)
	{
		case F_INT64:
			return *(int64_t *) field_at(a, f) == *(int64_t *) field_at(b, f);
		case F_INT32:
			return *(int32_t *) field_at(a, f) == *(int32_t *) field_at(b, f);
		default:
			return same_double(*(double *) field_at(a, f), *(double *) field_at(b, f));
	}
}

static bool
same_fields(const ControlState *a, const ControlState *b, const ControlField *fields, int count)
{
	for (int i = 0; i < count; i++)
		if (!same_field(a, b, &fields[i]))
			return false;
	return true;
}

bool
control_equal(const ControlState *a, const ControlState *b)
{
	FieldTable	t;

	if (memcmp(&a->head, &b->head, sizeof(ControlHead)) != 0)
		return false;
	if (a->head.kind == CONTROL_EMPTY || a->head.nulls)
		return true;
	if (a->head.kind == CONTROL_BASELINE)
	{
		const MonitorBaselineState *x = &a->u.baseline,
				   *y = &b->u.baseline;

		if (x->metric != y->metric || x->count != y->count || x->empty != y->empty)
			return false;
		for (uint32_t i = 0; i < x->count; i++)
		{
			const MonitorPoint *p = &MONITOR_BASELINE_PERIODS(x)[i],
					   *q = &MONITOR_BASELINE_PERIODS(y)[i];

			if (!(same_double(p->n, q->n) && same_double(p->weight, q->weight) &&
				  same_double(p->sum, q->sum) && same_double(p->variance, q->variance)))
				return false;
		}
		return true;
	}
	if (is_chart(a->head.kind) &&
		(a->u.ewma.chart.baseline.metric != b->u.ewma.chart.baseline.metric ||
		 !same_fields(a, b, baseline_fields, NFIELDS(baseline_fields))))
		return false;
	t = kind_fields(a->head.kind);
	return same_fields(a, b, t.fields, t.count);
}

/* ---- text: reading ------------------------------------------------------------ */

typedef struct Cursor
{
	const char *str;
	const char *p;
	CodecError *err;
	CodecStatus status;
} Cursor;

static bool
fail_at(Cursor *c, CodecStatus status, const char *at)
{
	if (c->status == CODEC_OK)
	{
		codec_fail(c->err, status, c->str, at, 0);
		c->status = status;
	}
	return false;
}

static bool
expect(Cursor *c, char ch)
{
	c->p = codec_skip_space(c->p);
	if (*c->p != ch)
		return fail_at(c, CODEC_SYNTAX, c->p);
	c->p++;
	return true;
}

/* Whether the next key is `key` (after a comma unless first), without reading it. */
static bool
peek_key(const Cursor *c, const char *key, bool first)
{
	const char *p = codec_skip_space(c->p);
	size_t		len = strlen(key);

	if (!first)
	{
		if (*p != ',')
			return false;
		p = codec_skip_space(p + 1);
	}
	if (strncmp(p, key, len) != 0)
		return false;
	p = codec_skip_space(p + len);
	return *p == ':';
}

/* [","] key ":" */
static bool
expect_key(Cursor *c, const char *key, bool first)
{
	size_t		len = strlen(key);
	const char *p;

	if (!first && !expect(c, ','))
		return false;
	p = codec_skip_space(c->p);
	if (strncmp(p, key, len) != 0)
		return fail_at(c, CODEC_SYNTAX, p);
	c->p = p + len;
	return expect(c, ':');
}

/* A word of letters and underscores, matched against names[0..count); -1 if none. */
static int
read_name(Cursor *c, const char *const *names, int count)
{
	const char *p = codec_skip_space(c->p);
	size_t		len = 0;

	while ((p[len] >= 'a' && p[len] <= 'z') || p[len] == '_')
		len++;
	for (int i = 0; i < count; i++)
		if (names[i][0] != '\0' && strlen(names[i]) == len && strncmp(p, names[i], len) == 0)
		{
			c->p = p + len;
			return i;
		}
	fail_at(c, CODEC_SYNTAX, p);
	return -1;
}

static bool
read_int64(Cursor *c, int64_t *out)
{
	const char *p = codec_skip_space(c->p);
	int			overflow;
	const char *end = codec_read_int64(p, out, &overflow);

	if (end == NULL)
	{
		fail_at(c, overflow ? CODEC_COUNT_RANGE : CODEC_SYNTAX, p);
		/* the count read as "above 9223372036854775807" */
		c->err->value = overflow ? INT64_MAX : 0;
		return false;
	}
	c->p = end;
	return true;
}

static bool
matches_word(const char *p, const char *word)
{
	size_t		len = strlen(word);

	return strncmp(p, word, len) == 0 && !((p[len] >= 'a' && p[len] <= 'z') ||
										   (p[len] >= 'A' && p[len] <= 'Z'));
}

static bool
read_double(Cursor *c, FieldType type, double *out)
{
	const char *p = codec_skip_space(c->p);
	int			not_finite;
	const char *end;

	if (type == F_DOUBLE_NULL && matches_word(p, "null"))
	{
		*out = NAN;
		c->p = p + 4;
		return true;
	}
	if (type == F_DOUBLE_INF && (matches_word(p, "Infinity") || matches_word(p, "-Infinity")))
	{
		*out = *p == '-' ? -INFINITY : INFINITY;
		c->p = p + (*p == '-' ? 9 : 8);
		return true;
	}
	end = codec_read_double(p, out, &not_finite);
	if (end == NULL)
		return fail_at(c, CODEC_SYNTAX, p);
	if (not_finite)
		return fail_at(c, CODEC_NOT_FINITE, p);
	c->p = end;
	return true;
}

static bool
read_field(Cursor *c, ControlState *s, const ControlField *f, bool first)
{
	int64_t		v;

	if (!expect_key(c, f->key, first))
		return false;
	switch (f->type)
	{
		case F_INT64:
			return read_int64(c, (int64_t *) field_at(s, f));
		case F_INT32:
			if (!read_int64(c, &v))
				return false;
			/* out of int32: a value no counter holds, refused by the rules */
			*(int32_t *) field_at(s, f) = v < INT32_MIN || v > INT32_MAX ? INT32_MIN : (int32_t) v;
			return true;
		default:
			return read_double(c, f->type, (double *) field_at(s, f));
	}
}

static bool
read_fields(Cursor *c, ControlState *s, const ControlField *fields, int count, bool first)
{
	for (int i = 0; i < count; i++)
		if (!read_field(c, s, &fields[i], first && i == 0))
			return false;
	return true;
}

/* int16 head fields: out of range becomes a value the reading rule refuses. */
static int16_t
narrow16(int64_t v)
{
	return v < 0 || v > 100 ? -1 : (int16_t) v;
}

/* metric:WORD and the reading's keys that follow it */
static bool
read_reading(Cursor *c, ControlState *s, uint32_t *metric, bool first)
{
	int			m;
	int64_t		v;

	if (!expect_key(c, "metric", first))
		return false;
	m = read_name(c, metric_names, 4);
	if (m < 0)
		return false;
	*metric = (uint32_t) m;
	if (m == MONITOR_SHARE)
	{
		if (!expect_key(c, "k", false) || !read_int64(c, &v))
			return false;
		s->head.k = narrow16(v);
	}
	if (m == MONITOR_SHARE || (m == MONITOR_MEAN && peek_key(c, "scale_max", false)))
	{
		if (!expect_key(c, "scale_max", false) || !read_int64(c, &v))
			return false;
		s->head.scale_max = narrow16(v);
	}
	return true;
}

static void
set_range(MonitorMetric metric, int scale_max, double *lo, double *hi)
{
	reading_range((uint32_t) metric, scale_max, lo, hi);
}

static bool
read_baseline_state(Cursor *c, ControlState *s, size_t capacity)
{
	MonitorBaselineState *b = &s->u.baseline;
	int64_t		empty;
	uint32_t	metric;

	if (!read_reading(c, s, &metric, false))
		return false;
	b->version = MONITOR_BASELINE_VERSION;
	b->metric = metric;
	set_range((MonitorMetric) metric, s->head.scale_max, &b->range_lo, &b->range_hi);
	if (!expect_key(c, "empty", false) || !read_int64(c, &empty))
		return false;
	/* a negative count of empty periods: a value the rules refuse */
	b->empty = empty < 0 ? UINT64_MAX : (uint64_t) empty;
	if (!expect_key(c, "periods", false) || !expect(c, '['))
		return false;
	c->p = codec_skip_space(c->p);
	if (*c->p == ']')
	{
		c->p++;
		return true;
	}
	for (;;)
	{
		MonitorPoint *p;

		if (b->count >= MONITOR_MAX_PERIODS ||
			CONTROL_HEAD_SIZE + monitor_baseline_size(b->count + 1) > capacity)
		{
			/* more periods than a baseline holds (or than the capacity counted) */
			c->err->rule = CONTROL_RULE_PERIODS;
			return fail_at(c, CODEC_INCONSISTENT, c->p);
		}
		p = &MONITOR_BASELINE_PERIODS(b)[b->count];
		if (!expect(c, '[') ||
			!read_double(c, F_DOUBLE, &p->n) || !expect(c, ',') ||
			!read_double(c, F_DOUBLE, &p->weight) || !expect(c, ',') ||
			!read_double(c, F_DOUBLE, &p->sum) || !expect(c, ',') ||
			!read_double(c, F_DOUBLE, &p->variance) || !expect(c, ']'))
			return false;
		b->count++;
		c->p = codec_skip_space(c->p);
		if (*c->p == ']')
		{
			c->p++;
			return true;
		}
		if (!expect(c, ','))
			return false;
	}
}

static bool
read_chart_baseline(Cursor *c, ControlState *s)
{
	MonitorBaseline *b = &s->u.ewma.chart.baseline;
	uint32_t	metric;

	if (!expect_key(c, "baseline", false) || !expect(c, '{') ||
		!read_reading(c, s, &metric, true))
		return false;
	b->metric = metric;
	set_range((MonitorMetric) metric, s->head.scale_max, &b->range_lo, &b->range_hi);
	if (!read_fields(c, s, baseline_fields, NFIELDS(baseline_fields), false))
		return false;
	return expect(c, '}');
}

size_t
control_text_capacity(const char *str)
{
	size_t		brackets = 0,
				len = strlen(str),
				periods;

	for (const char *p = str; *p; p++)
		brackets += *p == '[';
	/* a period's text "[n,w,s,v]" has at least 9 characters */
	periods = brackets < len / 9 ? brackets : len / 9;
	if (periods > MONITOR_MAX_PERIODS)
		periods = MONITOR_MAX_PERIODS;
	return sizeof(ControlState) + monitor_baseline_size((uint32_t) periods);
}

CodecStatus
control_parse_text(const char *str, ControlState *s, size_t capacity, CodecError *err)
{
	Cursor		c = {str, str, err, CODEC_OK};
	FieldTable	t;
	int			kind;
	bool		ok;

	err->position = 0;
	err->value = 0;
	err->rule = NULL;
	memset(s, 0, capacity < sizeof(ControlState) ? capacity : sizeof(ControlState));
	if (capacity < sizeof(ControlState))
	{
		err->rule = CONTROL_RULE_PERIODS;
		return CODEC_INCONSISTENT;
	}
	if (!expect(&c, '{'))
		return c.status;
	c.p = codec_skip_space(c.p);
	if (*c.p == '}')
	{
		c.p++;
		ok = true;
		goto end;
	}
	if (!expect_key(&c, "kind", true) || (kind = read_name(&c, kind_names, NKINDS)) < 0)
		return c.status;
	s->head.kind = (uint8_t) kind;
	if (peek_key(&c, "parameters", false))
	{
		const char *p;

		if (!expect_key(&c, "parameters", false))
			return c.status;
		p = codec_skip_space(c.p);
		if (!matches_word(p, "null"))
		{
			fail_at(&c, CODEC_SYNTAX, p);
			return c.status;
		}
		c.p = p + 4;
		s->head.nulls = 1;
		ok = expect(&c, '}');
		goto end;
	}
	if (kind == CONTROL_BASELINE)
		ok = read_baseline_state(&c, s, capacity);
	else
	{
		if (is_chart(kind))
		{
			int			method;

			if (!expect_key(&c, "method", false) ||
				(method = read_name(&c, method_names, 2)) < 0 ||
				!read_chart_baseline(&c, s))
				return c.status;
			s->head.method = (uint8_t) method;
		}
		t = kind_fields(kind);
		ok = read_fields(&c, s, t.fields, t.count, false);
	}
	ok = ok && expect(&c, '}');

end:
	if (!ok)
		return c.status;
	c.p = codec_skip_space(c.p);
	if (*c.p != '\0')
	{
		fail_at(&c, CODEC_SYNTAX, c.p);
		return c.status;
	}
	err->rule = control_state_rule(s, control_state_size(s), false);
	if (err->rule != NULL)
		return CODEC_INCONSISTENT;
	return CODEC_OK;
}

/* ---- text: writing ----------------------------------------------------------- */

/* The longest text of one field, with its key and separator. */
#define FIELD_MAXLEN (32 + CODEC_DOUBLE_MAXLEN)

size_t
control_text_length(const ControlState *s)
{
	size_t		len = 512 + 16 * FIELD_MAXLEN;

	if (s->head.kind == CONTROL_BASELINE && !s->head.nulls)
		len += (size_t) s->u.baseline.count * (4 * (CODEC_DOUBLE_MAXLEN + 1) + 3);
	return len;
}

typedef struct Writer
{
	char	   *buf;
	size_t		size;
	size_t		len;
} Writer;

static void
put(Writer *w, const char *text)
{
	size_t		n = strlen(text);

	if (w->len + n < w->size)
		memcpy(w->buf + w->len, text, n + 1);
	w->len += n;
}

static void
put_double(Writer *w, double x)
{
	char		num[CODEC_DOUBLE_MAXLEN + 2];

	if (isnan(x))
		put(w, "null");
	else if (isinf(x))
		put(w, x > 0 ? "Infinity" : "-Infinity");
	else
	{
		/* the shortest of 15 to 17 digits that reads back exactly: 0.2, not 0.20000000000000001 */
		for (int digits = 15; digits <= 17; digits++)
		{
			snprintf(num, sizeof(num), "%.*g", digits, x);
			if (strtod(num, NULL) == x)
				break;
		}
		put(w, num);
	}
}

static void
put_int64(Writer *w, int64_t x)
{
	char		num[CODEC_INT64_MAXLEN + 2];

	snprintf(num, sizeof(num), "%lld", (long long) x);
	put(w, num);
}

static void
put_key(Writer *w, const char *key, bool first)
{
	if (!first)
		put(w, ",");
	put(w, key);
	put(w, ":");
}

static void
put_fields(Writer *w, const ControlState *s, const ControlField *fields, int count, bool first)
{
	for (int i = 0; i < count; i++)
	{
		const ControlField *f = &fields[i];

		put_key(w, f->key, first && i == 0);
		switch (f->type)
		{
			case F_INT64:
				put_int64(w, *(int64_t *) field_at(s, f));
				break;
			case F_INT32:
				put_int64(w, *(int32_t *) field_at(s, f));
				break;
			default:
				put_double(w, *(double *) field_at(s, f));
		}
	}
}

static void
put_reading(Writer *w, const ControlState *s, uint32_t metric, bool first)
{
	put_key(w, "metric", first);
	put(w, metric < 4 ? metric_names[metric] : "");
	if (metric == MONITOR_SHARE)
	{
		put_key(w, "k", false);
		put_int64(w, s->head.k);
	}
	if (metric == MONITOR_SHARE || (metric == MONITOR_MEAN && s->head.scale_max > 0))
	{
		put_key(w, "scale_max", false);
		put_int64(w, s->head.scale_max);
	}
}

size_t
control_format_text(const ControlState *s, char *buf, size_t buflen)
{
	Writer		w = {buf, buflen, 0};
	int			kind = s->head.kind;
	FieldTable	t;

	if (buflen > 0)
		buf[0] = '\0';
	if (kind == CONTROL_EMPTY)
	{
		put(&w, "{}");
		return w.len;
	}
	put(&w, "{kind:");
	put(&w, kind < NKINDS ? kind_names[kind] : "");
	if (s->head.nulls)
	{
		put(&w, ",parameters:null}");
		return w.len;
	}
	if (kind == CONTROL_BASELINE)
	{
		const MonitorBaselineState *b = &s->u.baseline;

		put_reading(&w, s, b->metric, false);
		put_key(&w, "empty", false);
		put_int64(&w, (int64_t) b->empty);
		put(&w, ",periods:[");
		for (uint32_t i = 0; i < b->count; i++)
		{
			const MonitorPoint *p = &MONITOR_BASELINE_PERIODS(b)[i];

			put(&w, i == 0 ? "[" : ",[");
			put_double(&w, p->n);
			put(&w, ",");
			put_double(&w, p->weight);
			put(&w, ",");
			put_double(&w, p->sum);
			put(&w, ",");
			put_double(&w, p->variance);
			put(&w, "]");
		}
		put(&w, "]}");
		return w.len;
	}
	if (is_chart(kind))
	{
		put_key(&w, "method", false);
		put(&w, method_names[s->head.method ? 1 : 0]);
		put(&w, ",baseline:{");
		put_reading(&w, s, s->u.ewma.chart.baseline.metric, true);
		put_fields(&w, s, baseline_fields, NFIELDS(baseline_fields), false);
		put(&w, "}");
	}
	t = kind_fields(kind);
	put_fields(&w, s, t.fields, t.count, false);
	put(&w, "}");
	return w.len;
}

/* ---- binary ------------------------------------------------------------------ */

static size_t
field_width(const ControlField *f)
{
	return f->type == F_INT32 ? 4 : 8;
}

static size_t
fields_width(const ControlField *fields, int count)
{
	size_t		n = 0;

	for (int i = 0; i < count; i++)
		n += field_width(&fields[i]);
	return n;
}

static uint32_t
get_uint32(const uint8_t *p)
{
	return ((uint32_t) p[0] << 24) | ((uint32_t) p[1] << 16) | ((uint32_t) p[2] << 8) | p[3];
}

static void
put_uint32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t) (v >> 24);
	p[1] = (uint8_t) (v >> 16);
	p[2] = (uint8_t) (v >> 8);
	p[3] = (uint8_t) v;
}

static int16_t
get_int16(const uint8_t *p)
{
	return (int16_t) (uint16_t) (((unsigned) p[0] << 8) | p[1]);
}

static void
put_int16(uint8_t *p, int16_t v)
{
	p[0] = (uint8_t) ((uint16_t) v >> 8);
	p[1] = (uint8_t) v;
}

/* NaN in any bit pattern reads as the one NaN the server writes. */
static double
get_double(const uint8_t *p)
{
	double		x = codec_get_double(p);

	return isnan(x) ? NAN : x;
}

static const uint8_t *
decode_fields(const uint8_t *p, ControlState *s, const ControlField *fields, int count)
{
	for (int i = 0; i < count; i++)
	{
		const ControlField *f = &fields[i];

		switch (f->type)
		{
			case F_INT64:
				*(int64_t *) field_at(s, f) = codec_get_int64(p);
				break;
			case F_INT32:
				*(int32_t *) field_at(s, f) = (int32_t) get_uint32(p);
				break;
			default:
				*(double *) field_at(s, f) = get_double(p);
		}
		p += field_width(f);
	}
	return p;
}

static uint8_t *
encode_fields(uint8_t *p, const ControlState *s, const ControlField *fields, int count)
{
	for (int i = 0; i < count; i++)
	{
		const ControlField *f = &fields[i];

		switch (f->type)
		{
			case F_INT64:
				codec_put_int64(p, *(int64_t *) field_at(s, f));
				break;
			case F_INT32:
				put_uint32(p, (uint32_t) *(int32_t *) field_at(s, f));
				break;
			default:
				codec_put_double(p, *(double *) field_at(s, f));
		}
		p += field_width(f);
	}
	return p;
}

#define BINARY_HEAD 8
#define BINARY_BASELINE_HEAD (BINARY_HEAD + 4 + 4 + 8)
#define BINARY_PERIOD 32

/* The binary size of a valid head's kind (count: a baseline's periods). */
static size_t
binary_size_of(int kind, bool nulls, uint32_t count)
{
	FieldTable	t = kind_fields(kind);
	size_t		n = BINARY_HEAD;

	if (kind == CONTROL_EMPTY || nulls)
		return n;
	if (kind == CONTROL_BASELINE)
		return BINARY_BASELINE_HEAD + (size_t) count * BINARY_PERIOD;
	if (is_chart(kind))
		n += 4 + fields_width(baseline_fields, NFIELDS(baseline_fields));
	return n + fields_width(t.fields, t.count);
}

size_t
control_binary_size(const ControlState *s)
{
	return binary_size_of(s->head.kind, s->head.nulls != 0,
						  s->head.kind == CONTROL_BASELINE && !s->head.nulls ?
						  s->u.baseline.count : 0);
}

size_t
control_binary_capacity(size_t len)
{
	/* a period takes as many bytes in memory as in binary */
	return sizeof(ControlState) + sizeof(MonitorBaselineState) + len;
}

CodecStatus
control_decode_binary(const uint8_t *data, size_t len, ControlState *s, size_t capacity,
					  CodecError *err)
{
	const uint8_t *p = data + BINARY_HEAD;
	int			kind;
	bool		nulls;
	uint32_t	count = 0;
	FieldTable	t;

	err->position = 0;
	err->value = (int64_t) len;
	err->rule = NULL;
	if (capacity < sizeof(ControlState))
	{
		err->rule = CONTROL_RULE_PERIODS;
		return CODEC_INCONSISTENT;
	}
	memset(s, 0, sizeof(ControlState));
	if (len < 1)
		return CODEC_LENGTH;
	if (data[0] != CONTROL_SUMMARY_VERSION)
	{
		err->value = data[0];
		return CODEC_VERSION;
	}
	if (len < BINARY_HEAD)
		return CODEC_LENGTH;
	s->head.kind = data[1];
	s->head.method = data[2];
	s->head.nulls = data[3];
	s->head.k = get_int16(data + 4);
	s->head.scale_max = get_int16(data + 6);
	kind = data[1];
	nulls = data[3] != 0;
	if (kind >= NKINDS || data[3] > 1)
	{
		err->rule = CONTROL_RULE_HEAD;
		return CODEC_INCONSISTENT;
	}
	if (kind == CONTROL_BASELINE && !nulls)
	{
		MonitorBaselineState *b = &s->u.baseline;
		uint64_t	empty;

		if (len < BINARY_BASELINE_HEAD)
			return CODEC_LENGTH;
		count = get_uint32(data + BINARY_HEAD + 4);
		if (count > MONITOR_MAX_PERIODS)
		{
			err->rule = CONTROL_RULE_PERIODS;
			return CODEC_INCONSISTENT;
		}
		if (len != binary_size_of(kind, false, count))
			return CODEC_LENGTH;
		if (CONTROL_HEAD_SIZE + monitor_baseline_size(count) > capacity)
		{
			err->rule = CONTROL_RULE_PERIODS;
			return CODEC_INCONSISTENT;
		}
		b->version = MONITOR_BASELINE_VERSION;
		b->metric = get_uint32(data + BINARY_HEAD);
		b->count = count;
		empty = (uint64_t) codec_get_int64(data + BINARY_HEAD + 8);
		b->empty = empty;
		set_range((MonitorMetric) b->metric, s->head.scale_max, &b->range_lo, &b->range_hi);
		p = data + BINARY_BASELINE_HEAD;
		for (uint32_t i = 0; i < count; i++)
		{
			MonitorPoint *q = &MONITOR_BASELINE_PERIODS(b)[i];

			q->n = get_double(p);
			q->weight = get_double(p + 8);
			q->sum = get_double(p + 16);
			q->variance = get_double(p + 24);
			p += BINARY_PERIOD;
		}
	}
	else
	{
		if (len != binary_size_of(kind, nulls, 0))
			return CODEC_LENGTH;
		if (!nulls && is_chart(kind))
		{
			MonitorBaseline *b = &s->u.ewma.chart.baseline;

			b->metric = get_uint32(p);
			set_range((MonitorMetric) b->metric, s->head.scale_max, &b->range_lo, &b->range_hi);
			p = decode_fields(p + 4, s, baseline_fields, NFIELDS(baseline_fields));
		}
		if (!nulls)
		{
			t = kind_fields(kind);
			decode_fields(p, s, t.fields, t.count);
		}
	}
	err->value = 0;
	err->rule = control_state_rule(s, control_state_size(s), false);
	return err->rule != NULL ? CODEC_INCONSISTENT : CODEC_OK;
}

void
control_encode_binary(const ControlState *s, uint8_t *out)
{
	uint8_t    *p = out + BINARY_HEAD;
	FieldTable	t;

	out[0] = CONTROL_SUMMARY_VERSION;
	out[1] = s->head.kind;
	out[2] = s->head.method;
	out[3] = s->head.nulls;
	put_int16(out + 4, s->head.k);
	put_int16(out + 6, s->head.scale_max);
	if (s->head.kind == CONTROL_EMPTY || s->head.nulls)
		return;
	if (s->head.kind == CONTROL_BASELINE)
	{
		const MonitorBaselineState *b = &s->u.baseline;

		put_uint32(p, b->metric);
		put_uint32(p + 4, b->count);
		codec_put_int64(p + 8, (int64_t) b->empty);
		p = out + BINARY_BASELINE_HEAD;
		for (uint32_t i = 0; i < b->count; i++)
		{
			const MonitorPoint *q = &MONITOR_BASELINE_PERIODS(b)[i];

			codec_put_double(p, q->n);
			codec_put_double(p + 8, q->weight);
			codec_put_double(p + 16, q->sum);
			codec_put_double(p + 24, q->variance);
			p += BINARY_PERIOD;
		}
		return;
	}
	if (is_chart(s->head.kind))
	{
		put_uint32(p, s->u.ewma.chart.baseline.metric);
		p = encode_fields(p + 4, s, baseline_fields, NFIELDS(baseline_fields));
	}
	t = kind_fields(s->head.kind);
	encode_fields(p, s, t.fields, t.count);
}
