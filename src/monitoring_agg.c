/*
 * monitoring_agg.c
 *	  Transition and final functions of the monitoring aggregates: the
 *	  baselines (nps_baseline, share_baseline, mean_baseline) and the
 *	  running charts (ewma_chart, cusum_chart, run_rules), each over
 *	  rating_summary or weighted_rating_summary periods in the order the
 *	  aggregate receives them: ORDER BY inside the call, or the window's.
 *	  docs/metrics.md §11.
 *
 * Every state is a control_summary (monitoring_codec.h), updated in place
 * when the executor owns it (agg_state.h).  The aggregates start from the
 * empty state '{}', which the first row turns into the aggregate's own,
 * fixing the baseline, the reading and the parameters; later rows must
 * bring the same ones (22023 otherwise).
 *
 * NULLs.  A NULL summary is a period without answers: the baseline counts
 * it as empty, and a chart's row has no z and no signal, as a summary
 * without answers.  A NULL baseline or parameter makes the aggregate's
 * results NULL (a store without a baseline in a LEFT JOIN), and must then
 * be NULL on every row.
 *
 * The final functions only read the state: window frames call them after
 * every row.
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "utils/builtins.h"

#include "monitoring_summary.h"
#include "rating_scales.h"

PG_FUNCTION_INFO_V1(control_nps_baseline_step);
PG_FUNCTION_INFO_V1(control_nps_baseline_step_weighted);
PG_FUNCTION_INFO_V1(control_share_baseline_step);
PG_FUNCTION_INFO_V1(control_share_baseline_step_weighted);
PG_FUNCTION_INFO_V1(control_mean_baseline_step);
PG_FUNCTION_INFO_V1(control_mean_baseline_step_weighted);
PG_FUNCTION_INFO_V1(control_baseline_final);
PG_FUNCTION_INFO_V1(control_ewma_step);
PG_FUNCTION_INFO_V1(control_ewma_step_weighted);
PG_FUNCTION_INFO_V1(control_ewma_final);
PG_FUNCTION_INFO_V1(control_cusum_step);
PG_FUNCTION_INFO_V1(control_cusum_step_weighted);
PG_FUNCTION_INFO_V1(control_cusum_final);
PG_FUNCTION_INFO_V1(control_runs_step);
PG_FUNCTION_INFO_V1(control_runs_step_weighted);
PG_FUNCTION_INFO_V1(control_runs_z_step);
PG_FUNCTION_INFO_V1(control_runs_final);

/* Defaults of the arguments the shorter overloads leave out. */
#define DEFAULT_TOP_K		2
#define DEFAULT_LAMBDA		0.2
#define DEFAULT_SIGMAS		3.0
#define DEFAULT_CUSUM_K		0.5
#define DEFAULT_CUSUM_H		5.0

/* A baseline's first room, in periods; it doubles as it fills. */
#define FIRST_ROOM			16

static const char *
baseline_function(MonitorMetric metric)
{
	return metric == MONITOR_NPS ? "nps_baseline" :
		metric == MONITOR_SHARE ? "share_baseline" : "mean_baseline";
}

/* Whether any argument from `first` on is NULL. */
static bool
any_null_from(FunctionCallInfo fcinfo, int first)
{
	for (int i = first; i < PG_NARGS(); i++)
		if (PG_ARGISNULL(i))
			return true;
	return false;
}

/* Argument 1, the period's summary, as a point; NULL is a period without answers. */
static MonitorPoint
period_arg(FunctionCallInfo fcinfo, bool weighted, MonitorMetric metric, int k, int scale_max)
{
	MonitorPoint empty = {0.0, 0.0, 0.0, 0.0};

	if (PG_ARGISNULL(1))
		return empty;
	return control_read_period(PG_GETARG_DATUM(1), weighted, metric, k, scale_max);
}

/* ---- baselines ------------------------------------------------------------------ */

/*
 * A copy of the baseline state with room for `room` periods: with a tail
 * under an aggregate (its room doubles, so T periods cost O(T) copies),
 * exactly as large otherwise, when the result is the caller's value.
 */
static ControlSummary *
baseline_with_room(FunctionCallInfo fcinfo, const ControlSummary *s, uint32 room)
{
	bool		tail = agg_state_from_aggregate(fcinfo);
	uint32		count = s->state.u.baseline.count;
	ControlSummary *bigger;

	if (tail)
	{
		uint64		grown = Max(2 * (uint64) count, FIRST_ROOM);

		room = Max(room, (uint32) Min(grown, MONITOR_MAX_PERIODS));
	}
	bigger = control_summary_new(control_kind_size(CONTROL_BASELINE, false, room), tail);
	memcpy(&bigger->state, &s->state, control_kind_size(CONTROL_BASELINE, false, count));
	return bigger;
}

