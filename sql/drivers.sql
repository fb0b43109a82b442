-- Key drivers: driver_summary, driver_agg() and what is read from it
-- (issue 21; definitions docs/metrics.md §10, worked examples §9.12).
-- Expected values: a six-row example worked by hand in exact fractions
-- (below, and docs/metrics.md §9.12); relaimpo's published lmg figures and
-- R's lm() and cov.wt() on R's swiss data (the 47 rows are inlined);
-- frequency weights checked against the replicated rows; windows,
-- parallel plans and rollups checked against a fresh aggregation.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS csm;
RESET client_min_messages;
SET extra_float_digits = 0;

-- An error's SQLSTATE and message, in one line.
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE q;
  RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE || ': ' || SQLERRM;
END $$;

-- ---- a worked example ---------------------------------------------------
-- y 3 5 4 8 6 9, x1 1 2 2 4 3 5, x2 2 1 3 3 5 4.  By hand: means 35/6,
-- 17/6, 3; co-moments C_yy = 231 - 35^2/6 = 161/6, C_y1 = 116 - 17*35/6 =
-- 101/6, C_y2 = 113 - 105 = 8, C_11 = 59 - 17^2/6 = 65/6, C_12 = 57 - 51 =
-- 6, C_22 = 64 - 54 = 10.
CREATE TABLE ex (id int, y float8, x1 float8, x2 float8);
INSERT INTO ex VALUES (1, 3, 1, 2), (2, 5, 2, 1), (3, 4, 2, 3), (4, 8, 4, 3), (5, 6, 3, 5), (6, 9, 5, 4);
CREATE TABLE ex_s AS SELECT driver_agg(y, ARRAY[x1, x2]) AS s FROM ex;
SELECT driver_rows(s), driver_skipped(s), driver_attributes(s) FROM ex_s;
SELECT round((j -> 'means' ->> 0)::numeric, 12) AS mean_y, round((j -> 'means' ->> 1)::numeric, 12) AS mean_x1,
       round((j -> 'means' ->> 2)::numeric, 12) AS mean_x2, j -> 'weight_total' AS w
FROM (SELECT s::jsonb AS j FROM ex_s) t;
-- Correlations: r_y1 = 101 / sqrt(161 * 65) = 0.987305957155, r_y2 = 8 /
-- sqrt(161/6 * 10) = 0.488374156534, r_12 = 6 / sqrt(65/6 * 10) =
-- 0.576461353698.
SELECT i, j, round(r::numeric, 12) AS r
FROM ex_s, LATERAL unnest(driver_correlations(s)) WITH ORDINALITY u(r, k),
     LATERAL (SELECT (k - 1) / 3 AS i, (k - 1) % 3 AS j) ij
ORDER BY k;
-- OLS: b = C_xx^-1 c_xy = (361/217, -43/217) = (1.663594470046,
-- -0.198156682028), intercept 35/6 - b . (17/6, 3) = 12/7; R^2 = b . c_xy /
-- C_yy = 34397/34937 = 0.984543607064; sigma^2 = (C_yy - b . c_xy) / 3 =
-- 540/3906; se and t as R's lm() gives them (1.38249e-1, 1.43894e-1).
SELECT round(driver_r2(s)::numeric, 12) AS r2, round((34397.0 / 34937)::numeric, 12) AS by_hand FROM ex_s;
SELECT term, round(estimate::numeric, 10) AS estimate, round(std_error::numeric, 10) AS std_error,
       round(t_value::numeric, 8) AS t_value, round(p_value::numeric, 8) AS p_value, se_basis
FROM ex_s, driver_regression(s, ARRAY['x1', 'x2']);
SELECT round((361.0 / 217)::numeric, 10) AS b1, round((-43.0 / 217)::numeric, 10) AS b2,
       round((12.0 / 7)::numeric, 10) AS intercept;
-- Importances.  With two attributes LMG (Shapley) is (r_y1^2 + R^2 -
-- r_y2^2) / 2 = 0.860403671664 and (r_y2^2 + R^2 - r_y1^2) / 2 =
-- 0.124139935400, and Johnson's relative weights give the same (a known
-- identity at p = 2); shares 87.391118635 % and 12.608881365 %, the second
-- signed - (its coefficient is negative).
SELECT method, attribute, position, round(importance::numeric, 12) AS importance,
       round(share::numeric, 9) AS share, round(signed_share::numeric, 9) AS signed_share,
       round(correlation::numeric, 12) AS correlation, round(mean::numeric, 12) AS mean
