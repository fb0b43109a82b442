/*
 * fuzz_driver.c
 *	  The libFuzzer target of every summary codec: one driver, one table of
 *	  types.  Built once per target (test/fuzz/run), with FUZZ_TARGET naming
 *	  the table rows it fuzzes.
 *
 * Input: the first byte chooses the decoder (bit 0: binary, else text) and,
 * when a target has two types, the type (bit 1); the rest is the input.
 * Besides "no crash, no undefined behaviour" every accepted value must be
 * consistent, keep its type's rules (codec.h), and its canonical text and
 * binary forms must decode back to the same value; accepted binary must be
 * exactly the canonical encoding.  And since `+` of two valid values must
 * give a valid value, each accepted value is added to the last one the
 * type accepted, and a finite sum must keep the rules: crafted values at
 * the edge of a rule's rounding slack test that slack's growth.
 */
#include <stdlib.h>
#include <string.h>

#include "driver_codec.h"
#include "gap_codec.h"
#include "kano_codec.h"
#include "monitoring_codec.h"
#include "ranking_codec.h"
#include "rating_codec.h"
#include "weighted_codec.h"

#ifndef FUZZ_TARGET
#error "build with -DFUZZ_TARGET='\"rating\"' (see test/fuzz/run)"
#endif

/*
 * Room for any type's decoded value, text and binary forms: a driver_summary
 * of 32 attributes, and a control_summary baseline of up to 254 periods (a
 * longer one is refused for want of room, CODEC_INCONSISTENT), whose binary
 * form is as long.
 */
#define VALUE_MAX	8192
#define TEXT_MAX	32768
#define BINARY_MAX	8192

typedef struct FuzzType
{
	const char *target;			/* the FUZZ_TARGET that fuzzes it */
	const CountsLayout *layout; /* a counts-core type, or NULL for gap */
	CodecStatus (*parse) (const struct FuzzType *t, const char *str, void *v);
	size_t		(*format) (const struct FuzzType *t, const void *v, char *buf, size_t len);
	CodecStatus (*decode) (const struct FuzzType *t, const uint8_t *data, size_t len, void *v);
	size_t		(*encode) (const struct FuzzType *t, const void *v, uint8_t *out);
	int			(*same) (const struct FuzzType *t, const void *a, const void *b);
	void		(*check) (const struct FuzzType *t, const void *v);
	/* a = a + b when the sum is in range: 1, else 0 (counts or sums too large) */
	int			(*add) (const struct FuzzType *t, void *a, const void *b);
} FuzzType;

/* ---- the counts core: a total, then the cells ----------------------------- */

static CountsRef
counts_ref(const void *v)
{
	CountsRef	r = {(int64_t *) v, (int64_t *) v + 1};

	return r;
}

static CodecStatus
counts_parse(const FuzzType *t, const char *str, void *v)
{
	CodecError	err;

	return counts_parse_text(t->layout, str, counts_ref(v), &err);
}

static size_t
counts_format(const FuzzType *t, const void *v, char *buf, size_t len)
{
	return counts_format_text(t->layout, counts_ref(v), buf, len);
}

static CodecStatus
counts_decode(const FuzzType *t, const uint8_t *data, size_t len, void *v)
{
	CodecError	err;

	return counts_decode_binary(t->layout, data, len, counts_ref(v), &err);
}

static size_t
counts_encode(const FuzzType *t, const void *v, uint8_t *out)
{
	counts_encode_binary(t->layout, counts_ref(v), out);
	return COUNTS_BINARY_SIZE(t->layout);
}

static int
counts_same(const FuzzType *t, const void *a, const void *b)
{
	return counts_equal(t->layout, counts_ref(a), counts_ref(b)) &&
		(!t->layout->has_total || *counts_ref(a).total == *counts_ref(b).total);
}

/* Counts are never negative, add up to the total, and a cell without answers has zero sums. */
static void
counts_check(const FuzzType *t, const void *v)
{
	const CountsLayout *l = t->layout;
	CountsRef	r = counts_ref(v);
	int64_t		sum = 0;

	for (int cell = 0; cell < l->ncells; cell++)
	{
		int64_t		n = *counts_cell_n(l, r, cell);

		if (n < 0 || (l->has_total && n > INT64_MAX - sum))
			abort();
		sum += l->has_total ? n : 0;
		for (int k = 0; k < l->nsums; k++)
			if (n == 0 && (counts_cell_sums(l, r, cell)[k].hi != 0.0 ||
						   counts_cell_sums(l, r, cell)[k].lo != 0.0))
				abort();
	}
	if (l->has_total && sum != *r.total)
		abort();
	if (!counts_finite(l, r))
		abort();
	/* the layout's own rule holds in every cell with answers */
	for (int cell = 0; cell < l->ncells; cell++)
		if (*counts_cell_n(l, r, cell) > 0 && l->cell_rule != NULL &&
			l->cell_rule(*counts_cell_n(l, r, cell), counts_cell_sums(l, r, cell)) != NULL)
			abort();
}

