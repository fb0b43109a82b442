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


-- ==== end of gap models =====================================================


-- ==== Kano model ============================================================


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
