/*
 * weighted_inference.c
 *	  Intervals, tests and sample sizes on a weighted_rating_summary, as R's
 *	  survey package computes them for svydesign(ids = ~1, weights = ~w).
 *
 * The estimates are the point accessors' own (rating_tally.h), so an
 * interval's estimate equals nps(s), csat_top2(s) or ces_avg(s) to the
 * last bit; the variances and intervals are in survey.c.  The units are the
 * point metrics': NPS in points, shares in percent, means in scale units.
 * An empty summary gives NULL; so does one answer, whose design-based
 * variance (divisor n - 1) does not exist.  Interval methods that assume
 * each answer counts once (adjusted Wald, score, Wilson) do not apply
 * under weights: naming one is an error that names those that do
 * (docs/metrics.md §8).
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"

#include "distributions.h"
#include "inference_args.h"
#include "rating_scales.h"
#include "rating_tally.h"
#include "result_types.h"
#include "survey.h"

PG_FUNCTION_INFO_V1(weighted_rating_summary_nps_ci);
PG_FUNCTION_INFO_V1(weighted_rating_summary_nps_ci_final);
PG_FUNCTION_INFO_V1(weighted_rating_summary_nps_se);
PG_FUNCTION_INFO_V1(weighted_rating_summary_nps_moe);
PG_FUNCTION_INFO_V1(weighted_rating_summary_nps_test);
PG_FUNCTION_INFO_V1(weighted_rating_summary_nps_sample_size);
PG_FUNCTION_INFO_V1(weighted_rating_summary_csat_top2_ci);
PG_FUNCTION_INFO_V1(weighted_rating_summary_csat_topbox_ci);
PG_FUNCTION_INFO_V1(weighted_rating_summary_ces_easy_ci);
PG_FUNCTION_INFO_V1(weighted_rating_summary_csat_top2_test);
PG_FUNCTION_INFO_V1(weighted_rating_summary_stddev);
PG_FUNCTION_INFO_V1(weighted_rating_summary_mean_ci);
PG_FUNCTION_INFO_V1(weighted_rating_summary_ces_avg_ci);

#define WALD "wald"

static void
read_tally(FunctionCallInfo fcinfo, int argno, RatingTally *t)
{
	rating_tally_of_weighted(PG_GETARG_DATUM(argno), t);
}

pg_noreturn static void
report_method(const char *name, bool unweighted_only, const char *use)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 unweighted_only ?
			 errmsg("interval method \"%s\" does not apply to weighted responses", name) :
			 errmsg("unknown interval method \"%s\"", name),
			 unweighted_only ?
			 errdetail("It counts every answer once; a weighted_rating_summary needs a design-based method.") : 0,
			 errhint("%s", use)));
}

/* NPS intervals and tests under weights: Wald on the linearized variance. */
static void
require_nps_method(const char *name)
{
	if (pg_strcasecmp(name, WALD) == 0)
		return;
	report_method(name, pg_strcasecmp(name, "adjusted-wald") == 0 ||
				  pg_strcasecmp(name, "score") == 0,
				  "Use 'wald', the design-based interval of R's svymean() and confint().");
}

typedef enum ShareMethod
{
	SHARE_LOGIT,
	SHARE_BETA
} ShareMethod;

static ShareMethod
share_method(const char *name)
{
	if (pg_strcasecmp(name, "logit") == 0)
		return SHARE_LOGIT;
	if (pg_strcasecmp(name, "beta") == 0)
		return SHARE_BETA;
	report_method(name, pg_strcasecmp(name, "wilson") == 0,
				  "Use 'logit' (the default) or 'beta' (Korn-Graubard), the methods of R's svyciprop().");
}

/* ---- the weighted mean of a per-rating value ----------------------------- */

/*
 * A metric as a weighted mean: per rating its per-answer value x in the
 * metric's units (for the NPS +100/0/-100 points, for a share 100/0
 * percent, for a mean the rating), the estimate exactly as the point
 * accessor returns it, and its design-based standard error.
 */
typedef struct WeightedMean
{
	double		x[RATING_NVALUES];
	double		estimate;
	double		se;				/* NaN below 2 answers */
} WeightedMean;

static void
mean_se(const RatingTally *t, WeightedMean *m)
{
	m->se = sqrt(survey_mean_variance(m->x, t->weight, t->weight_sq, RATING_NVALUES,
									  (double) t->n));
}

