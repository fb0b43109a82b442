"""csm's fair-ranking SQL (nps_prior, share_prior, mean_prior, the shrunk
estimates, the funnels, league_summary) against the independent scipy
oracle (oracle.py), in a throwaway cluster: the server side's reading of
each group's rating_summary or weighted_rating_summary, its league
summaries and their merging, the composites passed back, and the errors.

Random leagues, each a set of groups of raw answers (ratings 0..10,
weighted or not, some groups with 0 or 1 answer), are loaded as rows; the
per-group summaries are built in SQL, and everything the oracle gets is
computed here from the raw rows: the NPS categories, the top-k shares,
the group means and variances, and for weights Kish's effective counts
n_eff w_k / W with n_eff = W^2 / sum w^2 (docs/metrics.md §12.5).

Checks, each printed as "ranking: sql NAME: k/n agree":
- every prior's fields (alpha or mean and tau2, full_pooling, the target,
  the variance per answer, phi and the funnel's tau^2, groups), by method;
  for the MLE, csm's optimum is at least scipy's (log-likelihood) and the
  alphas agree where the optimum is not far out;
- each group's shrunk estimate (and the estimate alone) and funnel limits;
- the same prior from the groups' summaries built in one step and rolled
  up from daily summaries, and from league summaries merged by region
  (rollup and +), all equal to the last bit; the league's text and binary
  (COPY BINARY) forms read back equal;
- edge cases (a single group, groups with 0 or 1 answer, no
  overdispersion) and bad parameters with their SQLSTATE.

Usage: check_sql.py [--brief]: --brief runs a few cases per kind (the
other PostgreSQL majors; the default major runs them all).
"""
import io
import math
import os
import sys

import numpy as np
import psycopg2

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import csmtest  # noqa: E402
import oracle  # noqa: E402
from published import BASEBALL_HITS, RATS_N, RATS_Y  # noqa: E402

BRIEF = "--brief" in sys.argv
CASES = 4 if BRIEF else 30
r = csmtest.rng(2026_0122)
nrng = np.random.default_rng(22)
cur = csmtest.fresh_database("csm_ranking")
checks = csmtest.Checks("ranking: sql")
worst = {}

cur.execute("""CREATE TABLE answers (league int, grp int, day int, region int,
                                     rating int, weight float8)""")


def record_close(name, got, want, rel, absolute=0.0, detail=""):
    """got and want (lists of floats, inf, None) agree within rel or absolute."""
    ok = len(got) == len(want)
    err = 0.0
    for g, w in zip(got, want):
        if g is None or w is None:
            ok &= g is None and w is None
            continue
        if math.isinf(w) or math.isinf(g):
            ok &= g == w
            continue
        e = abs(g - w)
        ok &= e <= absolute or e <= rel * abs(w)
        err = max(err, e / max(abs(w), 1e-300) if e > absolute else 0.0)
    worst[name] = max(worst.get(name, 0.0), err)
    checks._record(name, ok, tuple(got), (tuple(want), detail))
    return ok


# ---------------------------------------------------------------------------
# random leagues, from raw answers
# ---------------------------------------------------------------------------

def group_size():
    return r.choice([0, 1, r.randint(2, 30), r.randint(30, 400)])


def weight():
    return r.choice([1.0, 0.25 * r.randint(1, 12), 0.5 * r.randint(1, 8)])


def make_league(league, kind, weighted, scale_max=5):
    """Rows of answers for a random league; returns {group: [(rating, weight)...]}."""
    g = r.choice([1, 2, 3, r.randint(4, 25), r.randint(25, 120)])
    overdispersed = r.random() < 0.75
    a0 = 10 ** r.uniform(0.3, 2.5)
    if kind == "share":
        cells = list(range(1, scale_max + 1))
    else:
        cells = list(range(0, 11))
    base = nrng.dirichlet([1.5] * len(cells))
    groups = {}
    rows = []
    for i in range(g):
        p = nrng.dirichlet(a0 * base + 1e-3) if overdispersed else base
        n = group_size()
        ratings = nrng.choice(cells, size=n, p=p / p.sum())
        answers = [(int(x), weight() if weighted else 1.0) for x in ratings]
        groups[i] = answers
        for x, w in answers:
            rows.append((league, i, r.randint(1, 5), i % 3, x, w))
    buf = io.StringIO("".join("\t".join(map(str, row)) + "\n" for row in rows))
    cur.copy_from(buf, "answers", columns=("league", "grp", "day", "region", "rating", "weight"))
    return groups


