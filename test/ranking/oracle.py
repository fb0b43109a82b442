"""An independent implementation of csm's fair-ranking maths
(src/ranking_groups.c, ranking_overdispersion.c, ranking_fit.c and
ranking_posterior.c), written from the formulas with numpy and scipy, for
check_model.py.  It shares no code and no algorithm with the C side: the
likelihoods are summed over the raw groups (not over counts of counts), the
MLEs come from scipy.optimize, quantiles from numpy and scipy.stats, and
the NPS interval is checked against exact quantiles (a numerical integral)
and a Monte Carlo sample.

Scales: proportions on 0..1 and NPS on -1..1 inside; the results that the
C side returns in the metric's units (target, variance, posteriors,
funnels) are converted at the end, as it does.

Sources: Minka (2000) for the Dirichlet-multinomial likelihood; BDA3 §5.1
and ebbr for the method of moments; DerSimonian & Laird (1986); Efron &
Morris (1975, 1977); Spiegelhalter (2005) for the funnel's Winsorized phi
and tau^2 (the z-scores beyond their 10th and 90th percentiles set to
those percentiles, R's default quantile).
"""
import math
import warnings

import numpy as np
from scipy import integrate, optimize, special, stats

FULL = "full"   # the prior's marker for full pooling


def dm_loglik(alpha, counts):
    """sum_i log DM(c_i | alpha) without the multinomial coefficients."""
    alpha = np.asarray(alpha, float)
    counts = np.asarray(counts, float)
    n = counts.sum(axis=1)
    a0 = alpha.sum()
    return float(np.sum(special.gammaln(a0) - special.gammaln(n + a0))
                 + np.sum(special.gammaln(counts + alpha) - special.gammaln(alpha)))


def bb_loglik(a, b, y, n):
    """The beta-binomial's: sum_i lbeta(y + a, n - y + b) - lbeta(a, b)."""
    y = np.asarray(y, float)
    n = np.asarray(n, float)
    return float(np.sum(special.betaln(y + a, n - y + b) - special.betaln(a, b)))


def pooled(counts):
    counts = np.asarray(counts, float)
    return counts.sum(axis=0) / counts.sum()


def dm_mle(counts):
    """Maximum marginal likelihood of a Dirichlet-multinomial.

    Returns (alpha, full): full pooling when no finite alpha0 beats the limit
    alpha0 -> infinity (the multinomial at the pooled proportions), found by
    maximising over log alpha with scipy from several starts.  Categories
    no group has get alpha 0.  With two categories the likelihood is
    evaluated in its beta-binomial form (betaln), as VGAM and ebbr do."""
    counts = np.asarray(counts, float)
    counts = counts[counts.sum(axis=1) > 0]
    m = pooled(counts)
    active = m > 0
    c = counts[:, active]
    k = c.shape[1]
    limit = float(np.sum(c.sum(axis=0) * np.log(m[active])))
    alpha = np.zeros(counts.shape[1])
    if k < 2:
        return alpha, True
    if k == 2:
        def nll(u):
            a = np.exp(u)
            return -bb_loglik(a[0], a[1], c[:, 0], c.sum(axis=1))
    else:
        def nll(u):
            return -dm_loglik(np.exp(u), c)

    def grad(u):
        a = np.exp(u)
        n = c.sum(axis=1)
        g = (np.sum(special.digamma(a.sum()) - special.digamma(n + a.sum()))
             + np.sum(special.digamma(c + a) - special.digamma(a), axis=0))
        return -g * a

    best = None
    for s0 in (0.1, 1.0, 10.0, 100.0, 1e3, 1e4, 1e5):
        u0 = np.log(s0 * m[active])
        # BFGS's line search may try an alpha so large that gammaln's
        # differences become inf - inf; it backs off from the NaN, so numpy's
        # warning about it is noise.
        with np.errstate(invalid="ignore", over="ignore"):
            r = optimize.minimize(nll, u0, jac=grad, method="BFGS",
                                  options={"gtol": 1e-11, "maxiter": 2000})
        # beyond alpha0 = 1e10 gammaln's differences are rounding noise: that is the boundary
        if not np.all(np.isfinite(r.x)) or np.exp(r.x).sum() > 1e10:
            continue
        if best is None or r.fun < best.fun:
            best = r
    if best is None:
        return alpha, True
    u = best.x
    # a few Newton steps with the exact Hessian (Minka's diagonal plus constant)
    for _ in range(30):
        a = np.exp(u)
        if a.sum() > 1e10:
            break
        n = c.sum(axis=1)
        g = (np.sum(special.digamma(a.sum()) - special.digamma(n + a.sum()))
             + np.sum(special.digamma(c + a) - special.digamma(a), axis=0))
        q = np.sum(special.polygamma(1, c + a) - special.polygamma(1, a), axis=0)
        z = np.sum(special.polygamma(1, a.sum()) - special.polygamma(1, n + a.sum()))
        h = np.diag(q) + z
        hu = a[:, None] * a[None, :] * h + np.diag(a * g)
        try:
            step = np.linalg.solve(hu, -a * g)
        except np.linalg.LinAlgError:
            break
        step = np.clip(step, -2, 2)
        if -nll(u + step) >= -nll(u) - 1e-12 * abs(nll(u)):
            u = u + step
            if np.max(np.abs(step)) < 1e-12:
                break
        else:
            break
    a = np.exp(u)
    if a.sum() > 1e9 or -nll(u) <= limit + 1e-9 * (1 + abs(limit)):
        return alpha, True
    alpha[active] = a
    return alpha, False


