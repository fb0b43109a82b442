"""psqlODBC (Debian's odbc-postgresql, unixODBC) against csm: what a BI tool
that connects through ODBC sees, with the Unicode or the ANSI driver.

    ODBCSYSINI=DIR /usr/bin/python3 odbc_client.py unicode|ansi

DIR holds an odbcinst.ini naming the two drivers (test/clients/run writes
it, so no system-wide ODBC configuration is read).  This script writes the
data sources of docs/reporting-tools.md, its ```ini blocks, into
DIR/odbc-<driver>.ini with this cluster's host, port, user and password
(PGHOST, PGPORT, PGUSER, PGPASSWORD), and queries csm_clients (setup.sql and
the sample data) and csm_bi (the docs' SQL and BI views) through them.

Most checks go through pyodbc.  What a reporting tool does that pyodbc does
not -- describe a column, bind a buffer of the size the driver declares,
then fetch -- goes through the ODBC API itself (ctypes on libodbc), as
Excel, Access or LibreOffice do.

Every expected number is computed here from the metric's definition, from
the raw answers or from counts read with plain SQL, never from csm's output.
Prints one line per section, "ok" or "FAILED" with what differed; exits 1 on
any failure.
"""
import configparser
import ctypes
import decimal
import json
import math
import os
import re
import sys

import pyodbc

DRIVERS = {"unicode": "PostgreSQL Unicode", "ansi": "PostgreSQL ANSI"}
KEY = sys.argv[1]
DRIVER = DRIVERS[KEY]
HERE = os.path.dirname(os.path.abspath(__file__))
DOC = os.path.join(HERE, "..", "..", "docs", "reporting-tools.md")

# ODBC SQL type codes (sql.h, sqlext.h, sqlucode.h)
SQL = {1: "SQL_CHAR", 12: "SQL_VARCHAR", -1: "SQL_LONGVARCHAR", -8: "SQL_WCHAR", -9: "SQL_WVARCHAR",
       -10: "SQL_WLONGVARCHAR", 6: "SQL_FLOAT", 8: "SQL_DOUBLE", -5: "SQL_BIGINT", 4: "SQL_INTEGER",
       2: "SQL_NUMERIC", -7: "SQL_BIT", 91: "SQL_TYPE_DATE", 93: "SQL_TYPE_TIMESTAMP"}
W = "W" if KEY == "unicode" else ""        # the Unicode driver's character types are the W ones
Z = {0.80: 1.2815515655446004, 0.90: 1.6448536269514722, 0.95: 1.959963984540054, 0.99: 2.5758293035489004}

# the answers in setup.sql and in the docs' example: day, store, recommend, satisfaction, effort
ANSWERS = [("2026-01-05", "Leeds", 9, 5, 7), ("2026-01-05", "Leeds", 10, 4, 6), ("2026-01-05", "York", 3, 2, 3),
           ("2026-01-06", "Leeds", 6, 2, 4), ("2026-01-06", "Leeds", 8, 4, 5), ("2026-01-06", "York", 10, 5, 6),
           ("2026-01-07", "York", 7, None, 5)]

problems = []
results = {"passed": 0, "failed": 0}


def check(what, got, want):
    if got != want:
        problems.append(f"{what}: got {got!r}, expected {want!r}")


def near(what, got, want, tol):
    if got is None or not abs(got - want) <= tol:
        problems.append(f"{what}: got {got!r}, expected {want!r} (within {tol})")


def truth(what, ok):
    if not ok:
        problems.append(what)


def section(name, fn):
    problems.clear()
    try:
        fn()
    except Exception as e:                              # noqa: BLE001 - report and go on
        problems.append(f"unexpected {type(e).__name__}: {e}")
    if problems:
        results["failed"] += 1
        print(f"FAILED clients: odbc ({KEY}): {name}")
        for p in problems:
            print(f"         {p}")
    else:
        results["passed"] += 1
        print(f"ok     clients: odbc ({KEY}): {name}")


# ---------------------------------------------------- metric definitions
def hist(scores):
    h = [0] * 11
    for s in scores:
        if s is not None:
            h[s] += 1
    return h


def nps(h, dmax=6, pmax=8):
    return 100.0 * (sum(h[pmax + 1:]) - sum(h[:dmax + 1])) / sum(h)


def top2(h, scale=5):
    return 100.0 * (h[scale - 1] + h[scale]) / sum(h)


def nps_interval(h, level=0.95, method="adjusted-wald"):
    """Rocks (2016): Wald, or adjusted Wald (+3/4 detractor, +3/2 passive,
    +3/4 promoter); trinomial SE; bounds clipped to -100..100."""
    p, d, n = sum(h[9:]), sum(h[:7]), sum(h)
    if method == "adjusted-wald":
        p, d, n = p + 0.75, d + 0.75, n + 3
    pp, dd = p / n, d / n
    est = pp - dd
    se = math.sqrt((pp + dd - est * est) / n)
    return max(-100.0, 100 * (est - Z[level] * se)), min(100.0, 100 * (est + Z[level] * se))


