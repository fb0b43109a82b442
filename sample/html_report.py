"""The visual report for the sample data: a self-contained HTML page whose
charts are inline SVG drawn from csm's own SQL output (no script, no
network at view time).

    /usr/bin/python3 sample/html_report.py [output.html]    # default csm-report.html

Needs the sample data (sample/feedback.sql, sample/studies.sql) and csm in
the database the PG* environment variables point to.
"""
import html
import sys

import psycopg2

OUT = sys.argv[1] if len(sys.argv) > 1 else "csm-report.html"
conn = psycopg2.connect(options="-c client_min_messages=warning -c TimeZone=UTC")
cur = conn.cursor()


def q(sql):
    cur.execute(sql)
    return cur.fetchall()


def esc(x):
    return html.escape(str(x))


def scale(v, lo, hi, a, b):
    return a + (v - lo) / (hi - lo) * (b - a)


# ---- the figures, all from csm ---------------------------------------------------
overall = q("""SELECT nps(r), (nps_ci(r)).lower, (nps_ci(r)).upper, rating_count(r),
                      (csat_top2_ci(s)).estimate, (csat_top2_ci(s)).lower, (csat_top2_ci(s)).upper,
                      (ces_avg_ci(e)).estimate, (ces_avg_ci(e)).lower, (ces_avg_ci(e)).upper,
                      ces_easy_pct(e, 'agreement')
               FROM (SELECT rating_agg(recommend) r, rating_agg(satisfaction) s, rating_agg(effort) e
                     FROM sample.feedback) x""")[0]
# Weighted to the customer base by channel (the weight column): design-based intervals.
weighted = q("""SELECT nps(r), (nps_ci(r)).lower, (nps_ci(r)).upper,
                       (csat_top2_ci(s)).estimate, (csat_top2_ci(s)).lower, (csat_top2_ci(s)).upper,
                       (ces_avg_ci(e)).estimate, (ces_avg_ci(e)).lower, (ces_avg_ci(e)).upper,
                       ces_easy_pct(e, 'agreement'), effective_n(r), design_effect(r)
                FROM (SELECT rating_agg(recommend, weight) r, rating_agg(satisfaction, weight) s,
                             rating_agg(effort, weight) e FROM sample.feedback) x""")[0]
channels = q("""SELECT channel, 100.0 * count(*) / sum(count(*)) OVER (), 100 * customer_share, min(weight),
                       nps(recommend), nps(recommend, weight)
                FROM sample.feedback JOIN sample.channel USING (channel)
                GROUP BY channel, customer_share ORDER BY customer_share DESC""")
months = q("""SELECT to_char(m, 'Mon'), (c).estimate, (c).lower, (c).upper
              FROM (SELECT date_trunc('month', answered_at) m, nps_ci(rating_agg(recommend)) c
                    FROM sample.feedback GROUP BY 1) x ORDER BY m""")
stores = q("""SELECT store, (c).estimate, (c).lower, (c).upper, (c).n
              FROM (SELECT store, nps_ci(rating_agg(recommend)) c FROM sample.feedback GROUP BY store) x
              ORDER BY (c).estimate DESC""")
servqual = q("""SELECT tangibles, reliability, responsiveness, assurance, empathy, overall,
                       (servqual(s, 11, 32, 22, 19, 16)).weighted
                FROM (SELECT servqual_agg(item, perception, expectation) s FROM sample.servqual_answers) x,
                     LATERAL servqual(s)""")[0]
kano = q("""SELECT feature, category::text, kano_code(category), better, worse, n, fong_significant
            FROM (SELECT feature, (kano(functional, dysfunctional)).* FROM sample.kano_answers GROUP BY feature) k
            ORDER BY feature""")


