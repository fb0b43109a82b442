"""The consistency rules of every stored summary (issue 24, docs/guarantees.md)
hold for every value csm computes: random but valid data, at the extremes the
types allow, aggregated by the real aggregates and merged by `+` and rollup()
(and window frames, whose states answers leave), always reads back in, in
text and in binary.  And values crafted at the edge of a rule, and their sums,
read back in too: the closure under `+` that the rules' slack is built for.

Data (seeded, generated inside the server): groups of every size up to a
group of 2,000,000 answers, and single answers; gap scores shifted by 0,
+-1e6 or 1e12 with gaps from 1e-3 to 1e5, integer, fractional or one
constant gap per group (so that the sum of squares sits exactly on its
bound); weights log-uniform from 1e-140 to 1e140 within one group, zero
weights among others, or plain; weighted ratings with the same weights;
SERVQUAL items, ratings and Kano pairs; the key drivers' moments of the
same perceptions and expectations, weighted or not; and leagues of the
groups' rating summaries, plain and weighted (fractional Kish counts).  Plans run serial and parallel, so
combine functions merge partial states too.  The edge values are real
aggregates with their sum of squares lowered, and their weighted sum
raised, to the rule's bound and beyond it up to its rounding slack.

    /usr/bin/python3 test/rules/check_rules.py      # seed 24; CSM_RULES_SEED=n for another
"""
import io
import math
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import csmtest  # noqa: E402

SEED = int(os.environ.get("CSM_RULES_SEED", "24"))
GROUPS = 1500
ROWS = 300_000
BIG = 2_000_000
SINGLES = 500
rng = random.Random(SEED)
cur = csmtest.fresh_database("csm_rules")
checks = csmtest.Checks("rules")
cur.execute("SELECT setseed(%s)", (((SEED * 7919) % 10000) / 10000.0,))

cur.execute("""
CREATE FUNCTION refused(typ regtype, vals text[]) RETURNS text[] LANGUAGE plpgsql AS $$
DECLARE v text; bad text[] := '{}';
BEGIN
  FOREACH v IN ARRAY vals LOOP
    BEGIN
      EXECUTE format('SELECT $1::%s', typ) USING v;
    EXCEPTION WHEN OTHERS THEN
      bad := bad || (left(v, 300) || ': ' || SQLERRM);
    END;
  END LOOP;
  RETURN bad;
END $$""")


def read_back(typ, name, query):
    """Every value of query reads back through text input and binary input."""
    cur.execute(f"SELECT coalesce(array_agg(v::text), '{{}}') FROM ({query}) q(v) WHERE v IS NOT NULL")
    values = cur.fetchone()[0]
    cur.execute("SELECT refused(%s::regtype, %s)", (typ, values))
    bad = cur.fetchone()[0]
    for k in range(len(values)):
        checks.equal(f"{typ} {name} (text)", bad[k] if k < len(bad) else "accepted", "accepted")
    # binary: one COPY out and back in; a refused value stops it
    cur.execute(f"CREATE TEMP TABLE back (v {typ})")
    buf = io.BytesIO()
    cur.copy_expert(f"COPY ({query}) TO STDOUT (FORMAT binary)", buf)
    buf.seek(0)
    try:
        cur.copy_expert("COPY back FROM STDIN (FORMAT binary)", buf)
        ok = True
        err = None
    except Exception as e:  # noqa: BLE001 - reported below
        cur.connection.rollback() if not cur.connection.autocommit else None
        ok, err = False, str(e).splitlines()[0]
    checks._record(f"{typ} {name} (binary, all {len(values)} in one COPY)", ok, err, "accepted")
    cur.execute("DROP TABLE back")
    return len(values)


def parallel(on):
    for k, v in (("max_parallel_workers_per_gather", 2 if on else 0), ("parallel_setup_cost", 0),
                 ("parallel_tuple_cost", 0), ("min_parallel_table_scan_size", 0)):
        cur.execute(f"SET {k} = {v}")


# ---- data --------------------------------------------------------------------

# Per group: how its scores and weights are drawn.
params = []
for g in range(GROUPS + 1 + SINGLES):
    params.append((g, rng.choice([0.0, 0.0, 1e6, -1e6, 1e12]),        # score shift
                   10.0 ** rng.uniform(-3, 5),                          # gap scale
                   rng.randrange(3),                                    # fractional, integer or constant gaps
                   rng.randrange(4)))                                   # weights: 1, 1e-140..1e140, with zeros, 0..1