def wilson(x, n, level=0.95):
    z = Z[level]
    p, z2 = x / n, z * z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = z / (1 + z2 / n) * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    return 100 * (centre - half), 100 * (centre + half)


def summary_text(h):
    return "{" + ",".join(f"{r}:{c}" for r, c in enumerate(h) if c) + "}"


def answers(column, day=None, store=None):
    return [a[column] for a in ANSWERS
            if (day is None or a[0] == day) and (store is None or a[1] == store) and a[column] is not None]


# ------------------------------------------------------------ connecting
def write_data_sources():
    """The docs' data sources, pointed at this cluster, for this driver."""
    text = open(DOC, encoding="utf-8").read()
    blocks = re.findall(r"^```ini\n(.*?)^```$", text, flags=re.M | re.S)
    ini = configparser.ConfigParser()
    ini.optionxform = str
    for b in blocks:
        ini.read_string(b)
    for name in ("csm", "csm_extract"):
        if name not in ini:
            raise SystemExit(f"{DOC}: no [{name}] data source in an ```ini block")
        s = ini[name]
        s["Driver"] = DRIVER
        s["Servername"] = os.environ.get("PGHOST", "localhost")
        s["Port"] = os.environ.get("PGPORT", "5432")
        s["Database"] = "csm_clients"
        s["Username"] = os.environ.get("PGUSER", "postgres")
        s["Password"] = os.environ.get("PGPASSWORD", "")
    path = os.path.join(os.environ["ODBCSYSINI"], f"odbc-{KEY}.ini")
    with open(path, "w") as f:
        ini.write(f)
    os.environ["ODBCINI"] = path
    return {name: dict(ini[name]) for name in ("csm", "csm_extract")}


def plain(extra=""):
    """A DSN-less connection string with the driver's defaults, plus extra."""
    return (f"Driver={{{DRIVER}}};Servername={os.environ.get('PGHOST', 'localhost')};"
            f"Port={os.environ.get('PGPORT', '5432')};Database=csm_clients;"
            f"Username={os.environ.get('PGUSER', 'postgres')};Password={os.environ.get('PGPASSWORD', '')};{extra}")


def connect(conn_str, autocommit=True):
    c = pyodbc.connect(conn_str, autocommit=autocommit)
    if KEY == "ansi":
        # pyodbc reads text and numeric data and sends str parameters as UTF-16
        # unless told otherwise, and the ANSI driver refuses that (see ansi_pyodbc)
        c.setdecoding(pyodbc.SQL_CHAR, encoding="utf-8")
        c.setdecoding(pyodbc.SQL_WCHAR, encoding="utf-8")
        c.setencoding(encoding="utf-8")
    return c


def store_histograms(cur, column):
    """Plain SQL, no csm: counts per store and rating in the sample data."""
    h = {}
    for store, rating, n in cur.execute(f"SELECT store, {column}, count(*) FROM sample.feedback "
                                        f"WHERE {column} IS NOT NULL GROUP BY 1, 2").fetchall():
        h.setdefault(store, [0] * 11)[rating] = n
    return h