# ---- charts ------------------------------------------------------------------------
def nps_trend():
    w, h, l, r, t, b = 720, 300, 50, 20, 20, 40
    lo, hi = 0, 50
    xs = [scale(i, 0, len(months) - 1, l, w - r) for i in range(len(months))]
    y = lambda v: scale(v, lo, hi, h - b, t)
    band = " ".join(f"{x:.1f},{y(m[3]):.1f}" for x, m in zip(xs, months)) + " " + \
        " ".join(f"{x:.1f},{y(m[2]):.1f}" for x, m in reversed(list(zip(xs, months))))
    line = " ".join(f"{x:.1f},{y(m[1]):.1f}" for x, m in zip(xs, months))
    grid = "".join(f'<line x1="{l}" x2="{w - r}" y1="{y(v):.1f}" y2="{y(v):.1f}" class="grid"/>'
                   f'<text x="{l - 6}" y="{y(v) + 4:.1f}" class="axis" text-anchor="end">{v}</text>'
                   for v in range(lo, hi + 1, 10))
    labels = "".join(f'<text x="{x:.1f}" y="{h - b + 18}" class="axis" text-anchor="middle">{esc(m[0])}</text>'
                     for x, m in zip(xs, months))
    dots = "".join(f'<circle cx="{x:.1f}" cy="{y(m[1]):.1f}" r="3.5" class="dot"><title>{esc(m[0])}: NPS {m[1]:.1f} '
                   f'(95% CI {m[2]:.1f} to {m[3]:.1f})</title></circle>' for x, m in zip(xs, months))
    return (f'<svg id="nps-trend" viewBox="0 0 {w} {h}" role="img" aria-label="NPS by month with 95% interval">'
            f'{grid}<polygon points="{band}" class="band"/><polyline points="{line}" class="line"/>{dots}{labels}</svg>')


def store_ranking():
    row, w, l, r = 22, 720, 110, 60
    h = row * len(stores) + 40
    lo, hi = -20, 80
    x = lambda v: scale(max(lo, min(hi, v)), lo, hi, l, w - r)
    parts = [f'<line x1="{x(v):.1f}" x2="{x(v):.1f}" y1="10" y2="{h - 25}" class="grid"/>'
             f'<text x="{x(v):.1f}" y="{h - 8}" class="axis" text-anchor="middle">{v}</text>'
             for v in range(lo, hi + 1, 20)]
    for i, (store, est, lower, upper, n) in enumerate(stores):
        yy = 20 + i * row
        parts.append(f'<text x="{l - 8}" y="{yy + 4}" class="label" text-anchor="end">{esc(store)}</text>'
                     f'<line x1="{x(lower):.1f}" x2="{x(upper):.1f}" y1="{yy}" y2="{yy}" class="ci"/>'
                     f'<circle cx="{x(est):.1f}" cy="{yy}" r="4" class="dot"><title>{esc(store)}: NPS {est:.1f} '
                     f'({lower:.1f} to {upper:.1f}), n = {n}</title></circle>'
                     f'<text x="{w - r + 6}" y="{yy + 4}" class="axis">{est:.0f}</text>')
    return f'<svg id="store-ranking" viewBox="0 0 {w} {h}" role="img" aria-label="stores ranked by NPS">{"".join(parts)}</svg>'


def servqual_bars():
    names = ["tangibles", "reliability", "responsiveness", "assurance", "empathy"]
    w, h, l, r, t = 720, 230, 130, 60, 15
    row = 38
    lo, hi = -1.5, 0.25
    x = lambda v: scale(v, lo, hi, l, w - r)
    parts = [f'<line x1="{x(0):.1f}" x2="{x(0):.1f}" y1="{t}" y2="{t + row * 5}" class="axisline"/>']
    for v in (-1.5, -1.0, -0.5, 0):
        parts.append(f'<text x="{x(v):.1f}" y="{t + row * 5 + 16}" class="axis" text-anchor="middle">{v:g}</text>')
    for i, (name, gap) in enumerate(zip(names, servqual[:5])):
        yy = t + i * row
        parts.append(f'<text x="{l - 8}" y="{yy + 20}" class="label" text-anchor="end">{name}</text>'
                     f'<rect x="{x(gap):.1f}" y="{yy + 6}" width="{x(0) - x(gap):.1f}" height="22" class="bar">'
                     f'<title>{name}: gap {gap:.2f}</title></rect>'
                     f'<text x="{x(0) + 6:.1f}" y="{yy + 22}" class="axis">{gap:.2f}</text>')
    return f'<svg id="servqual-gaps" viewBox="0 0 {w} {h}" role="img" aria-label="SERVQUAL dimension gaps">{"".join(parts)}</svg>'


