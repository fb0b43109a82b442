"""src/monitoring_model.c against the independent oracle (oracle.py), the
published p-chart and run-rule figures, and hand-worked cases.

Reads the path of the compiled test/monitoring/monitor_driver.c.

1. Random series (seeded): NPS, top-k shares and means (on a 1..5 or 1..7
   scale or unbounded), plain counts or weighted answers (lognormal weights:
   fractional weight sums and Kish's effective n), periods from 1 to 10^6
   answers and some empty ones, baselines of 1 to 30 periods and charts of
   up to 60 with a shift at a random point; random sigmas, Laney or not,
   lambda, k and h.  Every baseline field, every limit, z, EWMA, CUSUM and
   run-rule result per period is compared with the oracle.  Relative
   tolerance 1e-9 (csmtest.close's scale), signals exactly (a signal within
   1e-9 of its threshold may go either way).
2. qcc's p-chart example (Montgomery's example 7.1, the orange-juice data of
   qcc's help page): p = 0.2313, limits [0.0524, 0.4102], samples 15 and 23
   out of control; the revised limits without them and the next 24 samples.
3. qicharts2's table of Anhoej limits for 10..100 useful points.
4. Hand-worked cases: empty periods, a baseline without variance, a mean
   baseline without degrees of freedom, Laney with one period, given
   baselines, every invalid parameter and point, stored-state checks.
5. The binomial CDF and quantile (src/distributions.c) at p = 1/2, exactly
   (check_reference.py compares them with R's pbinom and qbinom elsewhere).

Prints "k/n agree" per check and the worst relative errors; exits 1 on a
mismatch.
"""
import math
import os
import subprocess
import sys

import numpy as np
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
sys.path.insert(0, HERE)
import csmtest  # noqa: E402
import oracle  # noqa: E402
from oracle import Period  # noqa: E402
from tables import ORANGE_AFTER, ORANGE_TRIAL  # noqa: E402

TOL = 1e-9


class Driver:
    """The C driver, one command per line, one key=value line back."""

    def __init__(self, path):
        self.proc = subprocess.Popen([path], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     text=True, bufsize=1)

    def __call__(self, line):
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        out = self.proc.stdout.readline()
        if not out:
            raise RuntimeError(f"driver died on: {line}")
        result = {}
        for token in out.split():
            key, value = token.split("=", 1)
            try:
                result[key] = float(value)
            except ValueError:
                result[key] = value
        return result


drv = Driver(sys.argv[1])
checks = csmtest.Checks("monitoring")
worst = {}
seen = {}                        # how often the random series hit each outcome


def tally(what):
    seen[what] = seen.get(what, 0) + 1


def rel_error(got, want):
    if isinstance(want, float) and math.isnan(want):
        return 0.0 if isinstance(got, float) and math.isnan(got) else math.inf
    if got == want:
        return 0.0
    if isinstance(got, float) and (math.isnan(got) or math.isinf(got) or math.isinf(want)):
        return math.inf
    return abs(got - want) / max(1.0, abs(want))


def close(name, got, want, what, tol=TOL):
    """Numbers within tol (relative, scaled by max(1, |want|)); keeps the worst."""
    errors = [rel_error(g, w) for g, w in zip(got, want)]
    err = max(errors) if errors else 0.0
    if err > worst.get(name, (-1.0, ""))[0]:
        worst[name] = (err, what)
    ok = len(got) == len(want) and err <= tol
    return checks._record(name, ok, (what, tuple(got)), tuple(want))


def equal(name, got, want, what=""):
    return checks._record(name, got == want, (what, got), want)


def signal_agrees(name, got, want, margin, what):
    """Equal signals, or a threshold within 1e-9 that rounding may tip."""
    ok = got == want or margin <= 1e-9
    return checks._record(name, ok, (what, got), want)


# ----------------------------------------------------------------------
# 1. Random series against the oracle
# ----------------------------------------------------------------------

def draw_weights(nr, count):
    return nr.lognormal(0.0, 0.8, size=count)


