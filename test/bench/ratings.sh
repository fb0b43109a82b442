#!/usr/bin/env bash
# test/bench/ratings.sh: the ratings aggregates against count() and their
# plain-SQL equivalents, in every executor mode a user meets.  A benchmark,
# not a test: it prints PASS/MISS against the goals and exits 0 whatever
# they say; it fails only when nps(score), overall and by store, or the
# rolled-up 30-day NPS differs from its plain-SQL twin (by 1e-9 or more).
#
#     test/bench/ratings.sh                      # 10,000,000 rows, 7 rounds
#     ROWS=100000000 RUNS=5 test/bench/ratings.sh
#     MODES="off default" MILLION_GROUPS=0 test/bench/ratings.sh
#
# Environment: ROWS (default 10000000), RUNS (timed rounds, default 7),
# MODES (default "default off inline"), MILLION_GROUPS (1: also the 1M-group case,
# default 1), GROUP_ROWS (rows for it, default 10000000), GROUP_RUNS
# (default 3), PGVERSION (the major; default as every suite, 15 on Debian 12).
#
# The JIT modes:
#   default  jit = on with PostgreSQL's default thresholds: what a user gets
#   off      jit = off: the interpreted executor
#   inline   jit = on, jit_above_cost = jit_inline_above_cost =
#            jit_optimize_above_cost = 0: what tables past ~30M rows get by
#            default, compiled, optimised and inlined
# Cost-based JIT decisions differ between queries, so the JIT column says
# what EXPLAIN reports JIT did for each query in each mode: "-" none,
# "jit" compiled, "+opt" optimised, "+inl" inlined.
#
# It starts its own throwaway cluster (pg_virtualenv -t, shared_buffers
# 2GB, serial plans unless a query says otherwise), creates bench(store,
# day, score) with ROWS rows (50 stores, 365 days, scores 0..10 with a
# realistic NPS distribution and 3% NULL), VACUUM ANALYZEs it and loads it
# into shared_buffers.  Every query runs inside one DO block that takes
# clock_timestamp() around EXECUTE: server-side parse + plan + execution,
# without the client or protocol, without EXPLAIN ANALYZE's per-node
# instrumentation.  One warm-up round is discarded; then RUNS rounds run
# every query in every mode in turn (interleaved, so drift hits all alike)
# and the tables show medians.  ratio = median / median of the baseline.
#
# The 1M-group case: GROUP_ROWS rows into 1,000,000 groups, work_mem large
# enough for an in-memory hash table, whose peak memory EXPLAIN ANALYZE
# reports ("Memory Usage"); timed like the rest, GROUP_RUNS rounds.
set -euo pipefail
. "$(dirname "$0")/../lib/suite.sh"
cd "$(dirname "$0")/../.."

ROWS=${ROWS:-10000000}
RUNS=${RUNS:-7}
MODES=${MODES:-default off inline}
MILLION_GROUPS=${MILLION_GROUPS:-1}
GROUP_ROWS=${GROUP_ROWS:-10000000}
GROUP_RUNS=${GROUP_RUNS:-3}

in_own_cluster -t "${bench_settings[@]}" -o work_mem=64MB \
	-o max_worker_processes=8 -o max_parallel_workers=8 -o parallel_setup_cost=0 -o parallel_tuple_cost=0 -- "$@"

q_table -v rows="$ROWS" -v runs="$RUNS" -v modes="$MODES" \
	-v groups="$MILLION_GROUPS" -v group_rows="$GROUP_ROWS" -v group_runs="$GROUP_RUNS" <<'SQL'
\pset footer off
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pg_prewarm;
CREATE EXTENSION IF NOT EXISTS csm;
RESET client_min_messages;
\i test/bench/bench_setup.sql
SET bench.group_runs = :group_runs;

SELECT clock_timestamp() AS load_start \gset
-- Unlogged: no WAL for the load; reading it is the same as a logged table.
CREATE UNLOGGED TABLE bench (store int, day date, score int);
-- Scores with a realistic NPS distribution (about 40% promoters, 23% detractors),
-- 3% NULL; stores and days uniform.
INSERT INTO bench
SELECT 1 + floor(random() * 50)::int,
       date '2025-01-01' + floor(random() * 365)::int,
       CASE WHEN random() < 0.03 THEN NULL ELSE pg_temp.realistic_score(random()) END
FROM generate_series(1, :rows);
VACUUM (ANALYZE) bench;
SELECT format('bench: %s rows, %s, %s pages prewarmed into shared_buffers, loaded in %s s',
              to_char(:rows, 'FM999,999,999'), pg_size_pretty(pg_relation_size('bench')),
              pg_prewarm('bench'),
              round(extract(epoch FROM clock_timestamp() - :'load_start'::timestamptz), 1))
       AS "setup";

