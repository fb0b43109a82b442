-- Design-based intervals and tests on weighted_rating_summary (issue 14),
-- as R's survey package computes them for svydesign(ids = ~1, weights =
-- ~w): docs/metrics.md §8.  The variances are worked by hand below; the
-- quantiles (normal, t, beta) are scipy's.  test/weighted checks the same
-- functions against R on 250 random data sets.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS csm;
RESET client_min_messages;

-- Example A: 10 (w 2), 9 (2), 7 (1), 6 (2), 2 (1); NPS 12.5 (weighted.sql).
-- x = +100/0/-100, deviations from 12.5: 87.5, -12.5, -112.5; Σw² per
-- group 8, 1, 5; variance (5/4) (87.5² · 8 + 12.5² · 1 + 112.5² · 5) / 8²
-- = (5/4) · 124687.5 / 64 = 2435.302734375, SE = 49.348786554230.
-- 95% Wald: 12.5 ± 1.959963984540 · SE = [-84.221844327046, 109.22...],
-- the upper bound clipped to 100.  At 90%: 12.5 ± 81.171530549380.
CREATE TABLE wa AS
SELECT rating_agg(score, w) AS s FROM (VALUES (10, 2), (9, 2), (7, 1), (6, 2), (2, 1)) v(score, w);
SELECT estimate, round(lower::numeric, 9) AS lower, upper, round(se::numeric, 9) AS se, level, method, n
FROM wa, nps_ci(s);
SELECT round(lower::numeric, 9) AS lower, round(upper::numeric, 9) AS upper
FROM wa, nps_ci(s, 0.90, 'wald');
SELECT round(nps_se(s)::numeric, 9) AS se, round(nps_moe(s, 0.90)::numeric, 9) AS moe_90 FROM wa;
-- The estimate of an interval is the metric itself, to the last bit.
SELECT (nps_ci(s)).estimate = nps(s) AS same FROM wa;

-- Example B: CSAT 5 (w 3), 4 (1), 4 (1), 3 (2), 1 (1).  Top-2 share
-- p = 5/8; deviations 3/8 and -5/8, Σw² 11 (top-2) and 5 (rest):
-- variance (5/4) ((3/8)² · 11 + (5/8)² · 5) / 64 = 35/512, SE = 0.261456258
-- (26.1456 points).  Korn-Graubard's n* = p (1 - p) / variance =
-- (15/64) / (35/512) = 24/7.
--   logit: logit(5/8) = log(5/3) ± t(4, 0.975) · SE / (15/64), back through
--          the logistic function: [7.001697916%, 97.361139107%]
--   beta:  qbeta(0.025, n* p, n* (1 - p) + 1), qbeta(0.975, n* p + 1,
--          n* (1 - p)): [9.784554977%, 98.024415547%]
CREATE TABLE wb AS
SELECT rating_agg(score, w) AS s FROM (VALUES (5, 3), (4, 1), (4, 1), (3, 2), (1, 1)) v(score, w);
SELECT estimate, round(lower::numeric, 7) AS lower, round(upper::numeric, 7) AS upper,
       round(se::numeric, 7) AS se, method, n, round(effective_n::numeric, 12) AS effective_n
FROM wb, csat_top2_ci(s);
SELECT estimate, round(lower::numeric, 7) AS lower, round(upper::numeric, 7) AS upper, method
FROM wb, csat_top2_ci(s, 5, 0.95, 'beta');
-- top-box 3/8, and the same share read as CES 2.0 "easy" (5-7): equal intervals.
SELECT (csat_topbox_ci(s)).estimate, (ces_easy_ci(s, 'agreement')).estimate,
       csat_topbox_ci(s) = ces_easy_ci(s, 'agreement') AS same_interval FROM wb;

-- Example C: CES 7 (w 2), 5 (1), 3 (1).  Mean 22/4 = 5.5; deviations 1.5,
-- -0.5, -2.5; variance (3/2) (2.25 · 4 + 0.25 + 6.25) / 16 = 93/64, SE =
-- 1.205456345; t(2, 0.975) = 4.302652730 gives [0.313339966, 10.686660034].
-- svyvar: (3/2) (2 · 2.25 + 0.25 + 6.25) / 4 = 33/8, stddev 2.031009601.
CREATE TABLE wc AS
SELECT rating_agg(score, w) AS s FROM (VALUES (7, 2), (5, 1), (3, 1)) v(score, w);
SELECT estimate, round(lower::numeric, 9) AS lower, round(upper::numeric, 9) AS upper,
       round(se::numeric, 9) AS se, round(stddev::numeric, 9) AS stddev, df, level
FROM wc, ces_avg_ci(s);
SELECT round(rating_stddev(s)::numeric, 9) AS stddev, (rating_mean_ci(s)).estimate FROM wc;