def random_period(r, nr, kind, params, weighted, scale):
    """A period's raw data drawn from params; about one in ten is empty."""
    if r.random() < 0.1:
        return Period(kind, *([0.0] * (4 if kind != "share" else 3)))
    n = csmtest.sample_size(r, 30, 3000, 20000 if weighted else 10**6)
    if kind == "nps":
        counts = nr.multinomial(n, params)
        if not weighted:
            return Period("nps", *(float(c) for c in counts), float(n))
        w = [draw_weights(nr, c) for c in counts]
        sums = [float(x.sum()) for x in w]
        kish = sum(sums) ** 2 / sum(float((x * x).sum()) for x in w)
        return Period("nps", *sums, kish)
    if kind == "share":
        hits = int(nr.binomial(n, params))
        if not weighted:
            return Period("share", float(hits), float(n), float(n))
        wh, wm = draw_weights(nr, hits), draw_weights(nr, n - hits)
        total = float(wh.sum() + wm.sum())
        kish = total ** 2 / float((wh * wh).sum() + (wm * wm).sum())
        return Period("share", float(wh.sum()), total, kish)
    # a mean: ratings on the scale, or continuous values
    if not weighted:
        if scale is not None:
            levels = np.arange(scale[0], scale[1] + 1, dtype=float)
            counts = nr.multinomial(n, params)
            s = float((counts * levels).sum())
            m = s / n
            var = float((counts * (levels - m) ** 2).sum() / (n - 1)) if n > 1 else 0.0
        else:
            # the sufficient statistics of n normal values, drawn directly
            s = float(nr.normal(n * params[0], math.sqrt(n) * params[1]))
            var = float(params[1] ** 2 * nr.chisquare(n - 1) / (n - 1)) if n > 1 else 0.0
        return Period("mean", s, float(n), var, float(n))
    if scale is not None:
        levels = np.arange(scale[0], scale[1] + 1, dtype=float)
        values = np.repeat(levels, nr.multinomial(n, params))
    else:
        values = nr.normal(params[0], params[1], size=n)
    w = draw_weights(nr, n)
    total = float(w.sum())
    s = float((w * values).sum())
    m = s / total
    # svyvar's form: n / (n - 1) Σ w (x - m)² / Σ w
    var = float(n / (n - 1) * (w * (values - m) ** 2).sum() / total) if n > 1 else 0.0
    kish = total ** 2 / float((w * w).sum())
    return Period("mean", s, total, var, kish)


def random_params(r, nr, kind, scale):
    if kind == "nps":
        return nr.dirichlet([r.uniform(0.5, 4) for _ in range(3)])
    if kind == "share":
        return r.choice([r.uniform(0.02, 0.98), r.uniform(0.9, 0.999), r.uniform(0.001, 0.1)])
    if scale is not None:
        return nr.dirichlet([r.uniform(0.3, 3) for _ in range(scale[1] - scale[0] + 1)])
    return (r.uniform(-5, 50), r.uniform(0.5, 20))


def point_expected(p):
    """What the constructor must give: n, weight, sum, variance, from the raw data."""
    if p.empty:
        return (0.0, 0.0, 0.0, 0.0)
    if p.kind == "nps":
        d, pa, pr, n = p.data
        w = d + pa + pr
        pp, pd = pr / w, d / w
        return (n, w, 100.0 * (pr - d), 1e4 * (pp + pd - (pp - pd) ** 2))
    if p.kind == "share":
        hits, total, n = p.data
        q = hits / total
        return (n, total, 100.0 * hits, 1e4 * q * (1 - q))
    s, total, var, n = p.data
    return (n, total, s, var)


def margin(value, threshold):
    if math.isinf(value) or math.isnan(value):
        return math.inf
    return abs(abs(value) - threshold) / max(1.0, threshold)


