-- jsonb casts for reporting tools and APIs, and a comment on every object.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS csm;
RESET client_min_messages;

-- Ratings 9, 10, 6, 8 (reference): NPS 25; shares 50/25/25; mean 8.25.
SELECT jsonb_pretty(rating_agg(x)::jsonb) FROM unnest(ARRAY[9, 10, 6, 8]) x;
SELECT '{}'::rating_summary::jsonb;
-- Back from jsonb: the counts are validated like text input.
SELECT ('{"counts": {"9": 1, "10": 1, "6": 1, "8": 1}}'::jsonb)::rating_summary;
SELECT (rating_agg(x)::jsonb)::rating_summary = rating_agg(x) AS round_trip FROM unnest(ARRAY[0, 3, 3, 10]) x;
SELECT ('{"counts": {"11": 1}}'::jsonb)::rating_summary;
SELECT ('{"counts": {"9": -1}}'::jsonb)::rating_summary;
SELECT ('{"counts": {"9": 1.5}}'::jsonb)::rating_summary;
SELECT ('{"counts": {"9": 1}, "n": 2}'::jsonb)::rating_summary;
SELECT ('[1, 2]'::jsonb)::rating_summary;

-- Kano: M 1 (25), O 2 (15) -> O; Better 2/3, Worse -1.
SELECT kano_summary_to_jsonb('{15:2,25:1}'::kano_summary);
SELECT (('{15:2,25:1}'::kano_summary)::jsonb)::kano_summary AS round_trip;
SELECT kano_pair_count('{15:2,25:1}'::kano_summary, 1, 5) AS o_pairs;
SELECT ('{"pairs": {"16": 1}}'::jsonb)::kano_summary;

-- Gap and SERVQUAL summaries convert for reading.
SELECT gap_agg(p, e, w)::jsonb FROM (VALUES (5, 6, 50), (4, 6, 30), (6, 5, 20)) v(p, e, w);
SELECT (servqual_agg(i, 5, 6)::jsonb) ->> 'overall' AS overall FROM generate_series(1, 22) i;

-- The monitoring results are composites, which to_jsonb turns into the
-- objects a dashboard reads, with NULL for what a period has not (no
-- answers: no limits); control_summary, a state, has no jsonb cast.
SELECT to_jsonb(control_limits('{5:40,7:30,9:30}'::rating_summary, control_baseline('nps', 26.25, 78.65)))
       - 'z' - 'lower' - 'upper' AS limits,
       to_jsonb(control_limits('{}'::rating_summary, control_baseline('nps', 26.25, 78.65))) AS empty_period;
SELECT jsonb_object_keys(to_jsonb(control_baseline('share', 50, 10))) AS baseline_keys;
SELECT castsource::regtype FROM pg_cast WHERE castsource = 'control_summary'::regtype;
-- League summaries convert for reading: kind, groups, and each distinct
-- group's counts with how many groups have them.  Priors are rows, which
-- to_jsonb() converts (infinite alphas as the strings JSON allows).
SELECT jsonb_pretty(nps_league(s)::jsonb)
FROM (VALUES ('{9:2,3:1}'::rating_summary), ('{10:1,7:1}'), ('{10:1,7:1}'), ('{}')) v(s);
SELECT '{}'::league_summary::jsonb, share_league(s)::jsonb -> 'points' AS share_points
FROM (VALUES ('{5:2,1:1}'::rating_summary)) v(s);
SELECT to_jsonb(nps_prior(s)) ->> 'alpha_promoter' AS alpha, to_jsonb(nps_prior(s)) -> 'full_pooling' AS full
FROM (VALUES ('{9:2,3:1}'::rating_summary), ('{9:2,3:1}')) v(s);

-- Every object of the extension carries a comment (\dx+ csm lists them).
SELECT pg_describe_object(classid, objid, objsubid) AS without_comment
FROM pg_depend d
WHERE d.refclassid = 'pg_extension'::regclass
  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'csm')
  AND d.deptype = 'e'
  AND obj_description(objid, classid::regclass::text) IS NULL
  AND NOT (classid = 'pg_type'::regclass AND objid IN (SELECT typarray FROM pg_type))
ORDER BY 1;

-- A driver summary converts for reading: counts, the weight total, the
-- means (outcome first) and the correlation matrix.  Outcome 1, 2, 3 and
-- attribute 2, 4, 7, by hand: means 2 and 13/3, co-moments C_yy = 2, C_xy
-- = 5, C_xx = 38/3, r = 5 / sqrt(2 * 38/3) = 0.993399267799.
SET extra_float_digits = 0;
SELECT jsonb_pretty(driver_agg(y, ARRAY[x])::jsonb) FROM (VALUES (1, 2), (2, 4), (3, 7)) v(y, x);
RESET extra_float_digits;
