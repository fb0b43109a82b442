"""driver_agg() and every function on driver_summary, through the server,
against the independent numpy oracle (oracle.py) and R.

Runs inside a throwaway cluster (test/drivers/run) on a fresh database:

- random data sets (datasets.random_sets, the model check's sets), each
  loaded into a table with some extra rows that must be skipped (a NULL
  outcome, array or element), aggregated by driver_agg(y, x) or, weighted,
  driver_agg(y, x, w); every quantity (the summary's moments read from its
  text, rows and skipped, R^2, correlations, both importances with their
  shares, signs, correlations and means, the regression table and its
  se_basis, Cronbach's alpha) against the oracle, NULL where it is None;
- rollups: per-group summaries, rollup() and + against the whole, within
  1e-12 relative on the moments' natural scales;
- text and binary (COPY ... FORMAT binary) round trips of every summary:
  the paths Citus 12 and 14 move states by;
- window frames (driver_agg() OVER (ORDER BY ... ROWS ...)) against the
  oracle's moments of each frame, and the frame's rows and weighting
  against a fresh aggregation;
- parallel plans (Partial Aggregate under Gather) against the serial one;
- the degenerate cases of driver_model.h's table;
- every bad input with its SQLSTATE, text and binary;
- issue 24's closure: summaries aggregated, added and rolled up from
  valid, extreme data (weights from 1e-140 to 1e140, scores shifted by
  1e6, millions of rows) all pass the input rules again, as text and
  binary; the count is printed;
- R's swiss data: relaimpo's published lmg figures and R^2, plain and
  weighted, relativeImp's weights, and R's lm() and cov.wt() at run time.

DRIVERS_SQL_SETS caps the random sets (the brief run on a non-default
major).  Prints "drivers: sql: NAME: k/n agree" lines; exits non-zero on
any failure.
"""
import io
import math
import os
import re
import struct
import sys

import numpy as np
import psycopg2

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
import check_model  # noqa: E402
import csmtest  # noqa: E402
import datasets  # noqa: E402
import oracle  # noqa: E402
from check_model import CONDITIONING, INF, TOLERANCE, Measure, Report, condition_number  # noqa: E402

SAME = 1e-12            # rollups and plans against the whole, relative


# --- the summary's text ----------------------------------------------------

def parse_summary(text):
    """(rows, skipped, p, weighted, W, means, C) from driver_summary's text;
    means are hi + lo, C the full symmetric matrix."""
    head = re.match(r"\{n:(\d+),skipped:(\d+),p:(\d+)", text)
    rows, skipped, p = (int(g) for g in head.groups())
    if p == 0:
        return rows, skipped, 0, False, 0.0, np.zeros(0), np.zeros((0, 0))
    weighted = ",weighted:true," in text
    W = float(re.search(r",w:([^,]+),", text).group(1))
    means = [pair(m) for m in re.search(r"means:\[([^\]]*)\]", text).group(1).split(",")]
    co = [float(v) for v in re.search(r"comoments:\[([^\]]*)\]", text).group(1).split(",")]
    q = p + 1
    C = np.zeros((q, q))
    k = 0
    for i in range(q):
        for j in range(i, q):
            C[i, j] = C[j, i] = co[k]
            k += 1
    return rows, skipped, p, weighted, W, np.array(means), C


def pair(text):
    """A double-double "hi" or "hi+lo" as the float hi + lo."""
    for k in range(1, len(text)):
        if text[k] in "+-" and text[k - 1] not in "eE":
            return float(text[:k]) + float(text[k:])
    return float(text)


def err(got, want, scale):
    """Relative error on a scale; INF when one is NULL and the other not."""
    if want is None or got is None:
        return 0.0 if (want is None and got is None) else INF
    if not math.isfinite(got):
        return INF
    if scale == 0:
        return 0.0 if got == want else INF
    return abs(got - want) / scale


# --- loading sets ------------------------------------------------------------

def copy_rows(cur, ds, skip_rows=0, rng=None):
    """The set's rows into obs (set, i, grp, w, y, x), plus skip_rows rows
    with a NULL somewhere; returns the number added."""
    buf = io.StringIO()
    for r in range(ds.n):
        x = "{" + ",".join(repr(float(v)) for v in ds.X[r]) + "}"
        buf.write(f"{ds.name}\t{r}\t{ds.groups[r]}\t{float(ds.w[r])!r}\t{float(ds.y[r])!r}\t{x}\n")
    for k in range(skip_rows):
        kind = k % 3
        x = ["1.5"] * ds.p
        y = "2.5"
        if kind == 0:
            y = "\\N"
        elif kind == 1:
            x[rng.integers(0, ds.p)] = "NULL"
        xs = "\\N" if kind == 2 else "{" + ",".join(x) + "}"
        buf.write(f"{ds.name}\t{ds.n + k}\t{k % max(ds.n_groups, 1)}\t1.0\t{y}\t{xs}\n")
    buf.seek(0)
    cur.copy_expert("COPY obs (set, i, grp, w, y, x) FROM STDIN", buf)
    return skip_rows


