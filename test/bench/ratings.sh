#!/usr/bin/env bash
# test/bench/ratings.sh: benchmark of the csm ratings aggregates against count()
# and their plain-SQL equivalents.  A benchmark, not a test: it always exits 0
# when it ran, and prints PASS/MISS against the performance targets.
#
#     test/bench/ratings.sh                  # 10,000,000 rows, 7 timed runs
#     ROWS=1000000 RUNS=5 test/bench/ratings.sh
#
# Environment: ROWS (default 10000000), RUNS (timed runs per query, default 7),
# JIT=on (default off), CSM=0 (time only the plain-SQL queries, as when csm is
# not installed; that is also what happens when it is not available).
#
# It starts its own throwaway cluster (pg_virtualenv -t, shared_buffers=2GB,
# serial plans by default, jit off), creates bench(store, day, score) with ROWS
# rows (50 stores, 365 days, scores 0..10 with a realistic NPS distribution and
# 3% NULL), VACUUM ANALYZEs it and loads it into shared_buffers with pg_prewarm.
#
# Timing: every query runs inside one DO block, which takes clock_timestamp()
# around EXECUTE.  That is server-side wall time of parse + plan + execution,
# without the client, protocol and network (the noisiest parts of psql's
# \timing), and without EXPLAIN ANALYZE's per-node instrumentation (which adds
# a per-row cost to every plan node and so flattens ratios).  One warm-up round
# is discarded, then RUNS rounds run every query in turn (interleaved, so drift
# hits all queries alike); the table shows the median.
#
# ratio = median ms / median ms of the baseline; targets are on that ratio
# ("1.2x faster" is ratio <= 1/1.2).  (f) compares the parallel speed-up
# (serial ms / parallel ms, 2 workers, parallel_setup_cost = parallel_tuple_cost
# = 0) of nps(score) with that of count(score).
set -euo pipefail
cd "$(dirname "$0")/../.."

ROWS=${ROWS:-10000000}
RUNS=${RUNS:-7}
JIT=${JIT:-off}

if [ "${1:-}" != --inside ]; then
	exec pg_virtualenv -t \
		-o shared_buffers=2GB \
		-o max_parallel_workers_per_gather=0 \
		-o max_worker_processes=8 -o max_parallel_workers=8 \
		-o parallel_setup_cost=0 -o parallel_tuple_cost=0 \
		-o jit="$JIT" \
		-o work_mem=64MB \
		-o checkpoint_timeout=1h -o max_wal_size=10GB \
		-o autovacuum=off \
		"$0" --inside
fi

# Inside the throwaway cluster.
csm=${CSM:-1}
if [ "$csm" != 0 ] &&
   [ "$(psql -X -Atc "SELECT count(*) FROM pg_available_extensions WHERE name = 'csm'")" = 0 ]; then
	echo "csm is not installed: timing the plain-SQL queries only." >&2
	csm=0
fi

psql -X -q -v ON_ERROR_STOP=1 -v rows="$ROWS" -v runs="$RUNS" -v csm="$csm" <<'SQL'
\pset footer off
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pg_prewarm;
SELECT :csm = 1 AS with_csm \gset
\if :with_csm
CREATE EXTENSION IF NOT EXISTS csm;
\endif
RESET client_min_messages;
SET bench.runs = :runs;

SELECT clock_timestamp() AS load_start \gset
-- Unlogged: no WAL for the load; reading it is the same as a logged table.
CREATE UNLOGGED TABLE bench (store int, day date, score int);
-- Scores with a realistic NPS distribution (about 40% promoters, 23% detractors),
-- 3% NULL; stores and days uniform.
INSERT INTO bench
SELECT 1 + floor(random() * 50)::int,
       date '2025-01-01' + floor(random() * 365)::int,
       CASE WHEN random() < 0.03 THEN NULL
            ELSE (ARRAY[0,0, 1, 2,2, 3,3, 4,4,4, 5,5,5,5,5, 6,6,6,6,6,6,6,6,
                        7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,
                        8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,
                        9,9,9,9,9,9,9,9,9,9,9,9,9,9,9,9,9,9,9,9,
                        10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10])
                 [1 + floor(random() * 100)::int] END
