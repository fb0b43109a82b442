-- Gap models (issue 4).  Expected values: the reference's worked examples
-- (docs/metrics.md §4, §5 and §9), hand calculations
-- noted beside each query, and numeric (exact decimal) recomputations.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS csm;
RESET client_min_messages;
SET extra_float_digits = 0;

-- CSI weighted gap = sum w (P - E) / sum w.  By hand: gaps -1, -2, +1 with
-- weights 50, 30, 20 points: (-50 - 60 + 20) / 100 = -0.9; unweighted mean
-- gap -2/3.  Raw points and weights summing to 1 give the same answer.
CREATE TEMP TABLE attrs (p float8, e float8, w float8, w1 float8);
INSERT INTO attrs VALUES (5, 6, 50, 0.5), (4, 6, 30, 0.3), (6, 5, 20, 0.2);
SELECT round(csi_weighted_gap(p, e, w)::numeric, 12) AS points,
       round(csi_weighted_gap(p, e, w1)::numeric, 12) AS fractions,
       round(servqual_gap(p, e)::numeric, 12) AS unweighted,
       round(servqual_gap(p, e, w)::numeric, 12) AS weighted_form
FROM attrs;
-- NULLs are skipped; all-zero weights give NULL; no rows give NULL.
SELECT csi_weighted_gap(p, e, w) FROM (VALUES (5, 6, NULL), (NULL, 6, 1), (4, 6, 1)) v(p, e, w);
SELECT csi_weighted_gap(p, e, 0) IS NULL AS zero_weights, servqual_gap(p, e) AS unweighted
FROM attrs;
SELECT csi_weighted_gap(p, e, w) IS NULL AS no_rows FROM attrs WHERE false;

-- The summary and its accessors.  Gaps -1, -2, 1: mean -0.666667, sd
-- sqrt(42/9/2) = 1.527525, t(2, 0.975) = 4.302653, se 0.881917,
-- interval -0.666667 -/+ 3.794584 = [-4.461250, 3.127916] (scipy);
-- mean P 5, mean E 5.666667.
CREATE TEMP TABLE g AS SELECT gap_agg(p, e, w) AS s FROM attrs;
SELECT gap_count(s), round(gap_weighted(s)::numeric, 6) AS weighted, round(gap_mean(s)::numeric, 6) AS mean,
       gap_perception_mean(s) AS p, round(gap_expectation_mean(s)::numeric, 6) AS e,
       round(gap_stddev(s)::numeric, 6) AS sd
FROM g;
SELECT round(estimate::numeric, 6) AS mean, round(lower::numeric, 6) AS lower,
       round(upper::numeric, 6) AS upper, round(se::numeric, 6) AS se, df
FROM g, gap_ci(s);
SELECT gap_ci(gap_agg(5, 6)) IS NULL AS one_row;

-- Accuracy.  1e16, 1, -1e16 repeated: the exact mean of P - E is 1/3,
-- which float8 summation loses entirely.
CREATE TEMP TABLE adversarial AS
SELECT (ARRAY[1e16, 1, -1e16])[1 + i % 3]::float8 AS p, 0::float8 AS e, 1::float8 AS w
FROM generate_series(0, 2999) i;
SELECT servqual_gap(p, e) AS csm, sum(p - e) / count(*) AS float8_sum,
       round(csi_weighted_gap(p, e, w)::numeric, 15) AS weighted
FROM adversarial;
-- 200,000 rows with decimal scores and weights: csm agrees with an
-- exact numeric computation to 1e-13 relative.
CREATE TABLE million AS
SELECT (1 + (i * 7919) % 61 / 10.0)::numeric AS p, (1 + (i * 104729) % 61 / 10.0)::numeric AS e,
       ((i * 31) % 97 / 7.0)::numeric(20, 10) AS w
