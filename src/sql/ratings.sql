-- The ratings family: rating_summary (a histogram of ratings 0..10) and
-- weighted_rating_summary (per rating the answers and the exact sums of
-- their weights and squared weights), the metrics both give, and their
-- transition functions over score columns.  The aggregates over scores are
-- in scores.sql, the intervals in inference.sql.  docs/metrics.md §1-3, §8.
-- A template for src/sql/generate (its header describes the directives).

@since 1.0

-- histogram of integer ratings 0..10, e.g. {6:1,7:2,9:3}: the state of every ratings aggregate, storable and mergeable with rollup()
SUMMARY rating_summary INITCOND '{}';

@let SCORES = smallint, int2 | integer, int4 | bigint, int8 | numeric, numeric
	| double precision, float8

-- The transition functions carry the planner cost of the plain-SQL formula
-- they replace (three counts and two comparisons, about 5 built-in calls),
-- so that a csm query reaches JIT at the same table size as the formula
-- (docs/scaling.md, "Performance").
@for T, S in SCORES
-- transition function of the ratings aggregates over {T}: counts one score
FUNCTION rating_accum_{S}(rating_summary, {T}) RETURNS rating_summary COST 5;
-- inverse transition function of the ratings aggregates over {T} (window frames)
FUNCTION rating_retract_{S}(rating_summary, {T}) RETURNS rating_summary COST 5;
@end

@since 1.1

-- per rating 0..10: answers with a positive weight, sum of weights, sum of squared weights, e.g. {9:[3,2.5,2.25]}: the state of every weighted ratings aggregate, storable and mergeable with rollup()
SUMMARY weighted_rating_summary INITCOND '{}';

@for T, S in SCORES
-- transition function of the weighted ratings aggregates over {T}: adds one answer and its weight (strict: NULL skips the row; weight 0 skips it too)
FUNCTION weighted_rating_accum_{S}(weighted_rating_summary, {T}, double precision) RETURNS weighted_rating_summary COST 5;
-- inverse transition function of the weighted ratings aggregates over {T} (window frames); NULL (recompute the frame) when the sums may not be exact
FUNCTION weighted_rating_retract_{S}(weighted_rating_summary, {T}, double precision) RETURNS weighted_rating_summary COST 5;
@end

OPERATORS rating_summary DIFFERENCE;
OPERATORS weighted_rating_summary;

-- What 1.1 changes in the objects of 1.0: the transition functions' cost,
-- and comments on what SUMMARY makes (1.0 left the I/O functions without).
@upgrade
@for T, S in SCORES
ALTER FUNCTION @extschema@.rating_accum_{S}(@extschema@.rating_summary, {T}) COST 5;
ALTER FUNCTION @extschema@.rating_retract_{S}(@extschema@.rating_summary, {T}) COST 5;
@end
COMMENTS rating_summary;
@end

-- ---- the metrics of both summaries ------------------------------------------
-- The same functions on either type: on a weighted_rating_summary, shares
-- and means are weighted and counts are of answers.

@for STATE, W, SINCE in rating_summary, "", 1.0 | weighted_rating_summary, "weighted ", 1.1
@since {SINCE}
-- {W}Net Promoter Score in points (-100..100): {W}% promoters (9-10) minus {W}% detractors (0-6)
FUNCTION nps({STATE}) RETURNS double precision AS {STATE}_nps;
-- {W}Net Promoter Score with custom cut points: ratings <= detractor_max detract, <= passive_max are passive, the rest promote
FUNCTION nps({STATE}, detractor_max integer, passive_max integer) RETURNS double precision AS {STATE}_nps_cuts;
-- number of promoters (ratings 9-10)
FUNCTION promoters({STATE}) RETURNS bigint AS {STATE}_promoters;
-- number of passives (ratings 7-8)
FUNCTION passives({STATE}) RETURNS bigint AS {STATE}_passives;
-- number of detractors (ratings 0-6)
FUNCTION detractors({STATE}) RETURNS bigint AS {STATE}_detractors;
-- {W}percent of answers that are promoters (9-10)
FUNCTION promoter_pct({STATE}) RETURNS double precision AS {STATE}_promoter_pct;
-- {W}percent of answers that are passives (7-8)
FUNCTION passive_pct({STATE}) RETURNS double precision AS {STATE}_passive_pct;
-- {W}percent of answers that are detractors (0-6)
FUNCTION detractor_pct({STATE}) RETURNS double precision AS {STATE}_detractor_pct;
-- {W}CSAT top-2-box on a 1-5 scale: {W}percent of 4 and 5
FUNCTION csat_top2({STATE}) RETURNS double precision AS {STATE}_csat_top2;
-- {W}CSAT top-2-box on a 1..scale_max scale: {W}percent of the two highest points
FUNCTION csat_top2({STATE}, scale_max integer) RETURNS double precision AS {STATE}_csat_top2_scale;
-- {W}CSAT top-box on a 1-5 scale: {W}percent of 5
FUNCTION csat_topbox({STATE}) RETURNS double precision AS {STATE}_csat_topbox;
-- {W}CSAT top-box on a 1..scale_max scale: {W}percent of the highest point
FUNCTION csat_topbox({STATE}, scale_max integer) RETURNS double precision AS {STATE}_csat_topbox_scale;
-- {W}CSAT top-k-box on a 1..scale_max scale: {W}percent of the k highest points
FUNCTION csat_topk({STATE}, k integer, scale_max integer) RETURNS double precision AS {STATE}_csat_topk;
-- Customer Effort Score: {W}mean answer on the CES 2.0 1-7 scale
FUNCTION ces_avg({STATE}) RETURNS double precision AS {STATE}_ces_avg;
-- Customer Effort Score: {W}mean answer on a 1..scale_max scale (5 for CES 1.0)
FUNCTION ces_avg({STATE}, scale_max integer) RETURNS double precision AS {STATE}_ces_avg_scale;
-- {W}percent of "easy" CES answers: 'agreement' = CES 2.0, 5-7 of 1-7; 'effort' = CES 1.0, 1-2 of 1-5
FUNCTION ces_easy_pct({STATE}, orientation text) RETURNS double precision AS {STATE}_ces_easy_pct;
-- number of answers
FUNCTION rating_count({STATE}) RETURNS bigint AS {STATE}_count;
-- number of answers with the given rating (0..10)
FUNCTION rating_count({STATE}, rating integer) RETURNS bigint AS {STATE}_count_of;
-- {W}mean rating
FUNCTION rating_mean({STATE}) RETURNS double precision AS {STATE}_mean;
@end

@since 1.1

-- sum of the weights of the answers
FUNCTION weighted_total(weighted_rating_summary) RETURNS double precision AS weighted_rating_summary_weighted_total;
-- sum of the weights of the answers with the given rating (0..10)
FUNCTION weighted_total(weighted_rating_summary, rating integer) RETURNS double precision AS weighted_rating_summary_weighted_total_of;
-- Kish's effective sample size (sum of weights)^2 / sum of squared weights
FUNCTION effective_n(weighted_rating_summary) RETURNS double precision AS weighted_rating_summary_effective_n;
-- Kish's design effect of the weights: n * sum of squared weights / (sum of weights)^2
FUNCTION design_effect(weighted_rating_summary) RETURNS double precision AS weighted_rating_summary_design_effect;