FROM ex_s, unnest(ARRAY['relative_weights', 'shapley']) method,
     key_drivers(s, ARRAY['speed', 'price'], method)
ORDER BY method, position;
SELECT round(((101.0^2 / (161 * 65)) + 34397.0 / 34937 - 64.0 / (161.0 / 6 * 10)) / 2, 12) AS lmg_x1_by_hand;
-- Defaults: relative weights, positions as names.
SELECT attribute, position, round(importance::numeric, 12) FROM ex_s, key_drivers(s);
SELECT attribute FROM ex_s, key_drivers(s, ARRAY['speed', NULL]);
-- Cronbach's alpha of (x1, x2): 2 (1 - (65/6 + 10) / (65/6 + 10 + 2*6)) =
-- 144/197 = 0.730964467005; standardized 2 r / (1 + r) = 0.731335852092.
SELECT round(alpha::numeric, 12) AS alpha, round(standardized_alpha::numeric, 12) AS standardized,
       items, n, round(144.0 / 197, 12) AS by_hand
FROM ex_s, cronbach_alpha(s);

-- ---- R's swiss data ------------------------------------------------------
-- Fertility on Agriculture, Examination, Education, Catholic,
-- Infant.Mortality (datasets::swiss, as R prints it).
CREATE TABLE swiss (id serial, fertility float8, agriculture float8, examination float8,
                    education float8, catholic float8, infant_mortality float8);
INSERT INTO swiss (fertility, agriculture, examination, education, catholic, infant_mortality) VALUES
  (80.2, 17, 15, 12, 9.96, 22.2),
  (83.1, 45.1, 6, 9, 84.84, 22.2),
  (92.5, 39.7, 5, 5, 93.4, 20.2),
  (85.8, 36.5, 12, 7, 33.77, 20.3),
  (76.9, 43.5, 17, 15, 5.16, 20.6),
  (76.1, 35.3, 9, 7, 90.57, 26.6),
  (83.8, 70.2, 16, 7, 92.85, 23.6),
  (92.4, 67.8, 14, 8, 97.16, 24.9),
  (82.4, 53.3, 12, 7, 97.67, 21),
  (82.9, 45.2, 16, 13, 91.38, 24.4),
  (87.1, 64.5, 14, 6, 98.61, 24.5),
  (64.1, 62, 21, 12, 8.52, 16.5),
  (66.9, 67.5, 14, 7, 2.27, 19.1),
  (68.9, 60.7, 19, 12, 4.43, 22.7),
  (61.7, 69.3, 22, 5, 2.82, 18.7),
  (68.3, 72.6, 18, 2, 24.2, 21.2),
  (71.7, 34, 17, 8, 3.3, 20),
  (55.7, 19.4, 26, 28, 12.11, 20.2),
  (54.3, 15.2, 31, 20, 2.15, 10.8),
  (65.1, 73, 19, 9, 2.84, 20),
  (65.5, 59.8, 22, 10, 5.23, 18),
  (65, 55.1, 14, 3, 4.52, 22.4),
  (56.6, 50.9, 22, 12, 15.14, 16.7),
  (57.4, 54.1, 20, 6, 4.2, 15.3),
  (72.5, 71.2, 12, 1, 2.4, 21),
  (74.2, 58.1, 14, 8, 5.23, 23.8),
  (72, 63.5, 6, 3, 2.56, 18),
  (60.5, 60.8, 16, 10, 7.72, 16.3),
  (58.3, 26.8, 25, 19, 18.46, 20.9),
  (65.4, 49.5, 15, 8, 6.1, 22.5),
  (75.5, 85.9, 3, 2, 99.71, 15.1),
  (69.3, 84.9, 7, 6, 99.68, 19.8),
  (77.3, 89.7, 5, 2, 100, 18.3),
  (70.5, 78.2, 12, 6, 98.96, 19.4),
  (79.4, 64.9, 7, 3, 98.22, 20.2),
  (65, 75.9, 9, 9, 99.06, 17.8),
  (92.2, 84.6, 3, 3, 99.46, 16.3),
  (79.3, 63.1, 13, 13, 96.83, 18.1),
  (70.4, 38.4, 26, 12, 5.62, 20.3),
  (65.7, 7.7, 29, 11, 13.79, 20.5),
  (72.7, 16.7, 22, 13, 11.22, 18.9),
  (64.4, 17.6, 35, 32, 16.92, 23),
  (77.6, 37.6, 15, 7, 4.97, 20),
  (67.6, 18.7, 25, 7, 8.65, 19.5),
  (35, 1.2, 37, 53, 42.34, 18),
  (44.7, 46.6, 16, 29, 50.43, 18.2),
  (42.8, 27.7, 22, 29, 58.33, 19.3);
