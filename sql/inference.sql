-- Confidence intervals, tests and sample sizes (issue 3).  Expected values:
-- the reference's worked examples (docs/metrics.md §9)
-- to 6 decimals, and hand calculations noted beside each query.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS csm;
RESET client_min_messages;
SET extra_float_digits = 0;

CREATE FUNCTION pg_temp.r6(x double precision) RETURNS numeric
LANGUAGE sql IMMUTABLE AS 'SELECT round(x::numeric, 6)';

-- NPS counts (D, Pa, P) = (1, 2, 3): NPS 1/3, V = 5/9, SE 0.304290;
-- Wald [-0.263065, 0.929731]; adjusted Wald [-0.267433, 0.711877];
-- score [-0.311074, 0.753957] (on -1..1; csm reports points, so / 100).
CREATE TEMP TABLE s123 AS SELECT '{0:1,7:2,9:3}'::rating_summary AS s;
SELECT pg_temp.r6(nps_se(s) / 100) AS se FROM s123;
SELECT method, pg_temp.r6(estimate / 100) AS estimate, pg_temp.r6(lower / 100) AS lower,
       pg_temp.r6(upper / 100) AS upper, n
FROM s123, LATERAL (VALUES ('wald'), ('adjusted-wald'), ('score')) m(name),
     LATERAL nps_ci(s, 0.95, name);
-- The default is the adjusted Wald interval at 95 %.
SELECT (nps_ci(s)).method, (nps_ci(s)).level FROM s123;

-- NPS (395, 476, 291): -0.089501, SE 0.022387, Wald [-0.133378, -0.045624].
CREATE TEMP TABLE big AS SELECT '{2:395,8:476,10:291}'::rating_summary AS s;
SELECT pg_temp.r6(estimate / 100) AS estimate, pg_temp.r6(se / 100) AS se,
       pg_temp.r6(lower / 100) AS lower, pg_temp.r6(upper / 100) AS upper
FROM big, nps_ci(s, 0.95, 'wald');
-- Margin of error = 1.959964 * 2.2387 = 4.3877 points.
SELECT round(nps_moe(s)::numeric, 4) AS moe FROM big;

-- All promoters: the score interval's upper limit is exactly 100; all
-- detractors: its lower limit is exactly -100 (Rocks 2016).  Wald bounds
-- are clipped to -100..100.
SELECT (nps_ci('{10:5}'::rating_summary, 0.95, 'score')).upper AS all_promoters_upper,
       (nps_ci('{0:5}'::rating_summary, 0.95, 'score')).lower AS all_detractors_lower,
       (nps_ci('{10:1,0:0}'::rating_summary, 0.95, 'adjusted-wald')).upper <= 100 AS clipped;

-- One-step aggregate: shares its state with nps(score), same as the function.
SELECT nps(x), (nps_ci(x)).lower = (nps_ci(rating_agg(x))).lower AS same_as_function
FROM unnest(ARRAY[9, 10, 6, 8]) x;

-- Two groups, Wald: difference = 1/3 - (-0.089501) = 0.422834;
-- se = sqrt((5/9)/6 + V2/1162) = 0.305113; z = 1.385830; p = 0.165799
-- (scipy.stats.norm.sf for p).
SELECT pg_temp.r6(difference / 100) AS difference, pg_temp.r6(se / 100) AS se,
       pg_temp.r6(z) AS z, pg_temp.r6(p_value) AS p_value, method
FROM s123, big, nps_test(s123.s, big.s, 0.95, 'wald');
-- The sign survives: swapping the groups negates difference, z and the interval.
SELECT a.difference = -b.difference AS difference_flips, a.z = -b.z AS z_flips,
       a.lower = -b.upper AND a.upper = -b.lower AS interval_flips, a.p_value = b.p_value AS same_p
FROM s123, big, nps_test(s123.s, big.s) a, nps_test(big.s, s123.s) b;

-- CSAT counts 5:42, 4:32, 3:10, 2:9, 1:14 -> 74/107 = 69.158879 %,
-- Wilson 95 % [0.598715, 0.771183].
SELECT pg_temp.r6(estimate) AS pct, pg_temp.r6(lower / 100) AS lower,
       pg_temp.r6(upper / 100) AS upper, successes, n
FROM csat_top2_ci('{5:42,4:32,3:10,2:9,1:14}'::rating_summary);
SELECT pg_temp.r6(lower / 100) AS lower, pg_temp.r6(upper / 100) AS upper
FROM wilson_interval(74, 107);
-- Wilson never leaves 0..100: 0 of 10 and 10 of 10.
SELECT lower, (SELECT upper FROM wilson_interval(10, 10)) FROM wilson_interval(0, 10);
-- 0 of 10: upper = (z^2/n) / (1 + z^2/n) = 0.3841459/1.3841459 = 27.7533 %.
SELECT round(upper::numeric, 4) FROM wilson_interval(0, 10);