static Datum
baseline_step(FunctionCallInfo fcinfo, MonitorMetric metric, bool weighted)
{
	const char *function = baseline_function(metric);
	ControlSummary *s = control_state_for_update(fcinfo);
	bool		nulls = any_null_from(fcinfo, 2);
	int			k = metric == MONITOR_SHARE ? DEFAULT_TOP_K : 0;
	int			scale_max = metric == MONITOR_SHARE ? CSAT_DEFAULT_SCALE : 0;
	MonitorBaselineState *b;
	MonitorPoint point;
	Size		room;
	MonitorStatus status;

	if (!nulls)
	{
		if (metric == MONITOR_SHARE && PG_NARGS() > 2)
			k = PG_GETARG_INT32(2);
		if (metric == MONITOR_SHARE && PG_NARGS() > 3)
			scale_max = PG_GETARG_INT32(3);
		if (metric == MONITOR_MEAN && PG_NARGS() > 2)
			scale_max = PG_GETARG_INT32(2);
	}

	if (s->state.head.kind == CONTROL_EMPTY)
	{
		ControlSummary *first;
		double		scale_lo,
					scale_hi;

		if (nulls)
		{
			first = control_summary_new(control_kind_size(CONTROL_BASELINE, true, 0), false);
			first->state.head.kind = CONTROL_BASELINE;
			first->state.head.nulls = 1;
			PG_RETURN_POINTER(first);
		}
		control_reading_require_valid(metric, k, scale_max);
		first = control_summary_new(control_kind_size(CONTROL_BASELINE, false, 0), false);
		first->state.head.kind = CONTROL_BASELINE;
		first->state.head.k = (int16) k;
		first->state.head.scale_max = (int16) scale_max;
		control_reading_scale(metric, scale_max, &scale_lo, &scale_hi);
		status = monitor_baseline_init(&first->state.u.baseline, metric, scale_lo, scale_hi);
		if (status != MONITOR_OK)
			control_report_status(status, function);
		s = first;
	}
	else if (s->state.head.kind != CONTROL_BASELINE ||
			 (!s->state.head.nulls && s->state.u.baseline.metric != (uint32) metric))
		control_report_kind(function, s);
	else if (s->state.head.nulls != nulls)
		control_report_changed(function, nulls ? "a NULL parameter" : "a parameter");
	else if (!nulls && (s->state.head.k != k || s->state.head.scale_max != scale_max))
		control_report_changed(function, s->state.head.k != k ? "k" : "scale_max");
	if (s->state.head.nulls)
		PG_RETURN_POINTER(s);

	point = period_arg(fcinfo, weighted, metric, k, scale_max);
	b = &s->state.u.baseline;
	room = VARSIZE(s) - SUMMARY_HEADER_SIZE - CONTROL_HEAD_SIZE;
	if (point.n > 0.0 && room < monitor_baseline_size(b->count + 1) &&
		b->count < MONITOR_MAX_PERIODS)
	{
		s = baseline_with_room(fcinfo, s, b->count + 1);
		b = &s->state.u.baseline;
		room = VARSIZE(s) - SUMMARY_HEADER_SIZE - CONTROL_HEAD_SIZE;
	}
	status = monitor_baseline_append(b, room, &point);
	if (status != MONITOR_OK)
		control_report_status(status, function);
	PG_RETURN_POINTER(s);
}

Datum
control_nps_baseline_step(PG_FUNCTION_ARGS)
{
	return baseline_step(fcinfo, MONITOR_NPS, false);
}

Datum
control_nps_baseline_step_weighted(PG_FUNCTION_ARGS)
{
	return baseline_step(fcinfo, MONITOR_NPS, true);
}

Datum
control_share_baseline_step(PG_FUNCTION_ARGS)
{
	return baseline_step(fcinfo, MONITOR_SHARE, false);
}

Datum
control_share_baseline_step_weighted(PG_FUNCTION_ARGS)
{
	return baseline_step(fcinfo, MONITOR_SHARE, true);
}

Datum
control_mean_baseline_step(PG_FUNCTION_ARGS)
{
	return baseline_step(fcinfo, MONITOR_MEAN, false);
}

Datum
control_mean_baseline_step_weighted(PG_FUNCTION_ARGS)
{
	return baseline_step(fcinfo, MONITOR_MEAN, true);
}

