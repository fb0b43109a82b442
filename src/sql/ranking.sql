-- Fair league tables: league_summary (the groups of a league, per distinct
-- group its counts and how many groups have them), the empirical-Bayes
-- priors fitted across groups (nps_prior, share_prior, mean_prior), each
-- group's shrunk estimate, and funnel limits.  Groups are per-group
-- rating_summary or weighted_rating_summary values (weighted: Kish
-- effective counts).  docs/metrics.md §12.  A template for src/sql/generate.

@since 1.2

-- groups of a league for empirical-Bayes priors and funnel limits, e.g. {kind:nps,empty:0,groups:{[5,2,1]:2}}: per distinct group its counts (or mean, n and variance) and how many groups have them; the state of every prior aggregate, storable and mergeable with rollup()
SUMMARY league_summary INITCOND '{}' STORAGE extended;
OPERATORS league_summary;

CREATE TYPE @extschema@.dirichlet_prior AS (
	alpha_promoter double precision, alpha_passive double precision,
	alpha_detractor double precision,	-- Infinity on full pooling
	prior_mean double precision,	-- NPS of the prior's mean, points
	groups bigint,					-- groups with answers: the fit's
	empty_groups bigint,			-- groups without answers, ignored
	method text,					-- mle or moments
	converged boolean,
	full_pooling boolean,			-- no overdispersion: every group shrinks to the target
	overdispersion double precision,	-- rho = 1 / (1 + alpha0), 0 on full pooling
	target double precision,		-- pooled NPS, points: the funnels' centre
	variance double precision,		-- trinomial variance of one answer at the target, points^2
	phi double precision,			-- Spiegelhalter's Winsorized phi
	funnel_tau2 double precision	-- additive random-effects variance, points^2
);
COMMENT ON TYPE @extschema@.dirichlet_prior IS
'Dirichlet prior of the NPS categories fitted across groups: alpha_promoter, alpha_passive, alpha_detractor, prior_mean, groups, empty_groups, method, converged, full_pooling, overdispersion, target, variance, phi, funnel_tau2';

CREATE TYPE @extschema@.beta_prior AS (
	alpha double precision, beta double precision,	-- Infinity on full pooling
	k integer, scale_max integer,	-- the share: the k highest points of 1..scale_max
	prior_mean double precision,	-- the prior's mean share, percent
	groups bigint, empty_groups bigint,
	method text,					-- mle or moments
	converged boolean,
	full_pooling boolean,
	overdispersion double precision,	-- rho = 1 / (1 + alpha + beta), 0 on full pooling
	target double precision,		-- pooled share, percent: the funnels' centre
	variance double precision,		-- p (1 - p) at the target, %^2
	phi double precision,
	funnel_tau2 double precision	-- %^2
);
COMMENT ON TYPE @extschema@.beta_prior IS
'beta prior of a top-k share fitted across groups: alpha, beta, k, scale_max, prior_mean, groups, empty_groups, method, converged, full_pooling, overdispersion, target, variance, phi, funnel_tau2';

CREATE TYPE @extschema@.normal_prior AS (
	mean double precision,			-- the prior mean of the groups' means
	tau2 double precision,			-- between-group variance; Infinity: no pooling
	groups bigint, empty_groups bigint,
	method text,					-- moments (DerSimonian-Laird), mle or james-stein
	converged boolean,
	full_pooling boolean,			-- tau2 = 0
	overdispersion double precision,	-- tau2
	target double precision,		-- pooled mean of all answers: the funnels' centre
	variance double precision,		-- variance of one answer about the target
	phi double precision,
	funnel_tau2 double precision
);
COMMENT ON TYPE @extschema@.normal_prior IS
'normal prior of the groups'' mean ratings: mean, tau2, groups, empty_groups, method, converged, full_pooling, overdispersion, target, variance, phi, funnel_tau2';

CREATE TYPE @extschema@.shrunk_estimate AS (
	estimate double precision,		-- the posterior mean: NPS points, percent, or the rating scale
	sd double precision,			-- the posterior standard deviation
	lower double precision, upper double precision,	-- central credible interval
	level double precision
);
COMMENT ON TYPE @extschema@.shrunk_estimate IS
'a group''s empirical-Bayes (shrunk) estimate: estimate, sd, lower, upper, level';

