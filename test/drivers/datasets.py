"""The data sets the key-driver checks run on: random ones of the shapes
survey data takes, the degenerate cases of src/driver_model.h's table, and
R's swiss data.  Importable, so the SQL checks of a later phase can feed the
same sets to driver_agg() and hold the results against the same oracle.

A DataSet is an outcome y, attributes X (n x p) and weights w (0 = a row
the aggregate skips), plus what the checks need: a group per row (the
summaries rolled up), a window length (frames slid over the rows), and
tags that say what kind of set it is.
"""
import csv
import io
import shutil
import subprocess

import numpy as np


class DataSet:
    def __init__(self, name, y, X, w=None, groups=None, n_groups=1, window=0, tags=()):
        self.name = name
        self.y = np.asarray(y, dtype=float)
        n = len(self.y)
        X = np.asarray(X, dtype=float)
        self.X = X if X.ndim == 2 else X.reshape(n, -1)
        self.p = self.X.shape[1]
        self.w = np.ones(n) if w is None else np.asarray(w, dtype=float)
        self.groups = np.zeros(n, dtype=int) if groups is None else np.asarray(groups, dtype=int)
        self.n_groups = n_groups
        self.window = window
        self.tags = set(tags)

    @property
    def n(self):
        return len(self.y)

    @property
    def rows(self):
        """Rows the aggregate uses: those with a positive weight."""
        return int(np.sum(self.w > 0))

    def driver_input(self):
        """The set in test/drivers/moments.c's input format."""
        out = io.StringIO()
        out.write(f"set {self.name} {self.p} {self.n} {self.n_groups} {self.window}\n")
        for r in range(self.n):
            vals = [self.y[r]] + list(self.X[r])
            out.write(f"{self.groups[r]} {float(self.w[r])!r} " + " ".join(repr(float(v)) for v in vals) + "\n")
        return out.getvalue()

    def shifted(self, by=1e6):
        """The same rows with every score moved by `by` (exact for integer scores)."""
        return DataSet(self.name + "_shift", self.y + by, self.X + by, self.w, self.groups,
                       self.n_groups, self.window, self.tags | {"shifted"})


# --- random sets ----------------------------------------------------------

def weights(rng, n):
    """Survey-weight shapes; some sets have rows of weight 0."""
    kind = rng.choice(["none", "integer", "lognormal", "cells", "wide"])
    if kind == "none":
        w = np.ones(n)
    elif kind == "integer":
        w = rng.integers(1, 6, size=n).astype(float)
    elif kind == "lognormal":
        w = np.exp(rng.normal(0, rng.choice([0.3, 1.0]), size=n))
    elif kind == "cells":
        w = rng.choice(rng.uniform(0.2, 5, size=rng.integers(2, 6)), size=n)
    else:
        w = 10 ** rng.uniform(-3, 3, size=n)
    if kind != "none" and rng.random() < 0.3:
        w[rng.random(n) < 0.1] = 0.0
    return w, kind != "none"


def random_set(rng, name, p, n, *, integer=False, shift=0.0, window=0, groups=None):
    """Attributes correlated through 1-3 common factors; y a linear function
    of them (some effects negative, some zero) plus noise, R^2 anywhere from
    about 0.05 to 0.95.  integer: every score a rating 0..10."""
    factors = rng.normal(size=(n, rng.integers(1, 4)))
    load = rng.normal(size=(factors.shape[1], p)) * rng.uniform(0.2, 1.5)
    X = factors @ load + rng.normal(size=(n, p)) * rng.uniform(0.3, 1.5, size=p)
    beta = rng.normal(size=p) * (rng.random(p) < 0.75)
    signal = X @ beta
    spread = signal.std() if n > 1 and signal.std() > 0 else 1.0
    y = signal + rng.normal(size=n) * spread * rng.uniform(0.25, 3.0)
    if integer:
        def rating(v):
            sd = v.std(axis=0) if n > 1 else 1.0
            sd = np.where(sd > 0, sd, 1.0)
            return np.clip(np.round(5 + 2 * (v - v.mean(axis=0)) / sd), 0, 10)
        X, y = rating(X), rating(y[:, None])[:, 0]
    else:
        X = X * 10 ** rng.uniform(-1, 2, size=p)        # attributes in different units
        y = y * 10 ** rng.uniform(-1, 2) + rng.uniform(-50, 50)
    w, weighted = weights(rng, n)
    n_groups = int(rng.integers(2, 9)) if groups is None else groups
    g = rng.integers(0, n_groups, size=n)
    tags = {"random", "integer" if integer else "continuous"}
    if weighted:
        tags.add("weighted")
    ds = DataSet(name, y, X, w, g, n_groups, window, tags)
    return ds.shifted(shift) if shift else ds


def random_sets(seed=21, count=200):
    """The randomized checks' sets: p from 1 to 16 (Shapley and relative
    weights) and 17 to 32 (relative weights), n small, medium and large,
    weighted or not, some integer ratings, some shifted by 1e6."""
    rng = np.random.default_rng(seed)
    sets = []
    for i in range(count):
        p = int(rng.integers(1, 17)) if i % 3 else int(rng.integers(17, 33))
        if p > 12 and rng.random() < 0.6:
            p = int(rng.integers(1, 13))                 # the exhaustive oracle is slow
        size = rng.choice(["small", "medium", "large"], p=[0.3, 0.55, 0.15])
        n = {"small": int(rng.integers(p + 2, 3 * p + 8)),
             "medium": int(rng.integers(50, 2000)),
             "large": int(rng.integers(5000, 20000 if p <= 16 else 8000))}[size]
        integer = rng.random() < 0.4
        shift = 1e6 if rng.random() < 0.25 else 0.0
        sets.append(random_set(rng, f"r{i}", p, n, integer=integer, shift=shift))
    return sets


