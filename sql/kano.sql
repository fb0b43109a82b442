-- Kano model (issue 5).  Expected values come from the evaluation table and
-- the worked examples in docs/metrics.md §6 and §9.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS csm;
RESET client_min_messages;
SET extra_float_digits = 0;

-- All 25 cells, against the reference table typed in by hand
-- (row = functional answer, column = dysfunctional answer).
CREATE TEMP TABLE reference_table (f int, codes text[]);
INSERT INTO reference_table VALUES
  (1, '{Q,A,A,A,O}'), (2, '{R,I,I,I,M}'), (3, '{R,I,I,I,M}'),
  (4, '{R,I,I,I,M}'), (5, '{R,R,R,R,Q}');
SELECT count(*) AS cells,
       count(*) FILTER (WHERE kano_code(kano_category(f, d)) = codes[d]) AS agree
FROM reference_table, generate_series(1, 5) d;
-- The reference's cells: (1,5) O; (1,3) A; (2,5) M; (3,3) I; (5,1) R; (1,1) Q; (5,5) Q.
SELECT kano_category(1, 5), kano_category(1, 3), kano_category(2, 5), kano_category(3, 3),
       kano_category(5, 1), kano_category(1, 1), kano_category(5, 5);
-- Labels, case-insensitive and trimmed; smallint answers cast implicitly.
SELECT kano_category('Like', 'DISLIKE') AS o, kano_category(' expect ', 'tolerate') AS i,
       kano_category('must-be', 'dislike') AS m, kano_category('live with', 'like') AS r,
       kano_category(1::smallint, 4::smallint) AS a;
-- ORDER BY follows the priority M > O > A > I, then R, Q.
SELECT array_agg(c ORDER BY c) FROM unnest(enum_range(NULL::kano_class)) c;
SELECT string_agg(kano_code(c), '' ORDER BY c) FROM unnest(enum_range(NULL::kano_class)) c;

-- Worked example: M 95, O 123, A 45, I 33 -> O, Better 0.568, Worse -0.736,
-- Fong 28 >= 19.36: significant.  By hand: total strength 263/296 = 0.888514,
-- category strength 28/296 = 0.094595.
CREATE TEMP TABLE answers (feature text, f int, d int);
INSERT INTO answers
SELECT 'wifi', 2, 5 FROM generate_series(1, 95)
UNION ALL SELECT 'wifi', 1, 5 FROM generate_series(1, 123)
UNION ALL SELECT 'wifi', 1, 3 FROM generate_series(1, 45)
UNION ALL SELECT 'wifi', 3, 3 FROM generate_series(1, 33);
SELECT category, a, o, m, i, r, q, n, round(better::numeric, 3) AS better,
       round(worse::numeric, 3) AS worse, round(total_strength::numeric, 6) AS total_strength,
       round(category_strength::numeric, 6) AS category_strength,
       fong_difference, round(fong_critical::numeric, 2) AS fong_critical, fong_significant
FROM (SELECT (kano(f, d)).* FROM answers) k;
-- DuMouchel scores by hand: functional (95*2 + 123*4 + 45*4 + 33*0)/296 = 862/296 = 2.912162,
-- dysfunctional (95*4 + 123*4 + 45*0 + 33*0)/296 = 872/296 = 2.945946.
SELECT round(functional_score::numeric, 6), round(dysfunctional_score::numeric, 6)
FROM (SELECT (kano(f, d)).* FROM answers) k;
SELECT kano_feature_category(f, d), round(kano_better(f, d)::numeric, 3) AS better,
       round(kano_worse(f, d)::numeric, 3) AS worse FROM answers;

-- Tie rules.  One A and one M -> M (priority M > O > A > I).  A 10 vs O 9
-- of 19: A leads by 1/19 = 5.3 points, so with a 6-point threshold the
-- priority decides (O); with a 5-point threshold A stays.
SELECT kano_category('{13:1,25:1}'::kano_summary) AS one_a_one_m;
SELECT kano_category('{13:10,15:9}'::kano_summary) AS a_leads,
       kano_category('{13:10,15:9}'::kano_summary, 6) AS a_leads_within_6,
       kano_category('{13:10,15:9}'::kano_summary, 5) AS a_leads_beyond_5;
SELECT kano_category('{33:2,25:1,13:2}'::kano_summary) AS tie_i_a;  -- A 2, I 2 -> A

