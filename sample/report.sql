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
