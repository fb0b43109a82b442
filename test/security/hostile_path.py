"""Hostile search_path: nothing inside csm may be captured by look-alikes.

A schema `evil`, searched before pg_catalog, holds functions and operators
that look like the server's (int8pl, a `+` on bigint, `=` on text, sqrt,
...) and, once csm is installed, like every csm function (same name, same
argument types).  Each one raises "captured by evil...".  csm is installed
under that search_path, then every csm function and aggregate is called
(schema-qualified, as a careful caller would) with sample arguments, once
with a clean search_path and once with the hostile one.  The outcomes (value
or SQLSTATE and message) must be identical and never mention "captured".

Run by test/security/run as a non-superuser; uses PG* environment variables.
"""
import itertools
import sys

import psycopg2
import psycopg2.extensions

DB = "csm_hostile"
HOSTILE = "evil, pg_catalog, public"
CLEAN = "pg_catalog, public"

# Sample values per argument type; every type a csm function takes must be
# here (the test fails otherwise, so new functions cannot go untested).
SAMPLES = {
    "smallint": ["9", "3"],
    "integer": ["9", "3"],
    "bigint": ["9", "3"],
    "numeric": ["9", "3"],
    "double precision": ["0.9", "3"],
    "real": ["0.9", "3"],
    "boolean": ["true", "false"],
    "text": ["'agreement'", "'wald'", "'like'", "'dislike'", "'shapley'"],
    "text[]": ["ARRAY['speed', 'staff']", "ARRAY['price']"],
    "double precision[]": ["ARRAY[4.0, 2.0]", "ARRAY[1.0, NULL]"],
    "text": ["'agreement'", "'wald'", "'like'", "'dislike'", "'shewhart'", "'laney'"],
    "jsonb": ["'{\"counts\": {\"9\": 2, \"3\": 1}}'", "'{\"pairs\": {\"15\": 2}}'"],
    "rating_summary": ["'{0:3,6:2,8:4,9:5,10:6}'", "'{1:3,2:2,4:4,5:7}'"],
    "kano_summary": ["'{15:3,13:2,25:1,33:4}'", "'{11:1,51:2}'"],
    "gap_summary": ["'{n:3,w:100,wg:-90,g:-2,gg:6,p:15,e:17}'", "'{n:0,w:0,wg:0,g:0,gg:0,p:0,e:0}'"],
    "servqual_summary": ["'{1:[3,15,18],5:[2,10,12.5],10:[1,5,6],14:[1,5,5],18:[1,4,6]}'", "'{1:[1,5,6]}'"],
    "weighted_rating_summary": ["'{0:[3,2,1.5],6:[2,2,2],8:[4,3,2.5],9:[5,5,5.5],10:[6,6,7]}'",
                                "'{1:[3,3,3],2:[2,1,0.5],4:[4,4,4],5:[7,7,7]}'"],
    "driver_summary": ["'{n:6,skipped:1,p:2,weighted:false,w:6,means:[5.833333333333333+2.7755575615628914e-16,"
                       "2.8333333333333335-1.9428902930940239e-16,3+2.7755575615628914e-17],"
                       "comoments:[26.833333333333332,16.833333333333332,8,10.833333333333334,6,10]}'",
                       "'{n:0,skipped:0,p:0}'"],
    "control_summary": ["'{}'", "'{kind:runs_z,rows:3,useful:2,crossings:1,run:1,longest:1,side:-1,beyond:1,current:0}'",
                        "'{kind:baseline,metric:nps,empty:1,periods:[[100,100,3000,6100],[4,4,-200,7500]]}'"],
    "control_baseline": ["'(nps,20,6000,1.2,20,0,2000,,)'", "'(share,50,2500,,4,0,200,2,5)'"],
    "league_summary": ["'{kind:nps,empty:1,groups:{[7,2,1]:1,[1,3,6]:1,[5,3,2]:1,[3,4,3]:1}}'",
                       "'{kind:mean,empty:0,groups:{[8.9,10,4.49]:1,[3.6,10,10.44]:1,[7.8,10,1.56]:1}}'"],
    "dirichlet_prior": ["'(1.8,1.35,1.35,10,4,1,moments,t,f,0.18,10,6900,1.52,712)'",
                        "'(Infinity,Infinity,Infinity,30,4,0,mle,t,t,0,30,5100,0.5,0)'"],
    "beta_prior": ["'(0.62,0.5,3,10,55,4,0,moments,t,f,0.47,55,2475,1.2,40)'",
                   "'(Infinity,Infinity,2,5,60,3,0,mle,t,t,0,60,2400,0.8,0)'"],
    "normal_prior": ["'(7,4.5,4,1,moments,t,f,4.5,7,9.15,1.5,3)'", "'(5,0,3,0,mle,t,t,0,5,2,0.9,0)'"],
}
MAX_CALLS_PER_FUNCTION = 64