# ------------------------------------ the ODBC API itself, like a BI tool
class OdbcApi:
    """SQLDriverConnectW, SQLPrepareW or SQLExecDirectW, SQLDescribeColW,
    SQLBindCol with a buffer of the declared size, SQLFetch: a reporting
    tool's way of reading a result.  Character columns are bound as
    SQL_C_WCHAR (the Unicode driver) or SQL_C_CHAR (the ANSI driver)."""
    lib = ctypes.CDLL("libodbc.so.2")

    def __init__(self, conn_str):
        self.env, self.dbc, self.stmt = ctypes.c_void_p(), ctypes.c_void_p(), ctypes.c_void_p()
        self.ok(self.lib.SQLAllocHandle(1, None, ctypes.byref(self.env)), "SQLAllocHandle(ENV)")
        self.ok(self.lib.SQLSetEnvAttr(self.env, 200, ctypes.c_void_p(3), 0), "SQLSetEnvAttr(ODBC3)")
        self.ok(self.lib.SQLAllocHandle(2, self.env, ctypes.byref(self.dbc)), "SQLAllocHandle(DBC)")
        self.ok(self.lib.SQLDriverConnectW(self.dbc, None, self.w(conn_str), -3, None, 0, None, 0),
                "SQLDriverConnectW", 2, self.dbc)
        self.ok(self.lib.SQLAllocHandle(3, self.dbc, ctypes.byref(self.stmt)), "SQLAllocHandle(STMT)")

    @staticmethod
    def w(s):
        return ctypes.create_string_buffer((s + "\0").encode("utf-16-le"))

    def diag(self, kind, handle):
        state, native, msg, n = ctypes.create_string_buffer(12), ctypes.c_int(), ctypes.create_string_buffer(2048), ctypes.c_short()
        out = []
        for i in range(1, 5):
            if self.lib.SQLGetDiagRecW(kind, handle, i, state, ctypes.byref(native), msg, 1024, ctypes.byref(n)) != 0:
                break
            out.append((state.raw[:10].decode("utf-16-le"), msg.raw[:2 * n.value].decode("utf-16-le")))
        return out

    def ok(self, rc, what, kind=3, handle=None):
        if rc not in (0, 1):
            raise RuntimeError(f"{what}: return code {rc} {self.diag(kind, handle or self.stmt)}")
        return rc

    def describe(self):
        n = ctypes.c_short()
        self.ok(self.lib.SQLNumResultCols(self.stmt, ctypes.byref(n)), "SQLNumResultCols")
        cols = []
        for i in range(1, n.value + 1):
            name, nl, t = ctypes.create_string_buffer(512), ctypes.c_short(), ctypes.c_short()
            size, digits, nullable = ctypes.c_size_t(), ctypes.c_short(), ctypes.c_short()
            self.ok(self.lib.SQLDescribeColW(self.stmt, i, name, 256, ctypes.byref(nl), ctypes.byref(t),
                                             ctypes.byref(size), ctypes.byref(digits), ctypes.byref(nullable)),
                    "SQLDescribeColW")
            cols.append((name.raw[:2 * nl.value].decode("utf-16-le"), SQL.get(t.value, t.value), size.value))
        return cols

    def prepare(self, sql):
        self.ok(self.lib.SQLPrepareW(self.stmt, self.w(sql), -3), "SQLPrepareW")

    def execute(self):
        self.ok(self.lib.SQLExecute(self.stmt), "SQLExecute")

    def exec_direct(self, sql):
        self.ok(self.lib.SQLExecDirectW(self.stmt, self.w(sql), -3), "SQLExecDirectW")

    def bind(self, cols):
        """A buffer of the declared size (characters, plus the terminator)."""
        self.bufs = []
        for i, (_, _, size) in enumerate(cols, 1):
            wide = KEY == "unicode"
            length = (min(size, 65535) + 1) * (2 if wide else 1)
            buf, ind = ctypes.create_string_buffer(length), ctypes.c_ssize_t()
            self.ok(self.lib.SQLBindCol(self.stmt, i, -8 if wide else 1, buf, length, ctypes.byref(ind)), "SQLBindCol")
            self.bufs.append((buf, ind, wide))

    def fetch_all(self):
        """[(values, truncated SQLSTATE 01004 seen)] for every row."""
        rows = []
        while True:
            rc = self.lib.SQLFetch(self.stmt)
            if rc == 100:                                  # SQL_NO_DATA
                return rows
            self.ok(rc, "SQLFetch")
            values = []
            for buf, ind, wide in self.bufs:
                raw = buf.raw
                if wide:
                    s = raw.decode("utf-16-le")
                else:
                    s = raw.decode("utf-8", "replace")
                values.append(None if ind.value == -1 else s.split("\0", 1)[0])
            rows.append((values, rc == 1 and any(s == "01004" for s, _ in self.diag(3, self.stmt))))

    def close(self):
        self.lib.SQLFreeHandle(3, self.stmt)
        self.lib.SQLDisconnect(self.dbc)
        self.lib.SQLFreeHandle(2, self.dbc)
        self.lib.SQLFreeHandle(1, self.env)


# ================================================================= tests
def steps():
    cur = connect("DSN=csm").cursor()
    rows = cur.execute("SELECT store, nps(recommend), csat_top2(satisfaction), ces_avg(effort), count(*) "
                       "FROM feedback GROUP BY store ORDER BY store").fetchall()
    check("one-step stores", [r[0] for r in rows], ["Leeds", "York"])
    for store, n, c, e, count in rows:
        near(f"one-step nps {store}", n, nps(hist(answers(2, store=store))), 1e-12)
        near(f"one-step csat_top2 {store}", c, top2(hist(answers(3, store=store))), 1e-12)
        eff = answers(4, store=store)
        near(f"one-step ces_avg {store}", e, sum(eff) / len(eff), 1e-12)
        check(f"one-step count {store}", count, len(answers(1, store=store)))
    rows = cur.execute("SELECT store, nps(rollup(recommend)), rating_count(rollup(recommend)) "
                       "FROM daily GROUP BY store ORDER BY store").fetchall()
    for store, n, count in rows:
        h = hist(answers(2, store=store))
        near(f"two-step nps {store}", n, nps(h), 1e-12)
        check(f"two-step n {store}", count, sum(h))
    check("two-step rows", len(rows), 2)
    # the sample data, one and two steps, against plain-SQL counts
    rec = store_histograms(cur, "recommend")
    rows = cur.execute("SELECT f.store, nps(f.recommend), d.two FROM sample.feedback f "
                       "JOIN (SELECT store, nps(rollup(recommend)) AS two FROM sample_daily GROUP BY store) d "
                       "USING (store) GROUP BY f.store, d.two").fetchall()
    check("sample stores", len(rows), 24)
    for store, one, two in rows:
        near(f"sample one-step nps {store}", one, nps(rec[store]), 1e-9)
        near(f"sample two-step nps {store}", two, nps(rec[store]), 1e-9)


