-- Data the client tests query (the README's small feedback table).
DROP TABLE IF EXISTS feedback, daily, daily_back;
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
