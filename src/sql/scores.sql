-- The ratings aggregates over score columns, plain and weighted: for every
-- score type, rating_agg() and the one-step metrics, written once.  Each is
-- the family's transition function over its summary and the summary's
-- metric as final function (ratings.sql, inference.sql), so nps(score) and
-- nps(rating_agg(score)) cannot disagree.  A template for src/sql/generate.

@let SCORES = smallint, int2 | integer, int4 | bigint, int8 | numeric, numeric
	| double precision, float8

-- The plain aggregates take the score alone (their arguments unnamed, as in
-- 1.0), the weighted ones (score, weight).
@for STATE, STEP, ARG, WEIGHT, W, CI, SINCE in
	| rating_summary, rating, "", "", "", adjusted-Wald confidence interval, 1.0
	| weighted_rating_summary, weighted_rating, "score ", ", weight double precision", "weighted ", design-based Wald interval, 1.1
@for T, S in SCORES
@since {SINCE}
-- {STATE} of the {W}scores (0..10), storable and mergeable with rollup()
AGGREGATE rating_agg({ARG}{T}{WEIGHT}) FROM {STEP}_accum_{S} INVERSE {STEP}_retract_{S} FINAL {STATE}_final;
-- {W}Net Promoter Score in points (-100..100) of 0-10 scores
AGGREGATE nps({ARG}{T}{WEIGHT}) FROM {STEP}_accum_{S} INVERSE {STEP}_retract_{S} FINAL nps;
-- {W}CSAT top-2-box: {W}percent of 4 and 5 among 1-5 scores
AGGREGATE csat_top2({ARG}{T}{WEIGHT}) FROM {STEP}_accum_{S} INVERSE {STEP}_retract_{S} FINAL csat_top2;
-- {W}CSAT top-box: {W}percent of 5 among 1-5 scores
AGGREGATE csat_topbox({ARG}{T}{WEIGHT}) FROM {STEP}_accum_{S} INVERSE {STEP}_retract_{S} FINAL csat_topbox;
-- {W}Customer Effort Score: {W}mean of 1-7 scores (CES 2.0)
AGGREGATE ces_avg({ARG}{T}{WEIGHT}) FROM {STEP}_accum_{S} INVERSE {STEP}_retract_{S} FINAL ces_avg;
@since 1.1
-- 95% {CI} of the {W}NPS of 0-10 scores, in points
AGGREGATE nps_ci({ARG}{T}{WEIGHT}) FROM {STEP}_accum_{S} INVERSE {STEP}_retract_{S} FINAL nps_ci_final;
@end
@end
