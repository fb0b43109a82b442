"""csm's intervals, tests and sample sizes vs an independent implementation
with scipy, on random cases (at least 200 per method).

Reads PG* environment variables; csm must be installed in that server.
"""
import math
import os
import sys

from scipy import optimize, stats

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import csmtest  # noqa: E402

CASES = 250
rng = csmtest.rng(2026)
cur = csmtest.fresh_database("csm_stats")
checks = csmtest.Checks("stats")
summary = csmtest.summary_text


def random_nps_counts():
    n = csmtest.sample_size(rng)
    d, pa, p = csmtest.split_counts(rng, n, 3)
    if rng.random() < 0.05:             # one group empty
        k = rng.randrange(3)
        d, pa, p = [0 if i == k else c for i, c in enumerate((d, pa, p))]
        if d + pa + p == 0:
            d = n
    return d, pa, p


def py_nps(d, pa, p):
    n = d + pa + p
    return (p - d) / n, (p / n + d / n - ((p - d) / n) ** 2)


def py_wald(d, pa, p, z):
    e, v = py_nps(d, pa, p)
    se = math.sqrt(v / (d + pa + p))
    return e, max(-1, e - z * se), min(1, e + z * se), se


def py_adjusted(d, pa, p, z):
    e, _ = py_nps(d, pa, p)
    c, v = py_nps(d + 0.75, pa + 1.5, p + 0.75)
    se = math.sqrt(v / (d + pa + p + 3))
    return e, max(-1, c - z * se), min(1, c + z * se), se


def py_score(d, pa, p, z):
    n = d + pa + p
    e, v = py_nps(d, pa, p)

    def Z(delta):
        # restricted MLE of the detractor share: root of 2n q^2 + b q + c = 0
        b = -d - p + (2 * n - p + d) * delta
        c = -d * delta * (1 - delta)
        q = max(r.real for r in __import__("numpy").roots([2 * n, b, c]))
        var = n * (2 * q + delta * (1 - delta))
        num = p - d - n * delta
        if var > 0:
            return num / math.sqrt(var)
        return 0.0 if num == 0 else math.copysign(math.inf, num)

    eps = 1e-13
    # Z decreases in delta; when it never reaches +-z the limit is -1 or 1
    lower = -1.0 if d == n or Z(-1 + eps) <= z else \
        optimize.brentq(lambda x: Z(x) - z, -1 + eps, e, xtol=1e-14)
    upper = 1.0 if p == n or Z(1 - eps) >= -z else \
        optimize.brentq(lambda x: Z(x) + z, e, 1 - eps, xtol=1e-14)
    return e, lower, upper, math.sqrt(v / n)


