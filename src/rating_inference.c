/*
 * rating_inference.c
 *	  SQL functions for intervals, tests and sample sizes on rating_summary.
 *
 * The maths is in inference.c and distributions.c; this file reads the
 * summaries and parameters, validates them, and converts to the units the
 * point metrics use: NPS in points, shares in percent, means in scale units.
 * Results are composite types so reporting tools get named columns.  An
 * empty summary gives NULL, as the point metrics do.
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"

#include "inference.h"
#include "inference_args.h"
#include "rating_scales.h"
#include "rating_summary.h"
#include "rating_tally.h"
#include "result_types.h"

PG_FUNCTION_INFO_V1(rating_summary_nps_ci);
PG_FUNCTION_INFO_V1(rating_summary_nps_ci_final);
PG_FUNCTION_INFO_V1(rating_summary_nps_se);
PG_FUNCTION_INFO_V1(rating_summary_nps_moe);
PG_FUNCTION_INFO_V1(rating_summary_nps_test);
PG_FUNCTION_INFO_V1(csm_wilson_interval);
PG_FUNCTION_INFO_V1(rating_summary_csat_top2_ci);
PG_FUNCTION_INFO_V1(rating_summary_csat_topbox_ci);
PG_FUNCTION_INFO_V1(rating_summary_ces_easy_ci);
PG_FUNCTION_INFO_V1(csm_proportion_test);
PG_FUNCTION_INFO_V1(rating_summary_csat_top2_test);
PG_FUNCTION_INFO_V1(rating_summary_stddev);
PG_FUNCTION_INFO_V1(rating_summary_mean_ci);
PG_FUNCTION_INFO_V1(rating_summary_ces_avg_ci);
PG_FUNCTION_INFO_V1(csm_nps_sample_size);
PG_FUNCTION_INFO_V1(rating_summary_nps_sample_size);
PG_FUNCTION_INFO_V1(csm_csat_sample_size);

#define DEFAULT_NPS_METHOD "adjusted-wald"

typedef enum NpsMethod
{
	NPS_WALD,
	NPS_ADJUSTED_WALD,
	NPS_SCORE
} NpsMethod;

static NpsMethod
nps_method(const char *name, bool allow_score)
{
	if (pg_strcasecmp(name, "wald") == 0)
		return NPS_WALD;
	if (pg_strcasecmp(name, "adjusted-wald") == 0)
		return NPS_ADJUSTED_WALD;
	if (allow_score && pg_strcasecmp(name, "score") == 0)
		return NPS_SCORE;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown interval method \"%s\"", name),
			 allow_score ?
			 errhint("Use 'adjusted-wald' (the default), 'wald' or 'score'.") :
			 errhint("Use 'adjusted-wald' (the default) or 'wald'.")));
	pg_unreachable();
}

static const char *
nps_method_name(NpsMethod m)
{
	return m == NPS_WALD ? "wald" : m == NPS_ADJUSTED_WALD ? "adjusted-wald" : "score";
}

static NpsCounts
nps_counts(const RatingSummary *s)
{
	NpsCounts	c;

	c.detractors = (double) rating_count_range(s->hist.counts, RATING_MIN, NPS_DETRACTOR_MAX);
	c.passives = (double) rating_count_range(s->hist.counts, NPS_DETRACTOR_MAX + 1, NPS_PASSIVE_MAX);
	c.promoters = (double) rating_count_range(s->hist.counts, NPS_PASSIVE_MAX + 1, RATING_MAX);
	return c;
}

/*
 * The point metrics as the accessors compute them (rating_tally.h), so that
 * an interval's estimate equals nps(s), csat_top2(s) or ces_easy_pct(s) to
 * the last bit.
 */
static double
nps_points(const RatingSummary *s)
{
	RatingTally t;

	rating_tally_of_rating(PointerGetDatum(s), &t);
	return rating_tally_nps(&t, NPS_DETRACTOR_MAX, NPS_PASSIVE_MAX);
}

static double
share_percent(const RatingSummary *s, int lo, int hi)
{
	RatingTally t;

	rating_tally_of_rating(PointerGetDatum(s), &t);
	return rating_tally_percent(&t, lo, hi);
}

