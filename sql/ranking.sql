-- Fair league tables (issue 22): league_summary, the priors fitted across
-- groups, shrunk estimates and funnel limits.  Expected values: the worked
-- examples of docs/metrics.md §9.16 to §9.19 (by hand, with exact
-- fractions), the published figures of BDA3 (rat tumours, §5.1) and Efron
-- & Morris (1975, batting averages), and hand calculations beside each
-- query.  test/ranking checks the same functions on random leagues
-- against an independent scipy oracle.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS csm;
RESET client_min_messages;
SET extra_float_digits = 0;

-- ---- league_summary: text, rules, operators --------------------------------------

-- Per distinct group its counts and how many groups have them, in order;
-- {} has no group and no kind.
SELECT '{kind:nps,empty:1,groups:{[5,2,1]:2,[0,3,4]:1}}'::league_summary;
SELECT ' { } '::league_summary, '{kind:nps,empty:0,groups:{}}'::league_summary;
SELECT '{kind:share,k:2,scale_max:5,empty:0,groups:{[3,1]:1,[0.5,0.75]:3}}'::league_summary;
SELECT '{ kind : mean , empty : 0 , groups : { [ 4.5 , 10 , 0.25 ] : 1 } }'::league_summary;
SELECT league_kind(l), league_groups(l), league_empty_groups(l)
FROM (VALUES ('{kind:nps,empty:1,groups:{[5,2,1]:2,[0,3,4]:1}}'::league_summary),
             ('{}'::league_summary)) v(l);
SELECT '{kind:share,k:2,scale_max:5,empty:2,groups:{[3,1]:1}}'::league_summary::jsonb;
-- Input errors: 22P02 naming the rule, 22003 for numbers out of range.
\set VERBOSITY sqlstate
SELECT '{kind:nps,empty:0,groups:{[5,2,1]:2,[5,2,1]:1}}'::league_summary;	-- listed twice
SELECT '{kind:nps,empty:0,groups:{[5,2,-1]:1}}'::league_summary;			-- negative count
SELECT '{kind:nps,empty:0,groups:{[0.25,0.25,0]:1}}'::league_summary;		-- n below 1
SELECT '{kind:nps,empty:0,groups:{[1,2,3]:0}}'::league_summary;			-- no group
SELECT '{kind:mean,empty:0,groups:{[4.5,10,30]:1}}'::league_summary;		-- spread beyond 0..10
SELECT '{kind:mean,empty:0,groups:{[11,10,0]:1}}'::league_summary;			-- mean beyond 10
SELECT '{kind:share,k:5,scale_max:5,empty:0,groups:{}}'::league_summary;	-- k < scale_max
SELECT '{kind:nps,method:james-stein,empty:0,groups:{}}'::league_summary;	-- means only
SELECT '{kind:share,k:2,scale_max:5,empty:0,groups:{[1,2,3]:1}}'::league_summary; -- two counts
SELECT '{kind:nps,empty:0,groups:{[1,2,1e999]:1}}'::league_summary;
SELECT '{kind:nps,empty:99999999999999999999,groups:{}}'::league_summary;
SELECT '{kind:votes,empty:0,groups:{}}'::league_summary;
\set VERBOSITY default
SELECT '{kind:nps,empty:0,groups:{[0.25,0.25,0]:1}}'::league_summary;
\set VERBOSITY terse
SELECT '{kind:nps,empty:0,groups:[1,2,3]}'::league_summary;
\set VERBOSITY default

-- + merges, = compares groups whatever their order; rollup() merges stored
-- leagues.  A league of one kind does not merge with another: 22023.
SELECT a + b AS merged, a + b = b + a AS commutes, a = b AS same, a <> b AS differ
FROM (SELECT '{kind:nps,empty:1,groups:{[5,2,1]:1}}'::league_summary AS a,
             '{kind:nps,empty:0,groups:{[5,2,1]:1,[0,3,4]:2}}'::league_summary AS b) v;
