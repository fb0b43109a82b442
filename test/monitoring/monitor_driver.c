/*
 * monitor_driver.c: runs src/monitoring_model.c on commands read from stdin,
 * one per line, and prints one line of key=value results per command, so
 * that test/monitoring/check_model.py can compare it with the oracle.
 *
 *	metric nps|share|mean [lo hi]	a fresh baseline state (lo/hi: a mean's scale)
 *	base nps D PASSIVE P n			append a period (counts or weight sums, n effective)
 *	base share HITS TOTAL n
 *	base mean SUM TOTAL VARIANCE n
 *	base raw n weight sum variance	a point as given, for invalid ones
 *	compute							the baseline of the state
 *	given METRIC centre sd sigma_z lo hi	a baseline set by hand
 *	baseline_raw METRIC centre variance sigma_z lo hi	a baseline as a user
 *									might type its composite, unchecked
 *	chart sigmas laney lambda k		fresh EWMA, CUSUM and run-rule states
 *	obs nps|share|mean ... H		one charted period (as base), CUSUM's h last
 *	ewma_arl lambda L shift exact	average run lengths, with the microseconds taken
 *	cusum_arl k h shift
 *	binom_cdf k n p, binom_q q n p	the binomial functions of src/distributions.c
 *	check [field value]				monitor_baseline_check on the state, after
 *									setting one header field (or "bytes" to a size)
 *	zero_period						the first stored period's n set to 0, then check
 *	set lambda|k|sigmas X			change a chart parameter without a fresh state
 *	simulate ewma|cusum P1 P2 shift runs seed
 *									run lengths of csm's own running charts on
 *									z ~ N(shift, 1): EWMA (λ, L) with its exact limits,
 *									CUSUM (k, h); prints their mean and standard error
 *
 * Statuses print by name (the MonitorStatus enumerator without MONITOR_).
 */
#define _POSIX_C_SOURCE 199309L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <time.h>

#include "distributions.h"
#include "monitoring_model.h"

static MonitorBaselineState *state;
static size_t capacity;
static MonitorBaseline baseline;
static MonitorEwmaState ewma;
static MonitorCusumState cusum;
static MonitorRunsState runs;
static double sigmas = 3.0,
			lambda = 0.2,
			k = 0.5;
static int	laney;
static void *workspace;

static const char *const status_names[] = {
	"OK", "BAD_LAMBDA", "BAD_SIGMAS", "BAD_K", "BAD_H", "BAD_SHIFT", "BAD_GIVEN", "BAD_SCALE",
	"PARAMETER_CHANGED", "ARL_UNSUPPORTED", "BAD_POINT", "BAD_BASELINE", "TOO_MANY_PERIODS",
	"NO_ROOM", "NO_PERIODS"
};

static const char *
name(MonitorStatus s)
{
	if ((int) s < 0 || (size_t) s >= sizeof(status_names) / sizeof(status_names[0]))
		return "UNKNOWN";
	return status_names[s];
}

/* xorshift64* and Box-Muller: the simulations' normal deviates, seeded. */
static uint64_t rng_state;

static double
uniform01(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return ((rng_state * UINT64_C(2685821657736338717)) >> 11) * (1.0 / 9007199254740992.0);
}

static double
gaussian(void)
{
	double		u = uniform01(),
				v = uniform01();

	return sqrt(-2.0 * log(1.0 - u)) * cos(6.283185307179586 * v);
}

/* One run length of csm's chart on z ~ N(shift, 1), capped at a million periods. */
static double
run_length(bool is_ewma, double p1, double p2, double shift)
{
	MonitorEwmaState e;
	MonitorCusumState c;

	monitor_ewma_init(&e);
	monitor_cusum_init(&c);
	for (int t = 1; t <= 1000000; t++)
	{
		double		z = gaussian() + shift;

		if (is_ewma)
		{
			MonitorEwmaResult r;

			monitor_ewma_step(&e, p1, true, z);
			monitor_ewma_result(&e, p2, &r);
			if (r.signal != MONITOR_SIGNAL_NONE)
				return t;
		}
		else
		{
			MonitorCusumResult r;

			monitor_cusum_step(&c, p1, true, z);
			monitor_cusum_result(&c, p2, &r);
			if (r.signal != MONITOR_SIGNAL_NONE)
				return t;
		}
	}
	return 1000000;
}

static MonitorMetric
metric_of(const char *name)
{
	if (strcmp(name, "nps") == 0)
		return MONITOR_NPS;
	if (strcmp(name, "share") == 0)
		return MONITOR_SHARE;
	if (strcmp(name, "mean") == 0)
		return MONITOR_MEAN;
	return (MonitorMetric) 99;
}