def py_wilson(x, n, z):
    ph = x / n
    centre = (ph + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(ph * (1 - ph) / n + z * z / (4 * n * n))
    return ph, max(0.0, centre - half) if x > 0 else 0.0, min(1.0, centre + half) if x < n else 1.0


def check(method, got, want, tol=1e-9, scale=1.0):
    checks.close(method, got, want, tol, scale)


for _ in range(CASES):
    level = rng.choice([0.8, 0.9, 0.95, 0.99, 0.999, rng.uniform(0.5, 0.999)])
    z = stats.norm.ppf(0.5 + level / 2)
    d, pa, p = random_nps_counts()
    s = summary({0: d, 7: pa, 10: p})
    for method, fn in (("wald", py_wald), ("adjusted-wald", py_adjusted), ("score", py_score)):
        cur.execute("SELECT estimate, lower, upper, se FROM nps_ci(%s::rating_summary, %s, %s)",
                    (s, level, method))
        check("nps " + method, cur.fetchone(), fn(d, pa, p, z), tol=1e-8 if method == "score" else 1e-9,
              scale=100.0)

    # two groups
    d2, pa2, p2 = random_nps_counts()
    s2 = summary({3: d2, 8: pa2, 9: p2})
    for method, adj in (("wald", False), ("adjusted-wald", True)):
        cur.execute("SELECT difference, se, z, p_value, lower, upper FROM nps_test(%s::rating_summary, %s::rating_summary, %s, %s)",
                    (s, s2, level, method))
        got = cur.fetchone()
        k = 0.75 if adj else 0.0
        e1, v1 = py_nps(d + k, pa + 2 * k, p + k)
        e2, v2 = py_nps(d2 + k, pa2 + 2 * k, p2 + k)
        se = math.sqrt(v1 / (d + pa + p + 4 * k) + v2 / (d2 + pa2 + p2 + 4 * k))
        centre = e1 - e2
        diff = py_nps(d, pa, p)[0] - py_nps(d2, pa2, p2)[0]
        zz = centre / se if se > 0 else (0.0 if centre == 0 else math.copysign(math.inf, centre))
        pv = 2 * stats.norm.sf(abs(zz))
        want = (diff * 100, se * 100, zz, pv, max(-2, centre - z * se) * 100, min(2, centre + z * se) * 100)
        check("nps_test " + method, got, want, tol=1e-8)

    # Wilson on a CSAT summary, and the two-proportion test
    n1 = rng.choice([rng.randint(1, 50), rng.randint(50, 10**5)])
    x1 = rng.randint(0, n1)
    n2 = rng.choice([rng.randint(1, 50), rng.randint(50, 10**5)])
    x2 = rng.randint(0, n2)
    cur.execute("SELECT estimate, lower, upper FROM csat_top2_ci(%s::rating_summary, 5, %s)",
                (summary({4: x1, 2: n1 - x1}), level))
    check("wilson (csat_top2_ci)", cur.fetchone(), py_wilson(x1, n1, z), scale=100.0)
    cur.execute("SELECT difference, se, z, p_value, lower, upper FROM proportion_test(%s, %s, %s, %s, %s)",
                (x1, n1, x2, n2, level))
    got = cur.fetchone()
    p1, l1, u1 = py_wilson(x1, n1, z)
    p2_, l2, u2 = py_wilson(x2, n2, z)
    pooled = (x1 + x2) / (n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    diff = p1 - p2_
    zz = diff / se if se > 0 else (0.0 if diff == 0 else math.copysign(math.inf, diff))
    pv = 2 * stats.norm.sf(abs(zz))
    want = (diff * 100, se * 100, zz, pv, (diff - math.hypot(p1 - l1, u2 - p2_)) * 100,
            (diff + math.hypot(u1 - p1, p2_ - l2)) * 100)
    check("proportion_test", got, want, tol=1e-8)

    # t-interval of a mean rating on 1..7
    counts = {k: rng.choice([0, rng.randint(0, 40), rng.randint(0, 5000)]) for k in range(1, 8)}
    if sum(counts.values()) < 2:
        counts[4] += 2
    values = [k for k, c in counts.items() for _ in range(c)]
    n = len(values)
    mean = sum(values) / n
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1))
    tq = stats.t.ppf(0.5 + level / 2, n - 1)
    cur.execute("SELECT estimate, lower, upper, stddev FROM ces_avg_ci(%s::rating_summary, 7, %s)",
                (summary(counts), level))
    check("t-interval (ces_avg_ci)", cur.fetchone(),
          (mean, mean - tq * sd / math.sqrt(n), mean + tq * sd / math.sqrt(n), sd), tol=1e-7)

    # sample sizes
    margin = rng.uniform(0.5, 20)
    cur.execute("SELECT nps_sample_size(%s, %s), nps_sample_size(%s::rating_summary, %s, %s), csat_sample_size(%s, %s, %s)",
                (margin, level, s, margin, level, margin, level, 100 * x1 / n1))
    got = cur.fetchone()
    e = margin / 100
    _, vadj = py_nps(d + 0.75, pa + 1.5, p + 0.75)
    ph = x1 / n1
    want = (max(1, math.ceil(z * z / e ** 2 - 3 - 1e-9)), max(1, math.ceil(z * z * vadj / e ** 2 - 3 - 1e-9)),
            max(1, math.ceil(z * z * ph * (1 - ph) / e ** 2 - 1e-9)))
    check("sample sizes", got, want, tol=0)

sys.exit(checks.report("random cases agree with scipy"))
