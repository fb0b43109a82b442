#!/usr/bin/env bash
# test/bench/monitoring.sh: control charts over stored weekly summaries
# against the window query that only rolls the same summaries up, in every
# executor mode a user meets, and the run-length functions' times.  A
# benchmark, not a test: it prints PASS/MISS against the goals of issue 23
# and exits 0 whatever they say; it fails only when the charts' answers
# disagree with the plain-SQL formulas beside them or with each other:
#
#   limits, EWMA and a signal per row, in one query      <= 2x the window query
#     nps(rollup(s) OVER (PARTITION BY store ORDER BY week)), which has the
#     same sort: with the baselines stored in a table and joined, and with
#     the baselines computed in the same query (a full-partition window);
#   ewma_arl and cusum_arl                                 < 50 ms each.
#
#     test/bench/monitoring.sh                     # 10,000 stores x 52 weeks, 5 rounds
#     STORES=100000 test/bench/monitoring.sh       # the issue's 100,000 stores
#     STORES=2000 RUNS=3 MODES=off test/bench/monitoring.sh
#
# Environment: STORES (default 10000), WEEKS (default 52), RUNS (timed
# rounds, default 5), MODES (default "default off inline"), PGVERSION (the
# major; default as every suite).  The modes are those of
# test/bench/ratings.sh:
#   default  jit = on with PostgreSQL's default thresholds: what a user gets
#   off      jit = off: the interpreted executor
#   inline   jit = on, every JIT threshold 0: compiled, optimised, inlined
# The JIT column says what EXPLAIN reports JIT did for each query and mode.
#
# It starts its own throwaway cluster (pg_virtualenv -t, shared_buffers 2GB,
# serial plans), creates weekly(store, week, s rating_summary) with STORES x
# WEEKS summaries of 20 to 300 answers (a realistic NPS, one store in ten
# with a real shift after week 30, one week in a hundred without answers),
# and baselines(store, b) from each store's first 20 weeks.  Each query runs
# inside one DO block timed by clock_timestamp() around EXECUTE, its rows
# consumed by an aggregate; one warm-up round is discarded, then RUNS rounds
# run every query in every mode in turn (interleaved), and the table shows
# medians.  ratio = median / median of the baseline.
set -euo pipefail
. "$(dirname "$0")/../lib/suite.sh"
cd "$(dirname "$0")/../.."

STORES=${STORES:-10000}
WEEKS=${WEEKS:-52}
RUNS=${RUNS:-5}
MODES=${MODES:-default off inline}

in_own_cluster -t "${bench_settings[@]}" -o work_mem=512MB -- "$@"

q_table -v rows="$((STORES * WEEKS))" -v stores="$STORES" -v weeks="$WEEKS" -v runs="$RUNS" \
	-v modes="$MODES" <<'SQL'
\pset footer off
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pg_prewarm;
CREATE EXTENSION IF NOT EXISTS csm;
RESET client_min_messages;
\i test/bench/bench_setup.sql
\i test/lib/timing.sql

-- One week of a store: n answers, detractors rate 3 or 6, passives 7 or 8,
-- promoters 9 or 10; after a shift, 8 points more detractors.
CREATE FUNCTION pg_temp.week_summary(n int, shifted bool, u float8[]) RETURNS rating_summary
LANGUAGE sql AS $$
SELECT CASE WHEN n = 0 THEN '{}'::rating_summary ELSE
       format('{3:%s,6:%s,7:%s,8:%s,9:%s,10:%s}', d / 2, d - d / 2, pa / 2, pa - pa / 2,
              n - d - pa - (n - d - pa) / 2, (n - d - pa) / 2)::rating_summary END
FROM (SELECT round(n * ((CASE WHEN shifted THEN 0.30 ELSE 0.22 END) + 0.06 * (u[1] - 0.5)))::int AS d,
             round(n * (0.33 + 0.06 * (u[2] - 0.5)))::int AS pa) x
$$;