def kish(answers, cells_of):
    """Kish effective counts of the cells (a list of rating sets)."""
    w = [sum(wt for x, wt in answers if x in cell) for cell in cells_of]
    w2 = [sum(wt * wt for x, wt in answers if x in cell) for cell in cells_of]
    total, total2 = sum(w), sum(w2)
    if total == 0:
        return [0.0] * len(cells_of)
    return [wk * total / total2 for wk in w]


NPS_CELLS = [set(range(9, 11)), set(range(7, 9)), set(range(0, 7))]


def share_cells(k, scale_max):
    return [set(range(scale_max - k + 1, scale_max + 1)), set(range(1, scale_max - k + 1))]


def mean_group(answers):
    """n (effective), mean and variance (divisor W) of a group."""
    w = sum(wt for _, wt in answers)
    if w == 0:
        return (0.0, 0.0, 0.0)
    w2 = sum(wt * wt for _, wt in answers)
    mean = sum(x * wt for x, wt in answers) / w
    var = sum(wt * (x - mean) ** 2 for x, wt in answers) / w
    return (w * w / w2, mean, var)


def summaries(league, weighted, groups):
    """Table g: each group's summary; a group without answers has the empty one."""
    agg = "rating_agg(rating, weight)" if weighted else "rating_agg(rating)"
    empty = "'{}'::weighted_rating_summary" if weighted else "'{}'::rating_summary"
    cur.execute(f"""CREATE TEMP TABLE g AS
        SELECT grp, {agg} AS s FROM answers WHERE league = %s GROUP BY grp""", (league,))
    for i, answers in groups.items():
        if not answers:
            cur.execute(f"INSERT INTO g VALUES (%s, {empty})", (i,))


PRIOR_FIELDS = {
    "nps": "alpha_promoter, alpha_passive, alpha_detractor",
    "share": "alpha, beta",
}
COMMON = "full_pooling, target, variance, phi, funnel_tau2, groups, overdispersion, converged"


def check_counts_prior(kind, method, groups, args, tag):
    k = 3 if kind == "nps" else 2
    fn = "nps_prior" if kind == "nps" else "share_prior"
    cur.execute(f"SELECT ({fn}(s{args}, %s)).* FROM g", (method,))
    cols = [d[0] for d in cur.description]
    row = cur.fetchone()
    p = dict(zip(cols, row))
    arr = np.array(groups, float)
    name = f"{kind}_{method}{tag}"
    if not (arr.sum(axis=1) > 0).any():
        checks.equal(name + "_no_groups", p["groups"], None)
        return None
    want = oracle.counts_prior(arr, method, kind == "nps")
    alpha = [p[c.strip()] for c in PRIOR_FIELDS[kind].split(",")]
    record_close(name + "_pooled", [p["target"], p["variance"]], [want["target"], want["variance"]],
                 rel=1e-12, absolute=1e-9)
    record_close(name + "_funnel_phi", [p["phi"], p["funnel_tau2"]],
                 [want["phi"], want["funnel_tau2"]], rel=1e-9, absolute=1e-9)
    checks.equal(name + "_groups", p["groups"], want["groups"])
    if method == "moments":
        if checks.equal(name + "_full", p["full_pooling"], bool(want["full"])) and not want["full"]:
            record_close(name, alpha + [p["overdispersion"]], list(want["alpha"]) + [want["rho"]],
                         rel=1e-9, absolute=1e-12)
    else:
        if p["full_pooling"] and want["full"]:
            checks.equal(name, True, True)
        elif p["full_pooling"] != want["full"]:
            other = want["rho"] if p["full_pooling"] else p["overdispersion"]
            checks.equal(name + "_boundary_far", other < 1e-6, True)
        elif sum(alpha) == 0 or want["alpha0"] < 1e-6:
            checks.equal(name + "_no_pooling", sum(alpha) == 0 and want["alpha0"] < 1e-6, True)
        else:
            g = arr[arr.sum(axis=1) > 0]
            active = np.array(alpha) > 0
            ll_csm = oracle.dm_loglik(np.array(alpha)[active], g[:, active])
            ll_opt = oracle.dm_loglik(want["alpha"][active], g[:, active])
            checks.equal(name + "_optimum", ll_csm >= ll_opt - 1e-9 * (1 + abs(ll_opt)), True)
            if want["alpha0"] < 1e4:
                record_close(name, alpha + [p["overdispersion"]],
                             list(want["alpha"]) + [want["rho"]], rel=2e-6)
        checks.equal(name + "_converged", p["converged"], True)
    prior = {"full": p["full_pooling"], "alpha": np.array(alpha), "target": p["target"]}
    return prior, p


