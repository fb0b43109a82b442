#!/usr/bin/env bash
# test/bench/gap_accuracy.sh: the gap sums over 100M rows against an exact
# numeric computation of the same rows.  A long check, not part of the
# suite (sql/gap.sql runs the same comparison on 200,000 rows): it fails
# when csm's weighted gap or mean gap is off by more than 1e-13 relative,
# the bound sql/gap.sql holds it to.
#
#     test/bench/gap_accuracy.sh              # 100,000,000 rows
#     ROWS=10000000 test/bench/gap_accuracy.sh
#
# Scores are decimals with one digit (not exact in binary), weights
# fractions with 10 digits; rows are generated on the fly, not stored.
# Prints csm's results, the exact ones, and the relative errors, next to
# the plain float8 formula's (which are shown, not checked).
set -euo pipefail
. "$(dirname "$0")/../lib/suite.sh"
ROWS=${ROWS:-100000000}
in_cluster -o work_mem=64MB -- "$@"
q_table -v rows="$ROWS" <<'SQL'
\pset footer off
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS csm;
SET max_parallel_workers_per_gather = 0;
CREATE TEMP VIEW gen AS
SELECT (1 + (i * 7919) % 61 / 10.0) AS p, (1 + (i * 104729) % 61 / 10.0) AS e,
       ((i * 31) % 97 / 7.0)::numeric(20, 10) AS w
FROM generate_series(1::bigint, :rows) i;
CREATE TEMP TABLE exact AS
SELECT sum(w * (p - e)) / sum(w) AS weighted, avg(p - e) AS mean FROM gen;
CREATE TEMP TABLE approx AS
SELECT csi_weighted_gap(p::float8, e::float8, w::float8) AS weighted, servqual_gap(p::float8, e::float8) AS mean,
       sum(w::float8 * (p::float8 - e::float8)) / sum(w::float8) AS float8_weighted,
       avg(p::float8 - e::float8) AS float8_mean
FROM gen;
SELECT :rows AS rows,
       x.weighted::float8 AS exact_weighted, a.weighted AS csm_weighted,
       abs(a.weighted - x.weighted::float8) / abs(x.weighted::float8) AS csm_rel_error,
       abs(a.float8_weighted - x.weighted::float8) / abs(x.weighted::float8) AS float8_rel_error,
       abs(a.mean - x.mean::float8) / abs(x.mean::float8) AS csm_mean_rel_error,
       abs(a.float8_mean - x.mean::float8) / abs(x.mean::float8) AS float8_mean_rel_error
FROM exact x, approx a;
DO $$
DECLARE weighted float8; mean float8;
BEGIN
  SELECT abs(a.weighted - x.weighted::float8) / abs(x.weighted::float8), abs(a.mean - x.mean::float8) / abs(x.mean::float8)
  INTO weighted, mean FROM exact x, approx a;
  IF NOT (weighted <= 1e-13 AND mean <= 1e-13) THEN
    RAISE EXCEPTION 'gap_accuracy.sh: csm is off by % (weighted gap) and % (mean gap) relative, above 1e-13', weighted, mean;
  END IF;
END $$;
SQL
