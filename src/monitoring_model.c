/*
 * monitoring_model.c
 *	  Monitoring a metric over time, in plain C: the baseline, Shewhart and
 *	  Laney limits, the running EWMA, CUSUM and run-rule states, and the
 *	  average run lengths of the EWMA and CUSUM charts.
 *
 * monitoring_model.h states every definition and choice; the notes here are
 * about how the numbers are computed.
 *
 * Sums over the baseline's periods are double-double (dd.h): for counts
 * they are exact, so the centre is the metric of the rolled-up summaries
 * to the last bit, whatever the number of periods.
 *
 * The run lengths solve the Markov chains' linear systems (I - Q) a = 1 with
 * the GTH variant of Gaussian elimination (Grassmann, Taksar and Heyman
 * 1985): every pivot is recomputed as a sum of non-negative terms (the
 * probability of leaving the in-control region plus the remaining
 * off-diagonal mass), so no step subtracts nearly equal numbers and a run
 * length of 10^12 comes out as accurately as one of 10.
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dd.h"
#include "distributions.h"
#include "inference.h"
#include "monitoring_model.h"

/* d2 for moving ranges of two points, rounded as Laney (2002) and qicharts2 do. */
#define LANEY_D2 1.128

/* Western Electric rule 1: a point beyond 3 standard errors. */
#define WE_RULE1_SIGMAS 3.0

/* Anhøj's crossings limit: the 5% quantile of Binomial(useful - 1, 1/2). */
#define ANHOEJ_CROSSINGS_P 0.05

const char *
monitor_status_message(MonitorStatus status)
{
	switch (status)
	{
		case MONITOR_OK:
			return "no error";
		case MONITOR_BAD_LAMBDA:
			return "lambda must be greater than 0 and at most 1";
		case MONITOR_BAD_SIGMAS:
			return "sigmas must be a finite number greater than 0";
		case MONITOR_BAD_K:
			return "k must be a finite number of at least 0";
		case MONITOR_BAD_H:
			return "h must be a finite number greater than 0";
		case MONITOR_BAD_SHIFT:
			return "shift must be a finite number";
		case MONITOR_BAD_GIVEN:
			return "a given baseline needs a centre within the metric's range, "
				"an sd greater than 0, and a sigma_z greater than 0 or none";
		case MONITOR_BAD_SCALE:
			return "the scale's lower bound must be below its upper bound";
		case MONITOR_PARAMETER_CHANGED:
			return "lambda and k must be the same on every row of a chart";
		case MONITOR_ARL_UNSUPPORTED:
			return "run lengths are computed for lambda of at least 0.01 and h of at most 20";
		case MONITOR_BAD_POINT:
			return "a period needs n, weight and variance of at least 0 "
				"and a value within the metric's range";
		case MONITOR_BAD_BASELINE:
			return "invalid baseline";
		case MONITOR_TOO_MANY_PERIODS:
			return "a baseline holds at most 16777216 periods";
		case MONITOR_NO_ROOM:
			return "no room for another baseline period";
		case MONITOR_NO_PERIODS:
			return "no baseline period has answers";
	}
	return "unknown status";
}

const char *
monitor_signal_label(MonitorSignal signal)
{
	switch (signal)
	{
		case MONITOR_SIGNAL_ABOVE:
			return "above";
		case MONITOR_SIGNAL_BELOW:
			return "below";
		case MONITOR_SIGNAL_NONE:
			break;
	}
	return "none";
}

/* ----------------------------------------------------------------------
 * Points and the metric's range
 * ---------------------------------------------------------------------- */

static MonitorPoint
empty_point(void)
{
	MonitorPoint p = {0.0, 0.0, 0.0, 0.0};

	return p;
}

MonitorPoint
monitor_point_nps(NpsCounts counts, double n)
{
	double		total = counts.detractors + counts.passives + counts.promoters;
	MonitorPoint p;

	if (!(total > 0.0) || !(n > 0.0))
		return empty_point();
	p.n = n;
	p.weight = total;
	p.sum = 100.0 * (counts.promoters - counts.detractors);
	p.variance = 1e4 * nps_variance(counts);
	return p;
}

MonitorPoint
monitor_point_share(double hits, double total, double n)
{
	MonitorPoint p;
	double		share;

	if (!(total > 0.0) || !(n > 0.0))
		return empty_point();
	share = hits / total;
	share = share < 0.0 ? 0.0 : share > 1.0 ? 1.0 : share;
	p.n = n;
	p.weight = total;
	p.sum = 100.0 * hits;
	p.variance = 1e4 * share * (1.0 - share);
	return p;
}

MonitorPoint
monitor_point_mean(double sum, double total, double variance, double n)
{
	MonitorPoint p;

	if (!(total > 0.0) || !(n > 0.0))
		return empty_point();
	p.n = n;
	p.weight = total;
	p.sum = sum;
	p.variance = variance;
	return p;
}

