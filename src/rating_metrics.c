/*
 * rating_metrics.c
 *	  Metrics read from a rating summary, plain or weighted: NPS, CSAT, CES,
 *	  counts and means.
 *
 * These are the scalar accessors and, with the same C functions, the final
 * functions of the one-step aggregates (nps(score) finishes with
 * nps(rating_summary), nps(score, weight) with nps(weighted_rating_summary)).
 * They only read the summary, so aggregates over the same column can share
 * one transition state.
 *
 * Each accessor is one body reading a RatingTally (rating_tally.h), the
 * answers and their weights, so the two summary types cannot disagree:
 * RATING_ACCESSOR gives it its two SQL entry points.  Counts are raw
 * answers; shares and means weigh each answer by its weight, 1 in a
 * rating_summary.
 *
 * Definitions: docs/metrics.md sections 1 (NPS), 2 (CSAT), 3 (CES) and 8
 * (weights).  Percentages are on 0..100, NPS in points on -100..100; no
 * answers give NULL.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"

#include "rating_scales.h"
#include "rating_summary.h"
#include "rating_tally.h"

/*
 * The entry points of one accessor body: rating_summary_<name> reads a
 * rating_summary, weighted_rating_summary_<name> a weighted one.
 */
#define RATING_ACCESSOR(name) \
PG_FUNCTION_INFO_V1(rating_summary_##name); \
PG_FUNCTION_INFO_V1(weighted_rating_summary_##name); \
Datum \
rating_summary_##name(PG_FUNCTION_ARGS) \
{ \
	RatingTally t; \
	rating_tally_of_rating(PG_GETARG_DATUM(0), &t); \
	return name(fcinfo, &t); \
} \
Datum \
weighted_rating_summary_##name(PG_FUNCTION_ARGS) \
{ \
	RatingTally t; \
	rating_tally_of_weighted(PG_GETARG_DATUM(0), &t); \
	return name(fcinfo, &t); \
}

#define RETURN_NULL_IF_EMPTY(t) \
	do { if ((t)->n == 0) PG_RETURN_NULL(); } while (0)

static float8
topk_percent(const RatingTally *t, int k, int scale_max)
{
	rating_require_scale(t->answers, scale_max, "CSAT",
						 scale_max == CSAT_DEFAULT_SCALE ? CSAT_SCALE_HINT : NULL);
	return rating_tally_percent(t, scale_max - k + 1, scale_max);
}

static Datum
nps(FunctionCallInfo fcinfo, const RatingTally *t)
{
	RETURN_NULL_IF_EMPTY(t);
	PG_RETURN_FLOAT8(rating_tally_nps(t, NPS_DETRACTOR_MAX, NPS_PASSIVE_MAX));
}
RATING_ACCESSOR(nps)

/*
 * NPS with the user's cut points, e.g. for tools that let detractors end
 * elsewhere.  Ratings up to detractor_max detract, up to passive_max are
 * passive, the rest promote; detractor_max = passive_max means no passives.
 */
static Datum
nps_cuts(FunctionCallInfo fcinfo, const RatingTally *t)
{
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
	RETURN_NULL_IF_EMPTY(t);
	PG_RETURN_FLOAT8(rating_tally_nps(t, detractor_max, passive_max));
}
RATING_ACCESSOR(nps_cuts)

static Datum
promoters(FunctionCallInfo fcinfo, const RatingTally *t)
{
	(void) fcinfo;
	PG_RETURN_INT64(rating_count_range(t->answers, NPS_PASSIVE_MAX + 1, RATING_MAX));
}
RATING_ACCESSOR(promoters)

static Datum
passives(FunctionCallInfo fcinfo, const RatingTally *t)
{
	(void) fcinfo;
	PG_RETURN_INT64(rating_count_range(t->answers, NPS_DETRACTOR_MAX + 1, NPS_PASSIVE_MAX));
}
RATING_ACCESSOR(passives)

static Datum
detractors(FunctionCallInfo fcinfo, const RatingTally *t)
{
	(void) fcinfo;
	PG_RETURN_INT64(rating_count_range(t->answers, RATING_MIN, NPS_DETRACTOR_MAX));
}
RATING_ACCESSOR(detractors)

static Datum
promoter_pct(FunctionCallInfo fcinfo, const RatingTally *t)
{
	RETURN_NULL_IF_EMPTY(t);
	PG_RETURN_FLOAT8(rating_tally_percent(t, NPS_PASSIVE_MAX + 1, RATING_MAX));
}
RATING_ACCESSOR(promoter_pct)

static Datum
passive_pct(FunctionCallInfo fcinfo, const RatingTally *t)
{
	RETURN_NULL_IF_EMPTY(t);
	PG_RETURN_FLOAT8(rating_tally_percent(t, NPS_DETRACTOR_MAX + 1, NPS_PASSIVE_MAX));
}
RATING_ACCESSOR(passive_pct)

static Datum
detractor_pct(FunctionCallInfo fcinfo, const RatingTally *t)
{
	RETURN_NULL_IF_EMPTY(t);
	PG_RETURN_FLOAT8(rating_tally_percent(t, RATING_MIN, NPS_DETRACTOR_MAX));
}
RATING_ACCESSOR(detractor_pct)

static Datum
csat_top2(FunctionCallInfo fcinfo, const RatingTally *t)
{
	RETURN_NULL_IF_EMPTY(t);
	PG_RETURN_FLOAT8(topk_percent(t, 2, CSAT_DEFAULT_SCALE));
}
RATING_ACCESSOR(csat_top2)

static Datum
csat_top2_scale(FunctionCallInfo fcinfo, const RatingTally *t)
{
	int32		scale_max = PG_GETARG_INT32(1);

	rating_require_scale_max(scale_max, 3);
	RETURN_NULL_IF_EMPTY(t);
	PG_RETURN_FLOAT8(topk_percent(t, 2, scale_max));
}
RATING_ACCESSOR(csat_top2_scale)

static Datum
csat_topbox(FunctionCallInfo fcinfo, const RatingTally *t)
{
	RETURN_NULL_IF_EMPTY(t);
	PG_RETURN_FLOAT8(topk_percent(t, 1, CSAT_DEFAULT_SCALE));
}
RATING_ACCESSOR(csat_topbox)

static Datum
csat_topbox_scale(FunctionCallInfo fcinfo, const RatingTally *t)
{
	int32		scale_max = PG_GETARG_INT32(1);

	rating_require_scale_max(scale_max, 2);
	RETURN_NULL_IF_EMPTY(t);
	PG_RETURN_FLOAT8(topk_percent(t, 1, scale_max));
}
RATING_ACCESSOR(csat_topbox_scale)

/* Top-k box: share of the k highest points of a 1..scale_max scale. */
static Datum
csat_topk(FunctionCallInfo fcinfo, const RatingTally *t)
{
	int32		k = PG_GETARG_INT32(1);
	int32		scale_max = PG_GETARG_INT32(2);

	rating_require_scale_max(scale_max, 2);
	rating_require_top_boxes(k, scale_max);
	RETURN_NULL_IF_EMPTY(t);
	PG_RETURN_FLOAT8(topk_percent(t, k, scale_max));
}
RATING_ACCESSOR(csat_topk)

static Datum
ces_avg(FunctionCallInfo fcinfo, const RatingTally *t)
{
	RETURN_NULL_IF_EMPTY(t);
	rating_require_scale(t->answers, CES_DEFAULT_SCALE, "CES", CES_SCALE_HINT);
	PG_RETURN_FLOAT8(rating_tally_mean(t));
}
RATING_ACCESSOR(ces_avg)

static Datum
ces_avg_scale(FunctionCallInfo fcinfo, const RatingTally *t)
{
	int32		scale_max = PG_GETARG_INT32(1);

	rating_require_scale_max(scale_max, 2);
	RETURN_NULL_IF_EMPTY(t);
	rating_require_scale(t->answers, scale_max, "CES", NULL);
	PG_RETURN_FLOAT8(rating_tally_mean(t));
}
RATING_ACCESSOR(ces_avg_scale)

/*
 * Share of "easy" answers.  The two CES versions point opposite ways, so
 * the caller names one: 'agreement' is CES 2.0 ("the company made it
 * easy", 1-7, easy = 5-7); 'effort' is CES 1.0 ("how much effort", 1-5,
 * easy = 1-2).
 */
static Datum
ces_easy_pct(FunctionCallInfo fcinfo, const RatingTally *t)
{
	CesOrientation o = rating_ces_orientation(text_to_cstring(PG_GETARG_TEXT_PP(1)));

	RETURN_NULL_IF_EMPTY(t);
	rating_require_scale(t->answers, o.scale_max, "CES", NULL);
	PG_RETURN_FLOAT8(rating_tally_percent(t, o.easy_lo, o.easy_hi));
}
RATING_ACCESSOR(ces_easy_pct)

static Datum
count(FunctionCallInfo fcinfo, const RatingTally *t)
{
	(void) fcinfo;
	PG_RETURN_INT64(t->n);
}
RATING_ACCESSOR(count)

static Datum
count_of(FunctionCallInfo fcinfo, const RatingTally *t)
{
	int32		rating = PG_GETARG_INT32(1);

	if (rating < RATING_MIN || rating > RATING_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("rating %d is out of range", rating),
				 errdetail("Ratings are whole numbers from %d to %d.",
						   RATING_MIN, RATING_MAX)));
	PG_RETURN_INT64(t->answers[rating]);
}
RATING_ACCESSOR(count_of)

static Datum
mean(FunctionCallInfo fcinfo, const RatingTally *t)
{
	RETURN_NULL_IF_EMPTY(t);
	PG_RETURN_FLOAT8(rating_tally_mean(t));
}
RATING_ACCESSOR(mean)