-- Empty, all questionable, all reverse: no coefficients.
SELECT kano(f, d) IS NULL AS empty, kano_agg(f, d) IS NULL AS empty_summary
FROM answers WHERE false;
SELECT (k).category, (k).q, (k).better, (k).worse, (k).fong_significant
FROM (SELECT kano_result('{11:3,55:2}'::kano_summary) AS k) s;
SELECT (k).category, (k).r, (k).better IS NULL AS no_better
FROM (SELECT kano_result('{51:4,21:1}'::kano_summary) AS k) s;

-- NULL answers: the pair is skipped.
SELECT kano_agg(f, d) FROM (VALUES (1, 5), (NULL, 5), (1, NULL), (3, 3)) v(f, d);
-- kano_count by category.
SELECT kano_count('{15:2,25:1}'::kano_summary, 'one-dimensional') AS o,
       kano_count('{15:2,25:1}'::kano_summary, 'must-be') AS m,
       kano_count('{15:2,25:1}'::kano_summary, 'reverse') AS r;

-- Two steps: per-day summaries rolled up equal the whole; + merges.
CREATE TEMP TABLE kano_daily AS
SELECT i % 4 AS day, kano_agg(1 + i % 5, 1 + (i * 7) % 5) AS s
FROM generate_series(1, 1000) i GROUP BY 1;
SELECT rollup(s) = (SELECT kano_agg(1 + i % 5, 1 + (i * 7) % 5) FROM generate_series(1, 1000) i)
       AS rollup_equals_whole FROM kano_daily;
SELECT (SELECT s FROM kano_daily WHERE day = 0) + (SELECT s FROM kano_daily WHERE day = 1)
     = (SELECT rollup(s) FROM kano_daily WHERE day IN (0, 1)) AS plus_equals_rollup;

-- Window frames: the moving aggregate equals a recomputation.
SELECT bool_and(w = (SELECT kano_agg(1 + j % 5, 1 + (j * 3) % 5) FROM generate_series(greatest(1, i - 4), i) j))
       AS moving_equals_recomputed
FROM (SELECT i, kano_agg(1 + i % 5, 1 + (i * 3) % 5) OVER (ORDER BY i ROWS 4 PRECEDING) AS w
      FROM generate_series(1, 60) i) t;

-- Parallel plans give the serial answer.
CREATE TABLE kano_big AS
SELECT i % 7 AS feature, 1 + (i * 13) % 5 AS f, 1 + (i * 17 + i / 5) % 5 AS d
FROM generate_series(1, 50000) i;
ANALYZE kano_big;
CREATE TEMP TABLE serial AS SELECT feature, kano_agg(f, d) AS s, kano(f, d)::text AS k FROM kano_big GROUP BY feature;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0; SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT feature, kano_agg(f, d) FROM kano_big GROUP BY feature;
SELECT count(*) AS features, count(*) FILTER (WHERE p.s = s.s AND p.k = s.k) AS equal_to_serial
FROM (SELECT feature, kano_agg(f, d) AS s, kano(f, d)::text AS k FROM kano_big GROUP BY feature) p
JOIN serial s USING (feature);
RESET parallel_setup_cost; RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size; RESET max_parallel_workers_per_gather;

-- Text and binary round trips.
SELECT '{ 15 : 3 , 13:0, 25:1 }'::kano_summary AS canonical;
SELECT s::text::kano_summary = s AS text_round_trip FROM kano_daily WHERE day = 0;
COPY (SELECT day, s FROM kano_daily) TO '/tmp/csm_regress_kano.bin' (FORMAT binary);
CREATE TEMP TABLE kano_back (day int, s kano_summary);
COPY kano_back FROM '/tmp/csm_regress_kano.bin' (FORMAT binary);
SELECT count(*) AS rows, bool_and(b.s = d.s) AS binary_round_trip
FROM kano_back b JOIN kano_daily d USING (day);

-- Bad input.
SELECT kano_category(0, 3);
SELECT kano_category(1, 6);
SELECT kano_category('love', 'dislike');
SELECT kano_agg(f, d) FROM (VALUES (1, 7)) v(f, d);
SELECT '{16:1}'::kano_summary;
SELECT '{15:1,15:2}'::kano_summary;
SELECT '{15:-1}'::kano_summary;
SELECT '{15:1'::kano_summary;
SELECT '{55:9223372036854775807}'::kano_summary + '{11:1}'::kano_summary;
SELECT kano_category('{15:1}'::kano_summary, -1);
