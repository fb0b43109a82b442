#!/usr/bin/env bash
# test/bench/columnar.sh: the ratings report over a heap table and over the
# same answers in Citus's columnar storage (USING columnar), on one node.
# A benchmark, not a test (test/citus checks that the answers are equal; so
# does this script, for its own data): prints the on-disk sizes, the load
# times and the median report times.
#
#     PGVERSION=18 test/bench/columnar.sh          # 10,000,000 answers, 7 timed runs
#     ROWS=1000000 RUNS=3 PGVERSION=15 test/bench/columnar.sh
#
# Needs Citus and csm installed for $PGVERSION.  It starts its own throwaway
# cluster (pg_virtualenv, shared_preload_libraries = citus, shared_buffers =
# 2GB, serial plans: columnar scans are not parallel, so the heap's are not
# either, jit off, autovacuum off).  The answers (deterministic: hashes of the
# row number) are those of a feedback archive: account, time, store (500),
# channel, and the NPS, CSAT and CES answers, with 3% of NPS answers NULL.
#
# Timing as in test/bench/ratings.sh: server-side wall time around EXECUTE in
# a DO block, one warm-up round (which also brings both tables into memory),
# then RUNS rounds, heap and columnar interleaved; the median is shown.
set -euo pipefail
. "$(dirname "$0")/../lib/suite.sh"
cd "$(dirname "$0")/../.."

ROWS=${ROWS:-10000000}
RUNS=${RUNS:-7}

[ -f "$("$PG_CONFIG" --pkglibdir)/citus.so" ] || fail "Citus is not installed for PostgreSQL $PGVERSION"
in_own_cluster "${bench_settings[@]}" -o shared_preload_libraries=citus -o work_mem=64MB -o jit=off -- "$@"

q_table -v rows="$ROWS" -v runs="$RUNS" <<'SQL'
\pset footer off
SET client_min_messages = warning;
CREATE EXTENSION citus;
CREATE EXTENSION IF NOT EXISTS citus_columnar;
CREATE EXTENSION csm;
RESET client_min_messages;
SET bench.runs = :runs;

SELECT format('PostgreSQL %s, Citus %s, csm %s, %s answers',
              current_setting('server_version'), (SELECT extversion FROM pg_extension WHERE extname = 'citus'),
              (SELECT extversion FROM pg_extension WHERE extname = 'csm'), to_char(:rows, 'FM999,999,999'))
       AS "columnar.sh";

CREATE TABLE answers_heap (
	account_id   bigint NOT NULL,
	answered_at  timestamp NOT NULL,
	store        text NOT NULL,
	channel      text NOT NULL,
	recommend    int,
	satisfaction int,
	effort       int
);
CREATE TABLE answers_columnar (LIKE answers_heap) USING columnar;

CREATE TEMP TABLE load (tbl text, seconds numeric);
SELECT clock_timestamp() AS t0 \gset
INSERT INTO answers_heap
SELECT 1 + h1 % 2000, timestamp '2025-01-01' + (h2 % 31536000) * interval '1 second',
       'store ' || lpad((1 + h1 % 500)::text, 3, '0'),
       (ARRAY['web', 'app', 'email', 'sms'])[1 + h3 % 4],
       CASE WHEN h4 % 33 = 0 THEN NULL
            ELSE (ARRAY[0, 0, 1, 2, 2, 3, 3, 4, 4, 4, 5, 5, 5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 6,
                        7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
                        8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8,
                        9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9,
                        10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10])
                 [1 + h4 % 100] END,
       (ARRAY[1, 2, 3, 3, 4, 4, 4, 5, 5, 5])[1 + h5 % 10],
       1 + h6 % 7
FROM generate_series(1, :rows) i,
     LATERAL (SELECT hashint8(i)::bigint + 2147483648 AS h1, hashint8(-i)::bigint + 2147483648 AS h2,
                     hashint4(i)::bigint + 2147483648 AS h3, hashint4(-i)::bigint + 2147483648 AS h4,
                     hashint8(i + 4294967296)::bigint + 2147483648 AS h5,
                     hashint8(i - 4294967296)::bigint + 2147483648 AS h6) h
