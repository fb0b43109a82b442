-- Monitoring over time (issue 23): baselines, limits per period, EWMA,
-- CUSUM, run rules and run lengths; the control_summary state type.
-- Expected values: the worked examples of docs/metrics.md §9.13 to §9.15
-- (computed by hand and with exact fractions from the definitions of §11),
-- qcc's p-chart example (Montgomery's orange-juice data) and the published
-- run-length tables of §11.6, noted beside each query.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS csm;
RESET client_min_messages;
SET extra_float_digits = 0;

-- Every error below as SQLSTATE: message, and the start of the detail
-- where it names the broken rule of a stored value (monitoring_codec.h).
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  detail text;
BEGIN
  EXECUTE q;
  RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
  RETURN SQLSTATE || ': ' || SQLERRM ||
    CASE WHEN SQLERRM LIKE 'invalid control_summary:%' THEN ' (' || left(detail, 36) || '...)' ELSE '' END;
END $$;

-- ---- the weekly NPS of docs/metrics.md §9.13 --------------------------------
-- Detractors rate 5, passives 7, promoters 9.  Leeds, weeks 1-4 the
-- baseline: (D, passives, P) = (20, 30, 50), (30, 30, 40), (10, 40, 50),
-- (25, 25, 50); week 5 (40, 30, 30), week 6 no answers, week 7 (15, 35,
-- 50), week 8 a NULL summary.  York: the same weeks 1-5, shifted by a week.
CREATE TEMP TABLE weekly (store text, week int, s rating_summary);
INSERT INTO weekly VALUES
  ('Leeds', 1, '{5:20,7:30,9:50}'), ('Leeds', 2, '{5:30,7:30,9:40}'),
  ('Leeds', 3, '{5:10,7:40,9:50}'), ('Leeds', 4, '{5:25,7:25,9:50}'),
  ('Leeds', 5, '{5:40,7:30,9:30}'), ('Leeds', 6, '{}'),
  ('Leeds', 7, '{5:15,7:35,9:50}'), ('Leeds', 8, NULL),
  ('York', 2, '{5:20,7:30,9:50}'), ('York', 3, '{5:30,7:30,9:40}'),
  ('York', 4, '{5:10,7:40,9:50}'), ('York', 5, '{5:25,7:25,9:50}'),
  ('York', 6, '{5:40,7:30,9:30}');

-- Baseline, by hand: 85 detractors, 125 passives, 190 promoters of 400:
-- centre 100 (190 - 85) / 400 = 26.25; variance 10^4 (0.475 + 0.2125 -
-- 0.2625^2) = 6185.9375 per answer; z of the weeks at se sqrt(6185.9375 /
-- 100) = 7.865073: 0.476791, -2.066096, 1.748235, -0.158930; moving ranges
-- 2.542888, 3.814332, 1.907166, mean 2.754795, / 1.128: sigma_z 2.442194.
CREATE TEMP TABLE baselines AS
SELECT store, nps_baseline(s ORDER BY week) AS b FROM weekly WHERE week <= 4 + (store = 'York')::int
GROUP BY store;
SELECT store, (b).metric, (b).centre, (b).variance, round((b).sigma_z::numeric, 6) AS sigma_z,
       (b).periods, (b).empty_periods, (b).answers, (b).k, (b).scale_max
FROM baselines ORDER BY store;

-- Limits at n = 100: 26.25 -/+ 3 x 7.865073 = [2.654781, 49.845219]; week
-- 5 (NPS -10) has z = -36.25 / 7.865073 = -4.608984: below.  Laney's limits
-- are sigma_z times wider: [-31.374113, 83.874113], and week 5 is inside.
-- Week 6 has no answers: no limits, no z, no signal, no error.
SELECT week, round((c).value::numeric, 6) AS value, (c).centre, round((c).lower::numeric, 6) AS lower,
       round((c).upper::numeric, 6) AS upper, round((c).z::numeric, 6) AS z, (c).signal
FROM (SELECT week, control_limits(s, b) AS c FROM weekly JOIN baselines USING (store)
      WHERE store = 'Leeds') x ORDER BY week;
SELECT week, round((c).lower::numeric, 6) AS lower, round((c).upper::numeric, 6) AS upper,
       round((c).z::numeric, 6) AS z, (c).signal
FROM (SELECT week, control_limits(s, b, 3, 'laney') AS c FROM weekly JOIN baselines USING (store)
      WHERE store = 'Leeds' AND week IN (1, 5)) x ORDER BY week;
-- 2 sigma limits: 26.25 -/+ 15.730146 = [10.519854, 41.980146]; week 2
-- (NPS 10, z -2.066096) is below them.
SELECT week, round((c).lower::numeric, 6) AS lower, round((c).upper::numeric, 6) AS upper, (c).signal
FROM (SELECT week, control_limits(s, b, 2) AS c FROM weekly JOIN baselines USING (store)
      WHERE store = 'Leeds' AND week <= 3) x ORDER BY week;