static int
counts_add_to(const FuzzType *t, void *a, const void *b)
{
	CodecError	err;

	return counts_add(t->layout, counts_ref(a), counts_ref(b), 1, &err) == CODEC_OK &&
		counts_finite(t->layout, counts_ref(a));
}

/* ---- gap_summary ------------------------------------------------------------ */

static CodecStatus
gap_parse(const FuzzType *t, const char *str, void *v)
{
	CodecError	err;

	(void) t;
	return gap_parse_text(str, v, &err);
}

static size_t
gap_format(const FuzzType *t, const void *v, char *buf, size_t len)
{
	(void) t;
	return gap_format_text(v, buf, len);
}

static CodecStatus
gap_decode(const FuzzType *t, const uint8_t *data, size_t len, void *v)
{
	CodecError	err;

	(void) t;
	return gap_decode_binary(data, len, v, &err);
}

static size_t
gap_encode(const FuzzType *t, const void *v, uint8_t *out)
{
	(void) t;
	gap_encode_binary(v, out);
	return GAP_BINARY_SIZE;
}

static int
gap_same(const FuzzType *t, const void *a, const void *b)
{
	GapSums		ca = gap_sums_canonical(a);
	GapSums		cb = gap_sums_canonical(b);

	(void) t;
	return memcmp(&ca, &cb, sizeof(GapSums)) == 0;
}

static void
gap_check(const FuzzType *t, const void *v)
{
	(void) t;
	if (((const GapSums *) v)->n < 0 || !gap_sums_finite(v) || gap_sums_rule(v) != NULL)
		abort();
}

static int
gap_add_to(const FuzzType *t, void *a, const void *b)
{
	CodecError	err;

	(void) t;
	return gap_sums_add(a, b, 1, &err) == CODEC_OK;
}

/* ---- driver_summary ------------------------------------------------------------ */

/* A decoded driver_summary: its head, then room for the most moments. */
typedef struct DriverValueBuf
{
	DriverHead	h;
	double		m[DRIVER_MOMENTS_MAX_LENGTH];
} DriverValueBuf;

static CodecStatus
driver_parse(const FuzzType *t, const char *str, void *v)
{
	DriverValueBuf *d = v;
	CodecError	err;
	DriverFault fault;

	(void) t;
	return driver_parse_text(str, &d->h, d->m, &err, &fault);
}

static size_t
driver_format(const FuzzType *t, const void *v, char *buf, size_t len)
{
	const DriverValueBuf *d = v;

	(void) t;
	return driver_format_text(&d->h, d->m, buf, len);
}

static CodecStatus
driver_decode(const FuzzType *t, const uint8_t *data, size_t len, void *v)
{
	DriverValueBuf *d = v;
	CodecError	err;
	DriverFault fault;

	(void) t;
	return driver_decode_binary(data, len, &d->h, d->m, &err, &fault);
}

static size_t
driver_encode(const FuzzType *t, const void *v, uint8_t *out)
{
	const DriverValueBuf *d = v;

	(void) t;
	driver_encode_binary(&d->h, d->m, out);
	return driver_binary_size(d->h.p);
}

static int
driver_equal(const FuzzType *t, const void *a, const void *b)
{
	const DriverValueBuf *x = a,
			   *y = b;

	(void) t;
	return driver_same(&x->h, x->m, &y->h, y->m);
}

/* An accepted value keeps the type's rules (issue 24). */
static void
driver_rules(const FuzzType *t, const void *v)
{
	const DriverValueBuf *d = v;
	DriverFault fault;

	(void) t;
	if (driver_check(&d->h, d->m, &fault) != CODEC_OK)
		abort();
}

/* a = a + b, unless their p differ or the merge overflows (an error in the server) */
static int
driver_add_to(const FuzzType *t, void *a, const void *b)
{
	DriverValueBuf *x = a;
	const DriverValueBuf *y = b;

	(void) t;
	return driver_merge(&x->h, x->m, &y->h, y->m) == CODEC_OK;
}

