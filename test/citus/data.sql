-- test/citus/data.sql: the answers every check reads, twice on the
-- coordinator: answers_local, a plain table (the oracle), and answers,
-- distributed by account_id (the same rows, copied from answers_local).
-- Deterministic (hashint4 of the row number), so every run and every
-- major sees the same rows.
--
-- The gap sums are double-double; every perception and expectation is a
-- half point and every weight one of five decimals, as in a real survey, so
-- each sum is exact in double-double and the distributed sums, combined in
-- another order, must equal the local ones to the last bit.  The survey
-- weights of the weighted ratings are quarters for the same reason: their
-- squares, summed, stay exact too (a weight such as 0.15 has a 106-bit
-- square, and sums of those round, differently in another order).
SET client_min_messages = warning;

CREATE TABLE answers_local (
	account_id          int NOT NULL,      -- the distribution column on Citus
	id                  int NOT NULL,
	day                 date NOT NULL,
	region              text NOT NULL,
	store               text NOT NULL,
	recommend           int,               -- NPS question, 0..10, 3% NULL
	satisfaction        int,               -- CSAT, 1..5
	effort              int,               -- CES 2.0, 1..7
	perception          double precision,  -- gap models and SERVQUAL, 1..7 in half points, 2% NULL
	expectation         double precision,
	weight              double precision,  -- importance weight
	item                int,               -- SERVQUAL item, 1..22
	feature             text,              -- Kano feature
	functional          int,               -- Kano answers, 1..5
	dysfunctional       int,
	functional_label    text,              -- the same answers as words
	dysfunctional_label text,
	survey_weight       double precision,  -- weighted ratings: 0.25 to 3 in quarters
	PRIMARY KEY (account_id, id)
);

INSERT INTO answers_local
SELECT 1 + h[1] % 40,
       i,
       date '2026-03-01' + (h[2] % 28)::int,
       (ARRAY['north', 'south', 'east', 'west'])[1 + (h[3] % 12) % 4],
       's' || lpad((1 + h[3] % 12)::text, 2, '0'),
       CASE WHEN h[4] % 33 = 0 THEN NULL
            ELSE (ARRAY[0, 1, 2, 3, 4, 5, 5, 6, 6, 7, 7, 7, 8, 8, 8, 9, 9, 9, 10, 10])[1 + h[4] % 20] END,
       (ARRAY[1, 2, 3, 3, 4, 4, 4, 5, 5, 5])[1 + h[5] % 10],
       1 + (h[6] % 7)::int,
       CASE WHEN h[7] % 50 = 0 THEN NULL ELSE 1 + (h[7] % 13) * 0.5 END,
       1 + (h[8] % 13) * 0.5,
       (ARRAY[0.1, 0.15, 0.2, 0.25, 0.3])[1 + h[9] % 5],
       1 + (h[10] % 22)::int,
       'feature ' || (1 + f),
       -- per feature, a typical answer pair (attractive, one-dimensional,
       -- must-be, indifferent, reverse, must-be) 60% of the time
       CASE WHEN h[11] % 10 < 6 THEN (ARRAY[1, 1, 3, 3, 5, 2])[1 + f] ELSE 1 + (h[11] / 10 % 5)::int END,
       CASE WHEN h[11] % 10 < 6 THEN (ARRAY[3, 5, 5, 3, 1, 5])[1 + f] ELSE 1 + (h[12] % 5)::int END,
       NULL, NULL,
       (ARRAY[0.25, 0.5, 0.75, 1, 1, 1.25, 1.5, 2, 2.5, 3])[1 + (h[9] / 5) % 10]
FROM generate_series(1, 24000) i,
     LATERAL (SELECT array_agg(hashint4(i * 16 + k)::bigint + 2147483648 ORDER BY k) AS h
              FROM generate_series(1, 12) k) r,
     LATERAL (SELECT (r.h[10] / 22 % 6)::int AS f) feat;

-- The same answers as words, in the spellings and cases people type.
UPDATE answers_local
SET functional_label = (ARRAY['like', 'Must-be', 'neutral', 'live-with', 'DISLIKE'])[functional],
    dysfunctional_label = (ARRAY['Like', 'expect', 'Neutral', 'tolerate', 'dislike'])[dysfunctional];

CREATE TABLE answers (LIKE answers_local INCLUDING ALL);
SELECT create_distributed_table('answers', 'account_id');
INSERT INTO answers SELECT * FROM answers_local;

