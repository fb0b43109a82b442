/*
 * rating_metrics.c
 *	  Metrics read from a rating_summary: NPS, CSAT, CES, counts and means.
 *
 * These are the scalar accessors and, with the same C functions, the final
 * functions of the one-step aggregates (nps(score) finishes with
 * nps(rating_summary)).  They only read the summary, so aggregates over the
 * same column can share one transition state.
 *
 * Definitions: ../shared/reference/metrics.md sections 1-3.  Percentages
 * are on 0..100, NPS in points on -100..100; no answers give NULL.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"

#include "rating_summary.h"

PG_FUNCTION_INFO_V1(rating_summary_nps);
PG_FUNCTION_INFO_V1(rating_summary_nps_cuts);
PG_FUNCTION_INFO_V1(rating_summary_promoters);
PG_FUNCTION_INFO_V1(rating_summary_passives);
PG_FUNCTION_INFO_V1(rating_summary_detractors);
PG_FUNCTION_INFO_V1(rating_summary_promoter_pct);
PG_FUNCTION_INFO_V1(rating_summary_passive_pct);
PG_FUNCTION_INFO_V1(rating_summary_detractor_pct);
PG_FUNCTION_INFO_V1(rating_summary_csat_top2);
PG_FUNCTION_INFO_V1(rating_summary_csat_top2_scale);
PG_FUNCTION_INFO_V1(rating_summary_csat_topbox);
PG_FUNCTION_INFO_V1(rating_summary_csat_topbox_scale);
PG_FUNCTION_INFO_V1(rating_summary_csat_topk);
PG_FUNCTION_INFO_V1(rating_summary_ces_avg);
PG_FUNCTION_INFO_V1(rating_summary_ces_avg_scale);
PG_FUNCTION_INFO_V1(rating_summary_ces_easy_pct);
PG_FUNCTION_INFO_V1(rating_summary_count);
PG_FUNCTION_INFO_V1(rating_summary_count_of);
PG_FUNCTION_INFO_V1(rating_summary_mean);

/* Standard NPS cut points (Reichheld 2003): 0-6 detract, 7-8 passive. */
#define NPS_DETRACTOR_MAX	6
#define NPS_PASSIVE_MAX		8

#define CSAT_DEFAULT_SCALE	5
#define CES_DEFAULT_SCALE	7

static int64
count_range(const RatingSummary *s, int lo, int hi)
{
	int64		total = 0;

	for (int i = lo; i <= hi; i++)
		total += s->hist.counts[i];
	return total;
}

static float8
percent(int64 part, int64 whole)
{
	return 100.0 * (float8) part / (float8) whole;
}

static float8
nps_points(const RatingSummary *s, int detractor_max, int passive_max)
{
	int64		detractors = count_range(s, RATING_MIN, detractor_max);
	int64		promoters = count_range(s, passive_max + 1, RATING_MAX);

	/* exact below 2^46 answers, so the one division rounds correctly */
	return 100.0 * ((float8) promoters - (float8) detractors) / (float8) s->hist.n;
}

/*
 * A metric defined on a 1..scale_max scale must not silently count answers
 * from another scale: a 7 in a 1-5 CSAT means the wrong scale was assumed.
 */
static void
require_scale(const RatingSummary *s, int scale_max, const char *metric,
			  const char *hint)
{
	for (int i = RATING_MIN; i <= RATING_MAX; i++)
	{
		if (s->hist.counts[i] == 0 || (i >= 1 && i <= scale_max))
			continue;
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s score %d is out of range for a 1 to %d scale",
						metric, i, scale_max),
				 errdetail("The answers include %lld of %d; %s scores are whole numbers from 1 to %d.",
						   (long long) s->hist.counts[i], i, metric, scale_max),
				 hint ? errhint("%s", hint) : 0));
	}
}

static void
require_scale_max(int scale_max, int lowest)
{
	if (scale_max < lowest || scale_max > RATING_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("scale maximum %d is out of range", scale_max),
				 errdetail("Scales run from 1 to a maximum between %d and %d.",
						   lowest, RATING_MAX)));
}

static float8
csat_topk(const RatingSummary *s, int k, int scale_max)
{
	const char *hint = NULL;

	if (scale_max == CSAT_DEFAULT_SCALE)
		hint = "If the survey uses another scale, state it, as in csat_top2(rating_agg(score), 7).";
	require_scale(s, scale_max, "CSAT", hint);
	return percent(count_range(s, scale_max - k + 1, scale_max), s->hist.n);
}

#define RETURN_NULL_IF_EMPTY(s) \
	do { if ((s)->hist.n == 0) PG_RETURN_NULL(); } while (0)

