"""Key-driver numbers from their definitions, in numpy: the independent
oracle for src/driver_model.c (test/drivers/check_model.py) and, later, for
the SQL functions built on it.

Written from the definitions, not from the C, and by other routes:

- moments: weighted means and co-moments by a corrected two-pass over the
  rows, as R's cov.wt(method = "ML") scaled by the weight total;
- R^2 of a subset of attributes: numpy.linalg.lstsq on the rows (weighted
  by sqrt(w)), R^2 = 1 - SSE / SST; the rows are first reduced to the
  triangular factor of the QR decomposition of [1, x_1..x_p, y], which
  leaves every subset's least-squares residual unchanged;
- LMG / Shapley (Lindeman, Merenda & Gold 1980; Groemping 2006): every
  subset regression, weighted |S|! (p - |S| - 1)! / p!; for p <= 6 also the
  literal average over all p! orders of entry;
- Johnson's (2000) relative weights: numpy.linalg.eigh of the attributes'
  correlation matrix, Lambda = V diag(sqrt(lambda)) V', b* = Lambda^-1 r_xy,
  weight_j = sum_m Lambda_jm^2 b*_m^2;
- OLS: lstsq plus the textbook (X'WX)^-1 sigma^2, t on rows - rank - 1 df,
  p from scipy.stats.t; an attribute dependent on the earlier ones (lm's
  rule, in column order) is left out, as lm() gives it NA;
- Cronbach's alpha from the items' covariance matrix, the standardized
  alpha from the mean inter-item correlation.

The NULL rules are the documented ones (src/driver_model.h): they are the
specification the C is checked against, so the oracle applies them itself.
A NULL is None here.
"""
import itertools
import math

import numpy as np
from scipy import linalg, stats

ALIAS_TOLERANCE = 1e-10     # 1 - R^2 of an attribute on the earlier ones
EIGEN_RCOND = 1e-6          # singular values of Lambda: eigenvalues below 1e-12 of the largest


