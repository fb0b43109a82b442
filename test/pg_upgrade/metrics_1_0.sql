SELECT store, nps(ratings), nps(ratings, 5, 7), rating_count(ratings, 9), rating_mean(ratings) FROM store_totals ORDER BY store;
SELECT (SELECT rollup(r) FROM unnest(ratings) r) FROM archive;