/* A point from "nps D PASSIVE P n" and the like; *used: numbers read after the kind. */
static MonitorPoint
point_of(const char *kind, const double *x, int *used)
{
	MonitorPoint p = {0, 0, 0, 0};

	if (strcmp(kind, "nps") == 0)
	{
		NpsCounts	c = {x[0], x[1], x[2]};

		*used = 4;
		return monitor_point_nps(c, x[3]);
	}
	if (strcmp(kind, "share") == 0)
	{
		*used = 3;
		return monitor_point_share(x[0], x[1], x[2]);
	}
	if (strcmp(kind, "mean") == 0)
	{
		*used = 4;
		return monitor_point_mean(x[0], x[1], x[2], x[3]);
	}
	if (strcmp(kind, "raw") == 0)
	{
		p.n = x[0];
		p.weight = x[1];
		p.sum = x[2];
		p.variance = x[3];
		*used = 4;
	}
	return p;
}

static void
grow(void)
{
	size_t		need = monitor_baseline_size(state->count + 1);

	if (need > capacity)
	{
		capacity = need * 2;
		state = realloc(state, capacity);
		if (state == NULL)
			exit(2);
	}
}

static double
micros_since(const struct timespec *start)
{
	struct timespec end;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &end);
	return (end.tv_sec - start->tv_sec) * 1e6 + (end.tv_nsec - start->tv_nsec) / 1e3;
}

