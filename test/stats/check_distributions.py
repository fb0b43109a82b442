"""csm's normal, Student-t and beta functions (src/distributions.c) vs scipy.

scipy's t.ppf is polished by Newton steps on scipy's t.cdf (see
polished_t_ppf); within 1e-6 of p = 1/2 even that itself is only good to about 1e-7, so
there the reference is the exact linear term (p - 1/2) / f(0) (the next
term is smaller by a factor t^2 < 1e-11).

The beta quantile is checked where the Korn-Graubard interval of a
weighted share (docs/metrics.md §8.4) takes it, qbeta(alpha/2, n p,
n (1 - p) + 1) and qbeta(1 - alpha/2, n p + 1, n (1 - p)) for effective
sizes n from 1 to 1e10 and shares p from 1e-6 to 1 - 1e-6, and on general
shapes from 0.01 to 1e7; scipy's beta.ppf is Boost's ibeta_inv, which
agrees with R's qbeta.

Reads the path of the compiled test/stats/quantiles.c driver; checks a grid
and random points over the range csm uses (confidence levels from 0.5 to
1 - 1e-12, df from 1 to 1e9) and asserts relative error <= 1e-9.
"""
import math
import random
import subprocess
import sys

from scipy import stats

driver = sys.argv[1]


def polished_t_ppf(p, df):
    """scipy's t.ppf is good to about 1e-8 only; Newton steps on scipy's
    t.cdf / t.sf (accurate to about 1e-15) make a reference good to 1e-14."""
    t = stats.t.ppf(p, df)
    for _ in range(3):
        err = stats.t.cdf(t, df) - p if p < 0.5 else (1 - p) - stats.t.sf(t, df)
        t -= err / stats.t.pdf(t, df)
    return t


rng = random.Random(7)
cases = []
ps = [0.55, 0.6, 0.75, 0.8, 0.9, 0.95, 0.975, 0.99, 0.995, 0.999, 0.9995,
      1 - 1e-6, 1 - 1e-9, 1 - 1e-12, 0.025, 0.05, 0.1, 1e-6]
dfs = [1, 2, 3, 4, 5, 7, 10, 15, 29, 30, 50, 99, 100, 499, 1000, 9999, 1e5, 1e5 + 1, 1e6, 1e7, 1e9]
for p in ps:
    cases.append(("normal_ppf", p, 0))
    for df in dfs:
        cases.append(("t_ppf", p, df))
for df in dfs:
    for u in (1e-9, 1e-7, 3e-7):
        cases.append(("t_ppf_center", 0.5 + u, df))
for _ in range(3000):
    p = 1 - 10 ** rng.uniform(-12, -0.7)
    df = rng.choice([float(rng.randint(1, 200)), 10 ** rng.uniform(0, 9)])
    cases.append(("t_ppf", p, df))
    cases.append(("normal_ppf", p, 0))
    t = rng.uniform(-40, 40) if rng.random() < 0.5 else rng.uniform(-4, 4)
    cases.append(("t_cdf", t, df))
    cases.append(("normal_cdf", rng.uniform(-8, 8), 0))

beta_cases = []
for _ in range(3000):
    n = 10 ** rng.uniform(0, 10)
    share = rng.choice([1e-6, 1e-4, 0.01, 0.5, 0.99, 1 - 1e-6, rng.random()])
    alpha = 1 - rng.choice([0.5, 0.8, 0.9, 0.95, 0.99, 0.999])
    beta_cases.append(("beta_ppf", alpha / 2, n * share, n * (1 - share) + 1))
    beta_cases.append(("beta_ppf", 1 - alpha / 2, n * share + 1, n * (1 - share)))
    a, b = 10 ** rng.uniform(-2, 7), 10 ** rng.uniform(-2, 7)
    beta_cases.append(("beta_ppf", rng.choice([rng.random(), 10 ** rng.uniform(-12, -1)]), a, b))

lines = [f"{k.replace('_center', '')} {x!r} {d!r}" for k, x, d in cases] + \
        [f"{k} {x!r} {a!r} {b!r}" for k, x, a, b in beta_cases]
out = subprocess.run([driver], input="\n".join(lines) + "\n",
                     capture_output=True, text=True, check=True).stdout.split()
worst = {}
for (kind, x, a, b), got in zip(beta_cases, out[len(cases):]):
    got = float(got)
    want = stats.beta.ppf(x, a, b)
    err = abs(got - want) / max(abs(want), 1e-300)
    if err > worst.get(kind, (0,))[0]:
        worst[kind] = (err, x, (a, b), got, want)
for (kind, x, df), got in zip(cases, out[:len(cases)]):
    got = float(got)
    if kind == "normal_ppf":
        want = stats.norm.ppf(x)
    elif kind == "normal_cdf":
        want = stats.norm.cdf(x)
    elif kind == "t_ppf":
        want = polished_t_ppf(x, df)
    elif kind == "t_ppf_center":
        f0 = math.exp(math.lgamma((df + 1) / 2) - math.lgamma(df / 2)) / math.sqrt(df * math.pi) \
            if df < 1e6 else 1 / math.sqrt(2 * math.pi) * math.exp(-1 / (4 * df))
        want = (x - 0.5) / f0
    else:
        want = stats.t.cdf(x, df)
    err = abs(got - want) / max(abs(want), 1e-300)
    if kind == "t_cdf" and want < 1e-300:
        err = abs(got - want)
    if err > worst.get(kind, (0,))[0]:
        worst[kind] = (err, x, df, got, want)

failed = False
for kind, (err, x, df, got, want) in sorted(worst.items()):
    ok = err <= 1e-9
    failed |= not ok
    points = sum(c[0] == kind for c in cases) + sum(c[0] == kind for c in beta_cases)
    print(f"stats: {kind}: worst relative error {err:.2e} over {points} points"
          + ("" if ok else f"  FAIL at x={x!r} df={df!r}: got {got!r}, scipy {want!r}"))
sys.exit(1 if failed else 0)
