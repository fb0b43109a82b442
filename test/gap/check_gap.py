"""Gap models vs an independent Python implementation (math.fsum for
correctly rounded sums, scipy for t quantiles), on 250 random data sets
each (GAP_CASES): csi_weighted_gap, servqual_gap, gap_ci and the SERVQUAL
dimension, overall and weighted scores.  Reads PG* environment variables.
"""
import math
import os
import sys
from fractions import Fraction as Fr

from scipy import stats

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import csmtest  # noqa: E402

rng = csmtest.rng(44)
cur = csmtest.fresh_database("csm_gap")
checks = csmtest.Checks("gap")
cur.execute("CREATE TABLE rows (p float8, e float8, w float8)")
cur.execute("CREATE TABLE items (item int, p float8, e float8)")

DIMS = [(1, 4), (5, 9), (10, 13), (14, 17), (18, 22)]
CASES = int(os.environ.get("GAP_CASES", "250"))

for case in range(CASES):
    n = rng.choice([2, 3, rng.randint(4, 50), rng.randint(50, 2000)])
    scale = rng.choice([1, 1, 1e3, 1e-3])
    rows = [(rng.randint(1, 7) * scale if rng.random() < 0.5 else rng.uniform(1, 7) * scale,
             rng.randint(1, 7) * scale if rng.random() < 0.5 else rng.uniform(1, 7) * scale,
             rng.choice([rng.uniform(0, 1), float(rng.randint(0, 100))])) for _ in range(n)]
    cur.execute("TRUNCATE rows")
    cur.executemany("INSERT INTO rows VALUES (%s, %s, %s)", rows)
    level = rng.choice([0.9, 0.95, 0.99])
    cur.execute("SELECT csi_weighted_gap(p, e, w), servqual_gap(p, e) FROM rows")
    got = cur.fetchone()
    cur.execute("""SELECT gap_perception_mean(s), gap_expectation_mean(s), gap_stddev(s),
                          (gap_ci(s, %s)).lower, (gap_ci(s, %s)).upper
                   FROM (SELECT gap_agg(p, e, w) AS s FROM rows) x""", (level, level))
    got = got + cur.fetchone()
    sw = math.fsum(w for _, _, w in rows)
    gaps = [p - e for p, e, _ in rows]        # as Python floats; fsum of exact products below
    wg = sum(Fr(w) * (Fr(p) - Fr(e)) for p, e, w in rows)
    g = sum(Fr(p) - Fr(e) for p, e, _ in rows)
    mean = g / n
    var = sum((Fr(p) - Fr(e) - mean) ** 2 for p, e, _ in rows) / (n - 1)
    sd = math.sqrt(var)
    t = stats.t.ppf(0.5 + level / 2, n - 1)
    want = (float(wg / Fr(sw)) if sw > 0 else None, float(mean),
            float(sum(Fr(p) for p, _, _ in rows) / n), float(sum(Fr(e) for _, e, _ in rows) / n),
            sd, float(mean) - t * sd / math.sqrt(n), float(mean) + t * sd / math.sqrt(n))
    checks.close("csi_weighted_gap, servqual_gap, means, stddev", got[:5], want[:5], 1e-12)
    checks.close("gap_ci (t-interval)", got[5:], want[5:], 1e-8)

    # SERVQUAL: random item-level answers, some items unanswered
    answered = [k for k in range(1, 23) if rng.random() < 0.85]
    for a, b in DIMS:                         # every dimension keeps one item
        if not any(a <= k <= b for k in answered):
            answered.append(rng.randint(a, b))
    data = [(k, float(rng.randint(1, 7)), float(rng.randint(1, 7)))
            for k in answered for _ in range(rng.randint(1, 30))]
    cur.execute("TRUNCATE items")
    cur.executemany("INSERT INTO items VALUES (%s, %s, %s)", data)
    weights = [rng.randint(0, 40) for _ in range(4)]
    if sum(weights) > 100:
        weights = [w * 100 // sum(weights) for w in weights]
    weights.append(100 - sum(weights))
    cur.execute("""SELECT (q).tangibles, (q).reliability, (q).responsiveness, (q).assurance, (q).empathy,
                          (q).overall, (w).weighted, (pf).overall
                   FROM (SELECT servqual(s) AS q, servqual(s, %s, %s, %s, %s, %s) AS w, servperf(s) AS pf
                         FROM (SELECT servqual_agg(item, p, e) AS s FROM items) x) y""", weights)
    got = cur.fetchone()
    dims, perf = [], []
    for a, b in DIMS:
        item_gaps, item_perc = [], []
        for k in range(a, b + 1):
            ans = [(p, e) for i, p, e in data if i == k]
            if ans:
                item_gaps.append(sum(p - e for p, e in ans) / len(ans))
                item_perc.append(sum(p for p, _ in ans) / len(ans))
        dims.append(sum(item_gaps) / len(item_gaps))
        perf.append(sum(item_perc) / len(item_perc))
    want = tuple(dims) + (sum(dims) / 5, sum(w / 100 * d for w, d in zip(weights, dims)), sum(perf) / 5)
    checks.close("servqual dimensions, overall, weighted; servperf", got, want, 1e-12)

sys.exit(checks.report("random data sets agree"))