def composites():
    cur = connect("DSN=csm").cursor()
    leeds = hist(answers(2, store="Leeds"))
    lower, upper = nps_interval(leeds)
    for q in ("SELECT (nps_ci(rating_agg(recommend))).* FROM feedback WHERE store = 'Leeds'",
              "SELECT c.* FROM (SELECT rating_agg(recommend) AS r FROM feedback WHERE store = 'Leeds') s, "
              "LATERAL nps_ci(s.r) c"):
        row = cur.execute(q).fetchone()
        check("composite column names", [d[0] for d in cur.description],
              ["estimate", "lower", "upper", "se", "level", "method", "n"])
        near("composite estimate", row.estimate, nps(leeds), 1e-12)
        near("composite lower", row.lower, lower, 1e-9)
        near("composite upper", row.upper, upper, 1e-9)
        check("composite level, method, n", (row.level, row.method, row.n), (0.95, "adjusted-wald", sum(leeds)))
    rec = store_histograms(cur, "recommend")
    rows = cur.execute("SELECT store, (nps_ci(recommend)).* FROM sample.feedback GROUP BY store").fetchall()
    check("sample interval rows", len(rows), 24)
    for r in rows:
        lo, hi = nps_interval(rec[r.store])
        near(f"sample interval lower {r.store}", r.lower, lo, 1e-9)
        near(f"sample interval upper {r.store}", r.upper, hi, 1e-9)
    # the README's Kano answers; login: O = 1, M = 3 -> better 1/4, worse -1;
    # Fong: |3 - 1| = 2 < 1.65 sqrt(4 (8 - 4) / 8) = 2.33, not significant
    rows = {r.feature: r for r in cur.execute(
        "SELECT feature, (kano(functional, dysfunctional)).* FROM kano_answers GROUP BY feature").fetchall()}
    login = rows["login"]
    check("kano login", (login.category, login.o, login.m), ("must-be", 1, 3))
    near("kano login better", login.better, 0.25, 1e-15)
    near("kano login worse", login.worse, -1.0, 1e-15)
    check("kano login fong_significant (BoolsAsChar=0: a bool)", login.fong_significant, False)
    row = connect(plain()).cursor().execute(
        "SELECT (kano(functional, dysfunctional)).fong_significant FROM kano_answers WHERE feature = 'login'").fetchone()
    check("the same with the driver's defaults (BoolsAsChar=1: text)", row[0], "0")


SERVQUAL_TEXT = ("SELECT '{' || string_agg(format('%s:[%s,%s,%s]', item, n, p, e), ',' ORDER BY item) || '}' "
                 "FROM (SELECT item, count(*) n, sum(perception) p, sum(expectation) e "
                 "      FROM sample.servqual_answers GROUP BY item) i")


def summaries():
    cur = connect("DSN=csm").cursor()
    h = hist(answers(2, "2026-01-05", "Leeds"))
    text, j = cur.execute("SELECT recommend, recommend::jsonb FROM daily "
                          "WHERE store = 'Leeds' AND day = '2026-01-05'").fetchone()
    check("summary text", text, summary_text(h))
    j = json.loads(j)
    check("jsonb n, nps, counts", (j["n"], j["nps"], j["counts"]), (2, 100, {"9": 1, "10": 1}))
    # summaries as parameters: text with a cast, jsonb through the cast
    row = cur.execute("SELECT nps(?::rating_summary), nps((?::jsonb)::rating_summary)",
                      "{3:1,9:3}", '{"counts": {"9": 3, "3": 1}}').fetchone()
    check("summary parameters (3 promoters, 1 detractor)", tuple(row), (50.0, 50.0))
    # a long summary is not cut: the SERVQUAL summary, 22 items, against plain-SQL sums
    want = cur.execute(SERVQUAL_TEXT).fetchone()[0]
    got = cur.execute("SELECT servqual_agg(item, perception, expectation) FROM sample.servqual_answers").fetchone()[0]
    check(f"servqual_summary text ({len(got or '')} characters)", got, want)
    truth("servqual_summary text is longer than 255 characters", len(want) > 255)


def kano_class():
    cur = connect("DSN=csm").cursor()
    row = cur.execute("SELECT kano_category(1, 5), kano_category(1, 3), kano_category('must-be', 'dislike')").fetchone()
    check("kano_class values", tuple(row), ("one-dimensional", "attractive", "must-be"))
    check("kano_class Python type", type(row[0]), str)
    rows = cur.execute("SELECT feature, kano_feature_category(functional, dysfunctional) "
                       "FROM kano_answers GROUP BY 1 ORDER BY 1").fetchall()
    check("kano_feature_category", [tuple(r) for r in rows],
          [("dark mode", "attractive"), ("login", "must-be"), ("offline sync", "one-dimensional"),
           ("tips", "indifferent")])