void
monitor_metric_range(MonitorMetric metric, double *lo, double *hi)
{
	switch (metric)
	{
		case MONITOR_NPS:
			*lo = -100.0;
			*hi = 100.0;
			return;
		case MONITOR_SHARE:
			*lo = 0.0;
			*hi = 100.0;
			return;
		case MONITOR_MEAN:
			break;
	}
	*lo = -INFINITY;
	*hi = INFINITY;
}

static bool
metric_valid(uint32_t metric)
{
	return metric == MONITOR_NPS || metric == MONITOR_SHARE || metric == MONITOR_MEAN;
}

/* The clipping range: the metric's own, or for a mean its scale (NaN: unknown). */
static MonitorStatus
metric_bounds(MonitorMetric metric, double scale_lo, double scale_hi, double *lo, double *hi)
{
	if (!metric_valid(metric))
		return MONITOR_BAD_BASELINE;
	monitor_metric_range(metric, lo, hi);
	if (metric != MONITOR_MEAN)
		return MONITOR_OK;
	*lo = isnan(scale_lo) ? -INFINITY : scale_lo;
	*hi = isnan(scale_hi) ? INFINITY : scale_hi;
	return *lo < *hi ? MONITOR_OK : MONITOR_BAD_SCALE;
}

/*
 * A period's value, sum / weight, if the period is valid: n, weight and
 * variance finite and not negative, the value within the metric's range.
 * Weighted sums are rounded apart from their total, so a value may pass a
 * bound by an ulp or two (an all-promoter period at 100.00000000000001):
 * within 1e-12 of the range it is taken as on the bound.  An empty period
 * (n = 0) reads nothing else and has value 0.
 */
static bool
point_value(const MonitorPoint *p, double lo, double hi, double *value)
{
	double		x;

	*value = 0.0;
	if (!(p->n >= 0.0) || !isfinite(p->n))
		return false;
	if (p->n == 0.0)
		return true;
	if (!(isfinite(p->weight) && p->weight > 0.0 && isfinite(p->sum) &&
		  isfinite(p->variance) && p->variance >= 0.0))
		return false;
	x = p->sum / p->weight;
	if (!isfinite(x))
		return false;
	if (x < lo)
	{
		if (lo - x > 1e-12 * fmax(1.0, fabs(lo)))
			return false;
		x = lo;
	}
	else if (x > hi)
	{
		if (x - hi > 1e-12 * fmax(1.0, fabs(hi)))
			return false;
		x = hi;
	}
	*value = x;
	return true;
}

static bool
point_valid(const MonitorPoint *p, double lo, double hi)
{
	double		x;

	return point_value(p, lo, hi, &x);
}

/* ----------------------------------------------------------------------
 * The baseline
 * ---------------------------------------------------------------------- */

size_t
monitor_baseline_size(uint32_t count)
{
	return sizeof(MonitorBaselineState) + (size_t) count * sizeof(MonitorPoint);
}

MonitorStatus
monitor_baseline_init(MonitorBaselineState *state, MonitorMetric metric, double scale_lo,
					  double scale_hi)
{
	memset(state, 0, sizeof(*state));
	state->version = MONITOR_BASELINE_VERSION;
	state->metric = (uint32_t) metric;
	return metric_bounds(metric, scale_lo, scale_hi, &state->range_lo, &state->range_hi);
}

MonitorStatus
monitor_baseline_append(MonitorBaselineState *state, size_t capacity, const MonitorPoint *point)
{
	if (!point_valid(point, state->range_lo, state->range_hi))
		return MONITOR_BAD_POINT;
	if (point->n == 0.0)
	{
		state->empty++;
		return MONITOR_OK;
	}
	if (state->count >= MONITOR_MAX_PERIODS)
		return MONITOR_TOO_MANY_PERIODS;
	if (capacity < monitor_baseline_size(state->count + 1))
		return MONITOR_NO_ROOM;
	MONITOR_BASELINE_PERIODS(state)[state->count] = *point;
	state->count++;
	return MONITOR_OK;
}

MonitorStatus
monitor_baseline_check(const MonitorBaselineState *state, size_t bytes)
{
	const MonitorPoint *period;
	double		lo,
				hi;

	if (bytes < sizeof(MonitorBaselineState))
		return MONITOR_BAD_BASELINE;
	if (state->version != MONITOR_BASELINE_VERSION || state->flags != 0 ||
		state->reserved != 0.0 || !metric_valid(state->metric) ||
		state->count > MONITOR_MAX_PERIODS || bytes != monitor_baseline_size(state->count))
		return MONITOR_BAD_BASELINE;
	monitor_metric_range((MonitorMetric) state->metric, &lo, &hi);
	if (state->metric == MONITOR_MEAN)
	{
		/* a mean's scale: any bounds in order, infinite when unknown */
		if (!(state->range_lo < state->range_hi) || state->range_lo == INFINITY ||
			state->range_hi == -INFINITY)
			return MONITOR_BAD_BASELINE;
	}
	else if (state->range_lo != lo || state->range_hi != hi)
		return MONITOR_BAD_BASELINE;
	period = MONITOR_BASELINE_PERIODS(state);
	for (uint32_t i = 0; i < state->count; i++)
		if (!(period[i].n > 0.0) || !point_valid(&period[i], state->range_lo, state->range_hi))
			return MONITOR_BAD_BASELINE;
	return MONITOR_OK;
}

