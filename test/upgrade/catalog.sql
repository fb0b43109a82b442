-- Every object of the extension csm as the catalogs hold it, one line per
-- object, in an order and a form that do not depend on OIDs: what a fresh
-- install and an update of an older version must agree on, to the letter
-- (test/upgrade/run).  Functions with their flags, costs, defaults and
-- settings; aggregates with their support functions and initial states;
-- types with their I/O, storage and fields or labels; operators; casts;
-- and the comment of each.
WITH member AS (
	SELECT d.classid, d.objid
	FROM pg_depend d JOIN pg_extension e ON d.refobjid = e.oid
	WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e' AND e.extname = 'csm'
)
SELECT line FROM (
	SELECT format('function %s: kind %s, returns %s%s, %s, strict %s, leakproof %s, parallel %s, cost %s, rows %s, language %s, source %s, library %s, config %s, argument names %s, defaults %s, comment %L',
				  p.oid::regprocedure, p.prokind, CASE WHEN p.proretset THEN 'setof ' ELSE '' END,
				  p.prorettype::regtype, p.provolatile, p.proisstrict, p.proleakproof, p.proparallel,
				  p.procost, p.prorows, l.lanname, md5(p.prosrc), p.probin, p.proconfig,
				  p.proargnames, pg_get_expr(p.proargdefaults, 0), obj_description(p.oid, 'pg_proc')) AS line
	FROM member m JOIN pg_proc p ON m.classid = 'pg_proc'::regclass AND p.oid = m.objid
	JOIN pg_language l ON l.oid = p.prolang
	UNION ALL
	SELECT format('aggregate %s: kind %s, transition %s, final %s (extra %s, modify %s), combine %s, serial %s, deserial %s, moving %s inverse %s final %s (extra %s, modify %s), state %s %s, moving state %s %s, initial %L, moving initial %L, sort operator %s',
				  a.aggfnoid::regprocedure, a.aggkind, a.aggtransfn, a.aggfinalfn, a.aggfinalextra, a.aggfinalmodify,
				  a.aggcombinefn, a.aggserialfn, a.aggdeserialfn, a.aggmtransfn, a.aggminvtransfn,
				  a.aggmfinalfn, a.aggmfinalextra, a.aggmfinalmodify, a.aggtranstype::regtype, a.aggtransspace,
				  a.aggmtranstype::regtype, a.aggmtransspace, a.agginitval, a.aggminitval, a.aggsortop::regoper)
	FROM member m JOIN pg_aggregate a ON m.classid = 'pg_proc'::regclass AND a.aggfnoid = m.objid
	UNION ALL
	SELECT format('type %s: type %s, length %s, by value %s, align %s, storage %s, category %s, input %s, output %s, receive %s, send %s, fields %s, labels %s, comment %L',
				  t.oid::regtype, t.typtype, t.typlen, t.typbyval, t.typalign, t.typstorage, t.typcategory,
				  t.typinput, t.typoutput, t.typreceive, t.typsend,
				  (SELECT string_agg(format('%s %s', a.attname, a.atttypid::regtype), ', ' ORDER BY a.attnum)
				   FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped),
				  (SELECT string_agg(e.enumlabel::text, ', ' ORDER BY e.enumsortorder)
				   FROM pg_enum e WHERE e.enumtypid = t.oid),
				  obj_description(t.oid, 'pg_type'))
	FROM member m JOIN pg_type t ON m.classid = 'pg_type'::regclass AND t.oid = m.objid
	UNION ALL
	SELECT format('operator %s: function %s, commutator %s, negator %s, restrict %s, join %s, merges %s, hashes %s, comment %L',
				  o.oid::regoperator, o.oprcode, o.oprcom::regoperator, o.oprnegate::regoperator,
				  o.oprrest, o.oprjoin, o.oprcanmerge, o.oprcanhash, obj_description(o.oid, 'pg_operator'))
	FROM member m JOIN pg_operator o ON m.classid = 'pg_operator'::regclass AND o.oid = m.objid
	UNION ALL
	SELECT format('cast %s: function %s, context %s, method %s, comment %L',
				  pg_describe_object(m.classid, m.objid, 0), c.castfunc::regprocedure, c.castcontext,
				  c.castmethod, obj_description(c.oid, 'pg_cast'))
	FROM member m JOIN pg_cast c ON m.classid = 'pg_cast'::regclass AND c.oid = m.objid
	UNION ALL
	SELECT format('other %s', pg_describe_object(m.classid, m.objid, 0))
	FROM member m
	WHERE m.classid NOT IN ('pg_proc'::regclass, 'pg_type'::regclass, 'pg_operator'::regclass, 'pg_cast'::regclass)
) objects
ORDER BY line;
