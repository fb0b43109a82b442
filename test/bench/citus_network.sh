#!/usr/bin/env bash
# test/bench/citus_network.sh: what the coordinator receives from the
# workers for the stores report on a distributed feedback table, when Citus
# splits csm's aggregates (partial summaries cross the network) and when a
# plain-SQL aggregate it cannot split (percentile_cont) in the same query
# makes it pull every answer.  A benchmark, not a test (test/citus checks
# both plans and their answers).
#
#     PGVERSION=18 test/bench/citus_network.sh       # 10,000,000 answers, 500 stores, 32 shards
#     ROWS=1000000 SHARDS=8 PGVERSION=15 test/bench/citus_network.sh
#
# Needs Citus and csm installed for $PGVERSION, and ss (iproute2).  It
# starts a coordinator and two workers on loopback ports
# (test/citus/cluster.sh, with pg_stat_statements), distributes feedback by
# account_id and generates the answers on the workers (deterministic: hashes
# of the row number; 2,000 accounts, each answering for about 3 stores).
#
# What is counted, for one run of each query after a warm-up run, in one
# psql session that Citus serves through one connection per worker:
#   rows   the rows the workers returned (their pg_stat_statements);
#   bytes  what the coordinator's sockets to the workers received (the
#          kernel's tcp_info counters, read with ss): the whole wire
#          traffic, protocol included;
#   ms     the query's wall time in the session;
#   Citus's own count of tuple data received, from EXPLAIN (ANALYZE,
#          VERBOSE) summed over the tasks, as a cross-check; EXPLAIN ANALYZE
#          of a split custom aggregate fails on Citus 12 ("column field_1
#          has pseudo-type cstring").
set -euo pipefail
. "$(dirname "$0")/../lib/suite.sh"
cd "$(dirname "$0")/../citus"
. ./cluster.sh

ROWS=${ROWS:-10000000}
SHARDS=${SHARDS:-32}
STORES=${STORES:-500}

citus_installed || fail "Citus is not installed for PostgreSQL $PGVERSION"
citus_start -o shared_preload_libraries=citus,pg_stat_statements -o citus.shard_count="$SHARDS" -o shared_buffers=1GB -o work_mem=64MB \
	-o max_wal_size=10GB -o checkpoint_timeout=1h -o autovacuum=off
coord -c "CREATE EXTENSION csm" -c "CREATE EXTENSION pg_stat_statements"
coord -v rows="$ROWS" -v stores="$STORES" <<'SQL' >/dev/null
CREATE TABLE feedback (
  account_id   bigint NOT NULL,
  answered_at  timestamp NOT NULL,
  store        text NOT NULL,
  recommend    int,
  satisfaction int,
  effort       int
);
SELECT create_distributed_table('feedback', 'account_id');
-- 2,000 accounts, generated on the workers: a co-located INSERT ... SELECT.
CREATE TABLE accounts (account_id bigint PRIMARY KEY);
SELECT create_distributed_table('accounts', 'account_id', colocate_with => 'feedback');
INSERT INTO accounts SELECT generate_series(1, 2000);
INSERT INTO feedback
SELECT a.account_id, timestamp '2025-01-01' + (h1 % 31536000) * interval '1 second',
       'store ' || lpad((1 + (a.account_id * 7 + h2 % 3) % :stores)::text, 4, '0'),
       CASE WHEN h3 % 33 = 0 THEN NULL ELSE (ARRAY[0, 1, 2, 3, 4, 5, 5, 6, 6, 7, 7, 7, 8, 8, 8, 9, 9, 9, 10, 10])[1 + h3 % 20] END,
       (ARRAY[1, 2, 3, 3, 4, 4, 4, 5, 5, 5])[1 + h4 % 10],
       1 + h2 % 7
FROM accounts a, generate_series(1, :rows / 2000) i,
     LATERAL (SELECT hashint8(a.account_id * 100000 + i)::bigint + 2147483648 AS h1,
                     hashint8(-(a.account_id * 100000 + i))::bigint + 2147483648 AS h2,
                     hashint4(i)::bigint + 2147483648 + a.account_id AS h3,
                     hashint8(a.account_id * 100000 + i + 4294967296)::bigint + 2147483648 AS h4) h;
VACUUM ANALYZE feedback;
SQL

stores_report='SELECT store, nps(recommend), nps_ci(recommend), csat_top2(satisfaction), ces_avg(effort)'
workers="( dport = :${WORKER_PORTS[0]} or dport = :${WORKER_PORTS[1]} )"