-- All weights equal: the linearized SE is the unweighted Wald SE times
-- sqrt(n / (n - 1)).  Scores 10, 9, 8, 6, 3, each weight 3: p = d = 2/5,
-- V = 0.8, Wald SE 100 sqrt(0.8 / 5) = 40; weighted 40 sqrt(5/4) =
-- 44.721359550.
SELECT round(nps_se(w)::numeric, 9) AS weighted_se, (nps_ci(u, 0.95, 'wald')).se AS wald_se,
       abs(nps_se(w) - (nps_ci(u, 0.95, 'wald')).se * sqrt(5.0 / 4)) < 1e-12 AS ratio_holds
FROM (SELECT rating_agg(score, 3.0) AS w, rating_agg(score) AS u
      FROM unnest(ARRAY[10, 9, 8, 6, 3]) score) x;

-- Two independent groups: the difference, each group's own variance.
-- A - C as NPS: C's answers 7, 5, 3 are a passive and two detractors of
-- weight 2, 1, 1: NPS 100 (0 - 2)/4 = -50; x = 0, -100, -100, deviations
-- 50, -50, -50 with Σw² 4 and 2: variance (3/2)(2500 · 4 + 2500 · 2)/16 =
-- 1406.25.  Difference 12.5 + 50 = 62.5, SE sqrt(2435.302734375 +
-- 1406.25) = 61.980260845, z = 1.008385559, p = 0.313269,
-- 62.5 ± 1.959963985 SE = [-58.979079, 183.979079].
SELECT difference, round(se::numeric, 9) AS se, round(z::numeric, 9) AS z,
       round(p_value::numeric, 6) AS p_value, round(lower::numeric, 6) AS lower,
       round(upper::numeric, 6) AS upper, method
FROM wa, wc, nps_test(wa.s, wc.s);
SELECT (nps_test(wa.s, wc.s)).difference = -(nps_test(wc.s, wa.s)).difference AS signed FROM wa, wc;

-- A single answer: no design-based variance (divisor n - 1), so no SE,
-- interval or test; the point metrics exist.
SELECT nps(s), nps_se(s), nps_ci(s) IS NULL AS no_ci, csat_top2_ci(s, 10) IS NULL AS no_share_ci,
       ces_avg_ci(s, 10) IS NULL AS no_mean_ci, nps_test(s, s) IS NULL AS no_test
FROM (SELECT rating_agg(10, 2.5) AS s) x;

-- 0% and 100%: logit has no bounds (logit(0) is infinite); beta takes
-- n* = n (Korn and Graubard 1998), Clopper-Pearson's bounds: for 4 answers
-- all in the top two boxes, [(0.025)^(1/4), 1] = [39.763536438%, 100%].
SELECT estimate, lower, upper, method, effective_n
FROM (SELECT rating_agg(score, w) AS s FROM (VALUES (5, 1.0), (4, 2.0), (5, 0.5), (4, 4.0)) v(score, w)) x,
     csat_top2_ci(s);
SELECT estimate, round(lower::numeric, 9) AS lower, upper, method, effective_n
FROM (SELECT rating_agg(score, w) AS s FROM (VALUES (5, 1.0), (4, 2.0), (5, 0.5), (4, 4.0)) v(score, w)) x,
     csat_top2_ci(s, 5, 0.95, 'beta');

-- Methods that count every answer once do not apply under weights: the
-- error names those that do.
SELECT nps_ci(s, 0.95, 'adjusted-wald') FROM wa;
SELECT nps_ci(s, 0.95, 'score') FROM wa;
SELECT nps_test(s, s, 0.95, 'adjusted-wald') FROM wa;
SELECT csat_top2_ci(s, 5, 0.95, 'wilson') FROM wb;
SELECT ces_easy_ci(s, 'agreement', 0.95, 'exact') FROM wb;
SELECT nps_ci(s, 1.5) FROM wa;
-- Bad parameters are errors even for an empty summary.
SELECT nps_ci('{}'::weighted_rating_summary, 0.95, 'score');

-- Sample size: responses for a margin of 10 points at 95% if the new
-- sample is weighted like example A: z² n SE² / E² = 1.959963985² · 5 ·
-- 2435.302734375 / 100 = 467.756, rounded up to 468.
SELECT nps_sample_size(s, 10) FROM wa;

-- The one-step form: 95% Wald, as nps_ci(rating_agg(score, w)).
SELECT nps_ci(score, w) = nps_ci(rating_agg(score, w)) AS same
FROM (VALUES (10, 2), (9, 2), (7, 1), (6, 2), (2, 1)) v(score, w);

DROP TABLE wa, wb, wc;
