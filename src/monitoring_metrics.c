/*
 * monitoring_metrics.c
 *	  The monitoring functions that are not aggregates: Shewhart and Laney
 *	  limits of one period (control_limits), a baseline a business sets
 *	  (control_baseline), and the average run lengths of the EWMA and
 *	  CUSUM charts (ewma_arl, cusum_arl).  docs/metrics.md §11.
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "utils/builtins.h"

#include "monitoring_summary.h"
#include "rating_scales.h"

PG_FUNCTION_INFO_V1(rating_summary_control_limits);
PG_FUNCTION_INFO_V1(weighted_rating_summary_control_limits);
PG_FUNCTION_INFO_V1(control_baseline_given);
PG_FUNCTION_INFO_V1(control_ewma_arl);
PG_FUNCTION_INFO_V1(control_cusum_arl);

/*
 * control_point: (value, centre, lower, upper, z, signal).  A period
 * without answers, or a baseline without the variance (or, for Laney's
 * limits, the sigma_z) the limits need, has NULL limits and z and signal
 * 'none'; the value is NULL without answers.
 */
static Datum
control_limits(FunctionCallInfo fcinfo, bool weighted)
{
	const ControlBaseline *cb = control_baseline_arg(fcinfo, 1);
	const MonitorBaseline *b = &cb->baseline;
	double		sigmas = control_require_sigmas(PG_GETARG_FLOAT8(2));
	bool		laney = control_method_of(PG_GETARG_TEXT_PP(3)) == CONTROL_LANEY;
	MonitorPoint point = control_read_period(PG_GETARG_DATUM(0), weighted,
											 (MonitorMetric) b->metric, cb->k, cb->scale_max);
	MonitorLimits limits;
	MonitorStatus status = monitor_limits(b, &point, sigmas, laney, &limits);
	Datum		values[6];
	bool		nulls[6] = {false};

	if (status != MONITOR_OK)
		control_report_status(status, "control_limits");
	/* the period's value as the model reads it: within the range, a rounding past it clipped */
	values[0] = Float8GetDatum(point.n > 0.0 ?
							   fmin(fmax(point.sum / point.weight, b->range_lo), b->range_hi) :
							   0.0);
	nulls[0] = !(point.n > 0.0);
	values[1] = Float8GetDatum(limits.centre);
	values[2] = Float8GetDatum(limits.lower);
	values[3] = Float8GetDatum(limits.upper);
	values[4] = Float8GetDatum(limits.z);
	nulls[2] = nulls[3] = nulls[4] = !limits.has_limits;
	values[5] = CStringGetTextDatum(monitor_signal_label(limits.signal));
	PG_RETURN_DATUM(control_result_row(fcinfo, "control_point", values, nulls));
}

Datum
rating_summary_control_limits(PG_FUNCTION_ARGS)
{
	return control_limits(fcinfo, false);
}

Datum
weighted_rating_summary_control_limits(PG_FUNCTION_ARGS)
{
	return control_limits(fcinfo, true);
}

/*
 * control_baseline(metric, centre, sd [, sigma_z [, k [, scale_max]]]): a
 * baseline a business sets, limits at centre ± L sd / √n.  NULL metric,
 * centre or sd give NULL; k and scale_max default to a share's 2 and 5 (a
 * mean's scale_max to none), as share_baseline's and mean_baseline's do.
 */
