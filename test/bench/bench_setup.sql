-- test/bench/bench_setup.sql: what the benchmarks share before their data
-- and queries (\i'd by ratings.sh and weighted.sh).  Needs the psql
-- variables :runs and :modes.
--
-- The executor modes a user meets:
--   default  jit = on with PostgreSQL's default thresholds
--   off      jit = off: the interpreted executor
--   inline   jit = on, every JIT threshold 0: compiled, optimised, inlined
SET bench.runs = :runs;
SET bench.modes = :'modes';

CREATE TEMP TABLE bench_mode (mode text PRIMARY KEY, ord int, settings text[]);
INSERT INTO bench_mode VALUES
 ('default', 1, (SELECT array_agg(name || '=' || boot_val) FROM pg_settings
                 WHERE name IN ('jit', 'jit_above_cost', 'jit_inline_above_cost', 'jit_optimize_above_cost'))),
 ('off',     2, '{jit=off}'),
 ('inline',  3, '{jit=on,jit_above_cost=0,jit_inline_above_cost=0,jit_optimize_above_cost=0}');
DELETE FROM bench_mode WHERE mode <> ALL (string_to_array(current_setting('bench.modes'), ' '));

-- The settings of a mode for the rest of the transaction, with parallel
-- workers or not.
CREATE FUNCTION pg_temp.apply_mode(m text, parallel bool) RETURNS void LANGUAGE plpgsql AS $$
DECLARE kv text;
BEGIN
    FOREACH kv IN ARRAY (SELECT settings FROM bench_mode WHERE mode = m) LOOP
        PERFORM set_config(split_part(kv, '=', 1), split_part(kv, '=', 2), true);
    END LOOP;
    PERFORM set_config('max_parallel_workers_per_gather', CASE WHEN parallel THEN '2' ELSE '0' END, true);
END $$;

-- What EXPLAIN says JIT did: "-" nothing, else jit[+opt][+inl].
CREATE FUNCTION pg_temp.jit_used(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE plan json; j json;
BEGIN
    EXECUTE 'EXPLAIN (ANALYZE, TIMING OFF, SUMMARY OFF, FORMAT JSON) ' || q INTO plan;
    j := plan -> 0 -> 'JIT';
    IF j IS NULL THEN RETURN '-'; END IF;
    RETURN 'jit' || CASE WHEN (j -> 'Options' ->> 'Optimization')::bool THEN '+opt' ELSE '' END
                 || CASE WHEN (j -> 'Options' ->> 'Inlining')::bool THEN '+inl' ELSE '' END;
END $$;

-- A score 0..10 from a uniform u in [0, 1), with a realistic NPS
-- distribution: about 40% promoters and 23% detractors.
CREATE FUNCTION pg_temp.realistic_score(u float8) RETURNS int LANGUAGE sql IMMUTABLE AS $$
SELECT (ARRAY[0,0, 1, 2,2, 3,3, 4,4,4, 5,5,5,5,5, 6,6,6,6,6,6,6,6,
              7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,
              8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,
              9,9,9,9,9,9,9,9,9,9,9,9,9,9,9,9,9,9,9,9,
              10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10])[1 + floor(u * 100)::int]
$$;

-- The caller fills these: the queries, and what is compared with what
-- (ratio = median(query) / median(baseline), PASS when ratio <= target).
CREATE TEMP TABLE bench_query (
    id        int PRIMARY KEY,
    label     text NOT NULL UNIQUE,
    sql       text NOT NULL,
    parallel  bool NOT NULL DEFAULT false   -- max_parallel_workers_per_gather 2, else 0
);
CREATE TEMP TABLE bench_cmp (id int, query text, baseline text, target float8);
