/* csm 1.0: customer-satisfaction metrics as PostgreSQL aggregates */

\echo Use "CREATE EXTENSION csm" to load this file. \quit

/*
 * Every reference below is qualified (@extschema@ for csm's own objects,
 * pg_catalog or a type keyword for the server's), so the script is safe for
 * a trusted extension whatever the installing role's search_path holds.
 */

-- rating_summary: a histogram of integer ratings 0..10 ---------------------

CREATE TYPE @extschema@.rating_summary;

CREATE FUNCTION @extschema@.rating_summary_in(pg_catalog.cstring)
RETURNS @extschema@.rating_summary
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.rating_summary_out(@extschema@.rating_summary)
RETURNS pg_catalog.cstring
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.rating_summary_recv(pg_catalog.internal)
RETURNS @extschema@.rating_summary
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.rating_summary_send(@extschema@.rating_summary)
RETURNS pg_catalog.bytea
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- PLAIN storage and double alignment: stored values are read in place.
CREATE TYPE @extschema@.rating_summary (
	INPUT = @extschema@.rating_summary_in,
	OUTPUT = @extschema@.rating_summary_out,
	RECEIVE = @extschema@.rating_summary_recv,
	SEND = @extschema@.rating_summary_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = plain
);

COMMENT ON TYPE @extschema@.rating_summary IS
'histogram of integer ratings 0..10, e.g. {6:1,7:2,9:3}: the state of every ratings aggregate, storable and mergeable with rollup()';

-- accessors: metrics read from a rating_summary ---------------------------

