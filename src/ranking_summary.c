/*
 * ranking_summary.c
 *	  league_summary: input, output, send, receive, merging, equality, the
 *	  combine, inverse and final functions of every aggregate returning or
 *	  keeping one, jsonb, and what the family's functions share: reading a
 *	  group from a ratings summary, growing a state, and the errors.
 *
 * A variable-size summary on the core's services (summary.h): the header
 * check (league_size_valid() for the size), the common errors; the text
 * and binary forms and their rules are ranking_codec.c's, the groups'
 * arithmetic ranking_groups.c's.
 *
 * Growing a transition state.  A state that needs more runs is copied
 * into a buffer twice its size (rank_summary_wanted_capacity()), which the
 * step returns; the executor copies that into the aggregate's context and
 * frees the old state, as it does with every new pass-by-reference state.
 * The old state is never freed or reallocated here, since the executor
 * still owns it.  Doubling keeps the copying at O(1) per group amortised,
 * and the model's compaction keeps the sorting at O(log) per run.
 */
#include "postgres.h"

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"

#include "rating_codec.h"
#include "rating_scales.h"
#include "rating_summary.h"
#include "rating_tally.h"
#include "ranking_summary.h"

PG_FUNCTION_INFO_V1(league_summary_in);
PG_FUNCTION_INFO_V1(league_summary_out);
PG_FUNCTION_INFO_V1(league_summary_recv);
PG_FUNCTION_INFO_V1(league_summary_send);
PG_FUNCTION_INFO_V1(league_summary_merge);
PG_FUNCTION_INFO_V1(league_summary_eq);
PG_FUNCTION_INFO_V1(league_summary_ne);
PG_FUNCTION_INFO_V1(league_summary_combine);
PG_FUNCTION_INFO_V1(league_summary_retract);
PG_FUNCTION_INFO_V1(league_summary_final);
PG_FUNCTION_INFO_V1(league_summary_kind);
PG_FUNCTION_INFO_V1(league_summary_groups);
PG_FUNCTION_INFO_V1(league_summary_empty_groups);
PG_FUNCTION_INFO_V1(league_summary_to_jsonb);

/* The header's promises, which every read relies on; the runs league_verify() checks. */
static bool
league_size_valid(const SummaryHeader *head)
{
	const RankSummary *s = (const RankSummary *) head;

	return s->capacity >= 0 && s->capacity <= RANK_SUMMARY_MAX_RUNS &&
		VARSIZE(head) == RANK_SUMMARY_SIZE(s->capacity) && s->nruns >= 0 &&
		s->nruns <= s->capacity && s->nsorted >= 0 && s->nsorted <= s->nruns &&
		s->kind <= RANK_MEAN;
}

const SummaryType league_summary_type = {
	.name = "league_summary",
	.version = RANK_SUMMARY_VERSION,
	.size = RANK_SUMMARY_HEADER,
	.size_valid = league_size_valid,
	.wording = SUMMARY_VALUED,
	.syntax_hint = gettext_noop("A league_summary is written as {kind:nps,empty:0,groups:{[5,2,1]:2,[0,3,4]:1}}: per distinct group its counts (promoters, passives, detractors; for kind:share,k:2,scale_max:5 successes and failures; for kind:mean the mean, n and variance) and how many groups have them; {} has no group."),
	.count_detail = gettext_noop("Numbers of groups are whole numbers from 0."),
	.answers = gettext_noop("groups"),
	.sums_detail = LEAGUE_RULE_COUNTS,
};

/* ---- values and states -------------------------------------------------------- */

RankSummary *
league_new(int32 capacity)
{
	RankSummary *s = palloc(RANK_SUMMARY_SIZE(capacity));

	SET_VARSIZE(s, RANK_SUMMARY_SIZE(capacity));
	if (rank_summary_init(s, RANK_NONE, capacity, 0, 0) != RANK_OK)
		league_report(RANK_TOO_BIG, NULL, NULL);
	return s;
}

