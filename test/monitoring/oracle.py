"""An independent oracle for src/monitoring_model.c, written from the
definitions, with numpy and scipy (run it with /usr/bin/python3).

It never sees csm's intermediate quantities: every period is given by its raw
data (answer counts or weight sums for NPS and shares, a mean and a sample
variance for means) and everything is derived here from those.

- Pooled centre: the metric over all the baseline's answers at once (the
  shares of the summed counts), which is what a baseline over rolled-up
  summaries must equal.
- Per-answer variance: NPS the trinomial 10^4 (p_P + p_D - (p_P - p_D)^2) at
  the pooled shares; shares the binomial 10^4 p (1 - p); means the pooled
  within-period variance sum (n_t - 1) s_t^2 / sum (n_t - 1) (Montgomery,
  x-bar chart with variable sample size).
- Laney (2002): z_t = (x_t - centre) / sqrt(V / n_t) over the baseline
  periods with answers, in order; sigma_z = mean |z_t - z_{t-1}| / 1.128.
- Shewhart limits centre +- L sqrt(V / n_t) (times sigma_z for Laney),
  clipped to the metric's range; signal when the value is beyond the
  unclipped limits, strictly.
- EWMA (Roberts 1959; Lucas & Saccucci 1990): w_t = lam z_t + (1 - lam)
  w_{t-1}, w_0 = 0, limits +- L sqrt(lam / (2 - lam) (1 - (1 - lam)^(2t))).
- CUSUM (Page 1954): C+ = max(0, C+ + z - k), C- = max(0, C- - z - k),
  signal above h.
- Anhoej's rules, as qicharts2's runs.analysis() computes them: signs of the
  points off the centre, run lengths by grouping, crossings = runs - 1,
  longest-run limit round(log2(n)) + 3, crossings limit
  qbinom(0.05, n - 1, 0.5); Western Electric rule 1: |z| > 3.
"""
import itertools
import math

import numpy as np
from scipy import stats

RANGE = {"nps": (-100.0, 100.0), "share": (0.0, 100.0)}


class Period:
    """One period's raw data.

    nps:   detractors, passives, promoters (counts or weight sums), n (effective)
    share: hits, total, n
    mean:  sum of the ratings (weighted), total (count or weight sum),
           sample variance, n
    """

    def __init__(self, kind, *data):
        self.kind = kind
        self.data = data

    @property
    def n(self):
        return self.data[-1]

    @property
    def total(self):
        if self.kind == "nps":
            return math.fsum(self.data[:3])
        return self.data[1]

    @property
    def empty(self):
        return not (self.n > 0 and self.total > 0)

    @property
    def value(self):
        if self.kind == "nps":
            d, _, p, _ = self.data
            return 100.0 * (p - d) / self.total
        if self.kind == "share":
            return 100.0 * self.data[0] / self.data[1]
        return self.data[0] / self.data[1]

    def driver_args(self):
        return f"{self.kind} " + " ".join(repr(float(x)) for x in self.data)


def baseline(periods, kind):
    """centre, variance, sigma_z, periods, empty periods, total n."""
    used = [p for p in periods if not p.empty]
    empty = len(periods) - len(used)
    nan = float("nan")
    if not used:
        return None
    if kind == "nps":
        d = math.fsum(p.data[0] for p in used)
        pa = math.fsum(p.data[1] for p in used)
        pr = math.fsum(p.data[2] for p in used)
        w = d + pa + pr
        pp, pd = pr / w, d / w
        centre = 100.0 * (pr - d) / w          # nps() of the summed counts
        variance = 1e4 * (pp + pd - (pp - pd) ** 2)
    elif kind == "share":
        hits = math.fsum(p.data[0] for p in used)
        total = math.fsum(p.data[1] for p in used)
        share = hits / total
        centre = 100.0 * hits / total
        variance = 1e4 * share * (1.0 - share)
    else:
        centre = math.fsum(p.data[0] for p in used) / math.fsum(p.data[1] for p in used)
        df = math.fsum(p.n - 1.0 for p in used if p.n > 1.0)
        variance = (math.fsum((p.n - 1.0) * p.data[2] for p in used if p.n > 1.0) / df
                    if df > 0 else nan)
    sigma_z = nan
    if len(used) >= 2 and variance > 0 and math.isfinite(variance):
        z = np.array([(p.value - centre) / math.sqrt(variance / p.n) for p in used])
        sigma_z = float(np.mean(np.abs(np.diff(z)))) / 1.128
    return dict(centre=centre, variance=variance, sigma_z=sigma_z, periods=len(used),
                empty=empty, n=math.fsum(p.n for p in used))


def chart(base, kind, periods, sigmas, laney, lam, k, h, scale=None):
    """Per period: the limits, z, EWMA, CUSUM and run-rule results."""
    lo, hi = RANGE.get(kind, scale or (-math.inf, math.inf))
    out = []
    w, t = 0.0, 0
    cp = cm = 0.0
    zs = []                       # z of every period with one, in order
    beyond = 0
    for p in periods:
        row = dict(centre=base["centre"], has_limits=0, signal="none", has_z=0)
        se = None
        if not p.empty and not math.isnan(base["variance"]):
            se = math.sqrt(base["variance"] / p.n)
            if laney:
                se = None if math.isnan(base["sigma_z"]) else se * base["sigma_z"]
        if se is not None:
            d = p.value - base["centre"]
            z = d / se if se > 0 else (0.0 if d == 0 else math.copysign(math.inf, d))
            row.update(has_limits=1, has_z=1, z=z,
                       lower=max(base["centre"] - sigmas * se, lo),
                       upper=min(base["centre"] + sigmas * se, hi),
                       signal="above" if z > sigmas else "below" if z < -sigmas else "none")
            # EWMA
            t += 1
            w = z if lam == 1.0 else lam * z + (1.0 - lam) * w
            # CUSUM
            cp = max(0.0, cp + z - k)
            cm = max(0.0, cm - z - k)
            zs.append(z)
            beyond += abs(z) > 3
        row["ewma_has"] = int(t > 0)
        if t > 0:
            half = sigmas * math.sqrt(lam / (2 - lam) * (1 - (1 - lam) ** (2 * t)))
            row.update(ewma=w, ewma_lower=-half, ewma_upper=half,
                       ewma_signal="none" if se is None else
                       "above" if w > half else "below" if w < -half else "none")
            row.update(upper_sum=cp, lower_sum=cm,
                       cusum_signal="none" if se is None else
                       "above" if cp > h and (cm <= h or cp >= cm) else
                       "below" if cm > h else "none")
        else:
            row.update(ewma_signal="none", cusum_signal="none")
        row["cusum_has"] = int(t > 0)
        row.update(anhoej(zs))
        row["beyond"] = int(se is not None and abs(row["z"]) > 3)
        row["beyond_count"] = beyond
        out.append(row)
    return out


def anhoej(zs):
    """qicharts2's runs analysis of the z-scores so far."""
    signs = [1 if z > 0 else -1 for z in zs if z != 0]
    n = len(signs)
    if n == 0:
        return dict(runs_has=0, useful=0, longest=0, crossings=0, runs_signal=0)
    runs = [len(list(g)) for _, g in itertools.groupby(signs)]
    longest = max(runs)
    crossings = len(runs) - 1
    longest_max = round(math.log2(n)) + 3        # round(): half to even, as R
    crossings_min = int(stats.binom.ppf(0.05, n - 1, 0.5))
    return dict(runs_has=1, useful=n, longest=longest, crossings=crossings,
                longest_max=longest_max, crossings_min=crossings_min,
                runs_signal=int(longest > longest_max or crossings < crossings_min))
