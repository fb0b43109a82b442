-- The Kano model: kano_class, kano_summary (counts of the 25 functional
-- and dysfunctional answer pairs) and the per-feature results.
-- docs/metrics.md §6.  A template for src/sql/generate.

@since 1.1

-- kano_class: a respondent's category, ordered by the M > O > A > I priority
CREATE TYPE @extschema@.kano_class AS ENUM
	('must-be', 'one-dimensional', 'attractive', 'indifferent', 'reverse', 'questionable');
COMMENT ON TYPE @extschema@.kano_class IS
'Kano category (Berger et al. 1993), in priority order M > O > A > I, then reverse, questionable';

-- counts of Kano answer pairs, text {15:3,33:2} (functional then dysfunctional answer, 1-5): the state of every Kano aggregate
SUMMARY kano_summary INITCOND '{}';
OPERATORS kano_summary;

CREATE TYPE @extschema@.kano_result AS (
	category @extschema@.kano_class,	-- most frequent; ties by M > O > A > I
	a bigint, o bigint, m bigint, i bigint, r bigint, q bigint, n bigint,
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

-- Kano category of one answer pair, answers 1 like .. 5 dislike
FUNCTION kano_category(functional integer, dysfunctional integer) RETURNS kano_class AS kano_category_int4;
-- Kano category of one answer pair given as labels: like, must-be/expect, neutral, live-with/tolerate, dislike
FUNCTION kano_category(functional text, dysfunctional text) RETURNS kano_class AS kano_category_text;
-- short code of a Kano category: M, O, A, I, R or Q
FUNCTION kano_code(kano_class) RETURNS text AS kano_class_code;

-- Kano result of a feature; threshold in percentage points under which the priority rule decides between the top two
FUNCTION kano_result(kano_summary, threshold double precision DEFAULT 0) RETURNS kano_result AS kano_summary_result;
-- final function of the one-step kano()
FUNCTION kano_result_final(kano_summary) RETURNS kano_result AS kano_summary_result_final;
-- category of a feature: the most frequent, ties by M > O > A > I
FUNCTION kano_category(kano_summary, threshold double precision DEFAULT 0) RETURNS kano_class AS kano_summary_category;
-- final function of kano_feature_category
FUNCTION kano_category_final(kano_summary) RETURNS kano_class AS kano_summary_category_final;
-- Better coefficient (A + O) / (A + O + M + I); NULL without A, O, M, I answers
FUNCTION kano_better(kano_summary) RETURNS double precision AS kano_summary_better;
-- Worse coefficient -(O + M) / (A + O + M + I); NULL without A, O, M, I answers
FUNCTION kano_worse(kano_summary) RETURNS double precision AS kano_summary_worse;
-- number of answer pairs in a Kano category
FUNCTION kano_count(kano_summary, kano_class) RETURNS bigint AS kano_summary_count;
-- number of answer pairs with this functional and dysfunctional answer (1-5)
FUNCTION kano_pair_count(kano_summary, functional integer, dysfunctional integer) RETURNS bigint AS kano_summary_pair_count;

-- Answers are 1-5 or their labels; the per-row steps cost what the formula
-- they stand for does (docs/scaling.md, "Performance").
@for T, S, WHAT in integer, int4, 1-5 answers | text, text, answer labels

-- transition function of the Kano aggregates over {WHAT}
FUNCTION kano_accum_{S}(kano_summary, {T}, {T}) RETURNS kano_summary COST 5;
-- moving-aggregate inverse of kano_accum_{S}
FUNCTION kano_retract_{S}(kano_summary, {T}, {T}) RETURNS kano_summary COST 5;
-- counts of Kano answer pairs
AGGREGATE kano_agg(functional {T}, dysfunctional {T}) FROM kano_accum_{S} INVERSE kano_retract_{S} FINAL kano_summary_final;
-- Kano result of a feature from its answer pairs
AGGREGATE kano(functional {T}, dysfunctional {T}) FROM kano_accum_{S} INVERSE kano_retract_{S} FINAL kano_result_final;
-- Kano category of a feature from its answer pairs
AGGREGATE kano_feature_category(functional {T}, dysfunctional {T}) FROM kano_accum_{S} INVERSE kano_retract_{S} FINAL kano_category_final;
-- Better coefficient of a feature from its answer pairs
AGGREGATE kano_better(functional {T}, dysfunctional {T}) FROM kano_accum_{S} INVERSE kano_retract_{S} FINAL kano_better;
-- Worse coefficient of a feature from its answer pairs
AGGREGATE kano_worse(functional {T}, dysfunctional {T}) FROM kano_accum_{S} INVERSE kano_retract_{S} FINAL kano_worse;
@end