Datum
control_baseline_given(PG_FUNCTION_ARGS)
{
	MonitorMetric metric;
	double		centre,
				sd,
				sigma_z,
				scale_lo,
				scale_hi;
	int32		k,
				scale_max;
	ControlBaseline b;
	MonitorStatus status;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	metric = control_metric_of(text_to_cstring(PG_GETARG_TEXT_PP(0)));
	centre = PG_GETARG_FLOAT8(1);
	sd = PG_GETARG_FLOAT8(2);
	sigma_z = PG_ARGISNULL(3) ? NAN : PG_GETARG_FLOAT8(3);
	k = PG_ARGISNULL(4) ? (metric == MONITOR_SHARE ? 2 : 0) : PG_GETARG_INT32(4);
	scale_max = PG_ARGISNULL(5) ? (metric == MONITOR_SHARE ? CSAT_DEFAULT_SCALE : 0) :
		PG_GETARG_INT32(5);
	control_reading_require_valid(metric, k, scale_max);
	if (!(sd > 0.0 && isfinite(sd) && isfinite(sd * sd)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("baseline sd %g is out of range", sd),
				 errdetail("A baseline's standard deviation per answer is a finite number greater than 0.")));
	if (!(isnan(sigma_z) || (sigma_z > 0.0 && isfinite(sigma_z))))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("baseline sigma_z %g is out of range", sigma_z),
				 errdetail("Laney's sigma_z is a finite number greater than 0, or NULL for none.")));

	memset(&b, 0, sizeof(b));
	b.k = (int16) k;
	b.scale_max = (int16) scale_max;
	control_reading_scale(metric, scale_max, &scale_lo, &scale_hi);
	status = monitor_baseline_given(metric, centre, sd, sigma_z, scale_lo, scale_hi, &b.baseline);
	if (status == MONITOR_BAD_GIVEN)
	{
		double		lo,
					hi;

		/* sd and sigma_z are checked above: the centre is off the range */
		monitor_metric_range(metric, &lo, &hi);
		if (!isnan(scale_lo))
		{
			lo = scale_lo;
			hi = scale_hi;
		}
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("baseline centre %g is out of range", centre),
				 errdetail("The centre of %s baseline is a finite number between %g and %g.",
						   control_metric_article(metric), lo, hi)));
	}
	if (status != MONITOR_OK)
		control_report_status(status, "control_baseline");
	PG_RETURN_DATUM(control_baseline_datum(fcinfo, &b));
}

/* ---- run lengths ----------------------------------------------------------------------- */

pg_noreturn static void
report_arl_unsupported(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
			 errmsg("run lengths are computed for lambda of at least %g and h of at most %g",
					MONITOR_ARL_MIN_LAMBDA, MONITOR_ARL_MAX_H),
			 errdetail("Below that lambda, or above that h, the Markov chains would need more states than a call's time allows.")));
}

/* ewma_arl(lambda, sigmas, shift, limits): limits 'exact' (csm's charts) or 'asymptotic' */
Datum
control_ewma_arl(PG_FUNCTION_ARGS)
{
	double		lambda = control_require_lambda(PG_GETARG_FLOAT8(0));
	double		sigmas = control_require_sigmas(PG_GETARG_FLOAT8(1));
	double		shift = control_require_shift(PG_GETARG_FLOAT8(2));
	char	   *limits = text_to_cstring(PG_GETARG_TEXT_PP(3));
	bool		exact;
	void	   *workspace;
	double		arl;
	MonitorStatus status;

	if (pg_strcasecmp(limits, "exact") == 0)
		exact = true;
	else if (pg_strcasecmp(limits, "asymptotic") == 0)
		exact = false;
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown EWMA limits \"%s\"", limits),
				 errhint("Use 'exact' (the time-varying limits ewma_chart draws, the default) or 'asymptotic' (the limits of the published tables).")));
	workspace = palloc(monitor_arl_workspace_size());
	status = monitor_ewma_arl(lambda, sigmas, shift, exact, workspace, &arl);
	pfree(workspace);
	if (status == MONITOR_ARL_UNSUPPORTED)
		report_arl_unsupported();
	if (status != MONITOR_OK)
		control_report_status(status, "ewma_arl");
	PG_RETURN_FLOAT8(arl);
}

/* cusum_arl(k, h, shift) */
Datum
control_cusum_arl(PG_FUNCTION_ARGS)
{
	double		k = control_require_k(PG_GETARG_FLOAT8(0));
	double		h = control_require_h(PG_GETARG_FLOAT8(1));
	double		shift = control_require_shift(PG_GETARG_FLOAT8(2));
	void	   *workspace;
	double		arl;
	MonitorStatus status;

	workspace = palloc(monitor_arl_workspace_size());
	status = monitor_cusum_arl(k, h, shift, workspace, &arl);
	pfree(workspace);
	if (status == MONITOR_ARL_UNSUPPORTED)
		report_arl_unsupported();
	if (status != MONITOR_OK)
		control_report_status(status, "cusum_arl");
	PG_RETURN_FLOAT8(arl);
}