int
main(void)
{
	char		line[1024];

	capacity = monitor_baseline_size(4);
	state = calloc(1, capacity);
	workspace = malloc(monitor_arl_workspace_size());
	if (state == NULL || workspace == NULL)
		return 2;
	monitor_baseline_init(state, MONITOR_NPS, NAN, NAN);

	while (fgets(line, sizeof(line), stdin) != NULL)
	{
		char		cmd[32] = "",
					kind[32] = "";
		double		x[8] = {0};
		int			got = sscanf(line, "%31s %31s %lf %lf %lf %lf %lf %lf %lf %lf", cmd, kind,
								 &x[0], &x[1], &x[2], &x[3], &x[4], &x[5], &x[6], &x[7]);

		if (got < 1)
			continue;
		if (strcmp(cmd, "metric") == 0)
		{
			MonitorStatus s;

			if (got < 4)
				x[0] = x[1] = NAN;
			s = monitor_baseline_init(state, metric_of(kind), x[0], x[1]);
			printf("status=%s\n", name(s));
		}
		else if (strcmp(cmd, "base") == 0)
		{
			int			used;
			MonitorPoint p = point_of(kind, x, &used);
			MonitorStatus s;

			grow();
			s = monitor_baseline_append(state, capacity, &p);
			printf("status=%s n=%.17g weight=%.17g sum=%.17g variance=%.17g\n", name(s),
				   p.n, p.weight, p.sum, p.variance);
		}
		else if (strcmp(cmd, "compute") == 0)
		{
			MonitorStatus s = monitor_baseline_compute(state, &baseline);

			printf("status=%s centre=%.17g variance=%.17g sigma_z=%.17g periods=%lld empty=%lld n=%.17g\n",
				   name(s), baseline.centre, baseline.variance, baseline.sigma_z,
				   (long long) baseline.periods, (long long) baseline.empty_periods, baseline.n);
		}
		else if (strcmp(cmd, "given") == 0)
		{
			MonitorStatus s = monitor_baseline_given(metric_of(kind), x[0], x[1], x[2], x[3], x[4],
													 &baseline);

			printf("status=%s centre=%.17g variance=%.17g sigma_z=%.17g\n", name(s),
				   baseline.centre, baseline.variance, baseline.sigma_z);
		}
		else if (strcmp(cmd, "baseline_raw") == 0)
		{
			memset(&baseline, 0, sizeof(baseline));
			baseline.metric = (uint32_t) metric_of(kind);
			baseline.centre = x[0];
			baseline.variance = x[1];
			baseline.sigma_z = x[2];
			baseline.range_lo = x[3];
			baseline.range_hi = x[4];
			printf("status=OK\n");
		}
		else if (strcmp(cmd, "chart") == 0)
		{
			/* "chart sigmas laney lambda k": kind holds sigmas */
			sigmas = strtod(kind, NULL);
			laney = (int) x[0];
			lambda = x[1];
			k = x[2];
			monitor_ewma_init(&ewma);
			monitor_cusum_init(&cusum);
			monitor_runs_init(&runs);
			printf("status=0\n");
		}
		else if (strcmp(cmd, "obs") == 0)
		{
			int			used;
			MonitorPoint p = point_of(kind, x, &used);
			double		h = x[used],
						z;
			MonitorLimits lim;
			MonitorEwmaResult er;
			MonitorCusumResult cr;
			MonitorRunsResult rr;
			MonitorStatus ls = monitor_limits(&baseline, &p, sigmas, laney, &lim);
			bool		has_z;
			MonitorStatus zs = monitor_z(&baseline, &p, laney, &has_z, &z);
			MonitorStatus es = monitor_ewma_step(&ewma, lambda, has_z, z);
			MonitorStatus cs = monitor_cusum_step(&cusum, k, has_z, z);
			MonitorStatus es2,
						cs2;

			monitor_runs_step(&runs, has_z, z);
			es2 = monitor_ewma_result(&ewma, sigmas, &er);
			cs2 = monitor_cusum_result(&cusum, h, &cr);
			monitor_runs_result(&runs, &rr);
			printf("lim_status=%s z_status=%s has_limits=%d centre=%.17g lower=%.17g upper=%.17g z=%.17g signal=%s "
				   "has_z=%d ewma_status=%s ewma_result_status=%s ewma_has=%d ewma=%.17g ewma_lower=%.17g ewma_upper=%.17g ewma_signal=%s "
				   "cusum_status=%s cusum_result_status=%s cusum_has=%d upper_sum=%.17g lower_sum=%.17g cusum_signal=%s "
				   "runs_has=%d useful=%lld longest=%lld longest_max=%lld crossings=%lld crossings_min=%lld "
				   "runs_signal=%d beyond=%d beyond_count=%lld\n",
				   name(ls), name(zs), lim.has_limits, lim.centre, lim.lower, lim.upper, lim.z,
				   monitor_signal_label(lim.signal), has_z, name(es), name(es2), er.has_value, er.ewma,
				   er.lower, er.upper, monitor_signal_label(er.signal), name(cs), name(cs2),
				   cr.has_value, cr.upper_sum, cr.lower_sum, monitor_signal_label(cr.signal),
				   rr.has_runs, (long long) rr.useful, (long long) rr.longest_run,
				   (long long) rr.longest_run_max, (long long) rr.crossings,
				   (long long) rr.crossings_min, rr.runs_signal, rr.beyond_3sigma,
				   (long long) rr.beyond_count);
		}
		else if (strcmp(cmd, "ewma_arl") == 0 || strcmp(cmd, "cusum_arl") == 0)
		{
			struct timespec start;
			double		arl;
			MonitorStatus s;
			double		a = strtod(kind, NULL);

			clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &start);
			if (cmd[0] == 'e')
				s = monitor_ewma_arl(a, x[0], x[1], x[2] != 0.0, workspace, &arl);
			else
				s = monitor_cusum_arl(a, x[0], x[1], workspace, &arl);
			printf("status=%s arl=%.17g micros=%.1f\n", name(s), arl, micros_since(&start));
		}
		else if (strcmp(cmd, "binom_cdf") == 0)
			printf("value=%.17g\n", binomial_cdf(strtod(kind, NULL), x[0], x[1]));
		else if (strcmp(cmd, "binom_q") == 0)
			printf("value=%.17g\n", binomial_quantile(strtod(kind, NULL), x[0], x[1]));
		else if (strcmp(cmd, "check") == 0)
		{
			MonitorBaselineState saved = *state;
			size_t		bytes = monitor_baseline_size(state->count);

			if (strcmp(kind, "version") == 0)
				state->version = (uint32_t) x[0];
			else if (strcmp(kind, "metric") == 0)
				state->metric = (uint32_t) x[0];
			else if (strcmp(kind, "count") == 0)
				state->count = (uint32_t) x[0];
			else if (strcmp(kind, "flags") == 0)
				state->flags = (uint32_t) x[0];
			else if (strcmp(kind, "reserved") == 0)
				state->reserved = x[0];
			else if (strcmp(kind, "range_lo") == 0)
				state->range_lo = x[0];
			else if (strcmp(kind, "range_hi") == 0)
				state->range_hi = x[0];
			else if (strcmp(kind, "bytes") == 0)
				bytes = (size_t) x[0];
			printf("status=%s\n", name(monitor_baseline_check(state, bytes)));
			*state = saved;
		}
		else if (strcmp(cmd, "zero_period") == 0)
		{
			MonitorPoint saved = MONITOR_BASELINE_PERIODS(state)[0];

			MONITOR_BASELINE_PERIODS(state)[0].n = 0.0;
			printf("status=%s\n",
				   name(monitor_baseline_check(state, monitor_baseline_size(state->count))));
			MONITOR_BASELINE_PERIODS(state)[0] = saved;
		}
		else if (strcmp(cmd, "set") == 0)
		{
			if (strcmp(kind, "lambda") == 0)
				lambda = x[0];
			else if (strcmp(kind, "k") == 0)
				k = x[0];
			else if (strcmp(kind, "sigmas") == 0)
				sigmas = x[0];
			printf("status=OK\n");
		}
		else if (strcmp(cmd, "simulate") == 0)
		{
			/* simulate ewma|cusum P1 P2 shift runs seed */
			double		sum = 0.0,
						sum2 = 0.0;
			long		nruns = (long) x[3];

			rng_state = (uint64_t) x[4] * UINT64_C(0x9E3779B97F4A7C15) + 1;
			for (long r = 0; r < nruns; r++)
			{
				double		rl = run_length(kind[0] == 'e', x[0], x[1], x[2]);

				sum += rl;
				sum2 += rl * rl;
			}
			printf("mean=%.17g se=%.17g\n", sum / nruns,
				   sqrt((sum2 / nruns - (sum / nruns) * (sum / nruns)) / nruns));
		}
		else
			printf("unknown=%s\n", cmd);
		fflush(stdout);
	}
	free(state);
	free(workspace);
	return 0;
}