/* The control_baseline of the periods: NULL without any period with answers. */
Datum
control_baseline_final(PG_FUNCTION_ARGS)
{
	ControlSummary *s = PG_GETARG_CONTROL_SUMMARY_P(0);
	ControlBaseline b;
	MonitorStatus status;

	if (s->state.head.kind == CONTROL_EMPTY || s->state.head.nulls)
		PG_RETURN_NULL();
	if (s->state.head.kind != CONTROL_BASELINE)
		control_report_kind("a baseline", s);
	memset(&b, 0, sizeof(b));
	b.k = s->state.head.k;
	b.scale_max = s->state.head.scale_max;
	status = monitor_baseline_compute(&s->state.u.baseline, &b.baseline);
	if (status == MONITOR_NO_PERIODS)
		PG_RETURN_NULL();
	if (status != MONITOR_OK)
		control_report_status(status, "a baseline");
	PG_RETURN_DATUM(control_baseline_datum(fcinfo, &b));
}

/* ---- the running charts ------------------------------------------------------------ */

static const char *
chart_function(ControlKind kind)
{
	return kind == CONTROL_EWMA ? "ewma_chart" : kind == CONTROL_CUSUM ? "cusum_chart" :
		"run_rules";
}

/*
 * The state of a chart for this row: the first row makes it, a later one
 * must bring the same baseline, method and parameters.  p1 is lambda or k
 * (which the model's state keeps), p2 sigmas or h.
 */
static ControlSummary *
chart_state(FunctionCallInfo fcinfo, ControlKind kind, bool nulls, ControlMethod method,
			double p1, double p2)
{
	const char *function = chart_function(kind);
	ControlSummary *s = control_state_for_update(fcinfo);
	const ControlBaseline *b = nulls ? NULL : control_baseline_arg(fcinfo, 2);
	ControlChart *chart;

	if (s->state.head.kind == CONTROL_EMPTY)
	{
		s = control_summary_new(control_kind_size(kind, nulls, 0), false);
		s->state.head.kind = (uint8) kind;
		if (nulls)
		{
			s->state.head.nulls = 1;
			return s;
		}
		if (kind == CONTROL_EWMA)
		{
			control_require_lambda(p1);
			control_require_sigmas(p2);
			monitor_ewma_init(&s->state.u.ewma.state);
		}
		else if (kind == CONTROL_CUSUM)
		{
			control_require_k(p1);
			control_require_h(p2);
			monitor_cusum_init(&s->state.u.cusum.state);
		}
		else
			monitor_runs_init(&s->state.u.runs.state);
		s->state.head.method = (uint8) method;
		s->state.head.k = b->k;
		s->state.head.scale_max = b->scale_max;
		chart = &s->state.u.ewma.chart;
		chart->baseline = b->baseline;
		chart->param = kind == CONTROL_RUNS ? 0.0 : p2;
		return s;
	}
	if (s->state.head.kind != kind)
		control_report_kind(function, s);
	if (s->state.head.nulls != nulls)
		control_report_changed(function, nulls ? "a NULL baseline or parameter" :
							   "a baseline or parameter that was NULL");
	if (nulls)
		return s;
	chart = &s->state.u.ewma.chart;
	if (s->state.head.k != b->k || s->state.head.scale_max != b->scale_max ||
		memcmp(&chart->baseline, &b->baseline, sizeof(MonitorBaseline)) != 0)
		control_report_changed(function, "the baseline");
	if (s->state.head.method != method)
		control_report_changed(function, "the method");
	if (kind != CONTROL_RUNS && chart->param != p2)
		control_report_changed(function, kind == CONTROL_EWMA ? "sigmas" : "h");
	if (kind == CONTROL_EWMA && s->state.u.ewma.state.lambda != p1)
		control_report_changed(function, "lambda");
	if (kind == CONTROL_CUSUM && s->state.u.cusum.state.k != p1)
		control_report_changed(function, "k");
	return s;
}

/* This row's z against the chart's baseline: *has_z false for a period without one. */
static void
chart_z(FunctionCallInfo fcinfo, const ControlSummary *s, bool weighted, bool *has_z, double *z)
{
	const MonitorBaseline *b = &s->state.u.ewma.chart.baseline;
	MonitorPoint point = period_arg(fcinfo, weighted, (MonitorMetric) b->metric,
									s->state.head.k, s->state.head.scale_max);
	MonitorStatus status = monitor_z(b, &point, s->state.head.method == CONTROL_LANEY, has_z, z);

	if (status != MONITOR_OK)
		control_report_status(status, chart_function((ControlKind) s->state.head.kind));
}