ANALYSIS = """
SELECT s::text, driver_rows(s), driver_skipped(s), driver_r2(s), driver_correlations(s),
       ARRAY(SELECT ARRAY[importance, share, signed_share, correlation, mean]
             FROM key_drivers(s) ORDER BY position),
       CASE WHEN driver_attributes(s) <= 16 THEN
         ARRAY(SELECT ARRAY[importance, share, signed_share, correlation, mean]
               FROM key_drivers(s, method => 'shapley') ORDER BY position) END,
       ARRAY(SELECT ARRAY[estimate, std_error, t_value, p_value]
             FROM driver_regression(s) WITH ORDINALITY r ORDER BY ordinality),
       (SELECT min(se_basis) FROM driver_regression(s)),
       CASE WHEN driver_attributes(s) >= 2 THEN (SELECT ARRAY[alpha, standardized_alpha] FROM cronbach_alpha(s)) END
FROM ({summary}) t(s)"""


def aggregate_sql(name, weighted, where=""):
    w = ", w" if weighted else ""
    return f"SELECT driver_agg(y, x{w}) FROM obs WHERE set = '{name}' {where}"


def analyse(cur, summary_sql):
    cur.execute(ANALYSIS.format(summary=summary_sql))
    return cur.fetchone()


# --- against the oracle ------------------------------------------------------

def against_oracle(rep, got, fit, tag, skipped, weighted_rows):
    """One summary's analysis (a row of ANALYSIS) against the oracle."""
    text, rows, skip, r2, corr, rw, sh, reg, basis, alpha = got
    p = fit.p
    q = p + 1
    meas = Measure(fit)
    kappa = condition_number(fit)
    rep.ok("sql: rows used and skipped", rows == fit.rows and skip == skipped, f"{tag} {rows} {skip}")
    srows, sskip, sp, sweighted, W, means, C = parse_summary(text)
    rep.ok("sql: text form's counts and p", (srows, sskip, sp) == (rows, skip, p), tag)
    rep.ok("sql: weighted flag", sweighted == weighted_rows, tag)
    rep.ok("sql: se_basis", basis == ("wls" if weighted_rows else "ols"), f"{tag} {basis}")
    rep.error("sql: W", err(W, fit.W, max(fit.W, 1e-300)), TOLERANCE["W"], tag)
    if fit.W:
        for i in range(q):
            rep.error("sql: mean", err(means[i], float(fit.mean[i]), max(abs(fit.mean[i]), meas.sd[i], 1e-300)),
                      TOLERANCE["mean"], f"{tag} mean {i}")
            for j in range(i, q):
                rep.error("sql: comoment", err(C[i, j], float(fit.C[i, j]), meas.root[i] * meas.root[j]),
                          TOLERANCE["comoment"], f"{tag} C{i}{j}")
    want = fit.correlations()
    if not fit.W:
        rep.ok("sql: correlations", corr is None, tag)
    else:
        for i in range(q):
            for j in range(q):
                rep.error("sql: correlations", err(corr[i][j], want[i][j], 1.0), TOLERANCE["corr"], f"{tag} r{i}{j}")
    rep.error("sql: R^2", err(r2, fit.r2(), 1.0), TOLERANCE["r2"], tag)

    for method, table in (("relative_weights", rw), ("shapley", sh)):
        if method == "shapley" and p > 16:
            continue
        name = "rw" if method == "relative_weights" else "shapley"
        want = fit.key_drivers(name)
        for j in range(p):
            imp, share, signed, cor, mean = table[j]
            rep.error(f"sql: {method}", err(imp, want["importance"][j], 1.0), TOLERANCE[name], f"{tag} {j}")
            rep.error(f"sql: {method} share", err(share, want["share"][j], 100.0), TOLERANCE[name + " share"],
                      f"{tag} {j}")
            # the sign of a coefficient of 0 to rounding is noise
            if want["signed_share"][j] is None or abs(want["beta"][j]) > 1e-8:
                rep.error(f"sql: {method} signed share", err(signed, want["signed_share"][j], 100.0),
                          TOLERANCE[name + " share"], f"{tag} {j}")
            rep.error("sql: attribute correlation", err(cor, want["correlation"][j], 1.0),
                      TOLERANCE["attribute correlation"], f"{tag} {j}")
            rep.error("sql: attribute mean", err(mean, want["mean"][j],
                                                 max(abs(want["mean"][j] or 0), meas.sd[1 + j], 1e-300)),
                      TOLERANCE["attribute mean"], f"{tag} {j}")

    want = fit.regression()
    icpt, icpt_se, icpt_t, icpt_p = reg[0]
    K = dict(kappa=kappa)
    if want["intercept"] is not None:
        cancel = abs(fit.mean[0]) + sum(abs((want["coef"][j] or 0) * fit.mean[1 + j]) for j in range(p)) + meas.sd[0]
        rep.error("sql: intercept", err(icpt, want["intercept"], cancel or 1.0), TOLERANCE["intercept"], tag, **K)
    else:
        rep.ok("sql: intercept", icpt is None, tag)
    rep.error("sql: intercept se", err(icpt_se, want["intercept_se"], abs(want["intercept_se"] or 0) or 1.0),
              TOLERANCE["intercept se"], tag, **K)
    rep.error("sql: t", err(icpt_t, want["intercept_t"], max(1.0, abs(want["intercept_t"] or 0))),
              TOLERANCE["t"], f"{tag} intercept", **K)
    rep.error("sql: p", err(icpt_p, want["intercept_p"], max(want["intercept_p"] or 0, 1e-300)),
              TOLERANCE["p"], f"{tag} intercept", kappa, max(1.0, (want["intercept_t"] or 0) ** 2))
    for j in range(p):
        b, se, t, pv = reg[1 + j]
        rep.error("sql: coefficient", err(b, want["coef"][j], meas.coef_scale(j)), TOLERANCE["coef"],
                  f"{tag} b{j}", **K)
        rep.error("sql: std_error", err(se, want["se"][j], abs(want["se"][j] or 0) or 1.0), TOLERANCE["se"],
                  f"{tag} se{j}", **K)
        rep.error("sql: t", err(t, want["t"][j], max(1.0, abs(want["t"][j] or 0))), TOLERANCE["t"],
                  f"{tag} t{j}", **K)
        rep.error("sql: p", err(pv, want["p"][j], max(want["p"][j] or 0, 1e-300)), TOLERANCE["p"],
                  f"{tag} p{j}", kappa, max(1.0, (want["t"][j] or 0) ** 2))

    if p >= 2:
        a, s, _ = fit.alpha()
        rep.error("sql: alpha", err(alpha[0], a, max(1.0, abs(a or 0))), TOLERANCE["alpha"], tag)
        rep.error("sql: standardized alpha", err(alpha[1], s, max(1.0, abs(s or 0))),
                  TOLERANCE["alpha standardized"], tag)