FROM generate_series(1::bigint, 200000) i;
ANALYZE million;
SELECT abs(csi_weighted_gap(p::float8, e::float8, w::float8) - x.exact) <= 1e-13 * abs(x.exact) AS weighted_ok,
       abs(servqual_gap(p::float8, e::float8) - x.mean) <= 1e-13 * abs(x.mean) AS mean_ok,
       abs(gap_stddev(gap_agg(p::float8, e::float8)) - x.sd) <= 1e-12 * x.sd AS sd_ok
FROM million, (SELECT sum(w * (p - e)) / sum(w) AS exact, avg(p - e) AS mean, stddev_samp(p - e) AS sd
               FROM million) x
GROUP BY x.exact, x.mean, x.sd;

-- Two steps: rollup of parts = the whole; + merges.
-- (Parts and whole are chosen by values, not LIMIT, so every plan reads the
-- same rows.)
CREATE TEMP TABLE parts AS
SELECT (p * 10)::int % 5 AS part, gap_agg(p::float8, e::float8, w::float8) AS s
FROM million WHERE w < 5 GROUP BY 1;
SELECT gap_weighted(rollup(s)) = (SELECT csi_weighted_gap(p::float8, e::float8, w::float8) FROM million WHERE w < 5)
       AS rollup_equals_whole,
       gap_mean(rollup(s)) = (SELECT servqual_gap(p::float8, e::float8) FROM million WHERE w < 5) AS mean_equal,
       gap_count(rollup(s)) = (SELECT count(*) FROM million WHERE w < 5) AS n_equal
FROM parts;
SELECT gap_count((SELECT s FROM parts WHERE part = 0) + (SELECT s FROM parts WHERE part = 1))
     = (SELECT sum(gap_count(s)) FROM parts WHERE part IN (0, 1)) AS plus_merges;
-- Merging checks each sum on its own: perceptions and expectations of
-- 1e308 are finite sums, though their high parts added together would
-- overflow (a merge once added them and raised a false "sum out of range").
-- Mean perception 1e308 / 2, mean gap 0.
SELECT gap_count(a + b) AS n, gap_perception_mean(a + b) AS p, gap_mean(a + b) AS gap
FROM (SELECT gap_agg(1e308, 1e308) AS a, gap_agg(0, 0) AS b) x;
SELECT gap_count(rollup(s)) AS n, gap_expectation_mean(rollup(s)) AS e
FROM (SELECT gap_agg(1e308, 1e308) UNION ALL SELECT gap_agg(0, 0)) v(s);

-- Window frames: the moving aggregate equals a recomputation.
SELECT bool_and(abs(moving - (SELECT servqual_gap(j * 0.1, 3.0) FROM generate_series(greatest(1, i - 9), i) j)) < 1e-12)
       AS moving_equals_recomputed
FROM (SELECT i, servqual_gap(i * 0.1, 3.0) OVER (ORDER BY i ROWS 9 PRECEDING) AS moving
      FROM generate_series(1, 200) i) t;

-- Parallel plans give the serial answer.
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0; SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT csi_weighted_gap(p::float8, e::float8, w::float8) FROM million;
CREATE TEMP TABLE par AS SELECT csi_weighted_gap(p::float8, e::float8, w::float8) AS x, servqual_gap(p::float8, e::float8) AS y FROM million;
RESET max_parallel_workers_per_gather;
SET max_parallel_workers_per_gather = 0;
SELECT abs(par.x - s.x) <= 1e-15 * abs(s.x) AS weighted_equal, abs(par.y - s.y) <= 1e-15 * abs(s.y) AS mean_equal
FROM par, (SELECT csi_weighted_gap(p::float8, e::float8, w::float8) AS x, servqual_gap(p::float8, e::float8) AS y FROM million) s;
RESET parallel_setup_cost; RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size; RESET max_parallel_workers_per_gather;