CREATE TABLE swiss_s AS
SELECT driver_agg(fertility, ARRAY[agriculture, examination, education, catholic, infant_mortality]) AS s,
       driver_agg(fertility, ARRAY[agriculture, examination, education, catholic, infant_mortality],
                  1 + id % 3) AS w
FROM swiss;
-- relaimpo 2.2-7, calc.relimp(lm(Fertility ~ ., swiss), type = "lmg")
-- (Groemping 2006, the calc.relimp help page): R^2 0.706735001593; lmg
-- 0.0570912207681, 0.1711730289002, 0.2601346786244, 0.1055701503735,
-- 0.1127659229265.  Published to 12-13 digits: agreement within 1e-12.
SELECT attribute, round(importance::numeric, 10) AS lmg,
       abs(importance - (ARRAY[0.0570912207681, 0.1711730289002, 0.2601346786244,
                               0.1055701503735, 0.1127659229265])[position]) < 1e-12 AS as_published
FROM swiss_s, key_drivers(s, ARRAY['Agriculture', 'Examination', 'Education', 'Catholic', 'Infant.Mortality'],
                          'shapley');
SELECT abs(driver_r2(s) - 0.706735001593) < 1e-12 AS r2_as_published,
       abs((SELECT sum(importance) FROM key_drivers(s, method => 'shapley')) - driver_r2(s)) < 1e-14
         AS importances_sum_to_r2