def random_series(cases):
    r = csmtest.rng(20260523)
    nr = np.random.default_rng(20260523)
    for case in range(cases):
        kind = r.choice(["nps", "share", "mean"])
        weighted = r.random() < 0.4
        scale = r.choice([(1, 5), (1, 7), None]) if kind == "mean" else None
        before = random_params(r, nr, kind, scale)
        after = random_params(r, nr, kind, scale) if r.random() < 0.7 else before
        base = [random_period(r, nr, kind, before, weighted, scale)
                for _ in range(r.randint(1, 30))]
        change = r.randint(0, 60)
        series = [random_period(r, nr, kind, before if i < change else after, weighted, scale)
                  for i in range(r.randint(1, 60))]
        tag = f"case {case} ({kind}{' weighted' if weighted else ''})"

        drv(f"metric {kind}" + (f" {scale[0]} {scale[1]}" if scale else ""))
        for p in base:
            got = drv(f"base {p.driver_args()}")
            equal("append status", got["status"], "OK", tag)
            close("point (constructor)", [got["n"], got["weight"], got["sum"], got["variance"]],
                  point_expected(p), tag)
        got = drv("compute")
        want = oracle.baseline(base, kind)
        if want is None:
            equal("baseline of empty periods", got["status"], "NO_PERIODS", tag)
            continue
        equal("baseline status", got["status"], "OK", tag)
        close("baseline centre", [got["centre"]], [want["centre"]], tag)
        close("baseline variance", [got["variance"]], [want["variance"]], tag)
        close("baseline sigma_z", [got["sigma_z"]], [want["sigma_z"]], tag)
        equal("baseline periods", (got["periods"], got["empty"]),
              (float(want["periods"]), float(want["empty"])), tag)
        close("baseline n", [got["n"]], [want["n"]], tag)

        sigmas = r.choice([3.0, 2.0, 2.5, 3.5])
        laney = int(r.random() < 0.3)
        lam = r.choice([0.05, 0.1, 0.2, 0.3, 0.5, 1.0])
        k = r.choice([0.0, 0.25, 0.5, 1.0])
        h = r.choice([3.0, 4.0, 5.0])
        drv(f"chart {sigmas} {laney} {lam} {k}")
        rows = oracle.chart(want, kind, series, sigmas, laney, lam, k, h, scale)
        for i, (p, w) in enumerate(zip(series, rows)):
            what = f"{tag} period {i}"
            got = drv(f"obs {p.driver_args()} {h}")
            for key in ("signal", "ewma_signal", "cusum_signal"):
                if w.get(key, "none") != "none":
                    tally(key)
            tally("empty period" if p.empty else "period")
            if w["has_z"] and w["z"] == 0:
                tally("z = 0 (on the centre)")
            if w["runs_has"] and w["runs_signal"]:
                tally("runs signal")
            if laney and w["has_limits"]:
                tally("laney limits")
            equal("statuses", (got["lim_status"], got["z_status"], got["ewma_status"],
                               got["ewma_result_status"], got["cusum_status"],
                               got["cusum_result_status"]), ("OK",) * 6, what)
            equal("limits present", (got["has_limits"], got["has_z"]),
                  (float(w["has_limits"]), float(w["has_z"])), what)
            if w["has_limits"]:
                close("limits and z", [got["lower"], got["upper"], got["z"]],
                      [w["lower"], w["upper"], w["z"]], what)
                signal_agrees("limits signal", got["signal"], w["signal"],
                              margin(w["z"], sigmas), what)
            else:
                equal("limits signal", got["signal"], "none", what)
            equal("ewma present", got["ewma_has"], float(w["ewma_has"]), what)
            if w["ewma_has"]:
                close("ewma", [got["ewma"], got["ewma_lower"], got["ewma_upper"]],
                      [w["ewma"], w["ewma_lower"], w["ewma_upper"]], what)
                signal_agrees("ewma signal", got["ewma_signal"], w["ewma_signal"],
                              margin(w["ewma"], w["ewma_upper"]), what)
                close("cusum", [got["upper_sum"], got["lower_sum"]],
                      [w["upper_sum"], w["lower_sum"]], what)
                signal_agrees("cusum signal", got["cusum_signal"], w["cusum_signal"],
                              min(margin(w["upper_sum"], h), margin(w["lower_sum"], h)), what)
            equal("anhoej runs",
                  tuple(got[f] for f in ("runs_has", "useful", "longest", "crossings",
                                         "runs_signal")),
                  tuple(float(w[f]) for f in ("runs_has", "useful", "longest", "crossings",
                                              "runs_signal")), what)
            if w["runs_has"]:
                equal("anhoej limits", (got["longest_max"], got["crossings_min"]),
                      (float(w["longest_max"]), float(w["crossings_min"])), what)
            signal_agrees("western electric 1", (got["beyond"], got["beyond_count"]),
                          (float(w["beyond"]), float(w["beyond_count"])),
                          margin(w["z"], 3.0) if w["has_z"] else math.inf, what)


