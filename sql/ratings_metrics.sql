-- Metrics read from a rating_summary: NPS, CSAT, CES, counts, means.
-- Expected values were computed by hand from the definitions in
-- docs/metrics.md §1, §2 and §3 (and checked with Python fractions).
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

-- NPS, 0-10: {0:1,3:2,6:1,7:3,8:1,9:2,10:4} has n 14, detractors 4 (0,3,3,6),
-- passives 4, promoters 6: NPS 100*(6-4)/14 = 14.2857...; shares 6/14, 4/14, 4/14.
SELECT nps(s), promoters(s), passives(s), detractors(s),
       promoter_pct(s), passive_pct(s), detractor_pct(s),
       rating_count(s), rating_count(s, 3), rating_count(s, 5), rating_mean(s)
FROM (VALUES ('{0:1,3:2,6:1,7:3,8:1,9:2,10:4}'::rating_summary)) v(s);

-- Custom cut points: (6, 8) is the standard; (5, 8) makes 6 a passive:
-- 100*(6-3)/14 = 21.4285...; (6, 6) has no passives: 100*(10-4)/14 = 42.857...
SELECT nps(s, 6, 8) AS standard, nps(s, 5, 8) AS six_is_passive, nps(s, 6, 6) AS no_passives,
       nps(s, 0, 9) AS only_10_promotes
FROM (VALUES ('{0:1,3:2,6:1,7:3,8:1,9:2,10:4}'::rating_summary)) v(s);

-- Reference worked examples: NPS (D, Pa, P) = (1, 2, 3) is 1/3 = 33.33 points;
-- (395, 476, 291) is -0.089501, i.e. -8.950086 points.
SELECT nps('{0:1,7:2,9:3}'::rating_summary) AS one_third,
       round(nps('{6:395,8:476,10:291}'::rating_summary)::numeric, 6) AS reference;

-- CSAT: reference counts 5:42, 4:32, 3:10, 2:9, 1:14 give 74/107 = 69.158879%.
SELECT round(csat_top2(s)::numeric, 6) AS top2, round(csat_topbox(s)::numeric, 6) AS topbox,
       round(csat_topk(s, 3, 5)::numeric, 6) AS top3_of_5
FROM (VALUES ('{5:42,4:32,3:10,2:9,1:14}'::rating_summary)) v(s);

-- CSAT on 1-7 {1:1,2:1,4:2,5:3,6:4,7:5}: n 16, top-2 9/16 = 56.25%, top-box 31.25%.
SELECT csat_top2(s, 7), csat_topbox(s, 7), csat_topk(s, 2, 7)
FROM (VALUES ('{1:1,2:1,4:2,5:3,6:4,7:5}'::rating_summary)) v(s);

-- CSAT on 1-10 {1:2,5:1,6:1,7:1,8:2,9:1,10:3}: n 11, top-2 4/11, top-box 3/11,
-- top-3 6/11.  The same answers as NPS on a 1-10 survey: 4 promoters, 4 detractors.
SELECT csat_top2(s, 10), csat_topbox(s, 10), csat_topk(s, 3, 10), nps(s)
FROM (VALUES ('{1:2,5:1,6:1,7:1,8:2,9:1,10:3}'::rating_summary)) v(s);

-- CES 2.0 (agreement, 1-7): reference answers 7,6,5,7,4,6,7,3,5,6 have
-- mean 5.6 and 80% agreeing (5-7).
SELECT ces_avg(s), ces_avg(s, 7), ces_easy_pct(s, 'agreement'), ces_easy_pct(s, 'Agreement')
FROM (VALUES ('{3:1,4:1,5:2,6:3,7:3}'::rating_summary)) v(s);

-- CES 1.0 (effort, 1-5, lower is easier) {1:3,2:4,3:2,4:1,5:2}: n 12,
-- easy (1-2) 7/12 = 58.33%, mean 31/12 = 2.5833.
SELECT ces_easy_pct(s, 'effort'), ces_avg(s, 5)
FROM (VALUES ('{1:3,2:4,3:2,4:1,5:2}'::rating_summary)) v(s);

-- An empty summary: ratios are NULL, counts are 0.
SELECT nps(s), nps(s, 6, 8), promoter_pct(s), csat_top2(s), csat_top2(s, 7), csat_topbox(s),
       csat_topk(s, 2, 5), ces_avg(s), ces_easy_pct(s, 'effort'), rating_mean(s),
       promoters(s), rating_count(s), rating_count(s, 0)
FROM (VALUES ('{}'::rating_summary)) v(s);

-- Bad arguments and answers from the wrong scale.
SELECT label, pg_temp.outcome(sql)
FROM (VALUES
  ('cuts 7,6',            $q$SELECT nps('{9:1}'::rating_summary, 7, 6)::text$q$),
  ('cuts -1,8',           $q$SELECT nps('{9:1}'::rating_summary, -1, 8)::text$q$),
  ('cuts 6,10',           $q$SELECT nps('{9:1}'::rating_summary, 6, 10)::text$q$),
  ('csat 0 on 1-5',       $q$SELECT csat_top2('{0:1,5:1}'::rating_summary)::text$q$),
  ('csat 6 on 1-5',       $q$SELECT csat_topbox('{6:1}'::rating_summary)::text$q$),
  ('csat 8 on 1-7',       $q$SELECT csat_top2('{8:1}'::rating_summary, 7)::text$q$),
  ('csat scale 2',        $q$SELECT csat_top2('{1:1}'::rating_summary, 2)::text$q$),
  ('csat scale 11',       $q$SELECT csat_top2('{1:1}'::rating_summary, 11)::text$q$),
  ('topbox scale 1',      $q$SELECT csat_topbox('{1:1}'::rating_summary, 1)::text$q$),
  ('top-0 box',           $q$SELECT csat_topk('{1:1}'::rating_summary, 0, 5)::text$q$),
  ('top-5 box of 5',      $q$SELECT csat_topk('{1:1}'::rating_summary, 5, 5)::text$q$),
  ('ces 8 on 1-7',        $q$SELECT ces_avg('{8:1}'::rating_summary)::text$q$),
  ('ces 6 on 1-5',        $q$SELECT ces_avg('{6:1}'::rating_summary, 5)::text$q$),
  ('ces scale 1',         $q$SELECT ces_avg('{1:1}'::rating_summary, 1)::text$q$),
  ('effort 6',            $q$SELECT ces_easy_pct('{6:1}'::rating_summary, 'effort')::text$q$),
  ('agreement 0',         $q$SELECT ces_easy_pct('{0:1}'::rating_summary, 'agreement')::text$q$),
  ('unknown orientation', $q$SELECT ces_easy_pct('{6:1}'::rating_summary, 'ease')::text$q$),
  ('rating_count of 11',  $q$SELECT rating_count('{6:1}'::rating_summary, 11)::text$q$),
  ('rating_count of -1',  $q$SELECT rating_count('{6:1}'::rating_summary, -1)::text$q$)
) t(label, sql);

-- The full messages, with their hints.
SELECT nps('{9:1}'::rating_summary, 7, 6);
SELECT csat_top2('{5:10,7:3}'::rating_summary);
SELECT ces_avg('{8:1}'::rating_summary);
SELECT ces_easy_pct('{6:1}'::rating_summary, 'ease');

-- NULL in, NULL out.
SELECT nps(NULL::rating_summary), nps(NULL::rating_summary, 6, 8), nps('{9:1}'::rating_summary, NULL, 8),
       csat_top2(NULL::rating_summary, 7), ces_easy_pct('{6:1}'::rating_summary, NULL), rating_count(NULL::rating_summary);
