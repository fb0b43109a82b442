"""What every randomized checker under test/ shares: a fresh database with
csm, random data of the shapes survey data takes, exact and tolerant
comparison, and the per-check "k/n agree" lines with an exit status.

A checker runs inside a throwaway cluster (its run script starts one with
pg_virtualenv) and reads the PG* environment variables:

    import os, sys
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
    import csmtest

    cur = csmtest.fresh_database("csm_gap")
    checks = csmtest.Checks("gap")
    checks.close("gap_ci", got_row, want_row, tol=1e-8)
    sys.exit(checks.report("random data sets agree"))
"""
import math
import random

import psycopg2


def fresh_database(name):
    """An autocommit cursor on a new database `name` with csm installed."""
    conn = psycopg2.connect(dbname="postgres", options="-c client_min_messages=warning")
    conn.autocommit = True
    cur = conn.cursor()
    cur.execute(f"DROP DATABASE IF EXISTS {name}")
    cur.execute(f"CREATE DATABASE {name}")
    conn.close()
    conn = psycopg2.connect(dbname=name, options="-c client_min_messages=warning")
    conn.autocommit = True
    cur = conn.cursor()
    cur.execute("CREATE EXTENSION csm")
    return cur


def summary_text(counts):
    """The text form of a counts summary, "{k:v,...}", from {key: count}."""
    return "{" + ",".join(f"{k}:{v}" for k, v in sorted(counts.items()) if v) + "}"


def rng(seed):
    """The checkers' random source: seeded, so a failure can be replayed."""
    return random.Random(seed)


def sample_size(r, small=30, medium=3000, large=10**6):
    """A number of answers as surveys have them: a few, some, very many."""
    return r.choice([r.randint(1, small), r.randint(small, medium), r.randint(medium, large)])


def split_counts(r, n, parts):
    """n answers split at random over `parts` cells, some shares near 0."""
    w = [r.random() ** 2 for _ in range(parts)]
    total = sum(w) or 1.0
    counts = [int(n * x / total) for x in w]
    counts[r.randrange(parts)] += n - sum(counts)
    return counts


def close(got, want, tol):
    """Both NULL, or |got - want| <= tol * max(1, |want|)."""
    if got is None or want is None:
        return got is None and want is None
    if isinstance(got, float) and isinstance(want, float) and math.isnan(got) and math.isnan(want):
        return True
    return abs(got - want) <= tol * max(1.0, abs(want))


class Checks:
    """Named checks: how many ran, which failed (with the first mismatch)."""

    def __init__(self, prefix):
        self.prefix = prefix
        self.ran = {}
        self.failures = {}

    def _record(self, name, ok, got, want):
        self.ran[name] = self.ran.get(name, 0) + 1
        if not ok:
            self.failures.setdefault(name, []).append((got, want))
        return ok

    def close(self, name, got, want, tol=1e-9, scale=1.0):
        """Every value of `got` within tol of `want` scaled (see close())."""
        want = [None if w is None else w * scale for w in want]
        ok = len(got) == len(want) and all(close(g, w, tol) for g, w in zip(got, want))
        return self._record(name, ok, tuple(got), tuple(want))

    def equal(self, name, got, want):
        """Exactly equal: counts, labels, exact fractions rounded once."""
        return self._record(name, got == want, got, want)

    def failed(self):
        return sum(len(f) for f in self.failures.values())

    def report(self, agree="random cases agree"):
        """One line per check, "prefix: name: k/n agree[; first mismatch]"; 0 if all agree."""
        for name in sorted(self.ran):
            f = self.failures.get(name, [])
            print(f"{self.prefix}: {name}: {self.ran[name] - len(f)}/{self.ran[name]} {agree}"
                  + (f"; first mismatch: csm {f[0][0]} vs {f[0][1]}" if f else ""))
        return 1 if self.failures else 0
