-- The two stored forms of a counts summary (src/counts_summary.h): narrow
-- while every count fits in 16 bits, wide otherwise.  Sizes by hand:
--   rating_summary narrow: 8-byte header + 11 x 2 = 30; wide: 8 + 8 + 11 x 8 = 104
--   kano_summary   narrow: 8 + 25 x 2 = 58;            wide: 8 + 8 + 25 x 8 = 216
-- The form is invisible in text, binary, jsonb and every metric.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS csm;
RESET client_min_messages;

-- Input takes the smallest form that holds the counts: 65535 = 2^16 - 1.
SELECT s, pg_column_size(s) AS bytes
FROM (VALUES ('{}'::rating_summary), ('{9:65535}'), ('{9:65536}'),
             ('{0:1,10:9223372036854775806}')) v(s);

-- An aggregate's state starts narrow and widens when a count passes 65535;
-- the counts stay exact across the change.
SELECT n, pg_column_size(s) AS bytes, s, nps(s), rating_count(s)
FROM (SELECT n, rating_agg(9) AS s FROM (VALUES (3), (65535), (65536), (70001)) v(n),
      LATERAL generate_series(1, n) GROUP BY n) a
ORDER BY n;

-- Several ratings, crossing at different rows: 140,000 answers, 9 and 10
-- alternating (70,000 each), one 0 every 1,000 rows (140 of them, taking the
-- place of a 10): NPS = 100 (70000 + 69860 - 140) / 140000 = 99.8.
SELECT s, nps(s), 100.0 * (70000 + 69860 - 140) / 140000 AS by_hand
FROM (SELECT rating_agg(CASE WHEN i % 1000 = 0 THEN 0 WHEN i % 2 = 0 THEN 10 ELSE 9 END) AS s
      FROM generate_series(1, 140000) i) a;

-- Kano: the same two forms, 58 and 216 bytes.
SELECT n, pg_column_size(k) AS bytes, k
FROM (SELECT n, kano_agg(1, 5) AS k FROM (VALUES (3), (65536)) v(n),
      LATERAL generate_series(1, n) GROUP BY n) a
ORDER BY n;

-- rollup(), + and - merge narrow and wide values; results are canonical.
SELECT rollup(s) AS merged, pg_column_size(rollup(s)) AS bytes
FROM (VALUES ('{9:65535}'::rating_summary), ('{9:1,0:2}')) v(s);
SELECT '{9:70000}'::rating_summary - '{9:69999}' AS difference,
       pg_column_size('{9:70000}'::rating_summary - '{9:69999}') AS bytes,
       '{9:70000}'::rating_summary + '{}' AS sum_of_forms;

-- A window frame shrinking from 70,000 answers to 1: the state widened on
-- the way in stays wide while answers leave it, and still equals the
-- narrow value of the same counts.  Frames at row r hold 70001 - r nines.
CREATE TEMP TABLE shrinking AS
SELECT i, rating_agg(9) OVER (ORDER BY i ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS s
FROM generate_series(1, 70000) i;
SELECT count(*) AS frames,
       bool_and(rating_count(s) = 70001 - i) AS counts_exact,
       bool_and(s = format('{9:%s}', 70001 - i)::rating_summary) AS equal_to_canonical,
       bool_and(s::text = format('{9:%s}', 70001 - i)) AS same_text
FROM shrinking;
-- The last frame, {9:1}, is stored wide: exactly the layout csm 1.0 wrote.
SELECT s, pg_column_size(s) AS bytes, s = '{9:1}' AS equal, nps(s), s + '{10:1}' AS merged,
       rating_summary_send(s) = rating_summary_send('{9:1}') AS same_binary,
       s::jsonb = '{9:1}'::rating_summary::jsonb AS same_jsonb
FROM shrinking WHERE i = 70000;

-- Called as a plain function, a transition step leaves its argument alone
-- and returns a new value, widened when needed.
SELECT s AS argument, rating_accum_int4(s, 9) AS stepped, pg_column_size(rating_accum_int4(s, 9)) AS bytes
FROM (VALUES ('{9:65535}'::rating_summary)) v(s);

-- Every input path stores counts in a form that holds them: a count past
-- 65535 is never narrow, whether it comes as text, jsonb or a sum.
SELECT pg_column_size('{15:65535}'::kano_summary) AS kano_narrow,
       pg_column_size('{15:65536}'::kano_summary) AS kano_wide,
       pg_column_size('{"counts": {"9": 65536}}'::jsonb::rating_summary) AS jsonb_wide,
       pg_column_size('{9:65535}'::rating_summary + '{9:1}') AS sum_wide;
