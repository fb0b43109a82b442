-- Weighted aggregates in window frames, rollups and parallel plans (issue
-- 14): a window frame's answer equals the aggregate of the same rows
-- computed from scratch, bit for bit, whatever the weights.
--
-- While every weight is a multiple of 2^-16 and Σw² stays below 2^72, the
-- double-double sums never round, and the moving-aggregate inverse removes
-- exactly what was added.  Otherwise the state is marked inexact and the
-- inverse returns NULL, so that PostgreSQL recomputes the frame from its
-- first row (docs/metrics.md §8.5).  Both cases are checked here against
-- a fresh aggregation of each frame, comparing text forms and float8
-- results with =, not with a tolerance.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS csm;
RESET client_min_messages;

-- Four kinds of weights over the same 600 answers: multiples of 1/4 (the
-- exact zone), and arbitrary doubles: 0.1 and 1/3 steps, and a mix of
-- magnitudes from 1e-140 to 1e140 (weights outside the zone).
CREATE TABLE weighted_answers AS
SELECT i AS id, i % 3 AS grp,
       CASE WHEN i % 17 = 0 THEN NULL ELSE (i * 37 + i / 5) % 11 END AS score,
       ((i * 7) % 23 + 1) / 4.0::float8 AS quarter,
       ((i * 11) % 29 + 1) * 0.1::float8 AS tenth,
       ((i * 13) % 31 + 1) / 3.0::float8 AS third,
       CASE WHEN i % 11 = 0 THEN 0.0::float8
            ELSE ((i * 31) % 97 + 1) / 10.0::float8 * 10::float8 ^ ((i * 7919) % 279 - 139) END AS wide
FROM generate_series(1, 600) i;

-- A sliding frame of 25 rows per group, each frame against a fresh
-- aggregation of its rows in the frame's order.
CREATE FUNCTION check_frames(k text) RETURNS TABLE (weights text, frames bigint, summaries_equal bigint,
                                                          nps_equal bigint, csat_equal bigint, ces_equal bigint)
LANGUAGE plpgsql AS $$
BEGIN
  RETURN QUERY EXECUTE format($q$
    SELECT %1$L, count(*),
           count(*) FILTER (WHERE w.summary IS NOT DISTINCT FROM r.summary),
           count(*) FILTER (WHERE w.nps IS NOT DISTINCT FROM r.nps),
           count(*) FILTER (WHERE w.csat IS NOT DISTINCT FROM r.csat),
           count(*) FILTER (WHERE w.ces IS NOT DISTINCT FROM r.ces)
    FROM (SELECT id, grp, rating_agg(score, %1$I) OVER f::text AS summary, nps(score, %1$I) OVER f AS nps,
                 csat_top2(score %% 5 + 1, %1$I) OVER f AS csat, ces_avg(score %% 7 + 1, %1$I) OVER f AS ces
          FROM weighted_answers WINDOW f AS (PARTITION BY grp ORDER BY id ROWS BETWEEN 24 PRECEDING AND CURRENT ROW)) w
    JOIN LATERAL (SELECT rating_agg(a.score, a.%1$I ORDER BY a.id)::text AS summary,
                         nps(a.score, a.%1$I ORDER BY a.id) AS nps,
                         csat_top2(a.score %% 5 + 1, a.%1$I ORDER BY a.id) AS csat,
                         ces_avg(a.score %% 7 + 1, a.%1$I ORDER BY a.id) AS ces
                  FROM (SELECT * FROM weighted_answers a2 WHERE a2.grp = w.grp AND a2.id <= w.id
                        ORDER BY a2.id DESC LIMIT 25) a) r ON true$q$, k);
END $$;
SELECT (check_frames(k)).* FROM unnest(ARRAY['quarter', 'tenth', 'third', 'wide']) k;

-- The frames really differ from one another, and the wide weights really
-- leave the exact zone (their sums round: frame sums are not exact).
SELECT count(DISTINCT s) AS distinct_frames FROM (SELECT rating_agg(score, quarter) OVER (ORDER BY id ROWS 24 PRECEDING)::text AS s FROM weighted_answers) x;
SELECT rating_agg(score, wide) FILTER (WHERE id <= 40)::text ~ '[0-9]e[+-][0-9]+[+-][0-9]' AS wide_sums_need_two_parts FROM weighted_answers;

-- Adding and then removing the same answers gives back the same bytes:
-- frames that hold the same rows as a fresh aggregate of them, for exact
-- weights, whatever rows entered and left before.
SELECT count(*) AS frames, count(*) FILTER (WHERE s = weighted_rating_summary_send(r.agg)) AS same_bytes
FROM (SELECT id, weighted_rating_summary_send(rating_agg(score, quarter) OVER (ORDER BY id ROWS BETWEEN 9 PRECEDING AND CURRENT ROW)) AS s
      FROM weighted_answers) w