-- Text and binary round trips.
SELECT s FROM g;
SELECT s::text::gap_summary = s AS text_round_trip FROM g;
SELECT '{ n : 1 , w:1, wg:0.1+1e-18, g:0.1, gg:0.01, p:1.1, e:1 }'::gap_summary AS canonical;
COPY (SELECT part, s FROM parts) TO '/tmp/csm_regress_gap.bin' (FORMAT binary);
CREATE TEMP TABLE parts_back (part int, s gap_summary);
COPY parts_back FROM '/tmp/csm_regress_gap.bin' (FORMAT binary);
SELECT count(*) AS rows, bool_and(b.s = p.s) AS binary_round_trip FROM parts_back b JOIN parts p USING (part);

-- SERVQUAL.  The item -> dimension map, typed from the reference.
SELECT servqual_dimension(i) AS dimension, min(i) AS first_item, max(i) AS last_item
FROM generate_series(1, 22) i GROUP BY 1 ORDER BY 2;
-- Reference: dimension gaps T -0.65, Rel -1.10, Resp -0.83, A -0.70,
-- E -1.01 -> unweighted -0.858 (mean of the 5), weighted with 11/32/22/19/16
-- -> -0.9007.  One answered item per dimension carries its gap.
CREATE TEMP TABLE sq (respondent int, item int, p float8, e float8);
INSERT INTO sq VALUES (1, 1, 5, 5.65), (1, 5, 5, 6.10), (1, 10, 5, 5.83), (1, 14, 5, 5.70), (1, 18, 5, 6.01);
SELECT round(tangibles::numeric, 4) AS t, round(reliability::numeric, 4) AS rel,
       round(responsiveness::numeric, 4) AS resp, round(assurance::numeric, 4) AS a,
       round(empathy::numeric, 4) AS e, round(overall::numeric, 4) AS overall, answers
FROM (SELECT (servqual(item, p, e)).* FROM sq) s;
SELECT round(weighted::numeric, 4) AS weighted
FROM servqual((SELECT servqual_agg(item, p, e) FROM sq), 11, 32, 22, 19, 16);
-- The overall score is the mean of the dimension scores, not of the items:
-- tangibles has two items (gaps -1, -3 -> -2), the others one each (0).
-- Dimensions: -2, 0, 0, 0, 0 -> overall -0.4; the item mean would be -4/6.
SELECT overall, tangibles FROM servqual(
  (SELECT servqual_agg(item, p, e) FROM (VALUES (1, 4, 5), (2, 3, 6), (5, 5, 5), (10, 5, 5), (14, 5, 5), (18, 5, 5)) v(item, p, e)));
-- SERVPERF: perceptions only.  Tangibles (4 + 3)/2 = 3.5, others 5 -> 4.7.
SELECT tangibles, reliability, overall FROM servperf(
  (SELECT servqual_agg(item, p, e) FROM (VALUES (1, 4, 5), (2, 3, 6), (5, 5, 5), (10, 5, 5), (14, 5, 5), (18, 5, 5)) v(item, p, e)));
SELECT round(weighted::numeric, 4) AS weighted FROM servperf(
  (SELECT servqual_agg(item, p, e) FROM (VALUES (1, 4, 5), (2, 3, 6), (5, 5, 5), (10, 5, 5), (14, 5, 5), (18, 5, 5)) v(item, p, e)),
  20, 20, 20, 20, 20);
-- A dimension without answers is NULL, and so is the overall score.
SELECT tangibles, empathy IS NULL AS no_empathy, overall IS NULL AS no_overall
FROM servqual((SELECT servqual_agg(1, 5.0, 6.0)));
-- 1988 wording: items 10-13 and 18-22 reverse-scored, 8 - x on 1-7.
SELECT servqual_reverse(1, 2) AS item1, servqual_reverse(10, 2) AS item10,
       servqual_reverse(22, 7) AS item22, servqual_reverse(12, 3, 5) AS on_1_to_5;
-- Rollup of per-respondent summaries equals the whole.
CREATE TEMP TABLE sq_big AS
SELECT r, 1 + (r * 7 + k) % 22 AS item, 1 + (r * k) % 7 AS p, 1 + (r + k * 3) % 7 AS e
FROM generate_series(1, 300) r, generate_series(1, 22) k;
SELECT (SELECT servqual(rollup(s))::text FROM (SELECT r % 7 AS g, servqual_agg(item, p, e) AS s FROM sq_big GROUP BY 1) x)
     = (SELECT servqual(item, p, e)::text FROM sq_big) AS rollup_equals_whole;