RankSummary *
league_grow(RankSummary *s, int32 extra)
{
	int32		capacity = rank_summary_wanted_capacity(s, extra);
	RankSummary *grown;

	if (capacity < 0 || capacity <= s->capacity)
		league_report(RANK_TOO_BIG, s, NULL);
	grown = palloc(RANK_SUMMARY_SIZE(capacity));
	/* the free runs are left as they are: nothing reads them, and no value keeps them */
	memcpy(grown, s, RANK_SUMMARY_SIZE(s->nruns));
	SET_VARSIZE(grown, RANK_SUMMARY_SIZE(capacity));
	grown->capacity = capacity;
	return grown;
}

void
league_verify(const RankSummary *s)
{
	if (rank_summary_check(s, VARSIZE(s)) != RANK_OK)
		league_report(RANK_CORRUPT, s, NULL);
}

RankSummary *
league_compacted(FunctionCallInfo fcinfo, RankSummary *s)
{
	if (s->nsorted == s->nruns)
		return s;
	if (!agg_state_from_aggregate(fcinfo))
		return league_value(s);
	rank_summary_compact(s);
	return s;
}

Datum
league_step_result(FunctionCallInfo fcinfo, RankSummary *s)
{
	if (agg_state_from_aggregate(fcinfo))
		PG_RETURN_POINTER(s);
	PG_RETURN_POINTER(league_value(s));
}

/*
 * A compacted copy of s with capacity runs (at least its runs and its
 * unsorted tail, the room the merge sort wants).
 */
static RankSummary *
league_copy(const RankSummary *s, int32 capacity)
{
	RankSummary *copy = palloc(RANK_SUMMARY_SIZE(capacity));

	memcpy(copy, s, RANK_SUMMARY_SIZE(s->nruns));
	SET_VARSIZE(copy, RANK_SUMMARY_SIZE(capacity));
	copy->capacity = capacity;
	rank_summary_compact(copy);
	return copy;
}

/* s when compacted, else a compacted copy: arguments are never changed. */
static const RankSummary *
league_sorted(const RankSummary *s)
{
	if (s->nsorted == s->nruns)
		return s;
	return league_copy(s, s->nruns + (s->nruns - s->nsorted));
}

RankSummary *
league_value(RankSummary *s)
{
	RankSummary *value = league_copy(s, s->nruns + (s->nruns - s->nsorted));

	value->capacity = value->nruns;
	SET_VARSIZE(value, RANK_SUMMARY_SIZE(value->nruns));
	return value;
}

/* ---- errors ------------------------------------------------------------------- */

const char *
league_kind_name(int kind)
{
	return kind == RANK_NPS ? "nps" : kind == RANK_SHARE ? "share" : kind == RANK_MEAN ? "mean"
		: "none";
}

const char *
league_method_name(int method)
{
	return method == RANK_MLE ? "mle" : method == RANK_MOMENTS ? "moments"
		: method == RANK_JAMES_STEIN ? "james-stein" : "default";
}

/* What a summary holds, for a message: "nps", "share (top 2 of 1..5)". */
static const char *
league_describe(const RankSummary *s)
{
	if (s->kind == RANK_SHARE)
		return psprintf("share (top %d of 1..%d)", (int) s->param[0], (int) s->param[1]);
	return league_kind_name(s->kind);
}