SELECT '{}'::league_summary + '{kind:mean,empty:0,groups:{[4,2,1]:1}}'::league_summary AS untyped_merges;
\set VERBOSITY sqlstate
SELECT '{kind:nps,empty:0,groups:{}}'::league_summary + '{kind:mean,empty:0,groups:{}}'::league_summary;
SELECT '{kind:share,k:2,scale_max:5,empty:0,groups:{}}'::league_summary
     + '{kind:share,k:1,scale_max:5,empty:0,groups:{}}'::league_summary;
\set VERBOSITY default

-- ---- building leagues from per-group summaries ---------------------------------------

-- docs/metrics.md §9.16: four stores of ten answers each.  Promoters,
-- passives and detractors: A 7, 2, 1; B 1, 3, 6; C 5, 3, 2; D 3, 4, 3;
-- and store E, which has no answers.  Every rating is within 1..10, so
-- that the same stores give shares of the top 3 of 1..10 (A 9, B 1, C 5,
-- D 7 of 10) and mean ratings (8.9, 3.6, 7.8, 7.7).
CREATE TEMP TABLE answers (store text, rating int, weight float8);
INSERT INTO answers
SELECT store, rating, 1 FROM (VALUES
	('A', 10, 7), ('A', 8, 2), ('A', 3, 1),
	('B', 9, 1), ('B', 7, 3), ('B', 1, 6),
	('C', 9, 5), ('C', 7, 3), ('C', 6, 2),
	('D', 10, 3), ('D', 8, 4), ('D', 5, 3)) v(store, rating, times), generate_series(1, times);
CREATE TEMP TABLE stores AS
SELECT store, rating_agg(rating) AS s, rating_agg(rating, weight) AS ws FROM answers GROUP BY store
UNION ALL SELECT 'E', '{}', '{}';
SELECT store, s, nps(s) FROM stores ORDER BY store;
-- The league lists each store's categories; the empty store is counted.
SELECT nps_league(s), league_groups(nps_league(s)), league_empty_groups(nps_league(s)) FROM stores;
-- NULL summaries are skipped, as avg() skips NULL; no rows give NULL.
SELECT nps_league(s) FROM (SELECT s FROM stores UNION ALL SELECT NULL) v;
SELECT nps_league(s) IS NULL AS no_rows, nps_prior(s) IS NULL AS no_prior FROM stores WHERE false;
-- Shares of the top-k box of 1..scale_max, and means.
SELECT share_league(s, 3, 10) AS top3_of_10, mean_league(s) FROM stores;
-- A share league counts a rating outside its scale as an error, as csat_top2() does.
\set VERBOSITY sqlstate
SELECT share_league(s) FROM stores;
\set VERBOSITY default

-- rollup() of leagues is the league of all the groups, in any split.
SELECT rollup(l) = (SELECT nps_league(s) FROM stores) AS rollup_is_whole,
       rollup(l) = (SELECT nps_league(s) FROM stores WHERE store IN ('A', 'B'))
                 + (SELECT nps_league(s) FROM stores WHERE store NOT IN ('A', 'B')) AS plus_is_whole
FROM (SELECT store < 'C' AS part, nps_league(s) AS l FROM stores GROUP BY 1) v;

-- ---- priors ---------------------------------------------------------------------------

-- §9.16 by hand, method of moments: the stores' promoter, passive and
-- detractor shares have means .4, .3, .3 and sample variances 0.2/3,
-- 0.02/3, 0.14/3, summing to 0.12; alpha0 = (.4 x .6 + .3 x .7 + .3 x .7)
-- / 0.12 - 1 = 0.66 / 0.12 - 1 = 4.5, and alpha = 4.5 x (.4, .3, .3) =
-- (1.8, 1.35, 1.35); rho = 1 / 5.5.  The prior's mean NPS is 10 points.
-- Pooled: 16 promoters, 12 passives, 12 detractors of 40: NPS 10, and the
-- trinomial variance .4 + .3 - .1^2 = .69, 6900 points^2.
SELECT round(alpha_promoter::numeric, 12) AS alpha_promoter, round(alpha_passive::numeric, 12) AS alpha_passive,
       round(alpha_detractor::numeric, 12) AS alpha_detractor, round(prior_mean::numeric, 10) AS prior_mean,
       groups, empty_groups, method, converged, full_pooling,
       round(overdispersion::numeric, 12) AS rho, round(target::numeric, 10) AS target,
       round(variance::numeric, 8) AS variance