-- The running charts, one series per store (PARTITION BY).  By hand from
-- the z above, lambda 0.2: EWMA 0.095358, -0.336933, 0.080101, 0.032295,
-- -0.895961 (week 5), carried through week 6 (no z: t stays 5), then
-- -0.494266; limits 3 sqrt(0.2/1.8 (1 - 0.8^2t)): 0.6, 0.768375, 0.858985,
-- 0.912265, 0.944789, (0.944789), 0.965029.  CUSUM k 0.5: C- 0,
-- 1.566096, 0, 0, 4.108984, (4.108984), 2.496471; C+ 0, 0, 1.248235,
-- 0.589305, 0, (0), 0.612513.  York's weeks are Leeds's, a week later.
SELECT store, week, round((e).ewma::numeric, 6) AS ewma, round((e).upper::numeric, 6) AS upper,
       (e).signal AS ewma_signal, round((c).upper_sum::numeric, 6) AS c_plus,
       round((c).lower_sum::numeric, 6) AS c_minus, (c).signal AS cusum_signal
FROM (SELECT w.store, week,
             ewma_chart(s, b) OVER (PARTITION BY w.store ORDER BY week) AS e,
             cusum_chart(s, b) OVER (PARTITION BY w.store ORDER BY week) AS c
      FROM weekly w JOIN baselines USING (store)) x
ORDER BY store, week;
-- h = 4: C- 4.108984 > 4 signals below at week 5 and stays above h,
-- without restart, while week 6 has no z (no signal there).
SELECT week, round((c).lower_sum::numeric, 6) AS c_minus, (c).signal
FROM (SELECT week, cusum_chart(s, b, 0.5, 4) OVER (ORDER BY week) AS c
      FROM weekly JOIN baselines USING (store) WHERE store = 'Leeds') x
WHERE week >= 4 ORDER BY week;
-- Laney's z (z / sigma_z) in the EWMA: z 0.195231, -0.846, 0.715846,
-- -0.065077, -1.887231; EWMA 0.039046, -0.137963, 0.032799, 0.013224,
-- -0.366867.
SELECT week, round((e).ewma::numeric, 6) AS ewma, (e).signal
FROM (SELECT week, ewma_chart(s, b, 0.2, 3, 'laney') OVER (ORDER BY week) AS e
      FROM weekly JOIN baselines USING (store) WHERE store = 'Leeds') x
WHERE week = 5;

-- Run rules, by hand: signs + - + - - (week 5 beyond 3 sigma, below) _ +
-- _: 6 useful points, runs of 1, 1, 1, 2, 1: longest 2 against round(log2
-- 6) + 3 = 6, 4 crossings against qbinom(0.05, 5, 0.5) = 1; rule 1 once.
SELECT week, (r).useful, (r).longest_run, (r).longest_run_max, (r).crossings, (r).crossings_min,
       (r).runs_signal, (r).rule1, (r).rule1_count
FROM (SELECT week, run_rules(s, b) OVER (ORDER BY week) AS r
      FROM weekly JOIN baselines USING (store) WHERE store = 'Leeds') x ORDER BY week;
-- As a plain aggregate, the chart's status after its last period.
SELECT store, (ewma_chart(s, b ORDER BY week)).signal AS ewma_now,
       (run_rules(s, b ORDER BY week)).rule1_count
FROM weekly JOIN baselines USING (store) GROUP BY store ORDER BY store;
-- A frame that does not start at the partition's first row recomputes
-- each frame (the charts have no inverse): the last two periods only.
SELECT week, round((e).ewma::numeric, 6) AS ewma
FROM (SELECT week, ewma_chart(s, b) OVER (ORDER BY week ROWS 1 PRECEDING) AS e
      FROM weekly JOIN baselines USING (store) WHERE store = 'Leeds') x
WHERE week IN (2, 3) ORDER BY week;

-- A baseline over a moving frame (the last three weeks) is recomputed for
-- each frame: it equals the baseline of those weeks alone.
SELECT count(*) AS frames,
       count(*) FILTER (WHERE moving = (SELECT nps_baseline(s ORDER BY week) FROM weekly w2
                                         WHERE w2.store = x.store AND w2.week BETWEEN x.week - 2 AND x.week)) AS equal
FROM (SELECT store, week, nps_baseline(s) OVER (PARTITION BY store ORDER BY week ROWS 2 PRECEDING) AS moving
      FROM weekly) x;