def kano_quadrants():
    s, m = 460, 50
    x = lambda v: scale(v, 0, 1, m, s - 10)          # |Worse|
    y = lambda v: scale(v, 0, 1, s - m, 10)          # Better
    parts = [f'<rect x="{m}" y="10" width="{s - 10 - m}" height="{s - m - 10}" class="frame"/>',
             f'<line x1="{x(0.5)}" x2="{x(0.5)}" y1="10" y2="{s - m}" class="grid"/>',
             f'<line x1="{m}" x2="{s - 10}" y1="{y(0.5)}" y2="{y(0.5)}" class="grid"/>',
             f'<text x="{x(0.25)}" y="28" class="quad" text-anchor="middle">Attractive</text>',
             f'<text x="{x(0.75)}" y="28" class="quad" text-anchor="middle">One-dimensional</text>',
             f'<text x="{x(0.25)}" y="{s - m - 8}" class="quad" text-anchor="middle">Indifferent</text>',
             f'<text x="{x(0.75)}" y="{s - m - 8}" class="quad" text-anchor="middle">Must-be</text>',
             f'<text x="{(m + s) / 2}" y="{s - 12}" class="axis" text-anchor="middle">|Worse| (dissatisfaction if absent)</text>',
             f'<text x="14" y="{(s - m) / 2}" class="axis" text-anchor="middle" transform="rotate(-90 14 {(s - m) / 2})">'
             f'Better (satisfaction if present)</text>']
    for v in (0, 0.5, 1):
        parts.append(f'<text x="{x(v)}" y="{s - m + 14}" class="axis" text-anchor="middle">{v:g}</text>'
                     f'<text x="{m - 6}" y="{y(v) + 4}" class="axis" text-anchor="end">{v:g}</text>')
    for feature, cat, code, better, worse, n, sig in kano:
        parts.append(f'<circle cx="{x(-worse):.1f}" cy="{y(better):.1f}" r="5" class="kano {code}">'
                     f'<title>{esc(feature)}: {cat}, Better {better:.2f}, Worse {worse:.2f}, n = {n}</title></circle>'
                     f'<text x="{x(-worse) + (-8 if -worse > 0.6 else 8):.1f}" y="{y(better) + 4:.1f}" class="label" '
                     f'text-anchor="{"end" if -worse > 0.6 else "start"}">{esc(feature)}</text>')
    return f'<svg id="kano-quadrants" style="max-width: 520px" viewBox="0 0 {s} {s}" role="img" aria-label="Kano Better/Worse quadrant chart">{"".join(parts)}</svg>'


nps, nlo, nhi, n, csat, clo, chi, ces, celo, cehi, easy = overall
cards = "".join(f'<div class="card"><div class="k">{k}</div><div class="v">{v}</div><div class="s">{s}</div></div>' for k, v, s in [
    ("NPS", f"{nps:.1f}", f"95% CI {nlo:.1f} to {nhi:.1f}; {n:,} answers"),
    ("CSAT top-2-box", f"{csat:.1f}%", f"Wilson 95% CI {clo:.1f} to {chi:.1f}"),
    ("CES 2.0 mean", f"{ces:.2f}", f"t 95% CI {celo:.2f} to {cehi:.2f}; {easy:.1f}% easy"),
    ("SERVQUAL", f"{servqual[5]:.2f}", f"weighted (11/32/22/19/16) {servqual[6]:.2f}")])
wnps, wnlo, wnhi, wcsat, wclo, wchi, wces, wcelo, wcehi, weasy, neff, deff = weighted
weighted_rows = "".join(f"<tr><td>{esc(k)}</td><td>{u}</td><td>{v}</td></tr>" for k, u, v in [
    ("NPS", f"{nps:.1f} ({nlo:.1f} to {nhi:.1f}, adjusted Wald)", f"{wnps:.1f} ({wnlo:.1f} to {wnhi:.1f}, Wald)"),
    ("CSAT top-2-box %", f"{csat:.1f} ({clo:.1f} to {chi:.1f}, Wilson)", f"{wcsat:.1f} ({wclo:.1f} to {wchi:.1f}, logit)"),
    ("CES 2.0 mean", f"{ces:.2f} ({celo:.2f} to {cehi:.2f})", f"{wces:.2f} ({wcelo:.2f} to {wcehi:.2f})"),
    ("CES % easy", f"{easy:.1f}", f"{weasy:.1f}"),
    ("answers; effective n", f"{n:,}", f"{n:,}; {neff:,.0f} (design effect {deff:.3f})")])