ORDER BY 2;   -- as an archive is written: in time order
INSERT INTO load SELECT 'heap (generated, in time order)', round(extract(epoch FROM clock_timestamp() - :'t0'::timestamptz), 1);
SELECT clock_timestamp() AS t0 \gset
INSERT INTO answers_columnar SELECT * FROM answers_heap;
INSERT INTO load SELECT 'columnar (from the heap table)', round(extract(epoch FROM clock_timestamp() - :'t0'::timestamptz), 1);
VACUUM (ANALYZE) answers_heap;
ANALYZE answers_columnar;
CHECKPOINT;

SELECT v.rel AS "table", pg_size_pretty(pg_total_relation_size(v.rel::regclass)) AS "on disk",
       pg_total_relation_size(v.rel::regclass) AS bytes, l.tbl AS "loaded", l.seconds AS "load s"
FROM (VALUES ('answers_heap', 'heap (generated, in time order)'), ('answers_columnar', 'columnar (from the heap table)')) v(rel, name)
JOIN load l ON l.tbl = v.name ORDER BY 1 DESC;
SELECT round(pg_total_relation_size('answers_heap')::numeric / pg_total_relation_size('answers_columnar'), 1)
       AS "heap / columnar size";

-- The ratings report: per store, every rating metric and the NPS interval.
CREATE TEMP TABLE bench_query (id int, label text, sql text);
INSERT INTO bench_query VALUES
 (1, 'ratings report, heap',
  'SELECT store, rating_agg(recommend), nps(recommend), nps_ci(recommend), csat_top2(satisfaction),
          csat_topbox(satisfaction), ces_avg(effort) FROM answers_heap GROUP BY store'),
 (2, 'ratings report, columnar', NULL),
 (3, 'nps by store, heap', 'SELECT store, nps(recommend) FROM answers_heap GROUP BY store'),
 (4, 'nps by store, columnar', NULL);
UPDATE bench_query b SET sql = replace(h.sql, 'answers_heap', 'answers_columnar')
FROM bench_query h WHERE b.sql IS NULL AND h.id = b.id - 1;

-- The same answers from both tables, before timing anything.
DO $$
DECLARE heap text; col text;
BEGIN
  EXECUTE format('SELECT string_agg(r::text, E''\n'' ORDER BY r::text) FROM (%s) r',
                 (SELECT sql FROM bench_query WHERE id = 1)) INTO heap;
  EXECUTE format('SELECT string_agg(r::text, E''\n'' ORDER BY r::text) FROM (%s) r',
                 (SELECT sql FROM bench_query WHERE id = 2)) INTO col;
  IF heap IS DISTINCT FROM col THEN
    RAISE EXCEPTION 'the ratings report differs between heap and columnar';
  END IF;
END $$;
SELECT 'equal on heap and columnar' AS "ratings report";

CREATE TEMP TABLE bench_time (id int, ms float8);
DO $$
DECLARE
    runs int := current_setting('bench.runs')::int;
    ids int[] := '{}'; mss float8[] := '{}';
    q record; t0 timestamptz;
BEGIN
    FOR r IN 0 .. runs LOOP                         -- round 0 is the warm-up
        FOR q IN SELECT * FROM bench_query ORDER BY id LOOP
            t0 := clock_timestamp();
            EXECUTE q.sql;
            IF r > 0 THEN
                ids := ids || q.id;
                mss := mss || 1000 * extract(epoch FROM clock_timestamp() - t0)::float8;
            END IF;
        END LOOP;
    END LOOP;
    INSERT INTO bench_time SELECT * FROM unnest(ids, mss);
END
$$;
SELECT b.label AS query, round(percentile_cont(0.5) WITHIN GROUP (ORDER BY t.ms)::numeric, 1) AS "median ms",
       round(min(t.ms)::numeric, 1) AS "min ms", round(max(t.ms)::numeric, 1) AS "max ms"
FROM bench_time t JOIN bench_query b USING (id) GROUP BY b.id, b.label ORDER BY b.id;
SQL