-- Run rules over given z-scores: 1, 1, 0, 1, -1, -1, 0, 0, -1, 1 (points
-- on the centre neither count nor break a run), NULL (a period without
-- one), 3.5: useful 8, runs 3, 3, 2: longest 3, 2 crossings; rule 1 above.
SELECT (r).useful, (r).longest_run, (r).crossings, (r).longest_run_max, (r).crossings_min,
       (r).rule1, (r).rule1_count
FROM (SELECT run_rules(z ORDER BY i) AS r
      FROM unnest(ARRAY[1, 1, 0, 1, -1, -1, 0, 0, -1, 1, NULL, 3.5]::float8[]) WITH ORDINALITY u(z, i)) x;
-- qicharts2's table of Anhøj limits at 20 useful points: longest run 7,
-- crossings 6; 20 points alternating in sign cross 19 times.
SELECT (r).longest_run_max, (r).crossings_min, (r).crossings, (r).runs_signal
FROM (SELECT run_rules(CASE WHEN i % 2 = 0 THEN 1 ELSE -1 END ORDER BY i) AS r
      FROM generate_series(1, 20) i) x;
-- 20 points on one side: a run of 20 > 7, and no crossing.
SELECT (r).longest_run_signal, (r).crossings_signal, (r).runs_signal
FROM (SELECT run_rules(0.5 ORDER BY i) AS r FROM generate_series(1, 20) i) x;

-- ---- NULLs and empty input ------------------------------------------------------
-- No rows, or only empty periods: no baseline.  NULL summaries are empty
-- periods, counted; a NULL parameter gives NULL, and so does a NULL baseline.
SELECT nps_baseline(s ORDER BY week) IS NULL AS no_rows FROM weekly WHERE false;
SELECT nps_baseline(s) IS NULL AS only_empty FROM (VALUES ('{}'::rating_summary), (NULL)) v(s);
SELECT (nps_baseline(s ORDER BY i)).empty_periods, (nps_baseline(s ORDER BY i)).periods
FROM (VALUES (1, '{9:1}'::rating_summary), (2, NULL), (3, '{}'), (4, '{0:1}')) v(i, s);
SELECT share_baseline(s, NULL, 5) IS NULL AS null_k FROM weekly;
SELECT week, ewma_chart(s, NULL) OVER (ORDER BY week) IS NULL AS null_baseline
FROM weekly WHERE store = 'Leeds' AND week <= 2;
SELECT control_limits(NULL::rating_summary, control_baseline('nps', 0, 50)) IS NULL AS strict;
SELECT control_baseline(NULL, 1, 1) IS NULL AS null_metric;
-- A summary with answers but a baseline without a variance (means of single
-- answers): no limits.
SELECT (control_limits('{5:1}'::rating_summary, b)).*
FROM (SELECT mean_baseline(s) AS b FROM (VALUES ('{4:1}'::rating_summary), ('{5:1}')) v(s)) x;

-- ---- other metrics and weights -------------------------------------------------------
-- Means (CES 2.0, 1..7), by hand: {5:2,6:2,7:1} mean 5.8, variance 0.7;
-- {4:1,6:3} mean 5.5, variance 1; pooled centre 51/9 = 5.666667, variance
-- (4 x 0.7 + 3 x 1) / 7 = 0.828571; z 0.133333 / 0.407080 = 0.327536,
-- -0.166667 / 0.455129 = -0.366196, sigma_z 0.693732 / 1.128 = 0.615011.
-- A period of one answer: 5.666667 -/+ 3 x 0.910259 = [2.935890,
-- 8.397444], the upper limit clipped to the scale's 7.
CREATE TEMP TABLE ces (week int, s rating_summary);
INSERT INTO ces VALUES (1, '{5:2,6:2,7:1}'), (2, '{4:1,6:3}');
SELECT (b).metric, round((b).centre::numeric, 6) AS centre, round((b).variance::numeric, 6) AS variance,
       round((b).sigma_z::numeric, 6) AS sigma_z, (b).scale_max
FROM (SELECT mean_baseline(s, 7 ORDER BY week) AS b FROM ces) x;
SELECT round((c).lower::numeric, 6) AS lower, (c).upper, (c).value
FROM (SELECT control_limits('{7:1}'::rating_summary, mean_baseline(s, 7 ORDER BY week)) AS c FROM ces) x;
SELECT round((control_limits('{7:1}'::rating_summary, mean_baseline(s ORDER BY week))).upper::numeric, 6)
  AS unclipped FROM ces;