void
league_report(RankStatus status, const RankSummary *a, const RankSummary *b)
{
	switch (status)
	{
		case RANK_MISMATCH:
			if (a->kind == b->kind && a->param[0] == b->param[0] && a->param[1] == b->param[1])
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("cannot merge the groups of a prior fitted by %s with those of one fitted by %s",
								league_method_name(a->method), league_method_name(b->method)),
						 errdetail("A prior aggregate's method is the same for every group.")));
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("cannot merge a league_summary of %s groups with one of %s groups",
							league_describe(a), league_describe(b)),
					 errdetail("League summaries merge only when they hold groups of the same kind and, for shares, the same k and scale_max.")));
			break;
		case RANK_TOO_BIG:
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("league_summary too large"),
					 errdetail("A league_summary holds at most %d runs (distinct counts and groups), about 1 GB.",
							   (int) RANK_SUMMARY_MAX_RUNS)));
			break;
		case RANK_GROUPS_RANGE:
			summary_report(&league_summary_type, CODEC_TOTAL_RANGE, NULL, NULL);
			break;
		case RANK_BAD_VALUE:
			if (b == NULL)
				elog(ERROR, "a league_summary group out of its domain");
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("cannot remove %lld groups (and %lld without answers) from a league_summary holding %lld (and %lld) that does not hold them all",
							(long long) b->groups, (long long) b->empty_groups,
							(long long) a->groups, (long long) a->empty_groups)));
			break;
		case RANK_CORRUPT:
			ereport(ERROR,
					(errcode(ERRCODE_DATA_CORRUPTED),
					 errmsg("invalid league_summary value"),
					 errdetail("Its runs break the layout that this release of csm writes (version %d).",
							   RANK_SUMMARY_VERSION)));
			break;
		default:
			elog(ERROR, "unexpected league_summary status %d", (int) status);
	}
	pg_unreachable();
}

/* ---- the groups of ratings summaries ---------------------------------------------- */

/*
 * What a group's readers need of a ratings summary: per rating the
 * answers, and for a weighted one Σw and Σw² (rating_tally.h).  An
 * unweighted one is read straight from its counts, without the tally's
 * double-double sums: a league table reads every group.
 */
typedef struct GroupCells
{
	bool		weighted;
	int64		answers[RATING_NVALUES];
	double		w[RATING_NVALUES];
	double		w2[RATING_NVALUES];
} GroupCells;

static void
read_cells(Datum summary, bool weighted, GroupCells *g)
{
	g->weighted = weighted;
	if (weighted)
	{
		RatingTally t;

		rating_tally_of_weighted(summary, &t);
		for (int r = RATING_MIN; r <= RATING_MAX; r++)
		{
			g->answers[r] = t.answers[r];
			g->w[r] = dd_value(t.weight[r]);
			g->w2[r] = dd_value(t.weight_sq[r]);
		}
	}
	else
	{
		RatingHistogram h;
		CountsRef	ref = {&h.n, h.counts};

		counts_summary_read(&rating_summary_type,
							counts_summary_detoast(&rating_summary_type, summary), ref);
		for (int r = RATING_MIN; r <= RATING_MAX; r++)
		{
			g->answers[r] = h.counts[r];
			g->w[r] = g->w2[r] = (double) h.counts[r];
		}
	}
}

/* The (Kish effective) counts of cells [lo_j, hi_j]. */
static void
cell_counts(const GroupCells *g, const int *lo, const int *hi, int ncells, double *counts)
{
	double		w[RANK_MAX_CATEGORIES],
				w2[RANK_MAX_CATEGORIES];

	for (int j = 0; j < ncells; j++)
	{
		w[j] = w2[j] = 0.0;
		for (int r = lo[j]; r <= hi[j]; r++)
		{
			w[j] += g->w[r];
			w2[j] += g->w2[r];
		}
	}
	rank_kish_counts(w, g->weighted ? w2 : NULL, ncells, counts);
}

void
league_read_nps(Datum summary, bool weighted, double *counts)
{
	static const int lo[3] = {NPS_PASSIVE_MAX + 1, NPS_DETRACTOR_MAX + 1, RATING_MIN};
	static const int hi[3] = {RATING_MAX, NPS_PASSIVE_MAX, NPS_DETRACTOR_MAX};
	GroupCells	g;

	read_cells(summary, weighted, &g);
	cell_counts(&g, lo, hi, 3, counts);
}