def window_sets(seed=22, count=12):
    """Sets to slide a frame over; some have a stretch where every score is
    constant, so the variance collapses and removals are refused."""
    rng = np.random.default_rng(seed)
    sets = []
    for i in range(count):
        p = int(rng.integers(1, 7))
        n = int(rng.integers(150, 400))
        ds = random_set(rng, f"win{i}", p, n, integer=bool(rng.random() < 0.5),
                        shift=1e6 if i % 4 == 3 else 0.0, window=int(rng.integers(3, 60)), groups=1)
        ds.w[ds.w == 0] = 1.0                           # every row in the frame
        if i % 3 == 0:
            a = int(rng.integers(0, n - 60))
            ds.X[a:a + 60] = ds.X[a]
            ds.y[a:a + 60] = ds.y[a]
        ds.tags.add("window")
        sets.append(ds)
    return sets


# --- the degenerate cases of driver_model.h's table -----------------------

def degenerate_sets():
    """name -> DataSet, each built to hit one row of the table."""
    rng = np.random.default_rng(23)
    base = random_set(rng, "base", 4, 60, integer=True)
    X, y = base.X.copy(), base.y.copy()
    sets = {}

    def add(name, y, X, w=None, n_groups=3, **kw):
        n = len(y)
        sets[name] = DataSet(name, y, X, w, np.arange(n) % n_groups if n else None,
                             n_groups, tags={"degenerate"}, **kw)

    add("no_rows", [], np.zeros((0, 3)))
    add("zero_weights", y[:5], X[:5, :3], np.zeros(5))
    add("one_row", y[:1], X[:1, :3])
    add("p_plus_one_rows", y[:5], X[:5])                  # n = p + 1: no residual
    add("p_plus_two_rows", y[:6], X[:6])                  # the fewest with importances
    c = X.copy()
    c[:, 1] = 5.0
    add("constant_attribute", y, c)
    add("constant_outcome", np.full(len(y), 7.0), X)
    s = X.copy()
    s[:, 3] = X[:, 0] + X[:, 1]                            # exact: integer ratings
    add("sum_collinear", y, s)
    d = X.copy()
    d[:, 2] = X[:, 0]
    add("duplicate_column", y, d)
    d2 = X.copy()
    d2[:, 0] = 3 * X[:, 2] - 4                            # a scaled, shifted copy
    add("scaled_copy", y, d2)
    add("all_constant", y, np.full_like(X, 2.0))
    add("perfect_fit", 2 * X[:, 0] - X[:, 1] + 3 * X[:, 3] + 1, X)
    add("no_attributes", y, np.zeros((len(y), 0)))
    add("single_attribute", y, X[:, :1])
    t = X[:, :2].copy()
    t[:, 1] = 10 - t[:, 0]                                # items summing to a constant
    add("alpha_total_constant", y, t)
    add("weighted_zeros", y, X, np.where(np.arange(len(y)) % 4 == 0, 0.0, 1.0 + np.arange(len(y)) % 3))
    add("base", y, X)
    add("large_values", y * 1e150, X * 1e150)
    return sets


# --- R's swiss data --------------------------------------------------------

SWISS_ATTRIBUTES = ["Agriculture", "Examination", "Education", "Catholic", "Infant.Mortality"]


def rscript():
    return shutil.which("Rscript")


def swiss():
    """datasets::swiss from R (Fertility and the five others), or None
    without R."""
    if not rscript():
        return None
    text = subprocess.run([rscript(), "-e", "write.csv(swiss)"], check=True,
                          capture_output=True, text=True).stdout
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    assert header[1:] == ["Fertility"] + SWISS_ATTRIBUTES, header
    data = np.array([[float(v) for v in r[1:]] for r in body])
    return data[:, 0], data[:, 1:]


def swiss_weights(n):
    """relaimpo's weighted example: w = 1 + (row %% 3), rows numbered from 1."""
    return 1.0 + np.arange(1, n + 1) % 3


def r_reference(y, X, w):
    """R's own numbers on the swiss model, unweighted and weighted:
    cov.wt(..., cor = TRUE)$cor and lm()'s coefficient table; and, when the
    psych package is there, psych::alpha() of the five attributes."""
    script = r"""
w <- 1 + (seq_len(nrow(swiss)) %% 3)
cw <- cov.wt(swiss, wt = w / sum(w), cor = TRUE)$cor
cat("cor", format(as.vector(cw), digits = 17), "\n")
for (m in list(lm(Fertility ~ ., swiss), lm(Fertility ~ ., swiss, weights = w))) {
  s <- summary(m)
  cat("lm", format(as.vector(coef(s)), digits = 17), "\n")
  cat("r2", format(s$r.squared, digits = 17), format(s$sigma, digits = 17), "\n")
}
if (requireNamespace("psych", quietly = TRUE)) {
  a <- suppressWarnings(psych::alpha(swiss[, -1], check.keys = FALSE, warnings = FALSE))$total
  cat("alpha", format(a$raw_alpha, digits = 17), format(a$std.alpha, digits = 17), "\n")
}
"""
    text = subprocess.run([rscript(), "-e", script], check=True, capture_output=True, text=True).stdout
    out = {"lm": [], "r2": []}
    for line in text.splitlines():
        head, *vals = line.split()
        vals = [float(v) for v in vals]
        if head == "cor":
            out["cor"] = np.array(vals).reshape(6, 6)      # column-major; symmetric
        elif head == "alpha":
            out["alpha"] = vals
        else:
            out[head].append(vals)
    return out