FROM swiss_s;
-- ... weighted, w = 1 + (row %% 3) (relaimpo's weighted example): R^2
-- 0.694332891423; lmg 0.0518208063017, 0.1549452302086, 0.2559770835712,
-- 0.1019573530969, 0.1296324182449.
SELECT position, abs(importance - (ARRAY[0.0518208063017, 0.1549452302086, 0.2559770835712,
                                         0.1019573530969, 0.1296324182449])[position]) < 1e-12 AS as_published
FROM swiss_s, key_drivers(w, method => 'shapley');
SELECT abs(driver_r2(w) - 0.694332891423) < 1e-12 AS weighted_r2_as_published FROM swiss_s;
-- Johnson's relative weights as the Python package relativeImp 0.0.2 gives
-- them: 0.048416895812, 0.154708249806, 0.271964104646, 0.114680029948,
-- 0.116965721381.
SELECT position, abs(importance - (ARRAY[0.048416895812, 0.154708249806, 0.271964104646,
                                         0.114680029948, 0.116965721381])[position]) < 1e-11 AS as_published
FROM swiss_s, key_drivers(s);
-- R 4.2, summary(lm(Fertility ~ ., swiss))$coefficients, to 17 digits:
-- agreement to a relative 1e-12 (p-values 1e-10).
CREATE TABLE swiss_lm (term text, estimate float8, se float8, t float8, p float8, weighted boolean);
INSERT INTO swiss_lm VALUES
  ('(intercept)', 66.91518167896869329, 10.706037585330440365, 6.2502285411977994, 1.9060512879269924e-07, false),
  ('1', -0.17211397094145539, 0.070303923178648128, -2.4481417701839971, 1.8727154385175502e-02, false),
  ('2', -0.25800823983472415, 0.253878200892098560, -1.0162677966367852, 3.1546172314372584e-01, false),
  ('3', -0.87094006293942372, 0.183028601571258914, -4.7584915989227987, 2.4306045907379241e-05, false),
  ('4', 0.10411533074376744, 0.035257852536168949, 2.9529685801754848, 5.1900785451659557e-03, false),
  ('5', 1.07704814069098798, 0.381719650858071302, 2.8215684947575559, 7.3357153206014721e-03, false),
-- ... and lm(Fertility ~ ., swiss, weights = 1 + (1:47 %% 3)):
  ('(intercept)', 65.9653005835404826, 10.7956404134789867, 6.11036474512239, 3.01387820705796e-07, true),
  ('1', -0.1729052802095558, 0.0704145526852623, -2.45553331826739, 1.83958669474596e-02, true),
  ('2', -0.3355016740074671, 0.2653138392319247, -1.26454645177475, 2.13175192206438e-01, true),
  ('3', -0.9157773823307014, 0.1917048628798717, -4.77701696542020, 2.29124209696870e-05, true),
  ('4', 0.0990418448491151, 0.0349434148148014, 2.83434934376141, 7.09544296566569e-03, true),
  ('5', 1.2291766660458203, 0.3858726087338168, 3.18544679830781, 2.76164778249632e-03, true);
SELECT l.weighted, r.se_basis, count(*) AS terms,
       bool_and(abs(r.estimate / l.estimate - 1) < 1e-12 AND abs(r.std_error / l.se - 1) < 1e-12
                AND abs(r.t_value / l.t - 1) < 1e-12 AND abs(r.p_value / l.p - 1) < 1e-10) AS as_r
FROM swiss_s, LATERAL (SELECT false AS weighted, * FROM driver_regression(s)
                       UNION ALL SELECT true, * FROM driver_regression(w)) r
JOIN swiss_lm l ON l.term = r.term AND l.weighted = r.weighted
GROUP BY 1, 2 ORDER BY 1;
-- R: cov.wt(swiss, wt = w / sum(w), cor = TRUE)$cor: Fertility with
-- Agriculture 0.345107718238211, with Examination -0.614815433603822,
-- Agriculture with Examination -0.691440422226149.
SELECT abs(c[1][2] - 0.345107718238211) < 1e-14 AND abs(c[1][3] + 0.614815433603822) < 1e-14
       AND abs(c[2][3] + 0.691440422226149) < 1e-14 AND c[2][1] = c[1][2] AS as_cov_wt
FROM (SELECT driver_correlations(w) AS c FROM swiss_s) t;

-- ---- weights are frequency weights ----------------------------------------
-- A row of weight k is k identical rows: the moments and everything read
-- from them agree with the replicated rows (the t and p values aside: lm
-- counts rows, not weights, for its degrees of freedom).
CREATE TABLE swiss_rep AS
SELECT driver_agg(fertility, ARRAY[agriculture, examination, education, catholic, infant_mortality]) AS s
FROM swiss, generate_series(1, 1 + id % 3);
SELECT driver_rows(w) AS rows, driver_rows(r.s) AS replicated_rows,
       abs(driver_r2(w) - driver_r2(r.s)) < 1e-13 AS same_r2,
       (SELECT max(abs(a - b)) < 1e-13 FROM unnest(driver_correlations(w), driver_correlations(r.s)) u(a, b)) AS same_correlations,
       (SELECT bool_and(abs(a.importance - b.importance) < 1e-13)
        FROM key_drivers(w) a JOIN key_drivers(r.s) b USING (position)) AS same_importances
FROM swiss_s, swiss_rep r;

-- ---- NULLs and skipped rows -------------------------------------------------
-- A NULL outcome, array or element skips the row, counted; so do a NULL or
-- zero weight.  The first array fixes p even when its row is skipped.
SELECT s, driver_rows(s), driver_skipped(s)
FROM (SELECT driver_agg(y, x) AS s
      FROM (VALUES (1.0, ARRAY[1.0, 2.0]), (NULL, ARRAY[2.0, 3.0]), (3.0, ARRAY[NULL, 1.0]),
                   (4.0, NULL), (2.0, ARRAY[4.0, 4.0])) v(y, x)) t;
SELECT driver_rows(s), driver_skipped(s), s::jsonb -> 'weighted' AS weighted
FROM (SELECT driver_agg(y, x, w) AS s
      FROM (VALUES (1.0, ARRAY[1.0], 2.0), (2.0, ARRAY[3.0], NULL), (3.0, ARRAY[2.0], 0.0), (5.0, ARRAY[1.0], 1.0)) v(y, x, w)) t;
-- No row at all gives NULL, as sum() does; rows all skipped give a
-- summary that says so, p unknown while no array was seen.
SELECT driver_agg(y, ARRAY[y]) IS NULL AS no_rows FROM ex WHERE false;
SELECT driver_agg(y, NULL) AS all_skipped, driver_attributes(driver_agg(y, NULL)) FROM ex;
SELECT driver_agg(NULL, ARRAY[x1, x2]) AS skipped_with_p FROM ex;
-- Not strict: NULL state and row arguments of the transition function.
SELECT driver_accum(NULL, 1, ARRAY[2.0]) AS first_row;

-- ---- degenerate data: the table of docs/drivers.md ---------------------------
-- No rows used: every figure NULL, counts and names still there.
SELECT driver_r2(s) IS NULL AS r2, driver_correlations(s) IS NULL AS correlations,
       (SELECT bool_and(importance IS NULL AND share IS NULL AND correlation IS NULL AND mean IS NULL)
        FROM key_drivers(s)) AS importances,
       (SELECT bool_and(estimate IS NULL) FROM driver_regression(s)) AS regression,
       (cronbach_alpha(s)).alpha IS NULL AS alpha
FROM (SELECT driver_agg(NULL, ARRAY[x1, x2]) AS s FROM ex) t;
-- p + 1 rows (here 3 rows, 2 attributes): the model fits exactly with no
-- residual degree of freedom; importances NULL (relaimpo refuses), the
-- coefficients as lm() gives them, their standard errors NULL.
SELECT round(driver_r2(s)::numeric, 12) AS r2,
       (SELECT bool_and(importance IS NULL AND share IS NULL) FROM key_drivers(s)) AS importances_null,
       (SELECT string_agg(term || ' ' || round(estimate::numeric, 9) || ' ' || coalesce(std_error::text, 'NULL'), ', ')
        FROM driver_regression(s)) AS regression
FROM (SELECT driver_agg(y, ARRAY[x1, x2]) AS s FROM ex WHERE id <= 3) t;
-- A constant attribute: its correlation NULL, importance 0, coefficient
-- NULL (aliased, lm's NA); the others as without it (r^2 of y on x1 alone,
-- 10201/10465 = 0.974773053034).
SELECT attribute, round(importance::numeric, 12) AS importance, share IS NOT NULL AS has_share,
       correlation IS NULL AS correlation_null
FROM (SELECT driver_agg(y, ARRAY[x1, 7]) AS s FROM ex) t, key_drivers(s) ORDER BY position;
SELECT term, estimate IS NULL AS aliased FROM (SELECT driver_agg(y, ARRAY[x1, 7]) AS s FROM ex) t, driver_regression(s);
SELECT round(10201.0 / 10465, 12) AS r2_x1_alone;
-- A constant outcome: R^2, importances and shares NULL; coefficients 0,
-- the intercept the outcome, t and p NULL (an exact fit).
SELECT driver_r2(s) IS NULL AS r2_null,
       (SELECT bool_and(importance IS NULL AND correlation IS NULL) FROM key_drivers(s)) AS importances_null,
       (SELECT string_agg(term || ' ' || estimate || ' ' || coalesce(t_value::text, 'NULL'), ', ')
        FROM driver_regression(s)) AS regression
FROM (SELECT driver_agg(5, ARRAY[x1, x2]) AS s FROM ex) t;
-- Collinear attributes (x3 = x1 + x2): R^2 of the span, the importance
-- shared, summing to R^2; the dependent column aliased as lm() does.
SELECT round(driver_r2(s)::numeric, 12) AS r2,
       (SELECT round(sum(importance)::numeric, 12) FROM key_drivers(s)) AS sum_rw,
       (SELECT round(sum(importance)::numeric, 12) FROM key_drivers(s, method => 'shapley')) AS sum_shapley,
       (SELECT bool_and(importance > 0) FROM key_drivers(s)) AS all_positive,
       (SELECT string_agg(term, ', ') FROM driver_regression(s) WHERE estimate IS NULL) AS aliased
FROM (SELECT driver_agg(y, ARRAY[x1, x2, x1 + x2]) AS s FROM ex) t;
-- Duplicated attributes share equally.
SELECT position, round(importance::numeric, 12) AS importance
FROM (SELECT driver_agg(y, ARRAY[x1, x1]) AS s FROM ex) t, key_drivers(s, method => 'shapley');
-- Every attribute constant: R^2 0, importances 0, shares NULL.
SELECT driver_r2(s) AS r2, (SELECT bool_and(importance = 0 AND share IS NULL) FROM key_drivers(s)) AS zero
FROM (SELECT driver_agg(y, ARRAY[1.0, 2.0]) AS s FROM ex) t;
-- An exact fit (y = 2 x1 - x2 + 1): R^2 1, standard errors 0, t and p NULL.
SELECT term, round(estimate::numeric, 9) AS estimate, std_error, t_value, p_value
FROM (SELECT driver_agg(2 * x1 - x2 + 1, ARRAY[x1, x2]) AS s FROM ex) t, driver_regression(s);
-- Items whose total is constant (x2 = 10 - x1): alpha NULL; one item:
-- an error (below).
SELECT alpha, standardized_alpha FROM (SELECT driver_agg(y, ARRAY[x1, 10 - x1]) AS s FROM ex) t, cronbach_alpha(s);
-- A summary of no rows at all.
SELECT (SELECT count(*) FROM key_drivers(NULL)) AS of_null, driver_r2('{n:0,skipped:0,p:0}') IS NULL AS r2,
       cronbach_alpha('{n:0,skipped:0,p:0}') IS NULL AS alpha,
       (SELECT count(*) FROM key_drivers('{n:0,skipped:0,p:0}')) AS attributes;

-- ---- bad input -----------------------------------------------------------------
SELECT pg_temp.err($$SELECT driver_agg(y, x) FROM (VALUES (1.0, ARRAY[1.0, 2.0]), (2.0, ARRAY[1.0])) v(y, x)$$);
SELECT pg_temp.err($$SELECT driver_agg(1, ARRAY[[1.0, 2.0], [3.0, 4.0]])$$);
SELECT pg_temp.err($$SELECT driver_agg(1, '{}'::float8[])$$);
SELECT pg_temp.err($$SELECT driver_agg(1, array_fill(1.0::float8, ARRAY[33]))$$);
SELECT pg_temp.err($$SELECT driver_agg('NaN', ARRAY[1.0])$$);
SELECT pg_temp.err($$SELECT driver_agg(NULL, ARRAY[1.0, 'Infinity'])$$);
SELECT pg_temp.err($$SELECT driver_agg(1, ARRAY[1.0], -1)$$);
SELECT pg_temp.err($$SELECT driver_agg(1, ARRAY[1.0], 'NaN')$$);
SELECT pg_temp.err($$SELECT driver_agg(1, ARRAY[1.0], 'Infinity')$$);
SELECT pg_temp.err($$SELECT driver_agg(x, ARRAY[x], 1e300) FROM (VALUES (1e10), (-1e10)) v(x)$$);
SELECT pg_temp.err($$SELECT * FROM key_drivers((SELECT s FROM ex_s), ARRAY['a'])$$);
SELECT pg_temp.err($$SELECT * FROM key_drivers((SELECT s FROM ex_s), ARRAY[['a', 'b']])$$);
SELECT pg_temp.err($$SELECT * FROM key_drivers((SELECT s FROM ex_s), method => 'lmg')$$);
SELECT pg_temp.err($$SELECT * FROM key_drivers((SELECT driver_agg(1, array_fill(1.0::float8, ARRAY[17])) FROM ex), method => 'shapley')$$);
SELECT pg_temp.err($$SELECT cronbach_alpha(driver_agg(y, ARRAY[x1])) FROM ex$$);
SELECT pg_temp.err($$SELECT (SELECT s FROM ex_s) + (SELECT driver_agg(y, ARRAY[x1]) FROM ex)$$);
\set VERBOSITY sqlstate
SELECT * FROM key_drivers((SELECT driver_agg(1, array_fill(1.0::float8, ARRAY[20])) FROM ex), method => 'shapley');
\set VERBOSITY default
-- 32 attributes are fine for relative weights.
SELECT (SELECT count(*) FROM key_drivers(s)) AS attributes,
       abs((SELECT sum(importance) FROM key_drivers(s)) - driver_r2(s)) < 1e-13 AS sums_to_r2
FROM (SELECT driver_agg(y + r, ARRAY(SELECT ((id * k + k * k * r) % 7 + k)::float8 FROM generate_series(1, 32) k)) AS s
      FROM ex, generate_series(1, 8) r) t;

-- ---- the text form and its rules ---------------------------------------------------
-- Every double to 17 digits, means as double-double pairs: it round-trips.
SELECT s::text::driver_summary = s AS round_trip, s::text = s::text::driver_summary::text AS canonical FROM swiss_s;
SELECT '{ n : 3 , skipped : 1 , p : 1 , weighted : false , w : 3 , means : [ 2 , 4 ] , comoments : [ 2 , 1 , 2 ] }'::driver_summary;
SELECT '{n:2,skipped:0,p:1,weighted:true,w:0.5,means:[0.1+1e-18,4],comoments:[2,1,2]}'::driver_summary;
-- Each rule, named (22P02): counts, p, lengths, finite values, the weight
-- total and the rows, empty summaries, unweighted totals, one row, the
-- diagonal, Cauchy-Schwarz.
SELECT pg_temp.err($$SELECT '{n:-1,skipped:0,p:0}'::driver_summary$$);
SELECT pg_temp.err($$SELECT '{n:0,skipped:0,p:33}'::driver_summary$$);
SELECT pg_temp.err($$SELECT '{n:2,skipped:0,p:0}'::driver_summary$$);
SELECT pg_temp.err($$SELECT '{n:3,skipped:0,p:1,weighted:false,w:3,means:[2,4,5],comoments:[2,1,2]}'::driver_summary$$);
SELECT pg_temp.err($$SELECT '{n:3,skipped:0,p:1,weighted:false,w:3,means:[2,4],comoments:[2,1]}'::driver_summary$$);
SELECT pg_temp.err($$SELECT '{n:3,skipped:0,p:1,weighted:false,w:3,means:[2,1e999],comoments:[2,1,2]}'::driver_summary$$);
SELECT pg_temp.err($$SELECT '{n:3,skipped:0,p:1,weighted:true,w:0,means:[2,4],comoments:[2,1,2]}'::driver_summary$$);
SELECT pg_temp.err($$SELECT '{n:0,skipped:0,p:1,weighted:false,w:0,means:[2,0],comoments:[0,0,0]}'::driver_summary$$);
SELECT pg_temp.err($$SELECT '{n:3,skipped:0,p:1,weighted:false,w:2.5,means:[2,4],comoments:[2,1,2]}'::driver_summary$$);
SELECT pg_temp.err($$SELECT '{n:1,skipped:0,p:1,weighted:false,w:1,means:[2,4],comoments:[0,0,0.5]}'::driver_summary$$);
SELECT pg_temp.err($$SELECT '{n:3,skipped:0,p:1,weighted:false,w:3,means:[2,4],comoments:[2,1,-2]}'::driver_summary$$);
SELECT pg_temp.err($$SELECT '{n:3,skipped:0,p:1,weighted:false,w:3,means:[2,4],comoments:[2,3,2]}'::driver_summary$$);
SELECT pg_temp.err($$SELECT '{n:3,skipped:0,p:1,weighted:false,w:3,means:[2,4]}'::driver_summary$$);
SELECT pg_temp.err($$SELECT '{n:99999999999999999999,skipped:0,p:0}'::driver_summary$$);

-- ---- operators and rollup ---------------------------------------------------------
-- Per-group summaries roll up to the whole: Chan's merge, within 1e-12.
CREATE TEMP TABLE swiss_parts AS
SELECT id % 4 AS part, driver_agg(fertility, ARRAY[agriculture, examination, education, catholic, infant_mortality]) AS s
FROM swiss GROUP BY 1;
SELECT driver_rows(r) AS rows,
       abs(driver_r2(r) - driver_r2(w.s)) < 1e-12 AS same_r2,
       (SELECT max(abs(a - b)) < 1e-12 FROM unnest(driver_correlations(r), driver_correlations(w.s)) u(a, b)) AS same_correlations,
       (SELECT max(abs(a.mean / b.mean - 1)) < 1e-12 FROM key_drivers(r) a JOIN key_drivers(w.s) b USING (position)) AS same_means
FROM (SELECT rollup(s) AS r FROM swiss_parts) p, swiss_s w;
SELECT (SELECT s FROM swiss_parts WHERE part = 0) + (SELECT s FROM swiss_parts WHERE part = 1)
       = (SELECT rollup(s) FROM swiss_parts WHERE part IN (0, 1)) AS plus_is_rollup;
SELECT s = s AS eq, s <> s AS ne, s = w AS weighted_eq, s <> w AS weighted_ne FROM swiss_s;
SELECT '{n:0,skipped:2,p:0}'::driver_summary + '{n:1,skipped:0,p:1,weighted:false,w:1,means:[2,4],comoments:[0,0,0]}' AS fixes_p;
SELECT rollup(s) IS NULL AS rollup_of_nulls FROM (VALUES (NULL::driver_summary)) v(s);
SELECT pg_temp.err($$SELECT rollup(s) FROM (SELECT s FROM ex_s UNION ALL SELECT s FROM swiss_s) t$$);

-- ---- window frames ---------------------------------------------------------------------
-- Moving frames (the inverse removes rows, or declines and the frame is
-- recomputed) agree with aggregating each frame afresh.
CREATE TEMP TABLE frames AS
SELECT id, driver_agg(fertility, ARRAY[agriculture, examination, education], CASE WHEN id % 5 = 0 THEN 2.5 ELSE 1 END)
           OVER (ORDER BY id ROWS BETWEEN 9 PRECEDING AND CURRENT ROW) AS moving,
       (SELECT driver_agg(fertility, ARRAY[agriculture, examination, education], CASE WHEN id % 5 = 0 THEN 2.5 ELSE 1 END)
        FROM swiss b WHERE b.id BETWEEN a.id - 9 AND a.id) AS fresh
FROM swiss a;
SELECT count(*) AS frames,
       count(*) FILTER (WHERE driver_rows(moving) = driver_rows(fresh)
                        AND (moving::jsonb -> 'weighted') = (fresh::jsonb -> 'weighted')) AS same_rows_and_weighting,
       max(abs(driver_r2(moving) - driver_r2(fresh))) < 1e-11 AS same_r2,
       max((SELECT max(abs(a - b)) FROM unnest(driver_correlations(moving), driver_correlations(fresh)) u(a, b))) < 1e-11
         AS same_correlations
FROM frames WHERE id >= 5;
-- NULLs enter and leave frames as skipped rows.
SELECT id, driver_rows(s), driver_skipped(s)
FROM (SELECT id, driver_agg(CASE WHEN id % 3 = 0 THEN NULL ELSE y END, ARRAY[x1]) OVER (ORDER BY id ROWS 2 PRECEDING) AS s
      FROM ex) t ORDER BY id;
-- rollup() over a moving frame: its inverse declines, every frame is
-- merged afresh, and equals the merge of the frame's summaries.
SELECT part, driver_rows(r),
       r = (SELECT rollup(s ORDER BY part) FROM swiss_parts b WHERE b.part BETWEEN a.part - 1 AND a.part) AS same_as_fresh
FROM (SELECT part, s, rollup(s) OVER (ORDER BY part ROWS 1 PRECEDING) AS r FROM swiss_parts) a
ORDER BY part;

-- ---- parallel query ----------------------------------------------------------------------
-- Whole-number scores, so that the shift by 1e6 below is exact.
CREATE TABLE big AS
SELECT i, (i * 7919 % 101)::float8 AS y, (i * 104729 % 97)::float8 AS a, (i * 1299709 % 89)::float8 AS b,
       (i * 15485863 % 83)::float8 AS c
FROM generate_series(1, 60000::bigint) i;
UPDATE big SET y = y + 3 * a - 2 * c;
ANALYZE big;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT driver_agg(y, ARRAY[a, b, c]) FROM big;
SELECT driver_agg(y, ARRAY[a, b, c]) AS par FROM big \gset
RESET max_parallel_workers_per_gather;
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE ser AS SELECT driver_agg(y, ARRAY[a, b, c]) AS s FROM big;
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
SELECT driver_rows(par) AS rows, abs(driver_r2(par) - driver_r2(ser.s)) < 1e-12 AS same_r2,
       (SELECT bool_and(abs(a.importance - b.importance) < 1e-12) FROM key_drivers(par) a JOIN key_drivers(ser.s) b USING (position)) AS same_importances
FROM (SELECT :'par'::driver_summary AS par) p, ser;

-- ---- accuracy: scores far from 0 --------------------------------------------------------
-- Shifted by 1e6 (exact for these scores), every figure but the means is
-- the unshifted one's.
SELECT abs(driver_r2(a) - driver_r2(b)) < 1e-12 AS same_r2,
       (SELECT max(abs(x - y)) < 1e-12 FROM unnest(driver_correlations(a), driver_correlations(b)) u(x, y)) AS same_correlations,
       (SELECT bool_and(abs(k.importance - l.importance) < 1e-12) FROM key_drivers(a) k JOIN key_drivers(b) l USING (position)) AS same_importances
FROM (SELECT driver_agg(y, ARRAY[a, b, c]) AS a, driver_agg(y + 1e6, ARRAY[a + 1e6, b + 1e6, c + 1e6]) AS b FROM big) t;

-- ---- jsonb ---------------------------------------------------------------------------------
SELECT s::jsonb FROM ex_s;
SELECT '{n:0,skipped:3,p:0}'::driver_summary::jsonb AS empty;
