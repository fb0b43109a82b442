/* csm 1.0 -> 1.1: statistical inference, gap models (CSI, SERVQUAL, ACSI), Kano */

\echo Use "ALTER EXTENSION csm UPDATE TO '1.1'" to load this file. \quit

/*
 * As in csm--1.0.sql, every reference is qualified (@extschema@ for csm's
 * own objects, pg_catalog for the server's), so the script is safe for a
 * trusted extension whatever the search_path holds.  No CREATE OR REPLACE.
 */

-- ==== statistical inference on rating_summary ==============================

-- Results as composite types, so reporting tools get named columns.  Units
-- follow the point metrics: NPS in points, shares in percent.

CREATE TYPE @extschema@.nps_interval AS (
	estimate double precision,	-- observed NPS, points
	lower double precision,		-- clipped to -100
	upper double precision,		-- clipped to 100
	se double precision,		-- standard error the method uses, points
	level double precision,
	method text,
	n bigint
);
COMMENT ON TYPE @extschema@.nps_interval IS
'NPS confidence interval in points: estimate, lower, upper, se, level, method, n';

CREATE TYPE @extschema@.proportion_interval AS (
	estimate double precision,	-- percent
	lower double precision,
	upper double precision,
	se double precision,		-- sqrt(p(1-p)/n), percentage points
	level double precision,
	successes bigint,
	n bigint
);
COMMENT ON TYPE @extschema@.proportion_interval IS
'Wilson score interval of a share in percent: estimate, lower, upper, se, level, successes, n';

CREATE TYPE @extschema@.mean_interval AS (
	estimate double precision,
	lower double precision,
	upper double precision,
	se double precision,
	stddev double precision,	-- sample standard deviation (n - 1)
	df bigint,
	level double precision
);
COMMENT ON TYPE @extschema@.mean_interval IS
'Student-t interval of a mean rating: estimate, lower, upper, se, stddev, df, level';

CREATE TYPE @extschema@.difference_test AS (
	difference double precision,	-- first minus second
	se double precision,
	z double precision,
	p_value double precision,		-- two-sided
	lower double precision,
	upper double precision,
	level double precision,
	method text
);
COMMENT ON TYPE @extschema@.difference_test IS
'Two-group comparison: signed difference (first - second), se, z, two-sided p-value, interval, level, method';

CREATE FUNCTION @extschema@.nps_ci(@extschema@.rating_summary, level double precision DEFAULT 0.95, method text DEFAULT 'adjusted-wald')
RETURNS @extschema@.nps_interval
AS 'MODULE_PATHNAME', 'rating_summary_nps_ci' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_ci(@extschema@.rating_summary, level double precision, method text) IS
'NPS confidence interval in points by ''adjusted-wald'' (default), ''wald'' or ''score''; bounds clipped to -100..100';

CREATE FUNCTION @extschema@.nps_ci_final(@extschema@.rating_summary)
RETURNS @extschema@.nps_interval
AS 'MODULE_PATHNAME', 'rating_summary_nps_ci_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_ci_final(@extschema@.rating_summary) IS
'final function of the one-step nps_ci(score): 95% adjusted-Wald interval';

