"""Kano results vs an independent Python implementation, on random features.

For each of 300 random features (random counts in the 25 answer-pair
cells, including empty and one-sided ones): category (with and without a
category-strength threshold), counts, Better, Worse, strengths, the Fong
test and the DuMouchel scores.  Reads PG* environment variables.
"""
import math
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import csmtest  # noqa: E402

TABLE = ["QAAAO", "RIIIM", "RIIIM", "RIIIM", "RRRRQ"]          # docs/metrics.md §6.2
PRIORITY = "MOAIRQ"
NAMES = {"M": "must-be", "O": "one-dimensional", "A": "attractive", "I": "indifferent",
         "R": "reverse", "Q": "questionable"}
FUNC = [4, 2, 0, -1, -2]
DYSF = [-2, -1, 0, 2, 4]

rng = csmtest.rng(5)
cur = csmtest.fresh_database("csm_kano")
checks = csmtest.Checks("kano")


def expected(cells, threshold):
    count = {c: 0 for c in PRIORITY}
    fs = ds = 0
    for (f, d), k in cells.items():
        cat = TABLE[f - 1][d - 1]
        count[cat] += k
        if cat in "AOMI":
            fs += k * FUNC[f - 1]
            ds += k * DYSF[d - 1]
    n = sum(count.values())
    valid = count["A"] + count["O"] + count["M"] + count["I"]
    ranked = sorted(PRIORITY, key=lambda c: (-count[c], PRIORITY.index(c)))
    top, second = count[ranked[0]], count[ranked[1]]
    cat = ranked[0]
    if n and 100 * (top - second) / n < threshold and PRIORITY.index(ranked[1]) < PRIORITY.index(ranked[0]):
        cat = ranked[1]
    crit = 1.65 * math.sqrt((top + second) * (2 * n - top - second) / (2 * n)) if n else 0
    return {
        "category": NAMES[cat] if n else None,
        "counts": [count[c] for c in "AOMIRQ"] + [n],
        "better": (count["A"] + count["O"]) / valid if valid else None,
        "worse": -(count["O"] + count["M"]) / valid if valid else None,
        "total_strength": (count["A"] + count["O"] + count["M"]) / n if n else None,
        "category_strength": (top - second) / n if n else None,
        "fong": (top - second, crit, (top - second) >= crit) if n else None,
        "scores": (fs / valid, ds / valid) if valid else (None, None),
    }


def close(a, b):
    return csmtest.close(a, b, 1e-12)


for case in range(300):
    cells = {}
    shape = rng.random()
    for f in range(1, 6):
        for d in range(1, 6):
            if shape < 0.1 and TABLE[f - 1][d - 1] not in "RQ":
                continue                            # only reverse/questionable answers
            if rng.random() < 0.5:
                cells[(f, d)] = rng.choice([rng.randint(0, 5), rng.randint(0, 500), rng.randint(0, 10**6)])
    if shape > 0.97:
        cells = {}
    text = "{" + ",".join(f"{f}{d}:{k}" for (f, d), k in sorted(cells.items())) + "}"
    threshold = rng.choice([0, 0, 3, 6, 10])
    cur.execute("""SELECT category::text, a, o, m, i, r, q, n, better, worse, total_strength, category_strength,
                          fong_difference, fong_critical, fong_significant, functional_score, dysfunctional_score
                   FROM kano_result(%s::kano_summary, %s)""", (text, threshold))
    row = cur.fetchone()
    want = expected(cells, threshold)
    if want["category"] is None:
        ok = row == (None,) * 17
    else:
        ok = (row[0] == want["category"] and list(row[1:8]) == want["counts"]
              and close(row[8], want["better"]) and close(row[9], want["worse"])
              and close(row[10], want["total_strength"]) and close(row[11], want["category_strength"])
              and row[12] == want["fong"][0] and close(row[13], want["fong"][1]) and row[14] == want["fong"][2]
              and close(row[15], want["scores"][0]) and close(row[16], want["scores"][1]))
    if not checks.equal("kano_result", ok, True):
        print(f"kano: {text} threshold {threshold}: csm {row}, expected {want}")
sys.exit(checks.report("random features agree with the independent implementation"))
