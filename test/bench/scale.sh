#!/usr/bin/env bash
# test/bench/scale.sh: scale figures for rollups.  A benchmark, not a test:
# the figures are for reading, and it fails only when the rolled-up 90-day
# report of (1) differs from the same report from the raw answers.
#
#   (1) a year of daily summaries for 500 stores, rolled up for a 90-day
#       per-store NPS, vs the same report from the raw answers;
#   (2) GROUP BY with 1M groups over 10M rows: time and hash-table memory of
#       nps(score) vs the plain-SQL formula, with work_mem large enough not
#       to spill (so the memory figure is the whole table).
#
#     test/bench/scale.sh                       # defaults below
#     PER_DAY=20 RUNS=3 test/bench/scale.sh     # smaller
#
# Environment: PER_DAY (answers per store and day, default 40: 7.3M rows),
# GROUP_ROWS (default 10000000), NGROUPS (default 1000000), RUNS (default 5).
# Times are server-side medians (clock_timestamp() around EXECUTE).
set -euo pipefail
. "$(dirname "$0")/../lib/suite.sh"
cd "$(dirname "$0")/../.."
PER_DAY=${PER_DAY:-40}
GROUP_ROWS=${GROUP_ROWS:-10000000}
NGROUPS=${NGROUPS:-1000000}
RUNS=${RUNS:-5}

in_cluster -t "${bench_settings[@]}" -o jit=off -- "$@"

q_table -v per_day="$PER_DAY" -v group_rows="$GROUP_ROWS" \
	-v ngroups="$NGROUPS" -v runs="$RUNS" <<'SQL'
\pset footer off
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS csm;
CREATE EXTENSION IF NOT EXISTS pg_prewarm;
SET max_parallel_workers_per_gather = 0;
\i test/lib/timing.sql

-- (1) rollups ---------------------------------------------------------------
CREATE UNLOGGED TABLE raw (day date, store int, score int);
INSERT INTO raw
SELECT date '2025-01-01' + d, s, floor(random() * 11)::int
FROM generate_series(0, 364) d, generate_series(1, 500) s, generate_series(1, :per_day) k;
CREATE UNLOGGED TABLE daily AS SELECT day, store, rating_agg(score) AS s FROM raw GROUP BY 1, 2;
ALTER TABLE daily ADD PRIMARY KEY (day, store);
VACUUM ANALYZE raw; VACUUM ANALYZE daily;
SELECT pg_prewarm('raw'), pg_prewarm('daily');

SELECT count(*) AS raw_rows, (SELECT count(*) FROM daily) AS summary_rows FROM raw;
WITH t AS (
  SELECT pg_temp.median_ms($q$SELECT store, nps(score) FROM raw
                              WHERE day >= date '2025-10-03' GROUP BY store$q$, :runs) AS raw_ms,
         pg_temp.median_ms($q$SELECT store, nps(rollup(s)) FROM daily
                              WHERE day >= date '2025-10-03' GROUP BY store$q$, :runs) AS rollup_ms)
SELECT '90-day NPS per store' AS query, raw_ms, rollup_ms,
       round(raw_ms / rollup_ms, 1) AS "rollup speed-up (target >= 100)"
FROM t;
DO $$
BEGIN
  IF EXISTS (SELECT FROM (SELECT store, nps(score) AS n FROM raw WHERE day >= date '2025-10-03' GROUP BY store) r
             FULL JOIN (SELECT store, nps(rollup(s)) AS n FROM daily WHERE day >= date '2025-10-03' GROUP BY store) d
             USING (store)
             WHERE r.n IS DISTINCT FROM d.n) THEN
    RAISE EXCEPTION 'scale.sh: the rolled-up 90-day NPS differs from the one from the raw answers';
  END IF;
END $$;

-- (2) 1M groups ---------------------------------------------------------------
DROP TABLE raw;
CREATE UNLOGGED TABLE many (g int, score int);
INSERT INTO many SELECT floor(random() * :ngroups)::int, floor(random() * 11)::int
FROM generate_series(1, :group_rows);
VACUUM ANALYZE many;
SELECT pg_prewarm('many');
SET work_mem = '4GB';
CREATE FUNCTION pg_temp.hash_kb(sql text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE line text;
BEGIN
  FOR line IN EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) ' || sql LOOP
    IF line ~ 'Memory Usage: \d+kB' THEN
      RETURN substring(line FROM 'Memory Usage: (\d+)kB')::bigint;
    END IF;
  END LOOP;
  RETURN NULL;
END $$;
SELECT q AS query, pg_temp.median_ms(sql, :runs) AS ms, round(pg_temp.hash_kb(sql) / 1024.0, 1) AS hash_mb
FROM (VALUES
  ('nps(score), 1M groups', 'SELECT g, nps(score) FROM many GROUP BY g'),
  ('plain-SQL NPS, 1M groups',
   'SELECT g, 100.0 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6)) / count(score) FROM many GROUP BY g'),
  ('count(score), 1M groups', 'SELECT g, count(score) FROM many GROUP BY g')) v(q, sql);
SQL
