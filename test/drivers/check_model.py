"""src/driver_model.c against the independent numpy oracle (oracle.py).

Runs test/drivers/moments.c (its path is the first argument) on:

- random data sets (datasets.random_sets, seeded): p from 1 to 16, where
  both relative weights and Shapley are checked, and 17 to 32, where
  Shapley must refuse; n from p + 2 to 20,000; unweighted and weighted
  (integer, lognormal, cell and 1e-3..1e3 weights, some rows of weight 0);
  continuous scores in different units and integer ratings 0..10; a quarter
  shifted by 1e6.  Every quantity is compared with the oracle, the summary
  merged from per-group parts with the whole, and each integer set with its
  1e6-shifted twin (exact data, so every quantity but the means must agree);
- window frames slid over random sets by add and remove, compared at every
  position with the oracle's moments of the frame's rows;
- the degenerate cases of driver_model.h's table, each against its
  documented value and NULL reason, and the requests the functions refuse;
- R's swiss data (Fertility on the five others): relaimpo's lmg and R^2,
  and with relaimpo's example weights its weighted lmg; R's own lm() table,
  unweighted and weighted, cov.wt(cor = TRUE) and psych::alpha() at run
  time.  The swiss data come from R: without Rscript these are reported as
  skipped.

Errors are relative to a scale natural to each quantity (see Measure), and
a NULL must be NULL where the oracle's is.  What is solved from the moments
(coefficients, standard errors, t, p) is allowed the conditioning of its
problem on top (CONDITIONING).  Prints "drivers: NAME: k/n agree" lines
with the worst error seen, then exits non-zero on any failure;
DRIVERS_VERBOSE=1 prints every mismatch.
"""
import math
import os
import subprocess
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import datasets  # noqa: E402
import oracle  # noqa: E402

INF = float("inf")

# DriverNull codes (driver_model.h)
NO_ROWS, FEW_ROWS, CONSTANT, OUTCOME_CONSTANT, ALIASED, PERFECT_FIT, ZERO_R2, TOTAL_CONSTANT = range(1, 9)

# Tolerances against the oracle, per quantity, on the scale Measure reads it
# on: above the worst error seen on these sets (printed as "worst error"),
# far below what a wrong formula gives.  W is a plain sum of up to 20,000
# weights spanning six orders of magnitude: about 1e-13.
TOLERANCE = {
    "W": 1e-12, "mean": 1e-14, "comoment": 1e-12, "corr": 1e-12, "r2": 1e-12,
    "rw": 1e-12, "rw share": 1e-10, "shapley": 1e-12, "shapley share": 1e-10,
    "coef": 1e-12, "se": 1e-12, "t": 1e-12, "p": 1e-10, "intercept": 1e-12, "intercept se": 1e-12,
    "sigma": 1e-12, "alpha": 1e-11, "alpha standardized": 1e-11, "attribute mean": 1e-14,
    "attribute correlation": 1e-12,
}
# A summary merged from parts, and a set shifted by 1e6, against the whole.
SAME_TOLERANCE = 1e-12
# What is solved from the moments (coefficients, standard errors, t, p,
# sigma, the intercept) carries the moments' own rounding (about 1e-16
# times the square root of the rows added, up to 1e-13 here) times the
# condition number kappa of the correlation matrix of (y, x), as any
# normal-equations solution does, and a p-value that times t^2 again:
# these are checked within max(tolerance, CONDITIONING * kappa [* t^2]).
CONDITIONING = 1e-13


def condition_number(fit):
    """kappa of the correlation matrix of the variables with a variance."""
    idx = [i for i in range(fit.p + 1) if fit.W and not fit.constant(i)]
    if len(idx) < 2:
        return 1.0
    sd = np.sqrt(np.diag(fit.C))[idx]
    R = fit.C[np.ix_(idx, idx)] / np.outer(sd, sd)
    return float(np.linalg.cond(R))


class Null:
    def __init__(self, reason):
        self.reason = reason

    def __repr__(self):
        return f"null{self.reason}"


def token(t):
    return Null(int(t[4:])) if t.startswith("null") else float(t)


def run_driver(driver, sets):
    """{(id, view, what): [values]} for the sets, and the window positions."""
    text = "".join(ds.driver_input() for ds in sets)
    out = subprocess.run([driver], input=text, capture_output=True, text=True, check=True).stdout
    res, windows = {}, {}
    for line in out.splitlines():
        sid, view, what, *vals = line.split()
        if what == "winpos":
            windows.setdefault(sid, []).append((int(vals[0]), [float(v) for v in vals[1:]]))
        elif vals[:1] == ["status"]:
            res[(sid, view, what)] = ("status", int(vals[1]))
        else:
            res[(sid, view, what)] = [token(v) for v in vals]
    return res, windows