class Fit:
    """Everything the C computes, for the rows with a positive weight."""

    def __init__(self, y, X, w=None):
        y = np.asarray(y, dtype=float)
        X = np.asarray(X, dtype=float)
        X = X if X.ndim == 2 else X.reshape(len(y), -1)
        w = np.ones(len(y)) if w is None else np.asarray(w, dtype=float)
        keep = w > 0
        self.y, self.X, self.w = y[keep], X[keep], w[keep]
        self.n, self.p = self.X.shape
        self.rows = self.n
        self._moments()

    # --- moments ---------------------------------------------------------

    def _moments(self):
        V = np.column_stack([self.y, self.X])       # variable 0 is y
        self.W = float(self.w.sum()) if self.n else 0.0
        if self.n == 0:
            self.mean = np.zeros(self.p + 1)
            self.C = np.zeros((self.p + 1, self.p + 1))
            return
        rough = np.average(V, axis=0, weights=self.w)
        D = V - rough                               # exact for rows near the mean
        delta = np.average(D, axis=0, weights=self.w)
        D = D - delta
        self.mean = rough + delta
        same = np.all(V == V[0], axis=0)            # a constant: its mean, no variance
        self.mean[same] = V[0, same]
        D[:, same] = 0.0
        self.C = (D * self.w[:, None]).T @ D
        self.centered = D                           # rows minus their weighted means

    def constant(self, i):
        """Variable i (0 = y) has no variance."""
        return not self.C[i, i] > 0

    def correlations(self):
        """(p+1) x (p+1), None in a constant variable's row and column."""
        q = self.p + 1
        if self.W == 0:
            return [[None] * q for _ in range(q)]
        sd = np.sqrt(np.diag(self.C))
        out = []
        for i in range(q):
            row = []
            for j in range(q):
                if self.constant(i) or self.constant(j):
                    row.append(None)
                else:
                    row.append(1.0 if i == j else float(np.clip(self.C[i, j] / (sd[i] * sd[j]), -1, 1)))
            out.append(row)
        return out

    def cov_wt(self):
        """R's cov.wt(x, wt = w / sum(w), method = "ML")$cov."""
        return self.C / self.W

    # --- regressions -----------------------------------------------------

    def _design(self):
        """sqrt(w)-weighted [1, centered x's, centered y]."""
        s = np.sqrt(self.w)
        return np.column_stack([s, self.centered[:, 1:] * s[:, None], self.centered[:, 0] * s])

    def _reduced(self):
        if not hasattr(self, "_r"):
            A = self._design()
            self._r = np.linalg.qr(A, mode="r") if A.shape[0] > A.shape[1] else A
        return self._r

    def subset_r2(self, subset):
        """R^2 of y on the attributes in subset (0-based), by lstsq."""
        R = self._reduced()
        cols = [0] + [1 + j for j in subset]
        A, b = R[:, cols], R[:, -1]
        coef = np.linalg.lstsq(A, b, rcond=None)[0]
        sse = float(np.sum((b - A @ coef) ** 2))
        if not hasattr(self, "_sst"):
            one = R[:, [0]]
            self._sst = float(np.sum((b - one @ np.linalg.lstsq(one, b, rcond=None)[0]) ** 2))
        return 1.0 - sse / self._sst

    def aliased(self):
        """lm's rule in column order: an attribute whose part not explained by
        the earlier kept ones is at most ALIAS_TOLERANCE of its variance (a
        constant attribute is the intercept's column again)."""
        A = self._design()
        kept, out = [], []
        for j in range(self.p):
            col = A[:, 1 + j]
            ss = float(col @ col)
            if not ss > 0:
                out.append(True)
                continue
            B = A[:, [0] + [1 + k for k in kept]]
            r = col - B @ np.linalg.lstsq(B, col, rcond=None)[0]
            dep = float(r @ r) <= ALIAS_TOLERANCE * ss
            out.append(dep)
            if not dep:
                kept.append(j)
        return out

    def r2(self):
        if self.W == 0 or self.constant(0):
            return None
        if all(self.constant(1 + j) for j in range(self.p)):
            return 0.0
        return min(1.0, max(0.0, self.subset_r2([j for j, a in enumerate(self.aliased()) if not a])))

    def regression(self):
        """lm(y ~ x [, weights = w]): coef, se, t, p per attribute (None if
        aliased), the intercept's, sigma, rank and df."""
        p = self.p
        out = {"coef": [None] * p, "se": [None] * p, "t": [None] * p, "p": [None] * p,
               "intercept": None, "intercept_se": None, "intercept_t": None, "intercept_p": None,
               "sigma": None, "rank": 0, "df": self.rows - 1.0, "r2": self.r2()}
        if self.W == 0:
            return out
        alias = self.aliased()
        kept = [j for j in range(p) if not alias[j]]
        s = np.sqrt(self.w)
        A = np.column_stack([s] + [self.centered[:, 1 + j] * s for j in kept])
        b = self.centered[:, 0] * s
        coef = np.linalg.lstsq(A, b, rcond=None)[0]
        resid = b - A @ coef
        rank, df = len(kept), self.rows - len(kept) - 1.0
        out["rank"], out["df"] = rank, df
        # back to raw units: y = mean_y + c0 + sum b_j (x_j - mean_j)
        a = np.concatenate([[1.0], -self.mean[[1 + j for j in kept]]])
        intercept = self.mean[0] + coef[0] - float(np.dot(coef[1:], self.mean[[1 + j for j in kept]]))
        out["intercept"] = intercept
        for i, j in enumerate(kept):
            out["coef"][j] = float(coef[1 + i])
        if df < 1:
            return out
        sse = float(resid @ resid)
        sst = float(b @ b)
        # the documented exact-fit rule: 1 - R^2 at or below the alias
        # tolerance is an exact fit (y a linear combination of the x's)
        if sst == 0 or sse <= ALIAS_TOLERANCE * sst:
            sse = 0.0
        sigma2 = sse / df
        out["sigma"] = math.sqrt(sigma2)
        # (X'WX)^-1 = R^-1 R^-T from the QR factor of the weighted design
        R = np.linalg.qr(A, mode="r")

        def quad(a):            # a' (X'WX)^-1 a = |R^-T a|^2
            z = linalg.solve_triangular(R, a, trans="T")
            return float(z @ z)

        se0 = math.sqrt(sigma2 * quad(a))
        out["intercept_se"] = se0
        if se0 > 0:
            out["intercept_t"] = intercept / se0
            out["intercept_p"] = 2 * stats.t.sf(abs(intercept / se0), df)
        for i, j in enumerate(kept):
            e = np.zeros(len(kept) + 1)
            e[1 + i] = 1.0
            se = math.sqrt(sigma2 * quad(e))
            out["se"][j] = se
            if se > 0:
                t = coef[1 + i] / se
                out["t"][j] = float(t)
                out["p"][j] = float(2 * stats.t.sf(abs(t), df))
        return out

    # --- importances -----------------------------------------------------

    def _importance_null(self):
        if self.W == 0:
            return "no rows"
        if self.rows < self.p + 2:
            return "few rows"
        if self.constant(0):
            return "outcome constant"
        return None

    def shapley(self, orders=None):
        """LMG over every subset; orders=True: the average over all p! orders."""
        if self._importance_null():
            return None
        p = self.p
        r2 = {(): 0.0}
        for size in range(1, p + 1):
            for S in itertools.combinations(range(p), size):
                r2[S] = self.subset_r2(list(S))
        if orders:
            imp = np.zeros(p)
            for order in itertools.permutations(range(p)):
                have = ()
                for j in order:
                    new = tuple(sorted(have + (j,)))
                    imp[j] += r2[new] - r2[have]
                    have = new
            return list(imp / math.factorial(p))
        imp = [0.0] * p
        for j in range(p):
            others = [k for k in range(p) if k != j]
            for size in range(p):
                weight = math.factorial(size) * math.factorial(p - size - 1) / math.factorial(p)
                for S in itertools.combinations(others, size):
                    imp[j] += weight * (r2[tuple(sorted(S + (j,)))] - r2[S])
        return imp

    def relative_weights(self):
        """Johnson (2000) on the attributes with a variance; 0 for the others."""
        if self._importance_null():
            return None
        idx = [j for j in range(self.p) if not self.constant(1 + j)]
        out = [0.0] * self.p
        if not idx:
            return out
        sd = np.sqrt(np.diag(self.C))
        with np.errstate(invalid="ignore", divide="ignore"):
            R = self.C / np.outer(sd, sd)
        Rxx = R[np.ix_([1 + j for j in idx], [1 + j for j in idx])]
        rxy = R[[1 + j for j in idx], 0]
        lam, V = np.linalg.eigh(Rxx)
        half = V @ np.diag(np.sqrt(np.clip(lam, 0, None))) @ V.T
        bstar = np.linalg.pinv(half, rcond=EIGEN_RCOND) @ rxy
        eps = (half ** 2) @ (bstar ** 2)
        for i, j in enumerate(idx):
            out[j] = float(eps[i])
        return out

    def min_norm_beta(self):
        """The minimum-norm least-squares coefficients on the standardized
        attributes (0 for a constant one)."""
        idx = [j for j in range(self.p) if not self.constant(1 + j)]
        out = [0.0] * self.p
        if not idx or self.W == 0:
            return out
        s = np.sqrt(self.w)
        Z = np.column_stack([self.centered[:, 1 + j] * s / math.sqrt(self.C[1 + j, 1 + j]) for j in idx])
        beta = np.linalg.lstsq(Z, self.centered[:, 0] * s, rcond=EIGEN_RCOND)[0]
        if self.C[0, 0] > 0:
            beta = beta / math.sqrt(self.C[0, 0])
        for i, j in enumerate(idx):
            out[j] = float(beta[i])
        return out

    def signs(self):
        """The documented sign: - below -1e-10, else +; 0 for a constant."""
        beta = self.min_norm_beta()
        return [0 if self.W == 0 or self.constant(1 + j) else (-1 if b < -ALIAS_TOLERANCE else 1)
                for j, b in enumerate(beta)]

    def key_drivers(self, method):
        """importance, share (%), signed share, sign, correlation, mean."""
        imp = self.shapley() if method == "shapley" else self.relative_weights()
        r2 = self.r2()
        corr = self.correlations()
        res = {"r2": r2, "importance": imp, "sign": self.signs(), "beta": self.min_norm_beta(),
               "correlation": [corr[0][1 + j] if self.W else None for j in range(self.p)],
               "mean": [float(self.mean[1 + j]) if self.W else None for j in range(self.p)]}
        if imp is None or not r2:
            res["share"] = res["signed_share"] = [None] * self.p
        else:
            res["share"] = [100 * v / r2 for v in imp]
            res["signed_share"] = [s * v for s, v in zip(res["sign"], res["share"])]
        if imp is None:
            res["importance"] = [None] * self.p
        return res

    # --- reliability -----------------------------------------------------

    def alpha(self):
        """Cronbach's alpha, the standardized alpha and the mean inter-item
        correlation, the p attributes being the items."""
        k = self.p
        if self.W == 0:
            return None, None, None
        S = self.cov_wt()[1:, 1:]
        total, var = float(S.sum()), float(np.trace(S))
        alpha = None if not total > ALIAS_TOLERANCE * var else k / (k - 1) * (1 - var / total)
        if any(self.constant(1 + j) for j in range(k)):
            return alpha, None, None
        sd = np.sqrt(np.diag(S))
        R = S / np.outer(sd, sd)
        rbar = float(R[np.triu_indices(k, 1)].mean())
        den = 1 + (k - 1) * rbar
        return alpha, (None if not den > ALIAS_TOLERANCE * k else k * rbar / den), rbar