# Server objects csm's SQL might reach; each gets an evil twin.
EVIL_FUNCTIONS = [
    ("int8pl", "bigint, bigint", "bigint"), ("int4pl", "integer, integer", "integer"),
    ("float8pl", "double precision, double precision", "double precision"),
    ("float8mi", "double precision, double precision", "double precision"),
    ("float8mul", "double precision, double precision", "double precision"),
    ("float8div", "double precision, double precision", "double precision"),
    ("sqrt", "double precision", "double precision"), ("abs", "double precision", "double precision"),
    ("round", "double precision", "double precision"), ("round", "numeric, integer", "numeric"),
    ("lower", "text", "text"), ("upper", "text", "text"), ("btrim", "text", "text"),
    ("textcat", "text, text", "text"), ("texteq", "text, text", "boolean"),
    ("count", "bigint", "bigint"), ("sum", "bigint", "bigint"),
]
EVIL_OPERATORS = [
    (op, t, ret)
    for t in ("smallint", "integer", "bigint", "double precision", "numeric")
    for op, ret in (("+", t), ("-", t), ("*", t), ("/", t), ("=", "boolean"),
                    ("<", "boolean"), (">", "boolean"), ("<=", "boolean"),
                    (">=", "boolean"), ("<>", "boolean"))
] + [("||", "text", "text"), ("=", "text", "boolean"), ("<>", "text", "boolean")]


def raiser(name, args, ret):
    return (f"CREATE FUNCTION evil.{name}({args}) RETURNS {ret} LANGUAGE plpgsql AS "
            f"$$BEGIN RAISE EXCEPTION 'captured by evil.{name}({args})'; END$$")


def connect(dbname):
    conn = psycopg2.connect(dbname=dbname, options="-c client_min_messages=warning")
    conn.autocommit = True
    return conn


def install_hostile_server_twins(cur):
    cur.execute("CREATE SCHEMA evil")
    for name, args, ret in EVIL_FUNCTIONS:
        cur.execute(raiser(name, args, ret))
    for i, (op, t, ret) in enumerate(EVIL_OPERATORS):
        fn = f"op{i}"
        cur.execute(raiser(fn, f"{t}, {t}", ret))
        cur.execute(f"CREATE OPERATOR evil.{op} (LEFTARG = {t}, RIGHTARG = {t}, "
                    f"FUNCTION = evil.{fn})")


def csm_routines(cur):
    cur.execute("""
        SELECT p.oid, p.proname, p.prokind,
               pg_catalog.pg_get_function_identity_arguments(p.oid),
               pg_catalog.format_type(p.prorettype, NULL),
               ARRAY(SELECT pg_catalog.format_type(t, NULL)
                     FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY u(t, i) ORDER BY i),
               ARRAY(SELECT t FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY u(t, i) ORDER BY i)
        FROM pg_catalog.pg_proc p
        JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_proc'::regclass
             AND d.objid = p.oid AND d.deptype = 'e'
        JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid AND e.extname = 'csm'
        ORDER BY p.proname, p.oid""")
    return cur.fetchall()


def samples_for(cur, typname, typoid):
    if typname in SAMPLES:
        return SAMPLES[typname]
    cur.execute("SELECT typtype FROM pg_catalog.pg_type WHERE oid = %s", (typoid,))
    if cur.fetchone()[0] == "e":
        cur.execute("SELECT enumlabel FROM pg_catalog.pg_enum WHERE enumtypid = %s "
                    "ORDER BY enumsortorder LIMIT 2", (typoid,))
        return [psycopg2.extensions.QuotedString(r[0]).getquoted().decode() for r in cur.fetchall()]
    return None