MonitorStatus
monitor_baseline_compute(const MonitorBaselineState *state, MonitorBaseline *baseline)
{
	const MonitorPoint *period = MONITOR_BASELINE_PERIODS(state);
	uint32_t	count = state->count;
	DD			weight = {0.0, 0.0},
				sum = {0.0, 0.0},
				n = {0.0, 0.0},
				spread = {0.0, 0.0},
				df = {0.0, 0.0};
	double		lo = state->range_lo,
				hi = state->range_hi,
				centre,
				variance;

	memset(baseline, 0, sizeof(*baseline));
	baseline->metric = state->metric;
	baseline->range_lo = lo;
	baseline->range_hi = hi;
	baseline->periods = count;
	baseline->empty_periods = (int64_t) state->empty;
	baseline->centre = NAN;
	baseline->variance = NAN;
	baseline->sigma_z = NAN;
	if (count == 0)
		return MONITOR_NO_PERIODS;

	for (uint32_t i = 0; i < count; i++)
	{
		weight = dd_add_double(weight, period[i].weight);
		sum = dd_add_double(sum, period[i].sum);
		n = dd_add_double(n, period[i].n);
	}
	/* for counts both sums are exact: the one division rounds as the metric's own */
	centre = dd_value(dd_div(dd_normalise(sum), dd_normalise(weight)));
	centre = fmin(fmax(centre, lo), hi);

	if (state->metric == MONITOR_MEAN)
	{
		/* the pooled within-period variance, on n_t - 1 degrees of freedom each */
		for (uint32_t i = 0; i < count; i++)
			if (period[i].n > 1.0)
			{
				spread = dd_add(spread, two_prod(period[i].n - 1.0, period[i].variance));
				df = dd_add_double(df, period[i].n - 1.0);
			}
		variance = dd_value(df) > 0.0 ? dd_value(spread) / dd_value(df) : NAN;
	}
	else
	{
		/*
		 * Within plus between, about the pooled centre: the variance of all
		 * the answers pooled, which is the trinomial (binomial) variance at
		 * the pooled shares, written so that nothing cancels.
		 */
		for (uint32_t i = 0; i < count; i++)
		{
			double		x,
						d;

			point_value(&period[i], lo, hi, &x);
			d = x - centre;
			spread = dd_add(spread, two_prod(period[i].weight, period[i].variance + d * d));
		}
		variance = dd_value(spread) / dd_value(weight);
	}

	baseline->centre = centre;
	baseline->variance = variance;
	baseline->n = dd_value(n);

	/*
	 * Laney's sigma_z from the moving range of consecutive periods' z, in the
	 * aggregate's order.  Empty periods were never stored, so the periods on
	 * either side of one form a moving range: a gap in the data is not a
	 * break in the process.  The moving range rather than sd(z): a shift
	 * inside the baseline inflates sd(z) by its whole size but adds only one
	 * large moving range, so the moving range keeps measuring the
	 * short-term variation the limits are about (Laney 2002; qicharts2).
	 */
	if (count >= 2 && variance > 0.0 && isfinite(variance))
	{
		double		total = 0.0,
					previous = 0.0;

		for (uint32_t i = 0; i < count; i++)
		{
			double		x,
						z;

			point_value(&period[i], lo, hi, &x);
			z = (x - centre) / sqrt(variance / period[i].n);
			if (i > 0)
				total += fabs(z - previous);
			previous = z;
		}
		baseline->sigma_z = total / (count - 1) / LANEY_D2;
	}
	return MONITOR_OK;
}

MonitorStatus
monitor_baseline_given(MonitorMetric metric, double centre, double sd, double sigma_z,
					   double scale_lo, double scale_hi, MonitorBaseline *baseline)
{
	MonitorStatus status;

	memset(baseline, 0, sizeof(*baseline));
	baseline->metric = (uint32_t) metric;
	status = metric_bounds(metric, scale_lo, scale_hi, &baseline->range_lo, &baseline->range_hi);
	if (status != MONITOR_OK)
		return status;
	if (!isfinite(centre) || centre < baseline->range_lo || centre > baseline->range_hi ||
		!(sd > 0.0) || !isfinite(sd * sd) ||
		!(isnan(sigma_z) || (sigma_z > 0.0 && isfinite(sigma_z))))
		return MONITOR_BAD_GIVEN;
	baseline->centre = centre;
	baseline->variance = sd * sd;
	baseline->sigma_z = sigma_z;
	return MONITOR_OK;
}

/*
 * A baseline handed back by the server, possibly typed in by a user as a
 * composite: NaN stands for NULL in variance and sigma_z.
 */
bool
monitor_baseline_valid(const MonitorBaseline *b)
{
	double		lo,
				hi;

	if (!metric_valid(b->metric))
		return false;
	monitor_metric_range((MonitorMetric) b->metric, &lo, &hi);
	if (b->metric == MONITOR_MEAN ? !(b->range_lo < b->range_hi) :
		(b->range_lo != lo || b->range_hi != hi))
		return false;
	return isfinite(b->centre) && b->centre >= b->range_lo && b->centre <= b->range_hi &&
		(isnan(b->variance) || (b->variance >= 0.0 && isfinite(b->variance))) &&
		(isnan(b->sigma_z) || (b->sigma_z >= 0.0 && isfinite(b->sigma_z)));
}

