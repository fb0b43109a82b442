/*
 * monitoring_model.h
 *	  Monitoring a metric over time (statistical process control), in plain
 *	  C: the baseline of reference periods, Shewhart and Laney limits per
 *	  period, the running EWMA, CUSUM and run-rule states of a window
 *	  aggregate, and the average run lengths of the EWMA and CUSUM charts.
 *
 * Nothing here depends on the server: the SQL layer derives one MonitorPoint
 * per period from a rating_summary or weighted_rating_summary, keeps the
 * states below in its aggregate states, and turns every status other than
 * MONITOR_OK into an ERROR (22023 for the parameter statuses).
 * test/monitoring checks all of it against an independent Python oracle, R's
 * spc package and published tables.
 *
 * Units.  A point's value is in the metric's units: NPS points (-100..100),
 * a share in percent (0..100), or a mean on the rating scale.  Its variance
 * is per answer, in those units squared.  z-scores, EWMA and CUSUM values
 * are in standard-error units.
 *
 * Sources: Montgomery, Introduction to Statistical Quality Control (p chart
 * with varying n; CUSUM, EWMA); Laney (2002) for the p' chart; Roberts
 * (1959) and Lucas & Saccucci (1990) for the EWMA; Page (1954) for the
 * CUSUM; Brook & Evans (1972) for the Markov-chain run lengths; Anhøj &
 * Olesen (2014) and Anhøj (2015) for the run rules, as qicharts2 applies
 * them; Western Electric (1956) for rule 1.
 */
#ifndef CSM_MONITORING_MODEL_H
#define CSM_MONITORING_MODEL_H

#include <stdbool.h>
#include <stdlib.h>
#include <stdint.h>

#include "inference.h"

typedef enum MonitorStatus
{
	MONITOR_OK = 0,
	/* parameters: the server raises 22023 (invalid_parameter_value) */
	MONITOR_BAD_LAMBDA,			/* lambda outside (0, 1] */
	MONITOR_BAD_SIGMAS,			/* sigmas (L) not > 0, or not finite */
	MONITOR_BAD_K,				/* k < 0, or not finite */
	MONITOR_BAD_H,				/* h not > 0, or not finite */
	MONITOR_BAD_SHIFT,			/* the ARL's shift not finite */
	MONITOR_BAD_GIVEN,			/* a given baseline: centre off the range, sd not > 0 */
	MONITOR_BAD_SCALE,			/* a mean's scale: lower bound not below the upper */
	MONITOR_PARAMETER_CHANGED,	/* lambda or k differs from the series' earlier rows */
	MONITOR_ARL_UNSUPPORTED,	/* λ below MONITOR_ARL_MIN_LAMBDA, h above MONITOR_ARL_MAX_H */
	/* data */
	MONITOR_BAD_POINT,			/* a period's n, weight, value or variance off its domain
								 * (not from a valid summary: an internal error) */
	MONITOR_BAD_BASELINE,		/* a baseline state or composite that fails its checks
								 * (a composite typed by hand: 22023 too) */
	MONITOR_TOO_MANY_PERIODS,	/* more than MONITOR_MAX_PERIODS baseline periods (2^24) */
	MONITOR_NO_ROOM,			/* the caller's buffer is too small for one more period */
	MONITOR_NO_PERIODS			/* no baseline period has answers: the baseline is NULL */
} MonitorStatus;

/* A short English sentence for a status, for the server's error messages. */
extern const char *monitor_status_message(MonitorStatus status);

typedef enum MonitorMetric
{
	MONITOR_NPS = 1,			/* p_P - p_D in points; per answer +100 / 0 / -100 */
	MONITOR_SHARE = 2,			/* top-k share in percent; per answer 100 / 0 */
	MONITOR_MEAN = 3			/* a rating mean, with the period's own variance */
} MonitorMetric;

typedef enum MonitorSignal
{
	MONITOR_SIGNAL_NONE = 0,
	MONITOR_SIGNAL_ABOVE = 1,
	MONITOR_SIGNAL_BELOW = 2
} MonitorSignal;

