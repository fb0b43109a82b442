-- A database still on csm 1.0, which has rating_summary only: after the
-- major upgrade it must take ALTER EXTENSION csm UPDATE.
CREATE TABLE feedback (store text, day date, score int);
INSERT INTO feedback
SELECT 'store ' || (i % 7), date '2026-01-01' + (i % 45), (i * 7919) % 11
FROM generate_series(1, 20000) i;
CREATE TABLE daily (store text, day date, ratings rating_summary, PRIMARY KEY (store, day));
INSERT INTO daily SELECT store, day, rating_agg(score) FROM feedback GROUP BY store, day;
CREATE MATERIALIZED VIEW store_totals AS
SELECT store, rollup(ratings) AS ratings, nps(rollup(ratings)) AS nps FROM daily GROUP BY store;
CREATE TABLE archive (id int PRIMARY KEY, ratings rating_summary[]);
INSERT INTO archive SELECT 1, array_agg(ratings ORDER BY store, day) FROM daily;
