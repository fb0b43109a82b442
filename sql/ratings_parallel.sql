-- Parallel plans: partial aggregation in workers, combined in the leader,
-- gives exactly the serial answers.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS csm;
RESET client_min_messages;

CREATE TABLE big AS
SELECT i AS id, i % 50 AS store,
       CASE WHEN i % 13 = 0 THEN NULL ELSE (i * 7919 + i / 17) % 11 END AS score
FROM generate_series(1, 200000) i;
ANALYZE big;

CREATE TABLE big_daily AS SELECT id % 365 AS day, store, rating_agg(score) AS s FROM big GROUP BY 1, 2;
ANALYZE big_daily;

-- Serial answers first.
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial_total AS
SELECT nps(score), csat_topbox(score % 5 + 1), ces_avg(score % 7 + 1), rating_agg(score)::text AS agg FROM big;
CREATE TEMP TABLE serial_by_store AS
SELECT store, nps(score), rating_agg(score)::text AS agg FROM big GROUP BY store;
CREATE TEMP TABLE serial_rollup AS
SELECT store, rollup(s)::text AS agg FROM big_daily GROUP BY store;

-- Now force parallel plans.
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;

EXPLAIN (COSTS OFF)
SELECT nps(score), csat_topbox(score % 5 + 1), ces_avg(score % 7 + 1), rating_agg(score) FROM big;

SELECT p.nps = s.nps AS nps_equal, p.csat_topbox = s.csat_topbox AS csat_equal,
       p.ces_avg = s.ces_avg AS ces_equal, p.agg = s.agg AS summary_equal
FROM (SELECT nps(score), csat_topbox(score % 5 + 1), ces_avg(score % 7 + 1), rating_agg(score)::text AS agg FROM big) p,
     serial_total s;

SET enable_hashagg = off;
EXPLAIN (COSTS OFF) SELECT store, nps(score), rating_agg(score) FROM big GROUP BY store;
SELECT count(*) AS stores, count(*) FILTER (WHERE p.nps = s.nps AND p.agg = s.agg) AS equal
FROM (SELECT store, nps(score), rating_agg(score)::text AS agg FROM big GROUP BY store) p
JOIN serial_by_store s USING (store);
RESET enable_hashagg;

EXPLAIN (COSTS OFF) SELECT store, rollup(s) FROM big_daily GROUP BY store;
SELECT count(*) AS stores, count(*) FILTER (WHERE p.agg = s.agg) AS equal
FROM (SELECT store, rollup(s)::text AS agg FROM big_daily GROUP BY store) p
JOIN serial_rollup s USING (store);

-- Without the leader taking part, only workers aggregate.
SET parallel_leader_participation = off;
SELECT p.nps = s.nps AS nps_equal, p.agg = s.agg AS summary_equal
FROM (SELECT nps(score), rating_agg(score)::text AS agg FROM big) p, serial_total s;

-- Workers that see no matching rows send empty partial states: combining
-- them must leave the answer alone (ids 1..3 hold scores 10, 9, 8: NPS 66.67).
SELECT nps(score), rating_agg(score) FROM big WHERE id <= 3;
SELECT nps(score), rating_agg(score) IS NULL AS is_null FROM big WHERE id < 0;
RESET parallel_leader_participation;

DROP TABLE big, big_daily;
