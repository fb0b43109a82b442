-- The ratings aggregates over score columns: one step and two steps
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS csm;
RESET client_min_messages;

CREATE FUNCTION pg_temp.outcome(sql text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  result text;
BEGIN
  EXECUTE sql INTO result;
  RETURN 'ok: ' || coalesce(result, 'NULL');
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE || ': ' || SQLERRM;
END $$;

-- Reference worked example: ratings 9, 10, 6, 8 give NPS 25
-- (2 promoters - 1 detractor of 4 answers = 25 points), for every score type.
SELECT nps(x::smallint) AS int2, nps(x::integer) AS int4, nps(x::bigint) AS int8,
       nps(x::numeric) AS numeric, nps(x::double precision) AS float8,
       nps(x::real) AS float4_by_cast, rating_agg(x)
FROM (VALUES (9), (10), (6), (8)) v(x);

-- Reference: NPS counts D 395, Pa 476, P 291 give -0.089501 (-8.950086 points).
CREATE TABLE nps_example AS
SELECT 3 AS score FROM generate_series(1, 395)
UNION ALL SELECT 7 FROM generate_series(1, 476)
UNION ALL SELECT 10 FROM generate_series(1, 291);
SELECT round(nps(score)::numeric, 6) AS nps_points, rating_agg(score) FROM nps_example;

-- Reference: CSAT counts 5:42, 4:32, 3:10, 2:9, 1:14 give 74/107 = 69.158879%
-- top-2-box; top-box is 42/107 = 39.252336%.
CREATE TABLE csat_example AS
SELECT s AS score FROM (VALUES (5, 42), (4, 32), (3, 10), (2, 9), (1, 14)) c(s, k),
                       LATERAL generate_series(1, k);
SELECT round(csat_top2(score)::numeric, 6) AS top2, round(csat_topbox(score)::numeric, 6) AS topbox
FROM csat_example;

-- Reference: CES 2.0 answers 7,6,5,7,4,6,7,3,5,6 have mean 5.6.
SELECT ces_avg(x) FROM (VALUES (7),(6),(5),(7),(4),(6),(7),(3),(5),(6)) v(x);

-- NULL scores are ignored, as avg() ignores them: 9 and 6 give 0 points.
SELECT nps(x), rating_agg(x), csat_top2(y), ces_avg(y)
FROM (VALUES (9, 1), (NULL, NULL), (6, 5), (NULL, 4)) v(x, y);

-- No rows, or only NULLs: NULL, never 0.
SELECT nps(x), csat_top2(x), csat_topbox(x), ces_avg(x), rating_agg(x) IS NULL AS agg_null
FROM (VALUES (1)) v(x) WHERE false;
SELECT nps(x), csat_top2(x), csat_topbox(x), ces_avg(x), rating_agg(x) IS NULL AS agg_null
FROM (VALUES (NULL::int), (NULL)) v(x);

-- Bad scores are errors (22003) naming the value and the valid range;
-- never counted as detractors, never rounded.
SELECT label, pg_temp.outcome(sql)
FROM (VALUES
  ('int 11',        'SELECT nps(x)::text FROM (VALUES (9), (11)) v(x)'),
  ('int -1',        'SELECT nps(x)::text FROM (VALUES (-1)) v(x)'),
  ('smallint 32767','SELECT nps(x)::text FROM (VALUES (32767::smallint)) v(x)'),
  ('bigint 2^40',   'SELECT nps(x)::text FROM (VALUES (1099511627776::bigint)) v(x)'),
  ('bigint -2^63',  'SELECT nps(x)::text FROM (VALUES (''-9223372036854775808''::bigint)) v(x)'),
  ('numeric 9.5',   'SELECT nps(x)::text FROM (VALUES (9.5)) v(x)'),
  ('numeric 10.4',  'SELECT nps(x)::text FROM (VALUES (10.4)) v(x)'),
  ('numeric -0.4',  'SELECT nps(x)::text FROM (VALUES (-0.4)) v(x)'),
  ('numeric 0.000000000000000000001', 'SELECT nps(x)::text FROM (VALUES (0.000000000000000000001)) v(x)'),
  ('numeric 1e30',  'SELECT nps(x)::text FROM (VALUES (1e30)) v(x)'),
  ('numeric NaN',   'SELECT nps(x)::text FROM (VALUES (''NaN''::numeric)) v(x)'),
  ('numeric 9.000', 'SELECT nps(x)::text FROM (VALUES (9.000)) v(x)'),
  ('float 9.5',     'SELECT nps(x)::text FROM (VALUES (9.5::float8)) v(x)'),
  ('float 10.000001','SELECT nps(x)::text FROM (VALUES (10.000001::float8)) v(x)'),
  ('float NaN',     'SELECT nps(x)::text FROM (VALUES (''NaN''::float8)) v(x)'),
  ('float Infinity','SELECT nps(x)::text FROM (VALUES (''Infinity''::float8)) v(x)'),
  ('float -0',      'SELECT nps(x)::text FROM (VALUES (''-0''::float8)) v(x)'),
  ('rating_agg 11', 'SELECT rating_agg(x)::text FROM (VALUES (11)) v(x)'),
  ('csat 0',        'SELECT csat_top2(x)::text FROM (VALUES (0), (5)) v(x)'),
  ('csat 7',        'SELECT csat_top2(x)::text FROM (VALUES (7), (5)) v(x)'),
  ('csat top 6',    'SELECT csat_topbox(x)::text FROM (VALUES (6)) v(x)'),
  ('ces 8',         'SELECT ces_avg(x)::text FROM (VALUES (8)) v(x)'),
  ('ces 0',         'SELECT ces_avg(x)::text FROM (VALUES (0)) v(x)')
) t(label, sql);

-- The full messages.
SELECT nps(x) FROM (VALUES (11)) v(x);
SELECT nps(x) FROM (VALUES (9.5)) v(x);
SELECT csat_top2(x) FROM (VALUES (4), (7), (7)) v(x);
SELECT ces_avg(x) FROM (VALUES (8)) v(x);

-- A deterministic pseudo-random table: 7 stores, 20,000 answers.
CREATE TABLE feedback AS
SELECT i AS id, 'store ' || (i % 7) AS store,
       CASE WHEN i % 17 = 0 THEN NULL ELSE (i * 7919 + i / 13) % 11 END AS recommend,
       CASE WHEN i % 23 = 0 THEN NULL ELSE 1 + (i * 104729 + i / 7) % 5 END AS satisfaction,
       CASE WHEN i % 29 = 0 THEN NULL ELSE 1 + (i * 1299709 + i / 11) % 7 END AS effort
FROM generate_series(1, 20000::bigint) i;

-- Each metric equals its plain-SQL definition, per store.
SELECT store,
       abs(nps(recommend) - 100.0 * (count(*) FILTER (WHERE recommend >= 9)
                                     - count(*) FILTER (WHERE recommend <= 6)) / count(recommend)) < 1e-12 AS nps_ok,
       abs(csat_top2(satisfaction) - 100.0 * count(*) FILTER (WHERE satisfaction >= 4) / count(satisfaction)) < 1e-12 AS top2_ok,
       abs(csat_topbox(satisfaction) - 100.0 * count(*) FILTER (WHERE satisfaction = 5) / count(satisfaction)) < 1e-12 AS topbox_ok,
       abs(ces_avg(effort) - avg(effort)) < 1e-12 AS ces_ok,
       rating_count(rating_agg(recommend)) = count(recommend) AS n_ok
FROM feedback GROUP BY store ORDER BY store;

-- Several metrics over one column share one transition state; the results
-- equal the same metrics computed one query at a time.
SELECT (SELECT nps(recommend) FROM feedback) = a.nps
   AND (SELECT csat_top2(recommend % 5 + 1) FROM feedback) = a.top2
   AND (SELECT csat_topbox(recommend % 5 + 1) FROM feedback) = a.topbox
   AND (SELECT rating_agg(recommend)::text FROM feedback) = a.agg::text AS shared_equals_separate
FROM (SELECT nps(recommend) AS nps, csat_top2(recommend % 5 + 1) AS top2,
             csat_topbox(recommend % 5 + 1) AS topbox, rating_agg(recommend) AS agg
      FROM feedback) a;

-- Two steps: per-day summaries, stored, then rolled up, equal one step.
CREATE TABLE feedback_daily AS
SELECT id % 30 AS day, store, rating_agg(recommend) AS recommend,
       rating_agg(satisfaction) AS satisfaction, rating_agg(effort) AS effort
FROM feedback GROUP BY 1, 2;

SELECT d.store,
       nps(rollup(d.recommend)) = f.nps AS nps_ok,
       csat_top2(rollup(d.satisfaction)) = f.top2 AS top2_ok,
       ces_avg(rollup(d.effort)) = f.ces AS ces_ok,
       rollup(d.recommend)::text = f.agg::text AS summary_ok
FROM feedback_daily d
JOIN (SELECT store, nps(recommend) AS nps, csat_top2(satisfaction) AS top2,
             ces_avg(effort) AS ces, rating_agg(recommend) AS agg
      FROM feedback GROUP BY store) f USING (store)
GROUP BY d.store, f.nps, f.top2, f.ces, f.agg::text ORDER BY d.store;

-- rollup() of NULL summaries ignores them; of none, NULL.
SELECT rollup(s) FROM (VALUES ('{9:1}'::rating_summary), (NULL), ('{0:2}')) v(s);
SELECT rollup(s) IS NULL AS empty_rollup_is_null FROM (VALUES (NULL::rating_summary)) v(s);
SELECT rollup(s) IS NULL AS rollup_of_empty_is_null FROM (VALUES ('{}'::rating_summary)) v(s);

-- Rolling up counts near the bigint limit raises an error, never wraps.
SELECT rollup(s) FROM (VALUES ('{9:9223372036854775807}'::rating_summary), ('{0:1}')) v(s);

-- The support functions called directly leave their arguments alone.
SELECT s AS before, rating_accum_int4(s, 9) AS accumulated,
       rating_summary_combine(s, s) AS combined, rating_summary_retract(s, '{9:1}') AS retracted, s AS after
FROM (VALUES ('{9:2,0:1}'::rating_summary)) v(s);
SELECT rating_summary_retract('{9:1}', '{9:2}');

DROP TABLE nps_example, csat_example, feedback, feedback_daily;
