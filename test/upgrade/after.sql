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