/* The NPS in points: nps(s). */
static WeightedMean
nps_mean(const RatingTally *t)
{
	WeightedMean m;

	for (int r = RATING_MIN; r <= RATING_MAX; r++)
		m.x[r] = r <= NPS_DETRACTOR_MAX ? -100.0 : r <= NPS_PASSIVE_MAX ? 0.0 : 100.0;
	m.estimate = rating_tally_nps(t, NPS_DETRACTOR_MAX, NPS_PASSIVE_MAX);
	mean_se(t, &m);
	return m;
}

/* The share of ratings lo..hi in percent, as csat_top2(s) and the others give it. */
static WeightedMean
share_mean(const RatingTally *t, int lo, int hi)
{
	WeightedMean m;

	for (int r = RATING_MIN; r <= RATING_MAX; r++)
		m.x[r] = r >= lo && r <= hi ? 100.0 : 0.0;
	m.estimate = rating_tally_percent(t, lo, hi);
	mean_se(t, &m);
	return m;
}

static WeightedMean
rating_mean(const RatingTally *t)
{
	WeightedMean m;

	for (int r = RATING_MIN; r <= RATING_MAX; r++)
		m.x[r] = (double) r;
	m.estimate = rating_tally_mean(t);
	mean_se(t, &m);
	return m;
}

/* ---- NPS ------------------------------------------------------------------ */

static double
clip(double x, double lo, double hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}

/* nps_interval: (estimate, lower, upper, se, level, method, n), in points */
static Datum
nps_interval_result(FunctionCallInfo fcinfo, const RatingTally *t, double level)
{
	WeightedMean m = nps_mean(t);
	double		z = inference_z(level);
	Datum		values[7];
	bool		nulls[7] = {false};

	values[0] = Float8GetDatum(m.estimate);
	values[1] = Float8GetDatum(clip(m.estimate - z * m.se, -100.0, 100.0));
	values[2] = Float8GetDatum(clip(m.estimate + z * m.se, -100.0, 100.0));
	values[3] = Float8GetDatum(m.se);
	values[4] = Float8GetDatum(level);
	values[5] = CStringGetTextDatum(WALD);
	values[6] = Int64GetDatum(t->n);
	return csm_result_row(fcinfo, "nps_interval", values, nulls);
}

#define RETURN_NULL_BELOW_TWO(t) \
	do { if ((t)->n < 2) PG_RETURN_NULL(); } while (0)

Datum
weighted_rating_summary_nps_ci(PG_FUNCTION_ARGS)
{
	double		level = PG_GETARG_FLOAT8(1);
	RatingTally t;

	(void) inference_level(level);		/* bad arguments are errors even when empty */
	require_nps_method(text_to_cstring(PG_GETARG_TEXT_PP(2)));
	read_tally(fcinfo, 0, &t);
	RETURN_NULL_BELOW_TWO(&t);
	PG_RETURN_DATUM(nps_interval_result(fcinfo, &t, level));
}

/* Final function of the one-step nps_ci(score, weight): 95% Wald. */
Datum
weighted_rating_summary_nps_ci_final(PG_FUNCTION_ARGS)
{
	RatingTally t;

	read_tally(fcinfo, 0, &t);
	RETURN_NULL_BELOW_TWO(&t);
	PG_RETURN_DATUM(nps_interval_result(fcinfo, &t, 0.95));
}

Datum
weighted_rating_summary_nps_se(PG_FUNCTION_ARGS)
{
	RatingTally t;

	read_tally(fcinfo, 0, &t);
	RETURN_NULL_BELOW_TWO(&t);
	PG_RETURN_FLOAT8(nps_mean(&t).se);
}

/* Margin of error of the Wald interval, in points: z * SE. */
Datum
weighted_rating_summary_nps_moe(PG_FUNCTION_ARGS)
{
	double		z = inference_z(PG_GETARG_FLOAT8(1));
	RatingTally t;

	read_tally(fcinfo, 0, &t);
	RETURN_NULL_BELOW_TWO(&t);
	PG_RETURN_FLOAT8(z * nps_mean(&t).se);
}

/*
 * difference_test of two independent groups: (difference, se, z, p_value,
 * lower, upper, level, method), each group's variance its own, the
 * interval clipped to +-limit.
 */