Datum
rating_summary_nps(PG_FUNCTION_ARGS)
{
	RatingSummary *s = PG_GETARG_RATING_SUMMARY_P(0);

	RETURN_NULL_IF_EMPTY(s);
	PG_RETURN_FLOAT8(nps_points(s, NPS_DETRACTOR_MAX, NPS_PASSIVE_MAX));
}

/*
 * NPS with the user's cut points, e.g. for tools that let detractors end
 * elsewhere.  Ratings up to detractor_max detract, up to passive_max are
 * passive, the rest promote; detractor_max = passive_max means no passives.
 */
Datum
rating_summary_nps_cuts(PG_FUNCTION_ARGS)
{
	RatingSummary *s = PG_GETARG_RATING_SUMMARY_P(0);
	int32		detractor_max = PG_GETARG_INT32(1);
	int32		passive_max = PG_GETARG_INT32(2);

	if (detractor_max < RATING_MIN || passive_max >= RATING_MAX ||
		detractor_max > passive_max)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid NPS cut points: detractor maximum %d, passive maximum %d",
						detractor_max, passive_max),
				 errdetail("Cut points need 0 <= detractor maximum <= passive maximum <= 9."),
				 errhint("The standard cut points are nps(summary, 6, 8).")));
	RETURN_NULL_IF_EMPTY(s);
	PG_RETURN_FLOAT8(nps_points(s, detractor_max, passive_max));
}

Datum
rating_summary_promoters(PG_FUNCTION_ARGS)
{
	RatingSummary *s = PG_GETARG_RATING_SUMMARY_P(0);

	PG_RETURN_INT64(count_range(s, NPS_PASSIVE_MAX + 1, RATING_MAX));
}

Datum
rating_summary_passives(PG_FUNCTION_ARGS)
{
	RatingSummary *s = PG_GETARG_RATING_SUMMARY_P(0);

	PG_RETURN_INT64(count_range(s, NPS_DETRACTOR_MAX + 1, NPS_PASSIVE_MAX));
}

Datum
rating_summary_detractors(PG_FUNCTION_ARGS)
{
	RatingSummary *s = PG_GETARG_RATING_SUMMARY_P(0);

	PG_RETURN_INT64(count_range(s, RATING_MIN, NPS_DETRACTOR_MAX));
}

Datum
rating_summary_promoter_pct(PG_FUNCTION_ARGS)
{
	RatingSummary *s = PG_GETARG_RATING_SUMMARY_P(0);

	RETURN_NULL_IF_EMPTY(s);
	PG_RETURN_FLOAT8(percent(count_range(s, NPS_PASSIVE_MAX + 1, RATING_MAX),
							 s->hist.n));
}

Datum
rating_summary_passive_pct(PG_FUNCTION_ARGS)
{
	RatingSummary *s = PG_GETARG_RATING_SUMMARY_P(0);

	RETURN_NULL_IF_EMPTY(s);
	PG_RETURN_FLOAT8(percent(count_range(s, NPS_DETRACTOR_MAX + 1, NPS_PASSIVE_MAX),
							 s->hist.n));
}

Datum
rating_summary_detractor_pct(PG_FUNCTION_ARGS)
{
	RatingSummary *s = PG_GETARG_RATING_SUMMARY_P(0);

	RETURN_NULL_IF_EMPTY(s);
	PG_RETURN_FLOAT8(percent(count_range(s, RATING_MIN, NPS_DETRACTOR_MAX),
							 s->hist.n));
}

Datum
rating_summary_csat_top2(PG_FUNCTION_ARGS)
{
	RatingSummary *s = PG_GETARG_RATING_SUMMARY_P(0);

	RETURN_NULL_IF_EMPTY(s);
	PG_RETURN_FLOAT8(csat_topk(s, 2, CSAT_DEFAULT_SCALE));
}

Datum
rating_summary_csat_top2_scale(PG_FUNCTION_ARGS)
{
	RatingSummary *s = PG_GETARG_RATING_SUMMARY_P(0);
	int32		scale_max = PG_GETARG_INT32(1);

	require_scale_max(scale_max, 3);
	RETURN_NULL_IF_EMPTY(s);
	PG_RETURN_FLOAT8(csat_topk(s, 2, scale_max));
}

Datum
rating_summary_csat_topbox(PG_FUNCTION_ARGS)
{
	RatingSummary *s = PG_GETARG_RATING_SUMMARY_P(0);

	RETURN_NULL_IF_EMPTY(s);
	PG_RETURN_FLOAT8(csat_topk(s, 1, CSAT_DEFAULT_SCALE));
}

