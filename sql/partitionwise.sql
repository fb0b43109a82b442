-- Partitioned tables: with enable_partitionwise_aggregate each partition is
-- aggregated on its own (Partial Aggregate under Append) and the partial
-- states are combined.  Answers must equal the plain plan's, for every
-- aggregate family, also with parallel workers, one partition empty, and
-- workers that see no rows.  (Gap inputs are halves, exact in binary, so
-- the summaries' text is identical whatever the order of addition.)
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS csm;
RESET client_min_messages;

CREATE TABLE pw_answers (region text, store int, score int) PARTITION BY LIST (region);
CREATE TABLE answers_north PARTITION OF pw_answers FOR VALUES IN ('north');
CREATE TABLE answers_south PARTITION OF pw_answers FOR VALUES IN ('south');
CREATE TABLE answers_east PARTITION OF pw_answers FOR VALUES IN ('east');
CREATE TABLE answers_west PARTITION OF pw_answers FOR VALUES IN ('west');   -- stays empty
INSERT INTO pw_answers
SELECT (ARRAY['north', 'south', 'east'])[1 + i % 3], i % 5,
       CASE WHEN i % 23 = 0 THEN NULL ELSE (i * 7) % 11 END
FROM generate_series(1, 30000) i;
INSERT INTO pw_answers VALUES ('east', 9, 10);   -- a store with one answer
ANALYZE pw_answers;

-- Summaries stored per day and region in a partitioned table too.
CREATE TABLE pw_daily (region text, store int, day int, s rating_summary) PARTITION BY LIST (region);
CREATE TABLE daily_north PARTITION OF pw_daily FOR VALUES IN ('north');
CREATE TABLE daily_south PARTITION OF pw_daily FOR VALUES IN ('south');
CREATE TABLE daily_east PARTITION OF pw_daily FOR VALUES IN ('east');
CREATE TABLE daily_west PARTITION OF pw_daily FOR VALUES IN ('west');
INSERT INTO pw_daily
SELECT region, store, score % 3, rating_agg(score) FROM pw_answers GROUP BY 1, 2, 3;
ANALYZE pw_daily;

CREATE TEMP TABLE results (plan text, store int, report text);
CREATE FUNCTION pg_temp.report(plan text) RETURNS bigint LANGUAGE sql AS $$
  WITH added AS (
    INSERT INTO results
    SELECT plan, store,
           concat_ws(' ', nps(score), csat_top2(score % 5 + 1), csat_topbox(score % 5 + 1),
                     ces_avg(score % 7 + 1), rating_agg(score))
    FROM pw_answers GROUP BY store
    UNION ALL
    SELECT plan, store + 100, rollup(s)::text FROM pw_daily GROUP BY store
    UNION ALL  -- intervals, Kano, gap models and SERVQUAL, over the same rows
    SELECT plan, store + 200,
           concat_ws(' ', nps_ci(score), kano(1 + score % 5, 1 + (score * 3) % 5),
                     kano_agg(1 + score % 5, 1 + (score * 3) % 5),
                     kano_feature_category(1 + score % 5, 1 + (score * 3) % 5),
                     kano_better(1 + score % 5, 1 + (score * 3) % 5), kano_worse(1 + score % 5, 1 + (score * 3) % 5))
    FROM pw_answers GROUP BY store
    UNION ALL
    SELECT plan, store + 300,
           concat_ws(' ', csi_weighted_gap(score * 0.5, 3.0, score % 4), servqual_gap(score * 0.5, 2.5),
                     servqual_gap(score * 0.5, 2.5, score % 3), gap_agg(score * 0.5, 3.0, score % 4),
                     gap_agg(score * 0.5, 3.0), servqual(1 + (score * 7) % 22, score * 0.5, 4.0),
                     servqual_agg(1 + (score * 7) % 22, score * 0.5, 4.0))
    FROM pw_answers WHERE score IS NOT NULL GROUP BY store
    UNION ALL  -- the ranking family: priors and leagues of the stored groups
    SELECT plan, store + 400,
           concat_ws(' ', nps_prior(s), nps_prior(s, 'moments'), mean_prior(s, 'mle'), nps_league(s))
    FROM pw_daily GROUP BY store
    UNION ALL
    SELECT plan, NULL, concat_ws(' ', nps(score), rating_agg(score)) FROM pw_answers
    RETURNING 1)
  SELECT count(*) FROM added;
$$;
CREATE VIEW pw_report AS
SELECT store, nps(score), csat_top2(score % 5 + 1), csat_topbox(score % 5 + 1),
       ces_avg(score % 7 + 1), rating_agg(score)
FROM pw_answers GROUP BY store;

SET enable_partitionwise_aggregate = off;
SELECT pg_temp.report('plain');

SET enable_partitionwise_aggregate = on;
EXPLAIN (COSTS OFF) SELECT * FROM pw_report;
EXPLAIN (COSTS OFF) SELECT store, rollup(s) FROM pw_daily GROUP BY store;
SELECT pg_temp.report('partitionwise');

SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET enable_parallel_append = on;
EXPLAIN (COSTS OFF) SELECT * FROM pw_report;
EXPLAIN (COSTS OFF) SELECT store, rollup(s) FROM pw_daily GROUP BY store;
SELECT pg_temp.report('partitionwise parallel');
SET parallel_leader_participation = off;
SELECT pg_temp.report('partitionwise parallel, workers only');

-- Every plan gives the plain plan's answers, store by store.
SELECT r.plan, count(*) AS groups,
       count(*) FILTER (WHERE r.report = p.report) AS equal_to_plain
FROM results r JOIN results p USING (store)
WHERE p.plan = 'plain'
GROUP BY r.plan ORDER BY r.plan;
SELECT r.plan, r.report = p.report AS total_equal_to_plain
FROM results r JOIN results p ON r.store IS NULL AND p.store IS NULL AND p.plan = 'plain'
ORDER BY r.plan;
-- And the plain plan agrees with the plain-SQL NPS.
SELECT store, split_part(report, ' ', 1)::float8 =
       (SELECT 100.0 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6))
               / count(score) FROM pw_answers a WHERE a.store = r.store) AS nps_matches_plain_sql
FROM results r WHERE plan = 'plain' AND store < 100 ORDER BY store;