/* "none", "above", "below". */
extern const char *monitor_signal_label(MonitorSignal signal);

/*
 * One period, as the server derives it from the period's summary.
 *
 *	n			the effective number of answers: the count, or Kish's
 *				(Σw)² / Σw² for weighted answers.  0: an empty period.
 *	weight		the answers' weight: the count, or Σw.
 *	sum			the answers' values summed, weighted: 100 (P - D) for NPS
 *				(P, D the promoters' and detractors' counts or weights),
 *				100 × the top-k answers' weight for a share, Σ w r for a
 *				mean.  The period's value is sum / weight, the expression
 *				csm's metrics round once, so a period with the same value
 *				as the pooled centre has z = 0 exactly, and the centre of
 *				counts is the rolled-up metric to the last bit.
 *	variance	the per-answer variance at the period's own value, in the
 *				metric's units squared: the trinomial 10⁴ (p_P + p_D -
 *				(p_P - p_D)²) for NPS, the binomial 10⁴ p (1 - p) for
 *				shares, the sample variance for means.
 *
 * The constructors below fill it; an empty period (no answers, or n = 0)
 * comes out as all zeros.
 */
typedef struct MonitorPoint
{
	double		n;
	double		weight;
	double		sum;
	double		variance;
} MonitorPoint;

/* NPS from answer counts (or weight sums), n effective answers. */
extern MonitorPoint monitor_point_nps(NpsCounts counts, double n);

/* A share from hits out of total (counts or weight sums), n effective answers. */
extern MonitorPoint monitor_point_share(double hits, double total, double n);

/* A mean: sum = Σ w r over total = Σ w, the per-answer variance, n effective. */
extern MonitorPoint monitor_point_mean(double sum, double total, double variance, double n);

/* The range a value of the metric lies in: NPS -100..100, shares 0..100. */
extern void monitor_metric_range(MonitorMetric metric, double *lo, double *hi);

/*
 * The baseline aggregate's state: a flat, storable layout.  The header is
 * followed directly by `count` MonitorPoint records, the baseline's periods
 * with answers in the aggregate's order (empty periods are only counted).
 * All fields are 4 or 8 bytes and the header is 48 bytes, so the records
 * are 8-byte aligned wherever the header is.  The server keeps it in a
 * control_summary at an 8-byte aligned offset (after the summary's 8-byte
 * header and the state's 8-byte head, monitoring_codec.h), converts each
 * field to network order in send/recv, and runs monitor_baseline_check on
 * whatever it receives.
 *
 * The state keeps every period because the moving range needs their order
 * and the pooled centre, which is known only at the end.
 */
typedef struct MonitorBaselineState
{
	uint32_t	version;		/* MONITOR_BASELINE_VERSION */
	uint32_t	metric;			/* a MonitorMetric */
	uint32_t	count;			/* MonitorPoint records that follow */
	uint32_t	flags;			/* 0; reserved */
	uint64_t	empty;			/* periods seen with no answers */
	double		range_lo;		/* the metric's range, for clipping limits; */
	double		range_hi;		/* -inf / +inf for a mean on an unknown scale */
	double		reserved;		/* 0 */
} MonitorBaselineState;

#define MONITOR_BASELINE_VERSION 1
#define MONITOR_MAX_PERIODS (1u << 24)

/* The records after the header. */
#define MONITOR_BASELINE_PERIODS(state) \
	((MonitorPoint *) ((char *) (state) + sizeof(MonitorBaselineState)))

/* Bytes for a state of `count` periods: the header and the records. */
extern size_t monitor_baseline_size(uint32_t count);

/*
 * An empty state.  For MONITOR_MEAN, scale_lo and scale_hi are the rating
 * scale's bounds, or NaN when unknown (limits then go unclipped); other
 * metrics ignore them.  MONITOR_BAD_SCALE if scale_lo >= scale_hi.
 */
extern MonitorStatus monitor_baseline_init(MonitorBaselineState *state, MonitorMetric metric,
										   double scale_lo, double scale_hi);