JOIN LATERAL (SELECT rating_agg(score, quarter) AS agg FROM weighted_answers a WHERE a.id BETWEEN w.id - 9 AND w.id) r ON true;

-- A frame that empties as it slides: NULL, not 0.
SELECT id, nps(score, w) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
FROM (VALUES (1, 9, 1.0), (2, NULL, 1.0), (3, 7, 0.0), (4, 0, 0.5), (5, 10, 0.25)) v(id, score, w) ORDER BY id;

-- RANGE frames with peers and EXCLUDE: the inverse removes whole peer groups.
SELECT count(*) AS rows_checked,
       count(*) FILTER (WHERE w.s IS NOT DISTINCT FROM r.s) AS equal
FROM (SELECT id, rating_agg(score, quarter) OVER (ORDER BY id / 4 RANGE BETWEEN 3 PRECEDING AND 1 FOLLOWING
                                                 EXCLUDE GROUP)::text AS s
      FROM weighted_answers) w
JOIN LATERAL (SELECT rating_agg(score, quarter)::text AS s FROM weighted_answers a
              WHERE a.id / 4 BETWEEN w.id / 4 - 3 AND w.id / 4 + 1 AND a.id / 4 <> w.id / 4) r ON true;

-- Rolling windows over stored daily summaries: rollup() has the same
-- inverse.  Exact weights: the same bytes as aggregating the raw rows;
-- any weights: the same as rolling up the frame's summaries from scratch.
CREATE TABLE weighted_daily AS
SELECT id / 10 AS day, rating_agg(score, quarter) AS q, rating_agg(score, wide) AS w
FROM weighted_answers GROUP BY 1;
SELECT count(*) AS days,
       count(*) FILTER (WHERE w.q = r.q) AS quarter_equal_raw,
       count(*) FILTER (WHERE w.w = r2.w) AS wide_equal_fresh
FROM (SELECT day, (rollup(q) OVER f)::text AS q, (rollup(w) OVER f)::text AS w
      FROM weighted_daily WINDOW f AS (ORDER BY day ROWS 6 PRECEDING)) w
JOIN LATERAL (SELECT rating_agg(score, quarter)::text AS q FROM weighted_answers WHERE id / 10 BETWEEN w.day - 6 AND w.day) r ON true
JOIN LATERAL (SELECT rollup(d.w ORDER BY d.day)::text AS w FROM weighted_daily d WHERE d.day BETWEEN w.day - 6 AND w.day) r2 ON true;

-- SERVQUAL shares the per-answer step (counts_add_answer): its window
-- frames agree with a fresh aggregation too.
SELECT count(*) AS frames,
       count(*) FILTER (WHERE w.s = r.s) AS servqual_equal
FROM (SELECT id, servqual_agg(id % 22 + 1, quarter, third) OVER (ORDER BY id ROWS 14 PRECEDING)::text AS s
      FROM weighted_answers) w
JOIN LATERAL (SELECT servqual_agg(a.id % 22 + 1, a.quarter, a.third ORDER BY a.id)::text AS s
              FROM weighted_answers a WHERE a.id BETWEEN w.id - 14 AND w.id) r ON true;

-- Parallel plans: partial states combined in the leader.  Exact weights
-- give the serial bytes; other weights the serial answers to the last
-- few bits (the order of additions differs), and the same answer count.
CREATE TABLE weighted_big AS
SELECT i AS id, i % 40 AS store, (i * 7919 + i / 17) % 11 AS score,
       ((i * 13) % 37 + 1) / 8.0::float8 AS eighth, ((i * 13) % 37 + 1) * 0.37::float8 AS decimal
FROM generate_series(1, 100000) i;
ANALYZE weighted_big;
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE weighted_serial AS
SELECT store, rating_agg(score, eighth)::text AS exact, rating_agg(score, decimal) AS other
FROM weighted_big GROUP BY store;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET enable_hashagg = off;
EXPLAIN (COSTS OFF) SELECT store, rating_agg(score, eighth) FROM weighted_big GROUP BY store;
SELECT count(*) AS stores, count(*) FILTER (WHERE p.exact = s.exact) AS exact_equal,
       count(*) FILTER (WHERE abs(nps(p.other) - nps(s.other)) < 1e-12
                        AND rating_count(p.other) = rating_count(s.other)) AS other_equal
FROM (SELECT store, rating_agg(score, eighth)::text AS exact, rating_agg(score, decimal) AS other
      FROM weighted_big GROUP BY store) p
JOIN weighted_serial s USING (store);
RESET enable_hashagg;
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;

DROP FUNCTION check_frames(text);
DROP TABLE weighted_answers, weighted_daily, weighted_big;