# ----------------------------------------------------------------------
# 2. qcc's p chart: the orange-juice data
# ----------------------------------------------------------------------

def p_chart(samples):
    """Baseline of the samples, and their rows charted against it."""
    drv("metric share")
    for d in samples:
        drv(f"base share {d} 50 50")
    base = drv("compute")
    drv("chart 3 0 0.2 0.5")
    return base, [drv(f"obs share {d} 50 50 5") for d in samples]


def orange_juice():
    base, rows = p_chart(ORANGE_TRIAL)
    equal("qcc orangejuice p-bar", round(base["centre"] / 100, 4), 0.2313)
    equal("qcc orangejuice limits", (round(rows[0]["lower"] / 100, 4),
                                     round(rows[0]["upper"] / 100, 4)), (0.0524, 0.4102))
    out = [i + 1 for i, row in enumerate(rows) if row["signal"] != "none"]
    equal("qcc orangejuice out of control", out, [15, 23])
    equal("qcc orangejuice signals above", {rows[i - 1]["signal"] for i in out}, {"above"})
    # Montgomery's revised limits, samples 15 and 23 dropped: p = 301/1400 =
    # 0.215, 0.215 ± 3 sqrt(0.215 × 0.785 / 50) = [0.0407, 0.3893].  The 24
    # samples after the adjustment, charted against them (a fresh chart): 23
    # of them below the centre, samples 34 to 54 in one run of 21, far
    # beyond round(log2 24) + 3 = 8, and sample 41 (2/50 = 0.04) below the
    # lower limit; by hand from the data above.
    revised = [d for i, d in enumerate(ORANGE_TRIAL) if i + 1 not in (15, 23)]
    base, rows = p_chart(revised)
    equal("montgomery revised p-bar", base["centre"], 100 * 301 / 1400)
    equal("montgomery revised limits", (round(rows[0]["lower"] / 100, 4),
                                        round(rows[0]["upper"] / 100, 4)), (0.0407, 0.3893))
    drv("chart 3 0 0.2 0.5")
    later = [drv(f"obs share {d} 50 50 5") for d in ORANGE_AFTER]
    last = later[-1]
    equal("montgomery new samples: run", (last["useful"], last["longest"], last["longest_max"],
                                          last["crossings"], last["runs_signal"]),
          (24.0, 21.0, 8.0, 2.0, 1.0))
    equal("montgomery new samples: below the lower limit",
          [31 + i for i, row in enumerate(later) if row["signal"] == "below"], [41])


# ----------------------------------------------------------------------
# 3. qicharts2's table of Anhoej limits
# ----------------------------------------------------------------------

# qicharts2 vignette "Quality Improvement Charts", Appendix 2: upper limit for
# the longest run and lower limit for the number of crossings, for 10..100
# useful observations.
ANHOEJ_RUN = {n: 6 if n <= 11 else 7 if n <= 22 else 8 if n <= 45 else 9 if n <= 90 else 10
              for n in range(10, 101)}
ANHOEJ_CROSSINGS = dict(zip(range(10, 101), [
    2, 2, 3, 3, 4, 4, 4, 5, 5, 6, 6, 6, 7, 7, 8, 8, 8, 9, 9, 10,
    10, 11, 11, 11, 12, 12, 13, 13, 14, 14, 14, 15, 15, 16, 16, 17, 17, 17, 18, 18,
    19, 19, 20, 20, 21, 21, 21, 22, 22, 23, 23, 24, 24, 25, 25, 25, 26, 26, 27, 27,
    28, 28, 29, 29, 29, 30, 30, 31, 31, 32, 32, 33, 33, 34, 34, 34, 35, 35, 36, 36,
    37, 37, 38, 38, 39, 39, 39, 40, 40, 41, 41]))


def anhoej_table():
    drv("given mean 0 1 nan nan nan")
    drv("chart 3 0 0.2 0.5")
    for n in range(1, 101):
        got = drv("obs raw 1 1 0.5 0 5")
        if n in ANHOEJ_RUN:
            equal("qicharts2 anhoej table", (got["longest_max"], got["crossings_min"]),
                  (float(ANHOEJ_RUN[n]), float(ANHOEJ_CROSSINGS[n])), f"n = {n}")


# ----------------------------------------------------------------------
# 4. Hand-worked cases
# ----------------------------------------------------------------------

