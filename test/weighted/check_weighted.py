"""Weighted ratings vs R's survey package, on random weighted data sets.

Each data set is a few to a few thousand answers, each with an NPS score
(0..10), a CSAT score (1..5 or 1..7), a CES score (CES 2.0 agreement 1..7 or
CES 1.0 effort 1..5), a group (a or b) and a weight drawn from one of the
shapes survey weights take: post-stratification cells, raking-like
lognormal, integers, equal, a mix spanning six orders of magnitude, one
huge weight.  Some rows have weight 0 or NULL, which csm skips; R gets the
other rows (docs/metrics.md §8.1: n counts answers with positive weight).

R (test/weighted/survey_reference.R, svydesign(ids = ~1, weights = ~w))
gives for each set: svymean and confint of the NPS, the CSAT top-2 and
top-box shares and the CES share of easy answers with svyciprop "logit"
and "beta", the CES mean with confint on n - 1 df and sqrt(svyvar), Kish's
effective n and design effect, and the two groups compared as strata.
Then window frames over random weight sequences, inside and outside the
exact zone, against a fresh aggregation of each frame, bit for bit.
The per-answer values (x = +100/0/-100, the 0/1 shares) are computed here
from the definitions, not by csm.  Tolerances (relative): point estimates
and weight totals 1e-12, standard errors 1e-9, interval bounds and test
statistics 1e-7 (R's svyglm stops its iterations at a relative deviance
change of 1e-8; its logit bounds are good to about 1e-10).

A share of exactly 0% or 100% is outside R's reach (svyglm does not
converge, svyciprop "beta" gives NaN); there csm's documented rule is
checked instead: no logit bounds, and Clopper-Pearson bounds at n* = n
(Korn & Graubard 1998), in closed form: [0, 1 - (a/2)^(1/n)] and
[(a/2)^(1/n), 1].
"""
import csv
import math
import os
import subprocess
import sys
import tempfile
from fractions import Fraction

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import csmtest  # noqa: E402

SETS = int(os.environ.get("WEIGHTED_SETS", "250"))
rng = csmtest.rng(14)
cur = csmtest.fresh_database("csm_weighted")
checks = csmtest.Checks("weighted")
cur.execute("CREATE TABLE answers (set int, grp text, score int, csat int, ces int, w float8)")

TOLERANCE = {"estimate": 1e-12, "se": 1e-9, "interval": 1e-7, "effective n": 1e-9,
             "total": 1e-12, "test": 1e-7}
worst = {k: 0.0 for k in TOLERANCE}


def weights(n):
    kind = rng.choice(["cells", "lognormal", "integer", "equal", "wide", "huge_one", "uniform"])
    if kind == "cells":                 # post-stratification: a few distinct weights
        cells = [rng.uniform(0.2, 5) for _ in range(rng.randint(2, 6))]
        return [rng.choice(cells) for _ in range(n)]
    if kind == "lognormal":
        return [math.exp(rng.gauss(0, rng.choice([0.3, 0.8, 1.5]))) for _ in range(n)]
    if kind == "integer":
        return [float(rng.randint(1, 100)) for _ in range(n)]
    if kind == "equal":
        w = rng.choice([1.0, 0.1, 7.25, 1 / 3])
        return [w] * n
    if kind == "wide":
        return [10 ** rng.uniform(-3, 3) for _ in range(n)]
    if kind == "huge_one":
        w = [rng.uniform(0.5, 2) for _ in range(n)]
        w[rng.randrange(n)] = 1e6
        return w
    return [rng.uniform(0.01, 10) for _ in range(n)]


def scores(n, lo, hi):
    p = [rng.random() ** 2 for _ in range(lo, hi + 1)]
    return rng.choices(range(lo, hi + 1), weights=p, k=n)


def relative(got, want, floor=0.0):
    """|got - want| relative to |want|, or to floor (in the metric's units) if larger."""
    if got is None or want is None or math.isnan(want):
        return math.inf
    scale = max(abs(want), floor)
    return abs(got - want) / scale if scale > 0 else abs(got)


errors = {}


def compare(name, kind, got, want, floor=0.0):
    """One csm value against R's, within the tolerance of its kind."""
    err = relative(got, want, floor)
    worst[kind] = max(worst[kind], err)
    errors[name] = max(errors.get(name, 0.0), err)
    checks.equal(f"{kind}: {name}", err <= TOLERANCE[kind], True) or \
        print(f"weighted: {name}: csm {got!r}, R {want!r}, relative error {err:.2e}")


svyciprop_logit = []                    # csm vs svyciprop's logit bounds as R prints them
exact_se = []                           # csm vs the variance formula in exact rationals