SELECT s::text::servqual_summary = s AS text_round_trip
FROM (SELECT servqual_agg(item, p, e) AS s FROM sq_big) x;

-- ACSI: item means (8, 7, 7), weights (.3885, .3190, .2925) -> 70.9833;
-- unweighted (8 + 7 + 7 - 3)/27 * 100 = 70.3704.
SELECT round(acsi(8, 7, 7, .3885, .3190, .2925)::numeric, 4) AS weighted,
       round(acsi(8, 7, 7)::numeric, 4) AS unweighted;
SELECT rescale_100(1, 5) AS low, rescale_100(5, 5) AS high, rescale_100(4, 7) AS mid;
-- Secure customer index segments and their boundaries.
SELECT x, secure_customer_segment(x)
FROM unnest(ARRAY[0, 0.6999, 0.7, 0.8999, 0.9, 1]::float8[]) x;

-- Bad input.
SELECT csi_weighted_gap(p, e, w) FROM (VALUES (5, 6, -1)) v(p, e, w);
SELECT csi_weighted_gap(p, e, w) FROM (VALUES (5, 6, 'NaN'::float8)) v(p, e, w);
SELECT csi_weighted_gap(p, e, w) FROM (VALUES (5, 6, 'Infinity'::float8)) v(p, e, w);
SELECT servqual_gap(p, e) FROM (VALUES ('NaN'::float8, 6)) v(p, e);
SELECT servqual_gap(p, e) FROM (VALUES (5, '-Infinity'::float8)) v(p, e);
SELECT servqual_agg(23, 5, 6);
SELECT servqual_dimension(0);
SELECT servqual(servqual_agg(1, 5, 6), 10, 10, 10, 10, 10);
SELECT servqual(servqual_agg(1, 5, 6), -10, 50, 20, 20, 20);
SELECT servqual_reverse(10, 8);
SELECT acsi(11, 7, 7);
SELECT acsi(8, 7, 7, 0, 0, 0);
SELECT rescale_100(0, 5);
SELECT secure_customer_segment(1.1);
SELECT secure_customer_segment('NaN');
SELECT '{n:0,w:1,wg:0,g:0,gg:0,p:0,e:0}'::gap_summary;
SELECT '{n:1,w:1,wg:nan,g:0,gg:0,p:0,e:0}'::gap_summary;
SELECT '{n:1,w:1}'::gap_summary;
SELECT '{23:[1,1,1]}'::servqual_summary;
SELECT '{1:[0,1,1]}'::servqual_summary;

-- Consistency rules (issue 24; docs/guarantees.md): a gap_summary no data
-- could produce is refused, naming the rule it breaks.  Three gaps summing
-- to -1.5 have a sum of squares of at least 1.5^2 / 3 = 0.75, never -2.25
-- or 0.1; weights are at least 0; and |sum of w * gap| is at most
-- sum of w * sqrt(sum of squared gaps) = 3 * 1.5 = 4.5, not 10.
SELECT '{n:3,w:3,wg:-1.5,g:-1.5,gg:-2.25,p:12,e:13.5}'::gap_summary;
SELECT '{n:3,w:3,wg:-1.5,g:-1.5,gg:0.1,p:12,e:13.5}'::gap_summary;
SELECT '{n:3,w:-3,wg:-1.5,g:-1.5,gg:2.25,p:12,e:13.5}'::gap_summary;
SELECT '{n:3,w:3,wg:-10,g:-1.5,gg:2.25,p:12,e:13.5}'::gap_summary;
-- All-zero weights are valid: they make the weighted sum 0 as well.
SELECT '{n:3,w:0,wg:0,g:-1.5,gg:2.25,p:12,e:13.5}'::gap_summary AS zero_weights;
SELECT '{n:3,w:0,wg:0.5,g:-1.5,gg:2.25,p:12,e:13.5}'::gap_summary;
-- At the bound: equal gaps (-0.5 three times) give sum of squares 0.75
-- exactly, and one answer's weighted gap is w * gap exactly.
SELECT '{n:3,w:3,wg:-1.5,g:-1.5,gg:0.75,p:12,e:13.5}'::gap_summary AS equal_gaps,
       '{n:1,w:2,wg:-3,g:-1.5,gg:2.25,p:4,e:5.5}'::gap_summary AS one_answer;
