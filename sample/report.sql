-- sample/report.sql: the customer-satisfaction report for the sample feedback.
--
--     psql -X -f sample/feedback.sql -f sample/studies.sql -f sample/report.sql
--
-- (sample/run does this in a throwaway cluster.)  Needs csm installed; creates the
-- extension if it is not there yet, and the materialized view sample.feedback_daily.
--
-- Metrics: NPS in points (-100..100) from recommend 0..10; CSAT top-2-box, % of 4-5
-- on satisfaction 1..5; CES 2.0 from effort 1..7 (7 = very easy): mean and % easy (5-7);
-- the same weighted to the customer base by channel (the weight column).
-- Then the three analyses over the summaries: control charts (the monthly NPS against
-- the first quarter, Denver's weekly dip), a fair league table of the stores' last four
-- weeks (shrunk NPS, funnel flags), and the key drivers of recommend among the five
-- attribute ratings, whose true order the sample data know (the section checks it).

\set ON_ERROR_STOP on
\pset footer off
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS csm;
RESET client_min_messages;
SET TimeZone = 'UTC';           -- sample answers are in UTC; days are UTC days

\echo
\echo '== Overall, 2025 ================================================================'
\echo
SELECT responses,
       rating_count(rec)                                     AS "n NPS",
       round(nps(rec)::numeric, 1)                           AS "NPS",
       round(csat_top2(sat)::numeric, 1)                     AS "CSAT top-2 %",
       round(ces_avg(eff)::numeric, 2)                       AS "CES mean",
       round(ces_easy_pct(eff, 'agreement')::numeric, 1)     AS "CES % easy"
FROM (SELECT count(*) AS responses, rating_agg(recommend) AS rec,
             rating_agg(satisfaction) AS sat, rating_agg(effort) AS eff
      FROM sample.feedback) s;

\echo
\echo '== NPS by month =================================================================='
\echo
SELECT to_char(month, 'YYYY-MM')                AS month,
       rating_count(r)                          AS n,
       round(nps(r)::numeric, 1)                AS "NPS",
       round(promoter_pct(r)::numeric, 1)       AS "promoters %",
       round(passive_pct(r)::numeric, 1)        AS "passives %",
       round(detractor_pct(r)::numeric, 1)      AS "detractors %"
FROM (SELECT date_trunc('month', answered_at) AS month, rating_agg(recommend) AS r
      FROM sample.feedback GROUP BY 1) m
ORDER BY month;

\echo
\echo '== Stores ranked by NPS =========================================================='
\echo
SELECT rank() OVER (ORDER BY nps(recommend) DESC)    AS rank,
       store,
       count(recommend)                             AS n,
       round(nps(recommend)::numeric, 1)            AS "NPS",
       round(csat_top2(satisfaction)::numeric, 1)   AS "CSAT top-2 %",
       round(ces_avg(effort)::numeric, 2)           AS "CES mean"
FROM sample.feedback
GROUP BY store
ORDER BY rank, store;

\echo
\echo '== By channel ===================================================================='
\echo
SELECT channel,
       rating_count(rec)                                     AS n,
       round(nps(rec)::numeric, 1)                           AS "NPS",
       round(csat_top2(sat)::numeric, 1)                     AS "CSAT top-2 %",
       round(csat_topbox(sat)::numeric, 1)                   AS "CSAT top-box %",
       round(ces_avg(eff)::numeric, 2)                       AS "CES mean",
       round(ces_easy_pct(eff, 'agreement')::numeric, 1)     AS "CES % easy"
FROM (SELECT channel, rating_agg(recommend) AS rec, rating_agg(satisfaction) AS sat,
             rating_agg(effort) AS eff
      FROM sample.feedback GROUP BY channel) c
ORDER BY n DESC;

\echo
\echo '== Weighted to the customer base =================================================='
\echo
\echo 'In-store customers answer less readily than web, app and phone customers: the'
\echo 'weight column post-stratifies the answers to the channels'' shares of customers.'
SELECT channel,
       round(100.0 * count(*) / sum(count(*)) OVER (), 1)   AS "% of answers",
       round(100 * customer_share, 1)                        AS "% of customers",
       round(min(weight)::numeric, 3)                        AS weight
FROM sample.feedback JOIN sample.channel USING (channel)
GROUP BY channel, customer_share
ORDER BY customer_share DESC;

\echo
\echo 'The figures counted once per answer, and weighted (design-based 95% intervals, as'
\echo 'R''s survey package: Wald for the NPS, logit for the share, t for the mean):'
SELECT figure, unweighted, weighted
FROM (SELECT rating_agg(recommend) AS r, rating_agg(recommend, weight) AS rw,
             rating_agg(satisfaction) AS s, rating_agg(satisfaction, weight) AS sw,
             rating_agg(effort) AS e, rating_agg(effort, weight) AS ew
      FROM sample.feedback) x,
     LATERAL (VALUES
       (1, 'answers (NPS)', rating_count(r)::text, rating_count(rw)::text),
       (2, 'effective n (Kish)', rating_count(r)::text, round(effective_n(rw)::numeric)::text),
       (3, 'design effect', '1', round(design_effect(rw)::numeric, 3)::text),
       (4, 'NPS', round(nps(r)::numeric, 1)::text, round(nps(rw)::numeric, 1)::text),
       (5, 'NPS 95% interval',
           (SELECT format('%s to %s', round(lower::numeric, 1), round(upper::numeric, 1)) FROM nps_ci(r, 0.95, 'wald')),
           (SELECT format('%s to %s', round(lower::numeric, 1), round(upper::numeric, 1)) FROM nps_ci(rw))),
       (6, 'CSAT top-2 %', round(csat_top2(s)::numeric, 1)::text, round(csat_top2(sw)::numeric, 1)::text),
       (7, 'CSAT top-2 95% interval',
           (SELECT format('%s to %s', round(lower::numeric, 1), round(upper::numeric, 1)) FROM csat_top2_ci(s)),
           (SELECT format('%s to %s', round(lower::numeric, 1), round(upper::numeric, 1)) FROM csat_top2_ci(sw))),
       (8, 'CES mean', round(ces_avg(e)::numeric, 2)::text, round(ces_avg(ew)::numeric, 2)::text),
       (9, 'CES mean 95% interval',
           (SELECT format('%s to %s', round(lower::numeric, 2), round(upper::numeric, 2)) FROM ces_avg_ci(e)),
           (SELECT format('%s to %s', round(lower::numeric, 2), round(upper::numeric, 2)) FROM ces_avg_ci(ew))),
       (10, 'CES % easy', round(ces_easy_pct(e, 'agreement')::numeric, 1)::text,
            round(ces_easy_pct(ew, 'agreement')::numeric, 1)::text)) f(k, figure, unweighted, weighted)
ORDER BY k;

\echo
\echo '== Two steps: daily summaries per store, rolled up later ========================='
\echo
\echo 'CREATE MATERIALIZED VIEW sample.feedback_daily: rating_agg() per day and store'
SET client_min_messages = warning;
DROP MATERIALIZED VIEW IF EXISTS sample.feedback_daily;
RESET client_min_messages;
CREATE MATERIALIZED VIEW sample.feedback_daily AS
    SELECT answered_at::date           AS day,
           store,
           rating_agg(recommend)       AS recommend,
           rating_agg(satisfaction)    AS satisfaction,
           rating_agg(effort)          AS effort
    FROM sample.feedback
    GROUP BY 1, 2;
CREATE UNIQUE INDEX ON sample.feedback_daily (day, store);
ANALYZE sample.feedback_daily;

SELECT count(*) AS "summary rows",
       (SELECT count(*) FROM sample.feedback) AS "response rows",
       rollup(recommend)::text = (SELECT rating_agg(recommend)::text FROM sample.feedback)
           AS "rollup = direct aggregate"
FROM sample.feedback_daily;

\echo
\echo 'A few summaries (rating:count):'
SELECT day, store, recommend, satisfaction, effort
FROM sample.feedback_daily
WHERE day = date '2025-12-20' AND store IN ('Denver', 'Fresno', 'Portland')
ORDER BY store;

\echo
\echo 'NPS per store and quarter, from rollup() of the daily summaries:'
SELECT store,
       rating_count(rollup(recommend))                                                AS n,
       round(nps(rollup(recommend) FILTER (WHERE day <  date '2025-04-01'))::numeric, 1) AS "Q1",
       round(nps(rollup(recommend) FILTER (WHERE day >= date '2025-04-01'
                                             AND day <  date '2025-07-01'))::numeric, 1) AS "Q2",
       round(nps(rollup(recommend) FILTER (WHERE day >= date '2025-07-01'
                                             AND day <  date '2025-10-01'))::numeric, 1) AS "Q3",
       round(nps(rollup(recommend) FILTER (WHERE day >= date '2025-10-01'))::numeric, 1) AS "Q4",
       round(nps(rollup(recommend))::numeric, 1)                                      AS "2025"
FROM sample.feedback_daily
GROUP BY store
ORDER BY store;

\echo
\echo '== Rolling 30-day NPS (last day of each month) ==================================='
\echo
\echo 'nps(rollup(recommend) OVER (ORDER BY day ROWS 29 PRECEDING)) over a per-day rollup;'
\echo 'Denver: the same over its own days (RANGE 29 days, as a store can miss a day).'
SELECT day,
       n_30d                            AS "n (30 days)",
       round(nps_30d::numeric, 1)       AS "NPS 30 days",
       round(denver_30d::numeric, 1)    AS "Denver NPS 30 days"
FROM (SELECT day,
             rating_count(rollup(recommend) OVER w)   AS n_30d,
             nps(rollup(recommend) OVER w)            AS nps_30d
      FROM (SELECT day, rollup(recommend) AS recommend
            FROM sample.feedback_daily GROUP BY day) d
      WINDOW w AS (ORDER BY day ROWS 29 PRECEDING)) everyone
LEFT JOIN
     (SELECT day,
             nps(rollup(recommend) OVER (ORDER BY day RANGE BETWEEN interval '29 days' PRECEDING
                                                            AND CURRENT ROW)) AS denver_30d
      FROM sample.feedback_daily WHERE store = 'Denver') denver USING (day)
WHERE day = (date_trunc('month', day) + interval '1 month - 1 day')::date
ORDER BY day;

\echo
\echo '== Monitoring: control charts over the months and weeks ==========================='
\echo
\echo 'The monthly NPS of 2025 against a baseline of its first quarter (nps_baseline over'
\echo 'January-March, from rollup() of the daily summaries): Shewhart limits at 3 standard errors'
\echo 'at each month''s own n (control_limits), and the EWMA of the months'' z-scores (lambda 0.2,'
\echo 'exact limits, ewma_chart).  The question it answers: is the year''s rise real, or noise?'
WITH monthly AS (
    SELECT date_trunc('month', day)::date AS month, rollup(recommend) AS recommend
    FROM sample.feedback_daily GROUP BY 1),
baseline AS (
    SELECT nps_baseline(recommend ORDER BY month) AS b
    FROM monthly WHERE month < date '2025-04-01')
SELECT to_char(month, 'YYYY-MM')                 AS month,
       rating_count(recommend)                   AS n,
       round(nps::numeric, 1)                    AS "NPS",
       round((c).lower::numeric, 1)              AS lower,
       round((c).centre::numeric, 1)             AS centre,
       round((c).upper::numeric, 1)              AS upper,
       round((c).z::numeric, 2)                  AS z,
       (c).signal                                AS "Shewhart",
       round((e).ewma::numeric, 2)               AS "EWMA",
       round((e).upper::numeric, 2)              AS "EWMA limit (+/-)",
       (e).signal                                AS "EWMA signal"
FROM (SELECT month, recommend, nps(recommend),
             control_limits(recommend, b) AS c,
             ewma_chart(recommend, b) OVER (ORDER BY month) AS e
      FROM monthly, baseline) m
ORDER BY month;
\echo 'Every month from March is above the quarter''s limits, and the EWMA signals from May: the'
\echo 'rise is real.  It had begun inside the baseline (March, itself a baseline month, is above).'
\echo 'A stable stretch makes the better baseline (docs/monitoring.md); a year that rises'
\echo 'throughout has none, so the chart is read against where the year started.'

\echo
\echo 'Denver, week by week (ISO weeks, from rollup() of its daily summaries), against a baseline'
\echo 'of its first 20 weeks (to mid-May, before its summer problem):'
SET client_min_messages = warning;
DROP TABLE IF EXISTS pg_temp.denver_weeks;
RESET client_min_messages;
CREATE TEMP TABLE denver_weeks AS
WITH weekly AS (
    SELECT date_trunc('week', day)::date AS week, rollup(recommend) AS recommend
    FROM sample.feedback_daily WHERE store = 'Denver' GROUP BY 1),
baseline AS (
    SELECT nps_baseline(recommend ORDER BY week) AS b
    FROM weekly WHERE week < date '2025-05-19')
SELECT week, b, rating_count(recommend) AS n, nps(recommend),
       control_limits(recommend, b) AS c,
       ewma_chart(recommend, b) OVER w AS e,
       cusum_chart(recommend, b) OVER w AS cu,
       run_rules(recommend, b) OVER w AS rr
FROM weekly, baseline
WINDOW w AS (ORDER BY week);

SELECT DISTINCT (b).periods AS "baseline weeks", (b).answers AS answers,
       round((b).centre::numeric, 1) AS centre, round(sqrt((b).variance)::numeric, 1) AS "SD per answer"
FROM denver_weeks;

SELECT week                                      AS "week of",
       n,
       round(nps::numeric, 1)                    AS "NPS",
       round((c).lower::numeric, 1)              AS lower,
       round((c).upper::numeric, 1)              AS upper,
       round((c).z::numeric, 2)                  AS z,
       (c).signal                                AS "Shewhart",
       round((e).ewma::numeric, 2)               AS "EWMA",
       (e).signal                                AS "EWMA signal",
       round((cu).lower_sum::numeric, 1)         AS "CUSUM C-",
       (cu).signal                               AS "CUSUM signal",
       (rr).runs_signal                          AS "run rules"
FROM denver_weeks
WHERE week BETWEEN date '2025-05-19' AND date '2025-09-29'
ORDER BY week;

\echo 'The weeks each chart signals, over the whole year:'
SELECT chart, signal, count(*) AS weeks, min(week) AS first, max(week) AS last
FROM denver_weeks,
     LATERAL (VALUES (1, 'Shewhart', (c).signal), (2, 'EWMA', (e).signal), (3, 'CUSUM', (cu).signal),
                     (4, 'run rules', CASE WHEN (rr).runs_signal THEN 'shift' ELSE 'none' END)) s(k, chart, signal)
WHERE signal <> 'none'
GROUP BY k, chart, signal
ORDER BY k, first;
\echo 'The Shewhart chart sees the dip week by week; the EWMA and the CUSUM accumulate it, and,'
\echo 'not restarted after a signal, go on signalling after the recovery in September.  Late in'
\echo 'the year Denver rises above its spring level, with every store.'
\echo
\echo '== Fair league table: the stores over the last four weeks ========================='
\echo
\echo 'December 4-31: 112 to 565 answers a store, few enough for chance to move a raw ranking.'
\echo 'nps_prior() fits a Dirichlet prior across the 24 stores'' summaries (rollup() of their daily'
\echo 'ones); nps_shrunk() is each store''s posterior NPS with its 95% credible interval;'
\echo 'nps_funnel() flags a store whose raw NPS is outside the funnel limits around the pooled NPS'
\echo 'at its own n, at 95% and 99.8%, and at 99.8% widened by the overdispersion phi'
\echo '(docs/ranking.md).'
SET client_min_messages = warning;
DROP TABLE IF EXISTS pg_temp.store_4weeks;
RESET client_min_messages;
CREATE TEMP TABLE store_4weeks AS
SELECT store, rollup(recommend) AS s
FROM sample.feedback_daily WHERE day >= date '2025-12-04'
GROUP BY store;

SELECT groups AS stores, round(prior_mean::numeric, 1) AS "prior NPS",
       round((alpha_promoter + alpha_passive + alpha_detractor)::numeric, 1) AS "prior weight (answers)",
       round(overdispersion::numeric, 4) AS rho, round(target::numeric, 1) AS "pooled NPS",
       round(phi::numeric, 2) AS phi, full_pooling
FROM (SELECT (nps_prior(s)).* FROM store_4weeks) p;

SELECT rank() OVER (ORDER BY (sh).estimate DESC)     AS "rank shrunk",
       rank() OVER (ORDER BY nps DESC)               AS "rank raw",
       store,
       rating_count(s)                              AS n,
       round(nps::numeric, 1)                       AS "NPS",
       round((sh).estimate::numeric, 1)             AS shrunk,
       format('%s to %s', round((sh).lower::numeric, 1), round((sh).upper::numeric, 1)) AS "95% credible",
       (f95).flag                                   AS "funnel 95%",
       (f998).flag                                  AS "funnel 99.8%",
       (fphi).flag                                  AS "99.8% with phi"
FROM (SELECT store, s, nps(s), nps_shrunk(s, prior) AS sh,
             nps_funnel(s, prior, 0.95) AS f95,
             nps_funnel(s, prior) AS f998,
             nps_funnel(s, prior, 0.998, true) AS fphi
      FROM store_4weeks, (SELECT nps_prior(s) AS prior FROM store_4weeks) p) t
ORDER BY 1, store;

SELECT count(*) FILTER (WHERE raw_rank <> shrunk_rank) AS "stores whose rank moves",
       max(abs(raw_rank - shrunk_rank)) AS "largest move (places)",
       round(max(abs(nps - shrunk))::numeric, 1) AS "largest shift (points)",
       (array_agg(store ORDER BY abs(nps - shrunk) DESC))[1] AS "shifted most",
       round(max(abs(year_nps - year_shrunk))::numeric, 1) AS "over the whole year: largest shift"
FROM (SELECT store, nps(s), nps_shrunk_estimate(s, prior) AS shrunk,
             rank() OVER (ORDER BY nps(s) DESC) AS raw_rank,
             rank() OVER (ORDER BY nps_shrunk_estimate(s, prior) DESC) AS shrunk_rank
      FROM store_4weeks, (SELECT nps_prior(s) AS prior FROM store_4weeks) p) t
JOIN (SELECT store, nps(s) AS year_nps, nps_shrunk_estimate(s, prior) AS year_shrunk
      FROM (SELECT store, rollup(recommend) AS s FROM sample.feedback_daily GROUP BY store) y,
           (SELECT nps_prior(s) AS prior
            FROM (SELECT rollup(recommend) AS s FROM sample.feedback_daily GROUP BY store) g) p) y
USING (store);
\echo 'Shrinkage pulls the smallest stores most: Madison (112 answers) and Fresno (145) move by'
\echo '7 and 9 points, and Fresno is no longer last.  The funnel flags Portland, Madison and Columbus'
\echo 'above and Fresno and Newark below at 99.8%; with the stores'' real spread (phi) allowed for,'
\echo 'Portland above and Fresno and Newark below remain.  Over the whole year (1,200 to 4,800'
\echo 'answers a store) shrinkage changes little.'
\echo
\echo '== Key drivers of recommend: the attribute block ================================='
\echo
\echo 'The sample''s true drivers are known, so this section checks itself: recommend is built'
\echo 'from five experiences of the visit with the weights staff 0.55, speed 0.45, product 0.35,'
\echo 'cleanliness 0.20 and price 0.10 (sample/feedback.sql), and the 1..10 ratings of them carry'
\echo 'a halo and noise, as real ratings do.  The true share is each weight''s square over their sum:'
\echo 'what the experiences themselves would get.  key_drivers() over driver_agg(recommend,'
\echo 'ARRAY[staff, speed, product, cleanliness, price]): Johnson''s relative weights, and the'
\echo 'Shapley value (LMG) beside them; performance is the attribute''s mean rating.'
SET client_min_messages = warning;
DROP TABLE IF EXISTS pg_temp.attribute_drivers;
RESET client_min_messages;
CREATE TEMP TABLE attribute_drivers AS
SELECT d.*, truth.weight AS true_weight, s.share AS shapley
FROM (SELECT driver_agg(recommend, ARRAY[staff, speed, product, cleanliness, price]) AS s
      FROM sample.feedback) t,
     key_drivers(t.s, ARRAY['staff', 'speed', 'product', 'cleanliness', 'price']) d
JOIN key_drivers(t.s, ARRAY['staff', 'speed', 'product', 'cleanliness', 'price'], 'shapley') s
  USING (position)
JOIN (VALUES ('staff', 0.55), ('speed', 0.45), ('product', 0.35), ('cleanliness', 0.20),
             ('price', 0.10)) truth(attribute, weight) ON truth.attribute = d.attribute;

SELECT rank() OVER (ORDER BY share DESC)                           AS rank,
       attribute,
       true_weight                                                 AS "true weight",
       round(100 * true_weight ^ 2 / sum(true_weight ^ 2) OVER (), 1) AS "true share %",
       round(importance::numeric, 4)                               AS importance,
       round(share::numeric, 1)                                    AS "share %",
       round(shapley::numeric, 1)                                  AS "Shapley %",
       round(signed_share::numeric, 1)                             AS "signed %",
       round(correlation::numeric, 3)                              AS correlation,
       round(mean::numeric, 2)                                     AS performance,
       CASE WHEN share >= avg(share) OVER () AND mean < avg(mean) OVER () THEN 'concentrate here'
            WHEN share >= avg(share) OVER () THEN 'keep up the good work'
            WHEN mean < avg(mean) OVER () THEN 'low priority'
            ELSE 'possible overkill' END                           AS quadrant
FROM attribute_drivers
ORDER BY share DESC;

SELECT driver_rows(s) AS "answers used", driver_skipped(s) AS "skipped (a NULL among them)",
       round(driver_r2(s)::numeric, 3) AS "R2",
       CASE WHEN (SELECT array_agg(attribute ORDER BY share DESC) FROM attribute_drivers)
               = (SELECT array_agg(attribute ORDER BY true_weight DESC) FROM attribute_drivers)
            THEN 'yes' ELSE 'NO' END AS "relative weights in the true order",
       CASE WHEN (SELECT array_agg(attribute ORDER BY shapley DESC) FROM attribute_drivers)
               = (SELECT array_agg(attribute ORDER BY true_weight DESC) FROM attribute_drivers)
            THEN 'yes' ELSE 'NO' END AS "Shapley in the true order"
FROM (SELECT driver_agg(recommend, ARRAY[staff, speed, product, cleanliness, price]) AS s
      FROM sample.feedback) t;

\echo 'Importance-performance quadrant (split at the averages of both axes, docs/drivers.md):'
SELECT format('fix first: %s (high importance, performance below the average of %s)',
              string_agg(attribute, ', ' ORDER BY share DESC) FILTER (WHERE quadrant = 'concentrate here'),
              round(avg(mean)::numeric, 2)) AS reading
FROM (SELECT attribute, share, mean,
             CASE WHEN share >= avg(share) OVER () AND mean < avg(mean) OVER () THEN 'concentrate here'
                  ELSE 'other' END AS quadrant
      FROM attribute_drivers) q;
\echo 'The stores do better on some attributes than on others (sample/feedback.sql), so the'
\echo 'quadrant has a known answer too: speed matters much and is rated lowest.  R2 is low, as in'
\echo 'real surveys: recommend also'
\echo 'carries the person, chance and the odd bad incident.  Price''s rating is mostly halo, and'
\echo 'the regression uses it to take the halo out of the other four (a suppressor): its signed'
\echo 'share is negative, and it drives little either way.'

\echo
\echo '== SERVQUAL study (sample.servqual_answers): gap per dimension ===================='
\echo
SELECT round(tangibles::numeric, 2) AS tangibles, round(reliability::numeric, 2) AS reliability,
       round(responsiveness::numeric, 2) AS responsiveness, round(assurance::numeric, 2) AS assurance,
       round(empathy::numeric, 2) AS empathy, round(overall::numeric, 2) AS overall,
       round((servqual(s, 11, 32, 22, 19, 16)).weighted::numeric, 2) AS "weighted 11/32/22/19/16"
FROM (SELECT servqual_agg(item, perception, expectation) AS s FROM sample.servqual_answers) x,
     LATERAL servqual(s);

\echo
\echo '== Kano study (sample.kano_answers): features by category ========================='
\echo
SELECT feature, category, round(better::numeric, 2) AS better, round(worse::numeric, 2) AS worse,
       fong_significant AS "significant (Fong)"
FROM (SELECT feature, (kano(functional, dysfunctional)).* FROM sample.kano_answers GROUP BY feature) k
ORDER BY category, better DESC;
