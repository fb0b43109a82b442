-- Intervals, tests and sample sizes on both ratings summaries: from counts
-- (docs/metrics.md §7) and design-based from weights, as R's survey package
-- gives them (§8).  Results are composite types, so that reporting tools get
-- named columns; units follow the point metrics: NPS in points, shares in
-- percent.  A template for src/sql/generate.

@since 1.1

CREATE TYPE @extschema@.nps_interval AS (
	estimate double precision,	-- the NPS, points
	lower double precision, upper double precision,	-- clipped to -100..100
	se double precision,		-- standard error the method uses, points
	level double precision, method text, n bigint
);
COMMENT ON TYPE @extschema@.nps_interval IS
'NPS confidence interval in points: estimate, lower, upper, se, level, method, n';

CREATE TYPE @extschema@.proportion_interval AS (
	estimate double precision, lower double precision, upper double precision,	-- percent
	se double precision,		-- sqrt(p(1-p)/n), percentage points
	level double precision, successes bigint, n bigint
);
COMMENT ON TYPE @extschema@.proportion_interval IS
'Wilson score interval of a share in percent: estimate, lower, upper, se, level, successes, n';

CREATE TYPE @extschema@.weighted_proportion_interval AS (
	estimate double precision,	-- percent
	lower double precision, upper double precision,	-- NULL where the method has no bound
	se double precision,		-- design-based standard error, percentage points
	level double precision,
	method text,				-- logit or beta
	n bigint,					-- answers
	effective_n double precision	-- p (1 - p) / se^2, n at 0% and 100%
);
COMMENT ON TYPE @extschema@.weighted_proportion_interval IS
'design-based interval of a weighted share in percent (R''s svyciprop): estimate, lower, upper, se, level, method, n, effective_n';

CREATE TYPE @extschema@.mean_interval AS (
	estimate double precision, lower double precision, upper double precision, se double precision,
	stddev double precision,	-- sample standard deviation (n - 1)
	df bigint, level double precision
);
COMMENT ON TYPE @extschema@.mean_interval IS
'Student-t interval of a mean rating: estimate, lower, upper, se, stddev, df, level';

CREATE TYPE @extschema@.difference_test AS (
	difference double precision,	-- first minus second
	se double precision, z double precision,
	p_value double precision,		-- two-sided
	lower double precision, upper double precision, level double precision, method text
);
COMMENT ON TYPE @extschema@.difference_test IS
'Two-group comparison: signed difference (first - second), se, z, two-sided p-value, interval, level, method';

-- ---- from counts ------------------------------------------------------------------

-- NPS confidence interval in points by 'adjusted-wald' (default), 'wald' or 'score'; bounds clipped to -100..100
FUNCTION nps_ci(rating_summary, level double precision DEFAULT 0.95, method text DEFAULT 'adjusted-wald') RETURNS nps_interval AS rating_summary_nps_ci;
-- final function of the one-step nps_ci(score): 95% adjusted-Wald interval
FUNCTION nps_ci_final(rating_summary) RETURNS nps_interval AS rating_summary_nps_ci_final;
-- standard error of the NPS in points, from the trinomial variance
FUNCTION nps_se(rating_summary) RETURNS double precision AS rating_summary_nps_se;
-- margin of error of the NPS in points (Wald: z times the standard error)
FUNCTION nps_moe(rating_summary, level double precision DEFAULT 0.95) RETURNS double precision AS rating_summary_nps_moe;
-- compare the NPS of two independent groups: signed difference in points, z, p-value, interval
FUNCTION nps_test(rating_summary, rating_summary, level double precision DEFAULT 0.95, method text DEFAULT 'adjusted-wald') RETURNS difference_test AS rating_summary_nps_test;
-- Wilson score interval of successes/n, in percent
FUNCTION wilson_interval(successes bigint, n bigint, level double precision DEFAULT 0.95) RETURNS proportion_interval AS csm_wilson_interval;
-- Wilson interval of the CSAT top-2-box share (percent) on a 1..scale survey
FUNCTION csat_top2_ci(rating_summary, scale integer DEFAULT 5, level double precision DEFAULT 0.95) RETURNS proportion_interval AS rating_summary_csat_top2_ci;
-- Wilson interval of the CSAT top-box share (percent) on a 1..scale survey
FUNCTION csat_topbox_ci(rating_summary, scale integer DEFAULT 5, level double precision DEFAULT 0.95) RETURNS proportion_interval AS rating_summary_csat_topbox_ci;
-- Wilson interval of the CES share of easy answers (percent); orientation agreement (CES 2.0) or effort (CES 1.0)
FUNCTION ces_easy_ci(rating_summary, orientation text, level double precision DEFAULT 0.95) RETURNS proportion_interval AS rating_summary_ces_easy_ci;
-- compare two shares: difference in percentage points, pooled z-test, Newcombe hybrid score interval
FUNCTION proportion_test(successes1 bigint, n1 bigint, successes2 bigint, n2 bigint, level double precision DEFAULT 0.95) RETURNS difference_test AS csm_proportion_test;
-- compare the CSAT top-2-box shares of two independent groups (percentage points)
FUNCTION csat_top2_test(rating_summary, rating_summary, scale integer DEFAULT 5, level double precision DEFAULT 0.95) RETURNS difference_test AS rating_summary_csat_top2_test;
-- sample standard deviation (n - 1) of the ratings; NULL below 2 answers
FUNCTION rating_stddev(rating_summary) RETURNS double precision AS rating_summary_stddev;
-- Student-t interval of the mean rating; NULL below 2 answers
FUNCTION rating_mean_ci(rating_summary, level double precision DEFAULT 0.95) RETURNS mean_interval AS rating_summary_mean_ci;
-- Student-t interval of the CES mean on a 1..scale survey; NULL below 2 answers
FUNCTION ces_avg_ci(rating_summary, scale integer DEFAULT 7, level double precision DEFAULT 0.95) RETURNS mean_interval AS rating_summary_ces_avg_ci;
-- responses needed for an NPS margin of error in points (adjusted-Wald form, worst-case variance)
FUNCTION nps_sample_size(margin double precision, level double precision DEFAULT 0.95) RETURNS bigint AS csm_nps_sample_size;
-- responses needed for an NPS margin of error in points, with the variance of a pilot summary
FUNCTION nps_sample_size(rating_summary, margin double precision, level double precision DEFAULT 0.95) RETURNS bigint AS rating_summary_nps_sample_size;
-- responses needed for a margin of error in percentage points on a share (CSAT); expected share 50% is the worst case
FUNCTION csat_sample_size(margin double precision, level double precision DEFAULT 0.95, expected double precision DEFAULT 50) RETURNS bigint AS csm_csat_sample_size;

