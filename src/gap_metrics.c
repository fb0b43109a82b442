/*
 * gap_metrics.c
 *	  Figures read from gap and SERVQUAL summaries, and the ACSI and
 *	  secure-customer functions.  Definitions: docs/metrics.md section 4
 *	  (CSI gap, ACSI, secure customers) and section 5 (SERVQUAL, SERVPERF).
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/float.h"

#include "gap_summary.h"
#include "inference_args.h"
#include "result_types.h"

PG_FUNCTION_INFO_V1(gap_summary_weighted);
PG_FUNCTION_INFO_V1(gap_summary_mean);
PG_FUNCTION_INFO_V1(gap_summary_perception_mean);
PG_FUNCTION_INFO_V1(gap_summary_expectation_mean);
PG_FUNCTION_INFO_V1(gap_summary_count);
PG_FUNCTION_INFO_V1(gap_summary_stddev);
PG_FUNCTION_INFO_V1(gap_summary_ci);
PG_FUNCTION_INFO_V1(servqual_dimension);
PG_FUNCTION_INFO_V1(servqual_reverse);
PG_FUNCTION_INFO_V1(servqual_summary_scores);
PG_FUNCTION_INFO_V1(servqual_summary_scores_weighted);
PG_FUNCTION_INFO_V1(servperf_summary_scores);
PG_FUNCTION_INFO_V1(servperf_summary_scores_weighted);
PG_FUNCTION_INFO_V1(csm_acsi);
PG_FUNCTION_INFO_V1(csm_acsi_weighted);
PG_FUNCTION_INFO_V1(csm_rescale_100);
PG_FUNCTION_INFO_V1(csm_secure_customer_segment);

/* ---- gap_summary --------------------------------------------------------- */

/* The sums of a summary, finite and normalised, ready to read. */
static GapSums
gap_sums_read(const GapSummary *summary)
{
	gap_summary_require_finite(&summary->sums);
	return gap_sums_canonical(&summary->sums);
}

Datum
gap_summary_weighted(PG_FUNCTION_ARGS)
{
	GapSums		c = gap_sums_read(PG_GETARG_GAP_SUMMARY_P(0));
	GapSums    *s = &c;

	/* all-zero weights: no importance to weigh by, so no answer */
	if (s->n == 0 || dd_value(s->w) == 0.0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(dd_value(s->wg) / dd_value(s->w));
}

Datum
gap_summary_mean(PG_FUNCTION_ARGS)
{
	GapSums		c = gap_sums_read(PG_GETARG_GAP_SUMMARY_P(0));
	GapSums    *s = &c;

	if (s->n == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(dd_value(dd_div_double(s->g, (double) s->n)));
}

Datum
gap_summary_perception_mean(PG_FUNCTION_ARGS)
{
	GapSums		c = gap_sums_read(PG_GETARG_GAP_SUMMARY_P(0));
	GapSums    *s = &c;

	if (s->n == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(dd_value(dd_div_double(s->p, (double) s->n)));
}

Datum
gap_summary_expectation_mean(PG_FUNCTION_ARGS)
{
	GapSums		c = gap_sums_read(PG_GETARG_GAP_SUMMARY_P(0));
	GapSums    *s = &c;

	if (s->n == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(dd_value(dd_div_double(s->e, (double) s->n)));
}

Datum
gap_summary_count(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_GAP_SUMMARY_P(0)->sums.n);
}

/* Sample standard deviation of P - E: (sum g^2 - (sum g)^2 / n) / (n - 1) in double-double. */
static double
gap_sd(const GapSums *s)
{
	DD			ss = dd_add(s->gg, dd_neg(dd_div_double(dd_mul(s->g, s->g), (double) s->n)));
	double		v = dd_value(ss) / ((double) s->n - 1.0);

	return v > 0.0 ? sqrt(v) : 0.0;
}

Datum
gap_summary_stddev(PG_FUNCTION_ARGS)
{
	GapSums		c = gap_sums_read(PG_GETARG_GAP_SUMMARY_P(0));
	GapSums    *s = &c;

	if (s->n < 2)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(gap_sd(s));
}

/* mean_interval of the gap: (estimate, lower, upper, se, stddev, df, level) */
Datum
gap_summary_ci(PG_FUNCTION_ARGS)
{
	GapSums		c = gap_sums_read(PG_GETARG_GAP_SUMMARY_P(0));
	GapSums    *s = &c;
	double		level = PG_GETARG_FLOAT8(1);
	double		sd;

	(void) inference_level(level);	/* bad arguments are errors even when empty */
	if (s->n < 2)
		PG_RETURN_NULL();
	sd = gap_sd(s);
	PG_RETURN_DATUM(inference_mean_interval(fcinfo, dd_value(dd_div_double(s->g, (double) s->n)),
											sd / sqrt((double) s->n), sd, s->n, level));
}

/* ---- SERVQUAL ------------------------------------------------------------ */

#define SERVQUAL_DIMENSIONS 5

/* Parasuraman, Zeithaml & Berry (1988): items of each dimension. */
static const struct
{
	const char *name;
	int			first;
	int			last;
}			dimensions[SERVQUAL_DIMENSIONS] = {
	{"tangibles", 1, 4},
	{"reliability", 5, 9},
	{"responsiveness", 10, 13},
	{"assurance", 14, 17},
	{"empathy", 18, 22},
};

Datum
servqual_dimension(PG_FUNCTION_ARGS)
{
	int			item = servqual_item(PG_GETARG_INT32(0));

	for (int d = 0; d < SERVQUAL_DIMENSIONS; d++)
		if (item >= dimensions[d].first && item <= dimensions[d].last)
			PG_RETURN_TEXT_P(cstring_to_text(dimensions[d].name));
	pg_unreachable();
}

/*
 * The 1988 questionnaire words items 10-13 and 18-22 negatively; they are
 * reverse-scored, (scale + 1) - x, before gaps are taken.  Other items pass
 * through unchanged.
 */
Datum
servqual_reverse(PG_FUNCTION_ARGS)
{
	int			item = servqual_item(PG_GETARG_INT32(0));
	double		x = PG_GETARG_FLOAT8(1);
	int32		scale = PG_GETARG_INT32(2);

	if (scale < 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("scale maximum %d is out of range", scale),
				 errdetail("A scale runs from 1 to a maximum of at least 2; SERVQUAL uses 7.")));
	if (!(x >= 1.0 && x <= (double) scale))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("SERVQUAL score %s is out of range for a 1 to %d scale",
						float8out_internal(x), scale)));
	if ((item >= 10 && item <= 13) || item >= 18)
		PG_RETURN_FLOAT8((double) (scale + 1) - x);
	PG_RETURN_FLOAT8(x);
}

