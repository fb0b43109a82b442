-- A dashboard: 7-day NPS per store from the rollup table, and from the view.
SELECT store, nps(rollup(s)), rating_count(rollup(s))
FROM daily WHERE day >= date '2026-11-01' - 7 GROUP BY store;
SELECT store, nps(s) FROM store_totals ORDER BY nps(s) DESC LIMIT 5;
