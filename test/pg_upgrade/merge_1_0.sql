-- The 1.0 database after the major upgrade and ALTER EXTENSION csm UPDATE:
-- old summaries merge with new ones, and the types 1.1 added work beside
-- them.  One line: t.
INSERT INTO daily
SELECT 'store ' || (i % 7), date '2026-01-01' + (i % 50), rating_agg((i * 31) % 11)
FROM generate_series(1, 3000) i GROUP BY 1, 2
ON CONFLICT (store, day) DO UPDATE SET ratings = daily.ratings + EXCLUDED.ratings;
INSERT INTO feedback
SELECT 'store ' || (i % 7), date '2026-01-01' + (i % 50), (i * 31) % 11 FROM generate_series(1, 3000) i;
REFRESH MATERIALIZED VIEW store_totals;
SELECT count(*) = 7 AND bool_and(a.r::text = b.r::text AND t.ratings::text = b.r::text AND t.nps = nps(b.r))
       AND (SELECT kano_category(kano_agg(1, 5)) = 'one-dimensional' FROM generate_series(1, 3))
FROM (SELECT store, rollup(ratings) r FROM daily GROUP BY store) a
JOIN (SELECT store, rating_agg(score) r FROM feedback GROUP BY store) b USING (store)
JOIN store_totals t USING (store);
