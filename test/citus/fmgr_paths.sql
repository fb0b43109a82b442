-- test/citus/fmgr_paths.sql: every csm function that returns kano_class or
-- a row type (composite results and, for the monitoring functions,
-- composite arguments), called as the executor calls it and through
-- fmgr_paths.c:
-- bare_call (an FmgrInfo without fn_expr, as Citus calls final functions)
-- and direct_call (no FmgrInfo, as DirectFunctionCall).
-- One row per call that differs or fails to return; then the functions of
-- that kind no call covers.  Both lists must be empty.  :so is the module.
SET citus.enable_ddl_propagation = off;
CREATE SCHEMA fmgr_paths;
CREATE FUNCTION fmgr_paths.bare_call(regprocedure, VARIADIC "any") RETURNS text
	AS :'so', 'bare_call' LANGUAGE C;
CREATE FUNCTION fmgr_paths.direct_call(regprocedure, VARIADIC "any") RETURNS text
	AS :'so', 'direct_call' LANGUAGE C;
CREATE FUNCTION fmgr_paths.path_call(text, regprocedure, VARIADIC "any") RETURNS text
	AS :'so', 'path_call' LANGUAGE C;
SET search_path = public, fmgr_paths;

CREATE TEMP TABLE calls (fn regprocedure, how text, got text, want text);
CREATE TEMP TABLE s AS
SELECT rating_agg(recommend) AS r, rating_agg(satisfaction) AS c, rating_agg(effort) AS e,
       gap_agg(perception, expectation, weight) AS g, servqual_agg(item, perception, expectation) AS q,
       kano_agg(functional, dysfunctional) AS k, kano_agg(functional, dysfunctional) FILTER (WHERE id % 2 = 0) AS k2,
       rating_agg(recommend, survey_weight) AS wr, rating_agg(satisfaction, survey_weight) AS wc,
       rating_agg(effort, survey_weight) AS we,
       driver_agg(recommend, ARRAY[satisfaction, effort, perception], survey_weight) AS dr
FROM answers_local WHERE feature = 'feature 3';

-- Kano: both paths, every answer pair, words too, and each summary.
INSERT INTO calls
SELECT 'kano_category(integer,integer)', how,
       CASE how WHEN 'bare' THEN bare_call('kano_category(integer,integer)', f, d)
                ELSE direct_call('kano_category(integer,integer)', f, d) END,
       kano_category(f, d)::text
FROM generate_series(1, 5) f, generate_series(1, 5) d, (VALUES ('bare'), ('direct')) h(how);
INSERT INTO calls
SELECT 'kano_category(text,text)', how,
       CASE how WHEN 'bare' THEN bare_call('kano_category(text,text)', fl, dl)
                ELSE direct_call('kano_category(text,text)', fl, dl) END,
       kano_category(fl, dl)::text
FROM unnest(ARRAY['like', 'Must-be', 'neutral', 'live-with', 'DISLIKE']) fl,
     unnest(ARRAY['expect', 'tolerate', 'dislike']) dl, (VALUES ('bare'), ('direct')) h(how);
INSERT INTO calls
SELECT fn::regprocedure, how,
       CASE WHEN how = 'bare' AND nargs = 1 THEN bare_call(fn::regprocedure, k)
            WHEN how = 'bare' THEN bare_call(fn::regprocedure, k, t)
            WHEN nargs = 1 THEN direct_call(fn::regprocedure, k)
            ELSE direct_call(fn::regprocedure, k, t) END,
       CASE fn WHEN 'kano_category(kano_summary,double precision)' THEN kano_category(k, t)::text
               WHEN 'kano_category_final(kano_summary)' THEN kano_category_final(k)::text
               WHEN 'kano_result(kano_summary,double precision)' THEN kano_result(k, t)::text
               WHEN 'kano_result_final(kano_summary)' THEN kano_result_final(k)::text END
FROM (SELECT k FROM s UNION ALL SELECT k2 FROM s) ks(k),
     (VALUES (0::float8), (15::float8)) th(t),
     (VALUES ('kano_category(kano_summary,double precision)', 2), ('kano_category_final(kano_summary)', 1),
             ('kano_result(kano_summary,double precision)', 2), ('kano_result_final(kano_summary)', 1)) f(fn, nargs),
     (VALUES ('bare'), ('direct')) h(how);

