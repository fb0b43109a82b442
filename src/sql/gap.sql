-- The gap models: gap_summary (sums behind the CSI weighted gap and the
-- SERVQUAL gap), servqual_summary (per item answers and sums of
-- perceptions and expectations), ACSI, rescaling and secure-customer
-- segments.  docs/metrics.md §4-5.  A template for src/sql/generate.

@since 1.1

-- ---- gap_summary: sums of P, E, P - E, (P - E)^2, w and w (P - E), double-double ----

-- sums behind the CSI weighted gap and SERVQUAL gap: {n:..,w:..,wg:..,g:..,gg:..,p:..,e:..}
SUMMARY gap_summary INITCOND '{n:0,w:0,wg:0,g:0,gg:0,p:0,e:0}';
OPERATORS gap_summary;

-- The per-row steps are costed as the formula they stand for: 4 calls
-- (docs/scaling.md, "Performance").

-- transition function of the unweighted gap aggregates
FUNCTION gap_accum(gap_summary, double precision, double precision) RETURNS gap_summary COST 4;
-- transition function of the weighted gap aggregates
FUNCTION gap_accum_weighted(gap_summary, double precision, double precision, double precision) RETURNS gap_summary COST 4;
-- moving-aggregate inverse of gap_accum
FUNCTION gap_retract(gap_summary, double precision, double precision) RETURNS gap_summary COST 4;
-- moving-aggregate inverse of gap_accum_weighted
FUNCTION gap_retract_weighted(gap_summary, double precision, double precision, double precision) RETURNS gap_summary COST 4;

-- importance-weighted gap sum w (P - E) / sum w; NULL when all weights are 0
FUNCTION gap_weighted(gap_summary) RETURNS double precision AS gap_summary_weighted;
-- unweighted mean gap P - E
FUNCTION gap_mean(gap_summary) RETURNS double precision AS gap_summary_mean;
-- mean perception
FUNCTION gap_perception_mean(gap_summary) RETURNS double precision AS gap_summary_perception_mean;
-- mean expectation
FUNCTION gap_expectation_mean(gap_summary) RETURNS double precision AS gap_summary_expectation_mean;
-- number of rows
FUNCTION gap_count(gap_summary) RETURNS bigint AS gap_summary_count;
-- sample standard deviation of P - E; NULL below 2 rows
FUNCTION gap_stddev(gap_summary) RETURNS double precision AS gap_summary_stddev;
-- Student-t interval of the mean gap; NULL below 2 rows
FUNCTION gap_ci(gap_summary, level double precision DEFAULT 0.95) RETURNS mean_interval AS gap_summary_ci;

-- sums for the gap models (weight 1 per row)
AGGREGATE gap_agg(perception double precision, expectation double precision) FROM gap_accum INVERSE gap_retract FINAL gap_summary_final;
-- sums for the gap models, with importance weights
AGGREGATE gap_agg(perception double precision, expectation double precision, weight double precision) FROM gap_accum_weighted INVERSE gap_retract_weighted FINAL gap_summary_final;
-- CSI weighted gap: sum w (P - E) / sum w
AGGREGATE csi_weighted_gap(perception double precision, expectation double precision, weight double precision) FROM gap_accum_weighted INVERSE gap_retract_weighted FINAL gap_weighted;
-- SERVQUAL gap: mean of P - E
AGGREGATE servqual_gap(perception double precision, expectation double precision) FROM gap_accum INVERSE gap_retract FINAL gap_mean;
-- weighted SERVQUAL gap: sum w (P - E) / sum w
AGGREGATE servqual_gap(perception double precision, expectation double precision, weight double precision) FROM gap_accum_weighted INVERSE gap_retract_weighted FINAL gap_weighted;

-- ---- servqual_summary: per item (1..22) answers and sums of P and E -------------

-- per SERVQUAL item: answers and sums of perceptions and expectations, {1:[3,15,18]}
SUMMARY servqual_summary INITCOND '{}';
OPERATORS servqual_summary;

CREATE TYPE @extschema@.servqual_scores AS (
	tangibles double precision, reliability double precision, responsiveness double precision,
	assurance double precision, empathy double precision,
	overall double precision,		-- mean of the five dimension scores
	weighted double precision,		-- from a 100-point importance allocation
	answers bigint
);
COMMENT ON TYPE @extschema@.servqual_scores IS
'SERVQUAL (gaps) or SERVPERF (perceptions): five dimension scores, their mean, the weighted score, answers';

-- transition function of the SERVQUAL aggregates
FUNCTION servqual_accum(servqual_summary, integer, double precision, double precision) RETURNS servqual_summary COST 5;
-- moving-aggregate inverse of servqual_accum
FUNCTION servqual_retract(servqual_summary, integer, double precision, double precision) RETURNS servqual_summary COST 5;

-- SERVQUAL dimension of an item: tangibles 1-4, reliability 5-9, responsiveness 10-13, assurance 14-17, empathy 18-22
FUNCTION servqual_dimension(item integer) RETURNS text;
-- 1988 wording: reverse-scores items 10-13 and 18-22 as (scale + 1) - score; other items unchanged
FUNCTION servqual_reverse(item integer, score double precision, scale integer DEFAULT 7) RETURNS double precision;
-- SERVQUAL gap scores per dimension and overall (mean of the five dimensions)
FUNCTION servqual(servqual_summary) RETURNS servqual_scores AS servqual_summary_scores;
-- SERVPERF: perception scores per dimension and overall
FUNCTION servperf(servqual_summary) RETURNS servqual_scores AS servperf_summary_scores;
@for NAME, WHAT in servqual, SERVQUAL gap scores | servperf, SERVPERF perception scores
-- {WHAT} with a weighted score from 100 importance points
FUNCTION {NAME}(servqual_summary, tangibles double precision, reliability double precision, responsiveness double precision, assurance double precision, empathy double precision) RETURNS servqual_scores AS {NAME}_summary_scores_weighted;
@end
-- final function of the one-step servqual(item, perception, expectation)
FUNCTION servqual_final(servqual_summary) RETURNS servqual_scores AS servqual_summary_scores;

-- per-item sums for SERVQUAL and SERVPERF
AGGREGATE servqual_agg(item integer, perception double precision, expectation double precision) FROM servqual_accum INVERSE servqual_retract FINAL servqual_summary_final;
-- SERVQUAL gap scores from item-level answers
AGGREGATE servqual(item integer, perception double precision, expectation double precision) FROM servqual_accum INVERSE servqual_retract FINAL servqual_final;

-- ---- ACSI, rescaling, secure customer index -----------------------------------------

-- ACSI 0-100 from the means of the three 1-10 items, equal weights
FUNCTION acsi(satisfaction double precision, expectancy double precision, ideal double precision) RETURNS double precision AS csm_acsi;
-- ACSI 0-100 from the means of the three 1-10 items with weights (normalised to sum 1)
FUNCTION acsi(satisfaction double precision, expectancy double precision, ideal double precision, w_satisfaction double precision, w_expectancy double precision, w_ideal double precision) RETURNS double precision AS csm_acsi_weighted;
-- a 1..scale answer or mean on 0..100: (x - 1) / (scale - 1) * 100
FUNCTION rescale_100(x double precision, scale integer) RETURNS double precision AS csm_rescale_100;
-- segment of a secure customer index 0..1: at risk below 0.7, neutral below 0.9, secure from 0.9
FUNCTION secure_customer_segment(sci double precision) RETURNS text AS csm_secure_customer_segment;