CREATE FUNCTION @extschema@.nps_se(@extschema@.rating_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'rating_summary_nps_se' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_se(@extschema@.rating_summary) IS
'standard error of the NPS in points, from the trinomial variance';

CREATE FUNCTION @extschema@.nps_moe(@extschema@.rating_summary, level double precision DEFAULT 0.95)
RETURNS double precision
AS 'MODULE_PATHNAME', 'rating_summary_nps_moe' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_moe(@extschema@.rating_summary, level double precision) IS
'margin of error of the NPS in points (Wald: z times the standard error)';

CREATE FUNCTION @extschema@.nps_test(@extschema@.rating_summary, @extschema@.rating_summary, level double precision DEFAULT 0.95, method text DEFAULT 'adjusted-wald')
RETURNS @extschema@.difference_test
AS 'MODULE_PATHNAME', 'rating_summary_nps_test' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_test(@extschema@.rating_summary, @extschema@.rating_summary, level double precision, method text) IS
'compare the NPS of two independent groups: signed difference in points, z, p-value, interval';

CREATE FUNCTION @extschema@.wilson_interval(successes bigint, n bigint, level double precision DEFAULT 0.95)
RETURNS @extschema@.proportion_interval
AS 'MODULE_PATHNAME', 'csm_wilson_interval' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.wilson_interval(successes bigint, n bigint, level double precision) IS
'Wilson score interval of successes/n, in percent';

CREATE FUNCTION @extschema@.csat_top2_ci(@extschema@.rating_summary, scale integer DEFAULT 5, level double precision DEFAULT 0.95)
RETURNS @extschema@.proportion_interval
AS 'MODULE_PATHNAME', 'rating_summary_csat_top2_ci' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_top2_ci(@extschema@.rating_summary, scale integer, level double precision) IS
'Wilson interval of the CSAT top-2-box share (percent) on a 1..scale survey';

CREATE FUNCTION @extschema@.csat_topbox_ci(@extschema@.rating_summary, scale integer DEFAULT 5, level double precision DEFAULT 0.95)
RETURNS @extschema@.proportion_interval
AS 'MODULE_PATHNAME', 'rating_summary_csat_topbox_ci' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_topbox_ci(@extschema@.rating_summary, scale integer, level double precision) IS
'Wilson interval of the CSAT top-box share (percent) on a 1..scale survey';

CREATE FUNCTION @extschema@.ces_easy_ci(@extschema@.rating_summary, orientation text, level double precision DEFAULT 0.95)
RETURNS @extschema@.proportion_interval
AS 'MODULE_PATHNAME', 'rating_summary_ces_easy_ci' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_easy_ci(@extschema@.rating_summary, orientation text, level double precision) IS
'Wilson interval of the CES share of easy answers (percent); orientation agreement (CES 2.0) or effort (CES 1.0)';

CREATE FUNCTION @extschema@.proportion_test(successes1 bigint, n1 bigint, successes2 bigint, n2 bigint, level double precision DEFAULT 0.95)
RETURNS @extschema@.difference_test
AS 'MODULE_PATHNAME', 'csm_proportion_test' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.proportion_test(successes1 bigint, n1 bigint, successes2 bigint, n2 bigint, level double precision) IS
'compare two shares: difference in percentage points, pooled z-test, Newcombe hybrid score interval';

CREATE FUNCTION @extschema@.csat_top2_test(@extschema@.rating_summary, @extschema@.rating_summary, scale integer DEFAULT 5, level double precision DEFAULT 0.95)
RETURNS @extschema@.difference_test
AS 'MODULE_PATHNAME', 'rating_summary_csat_top2_test' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_top2_test(@extschema@.rating_summary, @extschema@.rating_summary, scale integer, level double precision) IS
'compare the CSAT top-2-box shares of two independent groups (percentage points)';

CREATE FUNCTION @extschema@.rating_stddev(@extschema@.rating_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'rating_summary_stddev' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rating_stddev(@extschema@.rating_summary) IS
'sample standard deviation (n - 1) of the ratings; NULL below 2 answers';

CREATE FUNCTION @extschema@.rating_mean_ci(@extschema@.rating_summary, level double precision DEFAULT 0.95)
RETURNS @extschema@.mean_interval
AS 'MODULE_PATHNAME', 'rating_summary_mean_ci' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rating_mean_ci(@extschema@.rating_summary, level double precision) IS
'Student-t interval of the mean rating; NULL below 2 answers';

CREATE FUNCTION @extschema@.ces_avg_ci(@extschema@.rating_summary, scale integer DEFAULT 7, level double precision DEFAULT 0.95)
RETURNS @extschema@.mean_interval
AS 'MODULE_PATHNAME', 'rating_summary_ces_avg_ci' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_avg_ci(@extschema@.rating_summary, scale integer, level double precision) IS
'Student-t interval of the CES mean on a 1..scale survey; NULL below 2 answers';

CREATE FUNCTION @extschema@.nps_sample_size(margin double precision, level double precision DEFAULT 0.95)
RETURNS bigint
AS 'MODULE_PATHNAME', 'csm_nps_sample_size' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_sample_size(margin double precision, level double precision) IS
'responses needed for an NPS margin of error in points (adjusted-Wald form, worst-case variance)';

CREATE FUNCTION @extschema@.nps_sample_size(@extschema@.rating_summary, margin double precision, level double precision DEFAULT 0.95)
RETURNS bigint
AS 'MODULE_PATHNAME', 'rating_summary_nps_sample_size' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_sample_size(@extschema@.rating_summary, margin double precision, level double precision) IS
'responses needed for an NPS margin of error in points, with the variance of a pilot summary';

CREATE FUNCTION @extschema@.csat_sample_size(margin double precision, level double precision DEFAULT 0.95, expected double precision DEFAULT 50)
RETURNS bigint
AS 'MODULE_PATHNAME', 'csm_csat_sample_size' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_sample_size(margin double precision, level double precision, expected double precision) IS
'responses needed for a margin of error in percentage points on a share (CSAT); expected share 50% is the worst case';

CREATE AGGREGATE @extschema@.nps_ci(smallint) (
	SFUNC = @extschema@.rating_accum_int2,
	STYPE = @extschema@.rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.nps_ci_final,
	COMBINEFUNC = @extschema@.rating_summary_combine,
	MSFUNC = @extschema@.rating_accum_int2,
	MINVFUNC = @extschema@.rating_retract_int2,
	MSTYPE = @extschema@.rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.nps_ci_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps_ci(smallint) IS
'95% adjusted-Wald confidence interval of the NPS of 0-10 scores, in points';

CREATE AGGREGATE @extschema@.nps_ci(integer) (
	SFUNC = @extschema@.rating_accum_int4,
	STYPE = @extschema@.rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.nps_ci_final,
	COMBINEFUNC = @extschema@.rating_summary_combine,
	MSFUNC = @extschema@.rating_accum_int4,
	MINVFUNC = @extschema@.rating_retract_int4,
	MSTYPE = @extschema@.rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.nps_ci_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps_ci(integer) IS
'95% adjusted-Wald confidence interval of the NPS of 0-10 scores, in points';

CREATE AGGREGATE @extschema@.nps_ci(bigint) (
	SFUNC = @extschema@.rating_accum_int8,
	STYPE = @extschema@.rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.nps_ci_final,
	COMBINEFUNC = @extschema@.rating_summary_combine,
	MSFUNC = @extschema@.rating_accum_int8,
	MINVFUNC = @extschema@.rating_retract_int8,
	MSTYPE = @extschema@.rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.nps_ci_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps_ci(bigint) IS
'95% adjusted-Wald confidence interval of the NPS of 0-10 scores, in points';

CREATE AGGREGATE @extschema@.nps_ci(numeric) (
	SFUNC = @extschema@.rating_accum_numeric,
	STYPE = @extschema@.rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.nps_ci_final,
	COMBINEFUNC = @extschema@.rating_summary_combine,
	MSFUNC = @extschema@.rating_accum_numeric,
	MINVFUNC = @extschema@.rating_retract_numeric,
	MSTYPE = @extschema@.rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.nps_ci_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps_ci(numeric) IS
'95% adjusted-Wald confidence interval of the NPS of 0-10 scores, in points';

CREATE AGGREGATE @extschema@.nps_ci(double precision) (
	SFUNC = @extschema@.rating_accum_float8,
	STYPE = @extschema@.rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.nps_ci_final,
	COMBINEFUNC = @extschema@.rating_summary_combine,
	MSFUNC = @extschema@.rating_accum_float8,
	MINVFUNC = @extschema@.rating_retract_float8,
	MSTYPE = @extschema@.rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.nps_ci_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps_ci(double precision) IS
'95% adjusted-Wald confidence interval of the NPS of 0-10 scores, in points';



-- ==== end of statistical inference ==========================================


-- ==== gap models: CSI weighted gap, SERVQUAL, ACSI ==========================

-- gap_summary: sums of P, E, P - E, (P - E)^2, w and w (P - E), double-double

CREATE TYPE @extschema@.gap_summary;

CREATE FUNCTION @extschema@.gap_summary_in(pg_catalog.cstring)
RETURNS @extschema@.gap_summary
AS 'MODULE_PATHNAME', 'gap_summary_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.gap_summary_in(pg_catalog.cstring) IS
'input function of gap_summary';

CREATE FUNCTION @extschema@.gap_summary_out(@extschema@.gap_summary)
RETURNS pg_catalog.cstring
AS 'MODULE_PATHNAME', 'gap_summary_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.gap_summary_out(@extschema@.gap_summary) IS
'output function of gap_summary';

CREATE FUNCTION @extschema@.gap_summary_recv(pg_catalog.internal)
RETURNS @extschema@.gap_summary
AS 'MODULE_PATHNAME', 'gap_summary_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.gap_summary_recv(pg_catalog.internal) IS
'binary input function of gap_summary';

CREATE FUNCTION @extschema@.gap_summary_send(@extschema@.gap_summary)
RETURNS pg_catalog.bytea
AS 'MODULE_PATHNAME', 'gap_summary_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.gap_summary_send(@extschema@.gap_summary) IS
'binary output function of gap_summary';

CREATE TYPE @extschema@.gap_summary (
	INPUT = @extschema@.gap_summary_in,
	OUTPUT = @extschema@.gap_summary_out,
	RECEIVE = @extschema@.gap_summary_recv,
	SEND = @extschema@.gap_summary_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = plain
);
COMMENT ON TYPE @extschema@.gap_summary IS
'sums behind the CSI weighted gap and SERVQUAL gap: {n:..,w:..,wg:..,g:..,gg:..,p:..,e:..}';

CREATE FUNCTION @extschema@.gap_accum(@extschema@.gap_summary, double precision, double precision)
RETURNS @extschema@.gap_summary
AS 'MODULE_PATHNAME', 'gap_accum' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.gap_accum(@extschema@.gap_summary, double precision, double precision) IS
'transition function of the unweighted gap aggregates';

CREATE FUNCTION @extschema@.gap_accum(@extschema@.gap_summary, double precision, double precision, double precision)
RETURNS @extschema@.gap_summary
AS 'MODULE_PATHNAME', 'gap_accum_weighted' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.gap_accum(@extschema@.gap_summary, double precision, double precision, double precision) IS
'transition function of the weighted gap aggregates';

CREATE FUNCTION @extschema@.gap_retract(@extschema@.gap_summary, double precision, double precision)
RETURNS @extschema@.gap_summary
AS 'MODULE_PATHNAME', 'gap_retract' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.gap_retract(@extschema@.gap_summary, double precision, double precision) IS
'moving-aggregate inverse of gap_accum';

CREATE FUNCTION @extschema@.gap_retract(@extschema@.gap_summary, double precision, double precision, double precision)
RETURNS @extschema@.gap_summary
AS 'MODULE_PATHNAME', 'gap_retract_weighted' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.gap_retract(@extschema@.gap_summary, double precision, double precision, double precision) IS
'moving-aggregate inverse of gap_accum';

CREATE FUNCTION @extschema@.gap_summary_combine(@extschema@.gap_summary, @extschema@.gap_summary)
RETURNS @extschema@.gap_summary
AS 'MODULE_PATHNAME', 'gap_summary_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.gap_summary_combine(@extschema@.gap_summary, @extschema@.gap_summary) IS
'combine function of the gap aggregates';

CREATE FUNCTION @extschema@.gap_summary_retract(@extschema@.gap_summary, @extschema@.gap_summary)
RETURNS @extschema@.gap_summary
AS 'MODULE_PATHNAME', 'gap_summary_retract' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.gap_summary_retract(@extschema@.gap_summary, @extschema@.gap_summary) IS
'inverse of rollup(gap_summary) in window frames';

CREATE FUNCTION @extschema@.gap_summary_final(@extschema@.gap_summary)
RETURNS @extschema@.gap_summary
AS 'MODULE_PATHNAME', 'gap_summary_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.gap_summary_final(@extschema@.gap_summary) IS
'final function of gap_agg and rollup: NULL when empty';

CREATE FUNCTION @extschema@.gap_weighted(@extschema@.gap_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'gap_summary_weighted' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.gap_weighted(@extschema@.gap_summary) IS
'importance-weighted gap sum w (P - E) / sum w; NULL when all weights are 0';

CREATE FUNCTION @extschema@.gap_mean(@extschema@.gap_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'gap_summary_mean' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.gap_mean(@extschema@.gap_summary) IS
'unweighted mean gap P - E';

CREATE FUNCTION @extschema@.gap_perception_mean(@extschema@.gap_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'gap_summary_perception_mean' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.gap_perception_mean(@extschema@.gap_summary) IS
'mean perception';

CREATE FUNCTION @extschema@.gap_expectation_mean(@extschema@.gap_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'gap_summary_expectation_mean' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.gap_expectation_mean(@extschema@.gap_summary) IS
'mean expectation';

CREATE FUNCTION @extschema@.gap_count(@extschema@.gap_summary)
RETURNS bigint
AS 'MODULE_PATHNAME', 'gap_summary_count' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.gap_count(@extschema@.gap_summary) IS
'number of rows';

CREATE FUNCTION @extschema@.gap_stddev(@extschema@.gap_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'gap_summary_stddev' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.gap_stddev(@extschema@.gap_summary) IS
'sample standard deviation of P - E; NULL below 2 rows';

CREATE FUNCTION @extschema@.gap_ci(@extschema@.gap_summary, level double precision DEFAULT 0.95)
RETURNS @extschema@.mean_interval
AS 'MODULE_PATHNAME', 'gap_summary_ci' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.gap_ci(@extschema@.gap_summary, level double precision) IS
'Student-t interval of the mean gap; NULL below 2 rows';

CREATE FUNCTION @extschema@.gap_summary_merge(@extschema@.gap_summary, @extschema@.gap_summary)
RETURNS @extschema@.gap_summary
AS 'MODULE_PATHNAME', 'gap_summary_merge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.gap_summary_merge(@extschema@.gap_summary, @extschema@.gap_summary) IS
'the gap summary of both sets of answers (operator +)';

CREATE FUNCTION @extschema@.gap_summary_eq(@extschema@.gap_summary, @extschema@.gap_summary)
RETURNS boolean
AS 'MODULE_PATHNAME', 'gap_summary_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION @extschema@.gap_summary_eq(@extschema@.gap_summary, @extschema@.gap_summary) IS
'same sums (operator =)';

CREATE FUNCTION @extschema@.gap_summary_ne(@extschema@.gap_summary, @extschema@.gap_summary)
RETURNS boolean
AS 'MODULE_PATHNAME', 'gap_summary_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION @extschema@.gap_summary_ne(@extschema@.gap_summary, @extschema@.gap_summary) IS
'different sums (operator <>)';

CREATE OPERATOR @extschema@.+ (
	LEFTARG = @extschema@.gap_summary, RIGHTARG = @extschema@.gap_summary,
	FUNCTION = @extschema@.gap_summary_merge, COMMUTATOR = OPERATOR(@extschema@.+)
);
COMMENT ON OPERATOR @extschema@.+ (@extschema@.gap_summary, @extschema@.gap_summary) IS 'merge two gap summaries';

CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.gap_summary, RIGHTARG = @extschema@.gap_summary,
	FUNCTION = @extschema@.gap_summary_eq,
	COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
	RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel
);
COMMENT ON OPERATOR @extschema@.= (@extschema@.gap_summary, @extschema@.gap_summary) IS 'gap summaries holding the same sums';

CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.gap_summary, RIGHTARG = @extschema@.gap_summary,
	FUNCTION = @extschema@.gap_summary_ne,
	COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
	RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR @extschema@.<> (@extschema@.gap_summary, @extschema@.gap_summary) IS 'gap summaries differing in some sum';

CREATE AGGREGATE @extschema@.gap_agg(perception double precision, expectation double precision) (
	SFUNC = @extschema@.gap_accum,
	STYPE = @extschema@.gap_summary,
	INITCOND = '{n:0,w:0,wg:0,g:0,gg:0,p:0,e:0}',
	FINALFUNC = @extschema@.gap_summary_final,
	COMBINEFUNC = @extschema@.gap_summary_combine,
	MSFUNC = @extschema@.gap_accum,
	MINVFUNC = @extschema@.gap_retract,
	MSTYPE = @extschema@.gap_summary,
	MINITCOND = '{n:0,w:0,wg:0,g:0,gg:0,p:0,e:0}',
	MFINALFUNC = @extschema@.gap_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.gap_agg(double precision, double precision) IS
'sums for the gap models (weight 1 per row)';

CREATE AGGREGATE @extschema@.gap_agg(perception double precision, expectation double precision, weight double precision) (
	SFUNC = @extschema@.gap_accum,
	STYPE = @extschema@.gap_summary,
	INITCOND = '{n:0,w:0,wg:0,g:0,gg:0,p:0,e:0}',
	FINALFUNC = @extschema@.gap_summary_final,
	COMBINEFUNC = @extschema@.gap_summary_combine,
	MSFUNC = @extschema@.gap_accum,
	MINVFUNC = @extschema@.gap_retract,
	MSTYPE = @extschema@.gap_summary,
	MINITCOND = '{n:0,w:0,wg:0,g:0,gg:0,p:0,e:0}',
	MFINALFUNC = @extschema@.gap_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.gap_agg(double precision, double precision, double precision) IS
'sums for the gap models, with importance weights';

CREATE AGGREGATE @extschema@.csi_weighted_gap(perception double precision, expectation double precision, weight double precision) (
	SFUNC = @extschema@.gap_accum,
	STYPE = @extschema@.gap_summary,
	INITCOND = '{n:0,w:0,wg:0,g:0,gg:0,p:0,e:0}',
	FINALFUNC = @extschema@.gap_weighted,
	COMBINEFUNC = @extschema@.gap_summary_combine,
	MSFUNC = @extschema@.gap_accum,
	MINVFUNC = @extschema@.gap_retract,
	MSTYPE = @extschema@.gap_summary,
	MINITCOND = '{n:0,w:0,wg:0,g:0,gg:0,p:0,e:0}',
	MFINALFUNC = @extschema@.gap_weighted,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csi_weighted_gap(double precision, double precision, double precision) IS
'CSI weighted gap: sum w (P - E) / sum w';

CREATE AGGREGATE @extschema@.servqual_gap(perception double precision, expectation double precision) (
	SFUNC = @extschema@.gap_accum,
	STYPE = @extschema@.gap_summary,
	INITCOND = '{n:0,w:0,wg:0,g:0,gg:0,p:0,e:0}',
	FINALFUNC = @extschema@.gap_mean,
	COMBINEFUNC = @extschema@.gap_summary_combine,
	MSFUNC = @extschema@.gap_accum,
	MINVFUNC = @extschema@.gap_retract,
	MSTYPE = @extschema@.gap_summary,
	MINITCOND = '{n:0,w:0,wg:0,g:0,gg:0,p:0,e:0}',
	MFINALFUNC = @extschema@.gap_mean,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.servqual_gap(double precision, double precision) IS
'SERVQUAL gap: mean of P - E';

CREATE AGGREGATE @extschema@.servqual_gap(perception double precision, expectation double precision, weight double precision) (
	SFUNC = @extschema@.gap_accum,
	STYPE = @extschema@.gap_summary,
	INITCOND = '{n:0,w:0,wg:0,g:0,gg:0,p:0,e:0}',
	FINALFUNC = @extschema@.gap_weighted,
	COMBINEFUNC = @extschema@.gap_summary_combine,
	MSFUNC = @extschema@.gap_accum,
	MINVFUNC = @extschema@.gap_retract,
	MSTYPE = @extschema@.gap_summary,
	MINITCOND = '{n:0,w:0,wg:0,g:0,gg:0,p:0,e:0}',
	MFINALFUNC = @extschema@.gap_weighted,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.servqual_gap(double precision, double precision, double precision) IS
'weighted SERVQUAL gap: sum w (P - E) / sum w';

CREATE AGGREGATE @extschema@.rollup(@extschema@.gap_summary) (
	SFUNC = @extschema@.gap_summary_combine,
	STYPE = @extschema@.gap_summary,
	INITCOND = '{n:0,w:0,wg:0,g:0,gg:0,p:0,e:0}',
	FINALFUNC = @extschema@.gap_summary_final,
	COMBINEFUNC = @extschema@.gap_summary_combine,
	MSFUNC = @extschema@.gap_summary_combine,
	MINVFUNC = @extschema@.gap_summary_retract,
	MSTYPE = @extschema@.gap_summary,
	MINITCOND = '{n:0,w:0,wg:0,g:0,gg:0,p:0,e:0}',
	MFINALFUNC = @extschema@.gap_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rollup(@extschema@.gap_summary) IS
'merge of stored gap summaries';


-- servqual_summary: per item (1..22) answers and sums of P and E

CREATE TYPE @extschema@.servqual_summary;

CREATE FUNCTION @extschema@.servqual_summary_in(pg_catalog.cstring)
RETURNS @extschema@.servqual_summary
AS 'MODULE_PATHNAME', 'servqual_summary_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.servqual_summary_in(pg_catalog.cstring) IS
'input function of servqual_summary';

CREATE FUNCTION @extschema@.servqual_summary_out(@extschema@.servqual_summary)
RETURNS pg_catalog.cstring
AS 'MODULE_PATHNAME', 'servqual_summary_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.servqual_summary_out(@extschema@.servqual_summary) IS
'output function of servqual_summary';

CREATE FUNCTION @extschema@.servqual_summary_recv(pg_catalog.internal)
RETURNS @extschema@.servqual_summary
AS 'MODULE_PATHNAME', 'servqual_summary_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.servqual_summary_recv(pg_catalog.internal) IS
'binary input function of servqual_summary';

CREATE FUNCTION @extschema@.servqual_summary_send(@extschema@.servqual_summary)
RETURNS pg_catalog.bytea
AS 'MODULE_PATHNAME', 'servqual_summary_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.servqual_summary_send(@extschema@.servqual_summary) IS
'binary output function of servqual_summary';

CREATE TYPE @extschema@.servqual_summary (
	INPUT = @extschema@.servqual_summary_in,
	OUTPUT = @extschema@.servqual_summary_out,
	RECEIVE = @extschema@.servqual_summary_recv,
	SEND = @extschema@.servqual_summary_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = plain
);
COMMENT ON TYPE @extschema@.servqual_summary IS
'per SERVQUAL item: answers and sums of perceptions and expectations, {1:[3,15,18]}';

CREATE TYPE @extschema@.servqual_scores AS (
	tangibles double precision,
	reliability double precision,
	responsiveness double precision,
	assurance double precision,
	empathy double precision,
	overall double precision,		-- mean of the five dimension scores
	weighted double precision,		-- from a 100-point importance allocation
	answers bigint
);
COMMENT ON TYPE @extschema@.servqual_scores IS
'SERVQUAL (gaps) or SERVPERF (perceptions): five dimension scores, their mean, the weighted score, answers';

CREATE FUNCTION @extschema@.servqual_accum(@extschema@.servqual_summary, integer, double precision, double precision)
RETURNS @extschema@.servqual_summary
AS 'MODULE_PATHNAME', 'servqual_accum' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.servqual_accum(@extschema@.servqual_summary, integer, double precision, double precision) IS
'transition function of the SERVQUAL aggregates';

CREATE FUNCTION @extschema@.servqual_retract(@extschema@.servqual_summary, integer, double precision, double precision)
RETURNS @extschema@.servqual_summary
AS 'MODULE_PATHNAME', 'servqual_retract' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.servqual_retract(@extschema@.servqual_summary, integer, double precision, double precision) IS
'moving-aggregate inverse of servqual_accum';

CREATE FUNCTION @extschema@.servqual_summary_combine(@extschema@.servqual_summary, @extschema@.servqual_summary)
RETURNS @extschema@.servqual_summary
AS 'MODULE_PATHNAME', 'servqual_summary_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.servqual_summary_combine(@extschema@.servqual_summary, @extschema@.servqual_summary) IS
'combine function of the SERVQUAL aggregates';

CREATE FUNCTION @extschema@.servqual_summary_retract(@extschema@.servqual_summary, @extschema@.servqual_summary)
RETURNS @extschema@.servqual_summary
AS 'MODULE_PATHNAME', 'servqual_summary_retract' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.servqual_summary_retract(@extschema@.servqual_summary, @extschema@.servqual_summary) IS
'inverse of rollup(servqual_summary) in window frames';

CREATE FUNCTION @extschema@.servqual_summary_final(@extschema@.servqual_summary)
RETURNS @extschema@.servqual_summary
AS 'MODULE_PATHNAME', 'servqual_summary_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.servqual_summary_final(@extschema@.servqual_summary) IS
'final function of servqual_agg and rollup: NULL when empty';

CREATE FUNCTION @extschema@.servqual_dimension(item integer)
RETURNS text
AS 'MODULE_PATHNAME', 'servqual_dimension' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.servqual_dimension(item integer) IS
'SERVQUAL dimension of an item: tangibles 1-4, reliability 5-9, responsiveness 10-13, assurance 14-17, empathy 18-22';

CREATE FUNCTION @extschema@.servqual_reverse(item integer, score double precision, scale integer DEFAULT 7)
RETURNS double precision
AS 'MODULE_PATHNAME', 'servqual_reverse' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.servqual_reverse(item integer, score double precision, scale integer) IS
'1988 wording: reverse-scores items 10-13 and 18-22 as (scale + 1) - score; other items unchanged';

CREATE FUNCTION @extschema@.servqual(@extschema@.servqual_summary)
RETURNS @extschema@.servqual_scores
AS 'MODULE_PATHNAME', 'servqual_summary_scores' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.servqual(@extschema@.servqual_summary) IS
'SERVQUAL gap scores per dimension and overall (mean of the five dimensions)';

CREATE FUNCTION @extschema@.servqual(@extschema@.servqual_summary, tangibles double precision, reliability double precision, responsiveness double precision, assurance double precision, empathy double precision)
RETURNS @extschema@.servqual_scores
AS 'MODULE_PATHNAME', 'servqual_summary_scores_weighted' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.servqual(@extschema@.servqual_summary, tangibles double precision, reliability double precision, responsiveness double precision, assurance double precision, empathy double precision) IS
'SERVQUAL gap scores with a weighted score from 100 importance points';

CREATE FUNCTION @extschema@.servperf(@extschema@.servqual_summary)
RETURNS @extschema@.servqual_scores
AS 'MODULE_PATHNAME', 'servperf_summary_scores' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.servperf(@extschema@.servqual_summary) IS
'SERVPERF: perception scores per dimension and overall';

CREATE FUNCTION @extschema@.servperf(@extschema@.servqual_summary, tangibles double precision, reliability double precision, responsiveness double precision, assurance double precision, empathy double precision)
RETURNS @extschema@.servqual_scores
AS 'MODULE_PATHNAME', 'servperf_summary_scores_weighted' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.servperf(@extschema@.servqual_summary, tangibles double precision, reliability double precision, responsiveness double precision, assurance double precision, empathy double precision) IS
'SERVPERF perception scores with a weighted score from 100 importance points';

CREATE FUNCTION @extschema@.servqual_summary_merge(@extschema@.servqual_summary, @extschema@.servqual_summary)
RETURNS @extschema@.servqual_summary
AS 'MODULE_PATHNAME', 'servqual_summary_merge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.servqual_summary_merge(@extschema@.servqual_summary, @extschema@.servqual_summary) IS
'the SERVQUAL summary of both sets of answers (operator +)';

CREATE FUNCTION @extschema@.servqual_summary_eq(@extschema@.servqual_summary, @extschema@.servqual_summary)
RETURNS boolean
AS 'MODULE_PATHNAME', 'servqual_summary_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION @extschema@.servqual_summary_eq(@extschema@.servqual_summary, @extschema@.servqual_summary) IS
'same sums (operator =)';

CREATE FUNCTION @extschema@.servqual_summary_ne(@extschema@.servqual_summary, @extschema@.servqual_summary)
RETURNS boolean
AS 'MODULE_PATHNAME', 'servqual_summary_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION @extschema@.servqual_summary_ne(@extschema@.servqual_summary, @extschema@.servqual_summary) IS
'different sums (operator <>)';

CREATE OPERATOR @extschema@.+ (
	LEFTARG = @extschema@.servqual_summary, RIGHTARG = @extschema@.servqual_summary,
	FUNCTION = @extschema@.servqual_summary_merge, COMMUTATOR = OPERATOR(@extschema@.+)
);
COMMENT ON OPERATOR @extschema@.+ (@extschema@.servqual_summary, @extschema@.servqual_summary) IS 'merge two SERVQUAL summaries';

CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.servqual_summary, RIGHTARG = @extschema@.servqual_summary,
	FUNCTION = @extschema@.servqual_summary_eq,
	COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
	RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel
);
COMMENT ON OPERATOR @extschema@.= (@extschema@.servqual_summary, @extschema@.servqual_summary) IS 'SERVQUAL summaries holding the same sums';

CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.servqual_summary, RIGHTARG = @extschema@.servqual_summary,
	FUNCTION = @extschema@.servqual_summary_ne,
	COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
	RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR @extschema@.<> (@extschema@.servqual_summary, @extschema@.servqual_summary) IS 'SERVQUAL summaries differing in some sum';

CREATE AGGREGATE @extschema@.servqual_agg(item integer, perception double precision, expectation double precision) (
	SFUNC = @extschema@.servqual_accum,
	STYPE = @extschema@.servqual_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.servqual_summary_final,
	COMBINEFUNC = @extschema@.servqual_summary_combine,
	MSFUNC = @extschema@.servqual_accum,
	MINVFUNC = @extschema@.servqual_retract,
	MSTYPE = @extschema@.servqual_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.servqual_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.servqual_agg(integer, double precision, double precision) IS
'per-item sums for SERVQUAL and SERVPERF';

CREATE FUNCTION @extschema@.servqual_final(@extschema@.servqual_summary)
RETURNS @extschema@.servqual_scores
AS 'MODULE_PATHNAME', 'servqual_summary_scores' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.servqual_final(@extschema@.servqual_summary) IS
'final function of the one-step servqual(item, perception, expectation)';

CREATE AGGREGATE @extschema@.servqual(item integer, perception double precision, expectation double precision) (
	SFUNC = @extschema@.servqual_accum,
	STYPE = @extschema@.servqual_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.servqual_final,
	COMBINEFUNC = @extschema@.servqual_summary_combine,
	MSFUNC = @extschema@.servqual_accum,
	MINVFUNC = @extschema@.servqual_retract,
	MSTYPE = @extschema@.servqual_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.servqual_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.servqual(integer, double precision, double precision) IS
'SERVQUAL gap scores from item-level answers';

CREATE AGGREGATE @extschema@.rollup(@extschema@.servqual_summary) (
	SFUNC = @extschema@.servqual_summary_combine,
	STYPE = @extschema@.servqual_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.servqual_summary_final,
	COMBINEFUNC = @extschema@.servqual_summary_combine,
	MSFUNC = @extschema@.servqual_summary_combine,
	MINVFUNC = @extschema@.servqual_summary_retract,
	MSTYPE = @extschema@.servqual_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.servqual_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rollup(@extschema@.servqual_summary) IS
'merge of stored SERVQUAL summaries';


-- ACSI, rescaling, secure customer index

CREATE FUNCTION @extschema@.acsi(satisfaction double precision, expectancy double precision, ideal double precision)
RETURNS double precision
AS 'MODULE_PATHNAME', 'csm_acsi' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.acsi(satisfaction double precision, expectancy double precision, ideal double precision) IS
'ACSI 0-100 from the means of the three 1-10 items, equal weights';

CREATE FUNCTION @extschema@.acsi(satisfaction double precision, expectancy double precision, ideal double precision, w_satisfaction double precision, w_expectancy double precision, w_ideal double precision)
RETURNS double precision
AS 'MODULE_PATHNAME', 'csm_acsi_weighted' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.acsi(satisfaction double precision, expectancy double precision, ideal double precision, w_satisfaction double precision, w_expectancy double precision, w_ideal double precision) IS
'ACSI 0-100 from the means of the three 1-10 items with weights (normalised to sum 1)';

CREATE FUNCTION @extschema@.rescale_100(x double precision, scale integer)
RETURNS double precision
AS 'MODULE_PATHNAME', 'csm_rescale_100' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rescale_100(x double precision, scale integer) IS
'a 1..scale answer or mean on 0..100: (x - 1) / (scale - 1) * 100';

CREATE FUNCTION @extschema@.secure_customer_segment(sci double precision)
RETURNS text
AS 'MODULE_PATHNAME', 'csm_secure_customer_segment' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.secure_customer_segment(sci double precision) IS
'segment of a secure customer index 0..1: at risk below 0.7, neutral below 0.9, secure from 0.9';



-- ==== end of gap models =====================================================


-- ==== Kano model ============================================================

-- kano_class: a respondent's category, ordered by the M > O > A > I priority
CREATE TYPE @extschema@.kano_class AS ENUM
	('must-be', 'one-dimensional', 'attractive', 'indifferent', 'reverse', 'questionable');
COMMENT ON TYPE @extschema@.kano_class IS
'Kano category (Berger et al. 1993), in priority order M > O > A > I, then reverse, questionable';

-- kano_summary: counts of the 25 (functional, dysfunctional) answer pairs

CREATE TYPE @extschema@.kano_summary;

CREATE FUNCTION @extschema@.kano_summary_in(pg_catalog.cstring)
RETURNS @extschema@.kano_summary
AS 'MODULE_PATHNAME', 'kano_summary_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.kano_summary_in(pg_catalog.cstring) IS
'input function of kano_summary';

CREATE FUNCTION @extschema@.kano_summary_out(@extschema@.kano_summary)
RETURNS pg_catalog.cstring
AS 'MODULE_PATHNAME', 'kano_summary_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.kano_summary_out(@extschema@.kano_summary) IS
'output function of kano_summary';

CREATE FUNCTION @extschema@.kano_summary_recv(pg_catalog.internal)
RETURNS @extschema@.kano_summary
AS 'MODULE_PATHNAME', 'kano_summary_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.kano_summary_recv(pg_catalog.internal) IS
'binary input function of kano_summary';

CREATE FUNCTION @extschema@.kano_summary_send(@extschema@.kano_summary)
RETURNS pg_catalog.bytea
AS 'MODULE_PATHNAME', 'kano_summary_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.kano_summary_send(@extschema@.kano_summary) IS
'binary output function of kano_summary';

CREATE TYPE @extschema@.kano_summary (
	INPUT = @extschema@.kano_summary_in,
	OUTPUT = @extschema@.kano_summary_out,
	RECEIVE = @extschema@.kano_summary_recv,
	SEND = @extschema@.kano_summary_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = plain
);
COMMENT ON TYPE @extschema@.kano_summary IS
'counts of Kano answer pairs, text {15:3,33:2} (functional then dysfunctional answer, 1-5): the state of every Kano aggregate';

CREATE TYPE @extschema@.kano_result AS (
	category @extschema@.kano_class,	-- most frequent; ties by M > O > A > I
	a bigint, o bigint, m bigint, i bigint, r bigint, q bigint,
	n bigint,
	better double precision,			-- (A + O) / (A + O + M + I)
	worse double precision,				-- -(O + M) / (A + O + M + I)
	total_strength double precision,	-- (A + O + M) / n
	category_strength double precision,	-- top share - second share
	fong_difference bigint,				-- the two highest counts, a - b
	fong_critical double precision,		-- 1.65 sqrt((a + b)(2n - a - b) / 2n)
	fong_significant boolean,
	functional_score double precision,	-- DuMouchel means over A, O, M, I answers
	dysfunctional_score double precision
);
COMMENT ON TYPE @extschema@.kano_result IS
'Kano result of a feature: category, counts, Better/Worse, strengths, Fong test, continuous scores';

CREATE FUNCTION @extschema@.kano_category(functional integer, dysfunctional integer)
RETURNS @extschema@.kano_class
AS 'MODULE_PATHNAME', 'kano_category_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.kano_category(functional integer, dysfunctional integer) IS
'Kano category of one answer pair, answers 1 like .. 5 dislike';

CREATE FUNCTION @extschema@.kano_category(functional text, dysfunctional text)
RETURNS @extschema@.kano_class
AS 'MODULE_PATHNAME', 'kano_category_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.kano_category(functional text, dysfunctional text) IS
'Kano category of one answer pair given as labels: like, must-be/expect, neutral, live-with/tolerate, dislike';

CREATE FUNCTION @extschema@.kano_code(@extschema@.kano_class)
RETURNS text
AS 'MODULE_PATHNAME', 'kano_class_code' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.kano_code(@extschema@.kano_class) IS
'short code of a Kano category: M, O, A, I, R or Q';

CREATE FUNCTION @extschema@.kano_accum(@extschema@.kano_summary, integer, integer)
RETURNS @extschema@.kano_summary
AS 'MODULE_PATHNAME', 'kano_accum_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.kano_accum(@extschema@.kano_summary, integer, integer) IS
'transition function of the Kano aggregates over 1-5 answers';

CREATE FUNCTION @extschema@.kano_accum(@extschema@.kano_summary, text, text)
RETURNS @extschema@.kano_summary
AS 'MODULE_PATHNAME', 'kano_accum_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.kano_accum(@extschema@.kano_summary, text, text) IS
'transition function of the Kano aggregates over answer labels';

CREATE FUNCTION @extschema@.kano_retract(@extschema@.kano_summary, integer, integer)
RETURNS @extschema@.kano_summary
AS 'MODULE_PATHNAME', 'kano_retract_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.kano_retract(@extschema@.kano_summary, integer, integer) IS
'moving-aggregate inverse of kano_accum';

CREATE FUNCTION @extschema@.kano_retract(@extschema@.kano_summary, text, text)
RETURNS @extschema@.kano_summary
AS 'MODULE_PATHNAME', 'kano_retract_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.kano_retract(@extschema@.kano_summary, text, text) IS
'moving-aggregate inverse of kano_accum';

CREATE FUNCTION @extschema@.kano_summary_combine(@extschema@.kano_summary, @extschema@.kano_summary)
RETURNS @extschema@.kano_summary
AS 'MODULE_PATHNAME', 'kano_summary_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.kano_summary_combine(@extschema@.kano_summary, @extschema@.kano_summary) IS
'combine function of the Kano aggregates: adds counts';

CREATE FUNCTION @extschema@.kano_summary_retract(@extschema@.kano_summary, @extschema@.kano_summary)
RETURNS @extschema@.kano_summary
AS 'MODULE_PATHNAME', 'kano_summary_retract' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.kano_summary_retract(@extschema@.kano_summary, @extschema@.kano_summary) IS
'inverse of rollup(kano_summary) in window frames';

CREATE FUNCTION @extschema@.kano_summary_final(@extschema@.kano_summary)
RETURNS @extschema@.kano_summary
AS 'MODULE_PATHNAME', 'kano_summary_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.kano_summary_final(@extschema@.kano_summary) IS
'final function of kano_agg and rollup: NULL when empty';

CREATE FUNCTION @extschema@.kano_result(@extschema@.kano_summary, threshold double precision DEFAULT 0)
RETURNS @extschema@.kano_result
AS 'MODULE_PATHNAME', 'kano_summary_result' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.kano_result(@extschema@.kano_summary, threshold double precision) IS
'Kano result of a feature; threshold in percentage points under which the priority rule decides between the top two';

CREATE FUNCTION @extschema@.kano_result_final(@extschema@.kano_summary)
RETURNS @extschema@.kano_result
AS 'MODULE_PATHNAME', 'kano_summary_result_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.kano_result_final(@extschema@.kano_summary) IS
'final function of the one-step kano()';

CREATE FUNCTION @extschema@.kano_category(@extschema@.kano_summary, threshold double precision DEFAULT 0)
RETURNS @extschema@.kano_class
AS 'MODULE_PATHNAME', 'kano_summary_category' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.kano_category(@extschema@.kano_summary, threshold double precision) IS
'category of a feature: the most frequent, ties by M > O > A > I';

CREATE FUNCTION @extschema@.kano_category_final(@extschema@.kano_summary)
RETURNS @extschema@.kano_class
AS 'MODULE_PATHNAME', 'kano_summary_category_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.kano_category_final(@extschema@.kano_summary) IS
'final function of kano_feature_category';

CREATE FUNCTION @extschema@.kano_better(@extschema@.kano_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'kano_summary_better' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.kano_better(@extschema@.kano_summary) IS
'Better coefficient (A + O) / (A + O + M + I); NULL without A, O, M, I answers';

CREATE FUNCTION @extschema@.kano_worse(@extschema@.kano_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'kano_summary_worse' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.kano_worse(@extschema@.kano_summary) IS
'Worse coefficient -(O + M) / (A + O + M + I); NULL without A, O, M, I answers';

CREATE FUNCTION @extschema@.kano_count(@extschema@.kano_summary, @extschema@.kano_class)
RETURNS bigint
AS 'MODULE_PATHNAME', 'kano_summary_count' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.kano_count(@extschema@.kano_summary, @extschema@.kano_class) IS
'number of answer pairs in a Kano category';

CREATE FUNCTION @extschema@.kano_pair_count(@extschema@.kano_summary, functional integer, dysfunctional integer)
RETURNS bigint
AS 'MODULE_PATHNAME', 'kano_summary_pair_count' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.kano_pair_count(@extschema@.kano_summary, integer, integer) IS
'number of answer pairs with this functional and dysfunctional answer (1-5)';

CREATE FUNCTION @extschema@.kano_summary_merge(@extschema@.kano_summary, @extschema@.kano_summary)
RETURNS @extschema@.kano_summary
AS 'MODULE_PATHNAME', 'kano_summary_merge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.kano_summary_merge(@extschema@.kano_summary, @extschema@.kano_summary) IS
'the summary of both sets of answer pairs (operator +)';

CREATE FUNCTION @extschema@.kano_summary_eq(@extschema@.kano_summary, @extschema@.kano_summary)
RETURNS boolean
AS 'MODULE_PATHNAME', 'kano_summary_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION @extschema@.kano_summary_eq(@extschema@.kano_summary, @extschema@.kano_summary) IS
'same counts (operator =)';

CREATE FUNCTION @extschema@.kano_summary_ne(@extschema@.kano_summary, @extschema@.kano_summary)
RETURNS boolean
AS 'MODULE_PATHNAME', 'kano_summary_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION @extschema@.kano_summary_ne(@extschema@.kano_summary, @extschema@.kano_summary) IS
'different counts (operator <>)';

CREATE AGGREGATE @extschema@.kano_agg(functional integer, dysfunctional integer) (
	SFUNC = @extschema@.kano_accum,
	STYPE = @extschema@.kano_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.kano_summary_final,
	COMBINEFUNC = @extschema@.kano_summary_combine,
	MSFUNC = @extschema@.kano_accum,
	MINVFUNC = @extschema@.kano_retract,
	MSTYPE = @extschema@.kano_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.kano_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.kano_agg(integer, integer) IS
'counts of Kano answer pairs';

CREATE AGGREGATE @extschema@.kano(functional integer, dysfunctional integer) (
	SFUNC = @extschema@.kano_accum,
	STYPE = @extschema@.kano_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.kano_result_final,
	COMBINEFUNC = @extschema@.kano_summary_combine,
	MSFUNC = @extschema@.kano_accum,
	MINVFUNC = @extschema@.kano_retract,
	MSTYPE = @extschema@.kano_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.kano_result_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.kano(integer, integer) IS
'Kano result of a feature from its answer pairs';

CREATE AGGREGATE @extschema@.kano_feature_category(functional integer, dysfunctional integer) (
	SFUNC = @extschema@.kano_accum,
	STYPE = @extschema@.kano_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.kano_category_final,
	COMBINEFUNC = @extschema@.kano_summary_combine,
	MSFUNC = @extschema@.kano_accum,
	MINVFUNC = @extschema@.kano_retract,
	MSTYPE = @extschema@.kano_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.kano_category_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.kano_feature_category(integer, integer) IS
'Kano category of a feature from its answer pairs';

CREATE AGGREGATE @extschema@.kano_better(functional integer, dysfunctional integer) (
	SFUNC = @extschema@.kano_accum,
	STYPE = @extschema@.kano_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.kano_better,
	COMBINEFUNC = @extschema@.kano_summary_combine,
	MSFUNC = @extschema@.kano_accum,
	MINVFUNC = @extschema@.kano_retract,
	MSTYPE = @extschema@.kano_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.kano_better,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.kano_better(integer, integer) IS
'Better coefficient of a feature from its answer pairs';

CREATE AGGREGATE @extschema@.kano_worse(functional integer, dysfunctional integer) (
	SFUNC = @extschema@.kano_accum,
	STYPE = @extschema@.kano_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.kano_worse,
	COMBINEFUNC = @extschema@.kano_summary_combine,
	MSFUNC = @extschema@.kano_accum,
	MINVFUNC = @extschema@.kano_retract,
	MSTYPE = @extschema@.kano_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.kano_worse,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.kano_worse(integer, integer) IS
'Worse coefficient of a feature from its answer pairs';

CREATE AGGREGATE @extschema@.kano_agg(functional text, dysfunctional text) (
	SFUNC = @extschema@.kano_accum,
	STYPE = @extschema@.kano_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.kano_summary_final,
	COMBINEFUNC = @extschema@.kano_summary_combine,
	MSFUNC = @extschema@.kano_accum,
	MINVFUNC = @extschema@.kano_retract,
	MSTYPE = @extschema@.kano_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.kano_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.kano_agg(text, text) IS
'counts of Kano answer pairs';

CREATE AGGREGATE @extschema@.kano(functional text, dysfunctional text) (
	SFUNC = @extschema@.kano_accum,
	STYPE = @extschema@.kano_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.kano_result_final,
	COMBINEFUNC = @extschema@.kano_summary_combine,
	MSFUNC = @extschema@.kano_accum,
	MINVFUNC = @extschema@.kano_retract,
	MSTYPE = @extschema@.kano_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.kano_result_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.kano(text, text) IS
'Kano result of a feature from its answer pairs';

CREATE AGGREGATE @extschema@.kano_feature_category(functional text, dysfunctional text) (
	SFUNC = @extschema@.kano_accum,
	STYPE = @extschema@.kano_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.kano_category_final,
	COMBINEFUNC = @extschema@.kano_summary_combine,
	MSFUNC = @extschema@.kano_accum,
	MINVFUNC = @extschema@.kano_retract,
	MSTYPE = @extschema@.kano_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.kano_category_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.kano_feature_category(text, text) IS
'Kano category of a feature from its answer pairs';

CREATE AGGREGATE @extschema@.kano_better(functional text, dysfunctional text) (
	SFUNC = @extschema@.kano_accum,
	STYPE = @extschema@.kano_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.kano_better,
	COMBINEFUNC = @extschema@.kano_summary_combine,
	MSFUNC = @extschema@.kano_accum,
	MINVFUNC = @extschema@.kano_retract,
	MSTYPE = @extschema@.kano_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.kano_better,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.kano_better(text, text) IS
'Better coefficient of a feature from its answer pairs';

CREATE AGGREGATE @extschema@.kano_worse(functional text, dysfunctional text) (
	SFUNC = @extschema@.kano_accum,
	STYPE = @extschema@.kano_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.kano_worse,
	COMBINEFUNC = @extschema@.kano_summary_combine,
	MSFUNC = @extschema@.kano_accum,
	MINVFUNC = @extschema@.kano_retract,
	MSTYPE = @extschema@.kano_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.kano_worse,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.kano_worse(text, text) IS
'Worse coefficient of a feature from its answer pairs';

CREATE AGGREGATE @extschema@.rollup(@extschema@.kano_summary) (
	SFUNC = @extschema@.kano_summary_combine,
	STYPE = @extschema@.kano_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.kano_summary_final,
	COMBINEFUNC = @extschema@.kano_summary_combine,
	MSFUNC = @extschema@.kano_summary_combine,
	MINVFUNC = @extschema@.kano_summary_retract,
	MSTYPE = @extschema@.kano_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.kano_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rollup(@extschema@.kano_summary) IS
'merge of stored Kano summaries';

CREATE OPERATOR @extschema@.+ (
	LEFTARG = @extschema@.kano_summary, RIGHTARG = @extschema@.kano_summary,
	FUNCTION = @extschema@.kano_summary_merge, COMMUTATOR = OPERATOR(@extschema@.+)
);
COMMENT ON OPERATOR @extschema@.+ (@extschema@.kano_summary, @extschema@.kano_summary) IS 'merge two Kano summaries';

CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.kano_summary, RIGHTARG = @extschema@.kano_summary,
	FUNCTION = @extschema@.kano_summary_eq,
	COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
	RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel
);
COMMENT ON OPERATOR @extschema@.= (@extschema@.kano_summary, @extschema@.kano_summary) IS 'Kano summaries holding the same counts';

CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.kano_summary, RIGHTARG = @extschema@.kano_summary,
	FUNCTION = @extschema@.kano_summary_ne,
	COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
	RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR @extschema@.<> (@extschema@.kano_summary, @extschema@.kano_summary) IS 'Kano summaries differing in some count';


-- ==== end of Kano model =====================================================


-- ==== operators on summaries: merge, difference, equality ===================

CREATE FUNCTION @extschema@.rating_summary_merge(@extschema@.rating_summary, @extschema@.rating_summary)
RETURNS @extschema@.rating_summary
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rating_summary_merge(@extschema@.rating_summary, @extschema@.rating_summary)
IS 'the summary of the answers in both summaries (operator +)';

CREATE FUNCTION @extschema@.rating_summary_difference(@extschema@.rating_summary, @extschema@.rating_summary)
RETURNS @extschema@.rating_summary
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rating_summary_difference(@extschema@.rating_summary, @extschema@.rating_summary)
IS 'the first summary without the answers of the second, which it must contain (operator -)';

CREATE FUNCTION @extschema@.rating_summary_eq(@extschema@.rating_summary, @extschema@.rating_summary)
RETURNS boolean
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION @extschema@.rating_summary_eq(@extschema@.rating_summary, @extschema@.rating_summary)
IS 'true when both summaries hold the same counts (operator =)';

CREATE FUNCTION @extschema@.rating_summary_ne(@extschema@.rating_summary, @extschema@.rating_summary)
RETURNS boolean
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION @extschema@.rating_summary_ne(@extschema@.rating_summary, @extschema@.rating_summary)
IS 'true when the summaries differ in any count (operator <>)';

CREATE OPERATOR @extschema@.+ (
	LEFTARG = @extschema@.rating_summary, RIGHTARG = @extschema@.rating_summary,
	FUNCTION = @extschema@.rating_summary_merge, COMMUTATOR = OPERATOR(@extschema@.+)
);
COMMENT ON OPERATOR @extschema@.+ (@extschema@.rating_summary, @extschema@.rating_summary)
IS 'merge two rating summaries';

CREATE OPERATOR @extschema@.- (
	LEFTARG = @extschema@.rating_summary, RIGHTARG = @extschema@.rating_summary,
	FUNCTION = @extschema@.rating_summary_difference
);
COMMENT ON OPERATOR @extschema@.- (@extschema@.rating_summary, @extschema@.rating_summary)
IS 'remove the answers of the right summary from the left one';

CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.rating_summary, RIGHTARG = @extschema@.rating_summary,
	FUNCTION = @extschema@.rating_summary_eq,
	COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
	RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel
);
COMMENT ON OPERATOR @extschema@.= (@extschema@.rating_summary, @extschema@.rating_summary)
IS 'rating summaries holding the same counts';

CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.rating_summary, RIGHTARG = @extschema@.rating_summary,
	FUNCTION = @extschema@.rating_summary_ne,
	COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
	RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR @extschema@.<> (@extschema@.rating_summary, @extschema@.rating_summary)
IS 'rating summaries differing in some count';

-- ==== end of operators on summaries =========================================


-- ==== jsonb: summaries for reporting tools and APIs ==========================
-- SQL and PL/pgSQL bodies pin search_path to pg_catalog, so no object in the
-- caller's path can stand in for an operator or function they use.

CREATE FUNCTION @extschema@.rating_summary_to_jsonb(s @extschema@.rating_summary)
RETURNS jsonb
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT jsonb_build_object(
	'n', @extschema@.rating_count(s),
	'counts', coalesce((SELECT jsonb_object_agg(r, c)
	                    FROM (SELECT r, @extschema@.rating_count(s, r) AS c
	                          FROM generate_series(0, 10) r) x
	                    WHERE c > 0), '{}'::jsonb),
	'nps', @extschema@.nps(s),
	'promoter_pct', @extschema@.promoter_pct(s),
	'passive_pct', @extschema@.passive_pct(s),
	'detractor_pct', @extschema@.detractor_pct(s),
	'mean', @extschema@.rating_mean(s))
$$;
COMMENT ON FUNCTION @extschema@.rating_summary_to_jsonb(@extschema@.rating_summary) IS
'a rating summary as jsonb: n, counts by rating, NPS, shares and mean (the cast rating_summary::jsonb)';

CREATE FUNCTION @extschema@.rating_summary_from_jsonb(j jsonb)
RETURNS @extschema@.rating_summary
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	entry record;
	parts text[] := '{}';
	result @extschema@.rating_summary;
BEGIN
	IF jsonb_typeof(j) <> 'object' OR jsonb_typeof(j -> 'counts') IS DISTINCT FROM 'object' THEN
		RAISE EXCEPTION 'invalid jsonb for type rating_summary: %', left(j::text, 200)
			USING ERRCODE = '22P02',
			      DETAIL = 'Expected an object with "counts": {"rating": count, ...}, as rating_summary::jsonb produces.';
	END IF;
	FOR entry IN SELECT key, value FROM jsonb_each(j -> 'counts') LOOP
		IF entry.key !~ '^[0-9]{1,2}$' OR jsonb_typeof(entry.value) <> 'number'
		   OR entry.value::text !~ '^[0-9]{1,19}$' THEN
			RAISE EXCEPTION 'invalid jsonb for type rating_summary: count "%": %', entry.key, entry.value
				USING ERRCODE = '22P02',
				      DETAIL = 'Ratings are whole numbers from 0 to 10 and counts whole numbers of at least 0.';
		END IF;
		parts := parts || (entry.key || ':' || entry.value::text);
	END LOOP;
	result := ('{' || array_to_string(parts, ',') || '}')::@extschema@.rating_summary;
	IF j ? 'n' AND (j ->> 'n') IS DISTINCT FROM @extschema@.rating_count(result)::text THEN
		RAISE EXCEPTION 'invalid jsonb for type rating_summary: n is %, the counts add up to %',
			j -> 'n', @extschema@.rating_count(result)
			USING ERRCODE = '22P02';
	END IF;
	RETURN result;
END
$$;
COMMENT ON FUNCTION @extschema@.rating_summary_from_jsonb(jsonb) IS
'a rating summary from the jsonb that rating_summary::jsonb produces (counts are validated like text input)';

CREATE CAST (@extschema@.rating_summary AS jsonb)
	WITH FUNCTION @extschema@.rating_summary_to_jsonb(@extschema@.rating_summary);
COMMENT ON CAST (@extschema@.rating_summary AS jsonb) IS 'n, counts by rating, NPS, shares, mean';
CREATE CAST (jsonb AS @extschema@.rating_summary)
	WITH FUNCTION @extschema@.rating_summary_from_jsonb(jsonb);
COMMENT ON CAST (jsonb AS @extschema@.rating_summary) IS 'from {"counts": {...}}, validated';

CREATE FUNCTION @extschema@.kano_summary_to_jsonb(s @extschema@.kano_summary)
RETURNS jsonb
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT jsonb_build_object(
	'n', coalesce(k.n, 0),
	'pairs', coalesce((SELECT jsonb_object_agg(f::text || d::text, c)
	                   FROM (SELECT f, d, @extschema@.kano_pair_count(s, f, d) AS c
	                         FROM generate_series(1, 5) f, generate_series(1, 5) d) x
	                   WHERE c > 0), '{}'::jsonb),
	'counts', jsonb_build_object('A', coalesce(k.a, 0), 'O', coalesce(k.o, 0), 'M', coalesce(k.m, 0),
	                             'I', coalesce(k.i, 0), 'R', coalesce(k.r, 0), 'Q', coalesce(k.q, 0)),
	'category', k.category, 'better', k.better, 'worse', k.worse)
FROM (SELECT (@extschema@.kano_result(s)).*) k
$$;
COMMENT ON FUNCTION @extschema@.kano_summary_to_jsonb(@extschema@.kano_summary) IS
'a Kano summary as jsonb: n, answer pairs, category counts, category, Better, Worse (the cast kano_summary::jsonb)';

CREATE FUNCTION @extschema@.kano_summary_from_jsonb(j jsonb)
RETURNS @extschema@.kano_summary
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	entry record;
	parts text[] := '{}';
BEGIN
	IF jsonb_typeof(j) <> 'object' OR jsonb_typeof(j -> 'pairs') IS DISTINCT FROM 'object' THEN
		RAISE EXCEPTION 'invalid jsonb for type kano_summary: %', left(j::text, 200)
			USING ERRCODE = '22P02',
			      DETAIL = 'Expected an object with "pairs": {"15": count, ...}, as kano_summary::jsonb produces.';
	END IF;
	FOR entry IN SELECT key, value FROM jsonb_each(j -> 'pairs') LOOP
		IF entry.key !~ '^[1-5][1-5]$' OR jsonb_typeof(entry.value) <> 'number'
		   OR entry.value::text !~ '^[0-9]{1,19}$' THEN
			RAISE EXCEPTION 'invalid jsonb for type kano_summary: pair "%": %', entry.key, entry.value
				USING ERRCODE = '22P02',
				      DETAIL = 'Pairs are two answers from 1 to 5 (11 to 55); counts are whole numbers of at least 0.';
		END IF;
		parts := parts || (entry.key || ':' || entry.value::text);
	END LOOP;
	RETURN ('{' || array_to_string(parts, ',') || '}')::@extschema@.kano_summary;
END
$$;
COMMENT ON FUNCTION @extschema@.kano_summary_from_jsonb(jsonb) IS
'a Kano summary from the jsonb that kano_summary::jsonb produces, validated';

CREATE CAST (@extschema@.kano_summary AS jsonb)
	WITH FUNCTION @extschema@.kano_summary_to_jsonb(@extschema@.kano_summary);
COMMENT ON CAST (@extschema@.kano_summary AS jsonb) IS 'n, pairs, category counts, category, Better, Worse';
CREATE CAST (jsonb AS @extschema@.kano_summary)
	WITH FUNCTION @extschema@.kano_summary_from_jsonb(jsonb);
COMMENT ON CAST (jsonb AS @extschema@.kano_summary) IS 'from {"pairs": {...}}, validated';

-- The gap summaries hold double-double sums, which jsonb numbers would
-- round; they convert to jsonb for reading only (their text form
-- round-trips exactly).
CREATE FUNCTION @extschema@.gap_summary_to_jsonb(s @extschema@.gap_summary)
RETURNS jsonb
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT jsonb_build_object(
	'n', @extschema@.gap_count(s),
	'weighted_gap', @extschema@.gap_weighted(s),
	'mean_gap', @extschema@.gap_mean(s),
	'mean_perception', @extschema@.gap_perception_mean(s),
	'mean_expectation', @extschema@.gap_expectation_mean(s),
	'stddev', @extschema@.gap_stddev(s))
$$;
COMMENT ON FUNCTION @extschema@.gap_summary_to_jsonb(@extschema@.gap_summary) IS
'a gap summary''s figures as jsonb: n, weighted and mean gap, mean perception and expectation, stddev';
CREATE CAST (@extschema@.gap_summary AS jsonb)
	WITH FUNCTION @extschema@.gap_summary_to_jsonb(@extschema@.gap_summary);
COMMENT ON CAST (@extschema@.gap_summary AS jsonb) IS 'the figures of a gap summary';

CREATE FUNCTION @extschema@.servqual_summary_to_jsonb(s @extschema@.servqual_summary)
RETURNS jsonb
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT to_jsonb(q) FROM @extschema@.servqual(s) q
$$;
COMMENT ON FUNCTION @extschema@.servqual_summary_to_jsonb(@extschema@.servqual_summary) IS
'SERVQUAL scores as jsonb: the five dimensions, overall, answers';
CREATE CAST (@extschema@.servqual_summary AS jsonb)
	WITH FUNCTION @extschema@.servqual_summary_to_jsonb(@extschema@.servqual_summary);
COMMENT ON CAST (@extschema@.servqual_summary AS jsonb) IS 'the SERVQUAL scores of a summary';

-- ==== end of jsonb =============================================================


-- ==== comments on the 1.0 type's I/O functions, which 1.0 left without ======

COMMENT ON FUNCTION @extschema@.rating_summary_in(pg_catalog.cstring) IS 'input function of rating_summary';
COMMENT ON FUNCTION @extschema@.rating_summary_out(@extschema@.rating_summary) IS 'output function of rating_summary';
COMMENT ON FUNCTION @extschema@.rating_summary_recv(pg_catalog.internal) IS 'binary input function of rating_summary';
COMMENT ON FUNCTION @extschema@.rating_summary_send(@extschema@.rating_summary) IS 'binary output function of rating_summary';


-- ==== weighted ratings ======================================================
-- Survey weights on NPS, CSAT and CES, with the design-based intervals of R's
-- survey package (docs/weighted.md, docs/metrics.md §8).

-- weighted_rating_summary: per rating 0..10 the answers with a positive
-- weight, and the exact (double-double) sums of their weights and squares

CREATE TYPE @extschema@.weighted_rating_summary;

CREATE FUNCTION @extschema@.weighted_rating_summary_in(pg_catalog.cstring)
RETURNS @extschema@.weighted_rating_summary
AS 'MODULE_PATHNAME', 'weighted_rating_summary_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_rating_summary_in(pg_catalog.cstring) IS
'input function of weighted_rating_summary';

CREATE FUNCTION @extschema@.weighted_rating_summary_out(@extschema@.weighted_rating_summary)
RETURNS pg_catalog.cstring
AS 'MODULE_PATHNAME', 'weighted_rating_summary_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_rating_summary_out(@extschema@.weighted_rating_summary) IS
'output function of weighted_rating_summary';

CREATE FUNCTION @extschema@.weighted_rating_summary_recv(pg_catalog.internal)
RETURNS @extschema@.weighted_rating_summary
AS 'MODULE_PATHNAME', 'weighted_rating_summary_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_rating_summary_recv(pg_catalog.internal) IS
'binary input function of weighted_rating_summary';

CREATE FUNCTION @extschema@.weighted_rating_summary_send(@extschema@.weighted_rating_summary)
RETURNS pg_catalog.bytea
AS 'MODULE_PATHNAME', 'weighted_rating_summary_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_rating_summary_send(@extschema@.weighted_rating_summary) IS
'binary output function of weighted_rating_summary';

-- PLAIN storage and double alignment: stored values are read in place.
CREATE TYPE @extschema@.weighted_rating_summary (
	INPUT = @extschema@.weighted_rating_summary_in,
	OUTPUT = @extschema@.weighted_rating_summary_out,
	RECEIVE = @extschema@.weighted_rating_summary_recv,
	SEND = @extschema@.weighted_rating_summary_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = plain
);
COMMENT ON TYPE @extschema@.weighted_rating_summary IS
'per rating 0..10: answers with a positive weight, sum of weights, sum of squared weights, e.g. {9:[3,2.5,2.25]}: the state of every weighted ratings aggregate, storable and mergeable with rollup()';

CREATE TYPE @extschema@.weighted_proportion_interval AS (
	estimate double precision,	-- percent
	lower double precision,		-- NULL where the method has no bound
	upper double precision,
	se double precision,		-- design-based standard error, percentage points
	level double precision,
	method text,				-- logit or beta
	n bigint,					-- answers
	effective_n double precision	-- p (1 - p) / se^2, n at 0% and 100%
);
COMMENT ON TYPE @extschema@.weighted_proportion_interval IS
'design-based interval of a weighted share in percent (R''s svyciprop): estimate, lower, upper, se, level, method, n, effective_n';
-- accessors: the metrics of rating_summary, weighted, and the weights' own figures
CREATE FUNCTION @extschema@.nps(@extschema@.weighted_rating_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'weighted_rating_summary_nps' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps(@extschema@.weighted_rating_summary) IS
'Net Promoter Score in points (-100..100) of weighted answers: weighted % promoters (9-10) minus weighted % detractors (0-6)';
CREATE FUNCTION @extschema@.nps(@extschema@.weighted_rating_summary, detractor_max integer, passive_max integer)
RETURNS double precision
AS 'MODULE_PATHNAME', 'weighted_rating_summary_nps_cuts' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps(@extschema@.weighted_rating_summary, integer, integer) IS
'weighted Net Promoter Score with custom cut points: ratings <= detractor_max detract, <= passive_max are passive, the rest promote';
CREATE FUNCTION @extschema@.promoters(@extschema@.weighted_rating_summary)
RETURNS bigint
AS 'MODULE_PATHNAME', 'weighted_rating_summary_promoters' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.promoters(@extschema@.weighted_rating_summary) IS
'number of promoter answers (ratings 9-10), unweighted';
CREATE FUNCTION @extschema@.passives(@extschema@.weighted_rating_summary)
RETURNS bigint
AS 'MODULE_PATHNAME', 'weighted_rating_summary_passives' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.passives(@extschema@.weighted_rating_summary) IS
'number of passive answers (ratings 7-8), unweighted';
CREATE FUNCTION @extschema@.detractors(@extschema@.weighted_rating_summary)
RETURNS bigint
AS 'MODULE_PATHNAME', 'weighted_rating_summary_detractors' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.detractors(@extschema@.weighted_rating_summary) IS
'number of detractor answers (ratings 0-6), unweighted';
CREATE FUNCTION @extschema@.promoter_pct(@extschema@.weighted_rating_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'weighted_rating_summary_promoter_pct' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.promoter_pct(@extschema@.weighted_rating_summary) IS
'weighted percent of promoters (9-10)';
CREATE FUNCTION @extschema@.passive_pct(@extschema@.weighted_rating_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'weighted_rating_summary_passive_pct' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.passive_pct(@extschema@.weighted_rating_summary) IS
'weighted percent of passives (7-8)';
CREATE FUNCTION @extschema@.detractor_pct(@extschema@.weighted_rating_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'weighted_rating_summary_detractor_pct' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.detractor_pct(@extschema@.weighted_rating_summary) IS
'weighted percent of detractors (0-6)';
CREATE FUNCTION @extschema@.csat_top2(@extschema@.weighted_rating_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'weighted_rating_summary_csat_top2' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_top2(@extschema@.weighted_rating_summary) IS
'weighted CSAT top-2-box on a 1-5 scale: weighted percent of 4 and 5';
CREATE FUNCTION @extschema@.csat_top2(@extschema@.weighted_rating_summary, scale_max integer)
RETURNS double precision
AS 'MODULE_PATHNAME', 'weighted_rating_summary_csat_top2_scale' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_top2(@extschema@.weighted_rating_summary, integer) IS
'weighted CSAT top-2-box on a 1..scale_max scale';
CREATE FUNCTION @extschema@.csat_topbox(@extschema@.weighted_rating_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'weighted_rating_summary_csat_topbox' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_topbox(@extschema@.weighted_rating_summary) IS
'weighted CSAT top-box on a 1-5 scale: weighted percent of 5';
CREATE FUNCTION @extschema@.csat_topbox(@extschema@.weighted_rating_summary, scale_max integer)
RETURNS double precision
AS 'MODULE_PATHNAME', 'weighted_rating_summary_csat_topbox_scale' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_topbox(@extschema@.weighted_rating_summary, integer) IS
'weighted CSAT top-box on a 1..scale_max scale';
CREATE FUNCTION @extschema@.csat_topk(@extschema@.weighted_rating_summary, k integer, scale_max integer)
RETURNS double precision
AS 'MODULE_PATHNAME', 'weighted_rating_summary_csat_topk' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_topk(@extschema@.weighted_rating_summary, integer, integer) IS
'weighted CSAT top-k-box on a 1..scale_max scale';
CREATE FUNCTION @extschema@.ces_avg(@extschema@.weighted_rating_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'weighted_rating_summary_ces_avg' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_avg(@extschema@.weighted_rating_summary) IS
'weighted Customer Effort Score: weighted mean answer on the CES 2.0 1-7 scale';
CREATE FUNCTION @extschema@.ces_avg(@extschema@.weighted_rating_summary, scale_max integer)
RETURNS double precision
AS 'MODULE_PATHNAME', 'weighted_rating_summary_ces_avg_scale' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_avg(@extschema@.weighted_rating_summary, integer) IS
'weighted Customer Effort Score on a 1..scale_max scale (5 for CES 1.0)';
CREATE FUNCTION @extschema@.ces_easy_pct(@extschema@.weighted_rating_summary, orientation pg_catalog.text)
RETURNS double precision
AS 'MODULE_PATHNAME', 'weighted_rating_summary_ces_easy_pct' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_easy_pct(@extschema@.weighted_rating_summary, pg_catalog.text) IS
'weighted percent of "easy" CES answers: ''agreement'' = CES 2.0, 5-7 of 1-7; ''effort'' = CES 1.0, 1-2 of 1-5';
CREATE FUNCTION @extschema@.rating_count(@extschema@.weighted_rating_summary)
RETURNS bigint
AS 'MODULE_PATHNAME', 'weighted_rating_summary_count' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rating_count(@extschema@.weighted_rating_summary) IS
'number of answers with a positive weight (raw, unweighted)';
CREATE FUNCTION @extschema@.rating_count(@extschema@.weighted_rating_summary, rating integer)
RETURNS bigint
AS 'MODULE_PATHNAME', 'weighted_rating_summary_count_of' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rating_count(@extschema@.weighted_rating_summary, integer) IS
'number of answers with the given rating (0..10), unweighted';
CREATE FUNCTION @extschema@.rating_mean(@extschema@.weighted_rating_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'weighted_rating_summary_mean' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rating_mean(@extschema@.weighted_rating_summary) IS
'weighted mean rating';
CREATE FUNCTION @extschema@.weighted_total(@extschema@.weighted_rating_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'weighted_rating_summary_weighted_total' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_total(@extschema@.weighted_rating_summary) IS
'sum of the weights of the answers';
CREATE FUNCTION @extschema@.weighted_total(@extschema@.weighted_rating_summary, rating integer)
RETURNS double precision
AS 'MODULE_PATHNAME', 'weighted_rating_summary_weighted_total_of' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_total(@extschema@.weighted_rating_summary, integer) IS
'sum of the weights of the answers with the given rating (0..10)';
CREATE FUNCTION @extschema@.effective_n(@extschema@.weighted_rating_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'weighted_rating_summary_effective_n' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.effective_n(@extschema@.weighted_rating_summary) IS
'Kish''s effective sample size (sum of weights)^2 / sum of squared weights';
CREATE FUNCTION @extschema@.design_effect(@extschema@.weighted_rating_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'weighted_rating_summary_design_effect' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.design_effect(@extschema@.weighted_rating_summary) IS
'Kish''s design effect of the weights: n * sum of squared weights / (sum of weights)^2';
-- intervals, tests and sample sizes (R's survey package, svydesign(ids = ~1, weights = ~w))
CREATE FUNCTION @extschema@.nps_ci(@extschema@.weighted_rating_summary, level double precision DEFAULT 0.95, method text DEFAULT 'wald')
RETURNS @extschema@.nps_interval
AS 'MODULE_PATHNAME', 'weighted_rating_summary_nps_ci' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_ci(@extschema@.weighted_rating_summary, double precision, text) IS
'design-based NPS interval in points (R''s svymean and confint): method ''wald'', the only one for weighted answers; bounds clipped to -100..100; NULL below 2 answers';
CREATE FUNCTION @extschema@.nps_ci_final(@extschema@.weighted_rating_summary)
RETURNS @extschema@.nps_interval
AS 'MODULE_PATHNAME', 'weighted_rating_summary_nps_ci_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_ci_final(@extschema@.weighted_rating_summary) IS
'final function of the one-step nps_ci(score, weight): the 95% design-based Wald interval';
CREATE FUNCTION @extschema@.nps_se(@extschema@.weighted_rating_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'weighted_rating_summary_nps_se' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_se(@extschema@.weighted_rating_summary) IS
'design-based standard error of the weighted NPS in points (linearization, as R''s svymean); NULL below 2 answers';
CREATE FUNCTION @extschema@.nps_moe(@extschema@.weighted_rating_summary, level double precision DEFAULT 0.95)
RETURNS double precision
AS 'MODULE_PATHNAME', 'weighted_rating_summary_nps_moe' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_moe(@extschema@.weighted_rating_summary, double precision) IS
'margin of error of the weighted NPS in points: z times the design-based standard error';
CREATE FUNCTION @extschema@.nps_test(@extschema@.weighted_rating_summary, @extschema@.weighted_rating_summary, level double precision DEFAULT 0.95, method text DEFAULT 'wald')
RETURNS @extschema@.difference_test
AS 'MODULE_PATHNAME', 'weighted_rating_summary_nps_test' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_test(@extschema@.weighted_rating_summary, @extschema@.weighted_rating_summary, double precision, text) IS
'compare the weighted NPS of two independent groups: signed difference in points, design-based z-test and Wald interval';
CREATE FUNCTION @extschema@.nps_sample_size(@extschema@.weighted_rating_summary, margin double precision, level double precision DEFAULT 0.95)
RETURNS bigint
AS 'MODULE_PATHNAME', 'weighted_rating_summary_nps_sample_size' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_sample_size(@extschema@.weighted_rating_summary, double precision, double precision) IS
'answers needed for an NPS margin of error in points if the new sample is weighted like this one (its design effect included)';
CREATE FUNCTION @extschema@.csat_top2_ci(@extschema@.weighted_rating_summary, scale integer DEFAULT 5, level double precision DEFAULT 0.95, method text DEFAULT 'logit')
RETURNS @extschema@.weighted_proportion_interval
AS 'MODULE_PATHNAME', 'weighted_rating_summary_csat_top2_ci' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_top2_ci(@extschema@.weighted_rating_summary, integer, double precision, text) IS
'design-based interval of the weighted CSAT top-2-box share (percent) on a 1..scale survey, by ''logit'' (default) or ''beta'' (Korn-Graubard), as R''s svyciprop';
CREATE FUNCTION @extschema@.csat_topbox_ci(@extschema@.weighted_rating_summary, scale integer DEFAULT 5, level double precision DEFAULT 0.95, method text DEFAULT 'logit')
RETURNS @extschema@.weighted_proportion_interval
AS 'MODULE_PATHNAME', 'weighted_rating_summary_csat_topbox_ci' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_topbox_ci(@extschema@.weighted_rating_summary, integer, double precision, text) IS
'design-based interval of the weighted CSAT top-box share (percent) on a 1..scale survey, by ''logit'' (default) or ''beta'' (Korn-Graubard), as R''s svyciprop';
CREATE FUNCTION @extschema@.ces_easy_ci(@extschema@.weighted_rating_summary, orientation text, level double precision DEFAULT 0.95, method text DEFAULT 'logit')
RETURNS @extschema@.weighted_proportion_interval
AS 'MODULE_PATHNAME', 'weighted_rating_summary_ces_easy_ci' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_easy_ci(@extschema@.weighted_rating_summary, text, double precision, text) IS
'design-based interval of the weighted CES share of easy answers (percent), by ''logit'' (default) or ''beta'' (Korn-Graubard), as R''s svyciprop';
CREATE FUNCTION @extschema@.csat_top2_test(@extschema@.weighted_rating_summary, @extschema@.weighted_rating_summary, scale integer DEFAULT 5, level double precision DEFAULT 0.95)
RETURNS @extschema@.difference_test
AS 'MODULE_PATHNAME', 'weighted_rating_summary_csat_top2_test' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_top2_test(@extschema@.weighted_rating_summary, @extschema@.weighted_rating_summary, integer, double precision) IS
'compare the weighted CSAT top-2-box shares of two independent groups (percentage points): design-based z-test and Wald interval';
CREATE FUNCTION @extschema@.rating_stddev(@extschema@.weighted_rating_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'weighted_rating_summary_stddev' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rating_stddev(@extschema@.weighted_rating_summary) IS
'weighted standard deviation of the ratings (R''s svyvar); NULL below 2 answers';
CREATE FUNCTION @extschema@.rating_mean_ci(@extschema@.weighted_rating_summary, level double precision DEFAULT 0.95)
RETURNS @extschema@.mean_interval
AS 'MODULE_PATHNAME', 'weighted_rating_summary_mean_ci' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rating_mean_ci(@extschema@.weighted_rating_summary, double precision) IS
'design-based Student-t interval of the weighted mean rating on n - 1 df (R''s svymean and confint); NULL below 2 answers';
CREATE FUNCTION @extschema@.ces_avg_ci(@extschema@.weighted_rating_summary, scale integer DEFAULT 7, level double precision DEFAULT 0.95)
RETURNS @extschema@.mean_interval
AS 'MODULE_PATHNAME', 'weighted_rating_summary_ces_avg_ci' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_avg_ci(@extschema@.weighted_rating_summary, integer, double precision) IS
'design-based Student-t interval of the weighted CES mean on a 1..scale survey, n - 1 df (R''s svymean and confint); NULL below 2 answers';
-- support functions of the aggregates

CREATE FUNCTION @extschema@.weighted_rating_summary_combine(@extschema@.weighted_rating_summary, @extschema@.weighted_rating_summary)
RETURNS @extschema@.weighted_rating_summary
AS 'MODULE_PATHNAME', 'weighted_rating_summary_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_rating_summary_combine(@extschema@.weighted_rating_summary, @extschema@.weighted_rating_summary) IS
'sum of two weighted rating summaries (combine function of the weighted ratings aggregates, transition function of rollup)';

CREATE FUNCTION @extschema@.weighted_rating_summary_retract(@extschema@.weighted_rating_summary, @extschema@.weighted_rating_summary)
RETURNS @extschema@.weighted_rating_summary
AS 'MODULE_PATHNAME', 'weighted_rating_summary_retract' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_rating_summary_retract(@extschema@.weighted_rating_summary, @extschema@.weighted_rating_summary) IS
'inverse of rollup(weighted_rating_summary) in window frames; NULL (recompute the frame) when the sums may not be exact';

CREATE FUNCTION @extschema@.weighted_rating_summary_final(@extschema@.weighted_rating_summary)
RETURNS @extschema@.weighted_rating_summary
AS 'MODULE_PATHNAME', 'weighted_rating_summary_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_rating_summary_final(@extschema@.weighted_rating_summary) IS
'final function of rating_agg(score, weight) and rollup(): NULL when there are no answers';
-- weighted aggregates over smallint scores

CREATE FUNCTION @extschema@.weighted_rating_accum_int2(@extschema@.weighted_rating_summary, smallint, double precision)
RETURNS @extschema@.weighted_rating_summary
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_rating_accum_int2(@extschema@.weighted_rating_summary, smallint, double precision) IS
'transition function of the weighted ratings aggregates over smallint: adds one answer and its weight (strict: NULL skips the row; weight 0 skips it too)';

CREATE FUNCTION @extschema@.weighted_rating_retract_int2(@extschema@.weighted_rating_summary, smallint, double precision)
RETURNS @extschema@.weighted_rating_summary
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_rating_retract_int2(@extschema@.weighted_rating_summary, smallint, double precision) IS
'inverse transition function of the weighted ratings aggregates over smallint (window frames); NULL (recompute the frame) when the sums may not be exact';
CREATE AGGREGATE @extschema@.rating_agg(score smallint, weight double precision) (
	SFUNC = @extschema@.weighted_rating_accum_int2,
	STYPE = @extschema@.weighted_rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.weighted_rating_summary_final,
	COMBINEFUNC = @extschema@.weighted_rating_summary_combine,
	MSFUNC = @extschema@.weighted_rating_accum_int2,
	MINVFUNC = @extschema@.weighted_rating_retract_int2,
	MSTYPE = @extschema@.weighted_rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.weighted_rating_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rating_agg(smallint, double precision) IS
'weighted_rating_summary of the scores (0..10) and their weights, storable and mergeable with rollup()';
CREATE AGGREGATE @extschema@.nps(score smallint, weight double precision) (
	SFUNC = @extschema@.weighted_rating_accum_int2,
	STYPE = @extschema@.weighted_rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.nps,
	COMBINEFUNC = @extschema@.weighted_rating_summary_combine,
	MSFUNC = @extschema@.weighted_rating_accum_int2,
	MINVFUNC = @extschema@.weighted_rating_retract_int2,
	MSTYPE = @extschema@.weighted_rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.nps,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps(smallint, double precision) IS
'weighted Net Promoter Score in points (-100..100) of 0-10 scores';
CREATE AGGREGATE @extschema@.csat_top2(score smallint, weight double precision) (
	SFUNC = @extschema@.weighted_rating_accum_int2,
	STYPE = @extschema@.weighted_rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.csat_top2,
	COMBINEFUNC = @extschema@.weighted_rating_summary_combine,
	MSFUNC = @extschema@.weighted_rating_accum_int2,
	MINVFUNC = @extschema@.weighted_rating_retract_int2,
	MSTYPE = @extschema@.weighted_rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.csat_top2,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat_top2(smallint, double precision) IS
'weighted CSAT top-2-box: weighted percent of 4 and 5 among 1-5 scores';
CREATE AGGREGATE @extschema@.csat_topbox(score smallint, weight double precision) (
	SFUNC = @extschema@.weighted_rating_accum_int2,
	STYPE = @extschema@.weighted_rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.csat_topbox,
	COMBINEFUNC = @extschema@.weighted_rating_summary_combine,
	MSFUNC = @extschema@.weighted_rating_accum_int2,
	MINVFUNC = @extschema@.weighted_rating_retract_int2,
	MSTYPE = @extschema@.weighted_rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.csat_topbox,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat_topbox(smallint, double precision) IS
'weighted CSAT top-box: weighted percent of 5 among 1-5 scores';
CREATE AGGREGATE @extschema@.ces_avg(score smallint, weight double precision) (
	SFUNC = @extschema@.weighted_rating_accum_int2,
	STYPE = @extschema@.weighted_rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.ces_avg,
	COMBINEFUNC = @extschema@.weighted_rating_summary_combine,
	MSFUNC = @extschema@.weighted_rating_accum_int2,
	MINVFUNC = @extschema@.weighted_rating_retract_int2,
	MSTYPE = @extschema@.weighted_rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.ces_avg,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.ces_avg(smallint, double precision) IS
'weighted Customer Effort Score: weighted mean of 1-7 scores (CES 2.0)';
CREATE AGGREGATE @extschema@.nps_ci(score smallint, weight double precision) (
	SFUNC = @extschema@.weighted_rating_accum_int2,
	STYPE = @extschema@.weighted_rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.nps_ci_final,
	COMBINEFUNC = @extschema@.weighted_rating_summary_combine,
	MSFUNC = @extschema@.weighted_rating_accum_int2,
	MINVFUNC = @extschema@.weighted_rating_retract_int2,
	MSTYPE = @extschema@.weighted_rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.nps_ci_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps_ci(smallint, double precision) IS
'95% design-based Wald interval of the weighted NPS of 0-10 scores, in points';
-- weighted aggregates over integer scores

CREATE FUNCTION @extschema@.weighted_rating_accum_int4(@extschema@.weighted_rating_summary, integer, double precision)
RETURNS @extschema@.weighted_rating_summary
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_rating_accum_int4(@extschema@.weighted_rating_summary, integer, double precision) IS
'transition function of the weighted ratings aggregates over integer: adds one answer and its weight (strict: NULL skips the row; weight 0 skips it too)';

CREATE FUNCTION @extschema@.weighted_rating_retract_int4(@extschema@.weighted_rating_summary, integer, double precision)
RETURNS @extschema@.weighted_rating_summary
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_rating_retract_int4(@extschema@.weighted_rating_summary, integer, double precision) IS
'inverse transition function of the weighted ratings aggregates over integer (window frames); NULL (recompute the frame) when the sums may not be exact';
CREATE AGGREGATE @extschema@.rating_agg(score integer, weight double precision) (
	SFUNC = @extschema@.weighted_rating_accum_int4,
	STYPE = @extschema@.weighted_rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.weighted_rating_summary_final,
	COMBINEFUNC = @extschema@.weighted_rating_summary_combine,
	MSFUNC = @extschema@.weighted_rating_accum_int4,
	MINVFUNC = @extschema@.weighted_rating_retract_int4,
	MSTYPE = @extschema@.weighted_rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.weighted_rating_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rating_agg(integer, double precision) IS
'weighted_rating_summary of the scores (0..10) and their weights, storable and mergeable with rollup()';
CREATE AGGREGATE @extschema@.nps(score integer, weight double precision) (
	SFUNC = @extschema@.weighted_rating_accum_int4,
	STYPE = @extschema@.weighted_rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.nps,
	COMBINEFUNC = @extschema@.weighted_rating_summary_combine,
	MSFUNC = @extschema@.weighted_rating_accum_int4,
	MINVFUNC = @extschema@.weighted_rating_retract_int4,
	MSTYPE = @extschema@.weighted_rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.nps,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps(integer, double precision) IS
'weighted Net Promoter Score in points (-100..100) of 0-10 scores';
CREATE AGGREGATE @extschema@.csat_top2(score integer, weight double precision) (
	SFUNC = @extschema@.weighted_rating_accum_int4,
	STYPE = @extschema@.weighted_rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.csat_top2,
	COMBINEFUNC = @extschema@.weighted_rating_summary_combine,
	MSFUNC = @extschema@.weighted_rating_accum_int4,
	MINVFUNC = @extschema@.weighted_rating_retract_int4,
	MSTYPE = @extschema@.weighted_rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.csat_top2,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat_top2(integer, double precision) IS
'weighted CSAT top-2-box: weighted percent of 4 and 5 among 1-5 scores';
CREATE AGGREGATE @extschema@.csat_topbox(score integer, weight double precision) (
	SFUNC = @extschema@.weighted_rating_accum_int4,
	STYPE = @extschema@.weighted_rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.csat_topbox,
	COMBINEFUNC = @extschema@.weighted_rating_summary_combine,
	MSFUNC = @extschema@.weighted_rating_accum_int4,
	MINVFUNC = @extschema@.weighted_rating_retract_int4,
	MSTYPE = @extschema@.weighted_rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.csat_topbox,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat_topbox(integer, double precision) IS
'weighted CSAT top-box: weighted percent of 5 among 1-5 scores';
CREATE AGGREGATE @extschema@.ces_avg(score integer, weight double precision) (
	SFUNC = @extschema@.weighted_rating_accum_int4,
	STYPE = @extschema@.weighted_rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.ces_avg,
	COMBINEFUNC = @extschema@.weighted_rating_summary_combine,
	MSFUNC = @extschema@.weighted_rating_accum_int4,
	MINVFUNC = @extschema@.weighted_rating_retract_int4,
	MSTYPE = @extschema@.weighted_rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.ces_avg,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.ces_avg(integer, double precision) IS
'weighted Customer Effort Score: weighted mean of 1-7 scores (CES 2.0)';
CREATE AGGREGATE @extschema@.nps_ci(score integer, weight double precision) (
	SFUNC = @extschema@.weighted_rating_accum_int4,
	STYPE = @extschema@.weighted_rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.nps_ci_final,
	COMBINEFUNC = @extschema@.weighted_rating_summary_combine,
	MSFUNC = @extschema@.weighted_rating_accum_int4,
	MINVFUNC = @extschema@.weighted_rating_retract_int4,
	MSTYPE = @extschema@.weighted_rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.nps_ci_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps_ci(integer, double precision) IS
'95% design-based Wald interval of the weighted NPS of 0-10 scores, in points';
-- weighted aggregates over bigint scores

CREATE FUNCTION @extschema@.weighted_rating_accum_int8(@extschema@.weighted_rating_summary, bigint, double precision)
RETURNS @extschema@.weighted_rating_summary
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_rating_accum_int8(@extschema@.weighted_rating_summary, bigint, double precision) IS
'transition function of the weighted ratings aggregates over bigint: adds one answer and its weight (strict: NULL skips the row; weight 0 skips it too)';

CREATE FUNCTION @extschema@.weighted_rating_retract_int8(@extschema@.weighted_rating_summary, bigint, double precision)
RETURNS @extschema@.weighted_rating_summary
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_rating_retract_int8(@extschema@.weighted_rating_summary, bigint, double precision) IS
'inverse transition function of the weighted ratings aggregates over bigint (window frames); NULL (recompute the frame) when the sums may not be exact';
CREATE AGGREGATE @extschema@.rating_agg(score bigint, weight double precision) (
	SFUNC = @extschema@.weighted_rating_accum_int8,
	STYPE = @extschema@.weighted_rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.weighted_rating_summary_final,
	COMBINEFUNC = @extschema@.weighted_rating_summary_combine,
	MSFUNC = @extschema@.weighted_rating_accum_int8,
	MINVFUNC = @extschema@.weighted_rating_retract_int8,
	MSTYPE = @extschema@.weighted_rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.weighted_rating_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rating_agg(bigint, double precision) IS
'weighted_rating_summary of the scores (0..10) and their weights, storable and mergeable with rollup()';
CREATE AGGREGATE @extschema@.nps(score bigint, weight double precision) (
	SFUNC = @extschema@.weighted_rating_accum_int8,
	STYPE = @extschema@.weighted_rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.nps,
	COMBINEFUNC = @extschema@.weighted_rating_summary_combine,
	MSFUNC = @extschema@.weighted_rating_accum_int8,
	MINVFUNC = @extschema@.weighted_rating_retract_int8,
	MSTYPE = @extschema@.weighted_rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.nps,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps(bigint, double precision) IS
'weighted Net Promoter Score in points (-100..100) of 0-10 scores';
CREATE AGGREGATE @extschema@.csat_top2(score bigint, weight double precision) (
	SFUNC = @extschema@.weighted_rating_accum_int8,
	STYPE = @extschema@.weighted_rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.csat_top2,
	COMBINEFUNC = @extschema@.weighted_rating_summary_combine,
	MSFUNC = @extschema@.weighted_rating_accum_int8,
	MINVFUNC = @extschema@.weighted_rating_retract_int8,
	MSTYPE = @extschema@.weighted_rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.csat_top2,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat_top2(bigint, double precision) IS
'weighted CSAT top-2-box: weighted percent of 4 and 5 among 1-5 scores';
CREATE AGGREGATE @extschema@.csat_topbox(score bigint, weight double precision) (
	SFUNC = @extschema@.weighted_rating_accum_int8,
	STYPE = @extschema@.weighted_rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.csat_topbox,
	COMBINEFUNC = @extschema@.weighted_rating_summary_combine,
	MSFUNC = @extschema@.weighted_rating_accum_int8,
	MINVFUNC = @extschema@.weighted_rating_retract_int8,
	MSTYPE = @extschema@.weighted_rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.csat_topbox,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat_topbox(bigint, double precision) IS
'weighted CSAT top-box: weighted percent of 5 among 1-5 scores';
CREATE AGGREGATE @extschema@.ces_avg(score bigint, weight double precision) (
	SFUNC = @extschema@.weighted_rating_accum_int8,
	STYPE = @extschema@.weighted_rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.ces_avg,
	COMBINEFUNC = @extschema@.weighted_rating_summary_combine,
	MSFUNC = @extschema@.weighted_rating_accum_int8,
	MINVFUNC = @extschema@.weighted_rating_retract_int8,
	MSTYPE = @extschema@.weighted_rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.ces_avg,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.ces_avg(bigint, double precision) IS
'weighted Customer Effort Score: weighted mean of 1-7 scores (CES 2.0)';
CREATE AGGREGATE @extschema@.nps_ci(score bigint, weight double precision) (
	SFUNC = @extschema@.weighted_rating_accum_int8,
	STYPE = @extschema@.weighted_rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.nps_ci_final,
	COMBINEFUNC = @extschema@.weighted_rating_summary_combine,
	MSFUNC = @extschema@.weighted_rating_accum_int8,
	MINVFUNC = @extschema@.weighted_rating_retract_int8,
	MSTYPE = @extschema@.weighted_rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.nps_ci_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps_ci(bigint, double precision) IS
'95% design-based Wald interval of the weighted NPS of 0-10 scores, in points';
-- weighted aggregates over numeric scores

CREATE FUNCTION @extschema@.weighted_rating_accum_numeric(@extschema@.weighted_rating_summary, numeric, double precision)
RETURNS @extschema@.weighted_rating_summary
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_rating_accum_numeric(@extschema@.weighted_rating_summary, numeric, double precision) IS
'transition function of the weighted ratings aggregates over numeric: adds one answer and its weight (strict: NULL skips the row; weight 0 skips it too)';

CREATE FUNCTION @extschema@.weighted_rating_retract_numeric(@extschema@.weighted_rating_summary, numeric, double precision)
RETURNS @extschema@.weighted_rating_summary
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_rating_retract_numeric(@extschema@.weighted_rating_summary, numeric, double precision) IS
'inverse transition function of the weighted ratings aggregates over numeric (window frames); NULL (recompute the frame) when the sums may not be exact';
CREATE AGGREGATE @extschema@.rating_agg(score numeric, weight double precision) (
	SFUNC = @extschema@.weighted_rating_accum_numeric,
	STYPE = @extschema@.weighted_rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.weighted_rating_summary_final,
	COMBINEFUNC = @extschema@.weighted_rating_summary_combine,
	MSFUNC = @extschema@.weighted_rating_accum_numeric,
	MINVFUNC = @extschema@.weighted_rating_retract_numeric,
	MSTYPE = @extschema@.weighted_rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.weighted_rating_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rating_agg(numeric, double precision) IS
'weighted_rating_summary of the scores (0..10) and their weights, storable and mergeable with rollup()';
CREATE AGGREGATE @extschema@.nps(score numeric, weight double precision) (
	SFUNC = @extschema@.weighted_rating_accum_numeric,
	STYPE = @extschema@.weighted_rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.nps,
	COMBINEFUNC = @extschema@.weighted_rating_summary_combine,
	MSFUNC = @extschema@.weighted_rating_accum_numeric,
	MINVFUNC = @extschema@.weighted_rating_retract_numeric,
	MSTYPE = @extschema@.weighted_rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.nps,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps(numeric, double precision) IS
'weighted Net Promoter Score in points (-100..100) of 0-10 scores';
CREATE AGGREGATE @extschema@.csat_top2(score numeric, weight double precision) (
	SFUNC = @extschema@.weighted_rating_accum_numeric,
	STYPE = @extschema@.weighted_rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.csat_top2,
	COMBINEFUNC = @extschema@.weighted_rating_summary_combine,
	MSFUNC = @extschema@.weighted_rating_accum_numeric,
	MINVFUNC = @extschema@.weighted_rating_retract_numeric,
	MSTYPE = @extschema@.weighted_rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.csat_top2,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat_top2(numeric, double precision) IS
'weighted CSAT top-2-box: weighted percent of 4 and 5 among 1-5 scores';
CREATE AGGREGATE @extschema@.csat_topbox(score numeric, weight double precision) (
	SFUNC = @extschema@.weighted_rating_accum_numeric,
	STYPE = @extschema@.weighted_rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.csat_topbox,
	COMBINEFUNC = @extschema@.weighted_rating_summary_combine,
	MSFUNC = @extschema@.weighted_rating_accum_numeric,
	MINVFUNC = @extschema@.weighted_rating_retract_numeric,
	MSTYPE = @extschema@.weighted_rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.csat_topbox,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat_topbox(numeric, double precision) IS
'weighted CSAT top-box: weighted percent of 5 among 1-5 scores';
CREATE AGGREGATE @extschema@.ces_avg(score numeric, weight double precision) (
	SFUNC = @extschema@.weighted_rating_accum_numeric,
	STYPE = @extschema@.weighted_rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.ces_avg,
	COMBINEFUNC = @extschema@.weighted_rating_summary_combine,
	MSFUNC = @extschema@.weighted_rating_accum_numeric,
	MINVFUNC = @extschema@.weighted_rating_retract_numeric,
	MSTYPE = @extschema@.weighted_rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.ces_avg,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.ces_avg(numeric, double precision) IS
'weighted Customer Effort Score: weighted mean of 1-7 scores (CES 2.0)';
CREATE AGGREGATE @extschema@.nps_ci(score numeric, weight double precision) (
	SFUNC = @extschema@.weighted_rating_accum_numeric,
	STYPE = @extschema@.weighted_rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.nps_ci_final,
	COMBINEFUNC = @extschema@.weighted_rating_summary_combine,
	MSFUNC = @extschema@.weighted_rating_accum_numeric,
	MINVFUNC = @extschema@.weighted_rating_retract_numeric,
	MSTYPE = @extschema@.weighted_rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.nps_ci_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps_ci(numeric, double precision) IS
'95% design-based Wald interval of the weighted NPS of 0-10 scores, in points';
-- weighted aggregates over double precision scores

CREATE FUNCTION @extschema@.weighted_rating_accum_float8(@extschema@.weighted_rating_summary, double precision, double precision)
RETURNS @extschema@.weighted_rating_summary
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_rating_accum_float8(@extschema@.weighted_rating_summary, double precision, double precision) IS
'transition function of the weighted ratings aggregates over double precision: adds one answer and its weight (strict: NULL skips the row; weight 0 skips it too)';

CREATE FUNCTION @extschema@.weighted_rating_retract_float8(@extschema@.weighted_rating_summary, double precision, double precision)
RETURNS @extschema@.weighted_rating_summary
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_rating_retract_float8(@extschema@.weighted_rating_summary, double precision, double precision) IS
'inverse transition function of the weighted ratings aggregates over double precision (window frames); NULL (recompute the frame) when the sums may not be exact';
CREATE AGGREGATE @extschema@.rating_agg(score double precision, weight double precision) (
	SFUNC = @extschema@.weighted_rating_accum_float8,
	STYPE = @extschema@.weighted_rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.weighted_rating_summary_final,
	COMBINEFUNC = @extschema@.weighted_rating_summary_combine,
	MSFUNC = @extschema@.weighted_rating_accum_float8,
	MINVFUNC = @extschema@.weighted_rating_retract_float8,
	MSTYPE = @extschema@.weighted_rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.weighted_rating_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rating_agg(double precision, double precision) IS
'weighted_rating_summary of the scores (0..10) and their weights, storable and mergeable with rollup()';
CREATE AGGREGATE @extschema@.nps(score double precision, weight double precision) (
	SFUNC = @extschema@.weighted_rating_accum_float8,
	STYPE = @extschema@.weighted_rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.nps,
	COMBINEFUNC = @extschema@.weighted_rating_summary_combine,
	MSFUNC = @extschema@.weighted_rating_accum_float8,
	MINVFUNC = @extschema@.weighted_rating_retract_float8,
	MSTYPE = @extschema@.weighted_rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.nps,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps(double precision, double precision) IS
'weighted Net Promoter Score in points (-100..100) of 0-10 scores';
CREATE AGGREGATE @extschema@.csat_top2(score double precision, weight double precision) (
	SFUNC = @extschema@.weighted_rating_accum_float8,
	STYPE = @extschema@.weighted_rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.csat_top2,
	COMBINEFUNC = @extschema@.weighted_rating_summary_combine,
	MSFUNC = @extschema@.weighted_rating_accum_float8,
	MINVFUNC = @extschema@.weighted_rating_retract_float8,
	MSTYPE = @extschema@.weighted_rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.csat_top2,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat_top2(double precision, double precision) IS
'weighted CSAT top-2-box: weighted percent of 4 and 5 among 1-5 scores';
CREATE AGGREGATE @extschema@.csat_topbox(score double precision, weight double precision) (
	SFUNC = @extschema@.weighted_rating_accum_float8,
	STYPE = @extschema@.weighted_rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.csat_topbox,
	COMBINEFUNC = @extschema@.weighted_rating_summary_combine,
	MSFUNC = @extschema@.weighted_rating_accum_float8,
	MINVFUNC = @extschema@.weighted_rating_retract_float8,
	MSTYPE = @extschema@.weighted_rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.csat_topbox,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat_topbox(double precision, double precision) IS
'weighted CSAT top-box: weighted percent of 5 among 1-5 scores';
CREATE AGGREGATE @extschema@.ces_avg(score double precision, weight double precision) (
	SFUNC = @extschema@.weighted_rating_accum_float8,
	STYPE = @extschema@.weighted_rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.ces_avg,
	COMBINEFUNC = @extschema@.weighted_rating_summary_combine,
	MSFUNC = @extschema@.weighted_rating_accum_float8,
	MINVFUNC = @extschema@.weighted_rating_retract_float8,
	MSTYPE = @extschema@.weighted_rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.ces_avg,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.ces_avg(double precision, double precision) IS
'weighted Customer Effort Score: weighted mean of 1-7 scores (CES 2.0)';
CREATE AGGREGATE @extschema@.nps_ci(score double precision, weight double precision) (
	SFUNC = @extschema@.weighted_rating_accum_float8,
	STYPE = @extschema@.weighted_rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.nps_ci_final,
	COMBINEFUNC = @extschema@.weighted_rating_summary_combine,
	MSFUNC = @extschema@.weighted_rating_accum_float8,
	MINVFUNC = @extschema@.weighted_rating_retract_float8,
	MSTYPE = @extschema@.weighted_rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.nps_ci_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps_ci(double precision, double precision) IS
'95% design-based Wald interval of the weighted NPS of 0-10 scores, in points';
-- rollup: merge stored weighted summaries

CREATE AGGREGATE @extschema@.rollup(@extschema@.weighted_rating_summary) (
	SFUNC = @extschema@.weighted_rating_summary_combine,
	STYPE = @extschema@.weighted_rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.weighted_rating_summary_final,
	COMBINEFUNC = @extschema@.weighted_rating_summary_combine,
	MSFUNC = @extschema@.weighted_rating_summary_combine,
	MINVFUNC = @extschema@.weighted_rating_summary_retract,
	MSTYPE = @extschema@.weighted_rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.weighted_rating_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rollup(@extschema@.weighted_rating_summary) IS
'merges weighted rating summaries (from a rollup table, a materialized view or shards) into one';

-- operators

CREATE FUNCTION @extschema@.weighted_rating_summary_merge(@extschema@.weighted_rating_summary, @extschema@.weighted_rating_summary)
RETURNS @extschema@.weighted_rating_summary
AS 'MODULE_PATHNAME', 'weighted_rating_summary_merge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_rating_summary_merge(@extschema@.weighted_rating_summary, @extschema@.weighted_rating_summary) IS
'the weighted summary of the answers in both summaries (operator +)';

CREATE FUNCTION @extschema@.weighted_rating_summary_eq(@extschema@.weighted_rating_summary, @extschema@.weighted_rating_summary)
RETURNS boolean
AS 'MODULE_PATHNAME', 'weighted_rating_summary_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION @extschema@.weighted_rating_summary_eq(@extschema@.weighted_rating_summary, @extschema@.weighted_rating_summary) IS
'true when both summaries hold the same answers and sums (operator =)';

CREATE FUNCTION @extschema@.weighted_rating_summary_ne(@extschema@.weighted_rating_summary, @extschema@.weighted_rating_summary)
RETURNS boolean
AS 'MODULE_PATHNAME', 'weighted_rating_summary_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION @extschema@.weighted_rating_summary_ne(@extschema@.weighted_rating_summary, @extschema@.weighted_rating_summary) IS
'true when the summaries differ in any answer count or sum (operator <>)';

CREATE OPERATOR @extschema@.+ (
	LEFTARG = @extschema@.weighted_rating_summary, RIGHTARG = @extschema@.weighted_rating_summary,
	FUNCTION = @extschema@.weighted_rating_summary_merge, COMMUTATOR = OPERATOR(@extschema@.+)
);
COMMENT ON OPERATOR @extschema@.+ (@extschema@.weighted_rating_summary, @extschema@.weighted_rating_summary)
IS 'merge two weighted rating summaries';

CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.weighted_rating_summary, RIGHTARG = @extschema@.weighted_rating_summary,
	FUNCTION = @extschema@.weighted_rating_summary_eq,
	COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
	RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel
);
COMMENT ON OPERATOR @extschema@.= (@extschema@.weighted_rating_summary, @extschema@.weighted_rating_summary)
IS 'weighted rating summaries holding the same answers and sums';

CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.weighted_rating_summary, RIGHTARG = @extschema@.weighted_rating_summary,
	FUNCTION = @extschema@.weighted_rating_summary_ne,
	COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
	RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR @extschema@.<> (@extschema@.weighted_rating_summary, @extschema@.weighted_rating_summary)
IS 'weighted rating summaries differing in some answer count or sum';

-- jsonb, for reading: like the gap summaries, the sums are double-double,
-- which jsonb numbers would round, so there is no cast back (the text form
-- round-trips exactly).  SQL body with search_path pinned, as the others.

CREATE FUNCTION @extschema@.weighted_rating_summary_to_jsonb(s @extschema@.weighted_rating_summary)
RETURNS jsonb
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT jsonb_build_object(
	'n', @extschema@.rating_count(s),
	'weighted_total', @extschema@.weighted_total(s),
	'effective_n', @extschema@.effective_n(s),
	'counts', coalesce((SELECT jsonb_object_agg(r, c)
	                    FROM (SELECT r, @extschema@.rating_count(s, r) AS c
	                          FROM generate_series(0, 10) r) x
	                    WHERE c > 0), '{}'::jsonb),
	'weights', coalesce((SELECT jsonb_object_agg(r, @extschema@.weighted_total(s, r))
	                     FROM generate_series(0, 10) r
	                     WHERE @extschema@.rating_count(s, r) > 0), '{}'::jsonb),
	'nps', @extschema@.nps(s),
	'promoter_pct', @extschema@.promoter_pct(s),
	'passive_pct', @extschema@.passive_pct(s),
	'detractor_pct', @extschema@.detractor_pct(s),
	'mean', @extschema@.rating_mean(s))
$$;
COMMENT ON FUNCTION @extschema@.weighted_rating_summary_to_jsonb(@extschema@.weighted_rating_summary) IS
'a weighted rating summary as jsonb: n, weighted total, effective n, answers and weights by rating, weighted NPS, shares and mean (the cast weighted_rating_summary::jsonb)';

CREATE CAST (@extschema@.weighted_rating_summary AS jsonb)
	WITH FUNCTION @extschema@.weighted_rating_summary_to_jsonb(@extschema@.weighted_rating_summary);
COMMENT ON CAST (@extschema@.weighted_rating_summary AS jsonb) IS 'n, weighted total, effective n, answers and weights by rating, weighted NPS, shares, mean';

-- ==== end of weighted ratings ===============================================

-- ==== the planner's per-row cost of the transition functions ================
--
-- PostgreSQL compiles a query with JIT when its estimated total cost passes
-- jit_above_cost, and the compiled deforming and expression steps save the
-- same per-row work for csm as for the plain-SQL formula csm replaces.  At
-- COST 1 (the default) nps(score) was estimated at a fifth of the formula's
-- per-row cost (three counts and two comparisons), so between about 3.6M
-- and 5.6M rows the formula got JIT and nps(score) did not.  Each per-row
-- transition is therefore costed as the formula it stands for: 5 for the
-- ratings, weighted ratings, Kano and SERVQUAL steps, 4 for the gap step
-- (two sums, a product and a difference).  Its own CPU time is lower, about
-- 1.5 built-in calls (docs/scaling.md, "Performance").

ALTER FUNCTION @extschema@.rating_accum_int2(@extschema@.rating_summary, smallint) COST 5;
ALTER FUNCTION @extschema@.rating_accum_int4(@extschema@.rating_summary, integer) COST 5;
ALTER FUNCTION @extschema@.rating_accum_int8(@extschema@.rating_summary, bigint) COST 5;
ALTER FUNCTION @extschema@.rating_accum_numeric(@extschema@.rating_summary, numeric) COST 5;
ALTER FUNCTION @extschema@.rating_accum_float8(@extschema@.rating_summary, double precision) COST 5;
ALTER FUNCTION @extschema@.rating_retract_int2(@extschema@.rating_summary, smallint) COST 5;
ALTER FUNCTION @extschema@.rating_retract_int4(@extschema@.rating_summary, integer) COST 5;
ALTER FUNCTION @extschema@.rating_retract_int8(@extschema@.rating_summary, bigint) COST 5;
ALTER FUNCTION @extschema@.rating_retract_numeric(@extschema@.rating_summary, numeric) COST 5;
ALTER FUNCTION @extschema@.rating_retract_float8(@extschema@.rating_summary, double precision) COST 5;
ALTER FUNCTION @extschema@.kano_accum(@extschema@.kano_summary, integer, integer) COST 5;
ALTER FUNCTION @extschema@.kano_accum(@extschema@.kano_summary, text, text) COST 5;
ALTER FUNCTION @extschema@.kano_retract(@extschema@.kano_summary, integer, integer) COST 5;
ALTER FUNCTION @extschema@.kano_retract(@extschema@.kano_summary, text, text) COST 5;
ALTER FUNCTION @extschema@.servqual_accum(@extschema@.servqual_summary, integer, double precision, double precision) COST 5;
ALTER FUNCTION @extschema@.servqual_retract(@extschema@.servqual_summary, integer, double precision, double precision) COST 5;
ALTER FUNCTION @extschema@.gap_accum(@extschema@.gap_summary, double precision, double precision) COST 4;
ALTER FUNCTION @extschema@.gap_accum(@extschema@.gap_summary, double precision, double precision, double precision) COST 4;
ALTER FUNCTION @extschema@.gap_retract(@extschema@.gap_summary, double precision, double precision) COST 4;
ALTER FUNCTION @extschema@.gap_retract(@extschema@.gap_summary, double precision, double precision, double precision) COST 4;
ALTER FUNCTION @extschema@.weighted_rating_accum_int2(@extschema@.weighted_rating_summary, smallint, double precision) COST 5;
ALTER FUNCTION @extschema@.weighted_rating_retract_int2(@extschema@.weighted_rating_summary, smallint, double precision) COST 5;
ALTER FUNCTION @extschema@.weighted_rating_accum_int4(@extschema@.weighted_rating_summary, integer, double precision) COST 5;
ALTER FUNCTION @extschema@.weighted_rating_retract_int4(@extschema@.weighted_rating_summary, integer, double precision) COST 5;
ALTER FUNCTION @extschema@.weighted_rating_accum_int8(@extschema@.weighted_rating_summary, bigint, double precision) COST 5;
ALTER FUNCTION @extschema@.weighted_rating_retract_int8(@extschema@.weighted_rating_summary, bigint, double precision) COST 5;
ALTER FUNCTION @extschema@.weighted_rating_accum_numeric(@extschema@.weighted_rating_summary, numeric, double precision) COST 5;
ALTER FUNCTION @extschema@.weighted_rating_retract_numeric(@extschema@.weighted_rating_summary, numeric, double precision) COST 5;
ALTER FUNCTION @extschema@.weighted_rating_accum_float8(@extschema@.weighted_rating_summary, double precision, double precision) COST 5;
ALTER FUNCTION @extschema@.weighted_rating_retract_float8(@extschema@.weighted_rating_summary, double precision, double precision) COST 5;

-- ==== end of per-row costs ==================================================