def check_counts_groups(kind, method, groups, prior, p, args, tag):
    """Each group's shrunk estimate and funnel under csm's prior (checked above)."""
    fn = "nps" if kind == "nps" else "share"
    level = r.choice([0.8, 0.9, 0.95, 0.99])
    flevel = r.choice([0.95, 0.998])
    od, model = r.choice([(False, "multiplicative"), (True, "multiplicative"), (True, "additive")])
    cur.execute(f"""SELECT grp, (x).estimate, (x).sd, (x).lower, (x).upper, e,
                           (f).value, (f).n, (f).target, (f).lower, (f).upper, (f).z, (f).flag
                    FROM (SELECT grp, {fn}_shrunk(s, p, %s) AS x, {fn}_shrunk_estimate(s, p) AS e,
                                 {fn}_funnel(s, p, %s, %s, %s) AS f
                          FROM g, (SELECT {fn}_prior(s{args}, %s) AS p FROM g) p) v ORDER BY grp""",
                (level, flevel, od, model, method))
    for row in cur.fetchall():
        c = np.array(groups[row[0]], float)
        n = float(c.sum())
        post = (oracle.nps_posterior if kind == "nps" else oracle.share_posterior)(prior, c, level)
        if n == 0 and not prior["full"] and prior["alpha"].sum() == 0:
            checks.equal(f"{kind}_posterior_no_data{tag}", row[1], None)
        else:
            record_close(f"{kind}_posterior{tag}", list(row[1:5]), list(post), rel=1e-9,
                         absolute=1e-9)
            checks.equal(f"{kind}_estimate_alone", row[5], row[1])
        if n == 0:
            checks.equal(f"{kind}_funnel_empty", row[6], None)
            continue
        value = 100 * ((c[0] - c[2]) / n if kind == "nps" else c[0] / n)
        w = oracle.funnel(value, n, p["target"], p["variance"], flevel,
                          p["phi"] if od and model == "multiplicative" else 1.0,
                          p["funnel_tau2"] if od and model == "additive" else 0.0,
                          -100.0 if kind == "nps" else 0.0, 100.0)
        record_close(f"{kind}_funnel{tag}", [row[6], row[7]] + list(row[8:12]),
                     [value, n] + list(w[:4]), rel=1e-9, absolute=1e-9)
        checks.equal(f"{kind}_funnel_flag", row[12], {1: "above", -1: "below", 0: "within"}[w[4]])


def check_mean(method, groups, tag):
    cur.execute("SELECT (mean_prior(s, %s)).* FROM g", (method,))
    cols = [d[0] for d in cur.description]
    p = dict(zip(cols, cur.fetchone()))
    arr = np.array(groups, float)
    name = f"mean_{method}{tag}"
    if not (arr[:, 0] > 0).any():
        checks.equal(name + "_no_groups", p["groups"], None)
        return
    want = oracle.normal_prior(arr, method)
    record_close(name + "_pooled", [p["target"], p["variance"]], [want["target"], want["variance"]],
                 rel=1e-12, absolute=1e-12)
    record_close(name + "_funnel_phi", [p["phi"], p["funnel_tau2"]],
                 [want["phi"], want["funnel_tau2"]], rel=1e-9, absolute=1e-12)
    checks.equal(name + "_full", p["full_pooling"], bool(want["full"]))
    record_close(name, [p["tau2"], p["mean"]], [want["tau2"], want["mean"]],
                 rel=1e-6 if method == "mle" else 1e-9, absolute=1e-9)
    level = r.choice([0.8, 0.95, 0.99])
    flevel = r.choice([0.95, 0.998])
    od, model = r.choice([(False, "multiplicative"), (True, "multiplicative"), (True, "additive")])
    cur.execute("""SELECT grp, (x).estimate, (x).sd, (x).lower, (x).upper, e, (f).value, (f).n,
                          (f).target, (f).lower, (f).upper, (f).z, (f).flag
                   FROM (SELECT grp, mean_shrunk(s, p, %s) AS x, mean_shrunk_estimate(s, p) AS e,
                                mean_funnel(s, p, %s, %s, %s) AS f
                         FROM g, (SELECT mean_prior(s, %s) AS p FROM g) p) v ORDER BY grp""",
                (level, flevel, od, model, method))
    prior = {"full": p["full_pooling"], "mean": p["mean"], "tau2": p["tau2"], "variance": p["variance"]}
    for row in cur.fetchall():
        n, mean, _ = groups[row[0]]
        if n == 0 and math.isinf(p["tau2"]):
            checks.equal("mean_posterior_no_data", row[1], None)
        else:
            record_close(f"mean_posterior{tag}", list(row[1:5]),
                         list(oracle.mean_posterior(prior, n, mean, level)), rel=1e-9, absolute=1e-12)
            checks.equal("mean_estimate_alone", row[5], row[1])
        if n == 0:
            checks.equal("mean_funnel_empty", row[6], None)
            continue
        w = oracle.funnel(mean, n, p["target"], p["variance"], flevel,
                          p["phi"] if od and model == "multiplicative" else 1.0,
                          p["funnel_tau2"] if od and model == "additive" else 0.0, 0.0, 10.0)
        record_close(f"mean_funnel{tag}", [row[6], row[7]] + list(row[8:12]), [mean, n] + list(w[:4]),
                     rel=1e-9, absolute=1e-9)
        checks.equal("mean_funnel_flag", row[12], {1: "above", -1: "below", 0: "within"}[w[4]])