void
league_require_share(int k, int scale_max)
{
	rating_require_scale_max(scale_max, 2);
	rating_require_top_boxes(k, scale_max);
}

void
league_read_share(Datum summary, bool weighted, int k, int scale_max, double *counts)
{
	int			lo[2] = {scale_max - k + 1, 1};
	int			hi[2] = {scale_max, scale_max - k};
	GroupCells	g;

	read_cells(summary, weighted, &g);
	rating_require_scale(g.answers, scale_max, "CSAT",
						 scale_max == CSAT_DEFAULT_SCALE ? CSAT_SCALE_HINT : NULL);
	cell_counts(&g, lo, hi, 2, counts);
}

void
league_read_mean(Datum summary, bool weighted, double *n, double *mean, double *variance)
{
	double		x[RATING_NVALUES];
	GroupCells	g;

	read_cells(summary, weighted, &g);
	for (int r = RATING_MIN; r <= RATING_MAX; r++)
		x[r] = (double) r;
	rank_mean_group(g.w, weighted ? g.w2 : NULL, x, RATING_NVALUES, n, mean, variance);
}

RankMethod
league_method(const text *name, RankKind kind)
{
	const char *s = VARDATA_ANY(name);
	int			len = VARSIZE_ANY_EXHDR(name);

#define IS(word) (len == (int) strlen(word) && pg_strncasecmp(s, word, len) == 0)
	if (IS("mle"))
		return RANK_MLE;
	if (IS("moments"))
		return RANK_MOMENTS;
	if (kind == RANK_MEAN && IS("james-stein"))
		return RANK_JAMES_STEIN;
#undef IS
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown %s prior method \"%s\"",
					kind == RANK_NPS ? "NPS" : league_kind_name(kind), text_to_cstring(name)),
			 kind == RANK_MEAN ?
			 errhint("Use 'moments' (DerSimonian-Laird, the default), 'mle' or 'james-stein'.") :
			 errhint("Use 'mle' (maximum marginal likelihood, the default) or 'moments'.")));
	pg_unreachable();
}

/* ---- input and output ------------------------------------------------------------- */

/*
 * An input error: a broken rule (22P02 in text, 22P03 in binary) names
 * where and states the rule; the others are the core's.
 */
pg_noreturn static void
league_input_error(CodecStatus status, const CodecError *err, const char *input)
{
	if (status == CODEC_INCONSISTENT && input != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid league_summary: the value at character %zu breaks a rule",
						err->position + 1),
				 errdetail("%s", _(err->rule))));
	if (status == CODEC_INCONSISTENT)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary league_summary: the value at byte %zu breaks a rule",
						err->position),
				 errdetail("%s", _(err->rule))));
	if (status == CODEC_LENGTH)
		league_report(RANK_TOO_BIG, NULL, NULL);
	summary_report(&league_summary_type, status, err, input);
}

/* A parsed or decoded value, trimmed: its varlena size follows its runs. */
static RankSummary *
league_finish_input(RankSummary *s)
{
	SET_VARSIZE(s, RANK_SUMMARY_SIZE(s->capacity));
	return s;
}

Datum
league_summary_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	int64		capacity = league_text_capacity(str);
	RankSummary *s;
	CodecError	err;
	CodecStatus status;

	if (capacity < 0)
		league_report(RANK_TOO_BIG, NULL, NULL);
	s = league_new((int32) capacity);
	status = league_parse_text(str, s, &err);
	if (status != CODEC_OK)
		league_input_error(status, &err, str);
	PG_RETURN_POINTER(league_finish_input(s));
}

Datum
league_summary_out(PG_FUNCTION_ARGS)
{
	RankSummary *arg = PG_GETARG_LEAGUE_P(0);
	const RankSummary *s;
	Size		len;
	char	   *buf;

	league_verify(arg);
	s = league_sorted(arg);
	len = league_text_length(s);
	buf = palloc(len + 1);
	if (league_format_text(s, buf, len + 1) > len)
		elog(ERROR, "league_summary text longer than its bound");
	PG_RETURN_CSTRING(buf);
}