def hand_cases():
    # runs: z = 1, 1, 0, 1, -1, -1, 0, 0, -1, 1: the points on the centre
    # neither count nor break; signs + + + - - - + give runs 3, 3, 1,
    # longest 3, 2 crossings, 7 useful points.
    drv("given mean 0 1 nan nan nan")
    drv("chart 3 0 0.2 0.5")
    for z in (1, 1, 0, 1, -1, -1, 0, 0, -1, 1):
        got = drv(f"obs raw 1 1 {z} 0 5")
    equal("runs by hand", (got["useful"], got["longest"], got["crossings"]), (7.0, 3.0, 2.0))

    # On the centre exactly: a period whose NPS is the pooled one (2/12 =
    # 1/6) has z = 0, not an ulp off it, so it makes no run.
    drv("metric nps")
    drv("base nps 1 1 1 3")
    drv("base nps 2 3 4 9")
    base = drv("compute")
    drv("chart 3 0 0.2 0.5")
    got = drv("obs nps 1 3 2 6 5")
    equal("a period on the centre", (base["centre"], got["z"], got["useful"], got["has_z"]),
          (100.0 * 2 / 12, 0.0, 0.0, 1.0))

    # CUSUM by hand, k = 0.5, h = 4: z = 1, 2, 3 give C+ = 0.5, 2, 4.5 (a
    # signal above at the third), C- = 0; then z = -9: C+ = 0, C- = 8.5.
    # The baseline: centre 0, sd 1, so a period of one answer worth z has z.
    drv("given mean 0 1 nan nan nan")
    drv("chart 3 0 0.2 0.5")
    sums = []
    for z in (1, 2, 3, -9):
        got = drv(f"obs raw 1 1 {z} 0 4")
        sums.append((got["upper_sum"], got["lower_sum"], got["cusum_signal"]))
    equal("cusum by hand", sums, [(0.5, 0.0, "none"), (2.0, 0.0, "none"), (4.5, 0.0, "above"),
                                  (0.0, 8.5, "below")])

    # EWMA by hand, λ = 0.5, L = 3: z = 1, 2, -1 give w = 0.5, 1.25, 0.125,
    # limits 3 sqrt(1/3 (1 - 0.25^t)) = 1.5, sqrt(2.8125), sqrt(2.953125).
    drv("chart 3 0 0.5 0.5")
    got = [drv(f"obs raw 1 1 {z} 0 4") for z in (1, 2, -1)]
    close("ewma by hand", [g["ewma"] for g in got] + [g["ewma_upper"] for g in got],
          [0.5, 1.25, 0.125, 1.5, math.sqrt(2.8125), math.sqrt(2.953125)], "λ = 0.5")

    # Empty periods: no limits, no z, no signal, no error; the EWMA and CUSUM
    # carry over, t does not advance, the runs skip the period.
    drv("metric nps")
    for counts in ((10, 20, 30), (12, 20, 28), (8, 22, 30)):
        drv(f"base nps {counts[0]} {counts[1]} {counts[2]} 60")
    drv("compute")
    drv("chart 3 0 0.2 0.5")
    first = drv("obs nps 30 10 20 60 4")
    empty = drv("obs nps 0 0 0 0 4")
    equal("empty period",
          (empty["lim_status"], empty["has_limits"], empty["has_z"], empty["signal"],
           math.isnan(empty["z"]), empty["ewma_signal"], empty["cusum_signal"],
           empty["ewma"], empty["ewma_upper"], empty["upper_sum"], empty["lower_sum"],
           empty["useful"]),
          ("OK", 0.0, 0.0, "none", True, "none", "none", first["ewma"], first["ewma_upper"],
           first["upper_sum"], first["lower_sum"], first["useful"]))
    second = drv("obs nps 30 10 20 60 4")
    close("empty period: t does not advance", [second["ewma_upper"]],
          [3 * math.sqrt(0.2 / 1.8 * (1 - 0.8 ** 4))], "t = 2 after an empty period")

    # A baseline without variance (every answer a promoter): the limits close
    # on the centre, one detractor is z = -inf, a signal below, and the EWMA
    # and CUSUM stay in signal (documented); z = 0 on the centre.
    drv("metric nps")
    drv("base nps 0 0 40 40")
    drv("base nps 0 0 25 25")
    base = drv("compute")
    equal("no-variance baseline", (base["centre"], base["variance"], math.isnan(base["sigma_z"])),
          (100.0, 0.0, True))
    drv("chart 3 0 0.2 0.5")
    one = drv("obs nps 1 0 39 40 5")
    equal("no-variance baseline: a detractor",
          (one["lower"], one["upper"], one["z"], one["signal"], one["ewma"], one["ewma_signal"],
           one["lower_sum"], one["cusum_signal"]),
          (100.0, 100.0, -math.inf, "below", -math.inf, "below", math.inf, "below"))
    two = drv("obs nps 0 0 40 40 5")
    equal("no-variance baseline: back on the centre",
          (two["z"], two["signal"], two["ewma"], two["ewma_signal"], two["cusum_signal"]),
          (0.0, "none", -math.inf, "below", "below"))

    # A mean baseline of single answers: no degrees of freedom, no variance,
    # so no limits and no z (and no sigma_z).
    drv("metric mean 1 5")
    for x in (3, 4, 5):
        drv(f"base mean {x} 1 0 1")
    base = drv("compute")
    equal("mean baseline without df", (base["status"], base["centre"], math.isnan(base["variance"]),
                                       math.isnan(base["sigma_z"])), ("OK", 4.0, True, True))
    got = drv("obs mean 30 10 1 10 5")
    equal("mean baseline without df: no limits", (got["lim_status"], got["has_limits"],
                                                  got["has_z"], got["signal"]),
          ("OK", 0.0, 0.0, "none"))

    # Mean limits clipped to the scale: centre 4.5, variance 0.25 (+- 0.5),
    # a period of one answer: 4.5 +- 3 × 0.5 = [3, 6] -> [3, 5].
    drv("metric mean 1 5")
    drv("base mean 45 10 0.25 10")
    drv("base mean 45 10 0.25 10")
    drv("compute")
    drv("chart 3 0 0.2 0.5")
    got = drv("obs mean 5 1 0 1 5")
    equal("mean limits clipped to the scale", (got["lower"], got["upper"], got["z"]),
          (3.0, 5.0, 1.0))

    # Laney with a single baseline period: no sigma_z, so no Laney limits,
    # while Shewhart's are there.
    drv("metric share")
    drv("base share 30 100 100")
    base = drv("compute")
    drv("chart 3 1 0.2 0.5")
    laney = drv("obs share 40 100 100 5")
    drv("chart 3 0 0.2 0.5")
    shewhart = drv("obs share 40 100 100 5")
    equal("laney with one period", (math.isnan(base["sigma_z"]), laney["has_limits"],
                                    laney["signal"], shewhart["has_limits"]),
          (True, 0.0, "none", 1.0))

    # A given baseline: centre 50 %, sd 10 points per answer; a period of 50
    # answers at 60 %: se = 10 / sqrt(50), z = sqrt(50) = 7.07, above.
    got = drv("given share 50 10 nan nan nan")
    equal("given baseline", (got["status"], got["centre"], got["variance"]), ("OK", 50.0, 100.0))
    drv("chart 3 0 0.2 0.5")
    got = drv("obs share 30 50 50 5")
    close("given baseline limits", [got["lower"], got["upper"], got["z"]],
          [50 - 30 / math.sqrt(50), 50 + 30 / math.sqrt(50), math.sqrt(50)], "given")
    equal("given baseline signal", got["signal"], "above")
    for args, status in (("share 50 0 nan nan nan", "BAD_GIVEN"),
                         ("nps 120 10 nan nan nan", "BAD_GIVEN"),
                         ("share 50 10 -1 nan nan", "BAD_GIVEN"),
                         ("share 50 inf nan nan nan", "BAD_GIVEN"),
                         ("mean 3 1 nan 5 1", "BAD_SCALE"),
                         ("mean 3 1 nan 5 5", "BAD_SCALE"),
                         ("mean 6 1 nan 1 5", "BAD_GIVEN")):
        equal("given baseline rejected", drv(f"given {args}")["status"], status, args)
    equal("mean scale rejected", drv("metric mean 5 5")["status"], "BAD_SCALE")

    # Parameters: λ in (0, 1], sigmas > 0, k >= 0, h > 0, all finite.
    drv("given share 50 10 nan nan nan")
    for chart, h, field, status in (("3 0 0 0.5", 5, "ewma_status", "BAD_LAMBDA"),
                                    ("3 0 1.5 0.5", 5, "ewma_status", "BAD_LAMBDA"),
                                    ("3 0 nan 0.5", 5, "ewma_status", "BAD_LAMBDA"),
                                    ("3 0 -0.2 0.5", 5, "ewma_status", "BAD_LAMBDA"),
                                    ("0 0 0.2 0.5", 5, "lim_status", "BAD_SIGMAS"),
                                    ("-1 0 0.2 0.5", 5, "ewma_result_status", "BAD_SIGMAS"),
                                    ("inf 0 0.2 0.5", 5, "lim_status", "BAD_SIGMAS"),
                                    ("3 0 0.2 -0.5", 5, "cusum_status", "BAD_K"),
                                    ("3 0 0.2 nan", 5, "cusum_status", "BAD_K"),
                                    ("3 0 0.2 0.5", 0, "cusum_result_status", "BAD_H"),
                                    ("3 0 0.2 0.5", -1, "cusum_result_status", "BAD_H"),
                                    ("3 0 0.2 0.5", "inf", "cusum_result_status", "BAD_H")):
        drv(f"chart {chart}")
        equal("bad parameters", drv(f"obs share 30 50 50 {h}")[field], status, f"{chart} h={h}")
    drv("chart 3 0 0.2 0.5")
    drv("obs share 30 50 50 5")
    drv("set lambda 0.3")
    equal("lambda changed mid-series", drv("obs share 30 50 50 5")["ewma_status"],
          "PARAMETER_CHANGED")
    drv("chart 3 0 0.2 0.5")
    drv("obs share 30 50 50 5")
    drv("set k 1")
    equal("k changed mid-series", drv("obs share 30 50 50 5")["cusum_status"],
          "PARAMETER_CHANGED")
    for args, status in (("ewma_arl 0 3 0 1", "BAD_LAMBDA"), ("ewma_arl 1.01 3 0 1", "BAD_LAMBDA"),
                         ("ewma_arl 0.2 0 0 1", "BAD_SIGMAS"),
                         ("ewma_arl 0.2 nan 0 1", "BAD_SIGMAS"),
                         ("ewma_arl 0.2 3 nan 1", "BAD_SHIFT"),
                         ("ewma_arl 0.005 3 0 1", "ARL_UNSUPPORTED"),
                         ("cusum_arl -0.1 5 0", "BAD_K"), ("cusum_arl 0.5 0 0", "BAD_H"),
                         ("cusum_arl 0.5 inf 0", "BAD_H"), ("cusum_arl 0.5 5 inf", "BAD_SHIFT"),
                         ("cusum_arl 0.5 20.5 0", "ARL_UNSUPPORTED")):
        equal("bad ARL parameters", drv(args)["status"], status, args)
    # Run lengths far beyond any series: the Shewhart chart (λ = 1) at L = 8
    # and 9 is 1 / (2 Φ(-L)), 8.0e14 and 4.4e18, which the GTH elimination
    # keeps to the last digits; past the range of a double, +infinity.
    for lam, sigmas in ((1, 8), (1, 9), (1, 5)):
        got = drv(f"ewma_arl {lam} {sigmas} 0 0")
        close("huge run lengths", [got["arl"]], [1 / (2 * stats.norm.sf(sigmas))],
              f"lambda {lam} L {sigmas}", tol=1e-10)
    equal("run length beyond a double", (drv("ewma_arl 0.2 50 0 1")["arl"],
                                         drv("cusum_arl 20 20 0")["arl"]), (math.inf, math.inf))

    # Points: negative or non-finite n, weight or variance, a value off the
    # metric's range: rejected.  A weighted value an ulp past its bound is
    # taken as on it.
    drv("metric share")
    for raw in ("-1 10 500 0", "nan 10 500 0", "5 0 500 0", "5 10 1200 0", "5 10 -100 0",
                "5 10 500 -1", "5 10 500 inf", "5 10 nan 0", "5 inf 500 0"):
        equal("invalid point", drv(f"base raw {raw}")["status"], "BAD_POINT", raw)
        got = drv(f"obs raw {raw} 5")
        equal("invalid point charted", (got["lim_status"], got["z_status"]),
              ("BAD_POINT", "BAD_POINT"), raw)
    equal("value an ulp past the range", drv("base raw 3 3 300.00000000000006 0")["status"], "OK")
    base = drv("compute")
    equal("value an ulp past the range: clamped", base["centre"], 100.0)

    # A baseline composite typed by hand: every field is checked before use.
    drv("chart 3 0 0.2 0.5")
    for raw in ("nps 0 100 nan -100 100", "share 50 100 1 0 100", "mean 3 1 nan -inf inf",
                "mean 3 1 nan 1 5"):
        got = drv(f"baseline_raw {raw}")
        got = drv("obs raw 10 10 0 0 5" if raw.startswith(("nps", "mean 3 1 nan -inf"))
                  else "obs raw 10 10 30 0 5")
        equal("baseline typed by hand", (got["lim_status"], got["z_status"]), ("OK", "OK"), raw)
    for raw in ("bogus 0 100 nan -100 100", "nps nan 100 nan -100 100", "nps 120 100 nan -100 100",
                "nps 0 -1 nan -100 100", "nps 0 inf nan -100 100", "nps 0 100 -1 -100 100",
                "nps 0 100 inf -100 100", "nps 0 100 nan -50 100", "share 50 100 nan -100 100",
                "mean 3 1 nan 5 1", "mean 3 1 nan nan nan"):
        drv(f"baseline_raw {raw}")
        got = drv("obs raw 10 10 0 0 5")
        equal("invalid baseline", (got["lim_status"], got["z_status"]),
              ("BAD_BASELINE", "BAD_BASELINE"), raw)

    # Stored states: the checks catch every corrupted header field.
    drv("metric nps")
    for counts in ((10, 20, 30), (12, 20, 28)):
        drv(f"base nps {counts[0]} {counts[1]} {counts[2]} 60")
    equal("state check", drv("check")["status"], "OK")
    for field, value in (("version", 2), ("metric", 7), ("metric", 2), ("count", 3), ("count", 1),
                         ("flags", 1), ("reserved", 1), ("range_lo", -99), ("range_hi", "nan"),
                         ("bytes", 16), ("bytes", 1000)):
        equal("corrupt state", drv(f"check {field} {value}")["status"], "BAD_BASELINE",
              f"{field} = {value}")
    equal("corrupt state", drv("zero_period")["status"], "BAD_BASELINE", "a stored empty period")
    drv("metric mean")
    equal("state check, mean of unknown scale", drv("check")["status"], "OK")
    equal("corrupt state", drv("check range_lo inf")["status"], "BAD_BASELINE", "mean lo = inf")
    drv("metric nps")
    equal("baseline without periods", drv("compute")["status"], "NO_PERIODS")
    drv("base nps 0 0 0 0")
    got = drv("compute")
    equal("baseline of empty periods only", (got["status"], got["empty"]), ("NO_PERIODS", 1.0))