static Datum
difference_result(FunctionCallInfo fcinfo, WeightedMean a, WeightedMean b, double limit,
				  double level)
{
	double		d = a.estimate - b.estimate;
	double		se = sqrt(a.se * a.se + b.se * b.se);
	double		z = inference_z(level);
	double		stat = se > 0.0 ? d / se : d > 0.0 ? INFINITY : d < 0.0 ? -INFINITY : 0.0;
	Datum		values[8];
	bool		nulls[8] = {false};

	values[0] = Float8GetDatum(d);
	values[1] = Float8GetDatum(se);
	values[2] = Float8GetDatum(stat);
	values[3] = Float8GetDatum(stat == 0.0 ? 1.0 : 2.0 * normal_sf(fabs(stat)));
	values[4] = Float8GetDatum(clip(d - z * se, -limit, limit));
	values[5] = Float8GetDatum(clip(d + z * se, -limit, limit));
	values[6] = Float8GetDatum(level);
	values[7] = CStringGetTextDatum(WALD);
	return csm_result_row(fcinfo, "difference_test", values, nulls);
}

Datum
weighted_rating_summary_nps_test(PG_FUNCTION_ARGS)
{
	double		level = PG_GETARG_FLOAT8(2);
	RatingTally a,
				b;

	(void) inference_level(level);
	require_nps_method(text_to_cstring(PG_GETARG_TEXT_PP(3)));
	read_tally(fcinfo, 0, &a);
	read_tally(fcinfo, 1, &b);
	if (a.n < 2 || b.n < 2)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(difference_result(fcinfo, nps_mean(&a), nps_mean(&b), 200.0, level));
}

/*
 * Answers needed for a margin of error E (points) if the new sample is
 * weighted like this one: n = z² · n_s · SE_s² / E², the variance of one
 * answer as this design has it (design effect included).
 */
Datum
weighted_rating_summary_nps_sample_size(PG_FUNCTION_ARGS)
{
	double		e = inference_margin(PG_GETARG_FLOAT8(1), 200.0);
	double		z = inference_z(PG_GETARG_FLOAT8(2));
	RatingTally t;
	double		se;

	read_tally(fcinfo, 0, &t);
	RETURN_NULL_BELOW_TWO(&t);
	se = nps_mean(&t).se / 100.0;	/* on -1..1, as the margin e */
	PG_RETURN_INT64(inference_responses(z * z * (double) t.n * se * se / (e * e)));
}

/* ---- shares ----------------------------------------------------------------- */

/*
 * weighted_proportion_interval: (estimate, lower, upper, se, level, method,
 * n, effective_n), in percent; the bounds are NULL where the method has
 * none (logit at 0% and 100%).
 */
static Datum
share_interval_result(FunctionCallInfo fcinfo, const RatingTally *t, int lo, int hi,
					  double level, ShareMethod method)
{
	WeightedMean m = share_mean(t, lo, hi);
	double		p = m.estimate / 100.0;		/* survey.c works on 0..1 */
	double		se = m.se / 100.0;
	ConfidenceInterval ci;
	double		n_eff = survey_share_effective_n(p, se, (double) t->n);
	Datum		values[8];
	bool		nulls[8] = {false};

	if (method == SHARE_LOGIT)
		ci = survey_logit_interval(p, se, (double) (t->n - 1), level);
	else
		ci = survey_beta_interval(p, se, (double) t->n, level, &n_eff);
	values[0] = Float8GetDatum(m.estimate);
	values[1] = Float8GetDatum(100.0 * ci.lower);
	values[2] = Float8GetDatum(100.0 * ci.upper);
	nulls[1] = isnan(ci.lower);
	nulls[2] = isnan(ci.upper);
	values[3] = Float8GetDatum(m.se);
	values[4] = Float8GetDatum(level);
	values[5] = CStringGetTextDatum(method == SHARE_LOGIT ? "logit" : "beta");
	values[6] = Int64GetDatum(t->n);
	values[7] = Float8GetDatum(n_eff);
	return csm_result_row(fcinfo, "weighted_proportion_interval", values, nulls);
}

/* The estimate column is csat_top2(s, scale) exactly: the same call. */
static Datum
csat_ci(FunctionCallInfo fcinfo, int k)
{
	int32		scale_max = PG_GETARG_INT32(1);
	double		level = PG_GETARG_FLOAT8(2);
	ShareMethod method = share_method(text_to_cstring(PG_GETARG_TEXT_PP(3)));
	RatingTally t;

	rating_require_scale_max(scale_max, k + 1);
	(void) inference_level(level);
	read_tally(fcinfo, 0, &t);
	RETURN_NULL_BELOW_TWO(&t);
	rating_require_scale(t.answers, scale_max, "CSAT",
						 scale_max == CSAT_DEFAULT_SCALE ? CSAT_SCALE_HINT : NULL);
	PG_RETURN_DATUM(share_interval_result(fcinfo, &t, scale_max - k + 1, scale_max, level, method));
}