def same_summary(rep, name, a_text, b_text, label):
    """Two summaries of the same rows (b the reference): counts equal,
    moments within SAME on their natural scales."""
    ra, sa, pa, wa, Wa, ma, Ca = parse_summary(a_text)
    rb, sb, pb, wb, Wb, mb, Cb = parse_summary(b_text)
    rep.ok(f"{name}: counts, p and weighting", (ra, sa, pa, wa) == (rb, sb, pb, wb), label)
    if pb == 0 or rb == 0:
        rep.ok(f"{name}: moments", a_text == b_text, label)
        return
    rep.error(f"{name}: moments", abs(Wa - Wb) / Wb, SAME, f"{label} W")
    root = np.sqrt(np.clip(np.diag(Cb), 0, None))
    sd = root / math.sqrt(Wb)
    for i in range(pb + 1):
        rep.error(f"{name}: moments", abs(ma[i] - mb[i]) / max(abs(mb[i]), sd[i], 1e-300), SAME, f"{label} mean {i}")
        for j in range(i, pb + 1):
            scale = root[i] * root[j]
            e = abs(Ca[i, j] - Cb[i, j]) / scale if scale else (0.0 if Ca[i, j] == Cb[i, j] else INF)
            rep.error(f"{name}: moments", e, SAME, f"{label} C{i}{j}")


# --- the checks ---------------------------------------------------------------

def random_checks(rep, cur, limit):
    sets = datasets.random_sets()
    if limit:
        sets = sets[:limit]
    rng = np.random.default_rng(24)
    skips = {}
    for ds in sets:
        skips[ds.name] = copy_rows(cur, ds, int(rng.integers(0, 4)) if rng.random() < 0.4 else 0, rng)
    cur.execute("ANALYZE obs")
    for ds in sets:
        weighted = "weighted" in ds.tags
        fit = oracle.Fit(ds.y, ds.X, ds.w)
        skipped = skips[ds.name] + (int(np.sum(ds.w == 0)) if weighted else 0)
        weighted_rows = weighted and bool(np.any(ds.w[ds.w > 0] != 1.0))
        whole = aggregate_sql(ds.name, weighted)
        got = analyse(cur, whole)
        against_oracle(rep, got, fit, ds.name, skipped, weighted_rows)

        # per-group summaries rolled up, and added with +, equal the whole
        w = ", w" if weighted else ""
        parts = f"SELECT grp, driver_agg(y, x{w}) AS s FROM obs WHERE set = '{ds.name}' GROUP BY grp"
        cur.execute(f"SELECT rollup(s)::text FROM ({parts}) t")
        same_summary(rep, "sql: rollup of per-group summaries = whole", cur.fetchone()[0], got[0], ds.name)
        # a + b is rollup() of a then b, to the bit
        cur.execute(f"""WITH g AS ({parts})
                        SELECT ((SELECT s FROM g ORDER BY grp LIMIT 1) + (SELECT s FROM g ORDER BY grp OFFSET 1 LIMIT 1))::text,
                               (SELECT rollup(s ORDER BY grp)::text FROM (SELECT * FROM g ORDER BY grp LIMIT 2) t)""")
        plus, rolled = cur.fetchone()
        if plus is not None:
            rep.ok("sql: a + b = rollup() of a, b", plus == rolled, ds.name)
        # the summary's own text and binary forms read back as the same value
        round_trips(rep, cur, whole, ds.name)
    print(f"drivers: sql: {len(sets)} random sets through driver_agg(), "
          f"{sum(1 for ds in sets if 'weighted' in ds.tags)} weighted, "
          f"{sum(1 for v in skips.values() if v)} with skipped rows")


def binary_of(cur, sql):
    """The binary (send) form of one summary, through COPY ... FORMAT binary."""
    out = io.BytesIO()
    cur.copy_expert(f"COPY ({sql}) TO STDOUT (FORMAT binary)", out)
    data = out.getvalue()
    # header 11 + flags 4 + extension 4, then the tuple: field count, length
    length = struct.unpack(">i", data[21:25])[0]
    return data[25:25 + length] if length >= 0 else None


def copy_binary_row(payload):
    return (b"PGCOPY\n\xff\r\n\0" + struct.pack(">ii", 0, 0) + struct.pack(">hi", 1, len(payload))
            + payload + struct.pack(">h", -1))


def binary_in(cur, payload):
    """payload read back through the type's receive function; the text of
    the value, or the SQLSTATE of the error."""
    cur.execute("TRUNCATE recv")
    try:
        cur.copy_expert("COPY recv FROM STDIN (FORMAT binary)", io.BytesIO(copy_binary_row(payload)))
    except psycopg2.Error as e:
        return ("error", e.pgcode)
    cur.execute("SELECT s::text FROM recv")
    return ("value", cur.fetchone()[0])