/* ----------------------------------------------------------------------
 * Limits and z-scores
 * ---------------------------------------------------------------------- */

/* The chart's standard error at the period's n; false when there is none. */
static bool
standard_error(const MonitorBaseline *b, const MonitorPoint *p, bool laney, double *se)
{
	double		s;

	if (p->n == 0.0 || isnan(b->variance))
		return false;
	s = sqrt(b->variance / p->n);
	if (laney)
	{
		if (isnan(b->sigma_z))
			return false;
		s *= b->sigma_z;
	}
	*se = s;
	return true;
}

/* d / se, with the limit of a vanishing standard error. */
static double
z_of(double d, double se)
{
	if (se > 0.0)
		return d / se;
	return d == 0.0 ? 0.0 : copysign(INFINITY, d);
}

MonitorStatus
monitor_limits(const MonitorBaseline *baseline, const MonitorPoint *point, double sigmas,
			   bool laney, MonitorLimits *limits)
{
	double		se,
				half,
				x;

	limits->has_limits = false;
	limits->centre = baseline->centre;
	limits->lower = NAN;
	limits->upper = NAN;
	limits->z = NAN;
	limits->signal = MONITOR_SIGNAL_NONE;
	if (!(sigmas > 0.0) || !isfinite(sigmas))
		return MONITOR_BAD_SIGMAS;
	if (!monitor_baseline_valid(baseline))
		return MONITOR_BAD_BASELINE;
	if (!point_value(point, baseline->range_lo, baseline->range_hi, &x))
		return MONITOR_BAD_POINT;
	if (!standard_error(baseline, point, laney, &se))
		return MONITOR_OK;

	half = sigmas * se;
	limits->has_limits = true;
	limits->lower = fmax(baseline->centre - half, baseline->range_lo);
	limits->upper = fmin(baseline->centre + half, baseline->range_hi);
	limits->z = z_of(x - baseline->centre, se);
	if (limits->z > sigmas)
		limits->signal = MONITOR_SIGNAL_ABOVE;
	else if (limits->z < -sigmas)
		limits->signal = MONITOR_SIGNAL_BELOW;
	return MONITOR_OK;
}

MonitorStatus
monitor_z(const MonitorBaseline *baseline, const MonitorPoint *point, bool laney, bool *has_z,
		  double *z)
{
	double		se,
				x;

	*has_z = false;
	*z = NAN;
	if (!monitor_baseline_valid(baseline))
		return MONITOR_BAD_BASELINE;
	if (!point_value(point, baseline->range_lo, baseline->range_hi, &x))
		return MONITOR_BAD_POINT;
	if (standard_error(baseline, point, laney, &se))
	{
		*has_z = true;
		*z = z_of(x - baseline->centre, se);
	}
	return MONITOR_OK;
}

/* ----------------------------------------------------------------------
 * EWMA
 * ---------------------------------------------------------------------- */

void
monitor_ewma_init(MonitorEwmaState *state)
{
	memset(state, 0, sizeof(*state));
}

MonitorStatus
monitor_ewma_step(MonitorEwmaState *state, double lambda, bool has_z, double z)
{
	if (!(lambda > 0.0 && lambda <= 1.0))
		return MONITOR_BAD_LAMBDA;
	if (state->lambda == 0.0)
		state->lambda = lambda;
	else if (state->lambda != lambda)
		return MONITOR_PARAMETER_CHANGED;
	if (has_z && isnan(z))
		return MONITOR_BAD_POINT;
	state->rows++;
	state->current = has_z;
	if (!has_z)
		return MONITOR_OK;
	state->t++;
	if (lambda == 1.0 || isinf(z))
		state->ewma = z;
	else if (!isinf(state->ewma))
		state->ewma = lambda * z + (1.0 - lambda) * state->ewma;
	return MONITOR_OK;
}

MonitorStatus
monitor_ewma_result(const MonitorEwmaState *state, double sigmas, MonitorEwmaResult *result)
{
	double		lambda = state->lambda,
				half;

	result->has_value = state->t > 0;
	result->ewma = NAN;
	result->lower = NAN;
	result->upper = NAN;
	result->signal = MONITOR_SIGNAL_NONE;
	if (!(sigmas > 0.0) || !isfinite(sigmas))
		return MONITOR_BAD_SIGMAS;
	if (!result->has_value)
		return MONITOR_OK;

	/* 1 - (1 - λ)^{2t} without the cancellation of the subtraction for small λ t */
	half = sigmas * sqrt(lambda / (2.0 - lambda) *
						 (lambda == 1.0 ? 1.0 : -expm1(2.0 * (double) state->t * log1p(-lambda))));
	result->ewma = state->ewma;
	result->lower = -half;
	result->upper = half;
	if (state->current)
	{
		if (state->ewma > half)
			result->signal = MONITOR_SIGNAL_ABOVE;
		else if (state->ewma < -half)
			result->signal = MONITOR_SIGNAL_BELOW;
	}
	return MONITOR_OK;
}

