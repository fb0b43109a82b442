"""The visual report for the sample data: a self-contained HTML page whose
charts are inline SVG drawn from csm's own SQL output (no script, no
network at view time).

    /usr/bin/python3 sample/html_report.py [output.html]    # default csm-report.html

Needs the sample data (sample/feedback.sql, sample/studies.sql) and csm in
the database the PG* environment variables point to.
"""
import html
import math
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
# The monthly NPS against a baseline of the first quarter: its 95% interval, the Shewhart
# limits at the month's n and the EWMA's signal (docs/monitoring.md).
months = q("""WITH monthly AS (SELECT date_trunc('month', answered_at) m, rating_agg(recommend) r
                               FROM sample.feedback GROUP BY 1),
                   baseline AS (SELECT nps_baseline(r ORDER BY m) b FROM monthly
                                WHERE m < timestamptz '2025-04-01 00:00+00')
              SELECT to_char(m, 'Mon'), (ci).estimate, (ci).lower, (ci).upper, rating_count(r),
                     (c).lower, (c).centre, (c).upper, (c).z, (c).signal, (e).signal,
                     m < timestamptz '2025-04-01 00:00+00'
              FROM (SELECT m, r, nps_ci(r) ci, control_limits(r, b) c, ewma_chart(r, b) OVER (ORDER BY m) e
                    FROM monthly, baseline) x ORDER BY m""")
# Denver week by week (ISO weeks) against its first 20 weeks.
denver = q("""WITH weekly AS (SELECT date_trunc('week', answered_at)::date w, rating_agg(recommend) r
                              FROM sample.feedback WHERE store = 'Denver' GROUP BY 1),
                   baseline AS (SELECT nps_baseline(r ORDER BY w) b FROM weekly WHERE w < date '2025-05-19')
              SELECT to_char(w, 'YYYY-MM-DD'), to_char(least(w + 3, date '2025-12-31'), 'Mon'), rating_count(r), nps(r),
                     (c).lower, (c).centre, (c).upper, (c).z, (c).signal, (e).ewma, (e).signal,
                     w < date '2025-05-19'
              FROM (SELECT w, r, control_limits(r, b) c, ewma_chart(r, b) OVER (ORDER BY w) e
                    FROM weekly, baseline) x ORDER BY w""")
# The fair league table of the last four weeks (docs/ranking.md): raw and shrunk NPS with
# the 95% credible interval, funnel flags at 95% and 99.8% around the prior's target, and
# the funnel's limits at every n (the limits depend on n only: a summary of n promoters
# draws them).
LEAGUE = """WITH stores AS (SELECT store, rating_agg(recommend) s FROM sample.feedback
                           WHERE answered_at >= timestamptz '2025-12-04 00:00+00' GROUP BY store),
                 p AS (SELECT nps_prior(s) prior FROM stores)"""
league = q(LEAGUE + """
              SELECT store, rating_count(s), nps(s), (sh).estimate, (sh).lower, (sh).upper,
                     (f95).flag, (f998).flag, rank() OVER (ORDER BY nps(s) DESC)
              FROM (SELECT store, s, nps_shrunk(s, prior) sh, nps_funnel(s, prior, 0.95) f95,
                           nps_funnel(s, prior) f998 FROM stores, p) x
              ORDER BY (sh).estimate DESC""")
prior = q(LEAGUE + """
             SELECT (prior).prior_mean, (prior).target,
                    (prior).alpha_promoter + (prior).alpha_passive + (prior).alpha_detractor, (prior).phi
             FROM p""")[0]