/*
 * Appends one period.  `capacity` is the bytes the caller has at `state`;
 * it must hold monitor_baseline_size(state->count + 1) for a period with
 * answers (MONITOR_NO_ROOM otherwise, and nothing changes).  An empty period
 * (n = 0) is only counted.  MONITOR_BAD_POINT for a value off the metric's
 * range or a negative n, weight or variance.
 */
extern MonitorStatus monitor_baseline_append(MonitorBaselineState *state, size_t capacity,
											 const MonitorPoint *point);

/*
 * Checks a state read from outside (binary input, a stored value): version,
 * metric, the size against the count, every record.  `bytes` is the size of
 * the state without any varlena header.
 */
extern MonitorStatus monitor_baseline_check(const MonitorBaselineState *state, size_t bytes);

/*
 * The computed baseline, fixed size.
 *
 *	centre		Σ sum_t / Σ weight_t: the value over all the baseline's
 *				answers, as the metric of the periods' summaries rolled up.
 *	variance	per answer: for NPS and shares the pooled variance about the
 *				centre, Σ w_t (v_t + (x_t - centre)²) / Σ w_t (x_t the
 *				period's value, w_t its weight), which is the
 *				trinomial (binomial) variance at the pooled shares; for
 *				means the pooled within-period variance
 *				Σ (n_t - 1) v_t / Σ (n_t - 1) over periods with n_t > 1,
 *				NaN when there is none (no limits can be drawn then).
 *	sigma_z		Laney's: the mean moving range of the periods' z-scores
 *				z_t = (x_t - centre) / √(variance / n_t), in the baseline's
 *				order, over 1.128 (d2 for ranges of two); not sd(z), which a
 *				shift inside the baseline inflates by its whole size (see
 *				monitoring_model.c).  Empty periods are skipped: the periods
 *				either side of one make a moving range.  NaN with fewer
 *				than two periods or a variance that is 0 or unknown.
 *	periods		periods with answers; empty_periods those without.
 *	n			Σ n_t.
 */
typedef struct MonitorBaseline
{
	uint32_t	metric;
	uint32_t	flags;			/* 0 */
	double		centre;
	double		variance;
	double		sigma_z;
	double		range_lo;
	double		range_hi;
	double		n;
	int64_t		periods;
	int64_t		empty_periods;
} MonitorBaseline;

/*
 * Whether a computed or given baseline holds values in their domains: a
 * known metric and its range (a mean's scale in order), a finite centre
 * within the range, variance and sigma_z at least 0 and finite or NaN
 * (unknown).  monitor_limits and monitor_z check it themselves; a stored
 * chart state's baseline is checked with it.
 */
extern bool monitor_baseline_valid(const MonitorBaseline *baseline);

/* Computes the baseline of a checked state; MONITOR_NO_PERIODS if it has none. */
extern MonitorStatus monitor_baseline_compute(const MonitorBaselineState *state,
											  MonitorBaseline *baseline);

/*
 * A baseline the business sets: a centre and a per-answer standard
 * deviation sd (limits at centre ± L sd / √n_t).  sigma_z is Laney's factor
 * to use with it, or NaN for none.  For MONITOR_MEAN, scale_lo and scale_hi
 * as in monitor_baseline_init.  MONITOR_BAD_GIVEN for a centre off the
 * range, an sd not > 0 or a sigma_z not > 0.
 */
extern MonitorStatus monitor_baseline_given(MonitorMetric metric, double centre, double sd,
											double sigma_z, double scale_lo, double scale_hi,
											MonitorBaseline *baseline);

/*
 * Shewhart limits for one period: centre ± L √(variance / n_t), times
 * sigma_z for Laney's, clipped to the metric's range.  z = (x_t - centre) /
 * (the same standard error), and the signal is above when z > L, below when
 * z < -L (strictly, as qcc and qicharts2 compare; equivalently the value
 * against the unclipped limits).
 *
 * has_limits is false, and lower, upper and z are NaN with no signal, for
 * an empty period, a baseline whose variance is unknown, or Laney's method
 * on a baseline without sigma_z.  With a variance of 0 (every baseline
 * answer the same) the limits close on the centre and a value off it has
 * z = ±infinity, as a p chart with p̄ = 0 flags any defective.
 */