static void
require_allocation(const double *w)
{
	double		total = 0.0;

	for (int d = 0; d < SERVQUAL_DIMENSIONS; d++)
	{
		if (!(isfinite(w[d]) && w[d] >= 0.0))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("importance points %g for %s are out of range", w[d], dimensions[d].name),
					 errdetail("Each dimension gets a finite number of points of at least 0.")));
		total += w[d];
	}
	if (fabs(total - 100.0) > 1e-9)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("importance points add up to %g, not 100", total),
				 errdetail("SERVQUAL weights allocate 100 points over the five dimensions, e.g. 11, 32, 22, 19, 16.")));
}

/*
 * servqual_scores: (tangibles, reliability, responsiveness, assurance,
 * empathy, overall, weighted, answers).  A dimension score is the mean of
 * its items' mean gaps (or mean perceptions, for SERVPERF); overall is the
 * mean of the five dimension scores, not of the 22 items.  A dimension
 * without answers is NULL, and so are overall and weighted then.
 */
static Datum
scores(FunctionCallInfo fcinfo, const ServqualSums *s, bool perceptions_only, const double *weights)
{
	TupleDesc	tupdesc;
	Datum		v[8];
	bool		nulls[8] = {false};
	double		dim[SERVQUAL_DIMENSIONS];
	bool		complete = true;
	int64		answers = 0;
	double		overall = 0.0,
				weighted = 0.0;

	tupdesc = csm_result_tupdesc(fcinfo, "servqual_scores");

	for (int d = 0; d < SERVQUAL_DIMENSIONS; d++)
	{
		double		sum = 0.0;
		int			items = 0;

		for (int k = dimensions[d].first; k <= dimensions[d].last; k++)
		{
			const ServqualItem *it = &s->item[k - 1];
			DD			total;

			if (it->n == 0)
				continue;
			answers += it->n;
			total = perceptions_only ? it->p : dd_add(it->p, dd_neg(it->e));
			sum += dd_value(dd_div_double(total, (double) it->n));
			items++;
		}
		if (items == 0)
		{
			nulls[d] = true;
			complete = false;
			continue;
		}
		dim[d] = sum / items;
		v[d] = Float8GetDatum(dim[d]);
		overall += dim[d] / SERVQUAL_DIMENSIONS;
		if (weights)
			weighted += weights[d] / 100.0 * dim[d];
	}
	v[5] = Float8GetDatum(overall);
	nulls[5] = !complete;
	v[6] = Float8GetDatum(weighted);
	nulls[6] = !complete || weights == NULL;
	v[7] = Int64GetDatum(answers);
	return HeapTupleGetDatum(heap_form_tuple(tupdesc, v, nulls));
}