INSERT INTO bench_query (id, label, sql, parallel) VALUES
 (1,  'count(score)', 'SELECT count(score) FROM bench', false),
 (2,  'nps(score)',   'SELECT nps(score) FROM bench',   false),
 (3,  'SQL nps',
      'SELECT 100.0 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6))
              / count(score) FROM bench', false),
 (4,  'SQL 5 figures',
      'SELECT 100.0 * (p - d) / n, 100.0 * p / n, 100.0 * pa / n, 100.0 * d / n, n
       FROM (SELECT count(*) FILTER (WHERE score >= 9) AS p,
                    count(*) FILTER (WHERE score BETWEEN 7 AND 8) AS pa,
                    count(*) FILTER (WHERE score <= 6) AS d,
                    count(score) AS n
             FROM bench) s', false),
 (5,  '5 figures, 2-level',
      'SELECT nps(r), promoter_pct(r), passive_pct(r), detractor_pct(r), rating_count(r)
       FROM (SELECT rating_agg(score) AS r FROM bench) s', false),
 (6,  '5 figures, 1-level',
      'SELECT nps(rating_agg(score)), promoter_pct(rating_agg(score)),
              passive_pct(rating_agg(score)), detractor_pct(rating_agg(score)),
              rating_count(rating_agg(score))
       FROM bench', false),
 (7,  'count by store', 'SELECT store, count(score) FROM bench GROUP BY store', false),
 (8,  'SQL nps by store',
      'SELECT store, 100.0 * (count(*) FILTER (WHERE score >= 9)
                              - count(*) FILTER (WHERE score <= 6)) / count(score)
       FROM bench GROUP BY store', false),
 (9,  'nps by store', 'SELECT store, nps(score) FROM bench GROUP BY store', false),
 (10, 'SQL rolling 30d',
      'SELECT day, 100.0 * (sum(p) OVER w - sum(d) OVER w) / sum(n) OVER w
       FROM (SELECT day, count(*) FILTER (WHERE score >= 9) AS p,
                    count(*) FILTER (WHERE score <= 6) AS d, count(score) AS n
             FROM bench GROUP BY day) s
       WINDOW w AS (ORDER BY day ROWS 29 PRECEDING)', false),
 (11, 'rollup rolling 30d',
      'SELECT day, nps(rollup(s) OVER w)
       FROM (SELECT day, rating_agg(score) AS s FROM bench GROUP BY day) d
       WINDOW w AS (ORDER BY day ROWS 29 PRECEDING)', false),
 (12, 'count(score) par2', 'SELECT count(score) FROM bench', true),
 (13, 'nps(score) par2',   'SELECT nps(score) FROM bench',   true);

-- Targets: docs/scaling.md, "Performance".
INSERT INTO bench_cmp VALUES
 (1, 'nps(score)',          'count(score)',     1.08),
 (2, 'nps(score)',          'SQL nps',          NULL),
 (3, '5 figures, 2-level',  'SQL 5 figures',    1 / 1.4),
 (4, '5 figures, 1-level',  'SQL 5 figures',    1 / 1.4),
 (5, 'nps by store',        'SQL nps by store', 1 / 1.15),
 (6, 'nps by store',        'count by store',   1.08),
 (7, 'rollup rolling 30d',  'SQL rolling 30d',  NULL),
 (8, 'nps(score) par2',     'count(score) par2', NULL);

\i test/bench/bench_run.sql

-- Each csm query gives its plain-SQL twin's numbers (to 1e-9), so that a
-- wrong number does not pass unseen.  k: the group key, where there is one.
DO $$
DECLARE c record; bad bigint;
BEGIN
  FOR c IN SELECT m.sql AS csm, p.sql AS plain, v.*
           FROM (VALUES ('nps(score)', 'SQL nps', 'x'), ('nps by store', 'SQL nps by store', 'k, x'),
                        ('rollup rolling 30d', 'SQL rolling 30d', 'k, x')) v(query, baseline, cols)
           JOIN bench_query m ON m.label = v.query JOIN bench_query p ON p.label = v.baseline LOOP
    EXECUTE format('SELECT count(*) FROM (SELECT 0 AS k0, * FROM (%s) r(%s)) a
                    FULL JOIN (SELECT 0 AS k0, * FROM (%s) r(%s)) b USING (k0%s)
                    WHERE (abs(a.x - b.x) < 1e-9) IS NOT TRUE',
                   c.csm, c.cols, c.plain, c.cols, CASE WHEN c.cols LIKE 'k,%' THEN ', k' ELSE '' END) INTO bad;
    IF bad > 0 THEN
      RAISE EXCEPTION 'ratings.sh: % differs from % in % rows', c.query, c.baseline, bad;
    END IF;
  END LOOP;
END $$;

\if :groups
-- ---- 1,000,000 groups -----------------------------------------------------
SET work_mem = '2GB';
CREATE UNLOGGED TABLE bench_groups AS
SELECT ((i * 7919) % 1000000)::int AS g,
       (ARRAY[0, 3, 5, 6, 6, 7, 7, 8, 8, 8, 9, 9, 9, 10, 10])[1 + (i * 31) % 15] AS score
FROM generate_series(1::bigint, :group_rows) i;
VACUUM (ANALYZE) bench_groups;
SELECT pg_prewarm('bench_groups') IS NOT NULL AS prewarmed \gset

CREATE TEMP TABLE group_query (id int PRIMARY KEY, label text, sql text);
INSERT INTO group_query VALUES
 (1, 'count by g', 'SELECT g, count(score) FROM bench_groups GROUP BY g'),
 (2, 'SQL nps by g',
     'SELECT g, 100.0 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6))
             / count(score) FROM bench_groups GROUP BY g'),
 (3, 'nps by g', 'SELECT g, nps(score) FROM bench_groups GROUP BY g');

CREATE FUNCTION pg_temp.hash_memory_kb(q text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE line text; kb bigint;
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (ANALYZE, TIMING OFF, SUMMARY OFF) ' || q LOOP
        IF line ~ 'Batches: 1 ' AND line ~ 'Memory Usage' THEN
            kb := substring(line FROM 'Memory Usage: (\d+)kB')::bigint;
        ELSIF line ~ 'Batches: [0-9]+' AND line !~ 'Batches: 1 ' THEN
            RAISE EXCEPTION 'the hash table spilled: %', line;
        END IF;
    END LOOP;
    RETURN kb;
END $$;

CREATE TEMP TABLE group_time (id int, mode text, run int, ms float8);
CREATE TEMP TABLE group_memory (id int, kb bigint);
DO $$
DECLARE runs int := current_setting('bench.group_runs')::int; q record; m record; t0 timestamptz;
BEGIN
    FOR r IN 0 .. runs LOOP
        FOR m IN SELECT * FROM bench_mode ORDER BY ord LOOP
            FOR q IN SELECT * FROM group_query ORDER BY id LOOP
                PERFORM pg_temp.apply_mode(m.mode, false);
                t0 := clock_timestamp();
                EXECUTE q.sql;
                IF r > 0 THEN
                    INSERT INTO group_time VALUES (q.id, m.mode, r,
                        1000 * extract(epoch FROM clock_timestamp() - t0)::float8);
                END IF;
            END LOOP;
        END LOOP;
    END LOOP;
    PERFORM set_config('jit', 'off', true);
    INSERT INTO group_memory SELECT id, pg_temp.hash_memory_kb(sql) FROM group_query;
END $$;

\echo
SELECT format('%s rows into 1,000,000 groups, median of %s rounds, hash table in memory (work_mem 2GB)',
              to_char(:group_rows, 'FM999,999,999'), :group_runs) AS "1M groups";
WITH med AS (
    SELECT q.label, t.mode, percentile_cont(0.5) WITHIN GROUP (ORDER BY t.ms) AS ms, m.kb
    FROM group_query q JOIN group_time t USING (id) JOIN group_memory m USING (id)
    GROUP BY q.label, t.mode, m.kb
)
SELECT bm.mode, n.label AS query, to_char(n.ms, 'FM999990') AS ms, to_char(n.kb / 1024.0, 'FM99990') AS "hash MB",
       p.label AS baseline, to_char(p.ms, 'FM999990') AS "baseline ms", to_char(p.kb / 1024.0, 'FM99990') AS "baseline MB",
       to_char(n.ms / p.ms, 'FM990.000') AS "time ratio", to_char(n.kb::float8 / p.kb, 'FM990.000') AS "memory ratio",
       CASE WHEN p.label = 'SQL nps by g' THEN
            CASE WHEN n.ms <= p.ms THEN 'time PASS' ELSE 'time MISS' END || ', ' ||
            CASE WHEN n.kb <= 1.2 * p.kb THEN 'memory PASS' ELSE 'memory MISS' END
       ELSE '' END AS "goal: time <= 1.00, memory <= 1.20"
FROM med n JOIN med p ON p.mode = n.mode AND p.label IN ('SQL nps by g', 'count by g')
JOIN bench_mode bm ON bm.mode = n.mode
WHERE n.label = 'nps by g'
ORDER BY bm.ord, p.label DESC;
\endif
SQL
