"""psycopg2 (Debian's python3-psycopg2) against csm: one-step and two-step
queries, composite results as named columns, summaries as text and as
binary (COPY BINARY out of the server and back in).  Expected values are
the README's, computed by hand: Leeds 9, 10, 6, 8 -> NPS 25; York 3, 10, 7
-> NPS 0."""
import io
import sys

import psycopg2
import psycopg2.extras

conn = psycopg2.connect(dbname="csm_clients")
conn.autocommit = True
cur = conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor)
failures = []


def expect(what, got, want):
    if got != want:
        failures.append(f"{what}: got {got!r}, expected {want!r}")


cur.execute("SELECT store, nps(recommend), csat_top2(satisfaction) FROM feedback GROUP BY store ORDER BY store")
rows = cur.fetchall()
expect("one-step", [(r["store"], r["nps"], r["csat_top2"]) for r in rows],
       [("Leeds", 25.0, 75.0), ("York", 0.0, 50.0)])

cur.execute("SELECT store, nps(rollup(recommend)) FROM daily GROUP BY store ORDER BY store")
expect("two-step", [(r["store"], r["nps"]) for r in cur.fetchall()], [("Leeds", 25.0), ("York", 0.0)])

cur.execute("SELECT (nps_ci(rating_agg(recommend))).* FROM feedback WHERE store = 'Leeds'")
ci = cur.fetchone()
expect("composite fields", sorted(ci.keys()), sorted(["estimate", "lower", "upper", "se", "level", "method", "n"]))
expect("composite values", (ci["estimate"], ci["method"], ci["n"]), (25.0, "adjusted-wald", 4))

# text: the summary arrives as a string and goes back as a parameter
cur.execute("SELECT recommend FROM daily WHERE store = 'Leeds' AND day = '2026-01-05'")
text = cur.fetchone()["recommend"]
expect("text form", text, "{9:1,10:1}")
cur.execute("SELECT %s::rating_summary = recommend AS same FROM daily WHERE store = 'Leeds' AND day = '2026-01-05'",
            (text,))
expect("text round trip", cur.fetchone()["same"], True)

# binary: COPY BINARY out, then back in
buf = io.BytesIO()
cur.copy_expert("COPY daily TO STDOUT (FORMAT binary)", buf)
buf.seek(0)
cur.copy_expert("COPY daily_back FROM STDIN (FORMAT binary)", buf)
cur.execute("SELECT count(*) AS n, bool_and(b.recommend = d.recommend) AS same "
            "FROM daily d JOIN daily_back b USING (day, store)")
r = cur.fetchone()
expect("binary round trip", (r["n"], r["same"]), (5, True))

if failures:
    print("clients: psycopg2: " + "; ".join(failures))
    sys.exit(1)
print("clients: psycopg2: one-step, two-step, composite columns, text and COPY BINARY round trips")