channel_rows = "".join(f"<tr><td>{esc(c)}</td><td>{a:.1f}</td><td>{p:.1f}</td><td>{w:.3f}</td>"
                       f"<td>{u:.1f}</td></tr>" for c, a, p, w, u, _ in channels)
kano_rows = "".join(f"<tr><td>{esc(f)}</td><td>{esc(c)}</td><td>{b:.2f}</td><td>{w:.2f}</td><td>{n}</td>"
                    f"<td>{'yes' if s else 'no'}</td></tr>" for f, c, _, b, w, n, s in kano)

page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Customer satisfaction report (csm sample data)</title>
<style>
body {{ font-family: DejaVu Sans, Arial, sans-serif; margin: 24px auto; max-width: 760px; color: #222; }}
h1 {{ font-size: 22px; }} h2 {{ font-size: 17px; margin-top: 32px; }} p.note {{ color: #555; font-size: 13px; }}
.cards {{ display: flex; gap: 10px; flex-wrap: wrap; }}
.card {{ border: 1px solid #ddd; border-radius: 6px; padding: 10px 14px; flex: 1; min-width: 150px; }}
.k {{ font-size: 12px; color: #666; }} .v {{ font-size: 26px; font-weight: bold; }} .s {{ font-size: 11px; color: #666; }}
svg {{ width: 100%; height: auto; }} .grid {{ stroke: #e4e4e4; }} .axis {{ font-size: 11px; fill: #666; }}
.label {{ font-size: 12px; fill: #222; }} .band {{ fill: #9ecae1; opacity: .5; }} .line {{ fill: none; stroke: #2171b5; stroke-width: 2; }}
.dot {{ fill: #08519c; }} .ci {{ stroke: #6baed6; stroke-width: 3; }} .bar {{ fill: #de7b5a; }} .axisline {{ stroke: #444; }}
.frame {{ fill: none; stroke: #bbb; }} .quad {{ font-size: 12px; fill: #999; font-style: italic; }}
.kano.A {{ fill: #31a354; }} .kano.O {{ fill: #3182bd; }} .kano.M {{ fill: #de2d26; }} .kano.I {{ fill: #969696; }}
.kano.R {{ fill: #756bb1; }} .kano.Q {{ fill: #fd8d3c; }}
table {{ border-collapse: collapse; font-size: 13px; }} td, th {{ border-bottom: 1px solid #eee; padding: 3px 10px; text-align: left; }}
</style></head><body>
<h1>Customer satisfaction, 2025 (csm sample data)</h1>
<p class="note">Every figure and chart below comes from csm aggregates in SQL (sample/html_report.py).</p>
<div class="cards">{cards}</div>
<h2>Weighted to the customer base</h2>
<p class="note">In-store customers answer less readily than web, app and phone customers. The weight column
post-stratifies the answers to the channels' shares of customers; the intervals are design-based, as R's
survey package computes them.</p>
<table><tr><th>channel</th><th>% of answers</th><th>% of customers</th><th>weight</th><th>NPS</th></tr>{channel_rows}</table>
<p></p>
<table><tr><th>figure (95% CI)</th><th>each answer once</th><th>weighted</th></tr>{weighted_rows}</table>
<h2>NPS by month, with 95% adjusted-Wald interval</h2>{nps_trend()}
<h2>Stores ranked by NPS, with 95% intervals</h2>
<p class="note">Overlapping intervals mean the ranking between those stores is not established by these data.</p>
{store_ranking()}
<h2>SERVQUAL: perception minus expectation per dimension</h2>
<p class="note">Negative gaps: service below expectations. Overall (mean of the five dimensions) {servqual[5]:.2f}.</p>
{servqual_bars()}
<h2>Kano: Better/Worse quadrants</h2>{kano_quadrants()}
<table><tr><th>feature</th><th>category</th><th>Better</th><th>Worse</th><th>n</th><th>Fong significant</th></tr>{kano_rows}</table>
</body></html>
"""
with open(OUT, "w", encoding="utf-8") as f:
    f.write(page)
print(f"report: wrote {OUT} ({len(page):,} bytes, 4 charts)")