cur.execute("CREATE TABLE params (grp int, shift float8, scale float8, whole int, wkind int)")
cur.executemany("INSERT INTO params VALUES (%s, %s, %s, %s, %s)", params)
cur.execute(f"""
CREATE TABLE answers AS
SELECT i, grp, shift, scale, whole, wkind, random() AS r1, random() AS r2, random() AS r3, random() AS r4
FROM (SELECT i, CASE WHEN i <= {BIG} THEN {GROUPS}
                     WHEN i > {BIG + ROWS} THEN {GROUPS} + i - {BIG + ROWS}
                     ELSE floor({GROUPS} * power(random(), 2))::int END AS grp
      FROM generate_series(1, {BIG + ROWS + SINGLES}) i) a
JOIN params USING (grp)""")
cur.execute("""
CREATE TABLE gap_rows AS
SELECT i, grp,
       shift + scale * CASE WHEN whole = 1 THEN floor(1 + 7 * r1) ELSE r1 END AS p,
       shift + scale * CASE whole WHEN 1 THEN floor(1 + 7 * r2) WHEN 2 THEN r1 - 0.375 ELSE r2 END AS e,
       CASE wkind WHEN 0 THEN 1
                  WHEN 1 THEN power(10::float8, 280 * r3 - 140)
                  WHEN 2 THEN CASE WHEN r4 < 0.3 THEN 0 ELSE power(10::float8, 20 * r3 - 10) END
                  ELSE r3 END AS w
FROM answers""")
cur.execute("""
CREATE TABLE weighted_rows AS
SELECT i, grp, floor(11 * r1)::int AS score,
       CASE wkind WHEN 0 THEN 1
                  WHEN 1 THEN power(10::float8, 280 * r3 - 140)
                  WHEN 2 THEN power(10::float8, 20 * r3 - 10)
                  ELSE 1e-140 + r3 END AS w
FROM answers""")
cur.execute("""
CREATE TABLE other_rows AS
SELECT i, grp, 1 + floor(22 * r4)::int AS item, floor(11 * r1)::int AS score,
       1 + floor(5 * r2)::int AS f, 1 + floor(5 * r3)::int AS d,
       shift + scale * r1 AS p, shift + scale * r2 AS e
FROM answers""")
# A league's rows are groups: each group's summaries, in ten leagues.
cur.execute("""
CREATE TABLE league_rows AS
SELECT g % 10 AS grp, s, ws
FROM (SELECT grp AS g, rating_agg(score) AS s, rating_agg(score, w) AS ws
      FROM weighted_rows GROUP BY grp) x""")
cur.execute("ANALYZE")

# ---- aggregates, +, rollup() -------------------------------------------------

TYPES = [
    # type, rows, the aggregate over a group's rows
    ("gap_summary", "gap_rows", "gap_agg(p, e, w)"),
    ("gap_summary", "gap_rows", "gap_agg(p, e)"),
    ("weighted_rating_summary", "weighted_rows", "rating_agg(score, w)"),
    ("servqual_summary", "other_rows", "servqual_agg(item, p, e)"),
    ("rating_summary", "other_rows", "rating_agg(score)"),
    ("kano_summary", "other_rows", "kano_agg(f, d)"),
    ("driver_summary", "gap_rows", "driver_agg(p, ARRAY[e], w)"),
    ("driver_summary", "gap_rows", "driver_agg(p, ARRAY[e, p - e])"),
    ("league_summary", "league_rows", "nps_league(s)"),
    ("league_summary", "league_rows", "nps_league(ws)"),
    ("league_summary", "league_rows", "mean_league(ws)"),
]
counted = {}
for typ, rows, agg in TYPES:
    for plan in ("serial", "parallel"):
        parallel(plan == "parallel")
        cur.execute(f"CREATE TABLE aggs AS SELECT grp, {agg} AS s FROM {rows} GROUP BY grp")
        parallel(False)
        counted.setdefault(typ, 0)
        counted[typ] += read_back(typ, f"{agg} {plan}", "SELECT s FROM aggs")
        if plan == "serial":
            # +: each group with two others, and the big group with every group
            counted[typ] += read_back(typ, f"{agg} a + b", f"""
                SELECT a.s + b.s FROM aggs a JOIN aggs b
                  ON b.grp IN ((a.grp * 7 + 3) % {GROUPS + 1 + SINGLES}, (a.grp * 13 + 1) % {GROUPS + 1 + SINGLES})""")
            counted[typ] += read_back(typ, f"{agg} big + each", f"""
                SELECT a.s + b.s FROM aggs a, aggs b WHERE b.grp = {GROUPS}""")
            # rollup(): of tenths, of all, and in the order of a running total
            counted[typ] += read_back(typ, f"{agg} rollup", f"""
                SELECT rollup(s) FROM aggs GROUP BY grp % 10
                UNION ALL SELECT rollup(s) FROM aggs
                UNION ALL SELECT * FROM (SELECT rollup(s) OVER (ORDER BY grp) FROM aggs) r""")
        cur.execute("DROP TABLE aggs")