def dm_moments(counts):
    """BDA3 §5.1 / ebbr "mm": alpha0 = sum m(1-m) / sum v - 1 from the
    unweighted mean m and sample variance v (ddof 1) of the groups'
    proportions; full pooling when sum v <= sum m(1-m) mean(1/n) or G < 2."""
    counts = np.asarray(counts, float)
    counts = counts[counts.sum(axis=1) > 0]
    n = counts.sum(axis=1)
    p = counts / n[:, None]
    m = p.mean(axis=0)
    if len(counts) < 2:
        return None, m
    v = p.var(axis=0, ddof=1)
    spread = np.sum(m * (1 - m))
    if not v.sum() > spread * np.mean(1 / n):
        return None, m
    a0 = max(spread / v.sum() - 1, 0.0)
    return m * a0, m


def winsorized_phi(z, n, variance):
    """Spiegelhalter's phi (z Winsorized at R's 10% and 90% quantiles) and
    tau^2 = (G phi - (G - 1)) / (sum w - sum w^2 / sum w), w = n / V."""
    z = np.asarray(z, float)
    n = np.asarray(n, float)
    g = len(z)
    if not variance > 0:
        return 0.0, 0.0
    lo, hi = np.quantile(z, [0.1, 0.9])
    phi = float(np.mean(np.clip(z, lo, hi) ** 2))
    w = n / variance
    den = w.sum() - (w ** 2).sum() / w.sum()
    tau2 = (g * phi - (g - 1)) / den if g * phi > g - 1 and den > 0 else 0.0
    return phi, tau2


def counts_prior(counts, method, nps):
    """The prior of csm's nps_prior / share_prior, as a dict in csm's units."""
    counts = np.asarray(counts, float)
    groups = counts[counts.sum(axis=1) > 0]
    m = pooled(groups)
    n = groups.sum(axis=1)
    if nps:
        theta = m[0] - m[2]
        variance = max(m[0] + m[2] - theta ** 2, 0.0)
        x = (groups[:, 0] - groups[:, 2]) / n
    else:
        theta = m[0]
        variance = max(theta * (1 - theta), 0.0)
        x = groups[:, 0] / n
    z = (x - theta) * np.sqrt(n / variance) if variance > 0 else np.zeros(len(n))
    phi, tau2 = winsorized_phi(z, n, variance)
    out = {"pooled": m, "target": 100 * theta, "variance": 1e4 * variance, "phi": phi,
           "funnel_tau2": 1e4 * tau2, "groups": len(groups), "n_total": n.sum()}
    if method == "mle":
        alpha, full = dm_mle(groups)
        mean = alpha / alpha.sum() if not full and alpha.sum() > 0 else m
    else:
        alpha, mean = dm_moments(groups)
        full = alpha is None or np.count_nonzero(m) < 2
        if full:
            mean = m
    out["full"] = full
    if full:
        out["alpha"] = np.where(m > 0, np.inf, 0.0)
        out["alpha0"] = np.inf
        out["rho"] = 0.0
        out["prior_mean"] = m
    else:
        out["alpha"] = alpha
        out["alpha0"] = alpha.sum()
        out["rho"] = 1 / (1 + alpha.sum())
        out["prior_mean"] = mean
    return out