Datum
rating_summary_csat_topbox_scale(PG_FUNCTION_ARGS)
{
	RatingSummary *s = PG_GETARG_RATING_SUMMARY_P(0);
	int32		scale_max = PG_GETARG_INT32(1);

	require_scale_max(scale_max, 2);
	RETURN_NULL_IF_EMPTY(s);
	PG_RETURN_FLOAT8(csat_topk(s, 1, scale_max));
}

/* Top-k box: share of the k highest points of a 1..scale_max scale. */
Datum
rating_summary_csat_topk(PG_FUNCTION_ARGS)
{
	RatingSummary *s = PG_GETARG_RATING_SUMMARY_P(0);
	int32		k = PG_GETARG_INT32(1);
	int32		scale_max = PG_GETARG_INT32(2);

	require_scale_max(scale_max, 2);
	if (k < 1 || k >= scale_max)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("top-%d box is out of range for a 1 to %d scale", k, scale_max),
				 errdetail("The number of top boxes runs from 1 to %d on this scale.",
						   scale_max - 1)));
	RETURN_NULL_IF_EMPTY(s);
	PG_RETURN_FLOAT8(csat_topk(s, k, scale_max));
}

static float8
mean_rating(const RatingSummary *s)
{
	float8		sum = 0;

	/* each term is exact below 2^53 answers */
	for (int i = RATING_MIN + 1; i <= RATING_MAX; i++)
		sum += (float8) i * (float8) s->hist.counts[i];
	return sum / (float8) s->hist.n;
}

Datum
rating_summary_ces_avg(PG_FUNCTION_ARGS)
{
	RatingSummary *s = PG_GETARG_RATING_SUMMARY_P(0);

	RETURN_NULL_IF_EMPTY(s);
	require_scale(s, CES_DEFAULT_SCALE, "CES",
				  "For CES 1.0 (effort on 1 to 5), state the scale: ces_avg(rating_agg(score), 5).");
	PG_RETURN_FLOAT8(mean_rating(s));
}

Datum
rating_summary_ces_avg_scale(PG_FUNCTION_ARGS)
{
	RatingSummary *s = PG_GETARG_RATING_SUMMARY_P(0);
	int32		scale_max = PG_GETARG_INT32(1);

	require_scale_max(scale_max, 2);
	RETURN_NULL_IF_EMPTY(s);
	require_scale(s, scale_max, "CES", NULL);
	PG_RETURN_FLOAT8(mean_rating(s));
}

/*
 * Share of "easy" answers.  The two CES versions point opposite ways, so
 * the caller names one: 'agreement' is CES 2.0 ("the company made it
 * easy", 1-7, easy = 5-7); 'effort' is CES 1.0 ("how much effort", 1-5,
 * easy = 1-2).
 */
Datum
rating_summary_ces_easy_pct(PG_FUNCTION_ARGS)
{
	RatingSummary *s = PG_GETARG_RATING_SUMMARY_P(0);
	char	   *orientation = text_to_cstring(PG_GETARG_TEXT_PP(1));
	int			scale_max;
	int			easy_lo;
	int			easy_hi;

	if (pg_strcasecmp(orientation, "agreement") == 0)
	{
		scale_max = 7;
		easy_lo = 5;
		easy_hi = 7;
	}
	else if (pg_strcasecmp(orientation, "effort") == 0)
	{
		scale_max = 5;
		easy_lo = 1;
		easy_hi = 2;
	}
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown CES orientation \"%s\"", orientation),
				 errhint("Use 'agreement' for CES 2.0 (1 to 7, easy = 5 to 7) or 'effort' for CES 1.0 (1 to 5, easy = 1 to 2).")));

	RETURN_NULL_IF_EMPTY(s);
	require_scale(s, scale_max, "CES", NULL);
	PG_RETURN_FLOAT8(percent(count_range(s, easy_lo, easy_hi), s->hist.n));
}

Datum
rating_summary_count(PG_FUNCTION_ARGS)
{
	RatingSummary *s = PG_GETARG_RATING_SUMMARY_P(0);

	PG_RETURN_INT64(s->hist.n);
}

Datum
rating_summary_count_of(PG_FUNCTION_ARGS)
{
	RatingSummary *s = PG_GETARG_RATING_SUMMARY_P(0);
	int32		rating = PG_GETARG_INT32(1);

	if (rating < RATING_MIN || rating > RATING_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("rating %d is out of range", rating),
				 errdetail("Ratings are whole numbers from %d to %d.",
						   RATING_MIN, RATING_MAX)));
	PG_RETURN_INT64(s->hist.counts[rating]);
}

Datum
rating_summary_mean(PG_FUNCTION_ARGS)
{
	RatingSummary *s = PG_GETARG_RATING_SUMMARY_P(0);

	RETURN_NULL_IF_EMPTY(s);
	PG_RETURN_FLOAT8(mean_rating(s));
}
