-- Data the client tests query: the README's small feedback table and Kano
-- survey (answers the tests restate, to compute expected values by hand), and
-- a daily rollup of the sample data (sample/feedback.sql, loaded first).
DROP TABLE IF EXISTS feedback, daily, daily_back, kano_answers, sample_daily;
CREATE EXTENSION IF NOT EXISTS csm;
CREATE TABLE feedback (answered_at timestamp, store text, recommend int, satisfaction int, effort int);
INSERT INTO feedback VALUES
  ('2026-01-05 10:00', 'Leeds',  9,    5, 7), ('2026-01-05 11:00', 'Leeds', 10,    4, 6),
  ('2026-01-05 12:00', 'York',   3,    2, 3), ('2026-01-06 10:00', 'Leeds',  6,    2, 4),
  ('2026-01-06 11:00', 'Leeds',  8,    4, 5), ('2026-01-06 12:00', 'York',  10,    5, 6),
  ('2026-01-07 12:00', 'York',   7, NULL, 5);
CREATE TABLE daily AS
SELECT answered_at::date AS day, store, rating_agg(recommend) AS recommend FROM feedback GROUP BY 1, 2;
CREATE TABLE daily_back (day date, store text, recommend rating_summary);
CREATE TABLE kano_answers (respondent int, feature text, functional int, dysfunctional int);
INSERT INTO kano_answers VALUES
  (1, 'dark mode', 1, 3), (2, 'dark mode', 1, 4), (3, 'dark mode', 3, 3), (4, 'dark mode', 1, 3),
  (1, 'offline sync', 1, 5), (2, 'offline sync', 1, 5), (3, 'offline sync', 2, 5), (4, 'offline sync', 1, 5),
  (1, 'login', 2, 5), (2, 'login', 3, 5), (3, 'login', 4, 5), (4, 'login', 1, 5),
  (1, 'tips', 3, 3), (2, 'tips', 1, 1), (3, 'tips', 3, 4), (4, 'tips', 5, 1);
-- UTC days, whatever the session's TimeZone
CREATE TABLE sample_daily AS
SELECT (answered_at AT TIME ZONE 'UTC')::date AS day, store, rating_agg(recommend) AS recommend,
       rating_agg(satisfaction) AS satisfaction, rating_agg(effort) AS effort
FROM sample.feedback GROUP BY 1, 2;