funnel_n_max = 100 * (max(r[1] for r in league) // 100 + 1)
funnel_curve = q(LEAGUE + f"""
                    SELECT answers, (f95).lower, (f95).upper, (f998).lower, (f998).upper
                    FROM p, generate_series(10, {funnel_n_max}, 5) answers,
                         nps_funnel(('{{10:' || answers || '}}')::rating_summary, prior, 0.95) f95,
                         nps_funnel(('{{10:' || answers || '}}')::rating_summary, prior, 0.998) f998
                    ORDER BY answers""")
# Over the whole year (1,200 to 4,800 answers a store) shrinkage changes little.
year_shift, year_n_min, year_n_max = q("""
    WITH stores AS (SELECT store, rating_agg(recommend) s FROM sample.feedback GROUP BY store)
    SELECT max(abs(nps(s) - nps_shrunk_estimate(s, prior))), min(rating_count(s)), max(rating_count(s))
    FROM stores, (SELECT nps_prior(s) prior FROM stores) p""")[0]
# Key drivers of recommend in the attribute block, beside the data's true weights
# (sample/feedback.sql builds recommend from them); the quadrant splits at the averages.
drivers = q("""SELECT d.attribute, truth.weight, 100 * truth.weight ^ 2 / sum(truth.weight ^ 2) OVER (),
                      d.importance, d.share, s.share, d.signed_share, d.correlation, d.mean,
                      CASE WHEN d.share >= avg(d.share) OVER () AND d.mean < avg(d.mean) OVER () THEN 'concentrate here'
                           WHEN d.share >= avg(d.share) OVER () THEN 'keep up the good work'
                           WHEN d.mean < avg(d.mean) OVER () THEN 'low priority'
                           ELSE 'possible overkill' END,
                      avg(d.share) OVER (), avg(d.mean) OVER ()
               FROM (SELECT driver_agg(recommend, ARRAY[staff, speed, product, cleanliness, price]) s
                     FROM sample.feedback) t,
                    key_drivers(t.s, ARRAY['staff', 'speed', 'product', 'cleanliness', 'price']) d
               JOIN key_drivers(t.s, ARRAY['staff', 'speed', 'product', 'cleanliness', 'price'], 'shapley') s
                 USING (position)
               JOIN (VALUES ('staff', 0.55), ('speed', 0.45), ('product', 0.35), ('cleanliness', 0.20),
                            ('price', 0.10)) truth(attribute, weight) ON truth.attribute = d.attribute
               ORDER BY d.share DESC""")
driver_n, driver_skipped, driver_r2 = q("""
    SELECT driver_rows(s), driver_skipped(s), driver_r2(s)
    FROM (SELECT driver_agg(recommend, ARRAY[staff, speed, product, cleanliness, price]) s FROM sample.feedback) t""")[0]
servqual = q("""SELECT tangibles, reliability, responsiveness, assurance, empathy, overall,
                       (servqual(s, 11, 32, 22, 19, 16)).weighted
                FROM (SELECT servqual_agg(item, perception, expectation) s FROM sample.servqual_answers) x,
                     LATERAL servqual(s)""")[0]
kano = q("""SELECT feature, category::text, kano_code(category), better, worse, n, fong_significant
            FROM (SELECT feature, (kano(functional, dysfunctional)).* FROM sample.kano_answers GROUP BY feature) k
            ORDER BY feature""")


# ---- charts ------------------------------------------------------------------------
def y_grid(y, lo, hi, step, x1, x2, fmt="{:g}"):
    return "".join(f'<line x1="{x1}" x2="{x2}" y1="{y(v):.1f}" y2="{y(v):.1f}" class="grid"/>'
                   f'<text x="{x1 - 6}" y="{y(v) + 4:.1f}" class="axis" text-anchor="end">{fmt.format(v)}</text>'
                   for v in frange(lo, hi, step))


def frange(lo, hi, step):
    n = int(round((hi - lo) / step))
    return [lo + i * step for i in range(n + 1)]


def signal_lane(xs, signals, yy, half, label, l):
    """A row of cells under a time chart, one per period, filled where the chart signals."""
    cells = "".join(f'<rect x="{x - half:.1f}" y="{yy - 6}" width="{2 * half:.1f}" height="12" class="lane {sig}">'
                    f'<title>{esc(name)}: {label} signals {sig}</title></rect>'
                    for x, (name, sig) in zip(xs, signals) if sig != "none")
    return (f'<text x="{l - 6}" y="{yy + 4}" class="axis" text-anchor="end">{label}</text>'
            f'<line x1="{l}" x2="{xs[-1] + half:.1f}" y1="{yy}" y2="{yy}" class="grid"/>{cells}')


def control_band(xs, step, y, lo, hi, grid, frame, periods, centre, about):
    """A control chart's background: the baseline periods shaded, the grid, the limits at each
    period's n as a stepped band, and the centre line.  periods: (in_baseline, lower, upper)."""
    l, right, t, bottom = frame
    nbase = sum(1 for p in periods if p[0])
    parts = [f'<rect x="{l}" y="{t}" width="{step * nbase:.1f}" height="{bottom - t}" class="baseline"/>',
             f'<text x="{l + step * nbase / 2:.1f}" y="{t + 14}" class="axis" text-anchor="middle">baseline</text>',
             y_grid(y, lo, hi, grid, l, right)]
    upper = " ".join(f"{x - step / 2:.1f},{y(p[2]):.1f} {x + step / 2:.1f},{y(p[2]):.1f}" for x, p in zip(xs, periods))
    lower = " ".join(f"{x + step / 2:.1f},{y(p[1]):.1f} {x - step / 2:.1f},{y(p[1]):.1f}"
                     for x, p in reversed(list(zip(xs, periods))))
    parts.append(f'<polygon points="{upper} {lower}" class="limits"><title>Shewhart limits, 3 standard errors at '
                 f'{about}</title></polygon>')
    parts.append(f'<line x1="{l}" x2="{right}" y1="{y(centre):.1f}" y2="{y(centre):.1f}" class="centre"/>')
    return parts


def nps_trend():
    """The monthly NPS with its 95% interval, on a Shewhart chart of the first quarter."""
    w, h, l, r, t, b = 720, 330, 60, 20, 20, 70
    lo, hi = 0, 50
    step = (w - r - l) / len(months)
    xs = [l + step * (i + 0.5) for i in range(len(months))]
    y = lambda v: scale(max(lo, min(hi, v)), lo, hi, h - b, t)
    parts = control_band(xs, step, y, lo, hi, 10, (l, w - r, t, h - b),
                         [(m[11], m[5], m[7]) for m in months], months[0][6],
                         f"each month's n, around the first quarter's NPS {months[0][6]:.1f}")
    for x, m in zip(xs, months):
        parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y(m[2]):.1f}" y2="{y(m[3]):.1f}" class="whisker"/>')
    parts.append('<polyline points="' + " ".join(f"{x:.1f},{y(m[1]):.1f}" for x, m in zip(xs, months))
                 + '" class="line"/>')
    for x, m in zip(xs, months):
        name, est, clo, chi, n, llo, centre, lhi, z, sig, esig, _ = m
        if sig != "none":
            parts.append(f'<circle cx="{x:.1f}" cy="{y(est):.1f}" r="7.5" class="signal {sig}">'
                         f'<title>{esc(name)}: Shewhart signal ({sig}), z = {z:.2f}</title></circle>')
        parts.append(f'<circle cx="{x:.1f}" cy="{y(est):.1f}" r="3.5" class="dot"><title>{esc(name)}: NPS {est:.1f} '
                     f'(95% CI {clo:.1f} to {chi:.1f}), n = {n:,}; limits {llo:.1f} to {lhi:.1f}, z = {z:.2f}, '
                     f'Shewhart {sig}, EWMA {esig}</title></circle>'
                     f'<text x="{x:.1f}" y="{h - b + 16}" class="axis" text-anchor="middle">{esc(name)}</text>')
    parts.append(signal_lane(xs, [(m[0], m[9]) for m in months], h - b + 32, step / 2 - 1, "Shewhart", l))
    parts.append(signal_lane(xs, [(m[0], m[10]) for m in months], h - b + 50, step / 2 - 1, "EWMA", l))
    return (f'<svg id="nps-trend" viewBox="0 0 {w} {h}" role="img" aria-label="NPS by month on a control chart">'
            f'{"".join(parts)}</svg>')