-- The other row types: both paths.
INSERT INTO calls
SELECT fn::regprocedure, how, got, want FROM s, (VALUES ('bare'), ('direct')) h(how), LATERAL (VALUES
 ('nps_ci(rating_summary,double precision,text)', path_call(how, 'nps_ci(rating_summary,double precision,text)', r, 0.9::float8, 'score'::text), nps_ci(r, 0.9, 'score')::text),
 ('nps_ci_final(rating_summary)', path_call(how, 'nps_ci_final(rating_summary)', r), nps_ci_final(r)::text),
 ('nps_test(rating_summary,rating_summary,double precision,text)', path_call(how, 'nps_test(rating_summary,rating_summary,double precision,text)', r, c, 0.95::float8, 'wald'::text), nps_test(r, c, 0.95, 'wald')::text),
 ('wilson_interval(bigint,bigint,double precision)', path_call(how, 'wilson_interval(bigint,bigint,double precision)', 7::bigint, 40::bigint, 0.99::float8), wilson_interval(7, 40, 0.99)::text),
 ('csat_top2_ci(rating_summary,integer,double precision)', path_call(how, 'csat_top2_ci(rating_summary,integer,double precision)', c, 5, 0.95::float8), csat_top2_ci(c, 5, 0.95)::text),
 ('csat_topbox_ci(rating_summary,integer,double precision)', path_call(how, 'csat_topbox_ci(rating_summary,integer,double precision)', c, 5, 0.95::float8), csat_topbox_ci(c, 5, 0.95)::text),
 ('ces_easy_ci(rating_summary,text,double precision)', path_call(how, 'ces_easy_ci(rating_summary,text,double precision)', e, 'agreement'::text, 0.95::float8), ces_easy_ci(e, 'agreement', 0.95)::text),
 ('proportion_test(bigint,bigint,bigint,bigint,double precision)', path_call(how, 'proportion_test(bigint,bigint,bigint,bigint,double precision)', 30::bigint, 100::bigint, 45::bigint, 110::bigint, 0.95::float8), proportion_test(30, 100, 45, 110, 0.95)::text),
 ('csat_top2_test(rating_summary,rating_summary,integer,double precision)', path_call(how, 'csat_top2_test(rating_summary,rating_summary,integer,double precision)', c, c + c, 5, 0.95::float8), csat_top2_test(c, c + c, 5, 0.95)::text),
 ('rating_mean_ci(rating_summary,double precision)', path_call(how, 'rating_mean_ci(rating_summary,double precision)', r, 0.95::float8), rating_mean_ci(r, 0.95)::text),
 ('ces_avg_ci(rating_summary,integer,double precision)', path_call(how, 'ces_avg_ci(rating_summary,integer,double precision)', e, 7, 0.95::float8), ces_avg_ci(e, 7, 0.95)::text),
 ('gap_ci(gap_summary,double precision)', path_call(how, 'gap_ci(gap_summary,double precision)', g, 0.95::float8), gap_ci(g, 0.95)::text),
 ('servqual(servqual_summary)', path_call(how, 'servqual(servqual_summary)', q), servqual(q)::text),
 ('servqual(servqual_summary,double precision,double precision,double precision,double precision,double precision)', path_call(how, 'servqual(servqual_summary,double precision,double precision,double precision,double precision,double precision)', q, 20::float8, 30::float8, 20::float8, 15::float8, 15::float8), servqual(q, 20, 30, 20, 15, 15)::text),
 ('servperf(servqual_summary)', path_call(how, 'servperf(servqual_summary)', q), servperf(q)::text),
 ('servperf(servqual_summary,double precision,double precision,double precision,double precision,double precision)', path_call(how, 'servperf(servqual_summary,double precision,double precision,double precision,double precision,double precision)', q, 20::float8, 30::float8, 20::float8, 15::float8, 15::float8), servperf(q, 20, 30, 20, 15, 15)::text),
 ('servqual_final(servqual_summary)', path_call(how, 'servqual_final(servqual_summary)', q), servqual_final(q)::text),
 ('nps_ci(weighted_rating_summary,double precision,text)', path_call(how, 'nps_ci(weighted_rating_summary,double precision,text)', wr, 0.9::float8, 'wald'::text), nps_ci(wr, 0.9, 'wald')::text),
 ('nps_ci_final(weighted_rating_summary)', path_call(how, 'nps_ci_final(weighted_rating_summary)', wr), nps_ci_final(wr)::text),
 ('nps_test(weighted_rating_summary,weighted_rating_summary,double precision,text)', path_call(how, 'nps_test(weighted_rating_summary,weighted_rating_summary,double precision,text)', wr, wc, 0.95::float8, 'wald'::text), nps_test(wr, wc, 0.95, 'wald')::text),
 ('csat_top2_ci(weighted_rating_summary,integer,double precision,text)', path_call(how, 'csat_top2_ci(weighted_rating_summary,integer,double precision,text)', wc, 5, 0.95::float8, 'beta'::text), csat_top2_ci(wc, 5, 0.95, 'beta')::text),
 ('csat_topbox_ci(weighted_rating_summary,integer,double precision,text)', path_call(how, 'csat_topbox_ci(weighted_rating_summary,integer,double precision,text)', wc, 5, 0.95::float8, 'logit'::text), csat_topbox_ci(wc, 5, 0.95, 'logit')::text),
 ('ces_easy_ci(weighted_rating_summary,text,double precision,text)', path_call(how, 'ces_easy_ci(weighted_rating_summary,text,double precision,text)', we, 'agreement'::text, 0.95::float8, 'logit'::text), ces_easy_ci(we, 'agreement', 0.95, 'logit')::text),
 ('csat_top2_test(weighted_rating_summary,weighted_rating_summary,integer,double precision)', path_call(how, 'csat_top2_test(weighted_rating_summary,weighted_rating_summary,integer,double precision)', wc, wc + wc, 5, 0.95::float8), csat_top2_test(wc, wc + wc, 5, 0.95)::text),
 ('rating_mean_ci(weighted_rating_summary,double precision)', path_call(how, 'rating_mean_ci(weighted_rating_summary,double precision)', wr, 0.95::float8), rating_mean_ci(wr, 0.95)::text),
 ('ces_avg_ci(weighted_rating_summary,integer,double precision)', path_call(how, 'ces_avg_ci(weighted_rating_summary,integer,double precision)', we, 7, 0.95::float8), ces_avg_ci(we, 7, 0.95)::text),
 ('cronbach_alpha(driver_summary)', path_call(how, 'cronbach_alpha(driver_summary)', dr), cronbach_alpha(dr)::text)
) v(fn, got, want);