typedef struct MonitorLimits
{
	bool		has_limits;
	double		centre;
	double		lower;
	double		upper;
	double		z;
	MonitorSignal signal;
} MonitorLimits;

extern MonitorStatus monitor_limits(const MonitorBaseline *baseline, const MonitorPoint *point,
									double sigmas, bool laney, MonitorLimits *limits);

/*
 * The z-score the EWMA, CUSUM and run rules take: (x_t - centre) /
 * √(variance / n_t), times 1 / sigma_z when laney.  *has_z is false (and *z
 * NaN) when the period has none (see has_limits above): the running charts
 * then skip the period.  MONITOR_BAD_BASELINE, MONITOR_BAD_POINT as
 * monitor_limits.
 */
extern MonitorStatus monitor_z(const MonitorBaseline *baseline, const MonitorPoint *point,
							   bool laney, bool *has_z, double *z);

/*
 * The EWMA of the z-scores, a window aggregate's running state.
 * w_t = λ z_t + (1 - λ) w_{t-1}, w_0 = 0, over the periods with a z; its
 * exact limits ±L √(λ / (2 - λ) [1 - (1 - λ)^{2t}]), t counting those
 * periods.  The chart does not restart after a signal (qcc and most
 * textbooks): w carries on from where it is.
 *
 * A period without a z leaves w and t alone; its row carries the previous
 * EWMA and limits and has no signal.  An infinite z (a baseline without
 * variance) makes w infinite, and it stays so: the chart then signals on
 * every later period with a z, until an infinite z of the other sign.
 */
typedef struct MonitorEwmaState
{
	double		lambda;			/* fixed by the first row; 0 before */
	double		ewma;			/* w_t */
	int64_t		t;				/* periods with a z */
	int64_t		rows;			/* all periods */
	int32_t		current;		/* 1 if the latest period had a z */
	int32_t		reserved;
} MonitorEwmaState;

typedef struct MonitorEwmaResult
{
	bool		has_value;		/* some period so far had a z */
	double		ewma;
	double		lower;
	double		upper;
	MonitorSignal signal;		/* none on a period without a z */
} MonitorEwmaResult;

extern void monitor_ewma_init(MonitorEwmaState *state);

/* has_z false: an empty period.  MONITOR_BAD_LAMBDA, MONITOR_PARAMETER_CHANGED. */
extern MonitorStatus monitor_ewma_step(MonitorEwmaState *state, double lambda, bool has_z,
									   double z);

/* The row's result; MONITOR_BAD_SIGMAS. */
extern MonitorStatus monitor_ewma_result(const MonitorEwmaState *state, double sigmas,
										 MonitorEwmaResult *result);

/*
 * The two one-sided CUSUMs of the z-scores, run together:
 * C⁺_t = max(0, C⁺_{t-1} + z_t - k), C⁻_t = max(0, C⁻_{t-1} - z_t - k),
 * from 0.  Signal above when C⁺ > h, below when C⁻ > h; when both exceed h
 * the larger sum names the side (above on a tie).  No restart after a
 * signal, as qcc.  A period without a z leaves both sums alone and has no
 * signal.  An infinite z sets its own side's sum to infinity and the other
 * to 0.
 */
typedef struct MonitorCusumState
{
	double		k;				/* fixed by the first row; -1 before */
	double		upper_sum;		/* C⁺ */
	double		lower_sum;		/* C⁻ */
	int64_t		t;
	int64_t		rows;
	int32_t		current;
	int32_t		reserved;
} MonitorCusumState;

typedef struct MonitorCusumResult
{
	bool		has_value;
	double		upper_sum;
	double		lower_sum;
	MonitorSignal signal;
} MonitorCusumResult;

extern void monitor_cusum_init(MonitorCusumState *state);

/* MONITOR_BAD_K, MONITOR_PARAMETER_CHANGED. */
extern MonitorStatus monitor_cusum_step(MonitorCusumState *state, double k, bool has_z, double z);