-- Shares: share_baseline(s) is the top-2 box of 1..5 (csat_top2), k and
-- scale_max as csat_topk.  {4:3,5:1,2:4}, {5:2,1:2}: 6 of 12 = 50 %,
-- variance 2500; the top box of 1..5: 3 of 12 = 25 %, variance 1875.
CREATE TEMP TABLE csat (week int, s rating_summary);
INSERT INTO csat VALUES (1, '{2:4,4:3,5:1}'), (2, '{1:2,5:2}');
SELECT (share_baseline(s ORDER BY week)).centre AS top2, (share_baseline(s ORDER BY week)).variance,
       (share_baseline(s, 1 ORDER BY week)).centre AS topbox,
       (share_baseline(s, 1 ORDER BY week)).variance AS topbox_variance,
       (share_baseline(s, 2, 5 ORDER BY week)).k, (share_baseline(s, 2, 5 ORDER BY week)).scale_max
FROM csat;
-- Limits clipped to 0..100: a period of one answer: 50 -/+ 150.
SELECT (control_limits('{5:1}'::rating_summary, share_baseline(s ORDER BY week))).*
FROM csat;

-- Weighted summaries use Kish's effective n.  Ratings 9 (weight 2), 9 (1)
-- and 0 (1): NPS 50, n = 4^2 / 6 = 8/3; against centre 0 and sd 100: z =
-- 50 / (100 / sqrt(8/3)) = 0.816497.  Every weight 1: the unweighted figures.
SELECT round((c).value::numeric, 6) AS value, round((c).z::numeric, 6) AS z, (c).signal
FROM control_limits('{0:[1,1,1],9:[2,3,5]}'::weighted_rating_summary,
                    control_baseline('nps', 0, 100)) c;
SELECT nps_baseline(s ORDER BY week) = nps_baseline(w ORDER BY week) AS unit_weights_equal
FROM (SELECT week, s,
             (SELECT ('{' || string_agg(format('%s:[%s,%s,%s]', r, c, c, c), ',') || '}')::weighted_rating_summary
              FROM generate_series(0, 10) r, LATERAL (SELECT rating_count(s, r) AS c) x WHERE c > 0) AS w
      FROM weekly WHERE store = 'Leeds' AND week <= 4) y;

-- Baselines from stored summaries rolled up equal baselines from raw rows.
CREATE TEMP TABLE answers (day int, score int);
INSERT INTO answers SELECT d, (d * 7 + i * 3) % 11 FROM generate_series(1, 28) d, generate_series(1, 9 + d % 5) i;
CREATE TEMP TABLE daily AS SELECT day, rating_agg(score) AS s FROM answers GROUP BY day;
SELECT (SELECT nps_baseline(s ORDER BY week) FROM (SELECT (day - 1) / 7 AS week, rollup(s) AS s
                                                   FROM daily GROUP BY 1) w)
     = (SELECT nps_baseline(s ORDER BY week) FROM (SELECT (day - 1) / 7 AS week, rating_agg(score) AS s
                                                   FROM answers GROUP BY 1) w) AS rollup_equals_raw;

-- ---- given baselines -------------------------------------------------------------------
-- A business sets 50 % top-2 with sd 10 points per answer: a period of 50
-- answers at 60 % is z = 10 / (10 / sqrt(50)) = 7.071068 above.
SELECT control_baseline('share', 50, 10);
SELECT round((c).z::numeric, 6) AS z, (c).signal
FROM control_limits('{5:30,1:20}'::rating_summary, control_baseline('share', 50, 10)) c;
SELECT control_baseline('mean', 5.5, 1.2, 1.5, NULL, 7), control_baseline('NPS', 30, 80);

