-- Key drivers: driver_summary (the mergeable moments of an outcome and up
-- to 32 attributes), driver_agg() and what an analyst reads from it:
-- key_drivers() (Johnson's relative weights, Shapley/LMG), R^2, the OLS
-- table, correlations, Cronbach's alpha.  docs/metrics.md §10.  A template
-- for src/sql/generate.

@since 1.2

-- moments of an outcome and 1 to 32 attributes (rows used and skipped, weight total, means, co-moments), {n:3,skipped:0,p:1,weighted:false,w:3,means:[2,4],comoments:[2,1,2]}: the state of driver_agg(), storable and mergeable with rollup()
SUMMARY driver_summary INITCOND '{n:0,skipped:0,p:0}';
OPERATORS driver_summary;

-- The generated inverse of rollup() always declines (driver_summary.c):
-- say so in its comment.
COMMENT ON FUNCTION @extschema@.driver_summary_retract(@extschema@.driver_summary, @extschema@.driver_summary) IS
'inverse of rollup(driver_summary) in window frames: always NULL, so PostgreSQL recomputes each frame (an un-merge of co-moments is not exact enough)';

CREATE TYPE @extschema@.cronbach_alpha AS (
	alpha double precision,				-- k/(k-1) (1 - sum of item variances / variance of the total)
	standardized_alpha double precision,	-- k r / (1 + (k-1) r), r the mean inter-item correlation
	items integer,						-- k, the attributes
	n bigint							-- rows used
);
COMMENT ON TYPE @extschema@.cronbach_alpha IS
'Cronbach''s alpha of the attributes as the items of one scale: raw and standardized alpha, items, rows';

-- The per-row steps are costed as the formula they replace at 10
-- attributes, the issue's reference case: 66 covar_pop() and avg()
-- aggregates, one call each (docs/scaling.md, "Performance").

-- transition function of driver_agg(outcome, attributes): adds one row (a NULL outcome, array or element skips it and counts it as skipped)
FUNCTION driver_accum(driver_summary, double precision, double precision[]) RETURNS driver_summary CALLED ON NULL INPUT COST 66;
-- transition function of driver_agg(outcome, attributes, weight): adds one row with its weight (NULL or 0 skips it and counts it as skipped)
FUNCTION driver_accum_weighted(driver_summary, double precision, double precision[], double precision) RETURNS driver_summary CALLED ON NULL INPUT COST 66;
-- inverse transition function of driver_agg(outcome, attributes) (window frames); NULL (recompute the frame) when the removal could lose precision
FUNCTION driver_retract(driver_summary, double precision, double precision[]) RETURNS driver_summary CALLED ON NULL INPUT COST 66;
-- inverse transition function of driver_agg(outcome, attributes, weight) (window frames); NULL (recompute the frame) when the removal could lose precision
FUNCTION driver_retract_weighted(driver_summary, double precision, double precision[], double precision) RETURNS driver_summary CALLED ON NULL INPUT COST 66;

-- the key-driver summary of an outcome and its attributes (1 to 32 per row, the same number in every row; a row with a NULL is skipped and counted)
AGGREGATE driver_agg(outcome double precision, attributes double precision[]) FROM driver_accum INVERSE driver_retract FINAL driver_summary_final;
-- the key-driver summary of an outcome and its attributes, with frequency weights (a NULL or 0 weight skips the row)
AGGREGATE driver_agg(outcome double precision, attributes double precision[], weight double precision) FROM driver_accum_weighted INVERSE driver_retract_weighted FINAL driver_summary_final;

-- one row per attribute: name (or position), importance (sums to R^2), share of R^2 in %, share signed as the attribute's regression coefficient, correlation with the outcome, mean; method 'relative_weights' (Johnson 2000, up to 32 attributes) or 'shapley' (LMG, exact, up to 16)
FUNCTION key_drivers(s driver_summary, names text[] DEFAULT NULL, method text DEFAULT 'relative_weights') RETURNS TABLE (attribute text, "position" integer, importance double precision, share double precision, signed_share double precision, correlation double precision, mean double precision) AS driver_summary_key_drivers CALLED ON NULL INPUT ROWS 10;
-- R^2 of the outcome on every attribute (lm's Multiple R-squared); NULL without rows or when the outcome is constant
FUNCTION driver_r2(driver_summary) RETURNS double precision AS driver_summary_r2;
-- OLS (lm) coefficients with standard error, t and two-sided p, the intercept first; se_basis 'ols', or 'wls' for weighted rows: model-based, not design-based, standard errors
FUNCTION driver_regression(s driver_summary, names text[] DEFAULT NULL) RETURNS TABLE (term text, estimate double precision, std_error double precision, t_value double precision, p_value double precision, se_basis text) AS driver_summary_regression CALLED ON NULL INPUT ROWS 11;
-- correlation matrix of the outcome (row and column 1) and the attributes, NULL where a variable is constant; NULL without rows
FUNCTION driver_correlations(driver_summary) RETURNS double precision[] AS driver_summary_correlations;
-- Cronbach's alpha and the standardized alpha of the attributes as the items of one scale
FUNCTION cronbach_alpha(driver_summary) RETURNS cronbach_alpha AS driver_summary_alpha;
-- rows used: every value present and, weighted, a weight above 0
FUNCTION driver_rows(driver_summary) RETURNS bigint AS driver_summary_rows;
-- rows skipped: a NULL outcome, array, element or weight, or a weight of 0
FUNCTION driver_skipped(driver_summary) RETURNS bigint AS driver_summary_skipped;
-- number of attributes; NULL before the first attribute array
FUNCTION driver_attributes(driver_summary) RETURNS integer AS driver_summary_attributes;

-- a driver summary as jsonb, for reading: n, skipped, p, weighted, weight_total, means (outcome first), correlations (the cast driver_summary::jsonb)
FUNCTION driver_summary_to_jsonb(driver_summary) RETURNS jsonb;
-- n, skipped, p, weighted, weight total, means and correlations of a driver summary
CAST driver_summary AS jsonb WITH driver_summary_to_jsonb;
