# shellcheck shell=bash disable=SC2034  # csm_lib, bench_settings, as_owner: for the scripts
# Sourced by every suite's run script and every benchmark, right after
# `set -euo pipefail`:
#
#     . "$(dirname "$0")/../lib/suite.sh"
#
# It sets the PostgreSQL major the script tests (pg.sh: PGVERSION and
# PG_CONFIG) and defines the helpers the scripts share, each with one
# meaning, so that a suite does not write its own:
#
#   suite_name        the script's name in its messages: a suite's directory
#                     (test/cron/run: "cron"), a benchmark's file ("gap.sh")
#   fail MESSAGE      print "<suite_name>: MESSAGE" and exit 1: on stdout for a
#                     suite, whose output is its result; on stderr for a
#                     benchmark, whose stdout is its report
#   skip MESSAGE      print "<suite_name>: skipped: MESSAGE" and exit 77, which
#                     test/run counts as skipped: a tool the suite needs is
#                     missing here
#   q [ARG...]        psql for values: no psqlrc, quiet, unaligned tuples only
#                     (-At), stops at the first error.  PSQL names another
#                     psql binary than the one on PATH (a given major's own)
#   q_table [ARG...]  the same for reports a person reads: aligned tables with
#                     their headers
#   in_cluster [PG_VIRTUALENV_OPTION...] -- "$@"
#                     unless PGHOST names a server already, run this script
#                     again, with its arguments, in a throwaway cluster of
#                     $PGVERSION that pg_virtualenv starts with the options
#                     given (-o guc=value, -t, ...)
#   in_own_cluster [PG_VIRTUALENV_OPTION...] -- "$@"
#                     the same even when PGHOST is set: for a script whose
#                     server needs settings that a given one may lack (a
#                     preloaded library, 2GB of shared_buffers)
#   bench_settings    (array) pg_virtualenv options every benchmark's own
#                     cluster starts with: 2GB of shared_buffers, serial plans
#                     unless a query says otherwise, no autovacuum, and no
#                     checkpoint during the load
#   as_root COMMAND   run COMMAND as root: directly when the script runs as
#                     root, else through sudo, which may ask for a password
#                     only when there is a terminal to ask on (make install)
#   as_owner          (array) the prefix that runs a server's own programs
#                     (initdb, pg_ctl, postgres) as the user who owns the
#                     server: `runuser -u postgres --` when the script runs as
#                     root, since initdb refuses root; else nothing
#   server_dir NAME   print a new directory /tmp/NAME.XXXXXX that the as_owner
#                     user owns: for a server's data, sockets and logs
#   csm_lib           the absolute path of test/lib, for its SQL helpers
#                     (timing.sql) when the script has not cd'd to the root
#   own_database      create a database of the suite's own, csm_<suite_name>,
#                     afresh, in the server the script runs in, and make it
#                     PGDATABASE: suites may share a server (test/run runs a
#                     major's suites in one, test/lib/run-suites)
#   full_run          true on the default major (test/lib/pg-majors
#                     --default), or anywhere with CSM_FULL=1: a randomized
#                     oracle runs all its cases there and a sample elsewhere,
#                     since the maths is the same on every major and only the
#                     server's side of it can differ
. "$(dirname "${BASH_SOURCE[0]}")/pg.sh"
csm_lib=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

case $0 in
	*/run) suite_name=$(basename "$(dirname "$0")"); _suite_fail_fd=1 ;;
	*) suite_name=$(basename "$0"); _suite_fail_fd=2 ;;
esac

own_database() {
	local db=csm_${suite_name//[^a-z0-9_]/_}
	q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
	export PGDATABASE=$db
}

full_run() {
	[ -n "${CSM_FULL:-}" ] || [ "$PGVERSION" = "$("$csm_lib/pg-majors" --default)" ]
}

fail() { echo "$suite_name: $*" >&"$_suite_fail_fd"; exit 1; }
skip() { echo "$suite_name: skipped: $*"; exit 77; }

q() { "${PSQL:-psql}" -X -q -At -v ON_ERROR_STOP=1 "$@"; }
q_table() { "${PSQL:-psql}" -X -q -v ON_ERROR_STOP=1 "$@"; }

# The script by its absolute path, taken before it cds anywhere, runs again;
# CSM_OWN_CLUSTER tells the re-run that it is inside its own cluster (PGHOST
# is set either way).
_suite_script=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
_suite_rerun() {
	local options=()
	while [ $# -gt 0 ] && [ "$1" != -- ]; do options+=("$1"); shift; done
	[ $# -gt 0 ] || { echo "$suite_name: in_cluster: the script's arguments follow --" >&2; exit 2; }
	shift
	exec pg_virtualenv -v "$PGVERSION" "${options[@]}" env CSM_OWN_CLUSTER="$_suite_script" "$_suite_script" "$@"
}
in_cluster() {
	[ -n "${PGHOST:-}" ] || _suite_rerun "$@"
}
in_own_cluster() {
	[ "${CSM_OWN_CLUSTER:-}" = "$_suite_script" ] || _suite_rerun "$@"
}

bench_settings=(-o shared_buffers=2GB -o max_parallel_workers_per_gather=0 -o autovacuum=off
				-o checkpoint_timeout=1h -o max_wal_size=10GB)

as_root() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	elif [ -t 0 ]; then
		sudo "$@"
	else
		sudo -n "$@"
	fi
}

as_owner=()
if [ "$(id -u)" -eq 0 ]; then as_owner=(runuser -u postgres --); fi

server_dir() {
	local dir
	dir=$(mktemp -d "/tmp/$1.XXXXXX")
	if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; fi
	echo "$dir"
}