/* ----------------------------------------------------------------------
 * CUSUM
 * ---------------------------------------------------------------------- */

void
monitor_cusum_init(MonitorCusumState *state)
{
	memset(state, 0, sizeof(*state));
	state->k = -1.0;
}

MonitorStatus
monitor_cusum_step(MonitorCusumState *state, double k, bool has_z, double z)
{
	if (!(k >= 0.0) || !isfinite(k))
		return MONITOR_BAD_K;
	if (state->k < 0.0)
		state->k = k;
	else if (state->k != k)
		return MONITOR_PARAMETER_CHANGED;
	if (has_z && isnan(z))
		return MONITOR_BAD_POINT;
	state->rows++;
	state->current = has_z;
	if (!has_z)
		return MONITOR_OK;
	state->t++;
	if (isinf(z))
	{
		state->upper_sum = z > 0.0 ? INFINITY : 0.0;
		state->lower_sum = z > 0.0 ? 0.0 : INFINITY;
	}
	else
	{
		state->upper_sum = fmax(0.0, state->upper_sum + z - k);
		state->lower_sum = fmax(0.0, state->lower_sum - z - k);
	}
	return MONITOR_OK;
}

MonitorStatus
monitor_cusum_result(const MonitorCusumState *state, double h, MonitorCusumResult *result)
{
	bool		above,
				below;

	result->has_value = state->t > 0;
	result->upper_sum = NAN;
	result->lower_sum = NAN;
	result->signal = MONITOR_SIGNAL_NONE;
	if (!(h > 0.0) || !isfinite(h))
		return MONITOR_BAD_H;
	if (!result->has_value)
		return MONITOR_OK;
	result->upper_sum = state->upper_sum;
	result->lower_sum = state->lower_sum;
	if (!state->current)
		return MONITOR_OK;
	above = state->upper_sum > h;
	below = state->lower_sum > h;
	if (above && (!below || state->upper_sum >= state->lower_sum))
		result->signal = MONITOR_SIGNAL_ABOVE;
	else if (below)
		result->signal = MONITOR_SIGNAL_BELOW;
	return MONITOR_OK;
}

/* ----------------------------------------------------------------------
 * Run rules
 * ---------------------------------------------------------------------- */

void
monitor_runs_init(MonitorRunsState *state)
{
	memset(state, 0, sizeof(*state));
}

void
monitor_runs_step(MonitorRunsState *state, bool has_z, double z)
{
	int32_t		side;

	state->rows++;
	if (!has_z || isnan(z))
	{
		state->current = 0;
		return;
	}
	state->current = fabs(z) > WE_RULE1_SIGMAS ? 2 : 1;
	if (state->current == 2)
		state->beyond++;
	if (z == 0.0)
		return;					/* on the centre: neither breaks nor extends a run */
	side = z > 0.0 ? 1 : -1;
	state->useful++;
	if (side == state->side)
		state->run++;
	else
	{
		if (state->side != 0)
			state->crossings++;
		state->side = side;
		state->run = 1;
	}
	if (state->run > state->longest)
		state->longest = state->run;
}

void
monitor_runs_result(const MonitorRunsState *state, MonitorRunsResult *result)
{
	memset(result, 0, sizeof(*result));
	result->has_runs = state->useful > 0;
	result->useful = state->useful;
	result->longest_run = state->longest;
	result->crossings = state->crossings;
	result->beyond_3sigma = state->current == 2;
	result->beyond_count = state->beyond;
	if (!result->has_runs)
		return;
	result->longest_run_max = (int64_t) llround(log2((double) state->useful)) + 3;
	result->crossings_min = (int64_t) binomial_quantile(ANHOEJ_CROSSINGS_P,
														(double) (state->useful - 1), 0.5);
	result->runs_signal = result->longest_run > result->longest_run_max ||
		result->crossings < result->crossings_min;
}

/* ----------------------------------------------------------------------
 * Average run lengths
 * ---------------------------------------------------------------------- */

/*
 * Chain sizes.  The Markov chains' error falls as 1/m² (the cells' width
 * squared), so two sizes a factor 2 apart, extrapolated to m = ∞ by
 * Richardson's rule, leave an error of a few parts in 10^6 at the tables'
 * points (test/monitoring measures it against R's spc).  The EWMA's sizes
 * are odd so that a cell is centred on 0, where the chart starts.  The
 * exact limits' correction to the EWMA, a tenth of the run length or so,
 * is extrapolated from the two smaller chains: carrying the mass period by
 * period costs the chain's size squared per period, for up to 700 periods.
 */
#define EWMA_STATES_SMALL 101
#define EWMA_STATES_MEDIUM 201
#define EWMA_STATES_LARGE 401
#define CUSUM_STATES_SMALL 100
#define CUSUM_STATES_LARGE 200
#define CUSUM_WIDE_H 10.0		/* above this h, twice the states: cells stay 0.05 wide */