Datum
weighted_rating_summary_csat_top2_ci(PG_FUNCTION_ARGS)
{
	return csat_ci(fcinfo, 2);
}

Datum
weighted_rating_summary_csat_topbox_ci(PG_FUNCTION_ARGS)
{
	return csat_ci(fcinfo, 1);
}

Datum
weighted_rating_summary_ces_easy_ci(PG_FUNCTION_ARGS)
{
	CesOrientation o = rating_ces_orientation(text_to_cstring(PG_GETARG_TEXT_PP(1)));
	double		level = PG_GETARG_FLOAT8(2);
	ShareMethod method = share_method(text_to_cstring(PG_GETARG_TEXT_PP(3)));
	RatingTally t;

	(void) inference_level(level);
	read_tally(fcinfo, 0, &t);
	RETURN_NULL_BELOW_TWO(&t);
	rating_require_scale(t.answers, o.scale_max, "CES", NULL);
	PG_RETURN_DATUM(share_interval_result(fcinfo, &t, o.easy_lo, o.easy_hi, level, method));
}

/* Two independent groups' CSAT top-2-box shares, in percentage points. */
Datum
weighted_rating_summary_csat_top2_test(PG_FUNCTION_ARGS)
{
	int32		scale_max = PG_GETARG_INT32(2);
	double		level = PG_GETARG_FLOAT8(3);
	RatingTally a,
				b;

	rating_require_scale_max(scale_max, 3);
	(void) inference_level(level);
	read_tally(fcinfo, 0, &a);
	read_tally(fcinfo, 1, &b);
	if (a.n < 2 || b.n < 2)
		PG_RETURN_NULL();
	rating_require_scale(a.answers, scale_max, "CSAT",
						 scale_max == CSAT_DEFAULT_SCALE ? CSAT_SCALE_HINT : NULL);
	rating_require_scale(b.answers, scale_max, "CSAT",
						 scale_max == CSAT_DEFAULT_SCALE ? CSAT_SCALE_HINT : NULL);
	PG_RETURN_DATUM(difference_result(fcinfo, share_mean(&a, scale_max - 1, scale_max),
									  share_mean(&b, scale_max - 1, scale_max),
									  100.0, level));
}

/* ---- means ------------------------------------------------------------------ */

/* The standard deviation of the ratings as svyvar() estimates it. */
static double
weighted_stddev(const RatingTally *t, const WeightedMean *m)
{
	return sqrt(survey_value_variance(m->x, t->weight, RATING_NVALUES, (double) t->n));
}

Datum
weighted_rating_summary_stddev(PG_FUNCTION_ARGS)
{
	RatingTally t;
	WeightedMean m;

	read_tally(fcinfo, 0, &t);
	RETURN_NULL_BELOW_TWO(&t);
	m = rating_mean(&t);
	PG_RETURN_FLOAT8(weighted_stddev(&t, &m));
}

/* mean_interval: (estimate, lower, upper, se, stddev, df, level), t on n - 1 df */
static Datum
mean_interval_result(FunctionCallInfo fcinfo, const RatingTally *t, double level)
{
	WeightedMean m = rating_mean(t);

	return inference_mean_interval(fcinfo, m.estimate, m.se, weighted_stddev(t, &m), t->n, level);
}

Datum
weighted_rating_summary_mean_ci(PG_FUNCTION_ARGS)
{
	double		level = PG_GETARG_FLOAT8(1);
	RatingTally t;

	(void) inference_level(level);
	read_tally(fcinfo, 0, &t);
	RETURN_NULL_BELOW_TWO(&t);
	PG_RETURN_DATUM(mean_interval_result(fcinfo, &t, level));
}

Datum
weighted_rating_summary_ces_avg_ci(PG_FUNCTION_ARGS)
{
	int32		scale_max = PG_GETARG_INT32(1);
	double		level = PG_GETARG_FLOAT8(2);
	RatingTally t;

	rating_require_scale_max(scale_max, 2);
	(void) inference_level(level);
	read_tally(fcinfo, 0, &t);
	RETURN_NULL_BELOW_TWO(&t);
	rating_require_scale(t.answers, scale_max, "CES",
						 scale_max == CES_DEFAULT_SCALE ? CES_SCALE_HINT : NULL);
	PG_RETURN_DATUM(mean_interval_result(fcinfo, &t, level));
}