# One psql session on the coordinator, kept open: Citus keeps one
# connection per worker for it (citus.max_adaptive_executor_pool_size = 1),
# so the kernel's byte counters of those sockets (ss) measure each query.
coproc SESSION { exec psql -X -q -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$COORD_PORT" -U postgres -d postgres 2>&1; }
exec 3>&"${SESSION[1]}" 4<&"${SESSION[0]}"
session() {					# session SQL: run one statement, print its output
	local line
	printf '%s;\n\\echo __done__\n' "$1" >&3
	while IFS= read -r line <&4; do [ "$line" = __done__ ] && return 0; echo "$line"; done
	fail "the session ended"
}
session "SET citus.max_adaptive_executor_pool_size = 1" >/dev/null
pid=$(session "SELECT pg_backend_pid()")
received() {				# bytes the session's sockets to the workers have received
	ss -tinpH state established "$workers" |
		awk -v pid="pid=$pid," 'index($0, pid) { mine = 1; next }
			mine { for (i = 1; i <= NF; i++) if ($i ~ /^bytes_received:/) { split($i, a, ":"); n += a[2] }; mine = 0 }
			END { print n + 0 }'
}
measure() {					# measure LABEL STRATEGY SQL: label|rows|bytes|ms
	local b0 b1 ms rows
	session "SET citus.coordinator_aggregation_strategy = '$2'" >/dev/null
	session "$3" >/dev/null			# warm-up, and opens the connections
	coord -c "SELECT run_command_on_workers('SELECT pg_stat_statements_reset()')" >/dev/null
	b0=$(received)
	ms=$(session "SELECT clock_timestamp() AS t0 \\gset
$3 \\g /dev/null
SELECT round(1000 * extract(epoch FROM clock_timestamp() - :'t0'::timestamptz))")
	b1=$(received)
	[ "$b1" -gt "$b0" ] || fail "no bytes counted on the session's sockets"
	# the rows the workers returned for the query (their pg_stat_statements)
	rows=$(coord -c "SELECT sum(result::bigint) FROM run_command_on_workers(
	                 \$\$SELECT coalesce(sum(rows), 0) FROM pg_stat_statements WHERE query LIKE '%feedback_1%'\$\$)")
	echo "$1|$rows|$((b1 - b0))|$ms|$(citus_count "$2" "$3")"
}
# Citus's own count of the tuple data received (EXPLAIN ANALYZE), summed over
# the tasks; EXPLAIN ANALYZE of a split custom aggregate fails on Citus 12.
citus_count() {
	coord -c "SET citus.coordinator_aggregation_strategy = '$1'" -c "SET citus.explain_all_tasks = on" \
		-c "EXPLAIN (ANALYZE, VERBOSE, TIMING OFF, FORMAT JSON) $2" 2>/dev/null |
		/usr/bin/python3 -c '
import json, re, sys
def walk(n):
    yield n
    for c in n.get("Plans", []):
        yield from walk(c)
def size(text):             # pg_size_pretty, as Citus prints it
    m = re.fullmatch(r"(\d+) (bytes|kB|MB|GB|TB)", text)
    return int(m.group(1)) * 1024 ** ["bytes", "kB", "MB", "GB", "TB"].index(m.group(2))
try:
    plan = json.load(sys.stdin)[0]
except ValueError:
    sys.exit(print("n/a: EXPLAIN ANALYZE failed"))
job = next(n for n in walk(plan["Plan"]) if "Distributed Query" in n)["Distributed Query"]["Job"]
# each task is small enough for pg_size_pretty to keep 4 digits
print(sum(size(t["Tuple data received from node"]) for t in job["Tasks"]))
'
}
split=$(measure "split: partial summaries" disabled "$stores_report FROM feedback GROUP BY store")
pulled=$(measure "pulled: + percentile_cont" row-gather \
	"$stores_report, percentile_cont(0.5) WITHIN GROUP (ORDER BY recommend) FROM feedback GROUP BY store")

coord -P format=aligned -P tuples_only=off -v split="$split" -v pulled="$pulled" -v rows="$ROWS" -v shards="$SHARDS" -v stores="$STORES" <<'SQL'
\pset footer off
SELECT format('PostgreSQL %s, Citus %s, csm %s: %s answers, %s stores, %s shards on 2 workers',
              current_setting('server_version'), (SELECT extversion FROM pg_extension WHERE extname = 'citus'),
              (SELECT extversion FROM pg_extension WHERE extname = 'csm'), to_char(:rows, 'FM999,999,999'),
              :stores, :shards) AS "citus_network.sh: the stores report";
WITH m(what, rows, bytes, ms, citus) AS (
  SELECT p[1], p[2]::bigint, p[3]::bigint, p[4]::numeric, p[5]
  FROM (VALUES (string_to_array(:'split', '|')), (string_to_array(:'pulled', '|'))) v(p))
SELECT what AS "coordinator receives", to_char(rows, 'FM999,999,999') AS rows,
       to_char(bytes, 'FM999,999,999,999') AS "bytes (TCP)", pg_size_pretty(bytes) AS size,
       ms AS "ms", citus AS "tuple data (Citus's EXPLAIN ANALYZE)"
FROM m
UNION ALL
SELECT 'pulled / split', round((SELECT rows FROM m OFFSET 1) / (SELECT rows FROM m LIMIT 1)::numeric, 1) || ' x',
       round((SELECT bytes FROM m OFFSET 1) / (SELECT bytes FROM m LIMIT 1)::numeric, 1) || ' x', NULL,
       round((SELECT ms FROM m OFFSET 1) / (SELECT ms FROM m LIMIT 1), 1), NULL;
SQL