-- ---- errors: parameters (22023), scales (22003), stored values (22P02, 22P03) ------------
SELECT label, pg_temp.err(q) FROM (VALUES
  ('sigmas 0', $$SELECT control_limits('{9:1}'::rating_summary, control_baseline('nps', 0, 50), 0)$$),
  ('sigmas -1', $$SELECT control_limits('{9:1}'::rating_summary, control_baseline('nps', 0, 50), -1)$$),
  ('sigmas inf', $$SELECT control_limits('{9:1}'::rating_summary, control_baseline('nps', 0, 50), 'infinity')$$),
  ('method', $$SELECT control_limits('{9:1}'::rating_summary, control_baseline('nps', 0, 50), 3, 'western')$$),
  ('lambda 0', $$SELECT ewma_chart(s, b, 0) OVER (ORDER BY week) FROM weekly JOIN baselines USING (store)$$),
  ('lambda 1.5', $$SELECT ewma_chart(s, b, 1.5) OVER (ORDER BY week) FROM weekly JOIN baselines USING (store)$$),
  ('lambda NaN', $$SELECT ewma_chart(s, b, 'nan') OVER (ORDER BY week) FROM weekly JOIN baselines USING (store)$$),
  ('ewma sigmas 0', $$SELECT ewma_chart(s, b, 0.2, 0) OVER (ORDER BY week) FROM weekly JOIN baselines USING (store)$$),
  ('cusum k -0.5', $$SELECT cusum_chart(s, b, -0.5) OVER (ORDER BY week) FROM weekly JOIN baselines USING (store)$$),
  ('cusum h 0', $$SELECT cusum_chart(s, b, 0.5, 0) OVER (ORDER BY week) FROM weekly JOIN baselines USING (store)$$),
  ('cusum h -1', $$SELECT cusum_chart(s, b, 0.5, -1) OVER (ORDER BY week) FROM weekly JOIN baselines USING (store)$$),
  ('runs method', $$SELECT run_rules(s, b, 'x') OVER (ORDER BY week) FROM weekly JOIN baselines USING (store)$$),
  ('lambda changes', $$SELECT ewma_chart(s, b, 0.1 + week / 100.0) OVER (ORDER BY week) FROM weekly JOIN baselines USING (store) WHERE store = 'Leeds'$$),
  ('h changes', $$SELECT cusum_chart(s, b, 0.5, week) OVER (ORDER BY week) FROM weekly JOIN baselines USING (store) WHERE store = 'Leeds'$$),
  ('baseline changes', $$SELECT ewma_chart(s, CASE WHEN week < 4 THEN b ELSE control_baseline('nps', 0, 50) END) OVER (ORDER BY week) FROM weekly JOIN baselines USING (store) WHERE store = 'Leeds'$$),
  ('baseline becomes NULL', $$SELECT ewma_chart(s, CASE WHEN week < 3 THEN b END) OVER (ORDER BY week) FROM weekly JOIN baselines USING (store) WHERE store = 'Leeds'$$),
  ('k changes', $$SELECT share_baseline(s, week ORDER BY week) FROM csat$$),
  ('top boxes', $$SELECT share_baseline(s, 5, 5) FROM csat$$),
  ('scale_max', $$SELECT mean_baseline(s, 11) FROM csat$$),
  ('off the scale', $$SELECT share_baseline(s) FROM weekly$$),
  ('mean off the scale', $$SELECT mean_baseline(s, 7) FROM weekly$$),
  ('arl lambda 0', $$SELECT ewma_arl(0, 3)$$),
  ('arl lambda 2', $$SELECT ewma_arl(2, 3)$$),
  ('arl sigmas', $$SELECT ewma_arl(0.2, -3)$$),
  ('arl shift', $$SELECT ewma_arl(0.2, 3, 'infinity')$$),
  ('arl limits', $$SELECT ewma_arl(0.2, 3, 0, 'fixed')$$),
  ('arl small lambda', $$SELECT ewma_arl(0.005, 3)$$),
  ('arl k', $$SELECT cusum_arl(-1, 5)$$),
  ('arl h', $$SELECT cusum_arl(0.5, 0)$$),
  ('arl large h', $$SELECT cusum_arl(0.5, 25)$$),
  ('given metric', $$SELECT control_baseline('csat', 50, 10)$$),
  ('given centre', $$SELECT control_baseline('nps', 120, 10)$$),
  ('given sd', $$SELECT control_baseline('nps', 10, 0)$$),
  ('given sigma_z', $$SELECT control_baseline('nps', 10, 50, -1)$$),
  ('given k for nps', $$SELECT control_baseline('nps', 10, 50, NULL, 2)$$),
  ('given k', $$SELECT control_baseline('share', 10, 50, NULL, 0, 5)$$),
  ('given mean centre', $$SELECT control_baseline('mean', 8, 1, NULL, NULL, 7)$$)
) v(label, q);

-- A baseline passed back is checked at use, field by field (22023).
SELECT label, pg_temp.err(format('SELECT control_limits(%L::rating_summary, %s::control_baseline)', '{9:1}', b))
FROM (VALUES
  ('valid', $$ROW('nps', 10, 6400, 1.2, 20, 0, 2000, NULL, NULL)$$),
  ('no metric', $$ROW(NULL, 10, 6400, 1.2, 20, 0, 2000, NULL, NULL)$$),
  ('metric', $$ROW('ces', 10, 6400, 1.2, 20, 0, 2000, NULL, NULL)$$),
  ('no centre', $$ROW('nps', NULL, 6400, 1.2, 20, 0, 2000, NULL, NULL)$$),
  ('centre', $$ROW('nps', -101, 6400, 1.2, 20, 0, 2000, NULL, NULL)$$),
  ('centre NaN', $$ROW('mean', 'nan', 1, 1.2, 20, 0, 2000, NULL, NULL)$$),
  ('variance', $$ROW('nps', 10, -1, 1.2, 20, 0, 2000, NULL, NULL)$$),
  ('variance inf', $$ROW('nps', 10, 'infinity', 1.2, 20, 0, 2000, NULL, NULL)$$),
  ('sigma_z', $$ROW('nps', 10, 6400, -0.5, 20, 0, 2000, NULL, NULL)$$),
  ('periods', $$ROW('nps', 10, 6400, 1.2, -20, 0, 2000, NULL, NULL)$$),
  ('answers', $$ROW('nps', 10, 6400, 1.2, 20, 0, 'nan', NULL, NULL)$$),
  ('k for nps', $$ROW('nps', 10, 6400, 1.2, 20, 0, 2000, 2, 5)$$),
  ('share without k', $$ROW('share', 10, 900, 1.2, 20, 0, 2000, NULL, 5)$$),
  ('share k', $$ROW('share', 10, 900, 1.2, 20, 0, 2000, 5, 5)$$),
  ('share centre', $$ROW('share', 101, 900, 1.2, 20, 0, 2000, 2, 5)$$)
) v(label, b);