TYPES_QUERY = ("SELECT nps(recommend) AS d, count(*) AS b, round(nps(recommend)::numeric, 1) AS r, "
               "servqual_dimension(1) AS t, rating_agg(recommend) AS s, kano_category(1, 5) AS k, "
               "rating_agg(recommend)::jsonb AS j, nps_ci(recommend) AS ci, "
               "(SELECT (kano(functional, dysfunctional)).fong_significant FROM kano_answers) AS bo, "
               "min(answered_at::date) AS dt, gap_agg(satisfaction, effort) AS gs, "
               "(SELECT kano_agg(functional, dysfunctional) FROM kano_answers) AS ks, "
               "(SELECT servqual_agg(item, perception, expectation) FROM sample.servqual_answers) AS ss, "
               "(SELECT kano(functional, dysfunctional) FROM kano_answers) AS kr "
               "FROM feedback")


def types():
    # what SQLDescribeColW reports after execution, defaults and the docs' data source
    want_defaults = [("d", "SQL_FLOAT", 17), ("b", "SQL_BIGINT", 19), ("r", "SQL_NUMERIC", 28),
                     ("t", f"SQL_{W}LONGVARCHAR", 8190), ("s", f"SQL_{W}VARCHAR", 255), ("k", f"SQL_{W}VARCHAR", 255),
                     ("j", f"SQL_{W}VARCHAR", 255), ("ci", f"SQL_{W}VARCHAR", 255), ("bo", "SQL_VARCHAR", 5),
                     ("dt", "SQL_TYPE_DATE", 10), ("gs", f"SQL_{W}VARCHAR", 255), ("ks", f"SQL_{W}VARCHAR", 255),
                     ("ss", f"SQL_{W}VARCHAR", 410), ("kr", f"SQL_{W}VARCHAR", 255)]
    want_dsn = [c if c[0] not in ("s", "k", "j", "ci", "bo", "gs", "ks", "ss", "kr") else (c[0], f"SQL_{W}LONGVARCHAR", 8190)
                for c in want_defaults]
    want_dsn[want_dsn.index(("bo", f"SQL_{W}LONGVARCHAR", 8190))] = ("bo", "SQL_BIT", 1)
    # (with BoolsAsChar=1 a boolean is SQL_VARCHAR, not SQL_WVARCHAR, even in the Unicode driver)
    for label, conn_str, want in (("driver defaults", plain(), want_defaults), ("DSN csm", "DSN=csm", want_dsn),
                                  ("the docs' connection string", plain("UnknownsAsLongVarchar=1;BoolsAsChar=0"), want_dsn)):
        api = OdbcApi(conn_str)
        api.exec_direct(TYPES_QUERY)
        check(f"{label}: SQLDescribeColW", api.describe(), want)
        api.close()


def binding():
    """A tool binds each column with a buffer of the size the driver declares.
    A 410-character SERVQUAL summary is cut unless the declared size holds it."""
    cur = connect("DSN=csm").cursor()
    long_text = cur.execute(SERVQUAL_TEXT).fetchone()[0]
    check("characters in the sample study's SERVQUAL summary", len(long_text), 410)
    one = "SELECT servqual_agg(item, perception, expectation) AS s FROM sample.servqual_answers"
    # 299 one-item summaries (11 characters) first, then the long one, to outrun a first block of 100 rows
    late = ("SELECT g, CASE WHEN g < 300 THEN '{1:[1,1,1]}'::servqual_summary ELSE s END AS s "
            "FROM generate_series(1, 400) g, (" + one + ") x ORDER BY g")
    cases = [
        # settings, how the tool runs it, declared SQL type and size, the long value cut?
        ("", "prepared", f"SQL_{W}VARCHAR", 255, True),
        ("", "direct", f"SQL_{W}VARCHAR", 410, False),
        ("UnknownSizes=2", "prepared", f"SQL_{W}VARCHAR", 255, True),
        ("UseDeclareFetch=1;Fetch=100", "direct late", f"SQL_{W}VARCHAR", 255, True),
        ("MaxVarcharSize=4000", "prepared", f"SQL_{W}VARCHAR", 4000, False),
        ("UnknownsAsLongVarchar=1", "prepared", f"SQL_{W}LONGVARCHAR", 8190, False),
        ("UnknownsAsLongVarchar=1;UseDeclareFetch=1;Fetch=100", "direct late", f"SQL_{W}LONGVARCHAR", 8190, False),
        ("DSN=csm", "prepared", f"SQL_{W}LONGVARCHAR", 8190, False),
        ("DSN=csm_extract", "direct late", f"SQL_{W}LONGVARCHAR", 8190, False),
    ]
    for settings, how, sqltype, size, cut in cases:
        label = f"{settings or 'driver defaults'}, {how}"
        api = OdbcApi(settings if settings.startswith("DSN=") else plain(settings))
        if how == "prepared":                   # SQLPrepare, SQLDescribeCol, bind, SQLExecute
            api.prepare(one)
            cols = api.describe()
            api.bind(cols)
            api.execute()
        else:                                   # SQLExecDirect, SQLDescribeCol, bind
            api.exec_direct(late if how == "direct late" else one)
            cols = api.describe()
            api.bind(cols)
        rows = api.fetch_all()
        api.close()
        check(f"{label}: declared", cols[-1][1:], (sqltype, size))
        values, truncated = rows[-1]
        if cut:
            check(f"{label}: the value is cut at {size}", (values[-1], truncated), (long_text[:size], True))
        else:
            check(f"{label}: the value arrives whole", (values[-1], truncated), (long_text, False))