-- ---- design-based, from weights (R's survey package, svydesign(ids = ~1, weights = ~w)) ----

-- design-based NPS interval in points (R's svymean and confint): method 'wald', the only one for weighted answers; bounds clipped to -100..100; NULL below 2 answers
FUNCTION nps_ci(weighted_rating_summary, level double precision DEFAULT 0.95, method text DEFAULT 'wald') RETURNS nps_interval AS weighted_rating_summary_nps_ci;
-- final function of the one-step nps_ci(score, weight): the 95% design-based Wald interval
FUNCTION nps_ci_final(weighted_rating_summary) RETURNS nps_interval AS weighted_rating_summary_nps_ci_final;
-- design-based standard error of the weighted NPS in points (linearization, as R's svymean); NULL below 2 answers
FUNCTION nps_se(weighted_rating_summary) RETURNS double precision AS weighted_rating_summary_nps_se;
-- answers needed for an NPS margin of error in points if the new sample is weighted like this one (its design effect included)
FUNCTION nps_sample_size(weighted_rating_summary, margin double precision, level double precision DEFAULT 0.95) RETURNS bigint AS weighted_rating_summary_nps_sample_size;
-- margin of error of the weighted NPS in points: z times the design-based standard error
FUNCTION nps_moe(weighted_rating_summary, level double precision DEFAULT 0.95) RETURNS double precision AS weighted_rating_summary_nps_moe;
-- compare the weighted NPS of two independent groups: signed difference in points, design-based z-test and Wald interval
FUNCTION nps_test(weighted_rating_summary, weighted_rating_summary, level double precision DEFAULT 0.95, method text DEFAULT 'wald') RETURNS difference_test AS weighted_rating_summary_nps_test;
-- design-based interval of the weighted CSAT top-2-box share (percent) on a 1..scale survey, by 'logit' (default) or 'beta' (Korn-Graubard), as R's svyciprop
FUNCTION csat_top2_ci(weighted_rating_summary, scale integer DEFAULT 5, level double precision DEFAULT 0.95, method text DEFAULT 'logit') RETURNS weighted_proportion_interval AS weighted_rating_summary_csat_top2_ci;
-- design-based interval of the weighted CSAT top-box share (percent) on a 1..scale survey, by 'logit' (default) or 'beta' (Korn-Graubard), as R's svyciprop
FUNCTION csat_topbox_ci(weighted_rating_summary, scale integer DEFAULT 5, level double precision DEFAULT 0.95, method text DEFAULT 'logit') RETURNS weighted_proportion_interval AS weighted_rating_summary_csat_topbox_ci;
-- design-based interval of the weighted CES share of easy answers (percent), by 'logit' (default) or 'beta' (Korn-Graubard), as R's svyciprop
FUNCTION ces_easy_ci(weighted_rating_summary, orientation text, level double precision DEFAULT 0.95, method text DEFAULT 'logit') RETURNS weighted_proportion_interval AS weighted_rating_summary_ces_easy_ci;
-- compare the weighted CSAT top-2-box shares of two independent groups (percentage points): design-based z-test and Wald interval
FUNCTION csat_top2_test(weighted_rating_summary, weighted_rating_summary, scale integer DEFAULT 5, level double precision DEFAULT 0.95) RETURNS difference_test AS weighted_rating_summary_csat_top2_test;
-- weighted standard deviation of the ratings (R's svyvar); NULL below 2 answers
FUNCTION rating_stddev(weighted_rating_summary) RETURNS double precision AS weighted_rating_summary_stddev;
-- design-based Student-t interval of the weighted mean rating on n - 1 df (R's svymean and confint); NULL below 2 answers
FUNCTION rating_mean_ci(weighted_rating_summary, level double precision DEFAULT 0.95) RETURNS mean_interval AS weighted_rating_summary_mean_ci;
-- design-based Student-t interval of the weighted CES mean on a 1..scale survey, n - 1 df (R's svymean and confint); NULL below 2 answers
FUNCTION ces_avg_ci(weighted_rating_summary, scale integer DEFAULT 7, level double precision DEFAULT 0.95) RETURNS mean_interval AS weighted_rating_summary_ces_avg_ci;