CREATE FUNCTION @extschema@.nps(@extschema@.rating_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'rating_summary_nps' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps(@extschema@.rating_summary) IS
'Net Promoter Score in points (-100..100): % promoters (9-10) minus % detractors (0-6)';

CREATE FUNCTION @extschema@.nps(@extschema@.rating_summary, detractor_max integer, passive_max integer)
RETURNS double precision
AS 'MODULE_PATHNAME', 'rating_summary_nps_cuts' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps(@extschema@.rating_summary, integer, integer) IS
'Net Promoter Score with custom cut points: ratings <= detractor_max detract, <= passive_max are passive, the rest promote';

CREATE FUNCTION @extschema@.promoters(@extschema@.rating_summary)
RETURNS bigint
AS 'MODULE_PATHNAME', 'rating_summary_promoters' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.promoters(@extschema@.rating_summary) IS
'number of promoters (ratings 9-10)';

CREATE FUNCTION @extschema@.passives(@extschema@.rating_summary)
RETURNS bigint
AS 'MODULE_PATHNAME', 'rating_summary_passives' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.passives(@extschema@.rating_summary) IS
'number of passives (ratings 7-8)';

CREATE FUNCTION @extschema@.detractors(@extschema@.rating_summary)
RETURNS bigint
AS 'MODULE_PATHNAME', 'rating_summary_detractors' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.detractors(@extschema@.rating_summary) IS
'number of detractors (ratings 0-6)';

CREATE FUNCTION @extschema@.promoter_pct(@extschema@.rating_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'rating_summary_promoter_pct' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.promoter_pct(@extschema@.rating_summary) IS
'percent of answers that are promoters (9-10)';

CREATE FUNCTION @extschema@.passive_pct(@extschema@.rating_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'rating_summary_passive_pct' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.passive_pct(@extschema@.rating_summary) IS
'percent of answers that are passives (7-8)';

CREATE FUNCTION @extschema@.detractor_pct(@extschema@.rating_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'rating_summary_detractor_pct' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.detractor_pct(@extschema@.rating_summary) IS
'percent of answers that are detractors (0-6)';

CREATE FUNCTION @extschema@.csat_top2(@extschema@.rating_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'rating_summary_csat_top2' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_top2(@extschema@.rating_summary) IS
'CSAT top-2-box on a 1-5 scale: percent of 4 and 5';

CREATE FUNCTION @extschema@.csat_top2(@extschema@.rating_summary, scale_max integer)
RETURNS double precision
AS 'MODULE_PATHNAME', 'rating_summary_csat_top2_scale' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_top2(@extschema@.rating_summary, integer) IS
'CSAT top-2-box on a 1..scale_max scale: percent of the two highest points';

CREATE FUNCTION @extschema@.csat_topbox(@extschema@.rating_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'rating_summary_csat_topbox' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_topbox(@extschema@.rating_summary) IS
'CSAT top-box on a 1-5 scale: percent of 5';

CREATE FUNCTION @extschema@.csat_topbox(@extschema@.rating_summary, scale_max integer)
RETURNS double precision
AS 'MODULE_PATHNAME', 'rating_summary_csat_topbox_scale' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_topbox(@extschema@.rating_summary, integer) IS
'CSAT top-box on a 1..scale_max scale: percent of the highest point';

CREATE FUNCTION @extschema@.csat_topk(@extschema@.rating_summary, k integer, scale_max integer)
RETURNS double precision
AS 'MODULE_PATHNAME', 'rating_summary_csat_topk' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_topk(@extschema@.rating_summary, integer, integer) IS
'CSAT top-k-box on a 1..scale_max scale: percent of the k highest points';

CREATE FUNCTION @extschema@.ces_avg(@extschema@.rating_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'rating_summary_ces_avg' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_avg(@extschema@.rating_summary) IS
'Customer Effort Score: mean answer on the CES 2.0 1-7 scale';

CREATE FUNCTION @extschema@.ces_avg(@extschema@.rating_summary, scale_max integer)
RETURNS double precision
AS 'MODULE_PATHNAME', 'rating_summary_ces_avg_scale' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_avg(@extschema@.rating_summary, integer) IS
'Customer Effort Score: mean answer on a 1..scale_max scale (5 for CES 1.0)';

CREATE FUNCTION @extschema@.ces_easy_pct(@extschema@.rating_summary, orientation pg_catalog.text)
RETURNS double precision
AS 'MODULE_PATHNAME', 'rating_summary_ces_easy_pct' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_easy_pct(@extschema@.rating_summary, pg_catalog.text) IS
'percent of "easy" CES answers: ''agreement'' = CES 2.0, 5-7 of 1-7; ''effort'' = CES 1.0, 1-2 of 1-5';

CREATE FUNCTION @extschema@.rating_count(@extschema@.rating_summary)
RETURNS bigint
AS 'MODULE_PATHNAME', 'rating_summary_count' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rating_count(@extschema@.rating_summary) IS
'number of answers';

CREATE FUNCTION @extschema@.rating_count(@extschema@.rating_summary, rating integer)
RETURNS bigint
AS 'MODULE_PATHNAME', 'rating_summary_count_of' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rating_count(@extschema@.rating_summary, integer) IS
'number of answers with the given rating (0..10)';

CREATE FUNCTION @extschema@.rating_mean(@extschema@.rating_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'rating_summary_mean' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rating_mean(@extschema@.rating_summary) IS
'mean rating';

-- support functions of the aggregates -------------------------------------

CREATE FUNCTION @extschema@.rating_summary_combine(@extschema@.rating_summary, @extschema@.rating_summary)
RETURNS @extschema@.rating_summary
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rating_summary_combine(@extschema@.rating_summary, @extschema@.rating_summary) IS
'sum of two rating summaries (combine function of the ratings aggregates)';

CREATE FUNCTION @extschema@.rating_summary_retract(@extschema@.rating_summary, @extschema@.rating_summary)
RETURNS @extschema@.rating_summary
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rating_summary_retract(@extschema@.rating_summary, @extschema@.rating_summary) IS
'difference of two rating summaries (inverse of rollup() in window frames)';

CREATE FUNCTION @extschema@.rating_summary_final(@extschema@.rating_summary)
RETURNS @extschema@.rating_summary
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rating_summary_final(@extschema@.rating_summary) IS
'final function of rating_agg() and rollup(): NULL when there are no answers';

-- aggregates over smallint scores ----------------------------------------------

CREATE FUNCTION @extschema@.rating_accum_int2(@extschema@.rating_summary, smallint)
RETURNS @extschema@.rating_summary
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rating_accum_int2(@extschema@.rating_summary, smallint) IS
'transition function of the ratings aggregates over smallint: counts one score';

CREATE FUNCTION @extschema@.rating_retract_int2(@extschema@.rating_summary, smallint)
RETURNS @extschema@.rating_summary
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rating_retract_int2(@extschema@.rating_summary, smallint) IS
'inverse transition function of the ratings aggregates over smallint (window frames)';

CREATE AGGREGATE @extschema@.rating_agg(smallint) (
	SFUNC = @extschema@.rating_accum_int2,
	STYPE = @extschema@.rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.rating_summary_final,
	COMBINEFUNC = @extschema@.rating_summary_combine,
	MSFUNC = @extschema@.rating_accum_int2,
	MINVFUNC = @extschema@.rating_retract_int2,
	MSTYPE = @extschema@.rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.rating_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rating_agg(smallint) IS
'rating_summary of the scores (0..10), storable and mergeable with rollup()';

CREATE AGGREGATE @extschema@.nps(smallint) (
	SFUNC = @extschema@.rating_accum_int2,
	STYPE = @extschema@.rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.nps,
	COMBINEFUNC = @extschema@.rating_summary_combine,
	MSFUNC = @extschema@.rating_accum_int2,
	MINVFUNC = @extschema@.rating_retract_int2,
	MSTYPE = @extschema@.rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.nps,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps(smallint) IS
'Net Promoter Score in points (-100..100) of 0-10 scores';

CREATE AGGREGATE @extschema@.csat_top2(smallint) (
	SFUNC = @extschema@.rating_accum_int2,
	STYPE = @extschema@.rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.csat_top2,
	COMBINEFUNC = @extschema@.rating_summary_combine,
	MSFUNC = @extschema@.rating_accum_int2,
	MINVFUNC = @extschema@.rating_retract_int2,
	MSTYPE = @extschema@.rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.csat_top2,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat_top2(smallint) IS
'CSAT top-2-box: percent of 4 and 5 among 1-5 scores';

CREATE AGGREGATE @extschema@.csat_topbox(smallint) (
	SFUNC = @extschema@.rating_accum_int2,
	STYPE = @extschema@.rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.csat_topbox,
	COMBINEFUNC = @extschema@.rating_summary_combine,
	MSFUNC = @extschema@.rating_accum_int2,
	MINVFUNC = @extschema@.rating_retract_int2,
	MSTYPE = @extschema@.rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.csat_topbox,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat_topbox(smallint) IS
'CSAT top-box: percent of 5 among 1-5 scores';

CREATE AGGREGATE @extschema@.ces_avg(smallint) (
	SFUNC = @extschema@.rating_accum_int2,
	STYPE = @extschema@.rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.ces_avg,
	COMBINEFUNC = @extschema@.rating_summary_combine,
	MSFUNC = @extschema@.rating_accum_int2,
	MINVFUNC = @extschema@.rating_retract_int2,
	MSTYPE = @extschema@.rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.ces_avg,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.ces_avg(smallint) IS
'Customer Effort Score: mean of 1-7 scores (CES 2.0)';

-- aggregates over integer scores ----------------------------------------------

CREATE FUNCTION @extschema@.rating_accum_int4(@extschema@.rating_summary, integer)
RETURNS @extschema@.rating_summary
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rating_accum_int4(@extschema@.rating_summary, integer) IS
'transition function of the ratings aggregates over integer: counts one score';

CREATE FUNCTION @extschema@.rating_retract_int4(@extschema@.rating_summary, integer)
RETURNS @extschema@.rating_summary
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rating_retract_int4(@extschema@.rating_summary, integer) IS
'inverse transition function of the ratings aggregates over integer (window frames)';

CREATE AGGREGATE @extschema@.rating_agg(integer) (
	SFUNC = @extschema@.rating_accum_int4,
	STYPE = @extschema@.rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.rating_summary_final,
	COMBINEFUNC = @extschema@.rating_summary_combine,
	MSFUNC = @extschema@.rating_accum_int4,
	MINVFUNC = @extschema@.rating_retract_int4,
	MSTYPE = @extschema@.rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.rating_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rating_agg(integer) IS
'rating_summary of the scores (0..10), storable and mergeable with rollup()';

CREATE AGGREGATE @extschema@.nps(integer) (
	SFUNC = @extschema@.rating_accum_int4,
	STYPE = @extschema@.rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.nps,
	COMBINEFUNC = @extschema@.rating_summary_combine,
	MSFUNC = @extschema@.rating_accum_int4,
	MINVFUNC = @extschema@.rating_retract_int4,
	MSTYPE = @extschema@.rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.nps,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps(integer) IS
'Net Promoter Score in points (-100..100) of 0-10 scores';

CREATE AGGREGATE @extschema@.csat_top2(integer) (
	SFUNC = @extschema@.rating_accum_int4,
	STYPE = @extschema@.rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.csat_top2,
	COMBINEFUNC = @extschema@.rating_summary_combine,
	MSFUNC = @extschema@.rating_accum_int4,
	MINVFUNC = @extschema@.rating_retract_int4,
	MSTYPE = @extschema@.rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.csat_top2,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat_top2(integer) IS
'CSAT top-2-box: percent of 4 and 5 among 1-5 scores';

CREATE AGGREGATE @extschema@.csat_topbox(integer) (
	SFUNC = @extschema@.rating_accum_int4,
	STYPE = @extschema@.rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.csat_topbox,
	COMBINEFUNC = @extschema@.rating_summary_combine,
	MSFUNC = @extschema@.rating_accum_int4,
	MINVFUNC = @extschema@.rating_retract_int4,
	MSTYPE = @extschema@.rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.csat_topbox,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat_topbox(integer) IS
'CSAT top-box: percent of 5 among 1-5 scores';

CREATE AGGREGATE @extschema@.ces_avg(integer) (
	SFUNC = @extschema@.rating_accum_int4,
	STYPE = @extschema@.rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.ces_avg,
	COMBINEFUNC = @extschema@.rating_summary_combine,
	MSFUNC = @extschema@.rating_accum_int4,
	MINVFUNC = @extschema@.rating_retract_int4,
	MSTYPE = @extschema@.rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.ces_avg,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.ces_avg(integer) IS
'Customer Effort Score: mean of 1-7 scores (CES 2.0)';

-- aggregates over bigint scores ----------------------------------------------

CREATE FUNCTION @extschema@.rating_accum_int8(@extschema@.rating_summary, bigint)
RETURNS @extschema@.rating_summary
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rating_accum_int8(@extschema@.rating_summary, bigint) IS
'transition function of the ratings aggregates over bigint: counts one score';

CREATE FUNCTION @extschema@.rating_retract_int8(@extschema@.rating_summary, bigint)
RETURNS @extschema@.rating_summary
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rating_retract_int8(@extschema@.rating_summary, bigint) IS
'inverse transition function of the ratings aggregates over bigint (window frames)';

CREATE AGGREGATE @extschema@.rating_agg(bigint) (
	SFUNC = @extschema@.rating_accum_int8,
	STYPE = @extschema@.rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.rating_summary_final,
	COMBINEFUNC = @extschema@.rating_summary_combine,
	MSFUNC = @extschema@.rating_accum_int8,
	MINVFUNC = @extschema@.rating_retract_int8,
	MSTYPE = @extschema@.rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.rating_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rating_agg(bigint) IS
'rating_summary of the scores (0..10), storable and mergeable with rollup()';

CREATE AGGREGATE @extschema@.nps(bigint) (
	SFUNC = @extschema@.rating_accum_int8,
	STYPE = @extschema@.rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.nps,
	COMBINEFUNC = @extschema@.rating_summary_combine,
	MSFUNC = @extschema@.rating_accum_int8,
	MINVFUNC = @extschema@.rating_retract_int8,
	MSTYPE = @extschema@.rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.nps,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps(bigint) IS
'Net Promoter Score in points (-100..100) of 0-10 scores';

CREATE AGGREGATE @extschema@.csat_top2(bigint) (
	SFUNC = @extschema@.rating_accum_int8,
	STYPE = @extschema@.rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.csat_top2,
	COMBINEFUNC = @extschema@.rating_summary_combine,
	MSFUNC = @extschema@.rating_accum_int8,
	MINVFUNC = @extschema@.rating_retract_int8,
	MSTYPE = @extschema@.rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.csat_top2,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat_top2(bigint) IS
'CSAT top-2-box: percent of 4 and 5 among 1-5 scores';

CREATE AGGREGATE @extschema@.csat_topbox(bigint) (
	SFUNC = @extschema@.rating_accum_int8,
	STYPE = @extschema@.rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.csat_topbox,
	COMBINEFUNC = @extschema@.rating_summary_combine,
	MSFUNC = @extschema@.rating_accum_int8,
	MINVFUNC = @extschema@.rating_retract_int8,
	MSTYPE = @extschema@.rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.csat_topbox,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat_topbox(bigint) IS
'CSAT top-box: percent of 5 among 1-5 scores';

CREATE AGGREGATE @extschema@.ces_avg(bigint) (
	SFUNC = @extschema@.rating_accum_int8,
	STYPE = @extschema@.rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.ces_avg,
	COMBINEFUNC = @extschema@.rating_summary_combine,
	MSFUNC = @extschema@.rating_accum_int8,
	MINVFUNC = @extschema@.rating_retract_int8,
	MSTYPE = @extschema@.rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.ces_avg,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.ces_avg(bigint) IS
'Customer Effort Score: mean of 1-7 scores (CES 2.0)';

-- aggregates over numeric scores ----------------------------------------------

CREATE FUNCTION @extschema@.rating_accum_numeric(@extschema@.rating_summary, numeric)
RETURNS @extschema@.rating_summary
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rating_accum_numeric(@extschema@.rating_summary, numeric) IS
'transition function of the ratings aggregates over numeric: counts one score';

CREATE FUNCTION @extschema@.rating_retract_numeric(@extschema@.rating_summary, numeric)
RETURNS @extschema@.rating_summary
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rating_retract_numeric(@extschema@.rating_summary, numeric) IS
'inverse transition function of the ratings aggregates over numeric (window frames)';

CREATE AGGREGATE @extschema@.rating_agg(numeric) (
	SFUNC = @extschema@.rating_accum_numeric,
	STYPE = @extschema@.rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.rating_summary_final,
	COMBINEFUNC = @extschema@.rating_summary_combine,
	MSFUNC = @extschema@.rating_accum_numeric,
	MINVFUNC = @extschema@.rating_retract_numeric,
	MSTYPE = @extschema@.rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.rating_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rating_agg(numeric) IS
'rating_summary of the scores (0..10), storable and mergeable with rollup()';

CREATE AGGREGATE @extschema@.nps(numeric) (
	SFUNC = @extschema@.rating_accum_numeric,
	STYPE = @extschema@.rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.nps,
	COMBINEFUNC = @extschema@.rating_summary_combine,
	MSFUNC = @extschema@.rating_accum_numeric,
	MINVFUNC = @extschema@.rating_retract_numeric,
	MSTYPE = @extschema@.rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.nps,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps(numeric) IS
'Net Promoter Score in points (-100..100) of 0-10 scores';

CREATE AGGREGATE @extschema@.csat_top2(numeric) (
	SFUNC = @extschema@.rating_accum_numeric,
	STYPE = @extschema@.rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.csat_top2,
	COMBINEFUNC = @extschema@.rating_summary_combine,
	MSFUNC = @extschema@.rating_accum_numeric,
	MINVFUNC = @extschema@.rating_retract_numeric,
	MSTYPE = @extschema@.rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.csat_top2,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat_top2(numeric) IS
'CSAT top-2-box: percent of 4 and 5 among 1-5 scores';

CREATE AGGREGATE @extschema@.csat_topbox(numeric) (
	SFUNC = @extschema@.rating_accum_numeric,
	STYPE = @extschema@.rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.csat_topbox,
	COMBINEFUNC = @extschema@.rating_summary_combine,
	MSFUNC = @extschema@.rating_accum_numeric,
	MINVFUNC = @extschema@.rating_retract_numeric,
	MSTYPE = @extschema@.rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.csat_topbox,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat_topbox(numeric) IS
'CSAT top-box: percent of 5 among 1-5 scores';

CREATE AGGREGATE @extschema@.ces_avg(numeric) (
	SFUNC = @extschema@.rating_accum_numeric,
	STYPE = @extschema@.rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.ces_avg,
	COMBINEFUNC = @extschema@.rating_summary_combine,
	MSFUNC = @extschema@.rating_accum_numeric,
	MINVFUNC = @extschema@.rating_retract_numeric,
	MSTYPE = @extschema@.rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.ces_avg,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.ces_avg(numeric) IS
'Customer Effort Score: mean of 1-7 scores (CES 2.0)';

-- aggregates over double precision scores ----------------------------------------------

CREATE FUNCTION @extschema@.rating_accum_float8(@extschema@.rating_summary, double precision)
RETURNS @extschema@.rating_summary
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rating_accum_float8(@extschema@.rating_summary, double precision) IS
'transition function of the ratings aggregates over double precision: counts one score';

CREATE FUNCTION @extschema@.rating_retract_float8(@extschema@.rating_summary, double precision)
RETURNS @extschema@.rating_summary
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rating_retract_float8(@extschema@.rating_summary, double precision) IS
'inverse transition function of the ratings aggregates over double precision (window frames)';

CREATE AGGREGATE @extschema@.rating_agg(double precision) (
	SFUNC = @extschema@.rating_accum_float8,
	STYPE = @extschema@.rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.rating_summary_final,
	COMBINEFUNC = @extschema@.rating_summary_combine,
	MSFUNC = @extschema@.rating_accum_float8,
	MINVFUNC = @extschema@.rating_retract_float8,
	MSTYPE = @extschema@.rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.rating_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rating_agg(double precision) IS
'rating_summary of the scores (0..10), storable and mergeable with rollup()';

CREATE AGGREGATE @extschema@.nps(double precision) (
	SFUNC = @extschema@.rating_accum_float8,
	STYPE = @extschema@.rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.nps,
	COMBINEFUNC = @extschema@.rating_summary_combine,
	MSFUNC = @extschema@.rating_accum_float8,
	MINVFUNC = @extschema@.rating_retract_float8,
	MSTYPE = @extschema@.rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.nps,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps(double precision) IS
'Net Promoter Score in points (-100..100) of 0-10 scores';

CREATE AGGREGATE @extschema@.csat_top2(double precision) (
	SFUNC = @extschema@.rating_accum_float8,
	STYPE = @extschema@.rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.csat_top2,
	COMBINEFUNC = @extschema@.rating_summary_combine,
	MSFUNC = @extschema@.rating_accum_float8,
	MINVFUNC = @extschema@.rating_retract_float8,
	MSTYPE = @extschema@.rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.csat_top2,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat_top2(double precision) IS
'CSAT top-2-box: percent of 4 and 5 among 1-5 scores';

CREATE AGGREGATE @extschema@.csat_topbox(double precision) (
	SFUNC = @extschema@.rating_accum_float8,
	STYPE = @extschema@.rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.csat_topbox,
	COMBINEFUNC = @extschema@.rating_summary_combine,
	MSFUNC = @extschema@.rating_accum_float8,
	MINVFUNC = @extschema@.rating_retract_float8,
	MSTYPE = @extschema@.rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.csat_topbox,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat_topbox(double precision) IS
'CSAT top-box: percent of 5 among 1-5 scores';

CREATE AGGREGATE @extschema@.ces_avg(double precision) (
	SFUNC = @extschema@.rating_accum_float8,
	STYPE = @extschema@.rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.ces_avg,
	COMBINEFUNC = @extschema@.rating_summary_combine,
	MSFUNC = @extschema@.rating_accum_float8,
	MINVFUNC = @extschema@.rating_retract_float8,
	MSTYPE = @extschema@.rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.ces_avg,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.ces_avg(double precision) IS
'Customer Effort Score: mean of 1-7 scores (CES 2.0)';

-- rollup: merge stored summaries --------------------------------------------

CREATE AGGREGATE @extschema@.rollup(@extschema@.rating_summary) (
	SFUNC = @extschema@.rating_summary_combine,
	STYPE = @extschema@.rating_summary,
	INITCOND = '{}',
	FINALFUNC = @extschema@.rating_summary_final,
	COMBINEFUNC = @extschema@.rating_summary_combine,
	MSFUNC = @extschema@.rating_summary_combine,
	MINVFUNC = @extschema@.rating_summary_retract,
	MSTYPE = @extschema@.rating_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.rating_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rollup(@extschema@.rating_summary) IS
'merges rating summaries (from a rollup table, a materialized view or shards) into one';