-- CES 2.0 answers 7,6,5,7,4,6,7,3,5,6: mean 5.6, sd 1.349897,
-- t-interval (df 9) [4.634342, 6.565658]; 8 of 10 agree (5-7).
CREATE TEMP TABLE ces AS
SELECT rating_agg(x) AS s FROM unnest(ARRAY[7, 6, 5, 7, 4, 6, 7, 3, 5, 6]) x;
SELECT pg_temp.r6(estimate) AS mean, pg_temp.r6(stddev) AS sd, df,
       pg_temp.r6(lower) AS lower, pg_temp.r6(upper) AS upper
FROM ces, ces_avg_ci(s);
SELECT pg_temp.r6(rating_stddev(s)) AS sd, (rating_mean_ci(s)).lower = (ces_avg_ci(s)).lower AS same
FROM ces;
SELECT estimate, successes, n FROM ces, ces_easy_ci(s, 'agreement');

-- Two proportions: 74/107 vs 50/100.  Pooled p = 124/207; by hand
-- se = sqrt(p(1-p)(1/107 + 1/100)) = 0.068167 -> z = 2.810588, p = 0.004945.
SELECT pg_temp.r6(difference) AS difference, pg_temp.r6(se / 100) AS se,
       pg_temp.r6(z) AS z, pg_temp.r6(p_value) AS p_value
FROM proportion_test(74, 107, 50, 100);
SELECT a.difference = -b.difference AND a.lower = -b.upper AS sign_survives
FROM proportion_test(74, 107, 50, 100) a, proportion_test(50, 100, 74, 107) b;
SELECT (csat_top2_test('{5:42,4:32,3:10,2:9,1:14}'::rating_summary,
                       '{5:25,4:25,1:50}'::rating_summary)).z =
       (proportion_test(74, 107, 50, 100)).z AS csat_test_matches;

-- Sample sizes.  Worst case, 5 points at 95 %: 1.959964^2 / 0.05^2 - 3
-- = 1533.58 -> 1534.  A share within 5 points: 0.25 * 1.959964^2 / 0.05^2
-- = 384.15 -> 385.  With a pilot summary (1, 2, 3): V_adj = 0.561728 ->
-- 0.561728 * 1536.58 - 3 = 860.15 -> 861.
SELECT nps_sample_size(5) AS nps_worst, csat_sample_size(5) AS csat_worst,
       nps_sample_size(s, 5) AS nps_pilot FROM s123;
SELECT csat_sample_size(3, 0.99, 80) AS csat_99;   -- 2.575829^2*0.16/0.0009 = 1179.5 -> 1180

-- NULLs: empty summaries, too few answers for a t-interval.
SELECT nps_ci('{}'::rating_summary) IS NULL AS empty_ci, nps_se('{}'::rating_summary) AS se,
       nps_test('{}'::rating_summary, '{9:1}'::rating_summary) IS NULL AS empty_test,
       rating_mean_ci('{5:1}'::rating_summary) IS NULL AS one_answer,
       wilson_interval(0, 0) IS NULL AS no_trials;

-- Bad arguments.
SELECT nps_ci('{9:1}'::rating_summary, 1);
SELECT nps_ci('{9:1}'::rating_summary, 0);
SELECT nps_ci('{9:1}'::rating_summary, 'NaN');
SELECT nps_ci('{9:1}'::rating_summary, 0.95, 'exact');
SELECT nps_test('{9:1}'::rating_summary, '{0:1}'::rating_summary, 0.95, 'score');
SELECT wilson_interval(11, 10);
SELECT wilson_interval(-1, 10);
SELECT nps_sample_size(0);
SELECT csat_sample_size(5, 0.95, 120);
SELECT csat_top2_ci('{7:1}'::rating_summary);
SELECT ces_easy_ci('{5:1}'::rating_summary, 'ease');
SELECT nps_sample_size(1e-10);

-- An interval's estimate is its metric's value, to the last bit: nps() and
-- (nps_ci()).estimate, csat_top2() and (csat_top2_ci()).estimate,
-- ces_easy_pct() and (ces_easy_ci()).estimate, on 2000 summaries whose
-- ratios do not round exactly (n = 7 to 2006).
SELECT count(*) AS summaries,
       bool_and(nps(s) = (nps_ci(s)).estimate AND nps(s) = (nps_ci(s, 0.9, 'wald')).estimate
                AND nps(s) = (nps_ci(s, 0.9, 'score')).estimate) AS nps_estimates_equal,
       bool_and(csat_top2(s, 10) = (csat_top2_ci(s, 10)).estimate) AS csat_estimates_equal,
       bool_and(ces_easy_pct(s, 'agreement') = (ces_easy_ci(s, 'agreement')).estimate) AS ces_estimates_equal
FROM (SELECT format('{1:%s,3:%s,5:%s,7:%s}', i % 7 + 1, i % 5, i % 11 + 1, i)::rating_summary AS s
      FROM generate_series(1, 2000) i) v;