-- The rollup tables: two-step summaries by account, day and store (Kano:
-- by feature), co-located with answers; and one-step results by account
-- and day.  Each has a local twin, refreshed by the same statements.
CREATE TABLE daily_local (
	account_id   int NOT NULL,
	day          date NOT NULL,
	store        text NOT NULL,
	recommend    rating_summary NOT NULL,
	satisfaction rating_summary NOT NULL,
	effort       rating_summary NOT NULL,
	gap          gap_summary NOT NULL,
	servqual     servqual_summary NOT NULL,
	weighted     weighted_rating_summary NOT NULL,  -- recommend, by survey_weight
	PRIMARY KEY (account_id, day, store)
);
CREATE TABLE kano_daily_local (
	account_id int NOT NULL,
	day        date NOT NULL,
	feature    text NOT NULL,
	kano       kano_summary NOT NULL,
	PRIMARY KEY (account_id, day, feature)
);
CREATE TABLE metrics_daily_local (
	account_id int NOT NULL,
	day        date NOT NULL,
	nps        double precision,
	nps_ci     nps_interval,
	csi_gap    double precision,
	servqual   servqual_scores,
	kano_class kano_class,          -- over every feature: a one-step enum result
	kano       kano_result,
	PRIMARY KEY (account_id, day)
);
CREATE TABLE daily (LIKE daily_local INCLUDING ALL);
CREATE TABLE kano_daily (LIKE kano_daily_local INCLUDING ALL);
CREATE TABLE metrics_daily (LIKE metrics_daily_local INCLUDING ALL);
SELECT create_distributed_table('daily', 'account_id', colocate_with => 'answers');
SELECT create_distributed_table('kano_daily', 'account_id', colocate_with => 'answers');
SELECT create_distributed_table('metrics_daily', 'account_id', colocate_with => 'answers');

-- A reference table of summaries: one row per region, on every node.
CREATE TABLE benchmarks_local (
	region    text PRIMARY KEY,
	recommend rating_summary NOT NULL,
	gap       gap_summary NOT NULL,
	servqual  servqual_summary NOT NULL,
	kano      kano_summary NOT NULL
);
CREATE TABLE benchmarks (LIKE benchmarks_local INCLUDING ALL);
SELECT create_reference_table('benchmarks');

-- Key drivers: recommend on satisfaction, effort and perception (a NULL in
-- any skips the row), per account, day and store, co-located with answers,
-- and a reference table of them per region.  Their moments are not sums of
-- exact numbers: merged in another order they agree to rounding, and the
-- suite compares them so.
CREATE TABLE drivers_daily_local (
	account_id int NOT NULL,
	day        date NOT NULL,
	store      text NOT NULL,
	drivers    driver_summary NOT NULL,
	weighted   driver_summary NOT NULL,   -- by survey_weight
	PRIMARY KEY (account_id, day, store)
);
CREATE TABLE drivers_daily (LIKE drivers_daily_local INCLUDING ALL);
SELECT create_distributed_table('drivers_daily', 'account_id', colocate_with => 'answers');
CREATE TABLE drivers_benchmarks_local (region text PRIMARY KEY, drivers driver_summary NOT NULL);
CREATE TABLE drivers_benchmarks (LIKE drivers_benchmarks_local INCLUDING ALL);
SELECT create_reference_table('drivers_benchmarks');

ANALYZE;

-- Monitoring: per account and day, the periods a control chart reads
-- (ratings, plain and weighted), co-located with answers; and each
-- account's baselines over its first two weeks, computed on the
-- distributed periods (INSERT ... SELECT, pushed down) and locally.
CREATE TABLE periods_local (
	account_id    int NOT NULL,
	day           date NOT NULL,
	recommend     rating_summary,
	satisfaction  rating_summary,
	effort        rating_summary,
	w_recommend   weighted_rating_summary,
	w_satisfaction weighted_rating_summary,
	w_effort      weighted_rating_summary,
	PRIMARY KEY (account_id, day)
);
INSERT INTO periods_local
SELECT account_id, day, rating_agg(recommend), rating_agg(satisfaction), rating_agg(effort),
       rating_agg(recommend, survey_weight), rating_agg(satisfaction, survey_weight), rating_agg(effort, survey_weight)
FROM answers_local GROUP BY account_id, day;
CREATE TABLE periods (LIKE periods_local INCLUDING ALL);
SELECT create_distributed_table('periods', 'account_id', colocate_with => 'answers');
INSERT INTO periods SELECT * FROM periods_local;
CREATE TABLE account_baselines_local (
	account_id int PRIMARY KEY,
	nps        control_baseline,
	csat       control_baseline,
	ces        control_baseline,
	w_nps      control_baseline
);
CREATE TABLE account_baselines (LIKE account_baselines_local INCLUDING ALL);
SELECT create_distributed_table('account_baselines', 'account_id', colocate_with => 'answers');
INSERT INTO account_baselines_local
SELECT account_id, nps_baseline(recommend ORDER BY day), share_baseline(satisfaction ORDER BY day),
       mean_baseline(effort, 7 ORDER BY day), nps_baseline(w_recommend ORDER BY day)
FROM periods_local WHERE day < date '2026-03-15' GROUP BY account_id;
INSERT INTO account_baselines
SELECT account_id, nps_baseline(recommend ORDER BY day), share_baseline(satisfaction ORDER BY day),
       mean_baseline(effort, 7 ORDER BY day), nps_baseline(w_recommend ORDER BY day)
FROM periods WHERE day < date '2026-03-15' GROUP BY account_id;

ANALYZE;