SELECT clock_timestamp() AS load_start \gset
CREATE UNLOGGED TABLE weekly (store int, week int, s rating_summary);
INSERT INTO weekly
SELECT store, week,
       pg_temp.week_summary(CASE WHEN random() < 0.01 THEN 0 ELSE 20 + floor(random() * 281)::int END,
                            store % 10 = 0 AND week > 30, ARRAY[random(), random()])
FROM generate_series(1, :stores) store, generate_series(1, :weeks) week;
CREATE UNLOGGED TABLE baselines AS
SELECT store, nps_baseline(s ORDER BY week) AS b FROM weekly WHERE week <= 20 GROUP BY store;
VACUUM (ANALYZE) weekly;
VACUUM (ANALYZE) baselines;
SELECT format('weekly: %s stores x %s weeks, %s; baselines: %s; %s pages prewarmed, loaded in %s s',
              to_char(:stores, 'FM999,999,999'), :weeks, pg_size_pretty(pg_relation_size('weekly')),
              pg_size_pretty(pg_relation_size('baselines')),
              pg_prewarm('weekly') + pg_prewarm('baselines'),
              round(extract(epoch FROM clock_timestamp() - :'load_start'::timestamptz), 1))
       AS "setup";

INSERT INTO bench_query (id, label, sql) VALUES
 (1, 'window nps(rollup(s))',
     'SELECT sum(x) FROM (SELECT nps(rollup(s) OVER (PARTITION BY store ORDER BY week)) AS x
                          FROM weekly) q'),
 (2, 'window nps(rollup(s)), baselines joined',
     'SELECT sum(x) FROM (SELECT nps(rollup(s) OVER (PARTITION BY store ORDER BY week)) AS x
                          FROM weekly JOIN baselines USING (store)) q'),
 (3, 'limits + EWMA + signal, stored baselines',
     'SELECT count(*) FILTER (WHERE (c).signal <> ''none'' OR (e).signal <> ''none'')
      FROM (SELECT control_limits(s, b) AS c,
                   ewma_chart(s, b) OVER (PARTITION BY store ORDER BY week) AS e
            FROM weekly JOIN baselines USING (store)) q'),
 (4, 'limits + EWMA + signal, baselines in the query',
     'SELECT count(*) FILTER (WHERE (c).signal <> ''none'' OR (e).signal <> ''none'')
      FROM (SELECT control_limits(s, b) AS c,
                   ewma_chart(s, b) OVER (PARTITION BY store ORDER BY week) AS e
            FROM (SELECT store, week, s,
                         nps_baseline(s) FILTER (WHERE week <= 20) OVER (PARTITION BY store ORDER BY week
                           ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS b
                  FROM weekly) w) q'),
 (5, 'limits + EWMA + CUSUM + run rules, stored baselines',
     'SELECT count(*) FILTER (WHERE (c).signal <> ''none'' OR (e).signal <> ''none''
                              OR (u).signal <> ''none'' OR (r).runs_signal)
      FROM (SELECT control_limits(s, b) AS c,
                   ewma_chart(s, b) OVER w AS e, cusum_chart(s, b) OVER w AS u,
                   run_rules(s, b) OVER w AS r
            FROM weekly JOIN baselines USING (store)
            WINDOW w AS (PARTITION BY store ORDER BY week)) q');

-- ratio = median(query) / median(baseline), PASS when ratio <= target (issue 23's goal).
INSERT INTO bench_cmp VALUES
 (1, 'limits + EWMA + signal, stored baselines',        'window nps(rollup(s))', 2.00),
 (2, 'limits + EWMA + signal, baselines in the query',  'window nps(rollup(s))', 2.00),
 (3, 'limits + EWMA + signal, stored baselines',        'window nps(rollup(s)), baselines joined', NULL),
 (4, 'limits + EWMA + CUSUM + run rules, stored baselines', 'window nps(rollup(s))', NULL);

\i test/bench/bench_run.sql

-- The run lengths: server-side median of 5 calls each, warm-up discarded.
\echo
SELECT call AS "run length", ms, CASE WHEN ms < 50 THEN 'PASS' ELSE 'MISS' END AS "< 50 ms"
FROM (SELECT call, pg_temp.median_ms('SELECT ' || call, 5) AS ms FROM unnest(ARRAY['ewma_arl(0.2, 3)', 'ewma_arl(0.2, 2.962, 0, ''asymptotic'')',
                  'ewma_arl(0.05, 2.615, 0.5)', 'ewma_arl(0.01, 3)', 'ewma_arl(0.01, 3, 0, ''asymptotic'')',
                  'cusum_arl(0.5, 5)', 'cusum_arl(0.25, 8, 0.5)', 'cusum_arl(0.1, 20)']) call) t;

-- The answers.  (a) The two ways of getting the baselines chart the same
-- rows.  (b) Every row's z and Shewhart signal are the plain-SQL formula's:
-- (nps(s) - centre) / sqrt(variance / n), a signal beyond 3.  (c) The EWMA of
-- the first 500 stores is the closed form sum lambda (1 - lambda)^(t - j) z_j
-- over the weeks with answers, in plain SQL.
CREATE TEMP TABLE chart AS
SELECT store, week, s, b, c, e, t,
       (nps(s) - (b).centre) / sqrt((b).variance / nullif(rating_count(s), 0)) AS z_sql
FROM (SELECT store, week, s, b, control_limits(s, b) AS c,
             ewma_chart(s, b) OVER w AS e,
             count(*) FILTER (WHERE rating_count(s) > 0) OVER w AS t
      FROM weekly JOIN baselines USING (store)
      WINDOW w AS (PARTITION BY store ORDER BY week)) q;
CREATE TEMP TABLE chart2 AS
SELECT store, week, control_limits(s, b) AS c, ewma_chart(s, b) OVER (PARTITION BY store ORDER BY week) AS e
FROM (SELECT store, week, s,
             nps_baseline(s) FILTER (WHERE week <= 20) OVER (PARTITION BY store ORDER BY week
               ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS b
      FROM weekly) w;
CREATE TEMP TABLE checks AS
SELECT (SELECT count(*) FROM chart a FULL JOIN chart2 b USING (store, week)
        WHERE a.c::text IS DISTINCT FROM b.c::text OR a.e::text IS DISTINCT FROM b.e::text) AS "baselines differ",
       (SELECT count(*) FROM chart
        WHERE rating_count(s) > 0 AND NOT (abs((c).z - z_sql) <= 1e-9 * greatest(1, abs(z_sql))
              AND ((c).signal <> 'none') = (abs(z_sql) > 3 OR abs(abs(z_sql) - 3) <= 1e-9))) AS "z or signal differ",
       (SELECT count(*) FROM chart) AS "rows charted",
       (SELECT count(*) FILTER (WHERE (c).signal <> 'none') FROM chart) AS "Shewhart signals",
       (SELECT count(*) FILTER (WHERE (e).signal <> 'none') FROM chart) AS "EWMA signals";
CREATE TEMP TABLE ewma_sql AS
SELECT store, week, (e).ewma AS ewma,
       power(0.8, t) * sum(CASE WHEN rating_count(s) > 0 THEN 0.2 * power(0.8, -t) * z_sql END)
         OVER (PARTITION BY store ORDER BY week) AS closed_form
FROM chart WHERE store <= 500;
SELECT *, (SELECT count(*) FROM ewma_sql
           WHERE ewma IS DISTINCT FROM closed_form
             AND NOT abs(ewma - closed_form) <= 1e-9 * greatest(1, abs(closed_form))) AS "EWMA differs"
FROM checks;
DO $$
BEGIN
  IF (SELECT "baselines differ" + "z or signal differ" FROM checks) <> 0
     OR EXISTS (SELECT FROM ewma_sql WHERE ewma IS DISTINCT FROM closed_form
                AND NOT abs(ewma - closed_form) <= 1e-9 * greatest(1, abs(closed_form))) THEN
    RAISE EXCEPTION 'monitoring.sh: the charts disagree with the plain-SQL formulas or with each other';
  END IF;
END $$;
SQL