#if EWMA_STATES_LARGE > MONITOR_ARL_MAX_STATES || 2 * CUSUM_STATES_LARGE > MONITOR_ARL_MAX_STATES
#error "the run lengths' workspace is too small for their chains"
#endif

/*
 * The exact limits are treated as the asymptotic ones once (1 - λ)^{2t}
 * is below this: they are then within 5e-7 of them, relatively, which
 * moves the run lengths by less than a part in 10^7 (measured).
 */
#define EXACT_LIMITS_SETTLED 1e-6
#define EXACT_LIMITS_PERIODS 1000

/* Transition probabilities below this are left out of the exact limits' products. */
#define NEGLIGIBLE_PROBABILITY 1e-18

typedef struct ArlWork
{
	double	   *p;				/* m × m transition probabilities, row-major */
	double	   *exit;			/* per state: probability of a signal next */
	double	   *a;				/* per state: the run length from there */
	double	   *v;				/* in-control mass per state (exact limits) */
	double	   *next;
	double	   *edge;			/* CDF values at cell edges */
	int		   *first;			/* per row: the band of non-negligible columns */
	int		   *last;
} ArlWork;

size_t
monitor_arl_workspace_size(void)
{
	size_t		m = MONITOR_ARL_MAX_STATES;

	/* p; exit, a, v, next; edge; first, last */
	return sizeof(double) * (m * m + 4 * m + 2 * m + 2) + sizeof(int) * 2 * m;
}

static ArlWork
arl_work(void *workspace)
{
	size_t		m = MONITOR_ARL_MAX_STATES;
	ArlWork		w;

	w.p = (double *) workspace;
	w.exit = w.p + m * m;
	w.a = w.exit + m;
	w.v = w.a + m;
	w.next = w.v + m;
	w.edge = w.next + m;
	w.first = (int *) (w.edge + 2 * m + 2);
	w.last = w.first + m;
	return w;
}

/*
 * y += f x over n entries: the inner loop of both the elimination and the
 * exact limits' products.  Unrolled by four with restrict, so that -O2's
 * straight-line vectorizer pairs the entries.
 */
static void
axpy(double *restrict y, const double *restrict x, double f, int n)
{
	int			j = 0;

	for (; j + 4 <= n; j += 4)
	{
		y[j] += f * x[j];
		y[j + 1] += f * x[j + 1];
		y[j + 2] += f * x[j + 2];
		y[j + 3] += f * x[j + 3];
	}
	for (; j < n; j++)
		y[j] += f * x[j];
}

/* P(a < Z < b) for a standard normal Z, from the tail that keeps precision. */
static double
normal_mass(double a, double b)
{
	if (!(a < b))
		return 0.0;
	if (a >= 0.0)
		return normal_sf(a) - normal_sf(b);
	if (b <= 0.0)
		return normal_cdf(b) - normal_cdf(a);
	return 1.0 - normal_cdf(a) - normal_sf(b);
}

/*
 * Solves (I - P) a = 1 for the m states, GTH style: the off-diagonal
 * entries of I - P are -p_ij <= 0 and its row sums are the exit
 * probabilities, so elimination only ever adds non-negative numbers: the
 * row sums by s_i += f s_k, the off-diagonal mass by p_ij += f p_kj
 * (f = p_ik / pivot >= 0), and each pivot is its row sum plus the
 * off-diagonal mass left in its row.  P's diagonal is never read.  Returns
 * false if a pivot vanishes (a set of states the chain never leaves: the
 * run length is infinite).  P and exit are overwritten.
 */
static bool
solve_arl(double *p, double *exit, double *a, int m)
{
	for (int i = 0; i < m; i++)
		a[i] = 1.0;
	for (int k = 0; k < m; k++)
	{
		double	   *pk = p + (size_t) k * m;
		double		pivot = exit[k];

		for (int j = k + 1; j < m; j++)
			pivot += pk[j];
		if (!(pivot > 0.0))
			return false;
		pk[k] = pivot;
		for (int i = k + 1; i < m; i++)
		{
			double	   *pi = p + (size_t) i * m;
			double		f = pi[k] / pivot;

			if (f == 0.0)
				continue;
			axpy(pi + k + 1, pk + k + 1, f, m - k - 1);
			exit[i] += f * exit[k];
			a[i] += f * a[k];
		}
	}
	for (int i = m - 1; i >= 0; i--)
	{
		double	   *pi = p + (size_t) i * m;
		double		s = a[i];

		for (int j = i + 1; j < m; j++)
			s += pi[j] * a[j];
		a[i] = s / pi[i];
		/* a pivot so small that the run length overflows: never leaving, as above */
		if (!isfinite(a[i]))
			return false;
	}
	return true;
}

/*
 * A run length beyond what the chains resolve (every exit probability
 * lost below the smallest double) comes out infinite or as 0 × ∞; either
 * way it is longer than any series.
 */
static double
finite_or_infinite(double arl)
{
	return isfinite(arl) ? arl : INFINITY;
}