-- Monitoring: the baseline, the limits and the charts' final functions,
-- on states the transition functions build.
CREATE TEMP TABLE m AS
SELECT r, wr, control_nps_baseline_step(control_nps_baseline_step('{}', r), c) AS bs,
       control_ewma_step('{}', r, control_baseline('nps', 10, 80), 0.3, 2.5, 'shewhart') AS es,
       control_cusum_step('{}', r, control_baseline('nps', 10, 80)) AS cs,
       control_runs_step('{}', r, control_baseline('nps', 10, 80)) AS rs
FROM s;
INSERT INTO calls
SELECT fn::regprocedure, how, got, want FROM m, (VALUES ('bare'), ('direct')) h(how),
     LATERAL (SELECT control_baseline_final(bs) AS b) cb, LATERAL (VALUES
 ('control_baseline_final(control_summary)', path_call(how, 'control_baseline_final(control_summary)', bs), control_baseline_final(bs)::text),
 ('control_baseline(text,double precision,double precision,double precision,integer,integer)', path_call(how, 'control_baseline(text,double precision,double precision,double precision,integer,integer)', 'share'::text, 50::float8, 10::float8, 1.5::float8, 1, 5), control_baseline('share', 50, 10, 1.5, 1, 5)::text),
 ('control_limits(rating_summary,control_baseline,double precision,text)', path_call(how, 'control_limits(rating_summary,control_baseline,double precision,text)', r, b, 3::float8, 'laney'::text), control_limits(r, b, 3, 'laney')::text),
 ('control_limits(weighted_rating_summary,control_baseline,double precision,text)', path_call(how, 'control_limits(weighted_rating_summary,control_baseline,double precision,text)', wr, b, 2.5::float8, 'shewhart'::text), control_limits(wr, b, 2.5, 'shewhart')::text),
 ('control_ewma_final(control_summary)', path_call(how, 'control_ewma_final(control_summary)', es), control_ewma_final(es)::text),
 ('control_cusum_final(control_summary)', path_call(how, 'control_cusum_final(control_summary)', cs), control_cusum_final(cs)::text),
 ('control_runs_final(control_summary)', path_call(how, 'control_runs_final(control_summary)', rs), control_runs_final(rs)::text)
) v(fn, got, want);

