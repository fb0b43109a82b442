-- Distribution readiness, asserted from the catalog.  Citus (and any
-- partial-aggregation planner: parallel query, partitionwise aggregation)
-- splits an aggregate across workers only when it has a combine function
-- and a transition state that is a real type whose text form round-trips
-- (Citus moves states as text; 14+ also in binary).  Every csm aggregate
-- must meet these conditions, so they cannot regress, except the ones
-- whose result depends on the order of their input (the monitoring
-- baselines and charts): their state type merges with nothing (it has no
-- rollup()), so they have neither a combine function nor an inverse, by
-- design, and run where their input is ordered.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS csm;
RESET client_min_messages;

CREATE TEMP VIEW csm_aggregates AS
SELECT a.*, p.oid::regprocedure AS agg, p.proparallel, t.typname, t.typinput, t.typoutput,
       t.typreceive, t.typsend,
       NOT EXISTS (SELECT FROM pg_proc r JOIN pg_aggregate ra ON ra.aggfnoid = r.oid
                   WHERE r.proname = 'rollup' AND r.proargtypes[0] = a.aggtranstype) AS ordered
FROM pg_aggregate a
JOIN pg_proc p ON p.oid = a.aggfnoid
JOIN pg_type t ON t.oid = a.aggtranstype
JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'csm';

SELECT count(*) > 0 AS has_aggregates FROM csm_aggregates;

-- Each line below is a violation; none may appear.
SELECT agg, 'no combine function' AS violation FROM csm_aggregates WHERE aggcombinefn = 0 AND NOT ordered
UNION ALL
SELECT agg, 'an order-dependent aggregate with a combine function' FROM csm_aggregates
WHERE aggcombinefn <> 0 AND ordered
UNION ALL
SELECT agg, 'transition state is internal' FROM csm_aggregates WHERE aggtranstype = 'internal'::regtype
UNION ALL
SELECT agg, 'state type lacks text or binary I/O' FROM csm_aggregates
WHERE typinput = 0 OR typoutput = 0 OR typreceive = 0 OR typsend = 0
UNION ALL
SELECT agg, 'not PARALLEL SAFE' FROM csm_aggregates WHERE proparallel <> 's'
UNION ALL
SELECT agg, 'no initial state (needs NULL-state handling)' FROM csm_aggregates WHERE agginitval IS NULL
UNION ALL
SELECT agg, 'final function may modify the state (blocks state sharing)' FROM csm_aggregates
WHERE aggfinalfn <> 0 AND aggfinalmodify <> 'r'
UNION ALL
SELECT agg, 'no moving-aggregate inverse' FROM csm_aggregates WHERE aggminvtransfn = 0 AND NOT ordered
UNION ALL
SELECT agg, 'state type is not csm''s own' FROM csm_aggregates
WHERE typname NOT LIKE '%\_summary'
ORDER BY 1, 2;

-- The order-dependent aggregates, by state type.
SELECT typname, count(*) AS ordered_aggregates FROM csm_aggregates WHERE ordered GROUP BY 1;

-- The text form of every state type round-trips: the initial state, and
-- a non-trivial value per type.
SELECT typname, agginitval, count(*) AS aggregates FROM csm_aggregates
GROUP BY 1, 2 ORDER BY 1;
DO $$
DECLARE r record; v text;
BEGIN
  FOR r IN SELECT DISTINCT typname, agginitval FROM csm_aggregates LOOP
    EXECUTE format('SELECT %L::%I::text', r.agginitval, r.typname) INTO v;
    IF v IS DISTINCT FROM r.agginitval THEN
      RAISE EXCEPTION 'initial state % of % reads back as %', r.agginitval, r.typname, v;
    END IF;
  END LOOP;
END $$;
SELECT s::text::rating_summary = s AS rating_summary_text_round_trip
FROM (SELECT rating_agg(x) AS s FROM generate_series(0, 10) x) t;
-- A driver_summary's text keeps every double to 17 digits and both parts
-- of each mean: Citus 12 moves its partial states as that text.
SELECT s::text::driver_summary = s AS driver_summary_text_round_trip,
       s::text = s::text::driver_summary::text AS driver_summary_text_canonical
FROM (SELECT driver_agg(x / 7.0, ARRAY[x / 3.0, sqrt(x), 1e6 + x / 11.0]) AS s FROM generate_series(1, 100) x) t;
SELECT s::text::control_summary = s AS control_summary_text_round_trip
FROM (SELECT control_nps_baseline_step('{}', rating_agg(x)) AS s FROM generate_series(0, 10) x) t;
SELECT l::text::league_summary = l AS league_summary_text_round_trip
FROM (SELECT nps_league(s) AS l FROM (VALUES ('{3:1,9:2}'::rating_summary), ('{10:1}'), ('{}')) v(s)) t;