Datum
league_summary_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	const uint8_t *data = (const uint8_t *) buf->data + buf->cursor;
	size_t		len = (size_t) (buf->len - buf->cursor);
	int64		capacity;
	RankSummary *s;
	CodecError	err;
	CodecStatus status = league_binary_capacity(data, len, &capacity, &err);

	if (status == CODEC_LENGTH)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary league_summary: %lld bytes", (long long) err.value),
				 errdetail("Version %d has %d bytes, then %d for each point its count of points names.",
						   LEAGUE_SUMMARY_VERSION, LEAGUE_BINARY_HEADER, LEAGUE_BINARY_POINT)));
	if (status != CODEC_OK)
		league_input_error(status, &err, NULL);
	if (capacity < 0)
		league_report(RANK_TOO_BIG, NULL, NULL);
	s = league_new((int32) capacity);
	status = league_decode_binary(data, len, s, &err);
	if (status != CODEC_OK)
		league_input_error(status, &err, NULL);
	buf->cursor = buf->len;
	PG_RETURN_POINTER(league_finish_input(s));
}

Datum
league_summary_send(PG_FUNCTION_ARGS)
{
	RankSummary *arg = PG_GETARG_LEAGUE_P(0);
	const RankSummary *s;
	Size		len;
	uint8_t    *bytes;
	StringInfoData buf;

	league_verify(arg);
	s = league_sorted(arg);
	len = league_binary_size(s);
	bytes = palloc(len);
	league_encode_binary(s, bytes);
	pq_begintypsend(&buf);
	pq_sendbytes(&buf, (const char *) bytes, len);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* ---- operators ---------------------------------------------------------------------- */

/* a + b as a new stored value. */
static RankSummary *
league_merged(const RankSummary *a, const RankSummary *b)
{
	int64		runs = (int64) a->nruns + b->nruns;
	RankSummary *r;
	RankStatus	status;

	if (runs > RANK_SUMMARY_MAX_RUNS / 2)
		league_report(RANK_TOO_BIG, a, b);
	/* room for both and for the merge sort, so that merging never asks to grow */
	r = league_copy(a, (int32) (2 * runs + 16));
	if ((status = rank_summary_merge(r, b)) != RANK_OK)
		league_report(status, a, b);
	return league_value(r);
}

Datum
league_summary_merge(PG_FUNCTION_ARGS)
{
	RankSummary *a = PG_GETARG_LEAGUE_P(0);
	RankSummary *b = PG_GETARG_LEAGUE_P(1);

	league_verify(a);
	league_verify(b);
	PG_RETURN_POINTER(league_merged(a, b));
}

static bool
league_equal(FunctionCallInfo fcinfo)
{
	RankSummary *a = PG_GETARG_LEAGUE_P(0);
	RankSummary *b = PG_GETARG_LEAGUE_P(1);

	league_verify(a);
	league_verify(b);
	return rank_summary_equal(league_sorted(a), league_sorted(b));
}

Datum
league_summary_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(league_equal(fcinfo));
}

Datum
league_summary_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!league_equal(fcinfo));
}

/* ---- combine, inverse and final ------------------------------------------------------- */

/* The state of a step, its header checked: the executor's own, or a copy. */
static RankSummary *
league_state(FunctionCallInfo fcinfo)
{
	return (RankSummary *) summary_state(fcinfo, &league_summary_type);
}

/* rollup()'s transition and every league aggregate's combine: the state plus a summary. */
Datum
league_summary_combine(PG_FUNCTION_ARGS)
{
	RankSummary *s = league_state(fcinfo);
	RankSummary *other = PG_GETARG_LEAGUE_P(1);
	RankStatus	status;

	league_verify(other);
	status = rank_summary_merge(s, other);
	if (status == RANK_NEED_ROOM)
	{
		s = league_grow(s, other->nruns);
		status = rank_summary_merge(s, other);
	}
	if (status != RANK_OK)
		league_report(status, s, other);
	return league_step_result(fcinfo, s);
}

