-- Monitoring over time (statistical process control): baselines of
-- reference periods, Shewhart and Laney limits per period, EWMA and CUSUM
-- charts and run rules as window aggregates over the periods, and the
-- average run lengths that choose their parameters.  Every period is a
-- rating_summary or a weighted_rating_summary (Kish's effective n).
-- docs/metrics.md §11.  A template for src/sql/generate.

@since 1.2

-- the state of every monitoring aggregate (a baseline's periods, a running EWMA, CUSUM or run-rule state), storable; {} before the first row
STATE control_summary INITCOND '{}';
OPERATORS control_summary EQUALITY;

CREATE TYPE @extschema@.control_baseline AS (
	metric text,					-- 'nps', 'share' or 'mean'
	centre double precision,		-- pooled value: NPS points, % for shares, scale units for means
	variance double precision,		-- per answer, in the metric's units squared; NULL when unknown
	sigma_z double precision,		-- Laney's: mean moving range of the periods' z / 1.128
	periods bigint,					-- periods with answers
	empty_periods bigint,			-- periods without
	answers double precision,		-- effective answers over all periods
	k integer,						-- a share's top k boxes
	scale_max integer				-- a share's scale, a mean's (NULL: none)
);
COMMENT ON TYPE @extschema@.control_baseline IS
'a control chart''s baseline: metric, pooled centre, per-answer variance, Laney''s sigma_z, periods, empty periods, answers, and how a period is read (k, scale_max)';

CREATE TYPE @extschema@.control_point AS (
	value double precision,			-- the period's value, as the baseline reads it
	centre double precision,
	lower double precision,			-- limits at the period's own n, clipped to the metric's range
	upper double precision,
	z double precision,				-- (value - centre) / standard error at the period's n
	signal text						-- 'above', 'below' or 'none'
);
COMMENT ON TYPE @extschema@.control_point IS
'one period on a Shewhart (or Laney) chart: value, centre, lower and upper limits, z, signal';

CREATE TYPE @extschema@.ewma_point AS (
	ewma double precision,			-- EWMA of the periods' z, in standard errors
	lower double precision,			-- exact time-varying limits
	upper double precision,
	signal text
);
COMMENT ON TYPE @extschema@.ewma_point IS
'one period on an EWMA chart of the z-scores: EWMA, its exact lower and upper limits, signal';

CREATE TYPE @extschema@.cusum_point AS (
	upper_sum double precision,		-- C+ in standard errors
	lower_sum double precision,		-- C- in standard errors
	signal text
);
COMMENT ON TYPE @extschema@.cusum_point IS
'one period on a two-sided CUSUM chart of the z-scores: C+, C-, signal';

CREATE TYPE @extschema@.run_rules_point AS (
	useful bigint,					-- points off the centre so far
	longest_run bigint,
	longest_run_max bigint,			-- round(log2(useful)) + 3
	crossings bigint,
	crossings_min bigint,			-- 5% quantile of Binomial(useful - 1, 1/2)
	longest_run_signal boolean,
	crossings_signal boolean,
	runs_signal boolean,			-- either of Anhøj's rules
	rule1 text,						-- Western Electric rule 1 on this period: 'above', 'below', 'none'
	rule1_count bigint				-- periods beyond 3 sigma so far
);
COMMENT ON TYPE @extschema@.run_rules_point IS
'Anhøj''s run rules over the periods so far (useful points, longest run and its limit, crossings and their limit, the signals) and Western Electric rule 1';

-- ---- baselines ------------------------------------------------------------------

-- The per-period steps read a summary and append one record, or update a
-- running chart: about as much work as ten built-in calls.

@for STATE, W in rating_summary, "" | weighted_rating_summary, _weighted
-- transition function of nps_baseline over {STATE} periods (NULL: a period without answers)
FUNCTION control_nps_baseline_step(control_summary, {STATE}) RETURNS control_summary AS control_nps_baseline_step{W} CALLED ON NULL INPUT COST 10;
-- transition function of share_baseline over {STATE} periods: the top k boxes of 1..scale_max
FUNCTION control_share_baseline_step(control_summary, {STATE}) RETURNS control_summary AS control_share_baseline_step{W} CALLED ON NULL INPUT COST 10;
-- transition function of share_baseline over {STATE} periods: the top k boxes of 1..scale_max
FUNCTION control_share_baseline_step(control_summary, {STATE}, integer) RETURNS control_summary AS control_share_baseline_step{W} CALLED ON NULL INPUT COST 10;
-- transition function of share_baseline over {STATE} periods: the top k boxes of 1..scale_max
FUNCTION control_share_baseline_step(control_summary, {STATE}, integer, integer) RETURNS control_summary AS control_share_baseline_step{W} CALLED ON NULL INPUT COST 10;
-- transition function of mean_baseline over {STATE} periods
FUNCTION control_mean_baseline_step(control_summary, {STATE}) RETURNS control_summary AS control_mean_baseline_step{W} CALLED ON NULL INPUT COST 10;
-- transition function of mean_baseline over {STATE} periods on a 1..scale_max scale
FUNCTION control_mean_baseline_step(control_summary, {STATE}, integer) RETURNS control_summary AS control_mean_baseline_step{W} CALLED ON NULL INPUT COST 10;
@end

-- final function of the baselines: NULL when no period has answers
FUNCTION control_baseline_final(control_summary) RETURNS control_baseline;

@for STATE, W in rating_summary, "" | weighted_rating_summary, "weighted "
-- NPS baseline of the {W}periods in order (ORDER BY period): pooled NPS, trinomial variance per answer, Laney's sigma_z
AGGREGATE nps_baseline(s {STATE}) FROM control_nps_baseline_step FINAL control_baseline_final ORDERED;
-- baseline of the {W}top-2-box share (%) of 1-5 answers over the periods in order
AGGREGATE share_baseline(s {STATE}) FROM control_share_baseline_step FINAL control_baseline_final ORDERED;
-- baseline of the {W}top-k-box share (%) of 1-5 answers over the periods in order
AGGREGATE share_baseline(s {STATE}, k integer) FROM control_share_baseline_step FINAL control_baseline_final ORDERED;
-- baseline of the {W}top-k-box share (%) of 1..scale_max answers over the periods in order, as csat_topk reads them
AGGREGATE share_baseline(s {STATE}, k integer, scale_max integer) FROM control_share_baseline_step FINAL control_baseline_final ORDERED;
-- baseline of the {W}mean rating over the periods in order: pooled mean, pooled within-period variance, Laney's sigma_z
AGGREGATE mean_baseline(s {STATE}) FROM control_mean_baseline_step FINAL control_baseline_final ORDERED;
-- baseline of the {W}mean rating on a 1..scale_max scale (limits clipped to it) over the periods in order
AGGREGATE mean_baseline(s {STATE}, scale_max integer) FROM control_mean_baseline_step FINAL control_baseline_final ORDERED;
@end

-- a baseline a business sets: centre in the metric's units and sd per answer (limits centre +- L sd / sqrt(n)); k and scale_max read a share (default 2 of 5) or a mean's scale
FUNCTION control_baseline(metric text, centre double precision, sd double precision, sigma_z double precision DEFAULT NULL, k integer DEFAULT NULL, scale_max integer DEFAULT NULL) RETURNS control_baseline AS control_baseline_given CALLED ON NULL INPUT;

-- ---- limits per period -------------------------------------------------------------

@for STATE, W in rating_summary, "" | weighted_rating_summary, "weighted "
-- the {W}period on a control chart: limits centre +- sigmas standard errors at its own n ('shewhart'), times sigma_z for 'laney' (p' and NPS'), clipped to the metric's range; z and signal
FUNCTION control_limits(s {STATE}, baseline control_baseline, sigmas double precision DEFAULT 3, method text DEFAULT 'shewhart') RETURNS control_point AS {STATE}_control_limits;
@end

-- ---- running charts: window aggregates over the periods ---------------------------------

@for STATE, W in rating_summary, "" | weighted_rating_summary, _weighted
-- transition function of ewma_chart over {STATE} periods
FUNCTION control_ewma_step(control_summary, {STATE}, control_baseline) RETURNS control_summary AS control_ewma_step{W} CALLED ON NULL INPUT COST 10;
-- transition function of ewma_chart over {STATE} periods
FUNCTION control_ewma_step(control_summary, {STATE}, control_baseline, double precision) RETURNS control_summary AS control_ewma_step{W} CALLED ON NULL INPUT COST 10;
-- transition function of ewma_chart over {STATE} periods
FUNCTION control_ewma_step(control_summary, {STATE}, control_baseline, double precision, double precision) RETURNS control_summary AS control_ewma_step{W} CALLED ON NULL INPUT COST 10;
-- transition function of ewma_chart over {STATE} periods
FUNCTION control_ewma_step(control_summary, {STATE}, control_baseline, double precision, double precision, text) RETURNS control_summary AS control_ewma_step{W} CALLED ON NULL INPUT COST 10;
-- transition function of cusum_chart over {STATE} periods
FUNCTION control_cusum_step(control_summary, {STATE}, control_baseline) RETURNS control_summary AS control_cusum_step{W} CALLED ON NULL INPUT COST 10;
-- transition function of cusum_chart over {STATE} periods
FUNCTION control_cusum_step(control_summary, {STATE}, control_baseline, double precision) RETURNS control_summary AS control_cusum_step{W} CALLED ON NULL INPUT COST 10;
-- transition function of cusum_chart over {STATE} periods
FUNCTION control_cusum_step(control_summary, {STATE}, control_baseline, double precision, double precision) RETURNS control_summary AS control_cusum_step{W} CALLED ON NULL INPUT COST 10;
-- transition function of cusum_chart over {STATE} periods
FUNCTION control_cusum_step(control_summary, {STATE}, control_baseline, double precision, double precision, text) RETURNS control_summary AS control_cusum_step{W} CALLED ON NULL INPUT COST 10;
-- transition function of run_rules over {STATE} periods
FUNCTION control_runs_step(control_summary, {STATE}, control_baseline) RETURNS control_summary AS control_runs_step{W} CALLED ON NULL INPUT COST 10;
-- transition function of run_rules over {STATE} periods
FUNCTION control_runs_step(control_summary, {STATE}, control_baseline, text) RETURNS control_summary AS control_runs_step{W} CALLED ON NULL INPUT COST 10;
@end
-- transition function of run_rules over given z-scores (NULL or NaN: a period without one)
FUNCTION control_runs_z_step(control_summary, double precision) RETURNS control_summary CALLED ON NULL INPUT COST 5;

-- final function of ewma_chart: NULL when the baseline or a parameter is NULL
FUNCTION control_ewma_final(control_summary) RETURNS ewma_point;
-- final function of cusum_chart: NULL when the baseline or a parameter is NULL
FUNCTION control_cusum_final(control_summary) RETURNS cusum_point;
-- final function of run_rules: NULL when the baseline or method is NULL
FUNCTION control_runs_final(control_summary) RETURNS run_rules_point;

@for STATE, W in rating_summary, "" | weighted_rating_summary, "weighted "
-- EWMA chart of the {W}periods' z-scores (OVER (ORDER BY period)): lambda 0.2, limits at 3 sigma, exact time-varying
AGGREGATE ewma_chart(s {STATE}, baseline control_baseline) FROM control_ewma_step FINAL control_ewma_final ORDERED;
-- EWMA chart of the {W}periods' z-scores with smoothing lambda in (0, 1], limits at 3 sigma
AGGREGATE ewma_chart(s {STATE}, baseline control_baseline, lambda double precision) FROM control_ewma_step FINAL control_ewma_final ORDERED;
-- EWMA chart of the {W}periods' z-scores with smoothing lambda, limits at sigmas
AGGREGATE ewma_chart(s {STATE}, baseline control_baseline, lambda double precision, sigmas double precision) FROM control_ewma_step FINAL control_ewma_final ORDERED;
-- EWMA chart of the {W}periods' z-scores with smoothing lambda, limits at sigmas, z by method 'shewhart' or 'laney'
AGGREGATE ewma_chart(s {STATE}, baseline control_baseline, lambda double precision, sigmas double precision, method text) FROM control_ewma_step FINAL control_ewma_final ORDERED;
-- two-sided CUSUM of the {W}periods' z-scores (OVER (ORDER BY period)): k 0.5, h 5
AGGREGATE cusum_chart(s {STATE}, baseline control_baseline) FROM control_cusum_step FINAL control_cusum_final ORDERED;
-- two-sided CUSUM of the {W}periods' z-scores with reference value k >= 0, h 5
AGGREGATE cusum_chart(s {STATE}, baseline control_baseline, k double precision) FROM control_cusum_step FINAL control_cusum_final ORDERED;
-- two-sided CUSUM of the {W}periods' z-scores with reference value k and decision interval h > 0
AGGREGATE cusum_chart(s {STATE}, baseline control_baseline, k double precision, h double precision) FROM control_cusum_step FINAL control_cusum_final ORDERED;
-- two-sided CUSUM of the {W}periods' z-scores with k and h, z by method 'shewhart' or 'laney'
AGGREGATE cusum_chart(s {STATE}, baseline control_baseline, k double precision, h double precision, method text) FROM control_cusum_step FINAL control_cusum_final ORDERED;
-- Anhøj's run rules and Western Electric rule 1 over the {W}periods' z-scores (OVER (ORDER BY period))
AGGREGATE run_rules(s {STATE}, baseline control_baseline) FROM control_runs_step FINAL control_runs_final ORDERED;
-- Anhøj's run rules and Western Electric rule 1 over the {W}periods' z-scores by method 'shewhart' or 'laney'
AGGREGATE run_rules(s {STATE}, baseline control_baseline, method text) FROM control_runs_step FINAL control_runs_final ORDERED;
@end
-- Anhøj's run rules and Western Electric rule 1 over given z-scores in order (NULL: a period without one)
AGGREGATE run_rules(z double precision) FROM control_runs_z_step FINAL control_runs_final ORDERED;

-- ---- design: average run lengths ------------------------------------------------------------

-- average run length of the two-sided EWMA chart (lambda, limits at sigmas) for a shift of the mean in standard errors; limits 'exact' as ewma_chart draws them or 'asymptotic' as the published tables
FUNCTION ewma_arl(lambda double precision, sigmas double precision, shift double precision DEFAULT 0, limits text DEFAULT 'exact') RETURNS double precision AS control_ewma_arl;
-- average run length of the two-sided CUSUM chart (k, h) for a shift of the mean in standard errors
FUNCTION cusum_arl(k double precision, h double precision, shift double precision DEFAULT 0) RETURNS double precision AS control_cusum_arl;
