-- jsonb for reporting tools and APIs: every summary converts to jsonb, and
-- the counts summaries (rating_summary, kano_summary) back from it.  The
-- summaries with double-double sums convert for reading only: jsonb
-- numbers would round the sums (their text form round-trips exactly).
-- A template for src/sql/generate.

@since 1.1

@for STATE, W in rating_summary, "" | weighted_rating_summary, "weighted "
-- {STATE} as jsonb: n, counts by rating, {W}NPS, shares and mean; for weighted answers also the weighted total, effective n and weights by rating (the cast {STATE}::jsonb)
FUNCTION {STATE}_to_jsonb(s {STATE}) RETURNS jsonb LANGUAGE sql AS $$
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
@if {STATE} = weighted_rating_summary
	|| jsonb_build_object(
	'weighted_total', @extschema@.weighted_total(s),
	'effective_n', @extschema@.effective_n(s),
	'weights', coalesce((SELECT jsonb_object_agg(r, @extschema@.weighted_total(s, r))
	                     FROM generate_series(0, 10) r
	                     WHERE @extschema@.rating_count(s, r) > 0), '{}'::jsonb))
@end
$$;
-- n, counts by rating, {W}NPS, shares, mean
CAST {STATE} AS jsonb WITH {STATE}_to_jsonb;
@end

-- a Kano summary as jsonb: n, answer pairs, category counts, category, Better, Worse (the cast kano_summary::jsonb)
FUNCTION kano_summary_to_jsonb(s kano_summary) RETURNS jsonb LANGUAGE sql AS $$
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
-- n, pairs, category counts, category, Better, Worse
CAST kano_summary AS jsonb WITH kano_summary_to_jsonb;

-- Back from jsonb: the object of counts becomes the text form, which the
-- type's input validates; a rating summary's n must match its counts.
@for STATE, FIELD, NOUN, KEY, SHAPE, ENTRY in
	| rating_summary, counts, count, "^[0-9]{1,2}$",
	  "Expected an object with \"counts\": {\"rating\": count, ...}, as rating_summary::jsonb produces.",
	  Ratings are whole numbers from 0 to 10 and counts whole numbers of at least 0.
	| kano_summary, pairs, pair, ^[1-5][1-5]$,
	  "Expected an object with \"pairs\": {\"15\": count, ...}, as kano_summary::jsonb produces.",
	  "Pairs are two answers from 1 to 5 (11 to 55); counts are whole numbers of at least 0."
@if {STATE} = rating_summary
-- a rating summary from the jsonb that rating_summary::jsonb produces (counts are validated like text input)
@end
@if {STATE} = kano_summary
-- a Kano summary from the jsonb that kano_summary::jsonb produces, validated
@end
FUNCTION {STATE}_from_jsonb(j jsonb) RETURNS {STATE} LANGUAGE plpgsql AS $$
DECLARE
	entry record;
	parts text[] := '{}';
@if {STATE} = rating_summary
	result @extschema@.rating_summary;
@end
BEGIN
	IF jsonb_typeof(j) <> 'object' OR jsonb_typeof(j -> '{FIELD}') IS DISTINCT FROM 'object' THEN
		RAISE EXCEPTION 'invalid jsonb for type {STATE}: %', left(j::text, 200)
			USING ERRCODE = '22P02',
			      DETAIL = '{SHAPE}';
	END IF;
	FOR entry IN SELECT key, value FROM jsonb_each(j -> '{FIELD}') LOOP
		IF entry.key !~ '{KEY}' OR jsonb_typeof(entry.value) <> 'number'
		   OR entry.value::text !~ '^[0-9]{1,19}$' THEN
			RAISE EXCEPTION 'invalid jsonb for type {STATE}: {NOUN} "%": %', entry.key, entry.value
				USING ERRCODE = '22P02',
				      DETAIL = '{ENTRY}';
		END IF;
		parts := parts || (entry.key || ':' || entry.value::text);
	END LOOP;
@if {STATE} = kano_summary
	RETURN ('{' || array_to_string(parts, ',') || '}')::@extschema@.kano_summary;
@end
@if {STATE} = rating_summary
	result := ('{' || array_to_string(parts, ',') || '}')::@extschema@.rating_summary;
	IF j ? 'n' AND (j ->> 'n') IS DISTINCT FROM @extschema@.rating_count(result)::text THEN
		RAISE EXCEPTION 'invalid jsonb for type rating_summary: n is %, the counts add up to %',
			j -> 'n', @extschema@.rating_count(result)
			USING ERRCODE = '22P02';
	END IF;
	RETURN result;
@end
END
$$;
-- from {"{FIELD}": {...}}, validated
CAST jsonb AS {STATE} WITH {STATE}_from_jsonb;
@end

-- a gap summary's figures as jsonb: n, weighted and mean gap, mean perception and expectation, stddev
FUNCTION gap_summary_to_jsonb(s gap_summary) RETURNS jsonb LANGUAGE sql AS $$
SELECT jsonb_build_object(
	'n', @extschema@.gap_count(s),
	'weighted_gap', @extschema@.gap_weighted(s),
	'mean_gap', @extschema@.gap_mean(s),
	'mean_perception', @extschema@.gap_perception_mean(s),
	'mean_expectation', @extschema@.gap_expectation_mean(s),
	'stddev', @extschema@.gap_stddev(s))
$$;
-- the figures of a gap summary
CAST gap_summary AS jsonb WITH gap_summary_to_jsonb;

-- SERVQUAL scores as jsonb: the five dimensions, overall, answers
FUNCTION servqual_summary_to_jsonb(s servqual_summary) RETURNS jsonb LANGUAGE sql AS $$
SELECT to_jsonb(q) FROM @extschema@.servqual(s) q
$$;
-- the SERVQUAL scores of a summary
CAST servqual_summary AS jsonb WITH servqual_summary_to_jsonb;