def check_summary_target(kind, groups, weighted, k=2, scale_max=5):
    """Funnels around the overall summary (rollup of every group)."""
    tag = "_weighted" if weighted else ""
    if kind == "share":
        call, cells = f"share_funnel(s, o, {k}, {scale_max}, 0.95)", share_cells(k, scale_max)
    elif kind == "nps":
        call, cells = "nps_funnel(s, o, 0.95)", NPS_CELLS
    else:
        call, cells = "mean_funnel(s, o, 0.95)", None
    cur.execute(f"""SELECT grp, (f).value, (f).n, (f).target, (f).lower, (f).upper, (f).z
                    FROM (SELECT grp, {call} AS f FROM g, (SELECT rollup(s) AS o FROM g) o) v
                    ORDER BY grp""")
    everyone = [a for answers in groups.values() for a in answers]
    if kind == "mean":
        _, target, variance = mean_group(everyone)
    else:
        wk = [sum(wt for x, wt in everyone if x in cell) for cell in cells]
        total = sum(wk)
        pk = [x / total for x in wk] if total else [0] * len(wk)
        if kind == "nps":
            target, variance = 100 * (pk[0] - pk[2]), 1e4 * max(pk[0] + pk[2] - (pk[0] - pk[2]) ** 2, 0)
        else:
            target, variance = 100 * pk[0], 1e4 * max(pk[0] * (1 - pk[0]), 0)
    for row in cur.fetchall():
        answers = groups[row[0]]
        if kind == "mean":
            n, value, _ = mean_group(answers)
        else:
            c = kish(answers, cells) if weighted else \
                [float(sum(1 for x, _ in answers if x in cell)) for cell in cells]
            n = sum(c)
            value = 100 * ((c[0] - c[2]) / n if kind == "nps" else c[0] / n) if n else None
        if n == 0 or not everyone:
            checks.equal(f"{kind}_funnel_summary_empty", row[1], None)
            continue
        lo, hi = (-100.0, 100.0) if kind == "nps" else (0.0, 100.0) if kind == "share" else (0.0, 10.0)
        w = oracle.funnel(value, n, target, variance, 0.95, 1.0, 0.0, lo, hi)
        record_close(f"{kind}_funnel_summary{tag}", list(row[1:7]), [value, n] + list(w[:4]),
                     rel=1e-9, absolute=1e-9)


