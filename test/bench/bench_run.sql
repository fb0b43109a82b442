-- test/bench/bench_run.sql: times every query of bench_query in every mode
-- of bench_mode and prints the comparisons of bench_cmp (bench_setup.sql).
--
-- Every query runs inside one DO block that takes clock_timestamp() around
-- EXECUTE: server-side parse + plan + execution, without the client or the
-- protocol, and without EXPLAIN ANALYZE's per-node instrumentation.  Round 0
-- is a warm-up; then :runs rounds run every query in every mode in turn
-- (interleaved, so drift hits all alike), kept in arrays so that the
-- transaction writes nothing while it times.  Then EXPLAIN tells, per query
-- and mode, what JIT did.
CREATE TEMP TABLE bench_time (id int, mode text, run int, ms float8);
CREATE TEMP TABLE bench_jit (id int, mode text, jit text);
DO $$
DECLARE
    runs   int := current_setting('bench.runs')::int;
    ids    int[] := '{}';
    modes  text[] := '{}';
    nrun   int[] := '{}';
    mss    float8[] := '{}';
    q      record;
    m      record;
    t0     timestamptz;
    t1     timestamptz;
BEGIN
    FOR r IN 0 .. runs LOOP
        FOR m IN SELECT * FROM bench_mode ORDER BY ord LOOP
            FOR q IN SELECT * FROM bench_query ORDER BY id LOOP
                PERFORM pg_temp.apply_mode(m.mode, q.parallel);
                t0 := clock_timestamp();
                EXECUTE q.sql;
                t1 := clock_timestamp();
                IF r > 0 THEN
                    ids := ids || q.id;
                    modes := modes || m.mode;
                    nrun := nrun || r;
                    mss := mss || 1000 * extract(epoch FROM t1 - t0)::float8;
                END IF;
            END LOOP;
        END LOOP;
    END LOOP;
    INSERT INTO bench_time SELECT * FROM unnest(ids, modes, nrun, mss);
    FOR m IN SELECT * FROM bench_mode LOOP
        FOR q IN SELECT * FROM bench_query LOOP
            PERFORM pg_temp.apply_mode(m.mode, q.parallel);
            INSERT INTO bench_jit VALUES (q.id, m.mode, pg_temp.jit_used(q.sql));
        END LOOP;
    END LOOP;
END
$$;
RESET max_parallel_workers_per_gather;

\echo
SELECT format('PostgreSQL %s, %s rows, median of %s rounds per query and mode',
              current_setting('server_version'), to_char(:rows, 'FM999,999,999'), :runs) AS "benchmark";

CREATE TEMP VIEW bench_median AS
SELECT q.label, t.mode, percentile_cont(0.5) WITHIN GROUP (ORDER BY t.ms) AS ms, j.jit
FROM bench_query q JOIN bench_time t USING (id) JOIN bench_jit j ON j.id = q.id AND j.mode = t.mode
GROUP BY q.label, t.mode, j.jit;

SELECT m.mode, c.query, to_char(q.ms, 'FM999990.0') AS "ms", q.jit,
       c.baseline, to_char(b.ms, 'FM999990.0') AS "baseline ms", b.jit AS "baseline jit",
       to_char(q.ms / b.ms, 'FM990.000') AS ratio,
       CASE WHEN c.target IS NULL THEN ''
            WHEN c.target >= 1 THEN '<= ' || to_char(c.target, 'FM0.00')
            ELSE '>= ' || to_char(1 / c.target, 'FM0.00') || 'x faster' END AS goal,
       CASE WHEN c.target IS NULL THEN ''
            WHEN q.ms / b.ms <= c.target THEN 'PASS' ELSE 'MISS' END AS result
FROM bench_cmp c CROSS JOIN bench_mode m
JOIN bench_median q ON q.label = c.query AND q.mode = m.mode
JOIN bench_median b ON b.label = c.baseline AND b.mode = m.mode
ORDER BY m.ord, c.id;