/* Richardson's extrapolation to m = ∞ of an error in 1/m². */
static double
extrapolate(double small, int m_small, double large, int m_large)
{
	double		s2 = (double) m_small * m_small,
				l2 = (double) m_large * m_large;

	if (isinf(small) || isinf(large))
		return INFINITY;
	return (l2 * large - s2 * small) / (l2 - s2);
}

/*
 * One-sided CUSUM C = max(0, C + z - k), z ~ N(shift, 1), signal above h,
 * from C = 0: Brook & Evans's chain.  State 0 is [0, w/2), state i the cell
 * [(i - 1/2) w, (i + 1/2) w) around i w, w = h / (m - 1/2).  A transition
 * between cells j, i >= 1 depends on j - i only, so 2m + 1 probabilities
 * fill most of the matrix.
 */
static double
cusum_one_sided(double k, double h, double shift, int m, ArlWork *w)
{
	double		width = h / (m - 0.5);
	double	   *mass = w->edge + m;	/* mass[d]: from i w into the cell of (i + d) w, d = -m..m */

	for (int d = -m; d <= m; d++)
		mass[d] = normal_mass((d - 0.5) * width + k - shift, (d + 0.5) * width + k - shift);
	for (int i = 0; i < m; i++)
	{
		double	   *row = w->p + (size_t) i * m;

		row[0] = normal_cdf((0.5 - i) * width + k - shift);
		for (int j = 1; j < m; j++)
			row[j] = mass[j - i];
		w->exit[i] = normal_sf((m - 0.5 - i) * width + k - shift);
	}
	if (!solve_arl(w->p, w->exit, w->a, m))
		return INFINITY;
	return w->a[0];
}

static double
cusum_two_sided(double k, double h, double shift, int m, ArlWork *w)
{
	double		upper = cusum_one_sided(k, h, shift, m, w);
	double		lower = shift == 0.0 ? upper : cusum_one_sided(k, h, -shift, m, w);

	/* exact for the two sums run together: when one crosses h, the other is 0 */
	return 1.0 / (1.0 / upper + 1.0 / lower);
}

MonitorStatus
monitor_cusum_arl(double k, double h, double shift, void *workspace, double *arl)
{
	ArlWork		w;
	int			small,
				large;

	*arl = NAN;
	if (!(k >= 0.0) || !isfinite(k))
		return MONITOR_BAD_K;
	if (!(h > 0.0) || !isfinite(h))
		return MONITOR_BAD_H;
	if (!isfinite(shift))
		return MONITOR_BAD_SHIFT;
	if (h > MONITOR_ARL_MAX_H)
		return MONITOR_ARL_UNSUPPORTED;
	w = arl_work(workspace);
	small = h > CUSUM_WIDE_H ? 2 * CUSUM_STATES_SMALL : CUSUM_STATES_SMALL;
	large = h > CUSUM_WIDE_H ? 2 * CUSUM_STATES_LARGE : CUSUM_STATES_LARGE;
	*arl = finite_or_infinite(extrapolate(cusum_two_sided(k, h, shift, small, &w), small,
										  cusum_two_sided(k, h, shift, large, &w), large));
	return MONITOR_OK;
}

/*
 * Two-sided EWMA w = (1 - λ) w + λ z, z ~ N(shift, 1), in control while
 * |w| <= c = L √(λ / (2 - λ)): Lucas & Saccucci's chain, m cells of width
 * 2c / m over [-c, c], each state at its cell's centre.  With the exact
 * limits the in-control region at period t is |w| <= c_t = c √(1 - (1 -
 * λ)^{2t}) instead, narrower at first: the in-control mass v_t is carried
 * forward period by period, the cells beyond c_t dropped and the one that
 * c_t cuts keeping only the part inside, until c_t has settled on c; from
 * then on the chain is homogeneous and the remaining run length from v_T is
 * v_T · a.  ARL = Σ_{t<T} |v_t| + v_T · a.
 */