def calls(cur, routine):
    """SQL statements calling one csm routine with sample arguments."""
    oid, name, kind, _, _, argnames, argoids = routine
    pools = []
    for tname, toid in zip(argnames, argoids):
        s = samples_for(cur, tname, toid)
        if s is None:
            raise LookupError(f"no sample value for type {tname} (argument of {name}); "
                              f"add one to SAMPLES in test/security/hostile_path.py")
        pools.append([f"{v}::public.{tname}" if tname not in SAMPLES or tname.endswith("summary")
                      or tname.startswith("control_") else f"{v}::{tname}" for v in s])
    out = []
    for combo in itertools.islice(itertools.product(*pools), MAX_CALLS_PER_FUNCTION):
        if kind == "a":
            cols = ", ".join(f"c{i}" for i in range(len(combo)))
            row = "(" + ", ".join(combo) + ")"
            out.append(f"SELECT public.{name}({cols})::text FROM (VALUES {row}, {row}) v({cols})")
        else:
            out.append(f"SELECT public.{name}({', '.join(combo)})::text")
    return out


def outcome(cur, sql, path):
    cur.execute(f"SET search_path = {path}")
    try:
        cur.execute(sql)
        return "value: " + repr(cur.fetchall())
    except psycopg2.Error as e:
        return f"error {e.pgcode}: {e.diag.message_primary}"


def main():
    admin = connect("postgres")
    admin.cursor().execute(f"DROP DATABASE IF EXISTS {DB}")
    admin.cursor().execute(f"CREATE DATABASE {DB}")

    conn = connect(DB)
    cur = conn.cursor()
    install_hostile_server_twins(cur)
    cur.execute(f"SET search_path = {HOSTILE}")
    cur.execute("CREATE EXTENSION csm SCHEMA public")

    cur.execute(f"SET search_path = {CLEAN}")
    routines = [r for r in csm_routines(cur)
                if not ({"cstring", "internal"} & set(r[5]) or r[4] in ("cstring", "internal"))]
    # Twins of csm's own functions, for any unqualified reference inside csm.
    twins = 0
    for oid, name, kind, identity, ret, _, _ in routines:
        if kind == "f":
            cur.execute(f"SET search_path = {CLEAN}")
            cur.execute("SELECT pg_catalog.pg_get_function_result(%s)", (oid,))
            result = cur.fetchone()[0]
            qualified = identity
            try:
                cur.execute(raiser(name, qualified, result))
                twins += 1
            except psycopg2.Error as e:
                print(f"hostile_path: cannot create twin of {name}({identity}): {e}")
                return 1

    # The trap must bite: an unqualified `+` in a SQL function is captured.
    cur.execute(f"SET search_path = {CLEAN}")
    cur.execute("CREATE FUNCTION pg_temp.unsafe_probe(bigint) RETURNS bigint "
                "LANGUAGE sql AS 'SELECT $1 + $1'")
    if "captured" not in outcome(cur, "SELECT pg_temp.unsafe_probe(1)", HOSTILE):
        print("hostile_path: the evil operators capture nothing; the test is broken")
        return 1

    failures = []
    ncalls = 0
    for r in routines:
        for sql in calls(cur, r):
            clean = outcome(cur, sql, CLEAN)
            hostile = outcome(cur, sql, HOSTILE)
            ncalls += 1
            if clean != hostile or "captured" in clean + hostile:
                failures.append(f"{sql}\n   clean:   {clean}\n   hostile: {hostile}")
    if failures:
        print(f"hostile_path: {len(failures)} call(s) differ under a hostile search_path:")
        print("\n".join(failures[:20]))
        return 1
    print(f"hostile_path: {len(routines)} csm routines, {ncalls} calls, {twins} csm twins and "
          f"{len(EVIL_FUNCTIONS) + len(EVIL_OPERATORS)} server twins in the path: nothing captured")
    return 0


if __name__ == "__main__":
    sys.exit(main())