def normal_prior(groups, method):
    """groups: rows (n, mean, variance per answer with divisor n).  The
    sampling variance of a mean is V / n, V the variance of all answers
    about the pooled mean (divisor N)."""
    g = np.asarray(groups, float)
    g = g[g[:, 0] > 0]
    n, y, var = g[:, 0], g[:, 1], g[:, 2]
    big_n = n.sum()
    theta = np.sum(n * y) / big_n
    v = (np.sum(n * var) + np.sum(n * (y - theta) ** 2)) / big_n
    k = len(n)
    z = (y - theta) * np.sqrt(n / v) if v > 0 else np.zeros(k)
    phi, ftau2 = winsorized_phi(z, n, v)
    out = {"target": theta, "variance": v, "phi": phi, "funnel_tau2": ftau2, "groups": k}
    if not v > 0:
        tau2 = 0.0
    else:
        w = n / v
        q = np.sum(w * (y - theta) ** 2)
        den = w.sum() - (w ** 2).sum() / w.sum()
        if method == "james-stein":
            tau2 = math.inf if k < 4 else (
                max(0.0, (q * (k - 1) / (k - 3) - (k - 1)) / den) if den > 0 else 0.0)
        elif method == "moments":
            tau2 = max(0.0, (q - (k - 1)) / den) if den > 0 and k > 1 else 0.0
        else:
            s2 = v / n

            def nll(t):
                ws = 1 / (s2 + t)
                mu = np.sum(ws * y) / ws.sum()
                return 0.5 * np.sum(np.log(s2 + t) + ws * (y - mu) ** 2)
            if k < 2:
                tau2 = 0.0
            else:
                top = 10 * (np.var(y) + v)
                r = optimize.minimize_scalar(nll, bounds=(0, top), method="bounded",
                                             options={"xatol": 1e-14 * top})
                tau2 = r.x
                # the boundary: the score at 0 decides, as the likelihood is flat there
                ws = 1 / s2
                mu = np.sum(ws * y) / ws.sum()
                if np.sum(ws ** 2 * (y - mu) ** 2 - ws) <= 0:
                    tau2 = 0.0
    out["tau2"] = tau2
    out["full"] = tau2 == 0
    if tau2 == 0:
        out["mean"] = theta
    elif math.isinf(tau2):
        out["mean"] = float(np.mean(y))
    else:
        ws = 1 / (v / n + tau2)
        out["mean"] = float(np.sum(ws * y) / ws.sum())
    return out


def beta_posterior(a, b, level):
    """Mean, sd and central interval of Beta(a, b), in percent."""
    if a == 0 or b == 0:
        x = 0.0 if a == 0 else 1.0
        return 100 * x, 0.0, 100 * x, 100 * x
    mean = a / (a + b)
    sd = math.sqrt(a * b / ((a + b) ** 2 * (a + b + 1)))
    lo, hi = stats.beta.ppf([(1 - level) / 2, (1 + level) / 2], a, b)
    return 100 * mean, 100 * sd, 100 * lo, 100 * hi


def share_posterior(prior, counts, level):
    """Beta(alpha + y, beta + n - y) for counts (y, n - y), in percent."""
    if prior["full"]:
        t = prior["target"]
        return t, 0.0, t, t
    return beta_posterior(prior["alpha"][0] + counts[0], prior["alpha"][1] + counts[1], level)


def nps_moments(a):
    """Mean and variance of p_P - p_D under Dirichlet(a_P, a_Pa, a_D)."""
    ap, _, ad = a
    t = sum(a)
    mean = (ap - ad) / t
    var = (ap * (t - ap) + ad * (t - ad) + 2 * ap * ad) / (t * t * (t + 1))
    return mean, var


def nps_posterior(prior, counts, level):
    """csm's NPS posterior: exact mean and sd, and the interval of the beta
    on [-1, 1] with those moments (what the C side documents)."""
    if prior["full"]:
        t = prior["target"]
        return t, 0.0, t, t
    a = [prior["alpha"][k] + counts[k] for k in range(3)]
    mean, var = nps_moments(a)
    if var <= 0:
        return 100 * mean, 0.0, 100 * mean, 100 * mean
    mu = (mean + 1) / 2
    s = mu * (1 - mu) / (var / 4) - 1
    lo, hi = stats.beta.ppf([(1 - level) / 2, (1 + level) / 2], mu * s, (1 - mu) * s)
    return 100 * mean, 100 * math.sqrt(var), 100 * (2 * lo - 1), 100 * (2 * hi - 1)