/* MONITOR_BAD_H. */
extern MonitorStatus monitor_cusum_result(const MonitorCusumState *state, double h,
										  MonitorCusumResult *result);

/*
 * Run rules over the z-scores in order, as a running state.
 *
 * Anhøj's rules (qicharts2): the useful points are those off the centre
 * (z ≠ 0; a point on the centre neither breaks nor extends a run, and a
 * period without a z is not a point).  A run is a maximal sequence of
 * useful points on one side; a crossing is two consecutive useful points
 * on opposite sides.  The runs signal is
 *	longest run > round(log2(useful)) + 3  or  crossings < the 5% quantile
 *	of Binomial(useful - 1, 1/2),
 * judged on all points so far.  Western Electric rule 1: |z| > 3.
 */
typedef struct MonitorRunsState
{
	int64_t		useful;
	int64_t		crossings;
	int64_t		run;			/* the current run's length */
	int64_t		longest;
	int64_t		beyond;			/* points with |z| > 3 so far */
	int64_t		rows;
	int32_t		side;			/* +1 / -1: the current run's side; 0 before */
	int32_t		current;		/* the latest period: 0 none, 1 a point, 2 beyond 3 */
} MonitorRunsState;

typedef struct MonitorRunsResult
{
	bool		has_runs;		/* useful > 0: the Anhøj limits below are set */
	int64_t		useful;
	int64_t		longest_run;
	int64_t		longest_run_max;
	int64_t		crossings;
	int64_t		crossings_min;
	bool		runs_signal;
	bool		beyond_3sigma;	/* Western Electric rule 1 on the latest period */
	int64_t		beyond_count;
} MonitorRunsResult;

extern void monitor_runs_init(MonitorRunsState *state);
extern void monitor_runs_step(MonitorRunsState *state, bool has_z, double z);
extern void monitor_runs_result(const MonitorRunsState *state, MonitorRunsResult *result);

/*
 * Average run lengths of the two-sided charts as csm draws them, for a
 * shift of the mean of z by `shift` standard errors (0: in control).
 *
 * CUSUM: Brook & Evans's (1972) Markov chain for each one-sided CUSUM,
 * Richardson-extrapolated over two chain sizes (cells at most 0.05
 * standard errors wide), combined by 1/ARL = 1/ARL⁺ + 1/ARL⁻, which is
 * exact for C⁺ and C⁻ run together with k >= 0: while both are positive
 * their sum only falls, so when one crosses h the other is 0, and the
 * chart restarts as from 0 (Siegmund 1985).
 *
 * EWMA: the Markov chain of Lucas & Saccucci (1990) over the in-control
 * interval, Richardson-extrapolated likewise.  exact_limits: the
 * time-varying limits csm draws, the chain's in-control region narrowed at
 * each of the first periods until (1 - λ)^{2t} is negligible; otherwise the
 * asymptotic limits of the published tables.
 *
 * Accuracy: within 3e-4 (relative) of R's spc for run lengths up to 10^6,
 * and of the published tables to their last digit (test/monitoring).
 * Longer run lengths keep their order of magnitude and a few digits; one
 * beyond the range of a double is +infinity.  MONITOR_ARL_UNSUPPORTED for
 * λ below MONITOR_ARL_MIN_LAMBDA or h above MONITOR_ARL_MAX_H, where the
 * chains would need more states than the time allows (about 25 ms now).
 *
 * The caller passes a workspace of monitor_arl_workspace_size() bytes
 * (about 1.3 MB), which holds nothing between calls.
 */
#define MONITOR_ARL_MIN_LAMBDA 0.01
#define MONITOR_ARL_MAX_H 20.0
#define MONITOR_ARL_MAX_STATES 401

extern size_t monitor_arl_workspace_size(void);

extern MonitorStatus monitor_ewma_arl(double lambda, double sigmas, double shift,
									  bool exact_limits, void *workspace, double *arl);

extern MonitorStatus monitor_cusum_arl(double k, double h, double shift, void *workspace,
									   double *arl);

#endif							/* CSM_MONITORING_MODEL_H */
