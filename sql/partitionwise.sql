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

-- driver_agg() and rollup(driver_summary), partitionwise and parallel: the
-- partial states merge in another order, so the figures agree to rounding
-- (within 1e-12), not to the bit.
CREATE TABLE pw_drivers (region text, store int, y float8, a float8, b float8) PARTITION BY LIST (region);
CREATE TABLE drivers_north PARTITION OF pw_drivers FOR VALUES IN ('north');
CREATE TABLE drivers_south PARTITION OF pw_drivers FOR VALUES IN ('south');
CREATE TABLE drivers_west PARTITION OF pw_drivers FOR VALUES IN ('west');   -- stays empty
INSERT INTO pw_drivers
SELECT (ARRAY['north', 'south'])[1 + i % 2], i % 4, (i * 7) % 11 + (i * 3) % 5, (i * 5) % 7, (i * 3) % 10
FROM generate_series(1, 20000) i;
ANALYZE pw_drivers;
RESET parallel_leader_participation;
SET enable_partitionwise_aggregate = off;
SET max_parallel_workers_per_gather = 0;
CREATE TABLE drivers_plain AS SELECT store, driver_agg(y, ARRAY[a, b]) AS s FROM pw_drivers GROUP BY store;
SET enable_partitionwise_aggregate = on;
SET max_parallel_workers_per_gather = 2;
SET enable_gathermerge = off;   -- 18 would merge sorted partial states instead: the same split
EXPLAIN (COSTS OFF) SELECT store, driver_agg(y, ARRAY[a, b]) FROM pw_drivers GROUP BY store;
RESET enable_gathermerge;
CREATE TABLE drivers_pw AS SELECT store, driver_agg(y, ARRAY[a, b]) AS s FROM pw_drivers GROUP BY store;
SELECT count(*) AS stores,
       count(*) FILTER (WHERE driver_rows(w.s) = driver_rows(p.s) AND abs(driver_r2(w.s) - driver_r2(p.s)) < 1e-12
                        AND (SELECT max(abs(x - z)) FROM unnest(driver_correlations(w.s), driver_correlations(p.s)) u(x, z)) < 1e-12)
         AS equal_to_plain
FROM drivers_pw w JOIN drivers_plain p USING (store);
-- The monitoring aggregates depend on the order of their input and have no
-- combine function: grouped by the partition key, each partition is
-- aggregated whole (no Partial Aggregate); grouped by another column they
-- are never split.  Both give the plain plan's baselines.
RESET parallel_leader_participation;
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE monitoring_results (plan text, key text, b control_baseline);
SET enable_partitionwise_aggregate = off;
INSERT INTO monitoring_results
SELECT 'plain', region, nps_baseline(s ORDER BY day, store) FROM pw_daily GROUP BY region
UNION ALL SELECT 'plain', store::text, nps_baseline(s ORDER BY day, region) FROM pw_daily GROUP BY store;
SET enable_partitionwise_aggregate = on;
-- A plan without its sort keys: from 16 on, the input of an ordered
-- aggregate is sorted by its ORDER BY too (presorted aggregates), where 15
-- sorts inside the aggregate; the plan is otherwise the same.
CREATE FUNCTION pg_temp.plan_shape(query text) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE line text;
BEGIN
	FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || query LOOP
		IF line !~ 'Sort Key:' THEN RETURN NEXT line; END IF;
	END LOOP;
END
$$;
SELECT pg_temp.plan_shape('SELECT region, nps_baseline(s ORDER BY day, store) FROM pw_daily GROUP BY region');
SELECT pg_temp.plan_shape('SELECT store, nps_baseline(s ORDER BY day, region) FROM pw_daily GROUP BY store');
INSERT INTO monitoring_results
SELECT 'partitionwise', region, nps_baseline(s ORDER BY day, store) FROM pw_daily GROUP BY region
UNION ALL SELECT 'partitionwise', store::text, nps_baseline(s ORDER BY day, region) FROM pw_daily GROUP BY store;
SELECT count(*) AS groups, count(*) FILTER (WHERE p.b = w.b) AS equal_to_plain
FROM monitoring_results p JOIN monitoring_results w USING (key)
WHERE p.plan = 'plain' AND w.plan = 'partitionwise';
RESET enable_partitionwise_aggregate;
RESET max_parallel_workers_per_gather;