class Report:
    def __init__(self):
        self.ran, self.failed, self.worst, self.first, self.tol = {}, {}, {}, {}, {}
        self.per_kappa = {}

    def error(self, name, err, tol, detail="", kappa=None, amplify=1.0):
        """One comparison: err is the relative error (INF: a NULL mismatch).
        With kappa, the set's condition number, the quantity is one solved
        from the moments (normal equations): rounding of about 1e-16 in the
        moments becomes about 1e-16 kappa in it, so the tolerance is at
        least CONDITIONING * kappa (times amplify: t^2 for a p-value)."""
        self.ran[name] = self.ran.get(name, 0) + 1
        self.tol[name] = tol
        if kappa is not None:
            if err != INF:
                self.per_kappa[name] = max(self.per_kappa.get(name, 0.0), err / (kappa * amplify))
            tol = max(tol, CONDITIONING * kappa * amplify)
        if not (err <= tol):
            if os.environ.get("DRIVERS_VERBOSE"):
                print(f"drivers: mismatch: {name}: {detail} (error {err:.3g})")
            self.failed[name] = self.failed.get(name, 0) + 1
            self.first.setdefault(name, f"{detail} (error {err:.3g})")
        if err != INF:
            self.worst[name] = max(self.worst.get(name, 0.0), err)

    def ok(self, name, cond, detail=""):
        self.error(name, 0.0 if cond else INF, 0.0, detail)

    def skip(self, name, why):
        print(f"drivers: {name}: skipped ({why})")

    def print(self):
        for name in sorted(self.ran):
            f = self.failed.get(name, 0)
            line = f"drivers: {name}: {self.ran[name] - f}/{self.ran[name]} agree"
            if self.tol[name] > 0:
                line += f" (worst error {self.worst.get(name, 0.0):.2g}"
                if name in self.per_kappa:
                    line += f", worst error / condition number {self.per_kappa[name]:.2g}"
                    line += f"; tolerance {self.tol[name]:g} or {CONDITIONING:g} x condition number)"
                else:
                    line += f"; tolerance {self.tol[name]:g})"
            if f:
                line += f"; first mismatch: {self.first[name]}"
            print(line)
        return 1 if self.failed else 0


class Measure:
    """Scale-aware errors: the scale each quantity is naturally read on."""

    def __init__(self, fit):
        self.fit = fit
        C = fit.C
        self.root = np.sqrt(np.clip(np.diag(C), 0, None)) if fit.W else np.zeros(fit.p + 1)
        self.sd = self.root / math.sqrt(fit.W) if fit.W else self.root

    @staticmethod
    def err(got, want, scale):
        if want is None:
            return 0.0 if isinstance(got, Null) else INF
        if isinstance(got, Null) or not math.isfinite(got):
            return INF
        if scale == 0:
            return 0.0 if got == want else INF
        return abs(got - want) / scale

    def coef_scale(self, j):
        # a coefficient's error in standardized units: |db| sd_x / sd_y
        if self.root[0] == 0 or self.root[1 + j] == 0:
            return 1.0
        return self.root[0] / self.root[1 + j]


def nulls_match(got, want_reason):
    return isinstance(got, Null) and got.reason == want_reason


# --- one view against the oracle ---------------------------------------