def check_rollups(league, kind, weighted, args):
    """One-step summaries, rolled-up daily ones, and merged regional leagues: one prior."""
    agg = "rating_agg(rating, weight)" if weighted else "rating_agg(rating)"
    fn = {"nps": "nps", "share": "share", "mean": "mean"}[kind]
    cur.execute(f"""
        WITH daily AS (SELECT grp, day, {agg} AS s FROM answers WHERE league = %(l)s GROUP BY grp, day),
             rolled AS (SELECT grp, rollup(s) AS s FROM daily GROUP BY grp
                        UNION ALL SELECT grp, s FROM g WHERE rating_count(s) = 0),
             regional AS (SELECT region, {fn}_league(s{args}) AS l
                          FROM g LEFT JOIN (SELECT DISTINCT grp, region FROM answers
                                            WHERE league = %(l)s) x USING (grp)
                          GROUP BY region)
        SELECT (SELECT {fn}_prior(s{args}) FROM g) IS NOT DISTINCT FROM
                   (SELECT {fn}_prior(s{args}) FROM rolled),
               (SELECT {fn}_league(s{args}) FROM g) IS NOT DISTINCT FROM (SELECT rollup(l) FROM regional),
               (SELECT {fn}_prior(s{args}) FROM g) IS NOT DISTINCT FROM
                   (SELECT {fn}_prior(rollup(l){", 'moments'" if kind == "mean" else ""}) FROM regional),
               (SELECT {fn}_league(s{args}) FROM g)::text::league_summary IS NOT DISTINCT FROM
                   (SELECT {fn}_league(s{args}) FROM g)
    """, {"l": league})
    same = cur.fetchone()
    checks.equal(f"rollup_prior_{kind}", same[0], True)
    checks.equal(f"regional_rollup_league_{kind}", same[1], True)
    checks.equal(f"regional_rollup_prior_{kind}", same[2], True)
    checks.equal(f"text_round_trip_{kind}", same[3], True)
    # binary: COPY out and in, then compare
    cur.execute("CREATE TEMP TABLE lb (l league_summary)")
    cur.execute(f"INSERT INTO lb SELECT {fn}_league(s{args}) FROM g")
    out = io.BytesIO()
    cur.copy_expert("COPY lb TO STDOUT (FORMAT binary)", out)
    out.seek(0)
    cur.execute("CREATE TEMP TABLE lb2 (l league_summary)")
    cur.copy_expert("COPY lb2 FROM STDIN (FORMAT binary)", out)
    cur.execute("SELECT (SELECT l FROM lb) IS NOT DISTINCT FROM (SELECT l FROM lb2)")
    checks.equal(f"binary_round_trip_{kind}", cur.fetchone()[0], True)
    cur.execute("DROP TABLE lb, lb2")


def run_cases():
    league = 0
    for case in range(CASES):
        for kind in ("nps", "share", "mean"):
            league += 1
            weighted = r.random() < 0.3
            tag = "_weighted" if weighted else ""
            k, scale_max = (r.randint(1, 4), r.choice([5, 7, 10])) if kind == "share" else (0, 0)
            if kind == "share":
                k = min(k, scale_max - 1)
            groups = make_league(league, kind, weighted, scale_max if kind == "share" else 5)
            summaries(league, weighted, groups)
            if kind == "nps":
                counts = {i: (kish(a, NPS_CELLS) if weighted else
                              [float(sum(1 for x, _ in a if x in c)) for c in NPS_CELLS])
                          for i, a in groups.items()}
                args = ""
            elif kind == "share":
                cells = share_cells(k, scale_max)
                counts = {i: (kish(a, cells) if weighted else
                              [float(sum(1 for x, _ in a if x in c)) for c in cells])
                          for i, a in groups.items()}
                args = f", {k}, {scale_max}"
            if kind in ("nps", "share"):
                for method in ("moments", "mle"):
                    res = check_counts_prior(kind, method, [counts[i] for i in sorted(counts)],
                                             args, tag)
                    if res is not None:
                        check_counts_groups(kind, method, counts, res[0], res[1], args, tag)
                check_summary_target(kind, groups, weighted, k, scale_max)
                check_rollups(league, kind, weighted, args)
            else:
                means = {i: mean_group(a) for i, a in groups.items()}
                for method in ("moments", "mle", "james-stein"):
                    check_mean(method, [means[i] for i in sorted(means)], tag)
                check_summary_target("mean", groups, weighted)
                check_rollups(league, "mean", weighted, "")
            cur.execute("DROP TABLE g")


# ---------------------------------------------------------------------------
# edge cases and errors
# ---------------------------------------------------------------------------

def sqlstate(sql, params=None):
    """The SQLSTATE of the error sql raises, or None (autocommit: nothing to roll back)."""
    try:
        cur.execute(sql, params)
        cur.fetchall()
        return None
    except psycopg2.Error as e:
        return e.pgcode


PRIOR = "nps_prior('{kind:nps,empty:0,groups:{[1,2,3]:1,[3,2,1]:1}}'::league_summary)"


