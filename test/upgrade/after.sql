-- Objects that need the current version, created after the upgrade so that
-- the dump and restore below cover every summary type and composite.
CREATE TABLE kano_stored AS
SELECT i % 3 AS feature, kano_agg(1 + i % 5, 1 + (i * 3) % 5) AS s FROM generate_series(1, 500) i GROUP BY 1;
CREATE TABLE gap_stored AS
SELECT i % 3 AS attr, gap_agg(i * 0.5, 3.0, i % 7) AS s FROM generate_series(1, 500) i GROUP BY 1;
CREATE TABLE servqual_stored AS
SELECT i % 2 AS wave, servqual_agg(1 + i % 22, 1 + i % 7, 1 + (i * 3) % 7) AS s FROM generate_series(1, 500) i GROUP BY 1;
CREATE VIEW kano_report AS SELECT feature, kano_result(s) AS k FROM kano_stored;
CREATE MATERIALIZED VIEW servqual_report AS SELECT wave, (servqual(s)).* FROM servqual_stored;
CREATE VIEW gap_report AS SELECT attr, gap_weighted(s), gap_ci(s) FROM gap_stored;
CREATE VIEW nps_intervals AS SELECT store, nps_ci(rating_agg(score)) AS ci FROM feedback GROUP BY store;
CREATE TABLE weighted_stored AS
SELECT i % 3 AS store, rating_agg(1 + i % 10, (1 + i % 7) * 0.3) AS s FROM generate_series(1, 500) i GROUP BY 1;
CREATE VIEW weighted_report AS
SELECT store, nps(s), nps_ci(s) AS nps_ci, csat_top2_ci(s, 10, 0.95, 'beta') AS share_ci, ces_avg_ci(s, 10) AS mean_ci
FROM weighted_stored;
CREATE TABLE drivers_stored AS
SELECT i % 3 AS store, driver_agg(1 + i % 10, ARRAY[1 + (i * 3) % 7, 1 + (i * 7) % 5, (i % 11) * 0.5], 1 + (i % 4) * 0.25) AS s
FROM generate_series(1, 500) i GROUP BY 1;
CREATE VIEW drivers_report AS
SELECT store, driver_r2(s), k.attribute, k.importance, k.share, cronbach_alpha(s) AS alpha
FROM drivers_stored, key_drivers(s, ARRAY['speed', 'staff', 'price']) k;
-- Monitoring: weekly summaries, their baselines (a composite) and stored
-- states (control_summary), and a view charting them with every window
-- aggregate of the family.
CREATE TABLE monitoring_weekly AS
SELECT i % 3 AS store, i / 3 AS week, rating_agg(s) AS s
FROM generate_series(0, 89) i, LATERAL (SELECT 1 + (i * 7 + j * 5) % 10 AS s FROM generate_series(1, 20 + i % 9) j) x
GROUP BY 1, 2;
CREATE TABLE monitoring_baselines AS
SELECT store, nps_baseline(s ORDER BY week) AS b, share_baseline(s, 3, 10 ORDER BY week) AS share_b
FROM monitoring_weekly WHERE week < 12 GROUP BY store;
CREATE TABLE monitoring_states AS
SELECT store, control_nps_baseline_step(control_nps_baseline_step('{}', min(s::text)::rating_summary), NULL::rating_summary) AS c
FROM monitoring_weekly GROUP BY store
UNION ALL SELECT -1, control_runs_z_step(control_runs_z_step('{}', 3.5), -1);
CREATE VIEW monitoring_chart AS
SELECT store, week, control_limits(s, b) AS limits, control_limits(s, share_b, 2.5, 'laney') AS share_limits,
       ewma_chart(s, b) OVER w AS ewma, cusum_chart(s, b, 0.5, 4) OVER w AS cusum,
       run_rules(s, b) OVER w AS runs
FROM monitoring_weekly JOIN monitoring_baselines USING (store)
WINDOW w AS (PARTITION BY store ORDER BY week);
-- Fair league tables (1.2): league summaries and priors, stored and in a view.
CREATE TABLE league_stored AS
SELECT g % 2 AS region, nps_league(s) AS l, share_league(s, 3, 10) AS sl, mean_league(s) AS ml
FROM (SELECT g, rating_agg(1 + (g * j) % 10) AS s
      FROM generate_series(1, 60) g, generate_series(1, 1 + g % 9) j GROUP BY g) x
GROUP BY 1;
CREATE TABLE priors_stored AS
SELECT nps_prior(l) AS p, share_prior(sl) AS sp, mean_prior(ml) AS mp, nps_prior(l, 'moments') AS pm
FROM (SELECT rollup(l) AS l, rollup(sl) AS sl, rollup(ml) AS ml FROM league_stored) x;
CREATE VIEW league_report AS
SELECT region, league_groups(l), nps_prior(l, 'moments') AS prior, l::jsonb AS doc FROM league_stored;