# Window frames: states that answers leave (gap's are brought within the
# rules by its final function; weighted ratings and key drivers recompute
# when a removal may not be exact).
for typ, rows, agg in TYPES[:3] + TYPES[6:8]:
    counted[typ] += read_back(typ, f"{agg} window frames", f"""
        SELECT {agg} OVER (PARTITION BY grp ORDER BY i ROWS BETWEEN CURRENT ROW AND 4 FOLLOWING)
        FROM {rows} WHERE grp < 300""")

# ---- values at the edge of a rule, and their sums ------------------------------


def gap_fields(text):
    return dict(kv.split(":", 1) for kv in text.strip("{}").split(","))


def dd(text):
    """A double-double in text, hi followed by a signed lo, as a float."""
    for k in range(1, len(text)):
        if text[k] in "+-" and text[k - 1] not in "eE":
            return float(text[:k]) + float(text[k:])
    return float(text)


cur.execute("""SELECT s::text FROM (SELECT grp, gap_agg(p, e, w) AS s FROM gap_rows
               WHERE grp < 400 OR grp > %s GROUP BY grp) x""", (GROUPS,))
candidates = []
for (text,) in cur.fetchall():
    f = gap_fields(text)
    n, g, w = int(f["n"]), dd(f["g"]), dd(f["w"])
    # the least sum of squares, then the largest weighted sum, the rule allows
    least = (abs(g) / math.sqrt(n)) ** 2
    if not (math.isfinite(least) and least > 0):
        continue
    sign = rng.choice([-1, 1])
    # from just beyond the rule's rounding slack (1e-12 at this size) to just inside the bound
    for d in (-2.001e-12, -1.999e-12, -1e-12, -1e-14, 0.0, 1e-15, 1e-13):
        f["gg"] = repr(least * (1 + d))
        f["wg"] = repr(math.copysign(w * math.sqrt(least * (1 + d)) * (1 - d), sign))
        candidates.append("{" + ",".join(f"{k}:{f[k]}" for k in ("n", "w", "wg", "g", "gg", "p", "e")) + "}")
cur.execute("SELECT refused('gap_summary', %s)", (candidates,))
refused = {b.split(": invalid")[0] for b in cur.fetchone()[0]}
edge = [c for c in candidates if c[:300] not in refused]
print(f"rules: edge values: {len(edge)} of {len(candidates)} crafted about a gap_summary bound are accepted; "
      "the rest lie beyond its slack")
cur.execute("CREATE TABLE edge AS SELECT i, v::gap_summary AS s FROM unnest(%s::text[]) WITH ORDINALITY u(v, i)",
            (edge,))
counted["gap_summary"] += read_back("gap_summary", "edge values", "SELECT s FROM edge")
counted["gap_summary"] += read_back("gap_summary", "edge + edge", """
    SELECT a.s + b.s FROM edge a JOIN edge b ON b.i IN (a.i, a.i % 50 + 1, a.i % 7 + 1)""")
counted["gap_summary"] += read_back("gap_summary", "rollup of edges", """
    SELECT rollup(s) FROM edge GROUP BY i % 5 UNION ALL SELECT rollup(s) FROM edge""")

status = checks.report("keep the rules")
for typ, k in sorted(counted.items()):
    print(f"rules: {typ}: {k} values computed from valid data, every one read back in text and binary"
          if status == 0 else f"rules: {typ}: {k} values computed")
sys.exit(status)