static void
ewma_chain(double lambda, double sigmas, double shift, bool exact, int m, ArlWork *w,
		   double *fixed, double *varying)
{
	double		c = sigmas * sqrt(lambda / (2.0 - lambda));
	double		width = 2.0 * c / m;
	double		keep = 1.0 - lambda;
	double		before = 0.0,
				rest = 0.0;
	int			middle = m / 2;

	for (int i = 0; i < m; i++)
	{
		double	   *row = w->p + (size_t) i * m;
		double		from = keep * (-c + (i + 0.5) * width);
		double	   *tail = w->edge;
		bool		upper = false;
		int			cross = m + 1;

		/*
		 * The standardized edges x_j = (edge_j - (1 - λ) u_i) / λ - shift
		 * increase with j: below 0 keep Φ(x_j), from the first x_j >= 0 on
		 * keep 1 - Φ(x_j), so that every cell's mass is a difference of two
		 * small numbers or one whole-minus-tails, and every edge costs one
		 * erfc.
		 */
		for (int j = 0; j <= m; j++)
		{
			double		x = (-c + j * width - from) / lambda - shift;

			if (!upper && x >= 0.0)
			{
				upper = true;
				cross = j;
			}
			tail[j] = upper ? normal_sf(x) : normal_cdf(x);
		}
		w->first[i] = m;
		w->last[i] = -1;
		for (int j = 0; j < m; j++)
		{
			if (j + 1 < cross)
				row[j] = tail[j + 1] - tail[j];
			else if (j >= cross)
				row[j] = tail[j] - tail[j + 1];
			else
				row[j] = 1.0 - tail[j] - tail[j + 1];
			if (row[j] >= NEGLIGIBLE_PROBABILITY)
			{
				if (w->first[i] == m)
					w->first[i] = j;
				w->last[i] = j;
			}
		}
		w->exit[i] = (cross > 0 ? tail[0] : 1.0 - tail[0]) +
			(cross <= m ? tail[m] : 1.0 - tail[m]);
	}

	memset(w->v, 0, sizeof(double) * m);
	w->v[middle] = 1.0;
	if (exact && lambda < 1.0)
	{
		double		decay = 1.0,
					step = keep * keep;

		/* (1 - λ)^{2t} <= 1e-6 once t >= 6.9 / λ: 690 periods at λ = 0.01 */
		for (int t = 1; t <= EXACT_LIMITS_PERIODS; t++)
		{
			double		ct;
			int			hi,
						lo;

			decay *= step;
			if (decay <= EXACT_LIMITS_SETTLED)
				break;
			for (int i = 0; i < m; i++)
				before += w->v[i];
			ct = c * sqrt(1.0 - decay);
			/* the cells that hold ±c_t (the same cell when c_t < width / 2) */
			hi = (int) floor((ct + c) / width);
			hi = hi > m - 1 ? m - 1 : hi;
			lo = m - 1 - hi;
			memset(w->next, 0, sizeof(double) * m);
			for (int i = 0; i < m; i++)
			{
				double		vi = w->v[i],
							from,
							top,
							bottom;
				const double *row;
				int			first,
							last;

				/* the first periods' mass sits near 0: skip the states without any */
				if (vi < NEGLIGIBLE_PROBABILITY)
					continue;
				row = w->p + (size_t) i * m;
				first = w->first[i] > lo + 1 ? w->first[i] : lo + 1;
				last = w->last[i] < hi - 1 ? w->last[i] : hi - 1;
				if (first <= last)
					axpy(w->next + first, row + first, vi, last - first + 1);
				/* the cut cells, where this row reaches them at all (part of a cell is less) */
				from = keep * (-c + (i + 0.5) * width);
				top = (ct - from) / lambda - shift;
				bottom = (-ct - from) / lambda - shift;
				if (lo == hi)
					w->next[hi] += vi * normal_mass(bottom, top);
				else
				{
					if (hi >= w->first[i] && hi <= w->last[i])
						w->next[hi] += vi * normal_mass((-c + hi * width - from) / lambda - shift,
														top);
					if (lo >= w->first[i] && lo <= w->last[i])
						w->next[lo] += vi * normal_mass(bottom, (-c + (lo + 1) * width - from) /
														lambda - shift);
				}
			}
			memcpy(w->v, w->next, sizeof(double) * m);
		}
	}
	if (!solve_arl(w->p, w->exit, w->a, m))
	{
		*fixed = *varying = INFINITY;
		return;
	}
	for (int i = 0; i < m; i++)
		rest += w->v[i] * w->a[i];
	*fixed = w->a[middle];
	*varying = before + rest;
}

MonitorStatus
monitor_ewma_arl(double lambda, double sigmas, double shift, bool exact_limits, void *workspace,
				 double *arl)
{
	ArlWork		w;
	double		small,
				small_exact,
				medium,
				medium_exact,
				large,
				ignored;

	*arl = NAN;
	if (!(lambda > 0.0 && lambda <= 1.0))
		return MONITOR_BAD_LAMBDA;
	if (!(sigmas > 0.0) || !isfinite(sigmas))
		return MONITOR_BAD_SIGMAS;
	if (!isfinite(shift))
		return MONITOR_BAD_SHIFT;
	if (lambda < MONITOR_ARL_MIN_LAMBDA)
		return MONITOR_ARL_UNSUPPORTED;
	w = arl_work(workspace);
	exact_limits = exact_limits && lambda < 1.0;
	ewma_chain(lambda, sigmas, shift, false, EWMA_STATES_LARGE, &w, &large, &ignored);
	ewma_chain(lambda, sigmas, shift, exact_limits, EWMA_STATES_MEDIUM, &w, &medium,
			   &medium_exact);
	*arl = finite_or_infinite(extrapolate(medium, EWMA_STATES_MEDIUM, large, EWMA_STATES_LARGE));
	if (exact_limits && isfinite(*arl))
	{
		ewma_chain(lambda, sigmas, shift, true, EWMA_STATES_SMALL, &w, &small, &small_exact);
		/* the narrower limits shorten the run: a finite fixed ARL bounds these */
		if (isfinite(small) && isfinite(small_exact) && isfinite(medium_exact))
			*arl = finite_or_infinite(*arl + extrapolate(small_exact - small, EWMA_STATES_SMALL,
														 medium_exact - medium,
														 EWMA_STATES_MEDIUM));
	}
	return MONITOR_OK;
}