def nps_exact_cdf(d, a):
    """P(p_P - p_D <= d) under Dirichlet(a): NPS = S (2B - 1), S ~ Beta(a_P
    + a_D, a_Pa) and B ~ Beta(a_P, a_D) independent, so
    P(NPS <= d) = P(S <= d)[d >= 0] + int_{|d|}^1 f_S(s) F_B((1 + d/s)/2) ds,
    integrated with breakpoints around S's mean."""
    ap, apa, ad = a
    if apa == 0:
        return float(special.betainc(ap, ad, (1 + d) / 2))
    sa, sb = ap + ad, apa
    head = float(special.betainc(sa, sb, d)) if d >= 0 else 0.0
    lo = abs(d)
    mean = sa / (sa + sb)
    sd = math.sqrt(sa * sb / ((sa + sb) ** 2 * (sa + sb + 1)))
    points = [x for x in (mean - 4 * sd, mean - sd, mean, mean + sd, mean + 4 * sd)
              if lo < x < 1]

    log_norm = -special.betaln(sa, sb)
    betainc = special.betainc

    def integrand(s):
        if not 0 < s < 1:
            return 0.0      # an endpoint: measure zero, and the density may be infinite there
        density = math.exp(log_norm + (sa - 1) * math.log(s) + (sb - 1) * math.log1p(-s))
        return density * float(betainc(ap, ad, min(max((1 + d / s) / 2, 0.0), 1.0)))
    # The tolerances asked for are near rounding, so quad may warn that it
    # cannot reach them (near d = +-1 it gets within a few 1e-6); its own
    # error estimate decides instead.  1e-5 in probability moves a quantile
    # by about 0.001 NPS points where the checks read it, a hundredth of the
    # smallest difference they compare.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", integrate.IntegrationWarning)
        body, error = integrate.quad(integrand, lo, 1, points=points or None, limit=400,
                                     epsabs=1e-13, epsrel=1e-11)
    if error > 1e-5:
        raise ArithmeticError(f"nps_exact_cdf({d}, {a}): quadrature error {error:.2g}")
    return head + body


def nps_exact_interval(a, level, guess=None):
    """The exact central interval of p_P - p_D, in NPS points; guess (in
    points) narrows the root search."""
    out = []
    for i, p in enumerate(((1 - level) / 2, (1 + level) / 2)):
        f = lambda d: nps_exact_cdf(d, a) - p  # noqa: E731
        lo, hi = -1 + 1e-15, 1 - 1e-15
        if guess is not None:
            g = guess[i] / 100
            for width in (0.02, 0.1, 0.5):
                glo, ghi = max(g - width, lo), min(g + width, hi)
                if f(glo) < 0 < f(ghi):
                    lo, hi = glo, ghi
                    break
        out.append(100 * optimize.brentq(f, lo, hi, xtol=1e-12))
    return out


def nps_monte_carlo_interval(a, level, rng, draws=400000):
    x = rng.dirichlet(a, draws)
    d = x[:, 0] - x[:, 2]
    return [100 * q for q in np.quantile(d, [(1 - level) / 2, (1 + level) / 2])]


def mean_posterior(prior, n, mean, level):
    z = stats.norm.ppf((1 + level) / 2)
    if prior["full"]:
        return prior["mean"], 0.0, prior["mean"], prior["mean"]
    if n == 0:
        est, sd = prior["mean"], math.sqrt(prior["tau2"])
    else:
        s2 = prior["variance"] / n
        if math.isinf(prior["tau2"]):
            est, sd = mean, math.sqrt(s2)
        else:
            prec = 1 / prior["tau2"] + 1 / s2
            est = (prior["mean"] / prior["tau2"] + mean / s2) / prec
            sd = math.sqrt(1 / prec)
    return est, sd, est - z * sd, est + z * sd


def funnel(value, n, target, variance, level, phi, tau2, lo, hi):
    """Spiegelhalter's limits at n: target +- z sqrt(max(phi, 1) V / n + tau2)."""
    z = stats.norm.ppf((1 + level) / 2)
    sd = math.sqrt(max(phi, 1.0) * variance / n + tau2)
    lower = min(max(target - z * sd, lo), hi)
    upper = min(max(target + z * sd, lo), hi)
    if sd > 0:
        zs = (value - target) / sd
    else:
        zs = 0.0 if value == target else math.copysign(math.inf, value - target)
    flag = 1 if zs > z else -1 if zs < -z else 0
    return target, lower, upper, zs, flag