def against_oracle(rep, out, sid, view, fit, ds):
    p = fit.p
    meas = Measure(fit)
    kappa = condition_number(fit)
    key = lambda what: out[(sid, view, what)]  # noqa: E731
    tag = f"{sid}/{view}"

    mom = key("moments")
    rep.ok("rows", int(mom[0]) == fit.rows, tag)
    rep.ok("moments pass driver_moments_valid()", key("valid") == [1.0], tag)
    m = mom[1:]
    q = p + 1
    rep.error("W", Measure.err(m[0], fit.W, max(fit.W, 1e-300)), TOLERANCE["W"], tag)
    if fit.W:
        for i in range(q):
            mean = m[1 + i] + m[1 + q + i]
            rep.error("mean", Measure.err(mean, fit.mean[i], max(abs(fit.mean[i]), meas.sd[i], 1e-300)),
                      TOLERANCE["mean"], f"{tag} mean {i}")
        pos = 1 + 2 * q
        for i in range(q):
            for j in range(i, q):
                scale = meas.root[i] * meas.root[j]
                rep.error("comoment", Measure.err(m[pos], fit.C[i, j], scale), TOLERANCE["comoment"],
                          f"{tag} C{i}{j}")
                pos += 1

    corr = key("corr")
    want = fit.correlations()
    for i in range(q):
        for j in range(q):
            g = corr[i * q + j]
            ok = (want[i][j] is None and nulls_match(g, NO_ROWS if not fit.W else CONSTANT)) or \
                (want[i][j] is not None and not isinstance(g, Null))
            rep.error("corr", Measure.err(g, want[i][j], 1.0) if ok else INF, TOLERANCE["corr"], f"{tag} r{i}{j}")

    r2 = key("r2")[0]
    rep.error("r2", Measure.err(r2, fit.r2(), 1.0), TOLERANCE["r2"], tag)

    reg = key("reg")
    want = fit.regression()
    rep.ok("rank", fit.W == 0 or int(reg[0]) == want["rank"], f"{tag} rank {reg[0]} vs {want['rank']}")
    rep.ok("df", fit.W == 0 or reg[1] == want["df"], tag)
    sigma, icpt, icpt_se, icpt_t, icpt_p = reg[2:7]
    coef, se, t, pv = (reg[7 + k * p: 7 + (k + 1) * p] for k in range(4))
    K = dict(kappa=kappa)
    rep.error("sigma", Measure.err(sigma, want["sigma"], abs(want["sigma"] or 0) or 1.0), TOLERANCE["sigma"], tag, **K)
    if want["intercept"] is not None:
        cancel = abs(fit.mean[0]) + sum(abs((want["coef"][j] or 0) * fit.mean[1 + j]) for j in range(p)) + meas.sd[0]
        rep.error("intercept", Measure.err(icpt, want["intercept"], cancel or 1.0), TOLERANCE["intercept"], tag, **K)
    else:
        rep.ok("intercept", isinstance(icpt, Null), tag)
    rep.error("intercept se", Measure.err(icpt_se, want["intercept_se"], abs(want["intercept_se"] or 0) or 1.0),
              TOLERANCE["intercept se"], tag, **K)
    rep.error("t", Measure.err(icpt_t, want["intercept_t"], max(1.0, abs(want["intercept_t"] or 0))),
              TOLERANCE["t"], f"{tag} intercept t", **K)
    rep.error("p", Measure.err(icpt_p, want["intercept_p"], max(want["intercept_p"] or 0, 1e-300)),
              TOLERANCE["p"], f"{tag} intercept p", kappa, max(1.0, (want["intercept_t"] or 0) ** 2))
    for j in range(p):
        rep.error("coef", Measure.err(coef[j], want["coef"][j], meas.coef_scale(j)), TOLERANCE["coef"],
                  f"{tag} b{j}", **K)
        rep.error("se", Measure.err(se[j], want["se"][j], abs(want["se"][j] or 0) or 1.0), TOLERANCE["se"],
                  f"{tag} se{j}", **K)
        rep.error("t", Measure.err(t[j], want["t"][j], max(1.0, abs(want["t"][j] or 0))), TOLERANCE["t"],
                  f"{tag} t{j}", **K)
        rep.error("p", Measure.err(pv[j], want["p"][j], max(want["p"][j] or 0, 1e-300)), TOLERANCE["p"],
                  f"{tag} p{j}", kappa, max(1.0, (want["t"][j] or 0) ** 2))

    for method, name in (("rw", "rw"), ("shapley", "shapley")):
        got = key(method)
        if method == "shapley" and p > 16:
            rep.ok("shapley refused above 16", got == ("status", 1), tag)
            continue
        want = fit.key_drivers(method)
        r2g, imp, share, signed, sign, cor, mean = (got[0],) + tuple(got[1 + k * p: 1 + (k + 1) * p] for k in range(6))
        rep.error("r2", Measure.err(r2g, want["r2"], 1.0), TOLERANCE["r2"], f"{tag} {method}")
        for j in range(p):
            rep.error(name, Measure.err(imp[j], want["importance"][j], 1.0), TOLERANCE[name], f"{tag} {j}")
            rep.error(name + " share", Measure.err(share[j], want["share"][j], 100.0), TOLERANCE[name + " share"],
                      f"{tag} {j}")
            if want["signed_share"][j] is None or abs(want["beta"][j]) > 1e-8:
                rep.error(name + " share", Measure.err(signed[j], want["signed_share"][j], 100.0),
                          TOLERANCE[name + " share"], f"{tag} signed {j}")
            rep.error("attribute correlation", Measure.err(cor[j], want["correlation"][j], 1.0),
                      TOLERANCE["attribute correlation"], f"{tag} {j}")
            rep.error("attribute mean", Measure.err(mean[j], want["mean"][j],
                                                    max(abs(want["mean"][j] or 0), meas.sd[1 + j], 1e-300)),
                      TOLERANCE["attribute mean"], f"{tag} {j}")
            # the sign of a coefficient of 0 to rounding is noise
            if want["share"][j] is not None and abs(want["beta"][j]) > 1e-8:
                rep.ok("sign", int(sign[j]) == want["sign"][j], f"{tag} {method} {j}")
        if all(v is not None for v in want["importance"]) and p and want["r2"] is not None:
            rep.error("importances sum to R^2", abs(sum(imp) - r2g) if not any(isinstance(v, Null) for v in imp) else INF,
                      1e-13, f"{tag} {method}")

    got = key("alpha")
    if p < 2:
        rep.ok("alpha refused below 2 items", got == ("status", 2), tag)
    else:
        a, s, rbar = fit.alpha()
        rep.error("alpha", Measure.err(got[0], a, max(1.0, abs(a or 0))), TOLERANCE["alpha"], tag)
        rep.error("alpha standardized", Measure.err(got[1], s, max(1.0, abs(s or 0))),
                  TOLERANCE["alpha standardized"], tag)
        rep.error("alpha standardized", Measure.err(got[2], rbar, 1.0), TOLERANCE["alpha standardized"],
                  f"{tag} mean correlation")