def round_trips(rep, cur, summary_sql, tag):
    cur.execute(f"SELECT s::text, s::text::driver_summary = s, s::text::driver_summary::text = s::text FROM ({summary_sql}) t(s)")
    text, same, canonical = cur.fetchone()
    rep.ok("sql: text round trip (Citus 12's path)", same and canonical, tag)
    payload = binary_of(cur, summary_sql)
    back = binary_in(cur, payload)
    rep.ok("sql: binary round trip (Citus 14's path)", back == ("value", text), f"{tag} {back[:1]}")
    cur.execute("SELECT (SELECT s FROM recv) = s FROM ({}) t(s)".format(summary_sql))
    rep.ok("sql: binary round trip (Citus 14's path)", cur.fetchone()[0] is True, tag)


def window_checks(rep, cur, limit):
    sets = datasets.window_sets()
    if limit:
        sets = sets[:max(2, limit // 10)]
    for ds in sets:
        copy_rows(cur, ds)
    frames = 0
    for ds in sets:
        weighted = "weighted" in ds.tags
        w = ", w" if weighted else ""
        L = ds.window
        cur.execute(f"""SELECT i, s::text, fresh::text
                        FROM (SELECT i, driver_agg(y, x{w}) OVER (ORDER BY i ROWS BETWEEN {L - 1} PRECEDING AND CURRENT ROW) AS s,
                                     (SELECT driver_agg(y, x{w}) FROM obs b WHERE b.set = a.set AND b.i BETWEEN a.i - {L - 1} AND a.i) AS fresh
                              FROM obs a WHERE set = '{ds.name}') t ORDER BY i""")
        for i, text, fresh in cur.fetchall():
            lo = max(0, i - L + 1)
            fit = oracle.Fit(ds.y[lo:i + 1], ds.X[lo:i + 1], ds.w[lo:i + 1])
            rows, skipped, p, weighted_flag, W, means, C = parse_summary(text)
            meas = Measure(fit)
            rep.ok("sql: window frame's rows and weighting = a fresh aggregation's",
                   parse_summary(fresh)[:4] == (rows, skipped, p, weighted_flag), f"{ds.name} at {i}")
            rep.error("sql: window W", err(W, fit.W, fit.W), TOLERANCE["W"], f"{ds.name} at {i}")
            for a in range(p + 1):
                rep.error("sql: window mean", err(means[a], float(fit.mean[a]),
                                                  max(abs(fit.mean[a]), meas.sd[a], 1e-300)),
                          TOLERANCE["mean"], f"{ds.name} at {i}")
                for b in range(a, p + 1):
                    rep.error("sql: window comoment", err(C[a, b], float(fit.C[a, b]), meas.root[a] * meas.root[b]),
                              TOLERANCE["comoment"], f"{ds.name} at {i} C{a}{b}")
            frames += 1
    print(f"drivers: sql: {len(sets)} window sets, {frames} frames")


def parallel_checks(rep, cur, rows):
    cur.execute(f"""CREATE TABLE par AS
                    SELECT i, g, y, ARRAY[a, b, c, a * 0.5 + b, gauss()] AS x, 1 + (i % 4) * 0.25 AS w
                    FROM (SELECT i, i % 7 AS g, gauss() AS a, gauss() AS b, gauss() AS c
                          FROM generate_series(1, {rows}) i) s,
                         LATERAL (SELECT 2 * a - b + 0.5 * c + gauss() AS y) t""")
    cur.execute("ANALYZE par")
    cur.execute("SET max_parallel_workers_per_gather = 0")
    cur.execute("SELECT driver_agg(y, x)::text, driver_agg(y, x, w)::text FROM par")
    serial = cur.fetchone()
    cur.execute("SELECT g, driver_agg(y, x)::text FROM par GROUP BY g ORDER BY g")
    serial_groups = cur.fetchall()
    for setting in ("parallel_setup_cost = 0", "parallel_tuple_cost = 0", "min_parallel_table_scan_size = 0",
                    "max_parallel_workers_per_gather = 2"):
        cur.execute(f"SET {setting}")
    cur.execute("EXPLAIN (COSTS OFF) SELECT driver_agg(y, x), driver_agg(y, x, w) FROM par")
    plan = "\n".join(r[0] for r in cur.fetchall())
    rep.ok("sql: parallel plan (Partial Aggregate under Gather)", "Partial Aggregate" in plan and "Gather" in plan, plan)
    cur.execute("SELECT driver_agg(y, x)::text, driver_agg(y, x, w)::text FROM par")
    parallel = cur.fetchone()
    cur.execute("SELECT g, driver_agg(y, x)::text FROM par GROUP BY g ORDER BY g")
    parallel_groups = cur.fetchall()
    for a, b, label in zip(parallel, serial, ("plain", "weighted")):
        same_summary(rep, "sql: parallel = serial", a, b, label)
    for (g, a), (_, b) in zip(parallel_groups, serial_groups):
        same_summary(rep, "sql: parallel = serial", a, b, f"group {g}")
    cur.execute("RESET ALL")
    cur.execute("DROP TABLE par")


def degenerate_checks(rep, cur):
    sets = datasets.degenerate_sets()
    for name, ds in sets.items():
        if ds.p > 0:
            copy_rows(cur, ds)
    for name, ds in sets.items():
        if ds.p == 0:
            continue                                     # no attributes: an error in SQL, below
        weighted = bool(np.any(ds.w != 1.0))
        whole = aggregate_sql(name, weighted)
        if ds.n == 0:
            cur.execute(f"SELECT ({whole}) IS NULL")
            rep.ok("sql: degenerate: no rows at all give NULL", cur.fetchone()[0], name)
            continue
        fit = oracle.Fit(ds.y, ds.X, ds.w)
        skipped = int(np.sum(ds.w == 0)) if weighted else 0
        weighted_rows = weighted and bool(np.any(ds.w[ds.w > 0] != 1.0))
        against_oracle(rep, analyse(cur, whole), fit, f"degenerate {name}", skipped, weighted_rows)
        round_trips(rep, cur, whole, f"degenerate {name}")
    print(f"drivers: sql: {len(sets) - 1} degenerate sets")


# (statement, SQLSTATE): every bad input the aggregate and functions refuse.
BAD_SQL = [
    ("SELECT driver_agg(y, x) FROM (VALUES (1.0, ARRAY[1.0, 2.0]), (2.0, ARRAY[1.0])) v(y, x)", "2202E"),
    ("SELECT driver_agg(y, x) FROM (VALUES (1.0, NULL), (NULL, ARRAY[1.0, 2.0]), (2.0, ARRAY[1.0])) v(y, x)", "2202E"),
    ("SELECT driver_agg(1, ARRAY[[1.0, 2.0], [3.0, 4.0]])", "2202E"),
    ("SELECT driver_agg(1, '{}'::float8[])", "2202E"),
    ("SELECT driver_agg(1, array_fill(1.0::float8, ARRAY[33]))", "54000"),
    ("SELECT driver_agg(1, array_fill(1.0::float8, ARRAY[1000]))", "54000"),
    ("SELECT driver_agg('NaN', ARRAY[1.0])", "22003"),
    ("SELECT driver_agg('-Infinity', ARRAY[1.0])", "22003"),
    ("SELECT driver_agg(1, ARRAY[1.0, 'NaN'])", "22003"),
    ("SELECT driver_agg(NULL, ARRAY[1.0, 'Infinity'])", "22003"),
    ("SELECT driver_agg(1, ARRAY[1.0], -1)", "22003"),
    ("SELECT driver_agg(1, ARRAY[1.0], -1e-300)", "22003"),
    ("SELECT driver_agg(1, ARRAY[1.0], 'NaN')", "22003"),
    ("SELECT driver_agg(1, ARRAY[1.0], 'Infinity')", "22003"),
    ("SELECT driver_agg(NULL, NULL, -1)", "22003"),
    ("SELECT driver_agg(x, ARRAY[x], 1e300) FROM (VALUES (1e10), (-1e10)) v(x)", "22003"),
    ("SELECT driver_agg(x, ARRAY[1.0]) FROM (VALUES (1e200), (-1e200)) v(x)", "22003"),
    ("SELECT * FROM key_drivers((SELECT driver_agg(1, ARRAY[1.0, 2.0])), ARRAY['a'])", "2202E"),
    ("SELECT * FROM key_drivers((SELECT driver_agg(1, ARRAY[1.0, 2.0])), ARRAY['a', 'b', 'c'])", "2202E"),
    ("SELECT * FROM key_drivers((SELECT driver_agg(1, ARRAY[1.0, 2.0])), ARRAY[['a'], ['b']])", "2202E"),
    ("SELECT * FROM driver_regression((SELECT driver_agg(1, ARRAY[1.0, 2.0])), ARRAY['a'])", "2202E"),
    ("SELECT * FROM key_drivers((SELECT driver_agg(1, ARRAY[1.0, 2.0])), method => 'lmg')", "22023"),
    ("SELECT * FROM key_drivers((SELECT driver_agg(1, ARRAY[1.0, 2.0])), method => 'Shapley')", "22023"),
    ("SELECT * FROM key_drivers((SELECT driver_agg(1, array_fill(1.0::float8, ARRAY[17]))), method => 'shapley')", "54000"),
    ("SELECT cronbach_alpha(driver_agg(1, ARRAY[1.0]))", "22023"),
    ("SELECT driver_agg(1, ARRAY[1.0]) + driver_agg(1, ARRAY[1.0, 2.0])", "2202E"),
    ("SELECT rollup(s) FROM (SELECT driver_agg(1, ARRAY[1.0]) UNION ALL SELECT driver_agg(1, ARRAY[1.0, 2.0])) v(s)", "2202E"),
    ("SELECT '{n:9223372036854775807,skipped:0,p:1,weighted:false,w:9.2233720368547758e18,means:[1,1],comoments:[0,0,0]}'::driver_summary"
     " + '{n:1,skipped:0,p:1,weighted:false,w:1,means:[1,1],comoments:[0,0,0]}'", "22003"),
    ("SELECT '{n:0,skipped:9223372036854775807,p:0}'::driver_summary + '{n:0,skipped:1,p:0}'", "22003"),
    ("SELECT '{n:2,skipped:0,p:1,weighted:true,w:1e308,means:[1e308,0],comoments:[1e308,0,0]}'::driver_summary"
     " + '{n:2,skipped:0,p:1,weighted:true,w:1e308,means:[-1e308,0],comoments:[1e308,0,0]}'", "22003"),
]

# Text inputs breaking one rule each (22P02), or too large a count (22003).
BAD_TEXT = [
    ("{n:-1,skipped:0,p:0}", "22P02"), ("{n:0,skipped:-1,p:0}", "22P02"), ("{n:0,skipped:0,p:33}", "22P02"),
    ("{n:0,skipped:0,p:-1}", "22P02"), ("{n:2,skipped:0,p:0}", "22P02"),
    ("{n:3,skipped:0,p:1,weighted:false,w:3,means:[2,4,5],comoments:[2,1,2]}", "22P02"),
    ("{n:3,skipped:0,p:1,weighted:false,w:3,means:[2],comoments:[2,1,2]}", "22P02"),
    ("{n:3,skipped:0,p:1,weighted:false,w:3,means:[2,4],comoments:[2,1,2,3]}", "22P02"),
    ("{n:3,skipped:0,p:1,weighted:false,w:1e999,means:[2,4],comoments:[2,1,2]}", "22P02"),
    ("{n:3,skipped:0,p:1,weighted:false,w:3,means:[2,4],comoments:[2,1e400,2]}", "22P02"),
    ("{n:3,skipped:0,p:1,weighted:true,w:0,means:[2,4],comoments:[2,1,2]}", "22P02"),
    ("{n:3,skipped:0,p:1,weighted:true,w:-3,means:[2,4],comoments:[2,1,2]}", "22P02"),
    ("{n:0,skipped:0,p:1,weighted:false,w:1,means:[0,0],comoments:[0,0,0]}", "22P02"),
    ("{n:0,skipped:0,p:1,weighted:false,w:0,means:[0,0],comoments:[0,0,1]}", "22P02"),
    ("{n:0,skipped:0,p:1,weighted:true,w:0,means:[0,0],comoments:[0,0,0]}", "22P02"),
    ("{n:3,skipped:0,p:1,weighted:false,w:3.5,means:[2,4],comoments:[2,1,2]}", "22P02"),
    ("{n:1,skipped:0,p:1,weighted:false,w:1,means:[2,4],comoments:[0,1e-300,0]}", "22P02"),
    ("{n:3,skipped:0,p:1,weighted:false,w:3,means:[2,4],comoments:[-1e-300,0,2]}", "22P02"),
    ("{n:3,skipped:0,p:1,weighted:false,w:3,means:[2,4],comoments:[2,2.000001,2]}", "22P02"),
    ("{n:3,skipped:0,p:2,weighted:false,w:3,means:[2,4,1],comoments:[2,1,1,2,-2.1,2]}", "22P02"),
    ("{n:3,skipped:0,p:1,weighted:maybe,w:3,means:[2,4],comoments:[2,1,2]}", "22P02"),
    ("{n:3,skipped:0,p:1,weighted:false,w:3,means:[2,4],comoments:[2,1,2],extra:1}", "22P02"),
    ("{skipped:0,n:3,p:0}", "22P02"), ("{n:0,skipped:0,p:0", "22P02"), ("", "22P02"),
    ("{n:0,skipped:0,p:0,weighted:false}", "22P02"), ("{n:0,skipped:0,p:1}", "22P02"),
    ("{n:0x1,skipped:0,p:0}", "22P02"), ("{n:0,skipped:0,p:1,weighted:false,w:nan,means:[0,0],comoments:[0,0,0]}", "22P02"),
    ("{n:99999999999999999999,skipped:0,p:0}", "22003"),
]


def binary_value(flags, p, rows, skipped, W=None, means=(), comoments=(), version=1):
    out = struct.pack(">BBBqq", version, flags, p, rows, skipped)
    if W is not None:
        out += struct.pack(">d", W)
        for hi, lo in means:
            out += struct.pack(">dd", hi, lo)
        out += struct.pack(f">{len(comoments)}d", *comoments)
    return out


# Binary inputs breaking one rule each: all 22P03.
BAD_BINARY = [
    ("version 2", binary_value(0, 0, 0, 0, version=2)),
    ("empty", b""),
    ("short head", binary_value(0, 0, 0, 0)[:10]),
    ("one byte too many", binary_value(0, 0, 0, 0) + b"\0"),
    ("p 33", binary_value(0, 33, 0, 0)[:19]),
    ("length of p 1 for p 2", binary_value(0, 2, 3, 0, 3.0, [(2, 0), (4, 0)], [2, 1, 2])),
    ("unknown flag", binary_value(2, 1, 3, 0, 3.0, [(2, 0), (4, 0)], [2, 1, 2])),
    ("negative rows", binary_value(0, 1, -3, 0, 3.0, [(2, 0), (4, 0)], [2, 1, 2])),
    ("rows without p", binary_value(0, 0, 3, 0)),
    ("NaN mean", binary_value(0, 1, 3, 0, 3.0, [(2, 0), (float("nan"), 0)], [2, 1, 2])),
    ("infinite co-moment", binary_value(0, 1, 3, 0, 3.0, [(2, 0), (4, 0)], [2, float("inf"), 2])),
    ("pair not normalised", binary_value(0, 1, 3, 0, 3.0, [(2, 0), (4, 1)], [2, 1, 2])),
    ("weight total of an unweighted summary", binary_value(0, 1, 3, 0, 2.0, [(2, 0), (4, 0)], [2, 1, 2])),
    ("rows without weight", binary_value(1, 1, 3, 0, 0.0, [(2, 0), (4, 0)], [2, 1, 2])),
    ("one row with spread", binary_value(0, 1, 1, 0, 1.0, [(2, 0), (4, 0)], [0, 0, 1])),
    ("negative diagonal", binary_value(0, 1, 3, 0, 3.0, [(2, 0), (4, 0)], [2, 1, -2])),
    ("correlation beyond 1", binary_value(0, 1, 3, 0, 3.0, [(2, 0), (4, 0)], [2, -3, 2])),
]


def bad_input_checks(rep, cur):
    for sql, state in BAD_SQL:
        try:
            cur.execute(sql)
            cur.fetchall()
            got = "no error"
        except psycopg2.Error as e:
            got = e.pgcode
        rep.ok("sql: bad input: SQLSTATE", got == state, f"{sql}: {got} (want {state})")
    for text, state in BAD_TEXT:
        try:
            cur.execute("SELECT %s::driver_summary", (text,))
            got = "no error"
        except psycopg2.Error as e:
            got = e.pgcode
        rep.ok("sql: bad text input: SQLSTATE", got == state, f"{text!r}: {got} (want {state})")
    for label, payload in BAD_BINARY:
        got = binary_in(cur, payload)
        rep.ok("sql: bad binary input: SQLSTATE 22P03", got == ("error", "22P03"), f"{label}: {got}")
    # ... and the good ones they were made from read back
    good = binary_value(0, 1, 3, 0, 3.0, [(2, 0), (4, 0)], [2, 1, 2])
    rep.ok("sql: bad binary input: SQLSTATE 22P03", binary_in(cur, good) ==
           ("value", "{n:3,skipped:0,p:1,weighted:false,w:3,means:[2,4],comoments:[2,1,2]}"), "the valid original")
    print(f"drivers: sql: {len(BAD_SQL)} bad calls, {len(BAD_TEXT)} bad text and {len(BAD_BINARY)} bad binary values")


def closure_checks(rep, cur, big_rows):
    """Issue 24: whatever an aggregate, + or rollup() makes from valid data
    passes the input rules, as text and as binary."""
    rng = np.random.default_rng(2424)
    passed = 0
    for k in range(24 if big_rows > 10**6 else 8):
        p = int(rng.integers(1, 9))
        n = int(rng.integers(20, 400))
        X = rng.normal(size=(n, p)) * 10 ** rng.uniform(-3, 3, size=p)
        y = X @ rng.normal(size=p) + rng.normal(size=n)
        if k % 3 == 1:
            X, y = X + 1e6, y + 1e6                              # far from 0
        if k % 4 == 2:
            X, y = np.round(X), np.round(y)                      # integer ratings
        w = 10 ** rng.uniform(-140, 140, size=n)                 # extreme weights
        if k % 5 == 0:
            w = np.ones(n)
        ds = datasets.DataSet(f"closure{k}", y, X, w, rng.integers(0, 6, size=n), 6)
        copy_rows(cur, ds)
    cur.execute("""CREATE TABLE closure AS
                   SELECT set, grp, driver_agg(y, x, w) AS s FROM obs WHERE set LIKE 'closure%' GROUP BY set, grp
                   UNION ALL SELECT set, -1, driver_agg(y, x, w) FROM obs WHERE set LIKE 'closure%' GROUP BY set
                   UNION ALL SELECT set, -2, rollup(s) FROM (SELECT set, driver_agg(y, x, w) AS s FROM obs
                                                                WHERE set LIKE 'closure%' GROUP BY set, grp) t GROUP BY set""")
    cur.execute("""INSERT INTO closure
                   SELECT a.set, -3, a.s + b.s FROM closure a JOIN closure b ON a.set = b.set AND a.grp = 0 AND b.grp = 1""")
    # millions of rows: generated in the server, summaries per group and their rollup
    cur.execute("SELECT setseed(0.24)")
    cur.execute(f"""INSERT INTO closure
                    SELECT 'millions', g, driver_agg(y, ARRAY[a, b, a - b + 1e6], w)
                    FROM (SELECT i % 16 AS g, random() * 10 AS a, gauss(5, 2) AS b,
                                 CASE WHEN i % 5 = 0 THEN 1.0 ELSE 10 ^ (random() * 280 - 140) END AS w
                          FROM generate_series(1, {big_rows}) i) s,
                         LATERAL (SELECT 1e6 + a + 0.3 * b + random() AS y) t GROUP BY g""")
    cur.execute("""INSERT INTO closure SELECT 'millions', -2, rollup(s) FROM closure WHERE set = 'millions'""")
    cur.execute("SELECT set, grp, s::text FROM closure ORDER BY set, grp")
    values = cur.fetchall()
    for set_, grp, text in values:
        try:
            cur.execute("SELECT %s::driver_summary::text", (text,))
            ok = cur.fetchone()[0] == text
        except psycopg2.Error as e:
            ok = False
            text = f"{text}: {e.pgcode} {e.diag.message_primary}"
        back = binary_in(cur, binary_of(cur, f"SELECT s FROM closure WHERE set = '{set_}' AND grp = {grp}")) if ok else None
        ok = ok and back == ("value", text)
        rep.ok("sql: issue 24: aggregates, + and rollup() of valid data pass the input rules", ok, f"{set_} {grp}: {text[:200]}")
        passed += ok
    cur.execute("SELECT sum(driver_rows(s)) FROM closure WHERE set = 'millions' AND grp >= 0")
    millions = cur.fetchone()[0]
    print(f"drivers: sql: issue 24: {passed}/{len(values)} summaries of valid data (weights 1e-140..1e140, "
          f"scores shifted by 1e6, {millions} rows in one set) passed the input rules as text and binary")


# relaimpo 2.2-7 / relativeImp 0.0.2, as check_model.py quotes them.
def swiss_checks(rep, cur):
    data = datasets.swiss()
    if data is None:
        rep.skip("sql: swiss", "Rscript is not installed (test/install-deps --tests)")
        return
    y, X = data
    n = len(y)
    w = datasets.swiss_weights(n)
    plain = datasets.DataSet("swiss", y, X, None, np.arange(n) % 4, 4)
    weighted = datasets.DataSet("swiss_w", y, X, w, np.arange(n) % 4, 4)
    copy_rows(cur, plain)
    copy_rows(cur, weighted)
    names = "ARRAY['" + "', '".join(datasets.SWISS_ATTRIBUTES) + "']"
    for sid, wt, r2, lmg in (("swiss", False, check_model.SWISS_R2, check_model.SWISS_LMG),
                             ("swiss_w", True, check_model.SWISS_WEIGHTED_R2, check_model.SWISS_WEIGHTED_LMG)):
        for view, summary in (("whole", aggregate_sql(sid, wt)),
                              ("rolled up", f"SELECT rollup(s) FROM ({aggregate_sql(sid, wt)} GROUP BY grp) t(s)")):
            cur.execute(f"""SELECT driver_r2(s), array_agg(importance ORDER BY position), array_agg(attribute ORDER BY position)
                            FROM ({summary}) t(s), key_drivers(s, {names}, 'shapley') GROUP BY 1""")
            got_r2, got, attrs = cur.fetchone()
            rep.error("sql: swiss: relaimpo lmg", max(abs(a - b) for a, b in zip(got, lmg)), 6e-13, f"{sid} {view}")
            rep.error("sql: swiss: relaimpo R^2", abs(got_r2 - r2), 6e-13, f"{sid} {view}")
            rep.ok("sql: swiss: names", attrs == datasets.SWISS_ATTRIBUTES, sid)
    cur.execute(f"SELECT array_agg(importance ORDER BY position) FROM ({aggregate_sql('swiss', False)}) t(s), key_drivers(s)")
    rep.error("sql: swiss: relativeImp weights", max(abs(a - b) for a, b in zip(cur.fetchone()[0], check_model.SWISS_RW)),
              6e-13, "swiss")

    ref = datasets.r_reference(y, X, w)
    if "alpha" in ref:
        cur.execute(f"SELECT alpha, standardized_alpha FROM ({aggregate_sql('swiss', False)}) t(s), cronbach_alpha(s)")
        a, s = cur.fetchone()
        rep.error("sql: swiss: psych::alpha raw and standardized",
                  max(abs(a - ref["alpha"][0]), abs(s - ref["alpha"][1])), 1e-14, "swiss")
    cur.execute(f"SELECT driver_correlations(s) FROM ({aggregate_sql('swiss_w', True)}) t(s)")
    rep.error("sql: swiss: R cov.wt(cor = TRUE), weighted",
              float(np.max(np.abs(np.array(cur.fetchone()[0]) - ref["cor"]))), 1e-14, "swiss_w")
    for sid, wt, table, (r2, sigma) in zip(("swiss", "swiss_w"), (False, True), ref["lm"], ref["r2"]):
        cur.execute(f"""SELECT array_agg(estimate ORDER BY o), array_agg(std_error ORDER BY o),
                               array_agg(t_value ORDER BY o), array_agg(p_value ORDER BY o), min(se_basis), max(driver_r2(s))
                        FROM ({aggregate_sql(sid, wt)}) t(s), driver_regression(s) WITH ORDINALITY r(term, estimate, std_error, t_value, p_value, se_basis, o)""")
        est, se, t, pv, basis, got_r2 = cur.fetchone()
        rel = lambda a, b: max(abs(x - y) / abs(y) for x, y in zip(a, b))  # noqa: E731
        rep.error("sql: swiss: R lm() coefficients", rel(est, table[0:6]), 1e-12, sid)
        rep.error("sql: swiss: R lm() standard errors", rel(se, table[6:12]), 1e-12, sid)
        rep.error("sql: swiss: R lm() t", rel(t, table[12:18]), 1e-12, sid)
        rep.error("sql: swiss: R lm() p", rel(pv, table[18:24]), 1e-10, sid)
        rep.error("sql: swiss: R lm() R^2", abs(got_r2 - r2) / r2, 1e-13, sid)
        rep.ok("sql: swiss: se_basis", basis == ("wls" if wt else "ols"), f"{sid} {basis}")


def main():
    limit = int(os.environ.get("DRIVERS_SQL_SETS", "0"))
    big_rows = int(os.environ.get("DRIVERS_SQL_BIG_ROWS", "2000000"))
    cur = csmtest.fresh_database("csm_drivers")
    cur.execute("CREATE TABLE obs (set text, i int, grp int, w float8, y float8, x float8[])")
    cur.execute("CREATE INDEX ON obs (set, i)")
    cur.execute("CREATE TABLE recv (s driver_summary)")
    # random_normal() is PostgreSQL 16's; Box-Muller for 15
    cur.execute("""CREATE FUNCTION gauss(mu float8 DEFAULT 0, sd float8 DEFAULT 1) RETURNS float8
                   LANGUAGE sql VOLATILE AS $$ SELECT mu + sd * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) $$""")
    rep = Report()
    bad_input_checks(rep, cur)
    degenerate_checks(rep, cur)
    swiss_checks(rep, cur)
    window_checks(rep, cur, limit)
    parallel_checks(rep, cur, 200000 if not limit else 50000)
    closure_checks(rep, cur, big_rows)
    random_checks(rep, cur, limit)
    sys.exit(rep.print())


if __name__ == "__main__":
    main()
