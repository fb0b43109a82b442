-- What a database holds: per relation, the number of rows and the md5 of
-- their text; per stored column of a csm summary type (bare, in an array,
-- or in a composite), the number of values and the md5 of their text and
-- of their binary (send) forms, in a fixed order.  Run before and after an
-- upgrade: the lines must be identical.
SELECT format($q$
  SELECT %L || '|*|rows|' || count(*) || '|' ||
         md5(coalesce(string_agg(t::text, ';' ORDER BY t::text), ''))
  FROM %s t$q$, c.oid::regclass, c.oid::regclass)
FROM pg_class c
WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'm')
ORDER BY 1
\gexec
SELECT format($q$
  SELECT %L || '|' || %L || '|' || %L || '|' || count(v) || '|' ||
         md5(coalesce(string_agg(v::text, ';' ORDER BY k, o), '')) || '|' ||
         md5(coalesce(string_agg(encode(%s(v), 'hex'), ';' ORDER BY k, o), ''))
  FROM (SELECT t::text AS k, u.v, u.o FROM %s t, %s) s$q$,
  c.oid::regclass, a.attname, bt.typname, bt.typsend::regproc, c.oid::regclass,
  CASE WHEN at.typcategory = 'A' THEN format('unnest(t.%I) WITH ORDINALITY AS u(v, o)', a.attname)
       WHEN at.typtype = 'c' THEN format('LATERAL (SELECT (t.%I).%I, 1) AS u(v, o)', a.attname, ca.attname)
       ELSE format('LATERAL (SELECT t.%I, 1) AS u(v, o)', a.attname) END)
FROM pg_class c
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
JOIN pg_type at ON at.oid = a.atttypid
LEFT JOIN pg_attribute ca ON at.typtype = 'c' AND ca.attrelid = at.typrelid AND ca.attnum > 0
JOIN pg_type bt ON bt.oid = CASE WHEN at.typcategory = 'A' THEN at.typelem
                                 WHEN at.typtype = 'c' THEN ca.atttypid ELSE at.oid END
JOIN pg_depend dep ON dep.classid = 'pg_type'::regclass AND dep.objid = bt.oid AND dep.deptype = 'e'
JOIN pg_extension e ON e.oid = dep.refobjid AND e.extname = 'csm'
WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'm') AND bt.typtype = 'b'
ORDER BY 1
\gexec