def prepared():
    c = connect("DSN=csm")
    cur, cat = c.cursor(), c.cursor()
    rec, eff = store_histograms(cat, "recommend"), store_histograms(cat, "effort")
    sql = ("SELECT nps(r, ?, ?), csat_top2(e, ?), i.lower, i.upper, r, rating_count(r) "
           "FROM (SELECT rollup(recommend) AS r, rollup(effort) AS e FROM sample_daily WHERE store = ?) s, "
           "LATERAL nps_ci(r, ?, ?) i")
    stores = sorted(rec)
    cuts = [(6, 8), (5, 8), (6, 7), (4, 6), (0, 9), (6, 8), (3, 5), (6, 8), (7, 8)]
    scales, levels, methods = [7, 8, 10], [0.95, 0.90, 0.99, 0.80], ["adjusted-wald", "wald"]
    for k in range(9):
        store, cut, scale = stores[(k * 7) % len(stores)], cuts[k % 9], scales[k % 3]
        level, method = levels[k % 4], methods[k % 2]
        row = cur.execute(sql, cut[0], cut[1], scale, store, level, method).fetchone()
        what = f"run {k + 1} ({store}, cuts {cut}, scale {scale}, level {level}, {method})"
        h = rec[store]
        near(f"{what} nps", row[0], nps(h, *cut), 1e-9)
        near(f"{what} top2", row[1], top2(eff[store], scale), 1e-9)
        lo, hi = nps_interval(h, level, method)
        near(f"{what} lower", row[2], lo, 1e-7)
        near(f"{what} upper", row[3], hi, 1e-7)
        check(f"{what} summary and n", (row[4], row[5]), (summary_text(h), sum(h)))
    # psqlODBC prepared it once on the server (a protocol-level statement) and reused it
    rows = cat.execute("SELECT from_sql, parameter_types::text FROM pg_prepared_statements "
                       "WHERE statement LIKE '%LATERAL nps_ci(r, $5, $6)%'").fetchall()
    check("pg_prepared_statements", [tuple(r) for r in rows],
          [(False, '{integer,integer,integer,text,"double precision",text}')])
    # with UseDeclareFetch=1 the driver declares a cursor instead: nothing is prepared
    c2 = connect("DSN=csm_extract")
    cur2, cat2 = c2.cursor(), c2.cursor()
    for k in range(3):
        cur2.execute(sql, 6, 8, 7, stores[0], 0.95, "wald").fetchall()
    rows = cat2.execute("SELECT count(*) FROM pg_prepared_statements").fetchone()
    check("DSN csm_extract: prepared statements", rows[0], 0)


def errors():
    cur = connect("DSN=csm").cursor()
    cases = [("SELECT nps(x) FROM (VALUES (9), (11)) v(x)", "22003"),
             ("SELECT csat_top2(x) FROM (VALUES (4), (7)) v(x)", "22003"),
             ("SELECT nps(x) FROM (VALUES (9.5)) v(x)", "22003"),
             ("SELECT nps('{9:1}'::rating_summary, 8, 6)", "22023"),
             ("SELECT '{11:1}'::rating_summary", "22003"),
             ("SELECT 'nine'::rating_summary", "22P02")]
    for sql, state in cases:
        got = None
        try:
            cur.execute(sql).fetchall()
        except pyodbc.DataError as e:               # pyodbc maps SQLSTATE class 22 to DataError
            got = e.args[0]
        except pyodbc.Error as e:
            got = f"{type(e).__name__} {e.args[0]}"
        check(sql, got, state)
    for k in range(6):                              # a bad score as a parameter of a prepared statement
        bad = k % 2 == 1
        got = None
        try:
            got = cur.execute("SELECT nps(x) FROM unnest(string_to_array(?, ',')::int[]) x",
                              "9,11" if bad else "9,10,0").fetchone()[0]
        except pyodbc.DataError as e:
            got = e.args[0]
        if bad:
            check(f"prepared bad score, run {k + 1}", got, "22003")
        else:
            near(f"prepared good scores, run {k + 1}", got, 100.0 / 3, 1e-12)
    check("after the errors", cur.execute("SELECT nps(10)").fetchone()[0], 100.0)


