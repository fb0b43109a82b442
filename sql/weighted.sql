-- Weighted ratings (issue 14): the weighted_rating_summary type, its
-- aggregates and accessors, the bad-input rules and the edge cases.
-- Definitions: docs/metrics.md §8.  Expected values are computed by hand
-- from the definitions (the arithmetic is in the comments) or, where a
-- comment says so, with exact fractions in Python.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS csm;
RESET client_min_messages;

-- The type: rating:[answers, sum of weights, sum of squared weights].
SELECT '{9:[3,2.5,2.25],10:[1,1,1]}'::weighted_rating_summary;
SELECT '{}'::weighted_rating_summary, ' { 0 : [ 1 , 0.5 , 0.25 ] } '::weighted_rating_summary;
-- A double-double sum that no float8 holds reads back exactly; the binary
-- form is a version byte and 11 cells of a count and two pairs of float8.
SELECT s::text::weighted_rating_summary = s AS text_round_trip, s,
       octet_length(weighted_rating_summary_send(s)) AS binary_bytes
FROM (SELECT '{3:[2,0.30000000000000004-2.7755575615628914e-17,0.05],10:[1,1e100,1e200]}'::weighted_rating_summary AS s) x;

-- Rejected text: each line names what is wrong.
SELECT '{11:[1,1,1]}'::weighted_rating_summary;
SELECT '{9:[0,1,1]}'::weighted_rating_summary;
SELECT '{9:[1,-1,1]}'::weighted_rating_summary;
-- one answer of weight 1 has Σw² = 1, not 2 (Σw² <= (Σw)²)
SELECT '{9:[1,1,2]}'::weighted_rating_summary;
-- two answers summing to 1 have Σw² >= 1/2 ((Σw)²/n <= Σw²)
SELECT '{9:[2,1,0.4]}'::weighted_rating_summary;
SELECT '{9:[1,1,1],9:[1,1,1]}'::weighted_rating_summary;
SELECT '{9:[1,inf,1]}'::weighted_rating_summary;
SELECT '{9:[1,1]}'::weighted_rating_summary;
SELECT '{9:1}'::weighted_rating_summary;

-- Example A (NPS), by hand.  Ratings and weights: 10 (2), 9 (2), 7 (1),
-- 6 (2), 2 (1).  Σw = 8; promoters weigh 4, passives 1, detractors 3.
-- NPS = 100 (4 - 3) / 8 = 12.5; promoters 50%, passives 12.5%, detractors
-- 37.5%.  Σw² = 4 + 4 + 1 + 4 + 1 = 14: Kish's effective n = 8² / 14 =
-- 32/7 = 4.571428..., design effect 5 · 14 / 64 = 35/32 = 1.09375.
-- Weighted mean rating (20 + 18 + 7 + 12 + 2) / 8 = 59/8 = 7.375.
CREATE TABLE wa (id int, score int, w float8);
INSERT INTO a VALUES (1, 10, 2), (2, 9, 2), (3, 7, 1), (4, 6, 2), (5, 2, 1);
SELECT rating_agg(score, w), nps(score, w) FROM wa;
SELECT nps(s), promoters(s), passives(s), detractors(s), promoter_pct(s), passive_pct(s),
       detractor_pct(s), rating_count(s), rating_count(s, 9), weighted_total(s),
       weighted_total(s, 6), effective_n(s), design_effect(s), rating_mean(s)
FROM (SELECT rating_agg(score, w) AS s FROM wa) x;
-- Custom cut points 0-4 / 5-7 / 8-10: promoters 2 + 2 = 4, detractors 1: 100 (4 - 1) / 8 = 37.5.
SELECT nps(rating_agg(score, w), 4, 7) FROM wa;

-- Every score type, one transition state for several metrics.
SELECT nps(score::smallint, w), nps(score::bigint, w), nps(score::numeric, w), nps(score::float8, w),
       nps(score, w::real) FROM wa;

-- Example B (CSAT, CES), by hand.  CSAT 1-5 with weights: 5 (3), 4 (1),
-- 4 (1), 3 (2), 1 (1).  Σw = 8; top-2 (4, 5) weighs 5: 62.5%; top-box (5)
-- weighs 3: 37.5%.  As a 1-7 CES 2.0 answer, "easy" (5-7) is 5 alone:
-- 37.5%; the mean is (15 + 8 + 6 + 1) / 8 = 3.75.
CREATE TABLE wb (score int, w float8);
INSERT INTO b VALUES (5, 3), (4, 1), (4, 1), (3, 2), (1, 1);
SELECT csat_top2(score, w), csat_topbox(score, w), ces_avg(score, w) FROM wb;
SELECT csat_top2(s), csat_top2(s, 7), csat_topbox(s), csat_topbox(s, 7), csat_topk(s, 3, 5),
       ces_avg(s), ces_avg(s, 5), ces_easy_pct(s, 'agreement'), ces_easy_pct(s, 'effort')
FROM (SELECT rating_agg(score, w) AS s FROM wb) x;
-- top-3 of 1-5 is 3..5: 3 + 1 + 1 + 2 = 7 of 8 = 87.5%; CES 1.0 easy (1-2): 1 of 8 = 12.5%.
-- The scale checks read the answers, as for rating_summary.
SELECT csat_top2(rating_agg(score, w)) FROM (VALUES (6, 1.0)) v(score, w);

