-- Operators on summaries, and a rollup table maintained with ON CONFLICT
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS csm;
RESET client_min_messages;

-- Merge adds counts; by hand: {6:1,9:2} + {6:2,10:1} = {6:3,9:2,10:1}.
SELECT '{6:1,9:2}'::rating_summary + '{6:2,10:1}'::rating_summary AS merged;
SELECT '{}'::rating_summary + '{3:4}'::rating_summary AS empty_plus;
SELECT '{6:3,9:2,10:1}'::rating_summary - '{6:2,10:1}'::rating_summary AS difference;
SELECT '{6:1}'::rating_summary - '{6:2}'::rating_summary;      -- not contained: error
SELECT '{10:9223372036854775807}'::rating_summary + '{0:1}'::rating_summary;  -- overflow
SELECT '{1:1,2:2}'::rating_summary = '{ 2:2, 1:1, 5:0 }'::rating_summary AS eq,
       '{1:1}'::rating_summary <> '{1:2}'::rating_summary AS ne,
       '{1:1}'::rating_summary = '{2:1}'::rating_summary AS differs;
SELECT NULL::rating_summary + '{1:1}'::rating_summary IS NULL AS strict_null;

-- A stream of answers arrives in 20 batches; each batch is folded into the
-- rollup table with ON CONFLICT ... DO UPDATE.  The table must equal a full
-- recomputation, and the plain-SQL NPS, at the end.
CREATE TABLE answers (id int, day date, store text, score int);
CREATE TABLE rollup_daily (day date, store text, s rating_summary,
                           PRIMARY KEY (day, store));
DO $$
BEGIN
  FOR batch IN 0..19 LOOP
    INSERT INTO answers
    SELECT i, date '2026-01-01' + (i * 7) % 9, 'store ' || (i * 13) % 4,
           CASE WHEN i % 17 = 0 THEN NULL ELSE (i * 31 + batch) % 11 END
    FROM generate_series(batch * 500 + 1, batch * 500 + 500) i;

    INSERT INTO rollup_daily AS t (day, store, s)
    SELECT day, store, rating_agg(score) FROM answers
    WHERE id BETWEEN batch * 500 + 1 AND batch * 500 + 500 AND score IS NOT NULL
    GROUP BY day, store
    ON CONFLICT (day, store) DO UPDATE SET s = t.s + EXCLUDED.s;
  END LOOP;
END $$;

SELECT count(*) AS groups,
       count(*) FILTER (WHERE r.s = f.s) AS equal_to_recomputation
FROM rollup_daily r FULL JOIN (SELECT day, store, rating_agg(score) AS s
                               FROM answers GROUP BY day, store) f USING (day, store);
SELECT store,
       nps(rollup(s)) = (SELECT 100.0 * (count(*) FILTER (WHERE score >= 9)
                                         - count(*) FILTER (WHERE score <= 6)) / count(score)
                         FROM answers a WHERE a.store = r.store) AS nps_matches_plain_sql
FROM rollup_daily r GROUP BY store ORDER BY store;
SELECT sum(rating_count(s)) AS answers_in_rollup,
       (SELECT count(score) FROM answers) AS answers_counted
FROM rollup_daily;

-- driver_summary: + is Chan's merge, = compares every moment; a rollup
-- table folded batch by batch equals one pass over the rows to rounding
-- (the merge order changes the last bits): within 1e-12.
CREATE TABLE drv_answers (id int, store int, y float8, a float8, b float8);
INSERT INTO drv_answers
SELECT i, i % 3, (i * 7) % 11, (i * 5) % 7, (i * 3) % 10 FROM generate_series(1, 3000) i;
CREATE TABLE drv_rollup (store int PRIMARY KEY, s driver_summary);
DO $$
BEGIN
  FOR batch IN 0..9 LOOP
    INSERT INTO drv_rollup AS t
    SELECT store, driver_agg(y, ARRAY[a, b]) FROM drv_answers
    WHERE id BETWEEN batch * 300 + 1 AND batch * 300 + 300 GROUP BY store
    ON CONFLICT (store) DO UPDATE SET s = t.s + EXCLUDED.s;
  END LOOP;
END $$;
SELECT r.store, driver_rows(r.s) = driver_rows(f.s) AS same_rows,
       abs(driver_r2(r.s) - driver_r2(f.s)) < 1e-12 AS same_r2,
       (SELECT max(abs(x - z)) < 1e-12 FROM unnest(driver_correlations(r.s), driver_correlations(f.s)) u(x, z))
         AS same_correlations
FROM drv_rollup r JOIN (SELECT store, driver_agg(y, ARRAY[a, b]) AS s FROM drv_answers GROUP BY store) f
     USING (store) ORDER BY store;
SELECT s = s AS eq, s <> s AS ne, s + NULL IS NULL AS strict_null FROM drv_rollup WHERE store = 0;
-- control_summary, the state of the monitoring aggregates, has = and <>
-- only: a baseline's periods and a running chart's state depend on the
-- order of every earlier period, so two states do not add (no +, no
-- rollup()).  Equal states: the same text, whatever the spacing.
SELECT '{kind:runs_z,rows:2,useful:2,crossings:1,run:1,longest:1,side:-1,beyond:1,current:1}'::control_summary
     = ' { kind : runs_z , rows : 2 , useful : 2 , crossings : 1 , run : 1 , longest : 1 , side : -1 , beyond : 1 , current : 1 } ' AS eq,
       '{kind:runs_z,rows:2,useful:2,crossings:1,run:1,longest:1,side:-1,beyond:1,current:1}'::control_summary
     <> '{kind:runs_z,rows:2,useful:2,crossings:1,run:1,longest:1,side:-1,beyond:1,current:0}' AS ne,
       '{}'::control_summary = '{kind:cusum,parameters:null}' AS empty_vs_null_parameters;
SELECT '{}'::control_summary + '{}'::control_summary;   -- no such operator: error
-- League summaries: + merges groups; a rollup table of leagues kept with ON
-- CONFLICT equals the league of all the groups, whichever batch brought
-- each store's groups.
CREATE TABLE league_rollup (store text PRIMARY KEY, l league_summary);
INSERT INTO league_rollup AS t
SELECT store, nps_league(s) FROM rollup_daily WHERE day < date '2026-01-05' GROUP BY store
ON CONFLICT (store) DO UPDATE SET l = t.l + EXCLUDED.l;
INSERT INTO league_rollup AS t
SELECT store, nps_league(s) FROM rollup_daily WHERE day >= date '2026-01-05' GROUP BY store
ON CONFLICT (store) DO UPDATE SET l = t.l + EXCLUDED.l;
SELECT count(*) AS stores,
       count(*) FILTER (WHERE l = (SELECT nps_league(s) FROM rollup_daily d WHERE d.store = r.store)) AS equal,
       sum(league_groups(l)) = (SELECT count(*) FROM rollup_daily) AS every_group
FROM league_rollup r;
SELECT '{kind:nps,empty:0,groups:{[1,0,0]:1}}'::league_summary + '{kind:nps,empty:2,groups:{[1,0,0]:2}}'
       = '{kind:nps,empty:2,groups:{[1,0,0]:3}}'::league_summary AS plus_adds_groups;
