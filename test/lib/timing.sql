-- test/lib/timing.sql: server-side timers for the scripts that print what
-- a query costs (\i'd by test/cron/run, test/bench/gap.sh and scale.sh).
-- Each takes clock_timestamp() around EXECUTE inside the server: parse,
-- plan and execution, without the client or the protocol, and without
-- EXPLAIN ANALYZE's per-node instrumentation.  Milliseconds, to 0.1.
--
--   pg_temp.median_ms(sql, runs)  one warm-up run, discarded, then the
--                                 median of RUNS runs: a benchmark's figure
--   pg_temp.best_ms(sql, runs)    the fastest of RUNS runs, no warm-up: a
--                                 quick figure beside a test's result
-- (test/bench/bench_run.sql times whole tables of queries, interleaved.)

CREATE FUNCTION pg_temp.median_ms(sql text, runs int) RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE t timestamptz; times numeric[] := '{}';
BEGIN
  EXECUTE sql;                                      -- warm-up
  FOR i IN 1..runs LOOP
    t := clock_timestamp(); EXECUTE sql;
    times := times || (1000 * extract(epoch FROM clock_timestamp() - t))::numeric;
  END LOOP;
  RETURN round((SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM unnest(times) x)::numeric, 1);
END $$;

CREATE FUNCTION pg_temp.best_ms(sql text, runs int) RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE t timestamptz; best numeric;
BEGIN
  FOR i IN 1..runs LOOP
    t := clock_timestamp(); EXECUTE sql;
    best := least(best, 1000 * extract(epoch FROM clock_timestamp() - t));
  END LOOP;
  RETURN round(best, 1);
END $$;