/* ---- control_summary: a variable-size state, merged with nothing ---------------- */

static CodecStatus
control_parse(const FuzzType *t, const char *str, void *v)
{
	CodecError	err;

	(void) t;
	return control_parse_text(str, v, VALUE_MAX, &err);
}

static size_t
control_format(const FuzzType *t, const void *v, char *buf, size_t len)
{
	(void) t;
	if (control_text_length(v) > len)
		abort();
	return control_format_text(v, buf, len);
}

static CodecStatus
control_decode(const FuzzType *t, const uint8_t *data, size_t len, void *v)
{
	CodecError	err;

	(void) t;
	return control_decode_binary(data, len, v, VALUE_MAX, &err);
}

static size_t
control_encode(const FuzzType *t, const void *v, uint8_t *out)
{
	(void) t;
	if (control_binary_size(v) > BINARY_MAX)
		abort();
	control_encode_binary(v, out);
	return control_binary_size(v);
}

static int
control_same(const FuzzType *t, const void *a, const void *b)
{
	(void) t;
	return control_equal(a, b);
}

/* An accepted state keeps its rules, in a size its head states. */
static void
control_check(const FuzzType *t, const void *v)
{
	size_t		size = control_state_size(v);

	(void) t;
	if (size == 0 || size > VALUE_MAX || control_state_rule(v, size, false) != NULL)
		abort();
}

/* States merge with nothing (their aggregates are ORDERED): no sum to check. */
static int
control_add_to(const FuzzType *t, void *a, const void *b)
{
	(void) t;
	(void) a;
	(void) b;
	return 0;
}

/* ---- league_summary: a variable-size summary in the value buffer -------------- */

/* The runs a value buffer holds. */
#define LEAGUE_CAPACITY ((int32_t) ((VALUE_MAX - RANK_SUMMARY_HEADER) / sizeof(RankRun)))

static CodecStatus
league_parse(const FuzzType *t, const char *str, void *v)
{
	CodecError	err;

	(void) t;
	rank_summary_init(v, RANK_NONE, LEAGUE_CAPACITY, 0, 0);
	return league_parse_text(str, v, &err);
}

static size_t
league_format(const FuzzType *t, const void *v, char *buf, size_t len)
{
	(void) t;
	if (league_text_length(v) >= len)
		abort();
	return league_format_text(v, buf, len);
}

static CodecStatus
league_decode(const FuzzType *t, const uint8_t *data, size_t len, void *v)
{
	CodecError	err;

	(void) t;
	rank_summary_init(v, RANK_NONE, LEAGUE_CAPACITY, 0, 0);
	return league_decode_binary(data, len, v, &err);
}

static size_t
league_encode(const FuzzType *t, const void *v, uint8_t *out)
{
	(void) t;
	if (league_binary_size(v) > BINARY_MAX)
		abort();
	league_encode_binary(v, out);
	return league_binary_size(v);
}

static int
league_same(const FuzzType *t, const void *a, const void *b)
{
	(void) t;
	return rank_summary_equal(a, b);
}

/*
 * A valid, compacted summary whose every point keeps the rules, and whose
 * category and total lists are exactly those its points give.
 */
static void
league_check(const FuzzType *t, const void *v)
{
	const RankSummary *s = v;

	/* room to rebuild a full buffer's runs: adding keeps half its capacity free */
#define REBUILD_CAPACITY (4 * LEAGUE_CAPACITY + 16)
	static int64_t again[(RANK_SUMMARY_HEADER + REBUILD_CAPACITY * sizeof(RankRun)) / 8 + 1];
	RankSummary *rebuilt = (RankSummary *) again;

	(void) t;
	if (rank_summary_check(s, RANK_SUMMARY_SIZE(s->capacity)) != RANK_OK ||
		s->nsorted != s->nruns)
		abort();
	if (s->kind == RANK_NONE)
		return;
	if (rank_summary_init(rebuilt, (RankKind) s->kind, REBUILD_CAPACITY, s->param[0],
						  s->param[1]) != RANK_OK)
		abort();
	rebuilt->method = s->method;
	rebuilt->empty_groups = s->empty_groups;
	for (int32_t i = 0; i < s->nruns; i++)
	{
		const RankRun *r = &s->runs[i];

		if (r->list != RANK_LIST_POINT)
			continue;
		if (league_point_rule(s->kind, r->value) != NULL ||
			rank_summary_add_point(rebuilt, r->value, r->groups) != RANK_OK)
			abort();
	}
	rank_summary_compact(rebuilt);
	if (!rank_summary_equal(rebuilt, s))
		abort();
}