def exact_mean_se(values, weights):
    """The weighted mean's standard error, n/(n-1) sum w^2 (x - mean)^2 / W^2, in exact fractions."""
    w = [Fraction(x) for x in weights]
    total = sum(w)
    mean = sum(wi * x for wi, x in zip(w, values)) / total
    n = len(values)
    var = Fraction(n, n - 1) * sum(wi * wi * (x - mean) ** 2 for wi, x in zip(w, values)) / total ** 2
    return math.sqrt(var)


def errors_of(method):
    return max((e for name, e in errors.items() if f" {method} " in name), default=0.0)


data = {}
for s in range(SETS):
    n = rng.choice([rng.randint(4, 12), rng.randint(12, 300), rng.randint(300, 4000)])
    w = weights(n)
    scale = rng.choice([5, 5, 7])
    orientation = rng.choice(["agreement", "agreement", "effort"])
    ces_max = 7 if orientation == "agreement" else 5
    grp = ["a", "b"] * 2 + [rng.choice("ab") for _ in range(n - 4)]
    rows = list(zip(grp, scores(n, 0, 10), scores(n, 1, scale), scores(n, 1, ces_max), w))
    skipped = [(rng.choice("ab"), rng.randint(0, 10), rng.randint(1, scale), rng.randint(1, ces_max),
                rng.choice([0.0, None])) for _ in range(rng.choice([0, 0, 3]))]
    level = rng.choice([0.8, 0.9, 0.95, 0.99])
    data[s] = dict(rows=rows, scale=scale, orientation=orientation, ces_max=ces_max, level=level)
    cur.executemany("INSERT INTO answers VALUES (%s, %s, %s, %s, %s, %s)",
                    [(s,) + r for r in rows + skipped])

