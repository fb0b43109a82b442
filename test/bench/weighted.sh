#!/usr/bin/env bash
# test/bench/weighted.sh: the weighted ratings aggregates against their
# plain-SQL float8 formulas and against the unweighted aggregates, in every
# executor mode a user meets.  A benchmark, not a test: it prints PASS/MISS
# against the goals of issue 14 and exits 0 whatever they say; it fails
# only when nps(score, weight) and the float8 formula disagree by more than
# rounding (1e-8 relative), so a wrong number does not pass unseen:
#
#   nps(score, weight)     never slower than the plain-SQL float formula,
#                          although csm's sums are exact double-double;
#   nps(score, weight)     within 1.3x of the unweighted nps(score);
#   weighted 5 figures     at least 1.3x faster than their plain-SQL form.
#
#     test/bench/weighted.sh                     # 10,000,000 rows, 7 rounds
#     ROWS=1000000 RUNS=3 test/bench/weighted.sh
#
# Environment: ROWS (default 10000000), RUNS (timed rounds, default 7),
# MODES (default "default off inline"), PGVERSION (the major; default as
# every suite).  The modes are those of test/bench/ratings.sh:
#   default  jit = on with PostgreSQL's default thresholds: what a user gets
#   off      jit = off: the interpreted executor
#   inline   jit = on, every JIT threshold 0: compiled, optimised, inlined
# The JIT column says what EXPLAIN reports JIT did for each query and mode.
#
# It starts its own throwaway cluster (pg_virtualenv -t, shared_buffers 2GB,
# serial plans), creates bench(store, day, score, weight) with ROWS rows
# (scores 0..10 with a realistic NPS distribution and 3% NULL, as in
# ratings.sh; weights arbitrary doubles from 0.25 to 4, as raking or
# post-stratification gives them, so csm takes its general path: TwoProd
# for w², and the inexact-state flag), VACUUM ANALYZEs it and loads it into
# shared_buffers.  Each query runs inside one DO block timed by
# clock_timestamp() around EXECUTE; one warm-up round is discarded, then
# RUNS rounds run every query in every mode in turn (interleaved), and the
# table shows medians.  ratio = median / median of the baseline.
set -euo pipefail
. "$(dirname "$0")/../lib/suite.sh"
cd "$(dirname "$0")/../.."

ROWS=${ROWS:-10000000}
RUNS=${RUNS:-7}
MODES=${MODES:-default off inline}

in_own_cluster -t "${bench_settings[@]}" -o work_mem=64MB -- "$@"

q_table -v rows="$ROWS" -v runs="$RUNS" -v modes="$MODES" <<'SQL'
\pset footer off
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pg_prewarm;
CREATE EXTENSION IF NOT EXISTS csm;
RESET client_min_messages;
\i test/bench/bench_setup.sql

SELECT clock_timestamp() AS load_start \gset
CREATE UNLOGGED TABLE bench (store int, day date, score int, weight float8);
INSERT INTO bench
SELECT 1 + floor(random() * 50)::int,
       date '2025-01-01' + floor(random() * 365)::int,
       CASE WHEN random() < 0.03 THEN NULL ELSE pg_temp.realistic_score(random()) END,
       0.25 * 16 ^ random()
FROM generate_series(1, :rows);
VACUUM (ANALYZE) bench;
SELECT format('bench: %s rows, %s, %s pages prewarmed into shared_buffers, loaded in %s s',
              to_char(:rows, 'FM999,999,999'), pg_size_pretty(pg_relation_size('bench')),
              pg_prewarm('bench'),
              round(extract(epoch FROM clock_timestamp() - :'load_start'::timestamptz), 1))
       AS "setup";

INSERT INTO bench_query (id, label, sql) VALUES
 (1, 'count(score)', 'SELECT count(score) FROM bench'),
 (2, 'nps(score)', 'SELECT nps(score) FROM bench'),
 (3, 'nps(score, weight)', 'SELECT nps(score, weight) FROM bench'),
 (4, 'SQL weighted nps',
     'SELECT 100 * (sum(weight) FILTER (WHERE score >= 9) - sum(weight) FILTER (WHERE score <= 6))
             / sum(weight) FILTER (WHERE score IS NOT NULL) FROM bench'),
 (5, 'SQL weighted 5 figures',
     'SELECT 100 * (p - d) / w, 100 * p / w, 100 * pa / w, 100 * d / w, n
      FROM (SELECT sum(weight) FILTER (WHERE score >= 9) AS p,
                   sum(weight) FILTER (WHERE score BETWEEN 7 AND 8) AS pa,
                   sum(weight) FILTER (WHERE score <= 6) AS d,
                   sum(weight) FILTER (WHERE score IS NOT NULL) AS w,
                   count(score) AS n
            FROM bench) s'),
 (6, 'weighted 5 figures, 2-level',
     'SELECT nps(r), promoter_pct(r), passive_pct(r), detractor_pct(r), rating_count(r)
      FROM (SELECT rating_agg(score, weight) AS r FROM bench) s'),
 (7, 'weighted 5 figures, 1-level',
     'SELECT nps(rating_agg(score, weight)), promoter_pct(rating_agg(score, weight)),
             passive_pct(rating_agg(score, weight)), detractor_pct(rating_agg(score, weight)),
             rating_count(rating_agg(score, weight))
      FROM bench'),
 (8, 'SQL weighted nps by store',
     'SELECT store, 100 * (sum(weight) FILTER (WHERE score >= 9) - sum(weight) FILTER (WHERE score <= 6))
                    / sum(weight) FILTER (WHERE score IS NOT NULL)
      FROM bench GROUP BY store'),
 (9, 'nps(score, weight) by store', 'SELECT store, nps(score, weight) FROM bench GROUP BY store');

-- ratio = median(query) / median(baseline), PASS when ratio <= target (issue 14's goals).
INSERT INTO bench_cmp VALUES
 (1, 'nps(score, weight)',           'SQL weighted nps',          1.00),
 (2, 'nps(score, weight)',           'nps(score)',                1.30),
 (3, 'weighted 5 figures, 2-level',  'SQL weighted 5 figures',    1 / 1.3),
 (4, 'weighted 5 figures, 1-level',  'SQL weighted 5 figures',    1 / 1.3),
 (5, 'nps(score, weight) by store',  'SQL weighted nps by store', 1.00),
 (6, 'nps(score, weight)',           'count(score)',              NULL);

\i test/bench/bench_run.sql

-- The answers agree: csm's exact sums and the float8 formula differ in the last digits only.
CREATE TEMP TABLE answers AS
SELECT nps(score, weight) AS weighted,
       100 * (sum(weight) FILTER (WHERE score >= 9) - sum(weight) FILTER (WHERE score <= 6))
       / sum(weight) FILTER (WHERE score IS NOT NULL) AS formula,
       nps(score) AS unweighted
FROM bench;
SELECT round(weighted::numeric, 9) AS "nps(score, weight)", round(formula::numeric, 9) AS "float8 formula",
       round(unweighted::numeric, 3) AS "nps(score)"
FROM answers;
DO $$
BEGIN
  IF (SELECT abs(weighted - formula) <= 1e-8 * abs(formula) FROM answers) IS NOT TRUE THEN
    RAISE EXCEPTION 'weighted.sh: nps(score, weight) differs from the float8 formula beyond rounding';
  END IF;
END $$;

SQL