static int
league_add_to(const FuzzType *t, void *a, const void *b)
{
	RankSummary *s = a;

	(void) t;
	s->capacity = LEAGUE_CAPACITY;	/* the buffer's room, not the trimmed value's */
	if (rank_summary_merge(s, b) != RANK_OK)
		return 0;
	rank_summary_compact(s);
	return 1;
}

/* ---- the table -------------------------------------------------------------- */

#define COUNTS_TYPE(target, layout) \
	{target, &layout, counts_parse, counts_format, counts_decode, counts_encode, counts_same, \
	 counts_check, counts_add_to}

static const FuzzType types[] = {
	COUNTS_TYPE("rating", rating_layout),
	COUNTS_TYPE("kano", kano_layout),
	{"gap", NULL, gap_parse, gap_format, gap_decode, gap_encode, gap_same, gap_check, gap_add_to},
	COUNTS_TYPE("gap", servqual_layout),
	COUNTS_TYPE("weighted", weighted_layout),
	{"drivers", NULL, driver_parse, driver_format, driver_decode, driver_encode, driver_equal,
	driver_rules, driver_add_to},
	{"monitoring", NULL, control_parse, control_format, control_decode, control_encode,
	 control_same, control_check, control_add_to},
	{"league", NULL, league_parse, league_format, league_decode, league_encode, league_same,
	 league_check, league_add_to},
};

#define NTYPES	(sizeof(types) / sizeof(types[0]))

/* The last value each type accepted, and whether there is one. */
static int64_t last_value[NTYPES][VALUE_MAX / 8];
static int	has_last[NTYPES];

/* value + the type's last accepted value keeps the rules; value becomes the last. */
static void
sum_keeps_rules(const FuzzType *t, const void *value)
{
	static int64_t sum[VALUE_MAX / 8];
	size_t		i = (size_t) (t - types);

	if (has_last[i])
	{
		memcpy(sum, last_value[i], sizeof(sum));
		if (t->add(t, sum, value))
			t->check(t, sum);
	}
	memcpy(last_value[i], value, sizeof(last_value[i]));
	has_last[i] = 1;
}

static void
round_trips(const FuzzType *t, const void *v)
{
	static char text[TEXT_MAX];
	static uint8_t bin[BINARY_MAX];
	static int64_t again[VALUE_MAX / 8];
	size_t		len = t->format(t, v, text, sizeof(text));

	if (len == 0 || len >= sizeof(text) || text[len] != '\0')
		abort();
	if (t->parse(t, text, again) != CODEC_OK || !t->same(t, again, v))
		abort();
	len = t->encode(t, v, bin);
	if (t->decode(t, bin, len, again) != CODEC_OK || !t->same(t, again, v))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int64_t value[VALUE_MAX / 8];
	const FuzzType *mine[2];
	const FuzzType *t;
	int			n = 0;

	for (size_t i = 0; i < NTYPES && n < 2; i++)
		if (strcmp(types[i].target, FUZZ_TARGET) == 0)
			mine[n++] = &types[i];
	if (n == 0)
		abort();
	if (size == 0)
		return 0;
	t = mine[(data[0] >> 1) % n];

	if (data[0] & 1)
	{
		static uint8_t bin[BINARY_MAX];

		if (t->decode(t, data + 1, size - 1, value) != CODEC_OK)
			return 0;
		t->check(t, value);
		sum_keeps_rules(t, value);
		/*
		 * accepted counts are exactly their canonical encoding (sums may
		 * hold -0), and so are accepted driver summaries
		 */
		if (((t->layout != NULL && t->layout->nsums == 0) || t->parse == driver_parse) &&
			(t->encode(t, value, bin) != size - 1 || memcmp(bin, data + 1, size - 1) != 0))
			abort();
		round_trips(t, value);
	}
	else
	{
		/* text: the server hands the parser a NUL-terminated string */
		char	   *str = malloc(size);

		memcpy(str, data + 1, size - 1);
		str[size - 1] = '\0';
		if (t->parse(t, str, value) == CODEC_OK)
		{
			t->check(t, value);
			sum_keeps_rules(t, value);
			round_trips(t, value);
		}
		free(str);
	}
	return 0;
}