/* nps_interval: (estimate, lower, upper, se, level, method, n), in points */
static Datum
nps_interval_result(FunctionCallInfo fcinfo, const RatingSummary *s, double level,
					NpsMethod method)
{
	double		z = inference_z(level);
	NpsCounts	c = nps_counts(s);
	ConfidenceInterval	r;
	Datum		values[7];
	bool		nulls[7] = {false};

	switch (method)
	{
		case NPS_WALD:
			r = nps_wald_interval(c, z);
			break;
		case NPS_ADJUSTED_WALD:
			r = nps_adjusted_wald_interval(c, z);
			break;
		default:
			r = nps_score_interval(c, z);
			break;
	}
	values[0] = Float8GetDatum(nps_points(s));
	values[1] = Float8GetDatum(100.0 * r.lower);
	values[2] = Float8GetDatum(100.0 * r.upper);
	values[3] = Float8GetDatum(100.0 * r.se);
	values[4] = Float8GetDatum(level);
	values[5] = CStringGetTextDatum(nps_method_name(method));
	values[6] = Int64GetDatum(s->hist.n);
	return csm_result_row(fcinfo, "nps_interval", values, nulls);
}

#define RETURN_NULL_IF_EMPTY(s) \
	do { if ((s)->hist.n == 0) PG_RETURN_NULL(); } while (0)

Datum
rating_summary_nps_ci(PG_FUNCTION_ARGS)
{
	RatingSummary *s = PG_GETARG_RATING_SUMMARY_WIDE(0);
	double		level = PG_GETARG_FLOAT8(1);
	NpsMethod	method = nps_method(text_to_cstring(PG_GETARG_TEXT_PP(2)), true);

	(void) inference_z(level);	/* bad arguments are errors even when empty */
	RETURN_NULL_IF_EMPTY(s);
	PG_RETURN_DATUM(nps_interval_result(fcinfo, s, level, method));
}

/* Final function of the one-step nps_ci(score): the defaults. */
Datum
rating_summary_nps_ci_final(PG_FUNCTION_ARGS)
{
	RatingSummary *s = PG_GETARG_RATING_SUMMARY_WIDE(0);

	RETURN_NULL_IF_EMPTY(s);
	PG_RETURN_DATUM(nps_interval_result(fcinfo, s, 0.95, NPS_ADJUSTED_WALD));
}

Datum
rating_summary_nps_se(PG_FUNCTION_ARGS)
{
	RatingSummary *s = PG_GETARG_RATING_SUMMARY_WIDE(0);
	NpsCounts	c;

	RETURN_NULL_IF_EMPTY(s);
	c = nps_counts(s);
	PG_RETURN_FLOAT8(100.0 * sqrt(nps_variance(c) / (double) s->hist.n));
}

/* Margin of error of the Wald interval, in points: z * SE. */
Datum
rating_summary_nps_moe(PG_FUNCTION_ARGS)
{
	RatingSummary *s = PG_GETARG_RATING_SUMMARY_WIDE(0);
	double		z = inference_z(PG_GETARG_FLOAT8(1));
	NpsCounts	c;

	RETURN_NULL_IF_EMPTY(s);
	c = nps_counts(s);
	PG_RETURN_FLOAT8(100.0 * z * sqrt(nps_variance(c) / (double) s->hist.n));
}

/* difference_test: (difference, se, z, p_value, lower, upper, level, method) */
static Datum
difference_result(FunctionCallInfo fcinfo, DifferenceTest t, double scale,
				  double level, const char *method)
{
	Datum		values[8];
	bool		nulls[8] = {false};

	values[0] = Float8GetDatum(scale * t.difference);
	values[1] = Float8GetDatum(scale * t.se);
	values[2] = Float8GetDatum(t.z);
	values[3] = Float8GetDatum(t.p_value);
	values[4] = Float8GetDatum(scale * t.lower);
	values[5] = Float8GetDatum(scale * t.upper);
	values[6] = Float8GetDatum(level);
	values[7] = CStringGetTextDatum(method);
	return csm_result_row(fcinfo, "difference_test", values, nulls);
}

Datum
rating_summary_nps_test(PG_FUNCTION_ARGS)
{
	RatingSummary *a = PG_GETARG_RATING_SUMMARY_WIDE(0);
	RatingSummary *b = PG_GETARG_RATING_SUMMARY_WIDE(1);
	double		level = PG_GETARG_FLOAT8(2);
	double		z = inference_z(level);
	NpsMethod	method = nps_method(text_to_cstring(PG_GETARG_TEXT_PP(3)), false);

	if (a->hist.n == 0 || b->hist.n == 0)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(difference_result(fcinfo,
									  nps_difference_test(nps_counts(a), nps_counts(b), z,
														  method == NPS_ADJUSTED_WALD),
									  100.0, level, nps_method_name(method)));
}

/*
 * proportion_interval: (estimate, lower, upper, se, level, successes, n), in
 * percent; the estimate is the caller's, its metric's own value.
 */
