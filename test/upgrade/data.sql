-- Stored summaries and objects that depend on csm, created under the oldest
-- version; test/upgrade/run checks they read the same after upgrades and
-- after dump and restore.
CREATE TABLE feedback (store text, day date, score int);
INSERT INTO feedback
SELECT 'store ' || (i % 7), date '2026-01-01' + (i % 40), (i * 7919) % 11
FROM generate_series(1, 5000) i;
INSERT INTO feedback VALUES ('store 0', date '2026-01-01', NULL);

CREATE TABLE daily AS
SELECT store, day, rating_agg(score) AS s FROM feedback GROUP BY store, day;
ALTER TABLE daily ADD PRIMARY KEY (store, day);

CREATE MATERIALIZED VIEW store_totals AS
SELECT store, rollup(s) AS s, nps(rollup(s)) AS nps FROM daily GROUP BY store;
CREATE UNIQUE INDEX ON store_totals (store);

CREATE VIEW store_report AS
SELECT store, nps(score), csat_top2(rating_agg(score), 10) AS top2_of_10,
       ces_avg(rating_agg(score), 10) AS ces,
       rating_agg(score) AS s
FROM feedback WHERE score > 0 GROUP BY store;