CREATE TYPE @extschema@.funnel_limits AS (
	value double precision,			-- the group's own metric
	n double precision,				-- its answers (Kish's effective n when weighted)
	target double precision,
	lower double precision, upper double precision,	-- the limits at n, clipped to the metric's range
	z double precision,				-- (value - target) / sd at n
	flag text,						-- above, below or within
	level double precision
);
COMMENT ON TYPE @extschema@.funnel_limits IS
'a group against funnel limits at its n: value, n, target, lower, upper, z, flag (above, below, within), level';

-- ---- building a league --------------------------------------------------------------

-- The transitions add one group a row (a few comparisons and, at times,
-- a binary search), costed as about ten built-in calls.
@for STEP, STATE, W, PARAMS, WHAT in
	| nps, rating_summary, "", "", ""
	| nps, weighted_rating_summary, _weighted, "", "weighted "
	| share, rating_summary, "", ", integer, integer", ""
	| share, weighted_rating_summary, _weighted, ", integer, integer", "weighted "
	| mean, rating_summary, "", "", ""
	| mean, weighted_rating_summary, _weighted, "", "weighted "
-- transition function of the {WHAT}{STEP} league and prior aggregates: adds one group (a NULL summary is skipped)
FUNCTION league_{STEP}_accum{W}(league_summary, {STATE}{PARAMS}) RETURNS league_summary CALLED ON NULL INPUT COST 10;
-- transition function of the {WHAT}{STEP} prior aggregates with a method: adds one group
FUNCTION league_{STEP}_accum{W}(league_summary, {STATE}{PARAMS}, text) RETURNS league_summary CALLED ON NULL INPUT COST 10;
-- inverse transition function of the {WHAT}{STEP} league and prior aggregates (window frames): removes one group
FUNCTION league_{STEP}_retract{W}(league_summary, {STATE}{PARAMS}) RETURNS league_summary CALLED ON NULL INPUT COST 10;
-- inverse transition function of the {WHAT}{STEP} prior aggregates with a method (window frames): removes one group
FUNCTION league_{STEP}_retract{W}(league_summary, {STATE}{PARAMS}, text) RETURNS league_summary CALLED ON NULL INPUT COST 10;
@end

-- The shares' default k and scale_max are csat_top2()'s (2 of 1..5).
-- transition function of share_league(s) and share_prior(s): the top-2 box of 1..5
FUNCTION league_share_accum(league_summary, rating_summary) RETURNS league_summary CALLED ON NULL INPUT COST 10;
-- transition function of the weighted share_league(s) and share_prior(s): the top-2 box of 1..5
FUNCTION league_share_accum_weighted(league_summary, weighted_rating_summary) RETURNS league_summary CALLED ON NULL INPUT COST 10;
-- inverse transition function of share_league(s) and share_prior(s) (window frames)
FUNCTION league_share_retract(league_summary, rating_summary) RETURNS league_summary CALLED ON NULL INPUT COST 10;
-- inverse transition function of the weighted share_league(s) and share_prior(s) (window frames)
FUNCTION league_share_retract_weighted(league_summary, weighted_rating_summary) RETURNS league_summary CALLED ON NULL INPUT COST 10;

-- kind of a league: nps, share or mean; NULL for {}
FUNCTION league_kind(league_summary) RETURNS text AS league_summary_kind;
-- number of groups with answers in a league
FUNCTION league_groups(league_summary) RETURNS bigint AS league_summary_groups;
-- number of groups without answers in a league (counted, not used by the fits)
FUNCTION league_empty_groups(league_summary) RETURNS bigint AS league_summary_empty_groups;
-- a league as jsonb: kind, groups, empty_groups, k and scale_max for shares, and points (each distinct group's counts and how many groups have them)
FUNCTION league_summary_to_jsonb(league_summary) RETURNS jsonb;
-- kind, groups, empty_groups, points
CAST league_summary AS jsonb WITH league_summary_to_jsonb;

@for STATE, W in rating_summary, "" | weighted_rating_summary, _weighted
-- the groups' NPS categories as a league_summary, mergeable with rollup(); one group per row
AGGREGATE nps_league({STATE}) FROM league_nps_accum{W} INVERSE league_nps_retract{W} FINAL league_summary_final;
-- the groups' top-2 boxes of 1..5 as a league_summary, mergeable with rollup(); one group per row
AGGREGATE share_league({STATE}) FROM league_share_accum{W} INVERSE league_share_retract{W} FINAL league_summary_final;
-- the groups' top-k boxes of 1..scale_max as a league_summary, mergeable with rollup(); one group per row
AGGREGATE share_league({STATE}, k integer, scale_max integer) FROM league_share_accum{W} INVERSE league_share_retract{W} FINAL league_summary_final;
-- the groups' mean ratings as a league_summary, mergeable with rollup(); one group per row
AGGREGATE mean_league({STATE}) FROM league_mean_accum{W} INVERSE league_mean_retract{W} FINAL league_summary_final;
@end

-- ---- priors -----------------------------------------------------------------------------

-- final function of nps_prior(): the Dirichlet prior of a league's NPS groups
FUNCTION nps_prior_final(league_summary) RETURNS dirichlet_prior AS league_nps_prior_final;
-- final function of share_prior(): the beta prior of a league's share groups
FUNCTION share_prior_final(league_summary) RETURNS beta_prior AS league_share_prior_final;
-- final function of mean_prior(): the normal prior of a league's mean groups
FUNCTION mean_prior_final(league_summary) RETURNS normal_prior AS league_mean_prior_final;

-- Dirichlet prior of the NPS categories fitted to a stored league by 'mle' (maximum marginal likelihood, the default) or 'moments'
FUNCTION nps_prior(league_summary, method text DEFAULT 'mle') RETURNS dirichlet_prior AS league_nps_prior;
-- beta prior of the share fitted to a stored league by 'mle' (the default) or 'moments'
FUNCTION share_prior(league_summary, method text DEFAULT 'mle') RETURNS beta_prior AS league_share_prior;
-- normal prior of the means fitted to a stored league by 'moments' (DerSimonian-Laird, the default), 'mle' or 'james-stein'
FUNCTION mean_prior(league_summary, method text DEFAULT 'moments') RETURNS normal_prior AS league_mean_prior;

@for STATE, W, WHAT in rating_summary, "", "" | weighted_rating_summary, _weighted, "weighted (Kish effective counts) "
-- Dirichlet prior of the NPS categories across {WHAT}groups, one group per row, by maximum marginal likelihood
AGGREGATE nps_prior({STATE}) FROM league_nps_accum{W} INVERSE league_nps_retract{W} FINAL nps_prior_final;
-- Dirichlet prior of the NPS categories across {WHAT}groups by method 'mle' or 'moments'
AGGREGATE nps_prior({STATE}, method text) FROM league_nps_accum{W} INVERSE league_nps_retract{W} FINAL nps_prior_final;
-- beta prior of the top-2 box of 1..5 across {WHAT}groups, by maximum marginal likelihood
AGGREGATE share_prior({STATE}) FROM league_share_accum{W} INVERSE league_share_retract{W} FINAL share_prior_final;
-- beta prior of the top-k box of 1..scale_max across {WHAT}groups, by maximum marginal likelihood
AGGREGATE share_prior({STATE}, k integer, scale_max integer) FROM league_share_accum{W} INVERSE league_share_retract{W} FINAL share_prior_final;
-- beta prior of the top-k box of 1..scale_max across {WHAT}groups by method 'mle' or 'moments'
AGGREGATE share_prior({STATE}, k integer, scale_max integer, method text) FROM league_share_accum{W} INVERSE league_share_retract{W} FINAL share_prior_final;
-- normal prior of the mean rating across {WHAT}groups by DerSimonian-Laird moments
AGGREGATE mean_prior({STATE}) FROM league_mean_accum{W} INVERSE league_mean_retract{W} FINAL mean_prior_final;
-- normal prior of the mean rating across {WHAT}groups by method 'moments', 'mle' or 'james-stein'
AGGREGATE mean_prior({STATE}, method text) FROM league_mean_accum{W} INVERSE league_mean_retract{W} FINAL mean_prior_final;
@end

-- ---- each group: shrunk estimates and funnel limits -----------------------------------

@for STATE, WHAT in rating_summary, "" | weighted_rating_summary, "weighted (Kish effective counts) "
-- a {WHAT}group's shrunk NPS in points: posterior mean, sd and central credible interval under the prior
FUNCTION nps_shrunk({STATE}, prior dirichlet_prior, level double precision DEFAULT 0.95) RETURNS shrunk_estimate AS {STATE}_nps_shrunk COST 20;
-- a {WHAT}group's shrunk top-k share in percent (k and scale_max from the prior): posterior mean, sd and beta credible interval
FUNCTION share_shrunk({STATE}, prior beta_prior, level double precision DEFAULT 0.95) RETURNS shrunk_estimate AS {STATE}_share_shrunk COST 20;
-- a {WHAT}group's shrunk mean rating: posterior mean, sd and normal credible interval
FUNCTION mean_shrunk({STATE}, prior normal_prior, level double precision DEFAULT 0.95) RETURNS shrunk_estimate AS {STATE}_mean_shrunk;
-- a {WHAT}group's shrunk NPS in points, the posterior mean alone (no interval): for league tables of many groups
FUNCTION nps_shrunk_estimate({STATE}, prior dirichlet_prior) RETURNS double precision AS {STATE}_nps_shrunk_estimate;
-- a {WHAT}group's shrunk share in percent, the posterior mean alone (no interval)
FUNCTION share_shrunk_estimate({STATE}, prior beta_prior) RETURNS double precision AS {STATE}_share_shrunk_estimate;
-- a {WHAT}group's shrunk mean rating, the posterior mean alone (no interval)
FUNCTION mean_shrunk_estimate({STATE}, prior normal_prior) RETURNS double precision AS {STATE}_mean_shrunk_estimate;

-- a {WHAT}group's NPS against funnel limits around the prior's target at its n (trinomial variance), optionally widened by the prior's phi ('multiplicative') or tau^2 ('additive'); NULL without answers
FUNCTION nps_funnel({STATE}, target dirichlet_prior, level double precision DEFAULT 0.998, overdispersion boolean DEFAULT false, overdispersion_model text DEFAULT 'multiplicative') RETURNS funnel_limits AS {STATE}_nps_funnel_prior;
-- a {WHAT}group's NPS against funnel limits around an overall summary (rollup of every group) at its n
FUNCTION nps_funnel({STATE}, target {STATE}, level double precision DEFAULT 0.998) RETURNS funnel_limits AS {STATE}_nps_funnel_summary;
-- a {WHAT}group's top-k share against funnel limits around the prior's target (binomial variance), optionally widened by phi or tau^2
FUNCTION share_funnel({STATE}, target beta_prior, level double precision DEFAULT 0.998, overdispersion boolean DEFAULT false, overdispersion_model text DEFAULT 'multiplicative') RETURNS funnel_limits AS {STATE}_share_funnel_prior;
-- a {WHAT}group's top-k share against funnel limits around an overall summary's share
FUNCTION share_funnel({STATE}, target {STATE}, k integer DEFAULT 2, scale_max integer DEFAULT 5, level double precision DEFAULT 0.998) RETURNS funnel_limits AS {STATE}_share_funnel_summary;
-- a {WHAT}group's top-k share against funnel limits around a given share in percent
FUNCTION share_funnel({STATE}, target double precision, k integer DEFAULT 2, scale_max integer DEFAULT 5, level double precision DEFAULT 0.998) RETURNS funnel_limits AS {STATE}_share_funnel_value;
-- a {WHAT}group's mean rating against funnel limits around the prior's target, optionally widened by phi or tau^2
FUNCTION mean_funnel({STATE}, target normal_prior, level double precision DEFAULT 0.998, overdispersion boolean DEFAULT false, overdispersion_model text DEFAULT 'multiplicative') RETURNS funnel_limits AS {STATE}_mean_funnel_prior;
-- a {WHAT}group's mean rating against funnel limits around an overall summary's mean
FUNCTION mean_funnel({STATE}, target {STATE}, level double precision DEFAULT 0.998) RETURNS funnel_limits AS {STATE}_mean_funnel_summary;
@end
