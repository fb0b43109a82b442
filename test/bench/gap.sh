#!/usr/bin/env bash
# test/bench/gap.sh: the gap-model aggregates against their plain-SQL
# equivalents.  A benchmark, not a test: the figures are for reading, and it
# fails only when an aggregate's answer differs from its plain-SQL
# equivalent's (by 1e-12 relative or more).
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
. "$(dirname "$0")/../lib/suite.sh"
cd "$(dirname "$0")/../.."
ROWS=${ROWS:-10000000}
RUNS=${RUNS:-5}
in_cluster -t "${bench_settings[@]}" -o jit=off -o work_mem=256MB -- "$@"

q_table -v rows="$ROWS" -v runs="$RUNS" <<'SQL'
\pset footer off
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS csm;
CREATE EXTENSION IF NOT EXISTS pg_prewarm;
SET max_parallel_workers_per_gather = 0;
\i test/lib/timing.sql

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

CREATE TEMP TABLE gap_query (ord int, name text, baseline text, sql text);
INSERT INTO gap_query VALUES
  (1, 'count(*)', 'count', 'SELECT count(w) FROM bench_gap'),
  (2, 'plain SQL sum(w*(p-e))/sum(w)', 'plain', 'SELECT sum(w * (p - e)) / sum(w) FROM bench_gap'),
  (3, 'csi_weighted_gap(p, e, w)', 'csm', 'SELECT csi_weighted_gap(p, e, w) FROM bench_gap'),
  (4, 'plain SQL avg(p - e)', 'plain2', 'SELECT avg(p - e) FROM bench_gap'),
  (5, 'servqual_gap(p, e)', 'csm2', 'SELECT servqual_gap(p, e) FROM bench_gap'),
  (6, 'plain SQL SERVQUAL (items -> dimensions -> mean)', 'plain3',
   $q$SELECT avg(d) FROM (SELECT avg(g) AS d FROM (SELECT item, avg(p - e) AS g FROM bench_sq GROUP BY item) i
      GROUP BY CASE WHEN item <= 4 THEN 1 WHEN item <= 9 THEN 2 WHEN item <= 13 THEN 3 WHEN item <= 17 THEN 4 ELSE 5 END) dd$q$),
  (7, 'servqual(item, p, e)', 'csm3', 'SELECT (servqual(item, p, e)).overall FROM bench_sq');
WITH t AS (SELECT ord, name, baseline, pg_temp.median_ms(sql, :runs) AS ms FROM gap_query)
SELECT name, ms,
       CASE baseline WHEN 'csm' THEN round((SELECT ms FROM t WHERE baseline = 'plain') / ms, 2)
                     WHEN 'csm2' THEN round((SELECT ms FROM t WHERE baseline = 'plain2') / ms, 2)
                     WHEN 'csm3' THEN round((SELECT ms FROM t WHERE baseline = 'plain3') / ms, 2) END
         AS "speed-up vs plain SQL"
FROM t ORDER BY ord;

-- Each csm aggregate gives its plain-SQL equivalent's answer, so that a
-- wrong number does not pass unseen.
DO $$
DECLARE c record; got float8; want float8;
BEGIN
  FOR c IN SELECT m.name, m.sql AS csm, p.sql AS plain FROM gap_query m
           JOIN gap_query p ON p.baseline = replace(m.baseline, 'csm', 'plain') ORDER BY m.ord LOOP
    EXECUTE c.csm INTO got;
    EXECUTE c.plain INTO want;
    IF (abs(got - want) <= 1e-12 * abs(want)) IS NOT TRUE THEN
      RAISE EXCEPTION 'gap.sh: % gives %, its plain-SQL equivalent %', c.name, got, want;
    END IF;
  END LOOP;
END $$;
SQL
