#!/usr/bin/env bash
# test/bench/gap.sh: the gap-model aggregates against their plain-SQL
# equivalents (a benchmark, not a test).
#
#     test/bench/gap.sh                    # 10,000,000 rows, 5 timed runs
#     ROWS=1000000 RUNS=3 test/bench/gap.sh
#
# Prints server-side medians (clock_timestamp() around EXECUTE, one warm-up
# discarded) and ratios to the baseline in the same run; the target is
# csi_weighted_gap >= 1.2x faster than sum(w * (p - e)) / sum(w).
# Starts its own cluster (pg_virtualenv, shared_buffers 2GB, serial plans,
# JIT off) unless PGHOST is set.
set -euo pipefail
. "$(dirname "$0")/../lib/pg.sh"
cd "$(dirname "$0")/../.."
ROWS=${ROWS:-10000000}
RUNS=${RUNS:-5}
if [ "${1:-}" != --inside ] && [ -z "${PGHOST:-}" ]; then
	exec pg_virtualenv -v "$PGVERSION" -t -o shared_buffers=2GB -o max_parallel_workers_per_gather=0 \
		-o jit=off -o autovacuum=off -o work_mem=256MB "$0" --inside
fi

psql -X -q -v ON_ERROR_STOP=1 -v rows="$ROWS" -v runs="$RUNS" <<'SQL'
\pset footer off
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS csm;
CREATE EXTENSION IF NOT EXISTS pg_prewarm;
SET max_parallel_workers_per_gather = 0;
SET bench.runs = :runs;
CREATE FUNCTION pg_temp.median_ms(sql text) RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE t timestamptz; times numeric[] := '{}';
BEGIN
  EXECUTE sql;
  FOR i IN 1..current_setting('bench.runs')::int LOOP
    t := clock_timestamp(); EXECUTE sql;
    times := times || (1000 * extract(epoch FROM clock_timestamp() - t))::numeric;
  END LOOP;
  RETURN round((SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM unnest(times) x)::numeric, 1);
END $$;

DROP TABLE IF EXISTS bench_gap, bench_sq;
CREATE UNLOGGED TABLE bench_gap AS
SELECT (1 + floor(random() * 7))::float8 AS p, (1 + floor(random() * 7))::float8 AS e,
       floor(random() * 100)::float8 AS w
FROM generate_series(1, :rows);
CREATE UNLOGGED TABLE bench_sq AS
SELECT (1 + i % 22)::int AS item, (1 + floor(random() * 7))::float8 AS p, (1 + floor(random() * 7))::float8 AS e
FROM generate_series(1, :rows) i;
VACUUM ANALYZE bench_gap; VACUUM ANALYZE bench_sq;
SELECT pg_prewarm('bench_gap'), pg_prewarm('bench_sq');

WITH q(name, baseline, sql) AS (VALUES
  ('count(*)', 'count', 'SELECT count(w) FROM bench_gap'),
  ('plain SQL sum(w*(p-e))/sum(w)', 'plain', 'SELECT sum(w * (p - e)) / sum(w) FROM bench_gap'),
  ('csi_weighted_gap(p, e, w)', 'csm', 'SELECT csi_weighted_gap(p, e, w) FROM bench_gap'),
  ('plain SQL avg(p - e)', 'plain2', 'SELECT avg(p - e) FROM bench_gap'),
  ('servqual_gap(p, e)', 'csm2', 'SELECT servqual_gap(p, e) FROM bench_gap'),
  ('plain SQL SERVQUAL (items -> dimensions -> mean)', 'plain3',
   $q$SELECT avg(d) FROM (SELECT avg(g) AS d FROM (SELECT item, avg(p - e) AS g FROM bench_sq GROUP BY item) i
      GROUP BY CASE WHEN item <= 4 THEN 1 WHEN item <= 9 THEN 2 WHEN item <= 13 THEN 3 WHEN item <= 17 THEN 4 ELSE 5 END) dd$q$),
  ('servqual(item, p, e)', 'csm3', 'SELECT (servqual(item, p, e)).overall FROM bench_sq')),
t AS (SELECT name, baseline, pg_temp.median_ms(sql) AS ms FROM q)
SELECT name, ms,
       CASE baseline WHEN 'csm' THEN round((SELECT ms FROM t WHERE baseline = 'plain') / ms, 2)
                     WHEN 'csm2' THEN round((SELECT ms FROM t WHERE baseline = 'plain2') / ms, 2)
                     WHEN 'csm3' THEN round((SELECT ms FROM t WHERE baseline = 'plain3') / ms, 2) END
         AS "speed-up vs plain SQL"
FROM t;
SQL