# --- one view against another view of the same data --------------------

def same_as(rep, name, a, b, p, kappa, skip_means=False, label=""):
    """Every quantity of view a against view b (b the reference): NULLs for
    the same reason, values within SAME_TOLERANCE on the quantities' scales:
    "NAME (moments)" the summary itself, strictly; "NAME (analyses)" what
    is read from it, the solved quantities within the conditioning
    allowance too."""

    def cmp(what, g, w, scale, solved=False, amplify=1.0, part="analyses"):
        if isinstance(w, Null) or isinstance(g, Null):
            e = 0.0 if (isinstance(w, Null) and isinstance(g, Null) and w.reason == g.reason) else INF
        elif isinstance(w, tuple) or isinstance(g, tuple):
            e = 0.0 if g == w else INF
        else:
            e = abs(g - w) / scale if scale else (0.0 if g == w else INF)
        rep.error(f"{name} ({part})", e, SAME_TOLERANCE, f"{label} {what}",
                  kappa if solved else None, amplify)

    def val(x, default=0.0):
        return default if isinstance(x, (Null, tuple)) else x

    q = p + 1
    ma, mb = a["moments"], b["moments"]
    cmp("rows", ma[0], mb[0], 0.0, part="moments")
    W = mb[1]
    cmp("W", ma[1], W, W or 1.0, part="moments")
    root = [math.sqrt(max(mb[1 + 1 + 2 * q + (i * q - i * (i - 1) // 2)], 0.0)) for i in range(q)]
    sd = [r / math.sqrt(W) if W else 0.0 for r in root]
    if not skip_means:
        for i in range(q):
            mean_a, mean_b = ma[2 + i] + ma[2 + q + i], mb[2 + i] + mb[2 + q + i]
            cmp(f"mean {i}", mean_a, mean_b, max(abs(mean_b), sd[i], 1e-300), part="moments")
    pos = 2 + 2 * q
    for i in range(q):
        for j in range(i, q):
            cmp(f"C{i}{j}", ma[pos], mb[pos], root[i] * root[j], part="moments")
            pos += 1
    for i, (g, w) in enumerate(zip(a["corr"], b["corr"])):
        cmp(f"corr {i}", g, w, 1.0)
    cmp("r2", a["r2"][0], b["r2"][0], 1.0)
    ra, rb = a["reg"], b["reg"]
    cmp("rank", ra[0], rb[0], 0.0)
    cmp("df", ra[1], rb[1], 0.0)
    cmp("sigma", ra[2], rb[2], abs(val(rb[2])) or 1.0, True)
    if not skip_means:
        cancel = abs(mb[2]) + sum(abs(val(rb[7 + j]) * mb[3 + j]) for j in range(p)) + sd[0]
        cmp("intercept", ra[3], rb[3], cancel or 1.0, True)
        cmp("intercept se", ra[4], rb[4], abs(val(rb[4])) or 1.0, True)
        cmp("intercept t", ra[5], rb[5], max(1.0, abs(val(rb[5]))), True)
        cmp("intercept p", ra[6], rb[6], max(val(rb[6], 1.0), 1e-300), True, max(1.0, val(rb[5]) ** 2))
    for j in range(p):
        cmp(f"b{j}", ra[7 + j], rb[7 + j], root[0] / root[1 + j] if root[0] and root[1 + j] else 1.0, True)
        cmp(f"se{j}", ra[7 + p + j], rb[7 + p + j], abs(val(rb[7 + p + j])) or 1.0, True)
        t = val(rb[7 + 2 * p + j])
        cmp(f"t{j}", ra[7 + 2 * p + j], rb[7 + 2 * p + j], max(1.0, abs(t)), True)
        cmp(f"p{j}", ra[7 + 3 * p + j], rb[7 + 3 * p + j], max(val(rb[7 + 3 * p + j], 1.0), 1e-300), True,
            max(1.0, t * t))
    for method in ("rw", "shapley"):
        ga, gb = a[method], b[method]
        if isinstance(gb, tuple):
            cmp(method, ga, gb, 0.0)
            continue
        cmp(f"{method} r2", ga[0], gb[0], 1.0)
        for k, what in enumerate(("importance", "share", "signed share", "sign", "correlation", "mean")):
            if skip_means and what == "mean":
                continue
            for j in range(p):
                g, w = ga[1 + k * p + j], gb[1 + k * p + j]
                if isinstance(w, Null):
                    scale = 1.0
                elif what == "mean":
                    scale = max(abs(w), sd[1 + j], 1e-300)
                elif what in ("share", "signed share", "sign"):
                    # a sign (so a signed share) of a coefficient of 0 to
                    # rounding is noise: compared where the share is not small
                    if what != "share" and abs(val(gb[1 + p + j])) < 1e-6:
                        continue
                    scale = 100.0 if what != "sign" else 0.0
                else:
                    scale = 1.0
                cmp(f"{method} {what} {j}", g, w, scale)
    if isinstance(b["alpha"], tuple):
        cmp("alpha", a["alpha"], b["alpha"], 0.0)
    else:
        for k in range(3):
            g, w = a["alpha"][k], b["alpha"][k]
            cmp(f"alpha {k}", g, w, max(1.0, abs(val(w))))


def view(out, sid, v):
    return {what: out[(sid, v, what)] for what in ("moments", "corr", "r2", "reg", "rw", "shapley", "alpha")}


# --- the checks ----------------------------------------------------------

def random_checks(rep, driver):
    sets = datasets.random_sets()
    twins = [ds.shifted() for ds in sets if "integer" in ds.tags and "shifted" not in ds.tags]
    out, _ = run_driver(driver, sets + twins)
    for ds in sets:
        fit = oracle.Fit(ds.y, ds.X, ds.w)
        against_oracle(rep, out, ds.name, "whole", fit, ds)
        if ds.n_groups > 1:
            same_as(rep, "merged parts = whole", view(out, ds.name, "merged"), view(out, ds.name, "whole"), ds.p,
                    condition_number(fit), label=ds.name)
    for tw in twins:
        base = tw.name[:-len("_shift")]
        fit = oracle.Fit(tw.y, tw.X, tw.w)
        same_as(rep, "shifted by 1e6 = unshifted", view(out, tw.name, "whole"), view(out, base, "whole"),
                tw.p, condition_number(fit), skip_means=True, label=tw.name)
        against_oracle(rep, out, tw.name, "whole", fit, tw)
    # the definition itself: LMG as the average over every order of entry
    for ds in sets:
        if ds.p <= 6 and ds.rows >= ds.p + 2 and ds.p >= 2:
            fit = oracle.Fit(ds.y, ds.X, ds.w)
            by_orders, by_subsets = fit.shapley(orders=True), fit.shapley()
            rep.error("oracle: LMG over orders = over subsets",
                      max(abs(a - b) for a, b in zip(by_orders, by_subsets)), 1e-13, ds.name)
    print(f"drivers: {len(sets)} random sets (p 1..32, n up to {max(ds.n for ds in sets)}), "
          f"{len(twins)} shifted twins")


def window_checks(rep, driver):
    sets = datasets.window_sets()
    out, windows = run_driver(driver, sets)
    removals = restarts = 0
    for ds in sets:
        q, L = ds.p + 1, ds.window
        for t, m in windows[ds.name]:
            lo = max(0, t - L + 1)
            fit = oracle.Fit(ds.y[lo:t + 1], ds.X[lo:t + 1], ds.w[lo:t + 1])
            meas = Measure(fit)
            rep.error("window W", Measure.err(m[0], fit.W, fit.W), TOLERANCE["W"], f"{ds.name} at {t}")
            for i in range(q):
                rep.error("window mean", Measure.err(m[1 + i] + m[1 + q + i], fit.mean[i],
                                                     max(abs(fit.mean[i]), meas.sd[i], 1e-300)),
                          TOLERANCE["mean"], f"{ds.name} at {t}")
            pos = 1 + 2 * q
            for i in range(q):
                for j in range(i, q):
                    scale = meas.root[i] * meas.root[j]
                    rep.error("window comoment", Measure.err(m[pos], fit.C[i, j], scale),
                              TOLERANCE["comoment"], f"{ds.name} at {t} C{i}{j}")
                    pos += 1
        slid = out[(ds.name, "window", "slides")]
        removals += int(slid[0])
        restarts += int(slid[1])
        last = oracle.Fit(ds.y[-L:], ds.X[-L:], ds.w[-L:])
        against_oracle(rep, out, ds.name, "window", last, ds)
    rep.ok("window removals accepted", removals > 10 * restarts, f"{removals} removals, {restarts} refused")
    print(f"drivers: windows: {removals} removals accepted, {restarts} refused and recomputed")


def degenerate_checks(rep, driver):
    sets = datasets.degenerate_sets()
    out, _ = run_driver(driver, list(sets.values()))
    V = {name: view(out, name, "whole") for name in sets}
    for name, ds in sets.items():
        fit = oracle.Fit(ds.y, ds.X, ds.w)
        against_oracle(rep, out, name, "whole", fit, ds)
        same_as(rep, "merged parts = whole", view(out, name, "merged"), V[name], ds.p, condition_number(fit),
                label=name)

    def all_null(values, reason):
        return all(nulls_match(v, reason) for v in values)

    def case(name, cond):
        rep.ok(f"degenerate: {name}", bool(cond), name)

    for name in ("no_rows", "zero_weights"):
        v = V[name]
        case(name, v["moments"][0] == 0 and all(x == 0 for x in v["moments"][1:]))
        case(name, all_null(v["corr"], NO_ROWS) and all_null(v["r2"], NO_ROWS))
        case(name, all_null(v["reg"][2:], NO_ROWS))
        p = 3
        for method in ("rw", "shapley"):
            r = v[method]
            case(name, all_null(r[:1 + 3 * p] + r[1 + 4 * p:], NO_ROWS) and r[1 + 3 * p:1 + 4 * p] == [0.0] * p)
        case(name, all_null(v["alpha"], NO_ROWS))

    v, p = V["one_row"], 3
    case("one_row", all_null(v["corr"], CONSTANT) and all_null(v["r2"], OUTCOME_CONSTANT))
    case("one_row", all_null(v["rw"][1:1 + 3 * p], FEW_ROWS))
    case("one_row", v["reg"][3] == sets["one_row"].y[0] and all_null(v["reg"][7:7 + p], ALIASED))
    case("one_row", nulls_match(v["reg"][4], FEW_ROWS) and nulls_match(v["alpha"][0], TOTAL_CONSTANT))
    case("one_row", nulls_match(v["alpha"][1], CONSTANT))

    v, p = V["p_plus_one_rows"], 4
    case("p_plus_one_rows", all_null(v["rw"][1:1 + 3 * p], FEW_ROWS) and all_null(v["shapley"][1:1 + 3 * p], FEW_ROWS))
    case("p_plus_one_rows", abs(v["r2"][0] - 1.0) < 1e-12 and v["reg"][1] == 0.0)
    case("p_plus_one_rows", all_null(v["reg"][7 + p:7 + 4 * p], FEW_ROWS) and nulls_match(v["reg"][2], FEW_ROWS))
    v = V["p_plus_two_rows"]
    case("p_plus_two_rows", not any(isinstance(x, Null) for x in v["shapley"][1:1 + 3 * p]))

    v, p = V["constant_attribute"], 4
    for method in ("rw", "shapley"):
        imp = v[method][1:1 + p]
        case("constant_attribute", imp[1] == 0.0 and v[method][1 + p + 1] == 0.0 and v[method][1 + 3 * p + 1] == 0)
        case("constant_attribute", nulls_match(v[method][1 + 4 * p + 1], CONSTANT))
        case("constant_attribute", abs(sum(imp) - v[method][0]) < 1e-13)
        # the others: the model without the constant attribute
        ds = sets["constant_attribute"]
        without = oracle.Fit(ds.y, ds.X[:, [0, 2, 3]], ds.w)
        want = without.key_drivers(method)["importance"]
        case("constant_attribute", max(abs(a - b) for a, b in zip([imp[0], imp[2], imp[3]], want)) < 1e-12)
    case("constant_attribute", nulls_match(v["reg"][7 + 1], ALIASED) and nulls_match(v["alpha"][1], CONSTANT))
    case("constant_attribute", not isinstance(v["alpha"][0], Null))

    v, p = V["constant_outcome"], 4
    case("constant_outcome", nulls_match(v["r2"][0], OUTCOME_CONSTANT))
    case("constant_outcome", all_null(v["rw"][:1 + 3 * p], OUTCOME_CONSTANT)
         and all_null(v["shapley"][1 + 4 * p:1 + 5 * p], OUTCOME_CONSTANT))
    case("constant_outcome", all_null(v["corr"][:p + 1], CONSTANT))
    case("constant_outcome", all(b == 0.0 for b in v["reg"][7:7 + p]) and v["reg"][3] == 7.0)
    case("constant_outcome", all(s == 0.0 for s in v["reg"][7 + p:7 + 2 * p]) and v["reg"][2] == 0.0)
    case("constant_outcome", all_null(v["reg"][7 + 2 * p:7 + 4 * p], PERFECT_FIT) and all_null(v["reg"][5:7], PERFECT_FIT))

    for name, dependent in (("sum_collinear", 3), ("duplicate_column", 2), ("scaled_copy", 2)):
        v, p = V[name], 4
        case(name, v["reg"][0] == 3 and nulls_match(v["reg"][7 + dependent], ALIASED))
        case(name, all(not isinstance(x, Null) for j, x in enumerate(v["reg"][7:7 + p]) if j != dependent))
        for method in ("rw", "shapley"):
            imp = v[method][1:1 + p]
            case(name, abs(sum(imp) - v[method][0]) < 1e-13 and all(x > 0 for x in imp))
    for name, a, b in (("duplicate_column", 0, 2), ("scaled_copy", 0, 2)):
        for method in ("rw", "shapley"):
            got = V[name][method]
            case(name, abs(got[1 + a] - got[1 + b]) < 1e-12 and got[1 + 3 * 4 + a] == got[1 + 3 * 4 + b])

    v, p = V["all_constant"], 4
    case("all_constant", v["r2"][0] == 0.0 and v["reg"][0] == 0 and all_null(v["reg"][7:7 + p], ALIASED))
    for method in ("rw", "shapley"):
        case("all_constant", all(x == 0.0 for x in v[method][1:1 + p]) and all_null(v[method][1 + p:1 + 3 * p], ZERO_R2))
    case("all_constant", abs(v["reg"][3] - np.mean(sets["all_constant"].y)) < 1e-12 * abs(np.mean(sets["all_constant"].y)))

    v, p = V["perfect_fit"], 4
    case("perfect_fit", abs(v["r2"][0] - 1.0) < 1e-12 and abs(sum(v["shapley"][1:1 + p]) - 1.0) < 1e-12)
    case("perfect_fit", abs(v["reg"][7 + 0] - 2.0) < 1e-12 and abs(v["reg"][7 + 1] + 1.0) < 1e-12
         and abs(v["reg"][7 + 3] - 3.0) < 1e-12 and abs(v["reg"][3] - 1.0) < 1e-9)

    v = V["no_attributes"]
    ds = sets["no_attributes"]
    case("no_attributes", v["r2"][0] == 0.0 and v["rw"] == [0.0] and v["shapley"] == [0.0])
    case("no_attributes", v["alpha"] == ("status", 2) and v["reg"][0] == 0)
    case("no_attributes", abs(v["reg"][4] - np.std(ds.y, ddof=1) / math.sqrt(ds.n)) < 1e-12 * v["reg"][4])

    v = V["single_attribute"]
    r = v["corr"][1]
    for method in ("rw", "shapley"):
        case("single_attribute", abs(v[method][1] - r * r) < 1e-14 and abs(v[method][2] - 100.0) < 1e-12)
    case("single_attribute", v["alpha"] == ("status", 2))

    v = V["alpha_total_constant"]
    case("alpha_total_constant", all_null(v["alpha"][:2], TOTAL_CONSTANT) and v["alpha"][2] == -1.0)

    # scores of about 1e150: nothing overflows, and every scale-free number
    # is the unscaled set's
    v, b = V["large_values"], V["base"]
    case("large_values", not any(isinstance(x, Null) for k in ("corr", "r2", "reg", "rw", "shapley", "alpha")
                                 for x in v[k]))
    scale_free = v["corr"] + v["r2"] + v["rw"][:1 + 5 * 4] + v["shapley"][:1 + 5 * 4] + v["alpha"] + v["reg"][7:]
    reference = b["corr"] + b["r2"] + b["rw"][:1 + 5 * 4] + b["shapley"][:1 + 5 * 4] + b["alpha"] + b["reg"][7:]
    case("large_values", max(abs(x - y) / max(1.0, abs(y)) for x, y in zip(scale_free, reference)) < 1e-12)


def limits_checks(rep, driver):
    text = subprocess.run([driver, "limits"], capture_output=True, text=True, check=True).stdout
    got = {line.split()[1]: line.split()[2] for line in text.splitlines()}
    want = {
        "rw_p33": "1", "rw_p32": "0", "shapley_p17": "1", "shapley_p16": "0", "shapley_no_table": "3",
        "unknown_method": "3", "negative_rows": "3", "negative_p": "3", "regression_p33": "1",
        "correlations_p33": "1", "alpha_p1": "2", "alpha_p0": "2", "alpha_p33": "1",
        "shapley_table_16": "65536", "shapley_table_17": "0", "length_10": "89", "length_32": "628",
        "add_weight_0": "0", "add_weight_negative": "0", "add_weight_nan": "0", "add_weight_inf": "0",
        "add_overflow": "0", "remove_last_row": "0", "remove_cancelling": "0", "remove_ordinary": "1",
        "remove_weight_0": "0", "remove_more_than_total": "0", "remove_with_drift": "1",
        "remove_drift_exhausted": "0", "valid_empty": "1",
        "valid_empty_with_values": "0", "valid_ordinary": "1", "valid_p33": "0", "valid_negative_w": "0",
        "valid_negative_variance": "0", "valid_cauchy_schwarz": "0", "valid_low_part": "0",
        "valid_infinite": "0", "index_symmetric": "1", "index_last": "1",
    }
    want.update({f"status_message_{s}": "1" for s in range(5)})
    want.update({f"null_message_{s}": "1" for s in range(10)})
    for name, value in want.items():
        rep.ok("refusals and limits", got.get(name) == value, f"{name}: {got.get(name)} (want {value})")


# relaimpo 2.2-7, calc.relimp(lm(Fertility ~ ., swiss), type = "lmg") (the
# model of calc.relimp's help-page example and of Groemping 2006, JSS 17(1),
# "Relative importance for linear regression in R: the package relaimpo").
# relaimpo is not installed here; the 13-digit figures are its output as
# quoted in the test suite of a public project ("siamang", its key-driver
# tests), found with the search tool: R^2 0.706735001593 and, Agriculture,
# Examination, Education, Catholic, Infant.Mortality:
SWISS_R2 = 0.706735001593
SWISS_LMG = [0.0570912207681, 0.1711730289002, 0.2601346786244, 0.1055701503735, 0.1127659229265]
# ... and with weights = 1 + (1:47 %% 3): R^2 0.694332891423, lmg:
SWISS_WEIGHTED_R2 = 0.694332891423
SWISS_WEIGHTED_LMG = [0.0518208063017, 0.1549452302086, 0.2559770835712, 0.1019573530969, 0.1296324182449]
# Johnson's relative weights on the same model as the Python package
# relativeImp 0.0.2 gives them (quoted in the same place):
SWISS_RW = [0.048416895812, 0.154708249806, 0.271964104646, 0.114680029948, 0.116965721381]


def swiss_checks(rep, driver):
    data = datasets.swiss()
    if data is None:
        rep.skip("swiss", "Rscript is not installed (test/install-deps --tests)")
        return
    y, X = data
    n = len(y)
    w = datasets.swiss_weights(n)
    plain = datasets.DataSet("swiss", y, X, None, np.arange(n) % 4, 4)
    weighted = datasets.DataSet("swiss_w", y, X, w, np.arange(n) % 4, 4)
    out, _ = run_driver(driver, [plain, weighted])
    p = 5
    for sid, r2, lmg in (("swiss", SWISS_R2, SWISS_LMG), ("swiss_w", SWISS_WEIGHTED_R2, SWISS_WEIGHTED_LMG)):
        for v in ("whole", "merged"):
            got = out[(sid, v, "shapley")]
            rep.error("swiss: relaimpo lmg", max(abs(a - b) for a, b in zip(got[1:1 + p], lmg)), 6e-13, f"{sid} {v}")
            rep.error("swiss: relaimpo R^2", abs(got[0] - r2), 6e-13, f"{sid} {v}")
    got = out[("swiss", "whole", "rw")]
    rep.error("swiss: relativeImp weights", max(abs(a - b) for a, b in zip(got[1:1 + p], SWISS_RW)), 6e-13, "swiss")

    ref = datasets.r_reference(y, X, w)
    if "alpha" in ref:
        got = out[("swiss", "whole", "alpha")]
        rep.error("swiss: psych::alpha raw and standardized",
                  max(abs(got[0] - ref["alpha"][0]), abs(got[1] - ref["alpha"][1])), 1e-14, "swiss")
    else:
        rep.skip("swiss: psych::alpha", "R's psych package is not installed")
    corr = out[("swiss_w", "whole", "corr")]
    rep.error("swiss: R cov.wt(cor = TRUE), weighted",
              float(np.max(np.abs(np.array(corr).reshape(6, 6) - ref["cor"]))), 1e-14, "swiss_w")
    for sid, table, (r2, sigma) in zip(("swiss", "swiss_w"), ref["lm"], ref["r2"]):
        reg = out[(sid, "whole", "reg")]
        est, se, t, pv = (table[6 * k:6 * (k + 1)] for k in range(4))
        got_est = [reg[3]] + reg[7:7 + p]
        got_se = [reg[4]] + reg[7 + p:7 + 2 * p]
        got_t = [reg[5]] + reg[7 + 2 * p:7 + 3 * p]
        got_p = [reg[6]] + reg[7 + 3 * p:7 + 4 * p]
        rel = lambda a, b: max(abs(x - y) / abs(y) for x, y in zip(a, b))  # noqa: E731
        rep.error("swiss: R lm() coefficients", rel(got_est, est), 1e-12, sid)
        rep.error("swiss: R lm() standard errors", rel(got_se, se), 1e-12, sid)
        rep.error("swiss: R lm() t", rel(got_t, t), 1e-12, sid)
        rep.error("swiss: R lm() p", rel(got_p, pv), 1e-10, sid)
        rep.error("swiss: R lm() R^2, sigma", max(abs(out[(sid, "whole", "r2")][0] - r2) / r2, abs(reg[2] - sigma) / sigma),
                  1e-13, sid)


def main():
    driver = sys.argv[1]
    rep = Report()
    limits_checks(rep, driver)
    degenerate_checks(rep, driver)
    swiss_checks(rep, driver)
    window_checks(rep, driver)
    random_checks(rep, driver)
    sys.exit(rep.print())


if __name__ == "__main__":
    main()