FROM (SELECT (nps_prior(s, 'moments')).* FROM stores) p;
-- The MLE of the same stores (test/ranking/oracle.py, scipy's optimiser on
-- the Dirichlet-multinomial likelihood: alpha = 11.9798, 9.4103, 9.0454).
SELECT round(alpha_promoter::numeric, 4) AS alpha_promoter, round(alpha_passive::numeric, 4) AS alpha_passive,
       round(alpha_detractor::numeric, 4) AS alpha_detractor, method, converged, full_pooling
FROM (SELECT (nps_prior(s)).* FROM stores) p;
-- The prior of a stored league is the aggregate's, by either method.
SELECT nps_prior(nps_league(s), 'moments') = nps_prior(s, 'moments') AS moments_same,
       nps_prior(nps_league(s)) = nps_prior(s) AS mle_same
FROM stores;

-- No overdispersion (the boundary): four identical stores.  Full pooling,
-- said so, with infinite alphas rather than huge ones; every store shrinks
-- all the way to the pooled NPS, 30.
CREATE TEMP TABLE alike AS SELECT i, '{0:2,7:3,9:5}'::rating_summary AS s FROM generate_series(1, 4) i;
SELECT method, alpha_promoter, alpha_passive, alpha_detractor, full_pooling, overdispersion, target
FROM (SELECT (nps_prior(s)).* FROM alike UNION ALL SELECT (nps_prior(s, 'moments')).* FROM alike) p;
SELECT (nps_shrunk(s, p)).* FROM alike, (SELECT nps_prior(s) AS p FROM alike) p WHERE i = 1;
-- No pooling: every store all promoters or all detractors; alpha 0, rho 1,
-- each store keeps its own NPS.
SELECT alpha_promoter, alpha_passive, alpha_detractor, overdispersion, full_pooling
FROM (SELECT (nps_prior(s, 'moments')).* FROM (VALUES ('{10:4}'::rating_summary), ('{0:3}'), ('{9:2}')) v(s)) p;
-- A single store: no spread between groups to learn from, full pooling.
SELECT full_pooling, groups, target FROM (SELECT (nps_prior(s)).* FROM stores WHERE store = 'A') p;
-- Only empty stores: no prior.
SELECT nps_prior(s) IS NULL AS no_prior FROM stores WHERE store = 'E';
-- Stores of one answer each carry no information on the spread beyond the
-- multinomial (Tarone's score is -sum n(n - 1) = 0): full pooling.
SELECT full_pooling, groups
FROM (SELECT (nps_prior(s)).* FROM (VALUES ('{10:1}'::rating_summary), ('{0:1}'), ('{8:1}'), ('{9:1}')) v(s)) p;

-- BDA3 §5.1, the rat tumours: y of n rats in each of the first 70
-- experiments as the top box of a 1..2 scale.  The method of moments gives
-- alpha = 1.4, beta = 8.6 (BDA3 prints them to one decimal).
CREATE TEMP TABLE rats (i int, y int, n int);
INSERT INTO rats SELECT i, y, n FROM unnest(
	ARRAY[0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,1,1,1,1,1,1,1,3,2,2,2,2,2,2,2,2,2,1,5,2,5,2,7,7,3,3,2,9,10,4,4,4,4,4,4,4,10,4,4,4,5,11,12,5,5,6,5,6,6,6,6,16,15,15,9,4],
	ARRAY[20,20,20,20,20,20,20,19,19,19,19,18,18,17,20,20,20,20,19,19,18,18,27,25,24,23,20,20,20,20,20,20,10,49,19,46,17,49,47,20,20,13,48,50,20,20,20,20,20,20,20,48,19,19,19,22,46,49,20,20,23,19,22,20,20,20,52,46,47,24,14])
	WITH ORDINALITY AS t(y, n, i);
CREATE TEMP TABLE rat_summaries AS
SELECT i, ('{1:' || n - y || ',2:' || y || '}')::rating_summary AS s FROM rats;
SELECT round(alpha::numeric, 1) AS alpha, round(beta::numeric, 1) AS beta,
       round(alpha::numeric, 4) AS alpha_4, round(beta::numeric, 4) AS beta_4, k, scale_max, method
FROM (SELECT (share_prior(s, 1, 2, 'moments')).* FROM rat_summaries WHERE i <= 70) p;
-- The 71st experiment, 4 of 14: posterior mean (1.3561 + 4) / (9.9712 + 14)
-- = 22.344% (BDA3's figure 5.4 shows its posterior around .2).
SELECT round(estimate::numeric, 3) AS estimate
FROM rat_summaries, (SELECT share_prior(s, 1, 2, 'moments') AS p FROM rat_summaries WHERE i <= 70) p,
     share_shrunk(s, p) WHERE i = 71;

-- Efron & Morris (1975): 18 batters' hits in their first 45 at-bats, as
-- ratings 0 (out) and 1 (hit).  James-Stein: the shrinkage factor c =
-- tau2 / (tau2 + sigma^2 / 45) is .212, and Clemente's .400 shrinks to
-- .294 (Efron & Morris 1977, Scientific American).
CREATE TEMP TABLE batters AS
SELECT player, ('{0:' || 45 - hits || ',1:' || hits || '}')::rating_summary AS s
FROM unnest(ARRAY['Clemente', 'F. Robinson', 'Howard', 'Johnstone', 'Berry', 'Spencer', 'Kessinger',
                  'Alvarado', 'Santo', 'Swoboda', 'Unser', 'Williams', 'Scott', 'Petrocelli',
                  'Rodriguez', 'Campaneris', 'Munson', 'Alvis'],
            ARRAY[18, 17, 16, 15, 14, 14, 13, 12, 11, 11, 10, 10, 10, 10, 10, 9, 8, 7]) AS t(player, hits);
SELECT round(mean::numeric, 3) AS grand_average, round((tau2 / (tau2 + variance / 45))::numeric, 3) AS c, method
FROM (SELECT (mean_prior(s, 'james-stein')).* FROM batters) p;
SELECT player, round(rating_mean(s)::numeric, 3) AS average, round(estimate::numeric, 3) AS shrunk
FROM batters, (SELECT mean_prior(s, 'james-stein') AS p FROM batters) p, mean_shrunk(s, p)
WHERE player IN ('Clemente', 'Alvis') ORDER BY player;
-- DerSimonian-Laird (the default) with equal n is James-Stein with G - 1
-- for G - 3: tau2 = (Q (G - 1) / (G - 3) - (G - 1)) / (S1 - S2 / S1)
-- against (Q - (G - 1)) / (S1 - S2 / S1).
SELECT round(js.tau2::numeric, 8) AS james_stein, round(dl.tau2::numeric, 8) AS dersimonian_laird,
       round(((js.tau2 * (js.variance / 45)) / (js.tau2 + js.variance / 45))::numeric, 8) > 0 AS both_positive
FROM (SELECT (mean_prior(s, 'james-stein')).* FROM batters) js,
     (SELECT (mean_prior(s)).* FROM batters) dl;

-- ---- each store: shrunk estimates ------------------------------------------------------

-- §9.17 by hand, under the moments prior alpha = (1.8, 1.35, 1.35): store
-- A's posterior is Dirichlet(8.8, 3.35, 2.35), A0 = 14.5: NPS 100 x 6.45 /
-- 14.5 = 44.4828 (raw 60), the prior's 10 weighted 4.5 against its own 60
-- weighted 10.  Its sd: [8.8 x 5.7 + 2.35 x 12.15 + 2 x 8.8 x 2.35] /
-- (14.5^2 x 15.5) = 120.0725 / 3258.875, sqrt = 19.1950 points.  Store B:
-- 100 x (2.8 - 7.35) / 14.5 = -31.3793.  Store E, without answers: the
-- prior itself, 10 points, sd 100 x sqrt((1.8 x 2.7 + 1.35 x 3.15 + 2 x
-- 1.8 x 1.35) / (4.5^2 x 5.5)) = 35.4196.  The interval is the beta on
-- [-100, 100] with the posterior's mean and sd (docs/metrics.md §12.3).
SELECT store, round(nps(s)::numeric, 4) AS raw, round(estimate::numeric, 4) AS estimate,
       round(sd::numeric, 4) AS sd, round(lower::numeric, 4) AS lower, round(upper::numeric, 4) AS upper, level
FROM stores, (SELECT nps_prior(s, 'moments') AS p FROM stores) p, nps_shrunk(s, p)
ORDER BY store;
-- The estimate alone (no interval) is the same number; at another level the
-- interval widens.
SELECT bool_and(nps_shrunk_estimate(s, p) = (nps_shrunk(s, p)).estimate) AS same,
       bool_and((nps_shrunk(s, p, 0.99)).lower < (nps_shrunk(s, p)).lower) AS wider
FROM stores, (SELECT nps_prior(s, 'moments') AS p FROM stores) p;
-- Shares in percent, k and scale_max from the prior: the top-3 box of 1..10.
-- By hand, moments: the shares .9, .1, .5, .7 have mean .55 and sample
-- variance .35 / 3; alpha + beta = .55 x .45 / (.35 / 3) - 1 = 1.121429,
-- alpha = .616786, beta = .504643; store A: (9 + .616786) / (10 +
-- 1.121429) = 86.4708%, and its interval the Beta(9.616786, 1.504643)
-- quantiles (scipy: 62.1740%, 98.9017%).
SELECT store, round(csat_topk(s, 3, 10)::numeric, 4) AS raw, round(estimate::numeric, 4) AS estimate,
       round(lower::numeric, 4) AS lower, round(upper::numeric, 4) AS upper
FROM stores, (SELECT share_prior(s, 3, 10, 'moments') AS p FROM stores) p, share_shrunk(s, p)
WHERE store < 'E' ORDER BY store;
-- Means on the rating scale.  By hand, DerSimonian-Laird: pooled mean 7,
-- variance of all answers about it V = (203 + 163) / 40 = 9.15 (within and
-- between); Q = 163 / 9.15 = 17.8142, tau2 = (Q - 3) / ((40 - 400 / 40) /
-- 9.15) = 4.5183.  Store A: (7 / 4.5183 + 8.9 / .915) / (1 / 4.5183 + 1 /
-- .915) = 8.5800, sd 1 / sqrt(1.31422) = .8723; store E has the prior,
-- 7 with sd sqrt(4.5183) = 2.1256.
SELECT store, round(rating_mean(s)::numeric, 4) AS raw, round(estimate::numeric, 4) AS estimate,
       round(sd::numeric, 4) AS sd
FROM stores, (SELECT mean_prior(s) AS p FROM stores) p, mean_shrunk(s, p) ORDER BY store;

-- ---- funnel limits ------------------------------------------------------------------------

-- §9.18 by hand: around the pooled NPS 10 with the trinomial variance 6900
-- points^2, a store of 10 answers has sd sqrt(690) = 26.2679 points; at
-- 95%, 10 -/+ 1.959964 x 26.2679 = [-41.4840, 61.4840], and store A's 60
-- has z = 50 / 26.2679 = 1.9035: within; B's -50, z = -2.2842: below.  At
-- 99.8% (z 3.090232): [-71.1738, 91.1738].  The overall summary gives the
-- same target as the prior.
SELECT store, value, n, target, round(lower::numeric, 4) AS lower, round(upper::numeric, 4) AS upper,
       round(z::numeric, 4) AS z, flag, level
FROM stores, (SELECT rollup(s) AS overall FROM stores) o, nps_funnel(s, overall, 0.95)
ORDER BY store;
SELECT store, round(lower::numeric, 4) AS lower, round(upper::numeric, 4) AS upper, flag
FROM stores, (SELECT nps_prior(s, 'moments') AS p FROM stores) p, nps_funnel(s, p)
WHERE store IN ('A', 'B') ORDER BY store;
-- Overdispersion: the stores' z are 1.9035, -2.2842, 0.7614, -0.3807 (E
-- has none).  Their 10th and 90th percentiles (R's quantile type 7) are
-- -2.2842 + 0.3 x 1.9035 = -1.7132 and 0.7614 + 0.7 x 1.1421 = 1.5609;
-- Winsorized there, the mean of the z^2 is phi = (1.7132^2 + 0.3807^2 +
-- 0.7614^2 + 1.5609^2) / 4 = 1.5239, and the multiplicative limits are
-- sqrt(phi) times as wide: 10 -/+ 1.959964 x sqrt(1.5239 x 690) =
-- [-53.5554, 73.5554].  The additive tau^2 = (4 phi - 3) / (sum w - sum
-- w^2 / sum w), w = 10 / 6900 per store: 3.0957 x 230 = 712.0 points^2;
-- limits 10 -/+ 1.959964 x sqrt(690 + 712) (docs/metrics.md §12.4).
SELECT round(phi::numeric, 4) AS phi, round(funnel_tau2::numeric, 4) AS tau2
FROM (SELECT (nps_prior(s, 'moments')).* FROM stores) p;
SELECT store, round(lower::numeric, 4) AS lower, round(upper::numeric, 4) AS upper, round(z::numeric, 4) AS z
FROM stores, (SELECT nps_prior(s, 'moments') AS p FROM stores) p,
     nps_funnel(s, p, 0.95, overdispersion => true)
WHERE store = 'A';
SELECT store, round(lower::numeric, 4) AS lower, round(upper::numeric, 4) AS upper
FROM stores, (SELECT nps_prior(s, 'moments') AS p FROM stores) p,
     nps_funnel(s, p, 0.95, true, 'additive')
WHERE store = 'A';
-- A share against a given target: 50% of 10 answers, sd sqrt(2500 / 10) =
-- 15.8114; 95%: [19.0102, 80.9898]; store A's top-3 of 1..10 is 90%.
SELECT store, value, round(lower::numeric, 4) AS lower, round(upper::numeric, 4) AS upper,
       round(z::numeric, 4) AS z, flag
FROM stores, share_funnel(s, 50, 3, 10, 0.95) WHERE store = 'A';
SELECT round(target::numeric, 4) AS target, flag
FROM stores, (SELECT rollup(s) AS overall FROM stores) o, share_funnel(s, overall, 3, 10) WHERE store = 'A';
-- Means around the overall mean: store B's mean 3.6 against 280 / 40 = 7.
SELECT store, round(value::numeric, 4) AS value, round(target::numeric, 4) AS target, flag
FROM stores, (SELECT rollup(s) AS overall FROM stores) o, mean_funnel(s, overall) WHERE store = 'B';
-- No answers, no limits.
SELECT nps_funnel(s, s) IS NULL AS empty FROM stores WHERE store = 'E';

-- ---- weighted summaries: Kish effective counts ------------------------------------------

-- Weights 1 give the unweighted league and priors exactly.
SELECT nps_league(ws) = nps_league(s) AS league_same, nps_prior(ws) = nps_prior(s) AS prior_same,
       share_prior(ws, 3, 10) = share_prior(s, 3, 10) AS share_same, mean_prior(ws) = mean_prior(s) AS mean_same
FROM stores;
-- §9.19: two promoters of weight 2 and a detractor of weight 1: W = 5,
-- sum w^2 = 9, effective n = 25/9; promoters 25/9 x 4/5 = 20/9, detractors
-- 5/9.  A constant weight changes nothing.
SELECT nps_league(ws) AS kish, nps_league(ws2) AS constant
FROM (SELECT rating_agg(r, w) AS ws, rating_agg(r, 3) AS ws2
      FROM (VALUES (10, 2.0), (9, 2.0), (0, 1.0)) v(r, w)) v;
SELECT round(estimate::numeric, 4) AS estimate, round(value::numeric, 4) AS value, round(n::numeric, 6) AS n
FROM (SELECT rating_agg(r, w) AS ws FROM (VALUES (10, 2.0), (9, 2.0), (0, 1.0)) v(r, w)) v,
     (SELECT nps_prior(s, 'moments') AS p FROM stores) p, nps_shrunk(ws, p), nps_funnel(ws, p);

-- ---- priors passed back: checked at use -------------------------------------------------

CREATE TEMP TABLE priors AS SELECT nps_prior(s, 'moments') AS p, share_prior(s, 3, 10) AS sp,
                                   mean_prior(s) AS mp FROM stores;
SELECT round((nps_shrunk(s, p)).estimate::numeric, 4) AS stored_prior FROM stores, priors WHERE store = 'A';
\set VERBOSITY sqlstate
SELECT nps_shrunk(s, ROW(-1, 1, 1, 0, 4, 0, 'mle', true, false, 0, 0, 1, 1, 0)::dirichlet_prior)
FROM stores WHERE store = 'A';
\set VERBOSITY default
SELECT nps_shrunk(s, ROW(-1, 1, 1, 0, 4, 0, 'mle', true, false, 0, 0, 1, 1, 0)::dirichlet_prior)
FROM stores WHERE store = 'A';
SELECT nps_shrunk(s, ROW(1, 1, 1, 0, 4, 0, 'bayes', true, false, 0, 0, 1, 1, 0)::dirichlet_prior)
FROM stores WHERE store = 'A';
SELECT nps_shrunk(s, ROW(1, 1e308, 'Infinity', 0, 4, 0, 'mle', true, true, 0, 0, 1, 1, 0)::dirichlet_prior)
FROM stores WHERE store = 'A';
SELECT nps_funnel(s, ROW(1, 1, 1, 0, 4, 0, 'mle', true, false, 0, 0, -1, 1, 0)::dirichlet_prior)
FROM stores WHERE store = 'A';
SELECT nps_funnel(s, ROW(1, 1, 1, 0, 4, 0, 'mle', true, false, 0, NULL, 1, 1, 0)::dirichlet_prior)
FROM stores WHERE store = 'A';
SELECT share_shrunk(s, ROW((sp).alpha, (sp).beta, 11, 10, 0, 4, 0, 'mle', true, false, 0, 50, 2500, 1, 0)::beta_prior)
FROM stores, priors WHERE store = 'A';
SELECT mean_shrunk(s, ROW(5, 0, 4, 0, 'moments', true, false, 0, 5, 1, 1, 0)::normal_prior)
FROM stores WHERE store = 'A';
SELECT mean_shrunk(s, ROW(5, 1, 4, 0, 'moments', true, false, 0, 5, 'NaN', 1, 0)::normal_prior)
FROM stores WHERE store = 'A';
-- Full pooling as the fits encode it passes: the prior's target.
SELECT (nps_shrunk(s, ROW('Infinity', 'Infinity', 0, 100, 4, 0, 'mle', true, true, 0, 100, 0, 0, 0)::dirichlet_prior)).*
FROM stores WHERE store = 'B';

-- ---- bad parameters: 22023, NULLs: 22004 or NULL ----------------------------------------

\set VERBOSITY sqlstate
SELECT nps_prior(s, 'bayes') FROM stores;
SELECT mean_prior(s, 'james stein') FROM stores;
SELECT nps_prior(nps_league(s), 'mle-ish') FROM stores;
SELECT share_prior(s, 0, 5) FROM stores WHERE store = 'A';
SELECT share_prior(s, 2, 1) FROM stores WHERE store = 'A';
SELECT nps_prior(s, NULL) FROM stores;
SELECT share_prior(s, NULL, 5) FROM stores;
SELECT nps_prior(s, m) FROM stores, (VALUES ('mle'), ('moments')) v(m);
SELECT share_prior(s, k, 10) FROM stores, (VALUES (2), (3)) v(k);
SELECT nps_prior(share_league(s, 3, 10)) FROM stores;
SELECT nps_shrunk(s, p, 1) FROM stores, priors;
SELECT nps_shrunk(s, p, 0) FROM stores, priors;
SELECT nps_funnel(s, p, 1.5) FROM stores, priors;
SELECT nps_funnel(s, p, 0.95, true, 'exponential') FROM stores, priors;
SELECT share_funnel(s, 101, 3, 10) FROM stores;
SELECT share_funnel(s, 50, 3, 3) FROM stores;
\set VERBOSITY default
SELECT nps_prior(s, 'bayes') FROM stores;
SELECT nps_funnel(s, p, 0.95, true, 'exponential') FROM stores, priors;
SELECT nps_shrunk(s, NULL::dirichlet_prior) IS NULL AS null_prior, nps_shrunk(s, p, NULL) IS NULL AS null_level,
       nps_funnel(NULL::rating_summary, p) IS NULL AS null_summary
FROM stores, priors WHERE store = 'A';

-- ---- windows and parallel plans -------------------------------------------------------------

-- rollup() of leagues over a moving frame removes the league leaving it
-- (its inverse), and equals the frame merged afresh.
CREATE TEMP TABLE daily AS
SELECT d, nps_league(s) AS l FROM (SELECT (ascii(store) % 3) AS d, s FROM stores) v GROUP BY d;
SELECT d, league_groups(rollup(l) OVER w) AS groups,
       rollup(l) OVER w = (SELECT rollup(d2.l) FROM daily d2 WHERE d2.d BETWEEN daily.d - 1 AND daily.d) AS fresh
FROM daily WINDOW w AS (ORDER BY d ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) ORDER BY d;
-- The league and prior aggregates over a moving frame remove the group
-- leaving it (their inverse), and equal the frame aggregated afresh.
CREATE TEMP TABLE ordered AS SELECT row_number() OVER (ORDER BY store) AS i, s FROM stores;
SELECT i, league_groups(nps_league(s) OVER w) AS groups, league_empty_groups(nps_league(s) OVER w) AS empty,
       nps_league(s) OVER w = (SELECT nps_league(o.s) FROM ordered o WHERE o.i BETWEEN ordered.i - 1 AND ordered.i)
           AS league_fresh,
       mean_prior(s) OVER w IS NOT DISTINCT FROM
           (SELECT mean_prior(o.s) FROM ordered o WHERE o.i BETWEEN ordered.i - 1 AND ordered.i) AS prior_fresh
FROM ordered WINDOW w AS (ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) ORDER BY i;
-- The support functions called on their own return stored values (sorted,
-- trimmed) and leave their arguments alone.
SELECT league_nps_accum(league_nps_accum(NULL, '{9:2,0:1}'::rating_summary), '{7:1}'::rating_summary) AS two_groups,
       league_summary_combine('{kind:nps,empty:0,groups:{[2,0,1]:1}}', '{kind:nps,empty:1,groups:{[0,1,0]:1}}') AS combined,
       (nps_prior_final(league_summary_combine('{kind:nps,empty:0,groups:{[2,0,1]:1}}',
                                               '{kind:nps,empty:0,groups:{[0,1,0]:1}}'))).full_pooling AS prior_of_it;
-- Removing groups a league does not hold: 22000.
\set VERBOSITY sqlstate
SELECT league_summary_retract('{kind:nps,empty:0,groups:{[1,0,0]:1}}', '{kind:nps,empty:0,groups:{[0,1,0]:1}}');
\set VERBOSITY default

-- Many groups, a parallel plan: the partial leagues combine to the serial
-- answer.
CREATE TABLE many_stores AS
SELECT i AS store, ('{0:' || i % 7 || ',7:' || i % 5 || ',9:' || i % 11 + 1 || '}')::rating_summary AS s
FROM generate_series(1, 20000) i;
ANALYZE many_stores;
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial_answer AS SELECT nps_prior(s) AS p, nps_league(s) AS l FROM many_stores;
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
EXPLAIN (COSTS OFF) SELECT nps_prior(s), nps_league(s) FROM many_stores;
SELECT (SELECT p FROM serial_answer) = nps_prior(s) AS prior_same,
       (SELECT l FROM serial_answer) = nps_league(s) AS league_same, league_groups(nps_league(s))
FROM many_stores;
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
DROP TABLE many_stores;
