-- Stored values of every summary type, written on the old major, in every
-- place a user keeps them: a rollup table, a partitioned table, a
-- materialized view (with composite results), arrays long enough to be
-- compressed and moved out of line (TOAST), and a composite column.  The
-- raw answers stay too, so that metrics can be recomputed after the upgrade.
CREATE TABLE feedback (store text, day date, score int, f int, d int, item int,
                       p double precision, e double precision, w double precision);
INSERT INTO feedback
SELECT 'store ' || (i % 7), date '2026-01-01' + (i % 45), (i * 7919) % 11,
       1 + i % 5, 1 + (i * 3) % 5, 1 + i % 22,
       1 + (i * 13) % 7, 1 + (i * 17) % 7, (i % 4) * 0.5 + 0.25 * (i % 3)
FROM generate_series(1, 20000) i;

-- The rollup table, kept up to date with + on conflict.
CREATE TABLE daily (store text, day date, ratings rating_summary, kano kano_summary,
                    gap gap_summary, servqual servqual_summary, weighted weighted_rating_summary,
                    PRIMARY KEY (store, day));
INSERT INTO daily
SELECT store, day, rating_agg(score), kano_agg(f, d), gap_agg(p, e, w), servqual_agg(item, p, e),
       coalesce(rating_agg(score, w), '{}')
FROM feedback GROUP BY store, day;

CREATE TABLE daily_part (LIKE daily INCLUDING ALL) PARTITION BY RANGE (day);
CREATE TABLE daily_jan PARTITION OF daily_part FOR VALUES FROM ('2026-01-01') TO ('2026-02-01');
CREATE TABLE daily_rest PARTITION OF daily_part DEFAULT;
INSERT INTO daily_part SELECT * FROM daily;

CREATE MATERIALIZED VIEW store_totals AS
SELECT store, rollup(ratings) AS ratings, rollup(kano) AS kano, rollup(gap) AS gap,
       rollup(servqual) AS servqual, nps_ci(rollup(ratings)) AS nps_ci,
       kano_result(rollup(kano)) AS kano_result, servqual(rollup(servqual)) AS servqual_scores,
       kano_category(rollup(kano)) AS category, rollup(weighted) AS weighted,
       nps_ci(rollup(weighted), 0.95, 'wald') AS weighted_nps_ci
FROM daily GROUP BY store;
CREATE UNIQUE INDEX ON store_totals (store);

-- 315 summaries per array: compressed (pglz) and stored out of line, or,
-- with STORAGE external, out of line uncompressed.
CREATE TABLE archive (id int PRIMARY KEY, ratings rating_summary[], kano kano_summary[],
                      gap gap_summary[], servqual servqual_summary[],
                      weighted weighted_rating_summary[]);
ALTER TABLE archive ALTER COLUMN gap SET STORAGE external;
INSERT INTO archive
SELECT 1, array_agg(ratings ORDER BY store, day), array_agg(kano ORDER BY store, day),
       array_agg(gap ORDER BY store, day), array_agg(servqual ORDER BY store, day),
       array_agg(weighted ORDER BY store, day)
FROM daily;

CREATE TYPE store_day AS (store text, day date, ratings rating_summary, kano kano_summary);
CREATE TABLE store_days (v store_day);
INSERT INTO store_days SELECT ROW(store, day, ratings, kano)::store_day FROM daily;

-- Key drivers: summaries of three attributes per store and day, kept in a
-- rollup table with + (merge.sql), rolled up in a materialized view, and
-- archived in an array.
CREATE TABLE drivers_daily (store text, day date, s driver_summary, PRIMARY KEY (store, day));
INSERT INTO drivers_daily
SELECT store, day, driver_agg(score, ARRAY[f, d, item], w) FROM feedback GROUP BY store, day;
CREATE MATERIALIZED VIEW drivers_totals AS
SELECT store, rollup(s) AS s, driver_r2(rollup(s)) AS r2 FROM drivers_daily GROUP BY store;
CREATE TABLE drivers_archive (id int PRIMARY KEY, s driver_summary[]);
INSERT INTO drivers_archive SELECT 1, array_agg(s ORDER BY store, day) FROM drivers_daily;
-- Monitoring: weekly summaries, their baselines (a composite column), the
-- states of the monitoring aggregates (control_summary, bare and in an
-- array) and a materialized view of every chart over them.
CREATE TABLE weekly AS
SELECT store, (day - date '2026-01-01') / 7 AS week, rollup(ratings) AS s FROM daily GROUP BY 1, 2;
CREATE TABLE baselines AS
SELECT store, nps_baseline(s ORDER BY week) AS b FROM weekly WHERE week < 4 GROUP BY store;
CREATE TABLE control_states (id int PRIMARY KEY, c control_summary, cs control_summary[]);
INSERT INTO control_states
SELECT 1, control_nps_baseline_step(control_nps_baseline_step('{}', min(s::text)::rating_summary), max(s::text)::rating_summary),
       ARRAY['{}', control_runs_z_step(control_runs_z_step('{}', 3.5), -1)]::control_summary[]
FROM weekly;
INSERT INTO control_states
SELECT 2, control_ewma_step('{}', s, b, 0.3, 2.5, 'laney'),
       ARRAY[control_cusum_step('{}', s, b), control_runs_step('{}', s, b)]
FROM weekly JOIN baselines USING (store) WHERE store = 'store 0' AND week = 5;
CREATE MATERIALIZED VIEW charts AS
SELECT store, week, control_limits(s, b) AS limits, ewma_chart(s, b) OVER w AS ewma,
       cusum_chart(s, b, 0.5, 4) OVER w AS cusum, run_rules(s, b) OVER w AS runs
FROM weekly JOIN baselines USING (store)
WINDOW w AS (PARTITION BY store ORDER BY week);
-- League summaries (1.2): one per region, and one of 5,000 distinct groups,
-- long enough (about 200 kB) to be compressed and moved out of line
-- (STORAGE extended).
CREATE TABLE leagues AS
SELECT region, nps_league(ratings) AS nps, share_league(top, 3, 10) AS share, mean_league(weighted) AS mean
FROM (SELECT store, day, (day - date '2026-01-01') % 3 AS region, rating_agg(score) AS ratings,
             rating_agg(1 + score % 10) AS top, coalesce(rating_agg(score, w), '{}') AS weighted
      FROM feedback GROUP BY 1, 2, 3) x
GROUP BY region;
ALTER TABLE leagues ADD PRIMARY KEY (region);
CREATE TABLE big_league AS
SELECT nps_league(('{0:' || i % 97 || ',7:' || i % 89 || ',9:' || (i * 7) % 83 + 1 || '}')::rating_summary) AS l
FROM generate_series(1, 5000) i;
CREATE TABLE stored_priors AS
SELECT nps_prior(rollup(nps)) AS nps, share_prior(rollup(share), 'moments') AS share,
       mean_prior(rollup(mean)) AS mean
FROM leagues;