static bool
servqual_empty(const ServqualSums *s)
{
	for (int k = 0; k < SERVQUAL_ITEMS; k++)
		if (s->item[k].n > 0)
			return false;
	return true;
}

static Datum
scores_call(FunctionCallInfo fcinfo, bool perceptions_only, bool weighted)
{
	ServqualSummary *s = PG_GETARG_SERVQUAL_SUMMARY_WIDE(0);
	double		w[SERVQUAL_DIMENSIONS];

	if (weighted)
	{
		for (int d = 0; d < SERVQUAL_DIMENSIONS; d++)
			w[d] = PG_GETARG_FLOAT8(1 + d);
		require_allocation(w);
	}
	if (servqual_empty(&s->sums))
		PG_RETURN_NULL();
	PG_RETURN_DATUM(scores(fcinfo, &s->sums, perceptions_only, weighted ? w : NULL));
}

Datum
servqual_summary_scores(PG_FUNCTION_ARGS)
{
	return scores_call(fcinfo, false, false);
}

Datum
servqual_summary_scores_weighted(PG_FUNCTION_ARGS)
{
	return scores_call(fcinfo, false, true);
}

Datum
servperf_summary_scores(PG_FUNCTION_ARGS)
{
	return scores_call(fcinfo, true, false);
}

Datum
servperf_summary_scores_weighted(PG_FUNCTION_ARGS)
{
	return scores_call(fcinfo, true, true);
}

/* ---- ACSI, rescaling, secure-customer segments ---------------------------- */

static double
acsi_item(double x, int k)
{
	if (!(x >= 1.0 && x <= 10.0))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("ACSI item %d mean %s is out of range", k, float8out_internal(x)),
				 errdetail("ACSI items are answered on 1 to 10, so their means lie from 1 to 10.")));
	return (x - 1.0) / 9.0;
}

/* ACSI (University of Michigan): sum W_k (x_k - 1) / 9 * 100, W_k normalised to sum 1. */
static double
acsi(const double *x, const double *w)
{
	double		total = 0.0,
				index = 0.0;

	for (int k = 0; k < 3; k++)
	{
		if (!(isfinite(w[k]) && w[k] >= 0.0))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("ACSI weight %s is out of range", float8out_internal(w[k])),
					 errdetail("Weights are finite numbers of at least 0, not all 0.")));
		total += w[k];
	}
	if (!(total > 0.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("ACSI weights are all 0"),
				 errdetail("Weights are finite numbers of at least 0, not all 0.")));
	for (int k = 0; k < 3; k++)
		index += w[k] / total * acsi_item(x[k], k + 1);
	return 100.0 * index;
}

Datum
csm_acsi(PG_FUNCTION_ARGS)
{
	double		x[3] = {PG_GETARG_FLOAT8(0), PG_GETARG_FLOAT8(1), PG_GETARG_FLOAT8(2)};
	double		w[3] = {1.0, 1.0, 1.0};

	PG_RETURN_FLOAT8(acsi(x, w));
}

Datum
csm_acsi_weighted(PG_FUNCTION_ARGS)
{
	double		x[3] = {PG_GETARG_FLOAT8(0), PG_GETARG_FLOAT8(1), PG_GETARG_FLOAT8(2)};
	double		w[3] = {PG_GETARG_FLOAT8(3), PG_GETARG_FLOAT8(4), PG_GETARG_FLOAT8(5)};

	PG_RETURN_FLOAT8(acsi(x, w));
}

/* A 1..k answer (or mean) on 0..100: (x - 1) / (k - 1) * 100. */
Datum
csm_rescale_100(PG_FUNCTION_ARGS)
{
	double		x = PG_GETARG_FLOAT8(0);
	int32		k = PG_GETARG_INT32(1);

	if (k < 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("scale maximum %d is out of range", k),
				 errdetail("A scale runs from 1 to a maximum of at least 2.")));
	if (!(x >= 1.0 && x <= (double) k))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("value %s is out of range for a 1 to %d scale", float8out_internal(x), k)));
	PG_RETURN_FLOAT8((x - 1.0) / (double) (k - 1) * 100.0);
}

/* Secure customer index segments: < 0.7 at risk, < 0.9 neutral, else secure. */
Datum
csm_secure_customer_segment(PG_FUNCTION_ARGS)
{
	double		x = PG_GETARG_FLOAT8(0);

	if (!(x >= 0.0 && x <= 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("secure customer index %s is out of range", float8out_internal(x)),
				 errdetail("The index lies from 0 to 1.")));
	PG_RETURN_TEXT_P(cstring_to_text(x < 0.7 ? "at risk" : x < 0.9 ? "neutral" : "secure"));
}