-- control_summary: text form of each kind, checked on input (22P02 naming
-- the rule it breaks), equal values equal.
SELECT '{}'::control_summary, ' { } '::control_summary = '{}' AS spaces;
SELECT s::control_summary::text = s AS round_trip FROM (VALUES
  ('{kind:baseline,metric:nps,empty:1,periods:[[3,3,-100,6666.666666666667]]}'),
  ('{kind:baseline,metric:share,k:2,scale_max:5,empty:0,periods:[[4,4,200,2500],[2,2,200,0]]}'),
  ('{kind:baseline,metric:mean,scale_max:7,empty:0,periods:[]}'),
  ('{kind:baseline,metric:mean,empty:0,periods:[[2.5,4,20,1.5]]}'),
  ('{kind:ewma,parameters:null}'),
  ('{kind:ewma,method:laney,baseline:{metric:nps,centre:26.25,variance:6185.9375,sigma_z:2.5,periods:4,empty_periods:0,answers:400},lambda:0.2,sigmas:3,rows:2,t:1,current:0,ewma:-Infinity}'),
  ('{kind:cusum,method:shewhart,baseline:{metric:mean,scale_max:7,centre:5,variance:null,sigma_z:null,periods:0,empty_periods:0,answers:0},k:0.5,h:5,rows:3,t:0,current:0,upper_sum:0,lower_sum:0}'),
  ('{kind:runs,method:shewhart,baseline:{metric:share,k:1,scale_max:2,centre:23,variance:1771,sigma_z:null,periods:30,empty_periods:0,answers:1500},rows:4,useful:3,crossings:1,run:2,longest:2,side:-1,beyond:1,current:2}'),
  ('{kind:runs_z,rows:1,useful:0,crossings:0,run:0,longest:0,side:0,beyond:0,current:1}')) v(s);
-- The state a baseline aggregate keeps, and the one each chart keeps.
SELECT control_nps_baseline_step(control_nps_baseline_step('{}', '{5:1,9:2}'::rating_summary), NULL::rating_summary);
SELECT control_runs_z_step(control_runs_z_step('{}', 3.5), -1);
SELECT '{kind:runs_z,rows:1,useful:0,crossings:0,run:0,longest:0,side:0,beyond:0,current:1}'::control_summary
     <> '{kind:runs_z,rows:1,useful:0,crossings:0,run:0,longest:0,side:0,beyond:0,current:0}' AS differ;