def streaming():
    """1M groups through the docs' csm_extract data source: a cursor, read in
    blocks of Fetch rows (autocommit off)."""
    c = connect("DSN=csm_extract", autocommit=False)
    cur, cat = c.cursor(), c.cursor()
    cur.execute("SELECT s / 3 AS g, nps(s % 11) AS nps, rating_agg(s % 11) AS summary "
                "FROM generate_series(0, 2999999) s GROUP BY 1")
    first = cur.fetchmany(10)
    held = cat.execute("SELECT count(*) FROM pg_cursors WHERE statement LIKE '%generate_series(0, 2999999)%' "
                       "AND statement NOT LIKE '%pg_cursors%'").fetchone()[0]
    check("a server-side cursor held the result while it was read (pg_cursors)", held, 1)
    seen = bytearray(1000000)
    rows = bad = 0
    batch = first
    while batch:
        for g, n, s in batch:
            rows += 1
            h = [0] * 11
            for k in range(3):                      # group g: the scores 3g, 3g+1, 3g+2, mod 11
                h[(3 * g + k) % 11] += 1
            if not 0 <= g < 1000000 or seen[g] or abs(n - nps(h)) > 1e-12 or s != summary_text(h):
                bad += 1
                if bad <= 3:
                    problems.append(f"group {g}: {n} {s}")
            else:
                seen[g] = 1
        batch = cur.fetchmany(10000)
    check("rows", rows, 1000000)
    check("wrong or repeated groups", bad, 0)
    c.rollback()
    # without UseDeclareFetch there is no cursor: the driver has read the whole result
    c = connect("DSN=csm", autocommit=False)
    cur, cat = c.cursor(), c.cursor()
    cur.execute("SELECT g, nps(g % 11) FROM generate_series(1, 20000) g GROUP BY g")
    cur.fetchmany(10)
    held = cat.execute("SELECT count(*) FROM pg_cursors WHERE statement LIKE '%generate_series(1, 20000)%' "
                       "AND statement NOT LIKE '%pg_cursors%'").fetchone()[0]
    check("DSN csm: cursors", held, 0)
    c.rollback()


def procedures():
    c = connect("DSN=csm")
    cur = c.cursor()
    want = sorted(r[0] for r in cur.execute(
        "SELECT p.proname FROM pg_proc p "
        "JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e' "
        "JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'csm'").fetchall())
    schema = cur.execute("SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'csm'").fetchone()[0]
    rows = [r for r in cur.procedures(schema=schema).fetchall() if r.procedure_name in set(want)]
    check("SQLProcedures: every csm function and aggregate", sorted(r.procedure_name for r in rows), want)
    # quirk: psqlODBC returns no REMARKS; the comments are in pg_description
    check("SQLProcedures REMARKS", sorted({r.remarks for r in rows}), [""])
    rows = cur.execute("SELECT count(*), count(obj_description(p.oid, 'pg_proc')) FROM pg_proc p "
                       "JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e' "
                       "JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'csm'").fetchone()
    check("every csm function and aggregate has a comment", rows[1], rows[0])


def bi_views():
    cur = connect("DSN=csm;Database=csm_bi").cursor()
    for view in ("feedback_daily_bi", "feedback_monthly_bi"):
        rows = cur.tables(table=view, schema="public").fetchall()
        check(f"SQLTables {view}", [r.table_type for r in rows], ["VIEW"])
    for view, first in (("feedback_daily_bi", "day"), ("feedback_monthly_bi", "month")):
        cols = [(r.column_name, SQL.get(r.data_type, r.data_type)) for r in cur.columns(table=view, schema="public")]
        want = [(first, "SQL_TYPE_DATE"), ("store", f"SQL_{W}LONGVARCHAR")]
        for m in ("nps", "csat", "ces"):
            want.append((f"{m}_n", "SQL_BIGINT"))
            if m == "nps":
                want += [(k, "SQL_BIGINT") for k in ("promoters", "passives", "detractors")]
            want += [(m, "SQL_FLOAT"), (f"{m}_lower", "SQL_FLOAT"), (f"{m}_upper", "SQL_FLOAT")]
        check(f"SQLColumns {view}", cols, want)
    rows = cur.execute("SELECT * FROM feedback_daily_bi ORDER BY day, store").fetchall()
    check("feedback_daily_bi rows", [(str(r.day), r.store) for r in rows],
          sorted({(a[0], a[1]) for a in ANSWERS}))
    for r in rows:
        day = str(r.day)
        figures(f"{day} {r.store}", r, answers(2, day, r.store), answers(3, day, r.store), answers(4, day, r.store))
    rows = cur.execute("SELECT * FROM feedback_monthly_bi ORDER BY month, store").fetchall()
    check("feedback_monthly_bi rows", [(str(r.month), r.store) for r in rows],
          [("2026-01-01", "Leeds"), ("2026-01-01", "York")])
    for r in rows:
        figures(f"January {r.store}", r, answers(2, store=r.store), answers(3, store=r.store), answers(4, store=r.store))
    # the counts re-aggregate: 100 (sum promoters - sum detractors) / sum n
    for store, v in cur.execute("SELECT store, 100.0 * (sum(promoters) - sum(detractors)) / sum(nps_n) "
                                "FROM feedback_daily_bi GROUP BY store").fetchall():
        near(f"re-aggregated NPS {store}", float(v), nps(hist(answers(2, store=store))), 1e-12)


# Student t quantiles at 0.975: df 1 and 2 in closed form, df 3 the published value
T975 = {1: math.tan(math.pi * (0.975 - 0.5)), 2: (2 * 0.975 - 1) / math.sqrt(2 * 0.975 * 0.025), 3: 3.182446305284263}


