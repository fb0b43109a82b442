-- Metrics over the stored values: each line must read the same after the
-- upgrade as before it.
SELECT store, nps(ratings), nps(ratings, 5, 7), rating_count(ratings, 9), nps_ci(ratings),
       kano_result(kano), gap_weighted(gap), gap_ci(gap), servqual(servqual)
FROM store_totals ORDER BY store;
SELECT store, nps(rollup(ratings)), kano_category(rollup(kano)), gap_mean(rollup(gap)),
       (servqual(rollup(servqual))).overall
FROM daily_part GROUP BY store ORDER BY store;
SELECT (SELECT rollup(r) FROM unnest(ratings) r), (SELECT rollup(k) FROM unnest(kano) k),
       (SELECT rollup(g) FROM unnest(gap) g), (SELECT rollup(s) FROM unnest(servqual) s),
       (SELECT rollup(w) FROM unnest(weighted) w)
FROM archive;
SELECT store, nps(weighted), nps_ci(weighted, 0.9, 'wald'), nps(weighted, 5, 7), rating_mean_ci(weighted),
       effective_n(weighted), design_effect(weighted)
FROM store_totals ORDER BY store;
SELECT (v).store, nps(rollup((v).ratings)), kano_better(rollup((v).kano))
FROM store_days GROUP BY 1 ORDER BY 1;
SELECT store, driver_rows(s), driver_skipped(s), driver_r2(s), cronbach_alpha(s),
       (SELECT array_agg(importance ORDER BY position) FROM key_drivers(s, method => 'shapley')),
       (SELECT array_agg(estimate ORDER BY term) FROM driver_regression(s))
FROM drivers_totals ORDER BY store;
SELECT driver_rows(rollup(v)), driver_r2(rollup(v)) FROM drivers_archive a, unnest(a.s) u(v);
SELECT store, nps_baseline(s ORDER BY week), mean_baseline(s ORDER BY week)
FROM weekly WHERE week < 4 AND store <> 'store 0' GROUP BY store ORDER BY store;
SELECT store, week, control_limits(s, b), ewma_chart(s, b) OVER w, cusum_chart(s, b, 0.5, 4) OVER w,
       run_rules(s, b) OVER w
FROM weekly JOIN baselines USING (store) WINDOW w AS (PARTITION BY store ORDER BY week) ORDER BY store, week;
SELECT id, control_baseline_final(c), control_runs_final(cs[2])
FROM control_states WHERE id = 1;
SELECT id, control_ewma_final(c), control_cusum_final(cs[1]), control_runs_final(cs[2])
FROM control_states WHERE id = 2;
SELECT region, league_groups(nps), nps_prior(nps), share_prior(share), mean_prior(mean, 'mle')
FROM leagues ORDER BY region;
SELECT (SELECT nps_prior(rollup(l.nps)) FROM leagues l) = p.nps, (nps_shrunk(t.ratings, p.nps)).*,
       (nps_funnel(t.ratings, p.nps, 0.998, true)).flag
FROM stored_priors p, store_totals t WHERE t.store = 'store 1';
SELECT league_groups(l), nps_prior(l), nps_prior(l, 'moments') FROM big_league;