/*
 * ewma_chart(s, baseline [, lambda [, sigmas [, method]]]) and
 * cusum_chart(s, baseline [, k [, h [, method]]]): arguments 3 to 5.
 */
static Datum
ewma_cusum_step(FunctionCallInfo fcinfo, ControlKind kind, bool weighted)
{
	bool		nulls = any_null_from(fcinfo, 2);
	double		p1 = kind == CONTROL_EWMA ? DEFAULT_LAMBDA : DEFAULT_CUSUM_K;
	double		p2 = kind == CONTROL_EWMA ? DEFAULT_SIGMAS : DEFAULT_CUSUM_H;
	ControlMethod method = CONTROL_SHEWHART;
	ControlSummary *s;
	bool		has_z;
	double		z;
	MonitorStatus status;

	if (!nulls)
	{
		if (PG_NARGS() > 3)
			p1 = PG_GETARG_FLOAT8(3);
		if (PG_NARGS() > 4)
			p2 = PG_GETARG_FLOAT8(4);
		if (PG_NARGS() > 5)
			method = control_method_of(PG_GETARG_TEXT_PP(5));
	}
	s = chart_state(fcinfo, kind, nulls, method, p1, p2);
	if (s->state.head.nulls)
		PG_RETURN_POINTER(s);
	chart_z(fcinfo, s, weighted, &has_z, &z);
	if (kind == CONTROL_EWMA)
		status = monitor_ewma_step(&s->state.u.ewma.state, p1, has_z, z);
	else
		status = monitor_cusum_step(&s->state.u.cusum.state, p1, has_z, z);
	if (status != MONITOR_OK)
		control_report_status(status, chart_function(kind));
	PG_RETURN_POINTER(s);
}

Datum
control_ewma_step(PG_FUNCTION_ARGS)
{
	return ewma_cusum_step(fcinfo, CONTROL_EWMA, false);
}

Datum
control_ewma_step_weighted(PG_FUNCTION_ARGS)
{
	return ewma_cusum_step(fcinfo, CONTROL_EWMA, true);
}

Datum
control_cusum_step(PG_FUNCTION_ARGS)
{
	return ewma_cusum_step(fcinfo, CONTROL_CUSUM, false);
}

Datum
control_cusum_step_weighted(PG_FUNCTION_ARGS)
{
	return ewma_cusum_step(fcinfo, CONTROL_CUSUM, true);
}

/* run_rules(s, baseline [, method]) */
static Datum
runs_step(FunctionCallInfo fcinfo, bool weighted)
{
	bool		nulls = any_null_from(fcinfo, 2);
	ControlMethod method = CONTROL_SHEWHART;
	ControlSummary *s;
	bool		has_z;
	double		z;

	if (!nulls && PG_NARGS() > 3)
		method = control_method_of(PG_GETARG_TEXT_PP(3));
	s = chart_state(fcinfo, CONTROL_RUNS, nulls, method, 0.0, 0.0);
	if (s->state.head.nulls)
		PG_RETURN_POINTER(s);
	chart_z(fcinfo, s, weighted, &has_z, &z);
	monitor_runs_step(&s->state.u.runs.state, has_z, z);
	PG_RETURN_POINTER(s);
}

Datum
control_runs_step(PG_FUNCTION_ARGS)
{
	return runs_step(fcinfo, false);
}

Datum
control_runs_step_weighted(PG_FUNCTION_ARGS)
{
	return runs_step(fcinfo, true);
}

/* run_rules(z): a NULL or NaN z is a period without one. */
Datum
control_runs_z_step(PG_FUNCTION_ARGS)
{
	ControlSummary *s = control_state_for_update(fcinfo);
	bool		has_z = !PG_ARGISNULL(1);
	double		z = has_z ? PG_GETARG_FLOAT8(1) : 0.0;

	if (s->state.head.kind == CONTROL_EMPTY)
	{
		s = control_summary_new(control_kind_size(CONTROL_RUNS_Z, false, 0), false);
		s->state.head.kind = CONTROL_RUNS_Z;
		monitor_runs_init(&s->state.u.runs_z);
	}
	else if (s->state.head.kind != CONTROL_RUNS_Z)
		control_report_kind("run_rules", s);
	monitor_runs_step(&s->state.u.runs_z, has_z && !isnan(z), z);
	PG_RETURN_POINTER(s);
}

/* ---- final functions ------------------------------------------------------------------ */