FROM generate_series(1, :rows);
VACUUM (ANALYZE) bench;
SELECT format('bench: %s rows, %s, %s pages prewarmed into shared_buffers, loaded in %s s',
              to_char(:rows, 'FM999,999,999'), pg_size_pretty(pg_relation_size('bench')),
              pg_prewarm('bench'),
              round(extract(epoch FROM clock_timestamp() - :'load_start'::timestamptz), 1))
       AS "setup";

CREATE TEMP TABLE bench_query (
    id        int PRIMARY KEY,
    label     text NOT NULL UNIQUE,
    sql       text NOT NULL,
    parallel  bool NOT NULL DEFAULT false,   -- max_parallel_workers_per_gather 2, else 0
    csm       bool NOT NULL DEFAULT true     -- needs csm
);

INSERT INTO bench_query (id, label, sql, parallel, csm) VALUES
 (1,  'count(score)', 'SELECT count(score) FROM bench', false, false),
 (2,  'nps(score)',   'SELECT nps(score) FROM bench',   false, true),
 (3,  'SQL nps',
      'SELECT 100.0 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6))
              / count(score) FROM bench', false, false),
 (4,  'SQL 5 figures',
      'SELECT 100.0 * (p - d) / n, 100.0 * p / n, 100.0 * pa / n, 100.0 * d / n, n
       FROM (SELECT count(*) FILTER (WHERE score >= 9) AS p,
                    count(*) FILTER (WHERE score BETWEEN 7 AND 8) AS pa,
                    count(*) FILTER (WHERE score <= 6) AS d,
                    count(score) AS n
             FROM bench) s', false, false),
 (5,  '5 figures, 2-level',
      'SELECT nps(r), promoter_pct(r), passive_pct(r), detractor_pct(r), rating_count(r)
       FROM (SELECT rating_agg(score) AS r FROM bench) s', false, true),
 (6,  '5 figures, 1-level',
      'SELECT nps(rating_agg(score)), promoter_pct(rating_agg(score)),
              passive_pct(rating_agg(score)), detractor_pct(rating_agg(score)),
              rating_count(rating_agg(score))
       FROM bench', false, true),
 (7,  'SQL nps by store',
      'SELECT store, 100.0 * (count(*) FILTER (WHERE score >= 9)
                              - count(*) FILTER (WHERE score <= 6)) / count(score)
       FROM bench GROUP BY store', false, false),
 (8,  'nps by store', 'SELECT store, nps(score) FROM bench GROUP BY store', false, true),
 (9,  'SQL rolling 30d',
      'SELECT day, 100.0 * (sum(p) OVER w - sum(d) OVER w) / sum(n) OVER w
       FROM (SELECT day, count(*) FILTER (WHERE score >= 9) AS p,
                    count(*) FILTER (WHERE score <= 6) AS d, count(score) AS n
             FROM bench GROUP BY day) s
       WINDOW w AS (ORDER BY day ROWS 29 PRECEDING)', false, false),
 (10, 'rollup rolling 30d',
      'SELECT day, nps(rollup(s) OVER w)
       FROM (SELECT day, rating_agg(score) AS s FROM bench GROUP BY day) d
       WINDOW w AS (ORDER BY day ROWS 29 PRECEDING)', false, true),
 (11, 'count(score) par2', 'SELECT count(score) FROM bench', true, false),
 (12, 'nps(score) par2',   'SELECT nps(score) FROM bench',   true, true);

DELETE FROM bench_query WHERE csm AND NOT :'with_csm'::bool;

-- What is compared with what: ratio = median(query) / median(baseline), and
-- PASS when ratio <= target.
CREATE TEMP TABLE bench_cmp (id int, test text, query text, baseline text, target float8);
INSERT INTO bench_cmp VALUES
 (1,  'a', 'nps(score)',          'count(score)',   1.10),
 (2,  'b', 'nps(score)',          'SQL nps',        1 / 1.2),
 (3,  'c', '5 figures, 2-level',  'SQL 5 figures',  1 / 1.5),
 (4,  'c', '5 figures, 1-level',  'SQL 5 figures',  1 / 1.5),
 (5,  'd', 'nps by store',        'SQL nps by store', NULL),
 (6,  'e', 'rollup rolling 30d',  'SQL rolling 30d',  NULL),
 (7,  'f', 'count(score) par2',   'count(score)',   NULL),
 (8,  'f', 'nps(score) par2',     'nps(score)',     NULL);

CREATE TEMP TABLE bench_time (id int, run int, ms float8);

-- The timing loop.  Timings are kept in arrays and stored at the end, so the
-- transaction writes nothing while it times.
DO $$
DECLARE
    runs   int := current_setting('bench.runs')::int;
    ids    int[] := '{}';
    nrun   int[] := '{}';
    mss    float8[] := '{}';
    q      record;
    t0     timestamptz;
    t1     timestamptz;
BEGIN
    FOR r IN 0 .. runs LOOP                         -- round 0 is the warm-up
        FOR q IN SELECT * FROM bench_query ORDER BY id LOOP
            PERFORM set_config('max_parallel_workers_per_gather',
                               CASE WHEN q.parallel THEN '2' ELSE '0' END, true);
            t0 := clock_timestamp();
            EXECUTE q.sql;
            t1 := clock_timestamp();
            IF r > 0 THEN
                ids := ids || q.id;
                nrun := nrun || r;
                mss := mss || 1000 * extract(epoch FROM t1 - t0)::float8;
            END IF;
        END LOOP;
    END LOOP;
    INSERT INTO bench_time SELECT * FROM unnest(ids, nrun, mss);
END
$$;

-- Did the parallel plans really run with workers?
SET max_parallel_workers_per_gather = 2;
CREATE TEMP TABLE bench_plan (label text, workers text);
DO $$
DECLARE q record; line text; w text;
BEGIN
    FOR q IN SELECT * FROM bench_query WHERE parallel ORDER BY id LOOP
        w := 'none';
        FOR line IN EXECUTE 'EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF) ' || q.sql LOOP
            IF line ~ 'Workers Launched' THEN w := substring(line FROM '\d+'); END IF;
        END LOOP;
        INSERT INTO bench_plan VALUES (q.label, w);
    END LOOP;
END
$$;
RESET max_parallel_workers_per_gather;

\echo
SELECT format('PostgreSQL %s, median of %s runs per query, %s, jit %s',
              current_setting('server_version'), :runs,
              (SELECT 'parallel workers launched: '
                      || string_agg(label || ' ' || workers, ', ') FROM bench_plan),
              current_setting('jit')) AS "benchmark";

WITH med AS (
    SELECT q.label, percentile_cont(0.5) WITHIN GROUP (ORDER BY t.ms) AS ms
    FROM bench_query q JOIN bench_time t USING (id)
    GROUP BY q.label
), rows AS (
    SELECT c.id, c.test, c.query, m.ms, c.baseline, b.ms AS baseline_ms,
           m.ms / b.ms AS ratio,
           CASE WHEN c.target IS NULL THEN ''
                WHEN c.target >= 1 THEN '<= ' || to_char(c.target, 'FM0.00')
                ELSE '<= ' || to_char(c.target, 'FM0.00')
                     || ' (' || to_char(1 / c.target, 'FM0.0') || 'x faster)' END AS target,
           CASE WHEN c.target IS NULL OR m.ms IS NULL THEN ''
                WHEN m.ms / b.ms <= c.target THEN 'PASS' ELSE 'MISS' END AS result
    FROM bench_cmp c LEFT JOIN med m ON m.label = c.query
                     LEFT JOIN med b ON b.label = c.baseline
    UNION ALL
    -- (f): nps's parallel speed-up (serial / parallel) relative to count's
    SELECT 9, 'f', 'nps speed-up', ns.ms / np.ms, 'count speed-up', cs.ms / cp.ms,
           (ns.ms / np.ms) / (cs.ms / cp.ms), '>= 0.90 (within 10%)',
           CASE WHEN (ns.ms / np.ms) / (cs.ms / cp.ms) >= 0.90 THEN 'PASS' ELSE 'MISS' END
    FROM med cs, med cp, med ns, med np
    WHERE cs.label = 'count(score)' AND cp.label = 'count(score) par2'
      AND ns.label = 'nps(score)' AND np.label = 'nps(score) par2'
)
SELECT test, query,
       CASE WHEN id = 9 THEN to_char(ms, 'FM990.00x') ELSE to_char(ms, 'FM999990.0') END
           AS "median ms",
       baseline,
       CASE WHEN id = 9 THEN to_char(baseline_ms, 'FM990.00x')
            ELSE to_char(baseline_ms, 'FM999990.0') END AS "baseline ms",
       to_char(ratio, 'FM990.000') AS ratio, target, result
FROM rows
ORDER BY id;
SQL