static Datum
proportion_result(FunctionCallInfo fcinfo, int64 x, int64 n, double estimate, double level)
{
	ConfidenceInterval	r = wilson_interval((double) x, (double) n, inference_z(level));
	Datum		values[7];
	bool		nulls[7] = {false};

	values[0] = Float8GetDatum(estimate);
	values[1] = Float8GetDatum(100.0 * r.lower);
	values[2] = Float8GetDatum(100.0 * r.upper);
	values[3] = Float8GetDatum(100.0 * r.se);
	values[4] = Float8GetDatum(level);
	values[5] = Int64GetDatum(x);
	values[6] = Int64GetDatum(n);
	return csm_result_row(fcinfo, "proportion_interval", values, nulls);
}

static void
require_proportion(int64 x, int64 n)
{
	if (n < 0 || x < 0 || x > n)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%lld successes out of %lld is not a proportion",
						(long long) x, (long long) n),
				 errdetail("Counts are whole numbers with 0 <= successes <= n.")));
}

Datum
csm_wilson_interval(PG_FUNCTION_ARGS)
{
	int64		x = PG_GETARG_INT64(0);
	int64		n = PG_GETARG_INT64(1);
	double		level = PG_GETARG_FLOAT8(2);

	require_proportion(x, n);
	(void) inference_z(level);
	if (n == 0)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(proportion_result(fcinfo, x, n, 100.0 * (double) x / (double) n, level));
}

/* Answers in the top k boxes of 1..scale_max, after the CSAT scale check. */
static int64
csat_top(const RatingSummary *s, int k, int scale_max)
{
	rating_require_scale(s->hist.counts, scale_max, "CSAT",
						 scale_max == CSAT_DEFAULT_SCALE ? CSAT_SCALE_HINT : NULL);
	return rating_count_range(s->hist.counts, scale_max - k + 1, scale_max);
}

static Datum
csat_ci(FunctionCallInfo fcinfo, int k)
{
	RatingSummary *s = PG_GETARG_RATING_SUMMARY_WIDE(0);
	int32		scale_max = PG_GETARG_INT32(1);
	double		level = PG_GETARG_FLOAT8(2);

	rating_require_scale_max(scale_max, k + 1);
	(void) inference_z(level);
	RETURN_NULL_IF_EMPTY(s);
	PG_RETURN_DATUM(proportion_result(fcinfo, csat_top(s, k, scale_max), s->hist.n,
									  share_percent(s, scale_max - k + 1, scale_max), level));
}

Datum
rating_summary_csat_top2_ci(PG_FUNCTION_ARGS)
{
	return csat_ci(fcinfo, 2);
}

Datum
rating_summary_csat_topbox_ci(PG_FUNCTION_ARGS)
{
	return csat_ci(fcinfo, 1);
}

Datum
rating_summary_ces_easy_ci(PG_FUNCTION_ARGS)
{
	RatingSummary *s = PG_GETARG_RATING_SUMMARY_WIDE(0);
	CesOrientation o = rating_ces_orientation(text_to_cstring(PG_GETARG_TEXT_PP(1)));
	double		level = PG_GETARG_FLOAT8(2);

	(void) inference_z(level);
	RETURN_NULL_IF_EMPTY(s);
	rating_require_scale(s->hist.counts, o.scale_max, "CES", NULL);
	PG_RETURN_DATUM(proportion_result(fcinfo, rating_count_range(s->hist.counts, o.easy_lo, o.easy_hi),
									  s->hist.n, share_percent(s, o.easy_lo, o.easy_hi), level));
}

#define PROPORTION_TEST_METHOD "pooled z-test; Newcombe hybrid score interval"

Datum
csm_proportion_test(PG_FUNCTION_ARGS)
{
	int64		x1 = PG_GETARG_INT64(0);
	int64		n1 = PG_GETARG_INT64(1);
	int64		x2 = PG_GETARG_INT64(2);
	int64		n2 = PG_GETARG_INT64(3);
	double		level = PG_GETARG_FLOAT8(4);
	double		z = inference_z(level);

	require_proportion(x1, n1);
	require_proportion(x2, n2);
	if (n1 == 0 || n2 == 0)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(difference_result(fcinfo,
									  proportion_difference_test((double) x1, (double) n1,
																 (double) x2, (double) n2, z),
									  100.0, level, PROPORTION_TEST_METHOD));
}

Datum
rating_summary_csat_top2_test(PG_FUNCTION_ARGS)
{
	RatingSummary *a = PG_GETARG_RATING_SUMMARY_WIDE(0);
	RatingSummary *b = PG_GETARG_RATING_SUMMARY_WIDE(1);
	int32		scale_max = PG_GETARG_INT32(2);
	double		level = PG_GETARG_FLOAT8(3);
	double		z = inference_z(level);

	rating_require_scale_max(scale_max, 3);
	if (a->hist.n == 0 || b->hist.n == 0)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(difference_result(fcinfo,
									  proportion_difference_test((double) csat_top(a, 2, scale_max),
																 (double) a->hist.n,
																 (double) csat_top(b, 2, scale_max),
																 (double) b->hist.n, z),
									  100.0, level, PROPORTION_TEST_METHOD));
}

