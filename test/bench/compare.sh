#!/usr/bin/env bash
# test/bench/compare.sh REV [BENCH]: a benchmark before and after a change,
# in one run on one machine.  Builds and installs csm at git revision REV,
# runs test/bench/BENCH (default ratings.sh) against it, then reinstalls the
# working tree's csm and runs it again; the environment (ROWS, RUNS, MODES,
# PGVERSION, ...) passes through to both runs.  Needs root or sudo, as
# make install does.
#
#     ROWS=10000000 RUNS=7 test/bench/compare.sh 245d5fc
set -euo pipefail
. "$(dirname "$0")/../lib/suite.sh"
cd "$(dirname "$0")/../.."
rev=${1:?usage: test/bench/compare.sh REV [BENCH]}
bench=test/bench/${2:-ratings.sh}

src=$(mktemp -d /tmp/csm-compare.XXXXXX)
trap 'rm -rf "$src"; as_root make -s PG_CONFIG="$PG_CONFIG" install >/dev/null' EXIT
git archive "$rev" | tar -x -C "$src"
make -C "$src" -s PG_CONFIG="$PG_CONFIG" >/dev/null
as_root make -C "$src" -s PG_CONFIG="$PG_CONFIG" install >/dev/null
echo "=== before: csm at $(git log -1 --format='%h %s' "$rev")"
"$bench"

make -s PG_CONFIG="$PG_CONFIG" >/dev/null
as_root make -s PG_CONFIG="$PG_CONFIG" install >/dev/null
echo "=== after: the working tree at $(git log -1 --format='%h %s')$(git diff --quiet HEAD -- src || echo ', with changes')"
"$bench"