def figures(what, r, recommend, satisfaction, effort):
    """Every figure of a BI view's row, from the answers."""
    rec, sat = hist(recommend), hist(satisfaction)
    check(f"{what} counts", (r.nps_n, r.promoters, r.passives, r.detractors),
          (sum(rec), sum(rec[9:]), sum(rec[7:9]), sum(rec[:7])))
    near(f"{what} nps", r.nps, nps(rec), 1e-12)
    lo, hi = nps_interval(rec)
    near(f"{what} nps_lower", r.nps_lower, lo, 1e-9)
    near(f"{what} nps_upper", r.nps_upper, hi, 1e-9)
    check(f"{what} csat_n", r.csat_n, sum(sat))
    if sum(sat):
        near(f"{what} csat", r.csat, top2(sat), 1e-12)
        lo, hi = wilson(sat[4] + sat[5], sum(sat))
        near(f"{what} csat_lower", r.csat_lower, lo, 1e-9)
        near(f"{what} csat_upper", r.csat_upper, hi, 1e-9)
    else:
        check(f"{what} csat without answers", (r.csat, r.csat_lower, r.csat_upper), (None, None, None))
    n = len(effort)
    mean = sum(effort) / n
    check(f"{what} ces_n", r.ces_n, n)
    near(f"{what} ces", r.ces, mean, 1e-12)
    if n < 2:
        check(f"{what} ces interval needs 2 answers", (r.ces_lower, r.ces_upper), (None, None))
    else:
        half = T975[n - 1] * math.sqrt(sum((x - mean) ** 2 for x in effort) / (n - 1)) / math.sqrt(n)
        near(f"{what} ces_lower", r.ces_lower, mean - half, 1e-9)
        near(f"{what} ces_upper", r.ces_upper, mean + half, 1e-9)


def ansi_pyodbc():
    """pyodbc reads text (SQL_CHAR decoding) and numeric columns (SQL_WCHAR
    decoding) as UTF-16, and binds str parameters as UTF-16 (SQL_C_WCHAR),
    by default.  The Unicode driver takes all three; the ANSI driver refuses
    them (07006, HYC00) until setdecoding and setencoding name UTF-8."""
    def attempt(c, sql, *params):
        try:
            return c.cursor().execute(sql, *params).fetchone()[0]
        except pyodbc.Error as e:
            return e.args[0]
    c = pyodbc.connect("DSN=csm", autocommit=True)
    ansi = KEY == "ansi"
    text, number, param = "SELECT kano_category(1, 5)", "SELECT round(nps(x)::numeric, 1) FROM (VALUES (9), (0), (7)) v(x)", \
        "SELECT nps(?::rating_summary)"
    check("text, pyodbc's defaults", attempt(c, text), "07006" if ansi else "one-dimensional")
    check("numeric, pyodbc's defaults", attempt(c, number), "07006" if ansi else decimal.Decimal("0.0"))
    check("a str parameter, pyodbc's defaults", attempt(c, param, "{3:1,9:3}"), "HYC00" if ansi else 50.0)
    c.setdecoding(pyodbc.SQL_CHAR, encoding="utf-8")
    check("text after setdecoding(SQL_CHAR, 'utf-8')", attempt(c, text), "one-dimensional")
    c.setdecoding(pyodbc.SQL_WCHAR, encoding="utf-8")
    check("numeric after setdecoding(SQL_WCHAR, 'utf-8')", attempt(c, number), decimal.Decimal("0.0"))
    c.setencoding(encoding="utf-8")
    check("a str parameter after setencoding('utf-8')", attempt(c, param, "{3:1,9:3}"), 50.0)


def main():
    write_data_sources()
    c = connect("DSN=csm")
    print(f"       clients: odbc ({KEY}): {c.getinfo(pyodbc.SQL_DRIVER_NAME)} {c.getinfo(pyodbc.SQL_DRIVER_VER)}, "
          f"unixODBC {c.getinfo(pyodbc.SQL_DM_VER)}, pyodbc {pyodbc.version}, "
          f"PostgreSQL {c.getinfo(pyodbc.SQL_DBMS_VER)}")
    c.close()
    section("one-step and two-step queries", steps)
    section("composite results expanded as columns; booleans", composites)
    section("summaries as text, through the jsonb casts, and as parameters", summaries)
    section("kano_class arrives as text", kano_class)
    section("column types (SQLDescribeColW)", types)
    section("a tool binding at the declared size: which settings cut a long summary", binding)
    section("prepared statement with the metric's parameters, prepared on the server", prepared)
    section("a bad score is SQLSTATE 22003, a bad parameter 22023", errors)
    section("1M groups streamed through a cursor (UseDeclareFetch)", streaming)
    section("SQLProcedures lists csm's functions and aggregates, without comments", procedures)
    section("BI views: SQLTables, SQLColumns and plain columns", bi_views)
    section("pyodbc's text decoding and encoding with this driver", ansi_pyodbc)
    print(f"       clients: odbc ({KEY}): {results['passed']} passed, {results['failed']} failed")
    return 1 if results["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
