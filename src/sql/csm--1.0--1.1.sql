/* csm 1.0 -> 1.1: statistical inference, gap models (CSI, SERVQUAL, ACSI), Kano */

\echo Use "ALTER EXTENSION csm UPDATE TO '1.1'" to load this file. \quit

/*
 * As in csm--1.0.sql, every reference is qualified (@extschema@ for csm's
 * own objects, pg_catalog for the server's), so the script is safe for a
 * trusted extension whatever the search_path holds.  No CREATE OR REPLACE.
 */

-- ==== statistical inference on rating_summary ==============================


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
