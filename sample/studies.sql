-- sample/studies.sql: a SERVQUAL study and a Kano study for the sample data.
-- Runs after sample/feedback.sql (it uses its md5-based generators, so the
-- data are the same everywhere).  Plain SQL; csm is not needed.
--
-- sample.servqual_answers(respondent, item, expectation, perception): 300
-- respondents x 22 items on 1..7.  Service falls short most in reliability
-- and least in tangibles.
--
-- sample.kano_answers(respondent, feature, functional, dysfunctional): 400
-- respondents x 8 features, each feature with its own mix of categories.

CREATE TABLE sample.servqual_answers (respondent int, item int, expectation int, perception int);
INSERT INTO sample.servqual_answers
SELECT r, i, e,
       greatest(1, least(7, e - shift + floor(sample.sample_uniform('csm-servqual', r * 100 + i, 2) * 3)::int - 1))
FROM generate_series(1, 300) r, generate_series(1, 22) i,
     LATERAL (SELECT 5 + floor(sample.sample_uniform('csm-servqual', r * 100 + i, 1) * 3)::int AS e,
                     CASE WHEN i <= 4 THEN 0              -- tangibles
                          WHEN i <= 9 THEN 1              -- reliability
                          WHEN i <= 13 THEN 1             -- responsiveness
                          WHEN i <= 17 THEN 0             -- assurance
                          ELSE 1 END                      -- empathy
                       + CASE WHEN sample.sample_uniform('csm-servqual', r * 100 + i, 3)
                                   < (ARRAY[0.1, 0.45, 0.1, 0.3, 0.0])[CASE WHEN i <= 4 THEN 1 WHEN i <= 9 THEN 2
                                        WHEN i <= 13 THEN 3 WHEN i <= 17 THEN 4 ELSE 5 END]
                              THEN 1 ELSE 0 END AS shift) g;

CREATE TABLE sample.kano_features (feature text PRIMARY KEY, mix float8[]);   -- A, O, M, I, R, Q
INSERT INTO sample.kano_features VALUES
  ('contactless payment', '{0.08, 0.22, 0.55, 0.12, 0.01, 0.02}'),
  ('loyalty app',         '{0.52, 0.12, 0.05, 0.27, 0.02, 0.02}'),
  ('same-day delivery',   '{0.25, 0.48, 0.12, 0.12, 0.01, 0.02}'),
  ('free Wi-Fi',          '{0.30, 0.10, 0.15, 0.42, 0.01, 0.02}'),
  ('self-checkout',       '{0.18, 0.35, 0.25, 0.14, 0.06, 0.02}'),
  ('personal shopper',    '{0.40, 0.08, 0.04, 0.44, 0.02, 0.02}'),
  ('in-store music',      '{0.08, 0.04, 0.05, 0.60, 0.21, 0.02}'),
  ('receipt by email',    '{0.10, 0.15, 0.38, 0.33, 0.02, 0.02}');

-- Draw a category from the feature's mix, then an answer pair in its cell(s).
CREATE TABLE sample.kano_answers (respondent int, feature text, functional int, dysfunctional int);
INSERT INTO sample.kano_answers
SELECT r, f.feature,
       CASE cat WHEN 1 THEN 1 WHEN 2 THEN 1 WHEN 3 THEN 2 + pick3 WHEN 4 THEN 2 + pick3 WHEN 5 THEN 5 ELSE 1 END,
       CASE cat WHEN 1 THEN 2 + pick3 WHEN 2 THEN 5 WHEN 3 THEN 5 WHEN 4 THEN 2 + pick3b WHEN 5 THEN 1 ELSE 1 END
FROM sample.kano_features f, generate_series(1, 400) r,
     LATERAL (SELECT sample.sample_uniform('csm-kano-' || f.feature, r, 1) AS u,
                     floor(sample.sample_uniform('csm-kano-' || f.feature, r, 2) * 3)::int AS pick3,
                     floor(sample.sample_uniform('csm-kano-' || f.feature, r, 3) * 3)::int AS pick3b) d,
     LATERAL (SELECT min(k) AS cat FROM generate_series(1, 6) k
              WHERE d.u < (SELECT sum(x) FROM unnest(f.mix[1:k]) x)) c;
