-- One line per check, each true when stored and recomputed values agree.
-- The plain-SQL formulas are the independent reference.
SELECT bool_and(nps(s) = 100.0 * (count_p - count_d) / n) AS stored_summaries_read
FROM daily JOIN (SELECT store, day,
                        count(*) FILTER (WHERE score >= 9) AS count_p,
                        count(*) FILTER (WHERE score <= 6) AS count_d,
                        count(score) AS n
                 FROM feedback GROUP BY store, day) f USING (store, day);
SELECT bool_and(t.nps = f.nps AND t.s::text = f.s::text) AS matview_matches_raw
FROM store_totals t JOIN (SELECT store, nps(score), rating_agg(score) AS s
                          FROM feedback GROUP BY store) f USING (store);
SELECT count(*) = 7 AND bool_and(r.s::text = f.s::text) AS view_matches_raw
FROM store_report r JOIN (SELECT store, rating_agg(score) AS s FROM feedback
                          WHERE score > 0 GROUP BY store) f USING (store);