/* rollup()'s inverse in window frames: the state without a summary's groups. */
Datum
league_summary_retract(PG_FUNCTION_ARGS)
{
	RankSummary *s = league_state(fcinfo);
	RankSummary *other = PG_GETARG_LEAGUE_P(1);
	RankStatus	status;

	league_verify(other);
	status = rank_summary_remove(s, league_sorted(other));
	if (status != RANK_OK)
		league_report(status, s, other);
	return league_step_result(fcinfo, s);
}

/*
 * Final function of rollup() and the league aggregates: the groups as a
 * stored value (a compacted, trimmed copy), NULL when there is none, not
 * even one without answers.
 */
Datum
league_summary_final(PG_FUNCTION_ARGS)
{
	RankSummary *s = PG_GETARG_LEAGUE_P(0);

	if (s->kind == RANK_NONE || (s->groups == 0 && s->empty_groups == 0))
		PG_RETURN_NULL();
	PG_RETURN_POINTER(league_value(s));
}

/* ---- accessors and jsonb ------------------------------------------------------------- */

Datum
league_summary_kind(PG_FUNCTION_ARGS)
{
	RankSummary *s = PG_GETARG_LEAGUE_P(0);

	if (s->kind == RANK_NONE)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(league_kind_name(s->kind)));
}

Datum
league_summary_groups(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_LEAGUE_P(0)->groups);
}

Datum
league_summary_empty_groups(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_LEAGUE_P(0)->empty_groups);
}

/*
 * {"kind": "nps", "groups": 3, "empty_groups": 1, "points": [{"promoters": 5,
 * "passives": 2, "detractors": 1, "groups": 2}, ...]}; shares add k and
 * scale_max and list successes and failures, means mean, n and variance.
 */
Datum
league_summary_to_jsonb(PG_FUNCTION_ARGS)
{
	RankSummary *arg = PG_GETARG_LEAGUE_P(0);
	const RankSummary *s;
	StringInfoData buf;
	static const char *const names[4][3] = {
		{NULL, NULL, NULL},
		{"promoters", "passives", "detractors"},
		{"successes", "failures", NULL},
		{"mean", "n", "variance"},
	};
	bool		first = true;

	league_verify(arg);
	s = league_sorted(arg);
	initStringInfo(&buf);
	if (s->kind == RANK_NONE)
		appendStringInfoString(&buf, "{\"kind\": null, \"groups\": 0, \"empty_groups\": 0, \"points\": []}");
	else
	{
		appendStringInfo(&buf, "{\"kind\": \"%s\", \"groups\": %lld, \"empty_groups\": %lld",
						 league_kind_name(s->kind), (long long) s->groups,
						 (long long) s->empty_groups);
		if (s->kind == RANK_SHARE)
			appendStringInfo(&buf, ", \"k\": %d, \"scale_max\": %d", (int) s->param[0],
							 (int) s->param[1]);
		appendStringInfoString(&buf, ", \"points\": [");
		for (int32 i = 0; i < s->nruns; i++)
		{
			const RankRun *r = &s->runs[i];

			if (r->list != RANK_LIST_POINT)
				continue;
			appendStringInfoString(&buf, first ? "{" : ", {");
			first = false;
			for (int v = 0; v < 3 && names[s->kind][v]; v++)
				appendStringInfo(&buf, "\"%s\": %.17g, ", names[s->kind][v], r->value[v]);
			appendStringInfo(&buf, "\"groups\": %lld}", (long long) r->groups);
		}
		appendStringInfoString(&buf, "]}");
	}
	PG_RETURN_DATUM(DirectFunctionCall1(jsonb_in, CStringGetDatum(buf.data)));
}