-- The fair-ranking family: priors fitted from leagues of the rollup table's
-- groups, and each summary's shrunk estimate and funnel under them.
CREATE TEMP TABLE rk AS
SELECT l, sl, ml, nps_prior_final(l) AS p, share_prior_final(sl) AS sp, mean_prior_final(ml) AS mp
FROM (SELECT nps_league(recommend) AS l, share_league(satisfaction) AS sl, mean_league(effort) AS ml
      FROM daily_local) x;
INSERT INTO calls
SELECT fn::regprocedure, how, got, want FROM s, rk, (VALUES ('bare'), ('direct')) h(how), LATERAL (VALUES
 ('nps_prior_final(league_summary)', path_call(how, 'nps_prior_final(league_summary)', l), nps_prior_final(l)::text),
 ('nps_prior(league_summary,text)', path_call(how, 'nps_prior(league_summary,text)', l, 'moments'::text), nps_prior(l, 'moments')::text),
 ('share_prior_final(league_summary)', path_call(how, 'share_prior_final(league_summary)', sl), share_prior_final(sl)::text),
 ('share_prior(league_summary,text)', path_call(how, 'share_prior(league_summary,text)', sl, 'moments'::text), share_prior(sl, 'moments')::text),
 ('mean_prior_final(league_summary)', path_call(how, 'mean_prior_final(league_summary)', ml), mean_prior_final(ml)::text),
 ('mean_prior(league_summary,text)', path_call(how, 'mean_prior(league_summary,text)', ml, 'james-stein'::text), mean_prior(ml, 'james-stein')::text),
 ('nps_shrunk(rating_summary,dirichlet_prior,double precision)', path_call(how, 'nps_shrunk(rating_summary,dirichlet_prior,double precision)', r, p, 0.9::float8), nps_shrunk(r, p, 0.9)::text),
 ('share_shrunk(rating_summary,beta_prior,double precision)', path_call(how, 'share_shrunk(rating_summary,beta_prior,double precision)', c, sp, 0.9::float8), share_shrunk(c, sp, 0.9)::text),
 ('mean_shrunk(rating_summary,normal_prior,double precision)', path_call(how, 'mean_shrunk(rating_summary,normal_prior,double precision)', e, mp, 0.9::float8), mean_shrunk(e, mp, 0.9)::text),
 ('nps_funnel(rating_summary,dirichlet_prior,double precision,boolean,text)', path_call(how, 'nps_funnel(rating_summary,dirichlet_prior,double precision,boolean,text)', r, p, 0.95::float8, true, 'additive'::text), nps_funnel(r, p, 0.95, true, 'additive')::text),
 ('nps_funnel(rating_summary,rating_summary,double precision)', path_call(how, 'nps_funnel(rating_summary,rating_summary,double precision)', r, r + r, 0.998::float8), nps_funnel(r, r + r, 0.998)::text),
 ('share_funnel(rating_summary,beta_prior,double precision,boolean,text)', path_call(how, 'share_funnel(rating_summary,beta_prior,double precision,boolean,text)', c, sp, 0.95::float8, true, 'multiplicative'::text), share_funnel(c, sp, 0.95, true, 'multiplicative')::text),
 ('share_funnel(rating_summary,rating_summary,integer,integer,double precision)', path_call(how, 'share_funnel(rating_summary,rating_summary,integer,integer,double precision)', c, c + c, 2, 5, 0.95::float8), share_funnel(c, c + c, 2, 5, 0.95)::text),
 ('share_funnel(rating_summary,double precision,integer,integer,double precision)', path_call(how, 'share_funnel(rating_summary,double precision,integer,integer,double precision)', c, 60::float8, 1, 5, 0.95::float8), share_funnel(c, 60::float8, 1, 5, 0.95)::text),
 ('mean_funnel(rating_summary,normal_prior,double precision,boolean,text)', path_call(how, 'mean_funnel(rating_summary,normal_prior,double precision,boolean,text)', e, mp, 0.95::float8, false, 'additive'::text), mean_funnel(e, mp, 0.95, false, 'additive')::text),
 ('mean_funnel(rating_summary,rating_summary,double precision)', path_call(how, 'mean_funnel(rating_summary,rating_summary,double precision)', e, e + e, 0.95::float8), mean_funnel(e, e + e, 0.95)::text),
 ('nps_shrunk(weighted_rating_summary,dirichlet_prior,double precision)', path_call(how, 'nps_shrunk(weighted_rating_summary,dirichlet_prior,double precision)', wr, p, 0.9::float8), nps_shrunk(wr, p, 0.9)::text),
 ('share_shrunk(weighted_rating_summary,beta_prior,double precision)', path_call(how, 'share_shrunk(weighted_rating_summary,beta_prior,double precision)', wc, sp, 0.9::float8), share_shrunk(wc, sp, 0.9)::text),
 ('mean_shrunk(weighted_rating_summary,normal_prior,double precision)', path_call(how, 'mean_shrunk(weighted_rating_summary,normal_prior,double precision)', we, mp, 0.9::float8), mean_shrunk(we, mp, 0.9)::text),
 ('nps_funnel(weighted_rating_summary,dirichlet_prior,double precision,boolean,text)', path_call(how, 'nps_funnel(weighted_rating_summary,dirichlet_prior,double precision,boolean,text)', wr, p, 0.95::float8, true, 'additive'::text), nps_funnel(wr, p, 0.95, true, 'additive')::text),
 ('nps_funnel(weighted_rating_summary,weighted_rating_summary,double precision)', path_call(how, 'nps_funnel(weighted_rating_summary,weighted_rating_summary,double precision)', wr, wr + wr, 0.998::float8), nps_funnel(wr, wr + wr, 0.998)::text),
 ('share_funnel(weighted_rating_summary,beta_prior,double precision,boolean,text)', path_call(how, 'share_funnel(weighted_rating_summary,beta_prior,double precision,boolean,text)', wc, sp, 0.95::float8, true, 'multiplicative'::text), share_funnel(wc, sp, 0.95, true, 'multiplicative')::text),
 ('share_funnel(weighted_rating_summary,weighted_rating_summary,integer,integer,double precision)', path_call(how, 'share_funnel(weighted_rating_summary,weighted_rating_summary,integer,integer,double precision)', wc, wc + wc, 2, 5, 0.95::float8), share_funnel(wc, wc + wc, 2, 5, 0.95)::text),
 ('share_funnel(weighted_rating_summary,double precision,integer,integer,double precision)', path_call(how, 'share_funnel(weighted_rating_summary,double precision,integer,integer,double precision)', wc, 60::float8, 1, 5, 0.95::float8), share_funnel(wc, 60::float8, 1, 5, 0.95)::text),
 ('mean_funnel(weighted_rating_summary,normal_prior,double precision,boolean,text)', path_call(how, 'mean_funnel(weighted_rating_summary,normal_prior,double precision,boolean,text)', we, mp, 0.95::float8, false, 'additive'::text), mean_funnel(we, mp, 0.95, false, 'additive')::text),
 ('mean_funnel(weighted_rating_summary,weighted_rating_summary,double precision)', path_call(how, 'mean_funnel(weighted_rating_summary,weighted_rating_summary,double precision)', we, we + we, 0.95::float8), mean_funnel(we, we + we, 0.95)::text)
) v(fn, got, want);

SELECT 'differs: ' || fn || ' (' || how || '): ' || coalesce(got, 'NULL') || ' instead of ' || coalesce(want, 'NULL')
FROM calls WHERE got IS DISTINCT FROM want OR want IS NULL
UNION ALL
SELECT 'not covered: ' || p.oid::regprocedure
FROM pg_proc p
JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
JOIN pg_extension x ON x.oid = d.refobjid AND x.extname = 'csm'
JOIN pg_type t ON t.oid = p.prorettype
-- (set-returning functions, key_drivers() and driver_regression(), are never
-- an aggregate's final function, and need a caller that takes a set)
WHERE p.prokind = 'f' AND NOT p.proretset AND (t.typtype IN ('c', 'e') OR p.prorettype = 'record'::regtype)
  AND p.oid NOT IN (SELECT fn FROM calls)
UNION ALL
SELECT 'not covered without an FmgrInfo: ' || fn FROM calls GROUP BY fn HAVING NOT bool_or(how = 'direct');
SELECT format('%s calls, %s functions', count(*), count(DISTINCT fn)) FROM calls;