SELECT label, pg_temp.err(format('SELECT %L::control_summary', s)) FROM (VALUES
  ('syntax', '{kind:baseline'),
  ('unknown kind', '{kind:chart}'),
  ('keys out of order', '{kind:baseline,empty:0,metric:nps,periods:[]}'),
  ('count overflow', '{kind:baseline,metric:nps,empty:99999999999999999999,periods:[]}'),
  ('not finite', '{kind:baseline,metric:nps,empty:0,periods:[[1,1,1e999,0]]}'),
  ('NPS variance', '{kind:baseline,metric:nps,empty:0,periods:[[3,3,-100,9000]]}'),
  ('NPS value', '{kind:baseline,metric:nps,empty:0,periods:[[3,3,-400,0]]}'),
  ('share variance', '{kind:baseline,metric:share,k:2,scale_max:5,empty:0,periods:[[4,4,200,2000]]}'),
  ('no answers', '{kind:baseline,metric:nps,empty:0,periods:[[0,1,0,0]]}'),
  ('mean variance', '{kind:baseline,metric:mean,scale_max:5,empty:0,periods:[[4,4,12,9]]}'),
  ('reading', '{kind:baseline,metric:share,k:5,scale_max:5,empty:0,periods:[]}'),
  ('negative empty', '{kind:baseline,metric:nps,empty:-1,periods:[]}'),
  ('lambda', '{kind:ewma,method:shewhart,baseline:{metric:nps,centre:0,variance:1,sigma_z:null,periods:0,empty_periods:0,answers:0},lambda:2,sigmas:3,rows:1,t:0,current:0,ewma:0}'),
  ('ewma before a z', '{kind:ewma,method:shewhart,baseline:{metric:nps,centre:0,variance:1,sigma_z:null,periods:0,empty_periods:0,answers:0},lambda:0.2,sigmas:3,rows:1,t:0,current:0,ewma:1}'),
  ('counters', '{kind:cusum,method:shewhart,baseline:{metric:nps,centre:0,variance:1,sigma_z:null,periods:0,empty_periods:0,answers:0},k:0.5,h:5,rows:1,t:2,current:1,upper_sum:0,lower_sum:0}'),
  ('cusum below 0', '{kind:cusum,method:shewhart,baseline:{metric:nps,centre:0,variance:1,sigma_z:null,periods:0,empty_periods:0,answers:0},k:0.5,h:5,rows:1,t:1,current:1,upper_sum:-1,lower_sum:0}'),
  ('chart baseline', '{kind:cusum,method:shewhart,baseline:{metric:nps,centre:200,variance:1,sigma_z:null,periods:0,empty_periods:0,answers:0},k:0.5,h:5,rows:1,t:0,current:0,upper_sum:0,lower_sum:0}'),
  ('runs', '{kind:runs_z,rows:2,useful:2,crossings:1,run:1,longest:1,side:0,beyond:0,current:1}'),
  ('longest run', '{kind:runs_z,rows:9,useful:9,crossings:1,run:2,longest:2,side:1,beyond:0,current:1}')
) v(label, s);

-- Binary round trips (COPY BINARY) and binary input checked as text is (22P03).
CREATE TEMP TABLE states AS
SELECT 1 AS i, control_nps_baseline_step(control_nps_baseline_step('{}', '{5:1,9:2}'::rating_summary), '{}'::rating_summary) AS c
UNION ALL SELECT 2, control_ewma_step('{}', '{5:1,9:2}'::rating_summary, control_baseline('nps', 10, 80), 0.3, 2.5, 'laney')
UNION ALL SELECT 3, control_cusum_step('{}', '{5:1,9:2}'::rating_summary, control_baseline('share', 10, 30, 1.5, 1, 10))
UNION ALL SELECT 4, control_runs_z_step('{}', -4)
UNION ALL SELECT 5, '{}'
UNION ALL SELECT 6, '{kind:runs,parameters:null}';
COPY states TO '/tmp/csm_regress_monitoring.bin' (FORMAT binary);
CREATE TEMP TABLE states_back (LIKE states);
COPY states_back FROM '/tmp/csm_regress_monitoring.bin' (FORMAT binary);
SELECT count(*) AS rows, bool_and(b.c = s.c AND b.c::text = s.c::text) AS binary_round_trip
FROM states_back b JOIN states s USING (i);
CREATE TEMP TABLE recv_in (b bytea);
CREATE TEMP TABLE recv_out (c control_summary);
CREATE FUNCTION pg_temp.recv(bytes bytea) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  detail text;
BEGIN
  TRUNCATE recv_in, recv_out;
  INSERT INTO recv_in VALUES (bytes);
  COPY recv_in TO '/tmp/csm_regress_monitoring_recv.bin' (FORMAT binary);
  COPY recv_out FROM '/tmp/csm_regress_monitoring_recv.bin' (FORMAT binary);
  RETURN 'ok: ' || (SELECT c::text FROM recv_out);
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
  RETURN SQLSTATE || ': ' || SQLERRM ||
    CASE WHEN SQLERRM LIKE 'invalid control_summary:%' THEN ' (' || left(detail, 36) || '...)' ELSE '' END;
END $$;
-- A baseline of one period (3 answers, NPS 33.3): the head's 8 bytes, metric,
-- count, empty periods (24 bytes in all), then n, weight, sum and variance.
WITH good(b) AS (SELECT control_summary_send(control_nps_baseline_step('{}', '{5:1,9:2}'::rating_summary)))
SELECT label, pg_temp.recv(bytes) FROM good, LATERAL (VALUES
  ('as sent', b),
  ('version 2', overlay(b PLACING '\x02'::bytea FROM 1 FOR 1)),
  ('unknown kind', overlay(b PLACING '\x09'::bytea FROM 2 FOR 1)),
  ('short', substr(b, 1, 30)),
  ('long', b || '\x00'::bytea),
  ('variance', overlay(b PLACING float8send(9999) FROM 49 FOR 8)),
  ('weight NaN', overlay(b PLACING float8send('nan') FROM 33 FOR 8)),
  ('count', overlay(b PLACING int4send(2) FROM 13 FOR 4))
) v(label, bytes);

