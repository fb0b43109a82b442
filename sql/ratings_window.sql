-- Window frames: the moving-aggregate inverse gives the same answers as
-- recomputing each frame from scratch.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS csm;
RESET client_min_messages;

CREATE TABLE answers AS
SELECT i AS id, (i % 3) AS grp,
       CASE WHEN i % 11 = 0 THEN NULL ELSE (i * 37 + i / 5) % 11 END AS score
FROM generate_series(1, 400) i;

-- A sliding frame of 20 rows, per group, against a correlated recomputation.
SELECT count(*) AS rows_checked,
       count(*) FILTER (WHERE w.nps IS NOT DISTINCT FROM r.nps) AS nps_equal,
       count(*) FILTER (WHERE w.summary IS NOT DISTINCT FROM r.summary) AS summary_equal
FROM (SELECT id, grp,
             nps(score) OVER f AS nps,
             rating_agg(score) OVER f::text AS summary
      FROM answers WINDOW f AS (PARTITION BY grp ORDER BY id ROWS BETWEEN 19 PRECEDING AND CURRENT ROW)) w
JOIN LATERAL (SELECT nps(a.score) AS nps, rating_agg(a.score)::text AS summary
              FROM (SELECT score FROM answers a2
                    WHERE a2.grp = w.grp AND a2.id <= w.id
                    ORDER BY a2.id DESC LIMIT 20) a) r ON true;

-- A frame that empties as it slides (all-NULL stretches): NULL, not 0.
SELECT id, score, nps(score) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
FROM (VALUES (1, 9), (2, NULL), (3, NULL), (4, 0), (5, 10)) v(id, score) ORDER BY id;

-- The rolling-window pattern over stored daily summaries:
-- nps(rollup(summary) OVER (ORDER BY day ROWS 6 PRECEDING)).
CREATE TABLE daily AS
SELECT id / 10 AS day, rating_agg(score) AS recommend FROM answers GROUP BY 1;

SELECT count(*) AS days_checked,
       count(*) FILTER (WHERE w.nps IS NOT DISTINCT FROM r.nps) AS nps_equal,
       count(*) FILTER (WHERE w.summary = r.summary) AS summary_equal
FROM (SELECT day, nps(rollup(recommend) OVER f) AS nps, (rollup(recommend) OVER f)::text AS summary
      FROM daily WINDOW f AS (ORDER BY day ROWS 6 PRECEDING)) w
JOIN LATERAL (SELECT nps(score) AS nps, rating_agg(score)::text AS summary
              FROM answers WHERE id / 10 BETWEEN w.day - 6 AND w.day) r ON true;

-- RANGE frames with peers, and EXCLUDE, against the same recomputation.
SELECT count(*) AS rows_checked,
       count(*) FILTER (WHERE w.nps IS NOT DISTINCT FROM r.nps) AS nps_equal
FROM (SELECT id, nps(score) OVER (ORDER BY id / 4 RANGE BETWEEN 3 PRECEDING AND 1 FOLLOWING
                                  EXCLUDE GROUP) AS nps
      FROM answers) w
JOIN LATERAL (SELECT nps(score) AS nps FROM answers a
              WHERE a.id / 4 BETWEEN w.id / 4 - 3 AND w.id / 4 + 1
                AND a.id / 4 <> w.id / 4) r ON true;

-- Every metric in a window, on a hand-checkable series:
-- frames {9}, {9,6}, {6,10}, {10,4}: NPS 100, 0, 0, 0; CSAT on score % 5 + 1.
SELECT id, score,
       nps(score) OVER f, csat_top2(score % 5 + 1) OVER f, ces_avg(score % 7 + 1) OVER f
FROM (VALUES (1, 9), (2, 6), (3, 10), (4, 4)) v(id, score)
WINDOW f AS (ORDER BY id ROWS 1 PRECEDING) ORDER BY id;

DROP TABLE answers, daily;