def denver_weekly():
    """Denver's weekly NPS on a Shewhart chart of its first 20 weeks, with the EWMA's signals."""
    w, h, l, r, t, b = 720, 330, 60, 20, 20, 70
    values = [v for wk in denver for v in (wk[3], wk[4], wk[6]) if v is not None]
    lo, hi = 20 * (min(values) // 20), 20 * -(-max(values) // 20)
    step = (w - r - l) / len(denver)
    xs = [l + step * (i + 0.5) for i in range(len(denver))]
    y = lambda v: scale(max(lo, min(hi, v)), lo, hi, h - b, t)
    centre = denver[0][5]
    parts = control_band(xs, step, y, lo, hi, 20, (l, w - r, t, h - b),
                         [(wk[11], wk[4], wk[6]) for wk in denver], centre,
                         f"each week's n, around the first 20 weeks' NPS {centre:.1f}")
    parts.append('<polyline points="' + " ".join(f"{x:.1f},{y(wk[3]):.1f}" for x, wk in zip(xs, denver))
                 + '" class="line thin"/>')
    month = None
    for x, wk in zip(xs, denver):
        week, mon, n, nps, llo, _, lhi, z, sig, ewma, esig, _ = wk
        if sig != "none":
            parts.append(f'<circle cx="{x:.1f}" cy="{y(nps):.1f}" r="5.5" class="signal {sig}">'
                         f'<title>week of {week}: Shewhart signal ({sig}), z = {z:.2f}</title></circle>')
        parts.append(f'<circle cx="{x:.1f}" cy="{y(nps):.1f}" r="2.5" class="dot"><title>week of {week}: NPS {nps:.1f}, '
                     f'n = {n}; limits {llo:.1f} to {lhi:.1f}, z = {z:.2f}, Shewhart {sig}, EWMA {ewma:.2f} '
                     f'({esig})</title></circle>')
        if mon != month:
            month = mon
            parts.append(f'<text x="{x:.1f}" y="{h - b + 16}" class="axis" text-anchor="middle">{esc(mon)}</text>')
    parts.append(signal_lane(xs, [("week of " + wk[0], wk[8]) for wk in denver], h - b + 32, step / 2, "Shewhart", l))
    parts.append(signal_lane(xs, [("week of " + wk[0], wk[10]) for wk in denver], h - b + 50, step / 2, "EWMA", l))
    return (f'<svg id="denver-weekly" viewBox="0 0 {w} {h}" role="img" aria-label="Denver weekly NPS on a control chart">'
            f'{"".join(parts)}</svg>')


def store_ranking():
    """The last four weeks' league: raw NPS and shrunk NPS side by side, in the shrunk order."""
    row, w, l, r, t = 22, 720, 110, 120, 40
    h = row * len(league) + t + 30
    lo, hi = -20, 80
    x = lambda v: scale(max(lo, min(hi, v)), lo, hi, l, w - r)
    parts = [f'<line x1="{x(v):.1f}" x2="{x(v):.1f}" y1="{t - 10}" y2="{h - 25}" class="grid"/>'
             f'<text x="{x(v):.1f}" y="{h - 8}" class="axis" text-anchor="middle">{v}</text>'
             for v in range(lo, hi + 1, 20)]
    parts.append(f'<circle cx="{l + 6}" cy="12" r="4.5" class="raw key"/><text x="{l + 16}" y="16" class="axis">raw NPS</text>'
                 f'<circle cx="{l + 96}" cy="12" r="4.5" class="shrunk key"/><text x="{l + 106}" y="16" class="axis">shrunk NPS</text>'
                 f'<line x1="{l + 196}" x2="{l + 226}" y1="12" y2="12" class="ci key"/>'
                 f'<text x="{l + 232}" y="16" class="axis">95% credible interval of the shrunk NPS</text>'
                 f'<text x="{w - r + 8}" y="16" class="axis">raw → shrunk (n)</text>')
    for i, (store, n, raw, est, lower, upper, f95, f998, raw_rank) in enumerate(league):
        yy = t + i * row
        parts.append(f'<text x="{l - 8}" y="{yy + 4}" class="label" text-anchor="end">{i + 1}. {esc(store)}</text>'
                     f'<line x1="{x(lower):.1f}" x2="{x(upper):.1f}" y1="{yy}" y2="{yy}" class="ci"/>'
                     f'<line x1="{x(raw):.1f}" x2="{x(est):.1f}" y1="{yy}" y2="{yy}" class="shift"/>'
                     f'<circle cx="{x(raw):.1f}" cy="{yy}" r="4.5" class="raw"><title>{esc(store)}: raw NPS {raw:.1f} '
                     f'(rank {raw_rank}), n = {n}</title></circle>'
                     f'<circle cx="{x(est):.1f}" cy="{yy}" r="4.5" class="shrunk"><title>{esc(store)}: shrunk NPS {est:.1f} '
                     f'(95% credible interval {lower:.1f} to {upper:.1f}), rank {i + 1}</title></circle>'
                     f'<text x="{w - r + 8}" y="{yy + 4}" class="axis">{raw:.0f} → {est:.0f} ({n})</text>')
    return (f'<svg id="store-ranking" viewBox="0 0 {w} {h}" role="img" aria-label="stores ranked by shrunk NPS, '
            f'raw NPS beside it">{"".join(parts)}</svg>')


def funnel_chart():
    """NPS against answers, with the 95% and 99.8% funnel limits around the pooled NPS."""
    w, h, l, r, t, b = 720, 380, 60, 20, 15, 45
    values = [v for c in funnel_curve for v in c[1:]] + [s[2] for s in league]
    lo, hi = 20 * (min(values) // 20), 20 * -(-max(values) // 20)
    x = lambda n: scale(n, 0, funnel_n_max, l, w - r)
    y = lambda v: scale(max(lo, min(hi, v)), lo, hi, h - b, t)
    parts = [y_grid(y, lo, hi, 20, l, w - r)]
    for n in range(0, funnel_n_max + 1, 100):
        parts.append(f'<text x="{x(n):.1f}" y="{h - b + 16}" class="axis" text-anchor="middle">{n}</text>')
    parts.append(f'<text x="{(l + w - r) / 2}" y="{h - 8}" class="axis" text-anchor="middle">answers in the four weeks</text>')
    target = prior[1]
    parts.append(f'<line x1="{l}" x2="{w - r}" y1="{y(target):.1f}" y2="{y(target):.1f}" class="centre">'
                 f'<title>pooled NPS of all the stores\' answers: {target:.1f}</title></line>')
    for col, level, cls in ((1, "95%", "l95"), (2, "95%", "l95"), (3, "99.8%", "l998"), (4, "99.8%", "l998")):
        d = "M" + " L".join(f"{x(c[0]):.1f},{y(c[col]):.1f}" for c in funnel_curve)
        side = "lower" if col in (1, 3) else "upper"
        parts.append(f'<path d="{d}" class="limit {cls}"><title>{level} {side} limit</title></path>')
    kx, ky = w - r - 150, t + 14
    parts.append(f'<line x1="{kx}" x2="{kx + 28}" y1="{ky}" y2="{ky}" class="limit l998 key"/>'
                 f'<text x="{kx + 34}" y="{ky + 4}" class="axis">99.8% limits</text>'
                 f'<line x1="{kx}" x2="{kx + 28}" y1="{ky + 16}" y2="{ky + 16}" class="limit l95 key"/>'
                 f'<text x="{kx + 34}" y="{ky + 20}" class="axis">95% limits</text>'
                 f'<line x1="{kx}" x2="{kx + 28}" y1="{ky + 32}" y2="{ky + 32}" class="centre key"/>'
                 f'<text x="{kx + 34}" y="{ky + 36}" class="axis">pooled NPS {target:.1f}</text>')
    for store, n, raw, est, lower, upper, f95, f998, _ in league:
        flag = f998 if f998 != "within" else f95
        cls = "within" if flag == "within" else f"{flag} {'l998' if f998 != 'within' else 'l95'}"
        parts.append(f'<circle cx="{x(n):.1f}" cy="{y(raw):.1f}" r="5" class="store {cls}"><title>{esc(store)}: NPS '
                     f'{raw:.1f}, n = {n}; funnel 95% {f95}, 99.8% {f998}</title></circle>')
        if f998 != "within":
            parts.append(f'<text x="{x(n) + 8:.1f}" y="{y(raw) + 4:.1f}" class="label">{esc(store)}</text>')
    return (f'<svg id="funnel" viewBox="0 0 {w} {h}" role="img" aria-label="funnel plot of the stores\' NPS '
            f'against their answers">{"".join(parts)}</svg>')


def drivers_quadrant():
    """Importance (share of R²) against performance (mean rating), split at the averages."""
    w, h, l, r, t, b = 720, 360, 60, 20, 15, 45
    share_hi = 10 * -(-max(d[4] for d in drivers) // 10) + 10
    means = [d[8] for d in drivers]
    lo, hi = math.floor((min(means) - 0.5) * 4) / 4, math.ceil((max(means) + 0.5) * 4) / 4
    x = lambda v: scale(v, 0, share_hi, l, w - r)
    y = lambda v: scale(v, lo, hi, h - b, t)
    share_split, mean_split = drivers[0][10], drivers[0][11]
    parts = [f'<rect x="{l}" y="{t}" width="{w - r - l}" height="{h - b - t}" class="frame"/>',
             y_grid(y, lo, hi, 0.25, l, w - r, "{:.2f}")]
    for v in range(0, int(share_hi) + 1, 10):
        parts.append(f'<text x="{x(v):.1f}" y="{h - b + 16}" class="axis" text-anchor="middle">{v}%</text>')
    parts.append(f'<line x1="{x(share_split):.1f}" x2="{x(share_split):.1f}" y1="{t}" y2="{h - b}" class="split"/>'
                 f'<line x1="{l}" x2="{w - r}" y1="{y(mean_split):.1f}" y2="{y(mean_split):.1f}" class="split"/>'
                 f'<text x="{l + 8}" y="{t + 16}" class="quad">possible overkill</text>'
                 f'<text x="{w - r - 8}" y="{t + 16}" class="quad" text-anchor="end">keep up the good work</text>'
                 f'<text x="{l + 8}" y="{h - b - 8}" class="quad">low priority</text>'
                 f'<text x="{w - r - 8}" y="{h - b - 8}" class="quad" text-anchor="end">concentrate here</text>'
                 f'<text x="{(l + w - r) / 2}" y="{h - 8}" class="axis" text-anchor="middle">importance: share of R² '
                 f'(relative weights)</text>'
                 f'<text x="14" y="{(h - b) / 2}" class="axis" text-anchor="middle" '
                 f'transform="rotate(-90 14 {(h - b) / 2})">performance: mean rating (1..10)</text>')
    for i, d in enumerate(drivers):
        attribute, _, _, _, share, shapley, _, _, mean, quadrant = d[:10]
        dy = -10 if i % 2 == 0 else 18
        parts.append(f'<circle cx="{x(share):.1f}" cy="{y(mean):.1f}" r="6" class="driver"><title>{esc(attribute)}: '
                     f'share {share:.1f}% (Shapley {shapley:.1f}%), mean {mean:.2f}: {quadrant}</title></circle>'
                     f'<text x="{x(share):.1f}" y="{y(mean) + dy:.1f}" class="label" text-anchor="middle">'
                     f'{esc(attribute)} {share:.0f}%</text>')
    return (f'<svg id="drivers-quadrant" viewBox="0 0 {w} {h}" role="img" aria-label="importance-performance '
            f'quadrant of the key drivers">{"".join(parts)}</svg>')


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


def names(rows):
    return ", ".join(rows) or "none"


def signal_runs(rows, label, sig, unit):
    """The periods a chart signals in one direction: 'first to last, k periods'."""
    hits = [label(r) for r in rows if sig(r)]
    return f"{hits[0]} to {hits[-1]}, {len(hits)} {unit}s" if len(hits) > 1 else (hits[0] if hits else "none")


base_months = [m for m in months if m[11]]
monthly_note = (f"Baseline: {base_months[0][0]} to {base_months[-1][0]}, NPS {months[0][6]:.1f} from "
                f"{sum(m[4] for m in base_months):,} answers. The band is the Shewhart limits, 3 standard errors "
                f"at each month's own n; the whiskers are the months' 95% intervals; a red ring marks a Shewhart "
                f"signal, and the rows under the chart the months each chart signals. Shewhart: "
                f"{signal_runs(months, lambda m: m[0], lambda m: m[9] != 'none', 'month')}; EWMA (λ 0.2): "
                f"{signal_runs(months, lambda m: m[0], lambda m: m[10] != 'none', 'month')}. The year's rise is real, "
                f"and had begun inside the baseline quarter.")
base_weeks = [wk for wk in denver if wk[11]]
denver_note = (f"Weekly NPS (ISO weeks) against Denver's first {len(base_weeks)} weeks, NPS {denver[0][5]:.1f} from "
               f"{sum(wk[2] for wk in base_weeks):,} answers, about {sum(wk[2] for wk in denver) / len(denver):.0f} "
               f"a week. Shewhart below: weeks of "
               f"{signal_runs(denver, lambda wk: wk[0], lambda wk: wk[8] == 'below', 'week')}; EWMA below: "
               f"{signal_runs(denver, lambda wk: wk[0], lambda wk: wk[10] == 'below', 'week')}. Late in the year Denver "
               f"rises above its spring level with every store (Shewhart above: "
               f"{signal_runs(denver, lambda wk: wk[0], lambda wk: wk[8] == 'above', 'week')}).")
moved = [(st, rr, i + 1) for i, (st, _, _, _, _, _, _, _, rr) in enumerate(league) if rr != i + 1]
most = max(league, key=lambda s: abs(s[2] - s[3]))
league_note = (f"December 4 to 31: {min(s[1] for s in league)} to {max(s[1] for s in league)} answers a store. "
               f"nps_prior() fits a Dirichlet prior across the stores (it weighs as much as {prior[2]:.0f} answers, "
               f"centred on NPS {prior[0]:.1f}); nps_shrunk() gives each store's posterior NPS and its 95% credible "
               f"interval. Ranked by the shrunk NPS, {len(moved)} stores change places (raw rank → shrunk rank: "
               f"{', '.join(f'{st} {rr}→{nr}' for st, rr, nr in moved)}); {most[0]} ({most[1]} answers) moves most, "
               f"{most[2]:.1f} → {most[3]:.1f}. Over the whole year ({year_n_min:,} to {year_n_max:,} answers a "
               f"store) shrinkage moves no store by more than {year_shift:.1f} points.")
flag = lambda level, side: names([s[0] for s in league if s[level] == side])
funnel_note = (f"Each store's raw NPS against its answers. The limits are the pooled NPS ({prior[1]:.1f}) ± z standard "
               f"errors of n answers, from nps_funnel() over a range of n: 95% (dashed) and 99.8%. "
               f"Above the 99.8% limit: {flag(7, 'above')}; below: {flag(7, 'below')}. Outside only the 95% "
               f"limits: {names([s[0] for s in league if s[7] == 'within' and s[6] != 'within'])}. "
               f"The stores differ more than chance alone (overdispersion φ = {prior[3]:.2f}): for a list of "
               f"stores to act on, widen the limits by φ (docs/ranking.md).")
in_order = [d[0] for d in drivers] == [d[0] for d in sorted(drivers, key=lambda d: -d[1])]
shapley_order = [d[0] for d in sorted(drivers, key=lambda d: -d[5])] == [d[0] for d in sorted(drivers, key=lambda d: -d[1])]
fix_first = names([d[0] for d in drivers if d[9] == "concentrate here"])
drivers_note = (f"recommend on the five attribute ratings, from {driver_n:,} answers that rate them all "
                f"({driver_skipped:,} skipped); R² {driver_r2:.3f}. The sample builds recommend from five experiences "
                f"with known weights, so the true order is known: relative weights "
                f"{'find' if in_order else 'DO NOT find'} it, and Shapley "
                f"{'finds' if shapley_order else 'DOES NOT find'} it. The true share is each weight's square over "
                f"their sum, what the experiences themselves would get; the ratings carry a halo and noise.")
quadrant_note = (f"Importance (share of R²) against performance (mean rating), split at the averages "
                 f"({drivers[0][10]:.0f}% and {drivers[0][11]:.2f}). Fix first, high importance and below-average "
                 f"performance: {fix_first}. The sample's stores do better on some attributes than on others, "
                 f"so the quadrant's answer is known too: speed matters much and is rated lowest.")
driver_rows = "".join(f"<tr><td>{esc(a)}</td><td>{tw:.2f}</td><td>{ts:.1f}</td><td>{imp:.4f}</td><td>{sh:.1f}</td>"
                      f"<td>{sp:.1f}</td><td>{ss:.1f}</td><td>{c:.3f}</td><td>{m:.2f}</td><td>{esc(qd)}</td></tr>"
                      for a, tw, ts, imp, sh, sp, ss, c, m, qd, _, _ in drivers)

page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Customer satisfaction report (csm sample data)</title>
<style>
body {{ font-family: DejaVu Sans, Arial, sans-serif; margin: 24px auto; max-width: 760px; color: #222; }}
h1 {{ font-size: 22px; }} h2 {{ font-size: 17px; margin-top: 32px; }} p.note {{ color: #555; font-size: 13px; }}
.cards {{ display: flex; gap: 10px; flex-wrap: wrap; }}
.card {{ border: 1px solid #ddd; border-radius: 6px; padding: 10px 14px; flex: 1; min-width: 150px; }}
.k {{ font-size: 12px; color: #666; }} .v {{ font-size: 26px; font-weight: bold; }} .s {{ font-size: 11px; color: #666; }}
svg {{ width: 100%; height: auto; }} .grid {{ stroke: #e4e4e4; }} .axis {{ font-size: 11px; fill: #666; }}
.label {{ font-size: 12px; fill: #222; }} .line {{ fill: none; stroke: #2171b5; stroke-width: 2; }} .line.thin {{ stroke-width: 1.2; }}
.dot {{ fill: #08519c; }} .ci {{ stroke: #6baed6; stroke-width: 3; }} .bar {{ fill: #de7b5a; }} .axisline {{ stroke: #444; }}
.frame {{ fill: none; stroke: #bbb; }} .quad {{ font-size: 12px; fill: #999; font-style: italic; }}
.baseline {{ fill: #f0f0f0; }} .limits {{ fill: #c7e9c0; }} .centre {{ stroke: #41ab5d; stroke-width: 1.5; stroke-dasharray: 5 3; }}
.whisker {{ stroke: #6baed6; stroke-width: 1.5; }} .signal {{ fill: none; stroke: #de2d26; stroke-width: 2.5; }}
.lane {{ fill: #de2d26; }} .raw {{ fill: #fff; stroke: #636363; stroke-width: 1.5; }} .shrunk {{ fill: #08519c; }}
.shift {{ stroke: #969696; stroke-width: 1.5; }} .limit {{ fill: none; stroke-width: 1.5; }}
.limit.l95 {{ stroke: #fd8d3c; stroke-dasharray: 6 4; }} .limit.l998 {{ stroke: #cb181d; }}
.store.within {{ fill: #6baed6; }} .store.above.l998 {{ fill: #006d2c; }} .store.above.l95 {{ fill: #74c476; }}
.store.below.l998 {{ fill: #a50f15; }} .store.below.l95 {{ fill: #fb6a4a; }}
.driver {{ fill: #e6550d; }} .split {{ stroke: #888; stroke-dasharray: 4 3; }}
.kano.A {{ fill: #31a354; }} .kano.O {{ fill: #3182bd; }} .kano.M {{ fill: #de2d26; }} .kano.I {{ fill: #969696; }}
.kano.R {{ fill: #756bb1; }} .kano.Q {{ fill: #fd8d3c; }}
table {{ border-collapse: collapse; font-size: 13px; }} td, th {{ border-bottom: 1px solid #eee; padding: 3px 10px; text-align: left; }}
#key-drivers td, #key-drivers th {{ padding: 3px 6px; }}
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
<h2>NPS by month, on a control chart of the first quarter</h2>
<p class="note">{esc(monthly_note)}</p>
{nps_trend()}
<h2>Denver, week by week: the summer dip</h2>
<p class="note">{esc(denver_note)}</p>
{denver_weekly()}
<h2>Fair league table: the stores over the last four weeks, raw and shrunk NPS</h2>
<p class="note">{esc(league_note)}</p>
{store_ranking()}
<h2>Funnel plot: which stores really differ</h2>
<p class="note">{esc(funnel_note)}</p>
{funnel_chart()}
<h2>Key drivers of recommend</h2>
<p class="note">{esc(drivers_note)}</p>
<table id="key-drivers"><tr><th>attribute</th><th>true weight</th><th>true share %</th><th>importance</th>
<th>share %</th><th>Shapley %</th><th>signed %</th><th>correlation</th><th>mean</th><th>quadrant</th></tr>{driver_rows}</table>
<p class="note">{esc(quadrant_note)}</p>
{drivers_quadrant()}
<h2>SERVQUAL: perception minus expectation per dimension</h2>
<p class="note">Negative gaps: service below expectations. Overall (mean of the five dimensions) {servqual[5]:.2f}.</p>
{servqual_bars()}
<h2>Kano: Better/Worse quadrants</h2>{kano_quadrants()}
<table><tr><th>feature</th><th>category</th><th>Better</th><th>Worse</th><th>n</th><th>Fong significant</th></tr>{kano_rows}</table>
</body></html>
"""
with open(OUT, "w", encoding="utf-8") as f:
    f.write(page)
print(f"report: wrote {OUT} ({len(page):,} bytes, {page.count('<svg id=')} charts)")