-- ---- the qcc p chart through SQL ----------------------------------------------------------
-- qcc's orangejuice data (Montgomery, Introduction to Statistical Quality
-- Control): nonconforming cans of 50 in 30 samples, as the top box of a
-- 1..2 scale.  qcc: p-bar 0.2313, limits [0.0524, 0.4102], samples 15 and
-- 23 above.
CREATE TEMP TABLE juice (sample int, s rating_summary);
INSERT INTO juice
SELECT i, format('{1:%s,2:%s}', 50 - d, d)::rating_summary
FROM unnest(ARRAY[12, 15, 8, 10, 4, 7, 16, 9, 14, 10, 5, 6, 17, 12, 22, 8, 10, 5, 13, 11,
                  20, 18, 24, 15, 9, 12, 7, 13, 9, 6]) WITH ORDINALITY u(d, i);
SELECT round((b).centre::numeric / 100, 4) AS p_bar,
       round(min((c).lower)::numeric / 100, 4) AS lcl, round(max((c).upper)::numeric / 100, 4) AS ucl,
       array_agg(sample ORDER BY sample) FILTER (WHERE (c).signal <> 'none') AS out_of_control,
       array_agg(DISTINCT (c).signal) FILTER (WHERE (c).signal <> 'none') AS side
FROM (SELECT sample, b, control_limits(s, b) AS c
      FROM juice, (SELECT share_baseline(s, 1, 2 ORDER BY sample) AS b FROM juice) x) y
GROUP BY b;

-- ---- run lengths ---------------------------------------------------------------------------
-- Published: CUSUM k 0.5, h 5: 465 in control, 10.4 at a 1-sigma shift
-- (Montgomery Table 9.3); h 4: 168 (Lucas & Crosier 1982).  EWMA with the
-- tables' asymptotic limits: lambda 0.2, L 2.962: 500, 10.5 at 1 sigma;
-- lambda 0.1, L 2.814: 500, 10.3 (Montgomery Table 9.11, after Lucas &
-- Saccucci 1990).  The exact limits ewma_chart draws alarm earlier.
SELECT round(cusum_arl(0.5, 5)::numeric) AS cusum_h5, round(cusum_arl(0.5, 5, 1)::numeric, 1) AS cusum_h5_shift1,
       round(cusum_arl(0.5, 4)::numeric) AS cusum_h4,
       round(ewma_arl(0.2, 2.962, 0, 'asymptotic')::numeric) AS ewma_02,
       round(ewma_arl(0.2, 2.962, 1, 'asymptotic')::numeric, 1) AS ewma_02_shift1,
       round(ewma_arl(0.1, 2.814, 0, 'asymptotic')::numeric) AS ewma_01,
       round(ewma_arl(0.1, 2.814, 1, 'asymptotic')::numeric, 1) AS ewma_01_shift1,
       ewma_arl(0.2, 2.962) < ewma_arl(0.2, 2.962, 0, 'asymptotic') AS exact_shorter;
-- A Shewhart chart (lambda 1) at 3 sigma: 1 / (2 Phi(-3)) = 370.398.
SELECT round(ewma_arl(1, 3)::numeric, 3) AS shewhart;

-- ---- parallel plans ------------------------------------------------------------------------
-- The baselines and charts are ORDERED: no partial aggregation, the same
-- answer in a parallel plan.
CREATE TABLE monitoring_big AS
SELECT g % 7 AS store, g / 7 AS week, format('{%s:%s,10:3}', g % 10, 1 + g % 5)::rating_summary AS s
FROM generate_series(0, 6999) g;
ANALYZE monitoring_big;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
-- A plan without its sort keys: from 16 on, the input of an ordered
-- aggregate is sorted by its ORDER BY too (presorted aggregates), where 15
-- sorts inside the aggregate; the plan is otherwise the same.
CREATE FUNCTION pg_temp.plan_shape(query text) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE line text;
BEGIN
	FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || query LOOP
		IF line !~ 'Sort Key:' THEN RETURN NEXT line; END IF;
	END LOOP;
END
$$;
SELECT pg_temp.plan_shape('SELECT store, nps_baseline(s ORDER BY week) AS b FROM monitoring_big GROUP BY store');
CREATE TEMP TABLE parallel_result AS
SELECT store, nps_baseline(s ORDER BY week) AS b FROM monitoring_big GROUP BY store;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
SET max_parallel_workers_per_gather = 0;
SELECT count(*) AS stores, bool_and(p.b = s.b) AS parallel_equals_serial
FROM parallel_result p JOIN (SELECT store, nps_baseline(s ORDER BY week) AS b FROM monitoring_big GROUP BY store) s
USING (store);
RESET max_parallel_workers_per_gather;
DROP TABLE monitoring_big;
