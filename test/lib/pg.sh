# Sourced by test/lib/suite.sh, which every suite's run script sources: the
# PostgreSQL major it tests.
#
# PGVERSION names the major (test/run sets it for each installed one); by
# default it is test/lib/pg-majors --default.  PG_CONFIG follows it, so that
# make and pg_regress never fall back to Debian's /usr/bin/pg_config, which
# picks the newest installed major.  A suite then starts its throwaway
# cluster of that major with suite.sh's in_cluster.
: "${PGVERSION:=$("$(dirname "${BASH_SOURCE[0]}")/pg-majors" --default)}"
export PGVERSION
export PG_CONFIG=/usr/lib/postgresql/$PGVERSION/bin/pg_config
