"""csm's run lengths and binomial functions against R and published tables.

Reads the path of the compiled test/monitoring/monitor_driver.c; needs
Rscript with the spc package (r-cran-spc).

1. R's spc (Knoth; Nystroem method with Gauss-Legendre quadrature, an
   independent method): xewma.arl(l, c, mu, sided = "two") for csm's
   asymptotic limits, with limits = "vacl" for its exact time-varying ones,
   and xcusum.arl(k, h, mu, sided = "two"), on a grid; r = 100 quadrature
   nodes (200 below lambda = 0.05, where spc's default of 40 is off by 5%).
   Relative tolerance 3e-4.  Only run lengths below 10^6: above that spc's
   own solve loses digits (for k = 1.5, h = 15 it gives 2.4e15 where the
   run length is about 1e20), while csm's GTH elimination does not.
2. Published tables, to within one unit of their last printed digit:
   - CUSUM, k = 1/2: h = 4 from Lucas & Crosier (1982) Table 1 and h = 5
     from Montgomery's Introduction to Statistical Quality Control (6th
     ed.) Table 9.3 (after Hawkins 1993);
   - EWMA: Montgomery's Table 9.11 (after Lucas & Saccucci 1990) for
     lambda = 0.40, 0.25, 0.20, 0.10, 0.05; Lucas & Saccucci's Table 3 for
     lambda = 0.5 and 0.03; Crowder (1987) Table 1; Waldmann (1986) Tables
     1 and 6 (these quoted in spc's help pages, xewma.arl and xcusum.arl).
   The published tables use the asymptotic limits; for each point the
   exact-limit run length is printed beside it.
3. csm's own running charts (monitor_ewma_step / monitor_cusum_step, as the
   window aggregates use them), simulated in the driver on z ~ N(shift, 1):
   the mean run length within 4 standard errors of the computed ARL.
4. Timing: the slowest ARL's CPU time is printed, for information (the
   50 ms goal is test/bench/monitoring.sh's, not a test's).
5. The binomial CDF and quantile against R's pbinom and qbinom (the
   function qicharts2 takes the crossings limit from), n up to 10^9.
"""
import math
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
import csmtest  # noqa: E402
sys.path.insert(0, HERE)
from tables import PUBLISHED, unit  # noqa: E402

driver = sys.argv[1]
checks = csmtest.Checks("monitoring")
worst = {}


def run_driver(lines):
    out = subprocess.run([driver], input="\n".join(lines) + "\n", capture_output=True,
                         text=True, check=True).stdout.split("\n")
    rows = []
    for line in out:
        if line:
            row = {}
            for token in line.split():
                key, value = token.split("=", 1)
                try:
                    row[key] = float(value)
                except ValueError:
                    row[key] = value
            rows.append(row)
    return rows


def run_r(expressions):
    """Evaluates R expressions (with spc loaded), one number each."""
    with tempfile.NamedTemporaryFile("w", suffix=".R") as script:
        script.write("suppressMessages(library(spc))\n")
        for e in expressions:
            script.write(f"cat(sprintf('%.15g\\n', {e}))\n")
        script.flush()
        out = subprocess.run(["Rscript", script.name], capture_output=True, text=True,
                             check=True)
    return [float(x) for x in out.stdout.split()]


def relative(got, want):
    return abs(got - want) / abs(want)


def record_worst(name, err, what):
    if err > worst.get(name, (-1.0, ""))[0]:
        worst[name] = (err, what)


times = {}


def timed(kind, row):
    times[kind] = max(times.get(kind, 0.0), row["micros"])
    return row["arl"]


# ----------------------------------------------------------------------
# 1. R's spc on a grid
# ----------------------------------------------------------------------

def spc_grid():
    ewma = [(lam, c, mu) for lam in (0.01, 0.03, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0)
            for c in (2.5, 3.0) for mu in (0.0, 0.5, 1.0, 2.0)]
    cusum = [(k, h, mu) for k in (0.0, 0.25, 0.5, 1.0) for h in (1.0, 2.0, 4.0, 5.0, 8.0)
             for mu in (0.0, 0.5, 1.0, 2.0)]
    # h above 10 takes twice the states
    cusum += [(k, h, mu) for k in (0.0, 0.1, 0.25) for h in (15.0, 20.0) for mu in (0.0, 0.5, 1.0)]
    expr = []
    for lam, c, mu in ewma:
        r = 200 if lam < 0.05 else 100
        expr.append(f'xewma.arl({lam}, {c}, {mu}, sided="two", r={r})')
        if lam < 1:
            expr.append(f'xewma.arl({lam}, {c}, {mu}, sided="two", limits="vacl", r={r})')
    for k, h, mu in cusum:
        expr.append(f'xcusum.arl({k}, {h}, {mu}, sided="two", r={100 if h < 10 else 300})')
    ref = iter(run_r(expr))
    lines = []
    for lam, c, mu in ewma:
        lines.append(f"ewma_arl {lam} {c} {mu} 0")
        if lam < 1:
            lines.append(f"ewma_arl {lam} {c} {mu} 1")
    lines += [f"cusum_arl {k} {h} {mu}" for k, h, mu in cusum]
    rows = iter(run_driver(lines))
    for lam, c, mu in ewma:
        for exact in ((False, True) if lam < 1 else (False,)):
            want = next(ref)
            row = next(rows)
            got = timed("ewma exact" if exact else "ewma", row)
            if want >= 1e6:
                continue
            name = "ewma ARL vs spc " + ("(vacl, exact limits)" if exact else "(asymptotic)")
            what = f"lambda {lam} L {c} shift {mu}: csm {got:.6g} spc {want:.6g}"
            record_worst(name, relative(got, want), what)
            checks._record(name, relative(got, want) <= 3e-4, what, want)
    for k, h, mu in cusum:
        want = next(ref)
        got = timed("cusum", next(rows))
        if want >= 1e6:
            continue
        what = f"k {k} h {h} shift {mu}: csm {got:.6g} spc {want:.6g}"
        record_worst("cusum ARL vs spc", relative(got, want), what)
        checks._record("cusum ARL vs spc", relative(got, want) <= 3e-4, what, want)