/* The state of a chart of this kind, or NULL when its result is NULL. */
static const ControlSummary *
final_state(FunctionCallInfo fcinfo, ControlKind kind)
{
	ControlSummary *s = PG_GETARG_CONTROL_SUMMARY_P(0);

	if (s->state.head.kind == CONTROL_EMPTY || s->state.head.nulls)
		return NULL;
	if (s->state.head.kind != kind &&
		!(kind == CONTROL_RUNS && s->state.head.kind == CONTROL_RUNS_Z))
		control_report_kind(chart_function(kind), s);
	return s;
}

static Datum
signal_datum(MonitorSignal signal)
{
	return CStringGetTextDatum(monitor_signal_label(signal));
}

/* ewma_point: (ewma, lower, upper, signal) */
Datum
control_ewma_final(PG_FUNCTION_ARGS)
{
	const ControlSummary *s = final_state(fcinfo, CONTROL_EWMA);
	MonitorEwmaResult r;
	Datum		values[4];
	bool		nulls[4] = {false};

	if (s == NULL)
		PG_RETURN_NULL();
	if (monitor_ewma_result(&s->state.u.ewma.state, s->state.u.ewma.chart.param, &r) !=
		MONITOR_OK)
		control_report_status(MONITOR_BAD_SIGMAS, "ewma_chart");
	values[0] = Float8GetDatum(r.ewma);
	values[1] = Float8GetDatum(r.lower);
	values[2] = Float8GetDatum(r.upper);
	nulls[0] = nulls[1] = nulls[2] = !r.has_value;
	values[3] = signal_datum(r.signal);
	PG_RETURN_DATUM(control_result_row(fcinfo, "ewma_point", values, nulls));
}

/* cusum_point: (upper_sum, lower_sum, signal) */
Datum
control_cusum_final(PG_FUNCTION_ARGS)
{
	const ControlSummary *s = final_state(fcinfo, CONTROL_CUSUM);
	MonitorCusumResult r;
	Datum		values[3];
	bool		nulls[3] = {false};

	if (s == NULL)
		PG_RETURN_NULL();
	if (monitor_cusum_result(&s->state.u.cusum.state, s->state.u.cusum.chart.param, &r) !=
		MONITOR_OK)
		control_report_status(MONITOR_BAD_H, "cusum_chart");
	values[0] = Float8GetDatum(r.upper_sum);
	values[1] = Float8GetDatum(r.lower_sum);
	nulls[0] = nulls[1] = !r.has_value;
	values[2] = signal_datum(r.signal);
	PG_RETURN_DATUM(control_result_row(fcinfo, "cusum_point", values, nulls));
}

/*
 * run_rules_point: (useful, longest_run, longest_run_max, crossings,
 * crossings_min, longest_run_signal, crossings_signal, runs_signal, rule1,
 * rule1_count).  The limits are NULL before the first useful point.
 */
Datum
control_runs_final(PG_FUNCTION_ARGS)
{
	const ControlSummary *s = final_state(fcinfo, CONTROL_RUNS);
	const MonitorRunsState *state;
	MonitorRunsResult r;
	MonitorSignal rule1 = MONITOR_SIGNAL_NONE;
	Datum		values[10];
	bool		nulls[10] = {false};

	if (s == NULL)
		PG_RETURN_NULL();
	state = s->state.head.kind == CONTROL_RUNS_Z ? &s->state.u.runs_z : &s->state.u.runs.state;
	monitor_runs_result(state, &r);
	/* a point beyond 3 sigma is off the centre: the current run's side is its own */
	if (r.beyond_3sigma)
		rule1 = state->side > 0 ? MONITOR_SIGNAL_ABOVE : MONITOR_SIGNAL_BELOW;
	values[0] = Int64GetDatum(r.useful);
	values[1] = Int64GetDatum(r.longest_run);
	values[2] = Int64GetDatum(r.longest_run_max);
	nulls[2] = !r.has_runs;
	values[3] = Int64GetDatum(r.crossings);
	values[4] = Int64GetDatum(r.crossings_min);
	nulls[4] = !r.has_runs;
	values[5] = BoolGetDatum(r.has_runs && r.longest_run > r.longest_run_max);
	values[6] = BoolGetDatum(r.has_runs && r.crossings < r.crossings_min);
	values[7] = BoolGetDatum(r.runs_signal);
	values[8] = signal_datum(rule1);
	values[9] = Int64GetDatum(r.beyond_count);
	PG_RETURN_DATUM(control_result_row(fcinfo, "run_rules_point", values, nulls));
}