def check_edges():
    one = "(VALUES ('{9:3,7:1,0:1}'::rating_summary)) v(s)"
    cur.execute(f"SELECT (nps_prior(s)).full_pooling, (nps_prior(s)).target FROM {one}")
    checks.equal("edge_single_group", cur.fetchone(), (True, 40.0))
    cur.execute("SELECT nps_prior(s) IS NULL, league_empty_groups(nps_league(s)) "
                "FROM (VALUES ('{}'::rating_summary), ('{}')) v(s)")
    checks.equal("edge_only_empty_groups", cur.fetchone(), (True, 2))
    cur.execute("SELECT (nps_prior(s)).full_pooling FROM "
                "(VALUES ('{10:1}'::rating_summary), ('{0:1}'), ('{8:1}')) v(s)")
    checks.equal("edge_groups_of_one", cur.fetchone(), (True,))
    cur.execute("SELECT (nps_prior(s)).full_pooling, (nps_prior(s, 'moments')).full_pooling, "
                "(nps_prior(s)).alpha_promoter FROM (SELECT '{9:5,7:3,0:2}'::rating_summary "
                "FROM generate_series(1, 10)) v(s)")
    checks.equal("edge_boundary", cur.fetchone(), (True, True, math.inf))
    for sql, code in [
        ("SELECT nps_prior(s, 'bayes') FROM (VALUES ('{9:1}'::rating_summary)) v(s)", "22023"),
        ("SELECT mean_prior(s, 'mom') FROM (VALUES ('{9:1}'::rating_summary)) v(s)", "22023"),
        ("SELECT share_prior(s, 5, 5) FROM (VALUES ('{5:1}'::rating_summary)) v(s)", "22023"),
        ("SELECT share_prior(s, 2, 11) FROM (VALUES ('{5:1}'::rating_summary)) v(s)", "22023"),
        ("SELECT share_prior(s) FROM (VALUES ('{7:1}'::rating_summary)) v(s)", "22003"),
        ("SELECT nps_prior(s, NULL) FROM (VALUES ('{9:1}'::rating_summary)) v(s)", "22004"),
        (f"SELECT nps_shrunk('{{9:1}}'::rating_summary, {PRIOR}, 1)", "22023"),
        (f"SELECT nps_funnel('{{9:1}}'::rating_summary, {PRIOR}, -0.5)", "22023"),
        (f"SELECT nps_funnel('{{9:1}}'::rating_summary, {PRIOR}, 0.95, true, 'both')", "22023"),
        ("SELECT share_funnel('{4:1}'::rating_summary, -1::float8)", "22023"),
        ("SELECT '{kind:nps,empty:0,groups:{[1,2]:1}}'::league_summary", "22P02"),
        ("SELECT '{kind:mean,empty:0,groups:{[5,3,26]:1}}'::league_summary", "22P02"),
        ("SELECT nps_prior('{kind:mean,empty:0,groups:{}}'::league_summary)", "22023"),
    ]:
        checks.equal("edge_error " + code, sqlstate(sql), code)


def check_published():
    """BDA3's rat tumours and Efron and Morris's batters through SQL (the data of check_model.py)."""
    rats = ",".join(f"('{{1:{n - y},2:{y}}}'::rating_summary)" for y, n in zip(RATS_Y[:70], RATS_N[:70]))
    cur.execute(f"SELECT (p).alpha, (p).beta FROM (SELECT share_prior(s, 1, 2, 'moments') AS p "
                f"FROM (VALUES {rats}) v(s)) x")
    a, b = cur.fetchone()
    checks.equal("bda3_rats_moments", (round(a, 1), round(b, 1)), (1.4, 8.6))
    bat = ",".join(f"('{{0:{45 - h},1:{h}}}'::rating_summary)" for h in BASEBALL_HITS)
    cur.execute(f"""SELECT (p).tau2 / ((p).tau2 + (p).variance / 45), (mean_shrunk('{{0:27,1:18}}'::rating_summary, p)).estimate
                    FROM (SELECT mean_prior(s, 'james-stein') AS p FROM (VALUES {bat}) v(s)) x""")
    c, clemente = cur.fetchone()
    checks.equal("efron_morris", (round(c, 3), round(clemente, 3)), (0.212, 0.294))
    print(f"ranking: sql: BDA3 rats, share_prior(s, 1, 2, 'moments') on the first 70: alpha = {a:.4f}, "
          f"beta = {b:.4f} (BDA3: 1.4, 8.6); Efron-Morris, mean_prior(s, 'james-stein'): shrinkage "
          f"factor {c:.4f} (.212), Clemente .400 -> {clemente:.4f} (.294)")


run_cases()
check_edges()
check_published()
for name in sorted(worst):
    if worst[name] > 0:
        print(f"ranking: sql {name}: worst relative error {worst[name]:.2e}")
sys.exit(checks.report("agree"))