# ----------------------------------------------------------------------
# 2. Published tables
# ----------------------------------------------------------------------

def published():
    lines, keys = [], []
    for source, chart, (a, b), table in PUBLISHED:
        for shift, printed in table.items():
            if chart == "cusum":
                lines.append(f"cusum_arl {a} {b} {shift}")
            else:
                lines.append(f"ewma_arl {a} {b!r} {shift} 0")
                lines.append(f"ewma_arl {a} {b!r} {shift} 1")
            keys.append((source, chart, a, b, shift, printed))
    rows = iter(run_driver(lines))
    print("published ARL tables (asymptotic limits), csm, and csm with its exact limits:")
    print(f"  {'source':32} {'chart':24} {'shift':>6} {'published':>9} {'csm':>10} "
          f"{'exact':>10} {'exact/asym':>10}")
    for source, chart, a, b, shift, printed in keys:
        if chart == "cusum":
            got = timed("cusum", next(rows))
            exact = got
            label = f"CUSUM k={a} h={b}"
        else:
            got = timed("ewma", next(rows))
            exact = timed("ewma exact", next(rows))
            label = f"EWMA lambda={a} L={b:.4g}"
        want = float(printed)
        ok = abs(got - want) <= unit(printed) * (1 + 1e-9)
        what = f"{source}, {label}, shift {shift}: published {printed}, csm {got:.6g}"
        checks._record("published ARL tables", ok, what, printed)
        record_worst("published ARL tables", relative(got, want), what)
        ratio = exact / got
        print(f"  {source:32} {label:24} {shift:>6} {printed:>9} {got:>10.4f} {exact:>10.4f} "
              f"{ratio:>10.4f}")


# ----------------------------------------------------------------------
# 3. csm's own charts simulated
# ----------------------------------------------------------------------

def simulated():
    cases = [("ewma", 0.2, 3.0, 1.0, 100000), ("ewma", 0.1, 2.814, 0.5, 40000),
             ("ewma", 0.5, 3.071, 0.0, 20000), ("ewma", 0.05, 2.615, 0.0, 20000),
             ("cusum", 0.5, 4.0, 0.0, 20000), ("cusum", 0.5, 5.0, 1.0, 100000),
             ("cusum", 0.25, 8.0, 0.5, 50000)]
    lines = []
    for i, (chart, a, b, shift, runs) in enumerate(cases):
        lines.append(f"simulate {chart} {a} {b} {shift} {runs} {i + 1}")
        lines.append(f"ewma_arl {a} {b} {shift} 1" if chart == "ewma"
                     else f"cusum_arl {a} {b} {shift}")
    rows = run_driver(lines)
    for i, (chart, a, b, shift, runs) in enumerate(cases):
        sim, arl = rows[2 * i], rows[2 * i + 1]["arl"]
        sigmas = abs(sim["mean"] - arl) / sim["se"]
        what = (f"{chart} {a} {b} shift {shift}: simulated {sim['mean']:.4g} ± {sim['se']:.2g} "
                f"({runs} runs), ARL {arl:.6g}, {sigmas:.1f} SE")
        print("  " + what)
        checks._record("ARL vs csm's own chart simulated", sigmas <= 4.0, what, arl)


# ----------------------------------------------------------------------
# 5. Binomial functions against R
# ----------------------------------------------------------------------

def binomial():
    r = random.Random(11)
    cases = []
    for _ in range(400):
        n = r.choice([r.randint(1, 100), r.randint(100, 10000), int(10 ** r.uniform(4, 9))])
        p = r.choice([0.5, r.random(), r.uniform(1e-5, 1e-2)])
        k = min(n, max(0, int(n * p + r.gauss(0, 2.5) * math.sqrt(n * p * (1 - p) + 1))))
        q = r.choice([0.05, r.random(), 1e-6, 0.999])
        cases.append((k, n, p, q))
    expr = []
    for k, n, p, q in cases:
        expr.append(f"pbinom({k}, {n}, {p!r})")
        expr.append(f"qbinom({q!r}, {n}, {p!r})")
    ref = iter(run_r(expr))
    lines = []
    for k, n, p, q in cases:
        lines.append(f"binom_cdf {k} {n} {p!r}")
        lines.append(f"binom_q {q!r} {n} {p!r}")
    rows = iter(run_driver(lines))
    for k, n, p, q in cases:
        want_cdf, want_q = next(ref), next(ref)
        got_cdf, got_q = next(rows)["value"], next(rows)["value"]
        if want_cdf > 1e-300:
            err = relative(got_cdf, want_cdf)
            record_worst("binomial cdf vs R pbinom", err, f"{k} {n} {p}")
            checks._record("binomial cdf vs R pbinom", err <= 1e-9, (k, n, p, got_cdf),
                           want_cdf)
        checks._record("binomial quantile vs R qbinom", got_q == want_q, (q, n, p, got_q), want_q)


spc_grid()
published()
print("csm's running charts, simulated:")
simulated()
binomial()
status = checks.report("agree")
print("slowest ARL (CPU time): " + ", ".join(f"{k} {v / 1000:.1f} ms" for k, v in
                                             sorted(times.items())))
print("worst relative errors:")
for name in sorted(worst):
    err, what = worst[name]
    print(f"  {name}: {err:.2e} ({what})")
sys.exit(status)