# ----------------------------------------------------------------------
# 5. The binomial functions
# ----------------------------------------------------------------------

def binomial():
    """p = 1/2, as the crossings rule takes it: exact sums of binomial coefficients."""
    for n in range(0, 400):
        total = 2 ** n
        cumulative = 0
        quantile = None
        for k in range(n + 1):
            cumulative += math.comb(n, k)
            # the smallest k with P(X <= k) >= 0.05, in integers
            if quantile is None and 20 * cumulative >= total:
                quantile = k
            if k in (n // 4, n // 2, n - 3) and k >= 0:
                got = drv(f"binom_cdf {k} {n} 0.5")["value"]
                close("binomial cdf, exact", [got], [cumulative / total], f"{k} {n}", tol=1e-13)
        got = drv(f"binom_q 0.05 {n} 0.5")["value"]
        equal("binomial quantile, exact", got, float(quantile), f"n = {n}")


random_series(int(os.environ.get("MONITORING_CASES", "400")))
orange_juice()
anhoej_table()
hand_cases()
binomial()

status = checks.report("agree")
print("random series: " + ", ".join(f"{v} {k}" for k, v in sorted(seen.items())))
print("worst relative errors (|csm - oracle| / max(1, |oracle|)):")
for name in sorted(worst):
    err, what = worst[name]
    print(f"  {name}: {err:.2e}" + (f" ({what})" if err > 0 else ""))
sys.exit(status)
