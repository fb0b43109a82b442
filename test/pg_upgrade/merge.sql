-- After the upgrade: new answers arrive, the rollup table merges them with
-- + into the summaries the old major wrote, the materialized view
-- refreshes, and the merged summaries must equal a recomputation from all
-- the raw answers (weights are multiples of 1/4, so the gap sums are exact
-- in any order; key-driver summaries to rounding).  One line: t.
CREATE TABLE feedback_new (LIKE feedback);
INSERT INTO feedback_new
SELECT 'store ' || (i % 7), date '2026-01-01' + (i % 50), (i * 31) % 11,
       1 + (i * 7) % 5, 1 + (i * 11) % 5, 1 + i % 22, 1 + i % 7, 1 + (i * 5) % 7, 0.25 * (i % 5)
FROM generate_series(1, 3000) i;
INSERT INTO daily
SELECT store, day, rating_agg(score), kano_agg(f, d), gap_agg(p, e, w), servqual_agg(item, p, e),
       coalesce(rating_agg(score, w), '{}')
FROM feedback_new GROUP BY store, day
ON CONFLICT (store, day) DO UPDATE
SET ratings = daily.ratings + EXCLUDED.ratings, kano = daily.kano + EXCLUDED.kano,
    gap = daily.gap + EXCLUDED.gap, servqual = daily.servqual + EXCLUDED.servqual,
    weighted = daily.weighted + EXCLUDED.weighted;
INSERT INTO drivers_daily
SELECT store, day, driver_agg(score, ARRAY[f, d, item], w) FROM feedback_new GROUP BY store, day
ON CONFLICT (store, day) DO UPDATE SET s = drivers_daily.s + EXCLUDED.s;
INSERT INTO feedback SELECT * FROM feedback_new;
DROP TABLE feedback_new;
REFRESH MATERIALIZED VIEW drivers_totals;
REFRESH MATERIALIZED VIEW CONCURRENTLY store_totals;
SELECT count(*) = 7 AND bool_and(a.r::text = b.r::text AND a.k::text = b.k::text AND
                                 a.g::text = b.g::text AND a.s::text = b.s::text AND
                                 t.ratings::text = b.r::text AND t.servqual::text = b.s::text AND
                                 a.w::text = b.w::text AND t.weighted::text = b.w::text)
       -- key-driver summaries merge in another order than one pass: equal
       -- to rounding, not to the bit
       AND (SELECT count(*) = 7 AND bool_and(driver_rows(x.s) = driver_rows(y.s) AND driver_rows(x.s) = driver_rows(z.s)
                                             AND abs(driver_r2(x.s) - driver_r2(y.s)) < 1e-12
                                             AND abs(driver_r2(z.s) - driver_r2(y.s)) < 1e-12)
            FROM (SELECT store, rollup(s) AS s FROM drivers_daily GROUP BY store) x
            JOIN (SELECT store, driver_agg(score, ARRAY[f, d, item], w) AS s FROM feedback GROUP BY store) y USING (store)
            JOIN drivers_totals z USING (store))
FROM (SELECT store, rollup(ratings) r, rollup(kano) k, rollup(gap) g, rollup(servqual) s, rollup(weighted) w
      FROM daily GROUP BY store) a
JOIN (SELECT store, rating_agg(score) r, kano_agg(f, d) k, gap_agg(p, e, w) g, servqual_agg(item, p, e) s,
             rating_agg(score, w) w
      FROM feedback GROUP BY store) b USING (store)
JOIN store_totals t USING (store);