-- Bad input.  NULL weights and scores skip the row; weight 0 skips it too,
-- so n counts answers with a positive weight.
SELECT rating_agg(score, w), rating_count(rating_agg(score, w))
FROM (VALUES (9, 1.0), (9, NULL), (NULL, 2.0), (3, 0.0), (3, -0.0), (10, 0.5)) v(score, w);
-- Σw = 0 (no answer has a positive weight): NULL metrics, NULL summary.
SELECT nps(score, w), csat_top2(score, w), ces_avg(score, w), rating_agg(score, w) IS NULL AS no_summary
FROM (VALUES (9, 0.0), (1, 0.0)) v(score, w);
SELECT nps(s), weighted_total(s), effective_n(s), design_effect(s), rating_count(s)
FROM (SELECT '{}'::weighted_rating_summary AS s) x;
-- A negative, NaN, infinite or out-of-range weight is an error naming it.
SELECT nps(9, -1.0);
SELECT nps(9, 'NaN'::float8);
SELECT nps(9, 'Infinity'::float8);
SELECT nps(9, 1e200);
SELECT nps(9, 1e-200);
-- Scores are checked as for the unweighted aggregates.
SELECT nps(11, 1.0);
SELECT nps(9.5, 1.0);

-- A single answer: the metrics exist, the weights' figures are 1.
SELECT nps(s), csat_top2(s, 10), effective_n(s), design_effect(s), rating_count(s)
FROM (SELECT rating_agg(10, 2.5) AS s) x;

-- One huge weight: a promoter of weight 1e6 and nine detractors of weight
-- 1.  NPS = 100 (1e6 - 9) / (1e6 + 9) = 99.998200016199854...; Kish's
-- effective n (1e6 + 9)² / (1e12 + 9) = 1.0000180000719998..., design
-- effect 10 / that = 9.99982000251997... (exact fractions, rounded).
SELECT round(nps(s)::numeric, 12) AS nps, round(effective_n(s)::numeric, 12) AS effective_n,
       round(design_effect(s)::numeric, 12) AS design_effect
FROM (SELECT rating_agg(score, w) AS s
      FROM (SELECT 10, 1e6::float8 UNION ALL SELECT 2, 1 FROM generate_series(1, 9)) v(score, w)) x;

-- Weights summing past 2^53: three answers of weight 2^53 (promoter,
-- promoter, detractor) and a passive of weight 1.  Σw = 3 · 2^53 + 1 =
-- 27021597764222977, which no float8 holds; the summary keeps it exactly
-- (2.7021597764222976e16 + 1).  NPS = 100 · 2^53 / (3 · 2^53 + 1), which
-- rounds to 33.33333333333333; the float8 formula loses the 1 and gives
-- 100/3 = 33.333333333333336.
CREATE TABLE big_weights (score int, w float8);
INSERT INTO big_weights VALUES (10, 2^53), (9, 2^53), (0, 2^53), (8, 1);
SELECT rating_agg(score, w), nps(score, w),
       100 * (sum(w) FILTER (WHERE score >= 9) - sum(w) FILTER (WHERE score <= 6)) / sum(w) AS float8_formula
FROM big_weights;
SELECT nps(score, w) = (900719925474099200::numeric / 27021597764222977)::float8 AS nps_exact,
       weighted_total(rating_agg(score, w)) AS weighted_total
FROM big_weights;

-- Operators: + merges (the sums add exactly), = compares answers and sums.
SELECT s1 + s2 AS merged, (s1 + s2) = s12 AS merge_is_aggregate, s1 = s1 AS eq, s1 <> s2 AS ne
FROM (SELECT rating_agg(score, w) FILTER (WHERE id <= 2) AS s1,
             rating_agg(score, w) FILTER (WHERE id > 2) AS s2,
             rating_agg(score, w) AS s12 FROM wa) x;
-- rollup of stored summaries is the summary of all their answers.
SELECT rollup(s) = (SELECT rating_agg(score, w) FROM wa) AS rollup_equal, nps(rollup(s))
FROM (SELECT rating_agg(score, w) AS s FROM wa GROUP BY id % 2) x;
-- Equality ignores how a double-double is written.
SELECT '{9:[1,0.1,0.010000000000000002]}'::weighted_rating_summary
     = '{9:[1,0.1,0.010000000000000002+0]}'::weighted_rating_summary AS same;

-- jsonb for reporting tools: example A.
SELECT rating_agg(score, w)::jsonb FROM wa;

DROP TABLE wa, wb, big_weights;

-- Consistency rules (issue 24; docs/guarantees.md).  Besides
-- (sum of weights)^2 / n <= sum of squared weights <= (sum of weights)^2,
-- every weight lies from 1e-140 to 1e140: one answer cannot carry a weight
-- of 1e150, nor two answers a sum of weights of 1e-150 (Cauchy-Schwarz
-- alone would allow both).
SELECT '{9:[1,1e150,1e300]}'::weighted_rating_summary;
SELECT '{9:[2,1e-150,6e-301]}'::weighted_rating_summary;
-- The extremes themselves are valid.
SELECT weighted_total('{0:[2,2e-140,2e-280],10:[1,1e140,1e280]}'::weighted_rating_summary, 0) AS smallest,
       weighted_total('{0:[2,2e-140,2e-280],10:[1,1e140,1e280]}'::weighted_rating_summary, 10) AS largest;