# The oracle's input: positive-weight answers and their metric values, from the definitions.
with tempfile.TemporaryDirectory() as tmp:
    src, dst = os.path.join(tmp, "sets.csv"), os.path.join(tmp, "r.csv")
    with open(src, "w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["set", "level", "grp", "w", "x", "top2", "topbox", "easy", "ces"])
        for s, d in data.items():
            for g, score, csat, ces, w in d["rows"]:
                easy = ces >= 5 if d["orientation"] == "agreement" else ces <= 2
                out.writerow([s, d["level"], g, repr(w), 100 if score >= 9 else -100 if score <= 6 else 0,
                              int(csat >= d["scale"] - 1), int(csat == d["scale"]), int(easy), ces])
    subprocess.run(["Rscript", os.path.join(os.path.dirname(__file__), "survey_reference.R"), src, dst],
                   check=True)
    with open(dst) as f:
        reference = {int(float(r["set"])): {k: float(v) for k, v in r.items()} for r in csv.DictReader(f)}

SHARES = [("top2", "csat_top2_ci(c, %(scale)s, %(level)s, '{m}')"),
          ("topbox", "csat_topbox_ci(c, %(scale)s, %(level)s, '{m}')"),
          ("easy", "ces_easy_ci(e, %(orientation)s, %(level)s, '{m}')")]
boundary = 0
for s, d in data.items():
    r = reference[s]
    params = dict(set=s, scale=d["scale"], level=d["level"], orientation=d["orientation"], ces_max=d["ces_max"])
    share_sql = ", ".join(f"({call.format(m=m)}).{col}"
                          for _, call in SHARES for m in ("logit", "beta")
                          for col in ("estimate", "se", "lower", "upper", "effective_n"))
    cur.execute(f"""
        WITH x AS (SELECT rating_agg(score, w) AS p, rating_agg(csat, w) AS c, rating_agg(ces, w) AS e,
                          rating_agg(score, w) FILTER (WHERE grp = 'a') AS pa,
                          rating_agg(score, w) FILTER (WHERE grp = 'b') AS pb,
                          rating_agg(csat, w) FILTER (WHERE grp = 'a') AS ca,
                          rating_agg(csat, w) FILTER (WHERE grp = 'b') AS cb
                   FROM answers WHERE set = %(set)s)
        SELECT nps(p), nps_se(p), (nps_ci(p, %(level)s, 'wald')).lower, (nps_ci(p, %(level)s)).upper,
               nps_moe(p, %(level)s), (nps_ci(p, %(level)s)).estimate,
               {share_sql},
               ces_avg(e, %(ces_max)s), (ces_avg_ci(e, %(ces_max)s, %(level)s)).*,
               weighted_total(p), effective_n(p), design_effect(p),
               (nps_test(pa, pb, %(level)s)).*, (csat_top2_test(ca, cb, %(scale)s, %(level)s)).*,
               rating_count(p), rating_stddev(e),
               csat_top2(c, %(scale)s), csat_topbox(c, %(scale)s), ces_easy_pct(e, %(orientation)s)
        FROM x""", params)
    row = list(cur.fetchone())
    take = lambda k: [row.pop(0) for _ in range(k)]    # noqa: E731

    nps, se, lower, upper, moe, ci_estimate = take(6)
    compare("nps", "estimate", nps, r["nps"], floor=1.0)
    checks.equal("estimate: nps_ci estimate is nps(s) to the last bit", ci_estimate == nps, True)
    compare("nps_se", "se", se, r["nps_se"])
    ws = [row_[4] for row_ in d["rows"]]
    exact_se.append(relative(se, exact_mean_se([100 if a[1] >= 9 else -100 if a[1] <= 6 else 0
                                                for a in d["rows"]], ws)))
    compare("nps_ci wald lower", "interval", lower, max(-100.0, r["nps_lower"]), floor=1e-6)
    compare("nps_ci wald upper", "interval", upper, min(100.0, r["nps_upper"]), floor=1e-6)
    compare("nps_moe", "interval", moe, r["nps_moe"])

    n = len(d["rows"])
    alpha = 1 - d["level"]
    point = dict(zip(("top2", "topbox", "easy"), row[-3:]))
    for v, _ in SHARES:
        for m in ("logit", "beta"):
            est, sse, lo, hi, neff = take(5)
            checks.equal(f"estimate: {v} interval estimate is the share itself to the last bit",
                         est == point[v], True)
            compare(f"{v} estimate", "estimate", est, 100 * r[v], floor=1.0)
            compare(f"{v} se", "se", sse, 100 * r[f"{v}_se"])
            if 0 < r[v] < 1:
                compare(f"{v} {m} lower", "interval", lo, 100 * r[f"{v}_{m}_lower"])
                compare(f"{v} {m} upper", "interval", hi, 100 * r[f"{v}_{m}_upper"])
                if m == "logit":
                    svyciprop_logit.extend(relative(g, 100 * r[f"{v}_svyciprop_{b}"])
                                           for g, b in ((lo, "lower"), (hi, "upper")))
                compare(f"{v} effective n (Korn-Graubard)", "effective n", neff, r[f"{v}_neff"])
            else:                       # R has no answer here: csm's documented rule
                boundary += 1
                if m == "logit":
                    want = (None, None)
                elif r[v] == 0:
                    want = (0.0, 100 * (1 - (alpha / 2) ** (1 / n)))
                else:
                    want = (100 * (alpha / 2) ** (1 / n), 100.0)
                ok = (lo, hi) == want if m == "logit" else \
                    all(abs(g - w) <= 1e-9 * max(1, w) for g, w in zip((lo, hi), want))
                checks.equal(f"interval: {m} at 0% or 100%", ok and neff == n, True) or \
                    print(f"weighted: set {s} {v} {m} at {r[v]}: csm {(lo, hi, neff)}, expected {want}, n* {n}")

    ces, est, lo, hi, cse, sd, df, level = take(8)
    compare("ces_avg", "estimate", ces, r["ces"], floor=1.0)
    checks.equal("estimate: ces_avg_ci estimate is ces_avg(s) to the last bit", est == ces, True)
    compare("ces_avg_ci se", "se", cse, r["ces_se"])
    exact_se.append(relative(cse, exact_mean_se([a[3] for a in d["rows"]], ws)))
    compare("ces_avg_ci lower", "interval", lo, r["ces_lower"])
    compare("ces_avg_ci upper", "interval", hi, r["ces_upper"])
    compare("ces_avg_ci stddev (svyvar)", "se", sd, r["ces_sd"])
    checks.equal("interval: ces_avg_ci df is n - 1", df, n - 1)

    total, neff, deff = take(3)
    compare("weighted_total", "total", total, r["weighted_total"])
    compare("effective_n (Kish)", "effective n", neff, r["effective_n"])
    compare("design_effect", "effective n", deff, r["design_effect"])

    for v in ("x", "top2"):
        diff, tse, z, p, lo, hi, level, method = take(8)
        label = "nps_test" if v == "x" else "csat_top2_test"
        scale = 1 if v == "x" else 100
        compare(f"{label} difference", "estimate", diff, scale * r[f"{v}_test_difference"], floor=1.0)
        if r[f"{v}_test_se"] * scale < 1e-9:
            # Both groups without spread (each all promoters, say): R's
            # standard error is rounding noise and its z 0/0; csm's is 0,
            # and z is 0 or infinite as the difference is.
            want = (0.0, 1.0) if diff == 0 else (math.copysign(math.inf, diff), 0.0)
            checks.equal(f"test: {label} of two groups without spread", (tse, (z, p)), (0.0, want))
            continue
        compare(f"{label} se", "se", tse, scale * r[f"{v}_test_se"])
        compare(f"{label} z", "test", z, r[f"{v}_test_z"], floor=1e-6)
        compare(f"{label} p-value", "test", p, r[f"{v}_test_p"], floor=1e-12)
        limit = 200 if v == "x" else 100
        compare(f"{label} lower", "test", lo, max(-limit, scale * r[f"{v}_test_lower"]), floor=1e-6)
        compare(f"{label} upper", "test", hi, min(limit, scale * r[f"{v}_test_upper"]), floor=1e-6)

    count, sd = take(2)
    checks.equal("estimate: rating_count is the positive-weight answers", count, n)
    compare("rating_stddev (svyvar)", "se", sd, r["ces_sd"])
    take(3)                             # the share accessors, compared above
    assert not row

print(f"weighted: {SETS} data sets, {sum(len(d['rows']) for d in data.values())} answers; "
      f"{boundary} share intervals at 0% or 100% checked against the closed form")
# Window frames against fresh aggregation, bit for bit (docs/metrics.md §8.5):
# weights on the 2^-16 grid up to the bounds of the exact zone, where the
# inverse must restore the exact sums, and weights off the grid or beyond
# it, where the inverse declines and the frame is recomputed.
cur.execute("CREATE TABLE frames (seq int, id int, score int, w float8)")
for seq in range(40):
    kind = seq % 4
    rows = []
    for i in range(rng.randint(50, 300)):
        if kind == 0:                   # fine grid: k / 2^16
            w = rng.randint(1, 2 ** 30) / 65536
        elif kind == 1:                 # on the grid, but Σw² far past the zone's 2^72
            w = rng.randint(2 ** 52, 2 ** 53 - 1) / 65536
        elif kind == 2:                 # off the grid
            w = rng.choice([0.1, 1 / 3, math.pi, 1e-9]) * rng.randint(1, 1000)
        else:                           # a mix, some beyond the zone
            w = rng.choice([rng.randint(1, 64) / 4, 2.0 ** rng.randint(-40, 40), rng.random()])
        rows.append((seq, i, rng.randint(0, 10), w))
    cur.executemany("INSERT INTO frames VALUES (%s, %s, %s, %s)", rows)
cur.execute("""
    SELECT count(*), count(*) FILTER (WHERE w.s = r.s AND w.nps IS NOT DISTINCT FROM r.nps)
    FROM (SELECT seq, id, rating_agg(score, w) OVER f::text AS s, nps(score, w) OVER f AS nps
          FROM frames WINDOW f AS (PARTITION BY seq ORDER BY id ROWS BETWEEN 30 PRECEDING AND CURRENT ROW)) w
    JOIN LATERAL (SELECT rating_agg(a.score, a.w ORDER BY a.id)::text AS s, nps(a.score, a.w ORDER BY a.id) AS nps
                  FROM frames a WHERE a.seq = w.seq AND a.id BETWEEN w.id - 30 AND w.id) r ON true""")
frames, same = cur.fetchone()
checks.equal("window: frames equal a fresh aggregation bit for bit", same, frames)
print(f"weighted: {frames} window frames over 40 random weight sequences equal a fresh aggregation: {same}")

within = sum(e <= TOLERANCE["interval"] for e in svyciprop_logit)
print(f"weighted: logit bounds against svyciprop as R prints them (svyglm stopped at its default "
      f"1e-8): {within}/{len(svyciprop_logit)} within 1e-7, worst {max(svyciprop_logit):.1e}; "
      f"against svyglm iterated to convergence: worst {errors_of('logit'):.1e}")
checks.equal("se: nps_se and ces_avg_ci se within 1e-13 of the exact rational formula",
             max(exact_se) <= 1e-13, True)
print(f"weighted: nps_se and ces_avg_ci se against the formula in exact rationals: worst {max(exact_se):.1e}")
print("weighted: worst relative error against R's survey package: "
      + ", ".join(f"{k} {worst[k]:.1e} (limit {TOLERANCE[k]:.0e})" for k in TOLERANCE))
if os.environ.get("WEIGHTED_VERBOSE"):
    for name, err in sorted(errors.items(), key=lambda x: -x[1]):
        print(f"weighted: {name}: worst relative error {err:.1e}")
sys.exit(checks.report("random data sets agree with R's survey package"))
