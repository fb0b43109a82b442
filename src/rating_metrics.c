/*
 * rating_metrics.c
 *	  Metrics read from a rating_summary: NPS, CSAT, CES, counts and means.
 *
 * These are the scalar accessors and, with the same C functions, the final
 * functions of the one-step aggregates (nps(score) finishes with
 * nps(rating_summary)).  They only read the summary, so aggregates over the
 * same column can share one transition state.
 *
 * Definitions: docs/metrics.md sections 1 (NPS), 2 (CSAT) and 3 (CES).
 * Percentages are on 0..100, NPS in points on -100..100; no answers give NULL.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"

#include "rating_scales.h"
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

static float8
percent(int64 part, int64 whole)
{
	return 100.0 * (float8) part / (float8) whole;
}

static float8
nps_points(const RatingSummary *s, int detractor_max, int passive_max)
{
	int64		detractors = rating_count_range(s, RATING_MIN, detractor_max);
	int64		promoters = rating_count_range(s, passive_max + 1, RATING_MAX);

	/* exact below 2^46 answers, so the one division rounds correctly */
	return 100.0 * ((float8) promoters - (float8) detractors) / (float8) s->hist.n;
}

static float8
csat_topk(const RatingSummary *s, int k, int scale_max)
{
	rating_require_scale(s, scale_max, "CSAT",
						 scale_max == CSAT_DEFAULT_SCALE ? CSAT_SCALE_HINT : NULL);
	return percent(rating_count_range(s, scale_max - k + 1, scale_max), s->hist.n);
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

	PG_RETURN_INT64(rating_count_range(s, NPS_PASSIVE_MAX + 1, RATING_MAX));
}

Datum
rating_summary_passives(PG_FUNCTION_ARGS)
{
	RatingSummary *s = PG_GETARG_RATING_SUMMARY_P(0);

	PG_RETURN_INT64(rating_count_range(s, NPS_DETRACTOR_MAX + 1, NPS_PASSIVE_MAX));
}

Datum
rating_summary_detractors(PG_FUNCTION_ARGS)
{
	RatingSummary *s = PG_GETARG_RATING_SUMMARY_P(0);

	PG_RETURN_INT64(rating_count_range(s, RATING_MIN, NPS_DETRACTOR_MAX));
}

Datum
rating_summary_promoter_pct(PG_FUNCTION_ARGS)
{
	RatingSummary *s = PG_GETARG_RATING_SUMMARY_P(0);

	RETURN_NULL_IF_EMPTY(s);
	PG_RETURN_FLOAT8(percent(rating_count_range(s, NPS_PASSIVE_MAX + 1, RATING_MAX),
							 s->hist.n));
}

Datum
rating_summary_passive_pct(PG_FUNCTION_ARGS)
{
	RatingSummary *s = PG_GETARG_RATING_SUMMARY_P(0);

	RETURN_NULL_IF_EMPTY(s);
	PG_RETURN_FLOAT8(percent(rating_count_range(s, NPS_DETRACTOR_MAX + 1, NPS_PASSIVE_MAX),
							 s->hist.n));
}

Datum
rating_summary_detractor_pct(PG_FUNCTION_ARGS)
{
	RatingSummary *s = PG_GETARG_RATING_SUMMARY_P(0);

	RETURN_NULL_IF_EMPTY(s);
	PG_RETURN_FLOAT8(percent(rating_count_range(s, RATING_MIN, NPS_DETRACTOR_MAX),
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

	rating_require_scale_max(scale_max, 3);
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

	rating_require_scale_max(scale_max, 2);
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

	rating_require_scale_max(scale_max, 2);
	rating_require_top_boxes(k, scale_max);
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
	rating_require_scale(s, CES_DEFAULT_SCALE, "CES", CES_SCALE_HINT);
	PG_RETURN_FLOAT8(mean_rating(s));
}

Datum
rating_summary_ces_avg_scale(PG_FUNCTION_ARGS)
{
	RatingSummary *s = PG_GETARG_RATING_SUMMARY_P(0);
	int32		scale_max = PG_GETARG_INT32(1);

	rating_require_scale_max(scale_max, 2);
	RETURN_NULL_IF_EMPTY(s);
	rating_require_scale(s, scale_max, "CES", NULL);
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
	CesOrientation o = rating_ces_orientation(text_to_cstring(PG_GETARG_TEXT_PP(1)));

	RETURN_NULL_IF_EMPTY(s);
	rating_require_scale(s, o.scale_max, "CES", NULL);
	PG_RETURN_FLOAT8(percent(rating_count_range(s, o.easy_lo, o.easy_hi), s->hist.n));
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