/* Mean and sample standard deviation (n - 1) of the ratings. */
static void
mean_and_sd(const RatingSummary *s, double *mean, double *sd)
{
	double		n = (double) s->hist.n;
	double		sum = 0.0,
				ss = 0.0;

	for (int i = RATING_MIN; i <= RATING_MAX; i++)
		sum += (double) i * (double) s->hist.counts[i];
	*mean = sum / n;
	/* two passes over 11 values: no cancellation from sums of squares */
	for (int i = RATING_MIN; i <= RATING_MAX; i++)
		ss += (double) s->hist.counts[i] * (i - *mean) * (i - *mean);
	*sd = n > 1.0 ? sqrt(ss / (n - 1.0)) : NAN;
}

Datum
rating_summary_stddev(PG_FUNCTION_ARGS)
{
	RatingSummary *s = PG_GETARG_RATING_SUMMARY_WIDE(0);
	double		mean,
				sd;

	if (s->hist.n < 2)
		PG_RETURN_NULL();
	mean_and_sd(s, &mean, &sd);
	PG_RETURN_FLOAT8(sd);
}

/* mean_interval: (estimate, lower, upper, se, stddev, df, level); n < 2 gives NULL */
static Datum
mean_interval_result(FunctionCallInfo fcinfo, const RatingSummary *s, double level)
{
	double		mean,
				sd;

	mean_and_sd(s, &mean, &sd);
	return inference_mean_interval(fcinfo, mean, sd / sqrt((double) s->hist.n), sd,
								   s->hist.n, level);
}

Datum
rating_summary_mean_ci(PG_FUNCTION_ARGS)
{
	RatingSummary *s = PG_GETARG_RATING_SUMMARY_WIDE(0);
	double		level = PG_GETARG_FLOAT8(1);

	(void) inference_z(level);
	if (s->hist.n < 2)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(mean_interval_result(fcinfo, s, level));
}

Datum
rating_summary_ces_avg_ci(PG_FUNCTION_ARGS)
{
	RatingSummary *s = PG_GETARG_RATING_SUMMARY_WIDE(0);
	int32		scale_max = PG_GETARG_INT32(1);
	double		level = PG_GETARG_FLOAT8(2);

	rating_require_scale_max(scale_max, 2);
	(void) inference_z(level);
	if (s->hist.n < 2)
		PG_RETURN_NULL();
	rating_require_scale(s->hist.counts, scale_max, "CES",
						 scale_max == CES_DEFAULT_SCALE ? CES_SCALE_HINT : NULL);
	PG_RETURN_DATUM(mean_interval_result(fcinfo, s, level));
}

/* Adjusted-Wald form (Rocks 2016): n = z^2 V / E^2 - 3; worst case V = 1. */
Datum
csm_nps_sample_size(PG_FUNCTION_ARGS)
{
	double		e = inference_margin(PG_GETARG_FLOAT8(0), 200.0);
	double		z = inference_z(PG_GETARG_FLOAT8(1));

	PG_RETURN_INT64(inference_responses(z * z / (e * e) - 3.0));
}

/* As above with V estimated from a pilot summary, with the pseudo-counts. */
Datum
rating_summary_nps_sample_size(PG_FUNCTION_ARGS)
{
	RatingSummary *s = PG_GETARG_RATING_SUMMARY_WIDE(0);
	double		e = inference_margin(PG_GETARG_FLOAT8(1), 200.0);
	double		z = inference_z(PG_GETARG_FLOAT8(2));
	NpsCounts	c = nps_counts(s);
	NpsCounts	a = {c.detractors + 0.75, c.passives + 1.5, c.promoters + 0.75};

	PG_RETURN_INT64(inference_responses(z * z * nps_variance(a) / (e * e) - 3.0));
}

/* A share's margin: n = z^2 p (1 - p) / E^2; worst case p = 50%. */
Datum
csm_csat_sample_size(PG_FUNCTION_ARGS)
{
	double		e = inference_margin(PG_GETARG_FLOAT8(0), 100.0);
	double		z = inference_z(PG_GETARG_FLOAT8(1));
	double		expected = PG_GETARG_FLOAT8(2);
	double		p;

	if (!(expected >= 0.0 && expected <= 100.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("expected share %g%% is out of range", expected),
				 errdetail("The expected share is a percentage from 0 to 100; 50 is the worst case.")));
	p = expected / 100.0;
	PG_RETURN_INT64(inference_responses(z * z * p * (1.0 - p) / (e * e)));
}
