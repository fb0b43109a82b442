-- One answer arrives: store it and fold it into the rollup table, atomically.
\set store random(1, 20)
\set days_ago random(0, 29)
\set score random(0, 10)
WITH answer AS (
  INSERT INTO feedback (day, store, score)
  VALUES (date '2026-11-01' - :days_ago, :store, :score)
  RETURNING day, store, score)
INSERT INTO daily AS t (day, store, s)
SELECT day, store, rating_agg(score) FROM answer GROUP BY day, store
ON CONFLICT (day, store) DO UPDATE SET s = t.s + EXCLUDED.s;