-- Binary input checks the same rules (22P03).  Fields: version, n, then
-- w, wg, g, gg, p, e as (hi, lo) pairs; gg's high part starts at byte 58.
CREATE TEMP TABLE gap_recv_in (b bytea);
CREATE TEMP TABLE gap_recv_out (s gap_summary);
CREATE FUNCTION pg_temp.gap_recv(bytes bytea) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE detail text;
BEGIN
  TRUNCATE gap_recv_in, gap_recv_out;
  INSERT INTO gap_recv_in VALUES (bytes);
  COPY gap_recv_in TO '/tmp/csm_regress_gap_recv.bin' (FORMAT binary);
  COPY gap_recv_out FROM '/tmp/csm_regress_gap_recv.bin' (FORMAT binary);
  RETURN 'ok: ' || (SELECT s::text FROM gap_recv_out);
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
  RETURN SQLSTATE || ': ' || detail;
END $$;
WITH good(b) AS (SELECT gap_summary_send('{n:3,w:3,wg:-1.5,g:-1.5,gg:2.25,p:12,e:13.5}'))
SELECT label, pg_temp.gap_recv(bytes)
FROM good, LATERAL (VALUES
  ('valid',              b),
  ('negative squares',   overlay(b PLACING float8send(-2.25) FROM 58 FOR 8)),
  ('squares too small',  overlay(b PLACING float8send(0.1) FROM 58 FOR 8)),
  ('negative weights',   overlay(b PLACING float8send(-3) FROM 10 FOR 8)),
  ('weighted too large', overlay(b PLACING float8send(-10) FROM 26 FOR 8))
) t(label, bytes);
-- Every value csm computes reads back in, window frames included.  A frame
-- that heavily weighted answers have left keeps the rounding of their
-- weighted gaps: the last frame below, one answer of weight 0, would hold a
-- weighted sum of about -0.05 beside a sum of weights of 0, which no data
-- gives.  The final function brings such a frame within the rules.
CREATE TEMP TABLE frames AS
SELECT i,
       (CASE i % 5 WHEN 0 THEN 1e6 + sin(i) WHEN 1 THEN abs(sin(i * 1.3)) * 1e10 WHEN 2 THEN abs(cos(i)) * 1e-5
                   WHEN 3 THEN sin(i * 0.7) * 5e14 ELSE 1 + i % 7 END)::float8 AS p,
       (CASE i % 3 WHEN 0 THEN 1e6 + abs(cos(i * 1.7)) WHEN 1 THEN abs(sin(i * 2.1)) * 7
                   ELSE abs(sin(i * 0.3)) * 1e12 END)::float8 AS e,
       (CASE i % 4 WHEN 0 THEN 0 WHEN 1 THEN abs(sin(i * 0.9)) * 1e140 WHEN 2 THEN abs(cos(i * 0.4)) * 1e-140
                   ELSE abs(sin(i)) END)::float8 AS w
FROM generate_series(1, 20) i;
SELECT count(*) AS frames, bool_and(s::text::gap_summary = s) AS all_read_back,
       bool_and(gap_count(s) = least(4, 21 - i)) AS counts,
       max(substring(s::text FROM 'wg:([^,]*)')) FILTER (WHERE i = 20) AS last_weighted_sum
FROM (SELECT i, gap_agg(p, e, w) OVER (ORDER BY i ROWS BETWEEN CURRENT ROW AND 3 FOLLOWING) AS s
      FROM frames) x;
