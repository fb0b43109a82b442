-- sample/feedback.sql: a deterministic, realistic sample of customer feedback.
--
-- About 60,000 survey responses from 24 stores over the 12 months of 2025, in
-- sample.feedback.  Plain SQL (csm is not needed), safe to re-run:
--
--     psql -X -f sample/feedback.sql
--
-- Each response answers three questions:
--   recommend     0..10  NPS, "How likely are you to recommend us?"      (~3% NULL)
--   satisfaction  1..5   CSAT, "How satisfied were you?"                 (~2% NULL)
--   effort        1..7   CES 2.0, "We made it easy for me" (7 = easy)    (~5% NULL)
--
-- Four in ten respondents also rate five attributes of their visit, 1..10 (NULL otherwise):
--   staff, speed, product, cleanliness, price
-- Each rating reads an experience of the visit, and those experiences are what the latent
-- attitude (hence recommend) is built from, with known weights: staff 0.55, speed 0.45,
-- product 0.35, cleanliness 0.20, price 0.10 (and 0.568 for the rest of the person, so the
-- attitude keeps unit spread).  The ratings add a halo (one per respondent, shared by the
-- five ratings and unrelated to recommend) and their own noise, as real ratings do.  A
-- key-driver analysis should rank them in that order (sample/report.sql).  The stores do
-- better on some than on others (mean ratings about staff 7.3, speed 5.6, product 6.8,
-- cleanliness 7.5, price 5.9), so the importance-performance quadrant has an answer too:
-- speed matters much and is rated low, the one to fix first.
--
-- and carries a survey weight:
--   weight        post-stratification to the customer base by channel: the channel's share
--                 of customers (sample.channel) over its share of the responses, so the
--                 weights add up to the number of responses (exact numeric arithmetic,
--                 then one rounding to float8)
--
-- Patterns built in (all visible in sample/report.sql):
--   * overall NPS rises through the year, from about +15 in January to +35 in December;
--   * Portland and Madison are clearly strong stores, Newark and Fresno clearly weak;
--   * Denver has a problem in June-August (NPS drops sharply) and recovers in September;
--   * the phone channel is harder work (low CES) and less satisfying; app use grows;
--   * in-store customers answer less readily than web, app and phone customers, so the
--     weights raise the in-store answers (NPS, CSAT and CES move up when weighted);
--   * more responses on Fridays and Saturdays, in November and above all in December;
--   * satisfaction and effort are correlated with recommend (one latent attitude);
--   * staff and speed drive recommend most, price least (the attribute ratings).
--
-- Determinism: no random()/setseed() (their generator differs between PostgreSQL
-- versions).  Every pseudo-random number is derived from md5 of a fixed seed string,
-- the response's slot key and a stream number, and only correctly rounded IEEE
-- float8 arithmetic (+ - * /, floor, comparisons) is used on it, so the data are
-- identical on every version, platform and plan (sample/verify_feedback.py
-- regenerates them in Python, without PostgreSQL, and gets the same checksum).  Timestamps are built in UTC from whole seconds, so
-- they do not depend on the session's TimeZone either (sample/report.sql sets
-- TimeZone to UTC so that days are UTC days).  The check at the end compares an
-- md5 checksum of all rows with the expected value
--     6fc2334e1d427c7c2d864e88a4a6c1a3   (see sample.feedback_checksum())
-- and warns if they differ.

SET client_min_messages = warning;
DROP SCHEMA IF EXISTS sample CASCADE;
CREATE SCHEMA sample;
RESET client_min_messages;

-- A uniform number in [0, 1) from the first 52 bits of md5(seed:i:stream).
CREATE FUNCTION sample.sample_uniform(seed text, i bigint, stream int)
RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT ('x' || substr(md5(seed || ':' || i::text || ':' || stream::text), 1, 13))::bit(52)::bigint
           / 4503599627370496.0::float8
$$;

-- An approximately standard normal number: the Irwin-Hall sum of four 32-bit
-- uniforms taken from one md5, centred and scaled to unit variance.  Only exact
-- arithmetic, so it is as reproducible as sample_uniform.
CREATE FUNCTION sample.sample_normal(seed text, i bigint, stream int)
RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT (  ('x' || substr(md5(seed || ':' || i::text || ':' || stream::text), 1, 8))::bit(32)::bigint
            + ('x' || substr(md5(seed || ':' || i::text || ':' || stream::text), 9, 8))::bit(32)::bigint
            + ('x' || substr(md5(seed || ':' || i::text || ':' || stream::text), 17, 8))::bit(32)::bigint
            + ('x' || substr(md5(seed || ':' || i::text || ':' || stream::text), 25, 8))::bit(32)::bigint)
           / 4294967296.0::float8 * 1.7320508075688772::float8 - 2 * 1.7320508075688772::float8
$$;

CREATE TABLE sample.store (
    store_no   int PRIMARY KEY,
    store      text NOT NULL UNIQUE,
    size       int NOT NULL,           -- relative volume of responses (percent)
    effect     float8 NOT NULL         -- shift of the latent attitude (0..10 scale)
);

INSERT INTO sample.store VALUES
    ( 1, 'Atlanta',       110,  0.05),
    ( 2, 'Austin',         95,  0.20),
    ( 3, 'Baltimore',      70, -0.15),
    ( 4, 'Boston',        125,  0.10),
    ( 5, 'Charlotte',      80,  0.00),
    ( 6, 'Chicago',       180, -0.10),
    ( 7, 'Cleveland',      60, -0.20),
    ( 8, 'Columbus',       75,  0.15),
    ( 9, 'Dallas',        140, -0.05),
    (10, 'Denver',        100,  0.25),   -- the June-August dip, see below
    (11, 'Detroit',        70, -0.25),
    (12, 'Fresno',         55, -1.10),   -- weak
    (13, 'Houston',       150,  0.00),
    (14, 'Kansas City',    65,  0.10),
    (15, 'Los Angeles',   200, -0.05),
    (16, 'Madison',        50,  0.95),   -- strong
    (17, 'Miami',         115, -0.20),
    (18, 'Minneapolis',    90,  0.30),
    (19, 'Nashville',      70,  0.20),
    (20, 'Newark',         85, -1.00),   -- weak
    (21, 'Philadelphia',  130,  0.00),
    (22, 'Phoenix',       105, -0.10),
    (23, 'Portland',       90,  1.00),   -- strong
    (24, 'Seattle',       120,  0.15);

-- The customer base by channel, from sales records: the population the weights restore.
CREATE TABLE sample.channel (
    channel         text PRIMARY KEY,
    customer_share  numeric NOT NULL      -- share of customers (sums to 1)
);

INSERT INTO sample.channel VALUES
    ('in-store', 0.55),
    ('web',      0.22),
    ('app',      0.15),
    ('phone',    0.08);

CREATE TABLE sample.feedback (
    id            bigint PRIMARY KEY,
    answered_at   timestamptz NOT NULL,
    store         text NOT NULL,
    channel       text NOT NULL,
    recommend     smallint CHECK (recommend BETWEEN 0 AND 10),
    satisfaction  smallint CHECK (satisfaction BETWEEN 1 AND 5),
    effort        smallint CHECK (effort BETWEEN 1 AND 7),
    weight        float8 NOT NULL CHECK (weight > 0),  -- post-stratification weight
    -- the attribute block, 1..10, answered by about 40% (all five or none)
    staff         smallint CHECK (staff BETWEEN 1 AND 10),
    speed         smallint CHECK (speed BETWEEN 1 AND 10),
    product       smallint CHECK (product BETWEEN 1 AND 10),
    cleanliness   smallint CHECK (cleanliness BETWEEN 1 AND 10),
    price         smallint CHECK (price BETWEEN 1 AND 10)
);

-- Volume: every (day, store) has 60 candidate slots, each kept with probability
-- lambda/60, so a store-day gets Binomial(60, lambda/60) responses, lambda being
-- its share of 60,000 by store size, weekday and season.  The weights are
-- integers, so their sums are exact and p_keep is one correctly rounded division.
INSERT INTO sample.feedback
WITH params AS (
    SELECT 'csm-sample-2025'::text AS seed, 60000::bigint AS target, 60 AS slots
), days AS (
    SELECT date '2025-01-01' + doy AS day,
           doy,
           doy::float8 / 364 AS t,                              -- 0 .. 1 over the year
           -- weekday (percent): Sunday .. Saturday
           (ARRAY[85, 80, 85, 90, 100, 120, 140])[extract(dow FROM date '2025-01-01' + doy)::int + 1]
           -- season (percent): January .. December
         * (ARRAY[85, 75, 85, 90, 100, 95, 95, 95, 95, 100, 120, 160])
               [extract(month FROM date '2025-01-01' + doy)::int]
           -- the stores close on New Year's Day and Christmas Day: online and phone only
         * CASE WHEN doy IN (0, 358) THEN 15 ELSE 100 END::bigint AS f
    FROM generate_series(0, 364) doy
), totals AS (
    SELECT (SELECT sum(size) FROM sample.store) AS size_total,
           (SELECT sum(f) FROM days) AS f_total
), cells AS (
    SELECT dy.day, dy.doy, dy.t, st.store_no, st.store, st.effect,
           least(1, (p.target * st.size * dy.f)::float8
                    / (p.slots * tt.size_total * tt.f_total)::float8) AS p_keep
    FROM days dy CROSS JOIN sample.store st CROSS JOIN params p CROSS JOIN totals tt
), slots AS (
    SELECT c.*, (c.doy * 100 + c.store_no) * 100 + s AS k     -- the slot key
    FROM cells c CROSS JOIN params p CROSS JOIN generate_series(1, p.slots) s
), responses AS MATERIALIZED (   -- evaluate each random number once
    SELECT s.*,
           sample.sample_uniform(p.seed, s.k, 2) AS u_channel,
           sample.sample_uniform(p.seed, s.k, 3) AS u_hour,
           sample.sample_uniform(p.seed, s.k, 4) AS u_second,
           sample.sample_uniform(p.seed, s.k, 5) AS u_incident,
           sample.sample_uniform(p.seed, s.k, 6) AS u_null,
           sample.sample_normal(p.seed, s.k, 7) AS z_person,
           sample.sample_normal(p.seed, s.k, 8) AS z_recommend,
           sample.sample_normal(p.seed, s.k, 9) AS z_satisfaction,
           sample.sample_normal(p.seed, s.k, 10) AS z_effort,
           -- the attribute block: experiences (11-15), their ratings' noise (16-20),
           -- whether it was answered (21) and the respondent's halo (22)
           sample.sample_normal(p.seed, s.k, 11) AS x_staff,
           sample.sample_normal(p.seed, s.k, 12) AS x_speed,
           sample.sample_normal(p.seed, s.k, 13) AS x_product,
           sample.sample_normal(p.seed, s.k, 14) AS x_cleanliness,
           sample.sample_normal(p.seed, s.k, 15) AS x_price,
           sample.sample_normal(p.seed, s.k, 16) AS e_staff,
           sample.sample_normal(p.seed, s.k, 17) AS e_speed,
           sample.sample_normal(p.seed, s.k, 18) AS e_product,
           sample.sample_normal(p.seed, s.k, 19) AS e_cleanliness,
           sample.sample_normal(p.seed, s.k, 20) AS e_price,
           sample.sample_uniform(p.seed, s.k, 21) AS u_attributes,
           sample.sample_normal(p.seed, s.k, 22) AS z_halo
    FROM slots s CROSS JOIN params p
    WHERE sample.sample_uniform(p.seed, s.k, 1) < s.p_keep
), channeled AS (
    SELECT r.*,
           CASE WHEN u_channel < 0.46 - 0.08 * t AND doy NOT IN (0, 358) THEN 'in-store'
                WHEN u_channel < 0.73 - 0.08 * t THEN 'web'
                WHEN u_channel < 0.88 THEN 'app'       -- app grows from 15% to 23%
                ELSE 'phone' END AS channel
    FROM responses r
), timed AS MATERIALIZED (
    SELECT c.*,
           -- local opening hours by channel; web and app peak in the evening
           CASE c.channel
               WHEN 'in-store' THEN 9 + floor(u_hour * 12)
               WHEN 'phone'    THEN 8 + floor(u_hour * 10)
               ELSE CASE WHEN u_hour < 0.55 THEN 17 + floor(u_hour / 0.55 * 6)
                         ELSE 7 + floor((u_hour - 0.55) / 0.45 * 10) END
           END::int * 3600 + floor(u_second * 3600)::int AS second_of_day,
           -- the latent attitude on the 0..10 scale
             7.85 + 0.62 * t                                  -- the company improves
           + c.effect
           + CASE c.channel WHEN 'in-store' THEN 0.10 WHEN 'app' THEN 0.15
                            WHEN 'web' THEN 0.0 ELSE -0.40 END
           -- Denver: trouble from June (full by mid-June), recovery by mid-September
           - CASE WHEN c.store <> 'Denver' THEN 0
                  WHEN c.day < date '2025-06-01' OR c.day >= date '2025-09-15' THEN 0
                  WHEN c.day < date '2025-06-15' THEN 1.7 * (c.day - date '2025-06-01')::float8 / 14
                  WHEN c.day < date '2025-08-16' THEN 1.7
                  ELSE 1.7 * (date '2025-09-15' - c.day)::float8 / 30 END
           -- the person: the visit's five experiences with their weights, and the rest
           + (0.55 * x_staff + 0.45 * x_speed + 0.35 * x_product + 0.20 * x_cleanliness
              + 0.10 * x_price + 0.5678908345800274 * z_person)
           -- a few bad experiences (more of them in weak stores and on the phone)
           - CASE WHEN u_incident < 0.035 + greatest(0, -c.effect) * 0.03
                                    + CASE WHEN c.channel = 'phone' THEN 0.02 ELSE 0 END
                  THEN 4.5 ELSE 0 END AS attitude
    FROM channeled c
)
SELECT row_number() OVER (ORDER BY day, second_of_day, k) AS id,
       timestamptz '2025-01-01 00:00:00+00'
           + (doy * 86400 + second_of_day) * interval '1 second' AS answered_at,
       store,
       channel,
       CASE WHEN u_null < 0.03 THEN NULL
            ELSE least(10, greatest(0, floor(attitude + 0.9 * z_recommend + 0.5))) END,
       CASE WHEN u_null >= 0.03 AND u_null < 0.05 THEN NULL
            ELSE least(5, greatest(1, floor(1.0 + 0.5 * (attitude - 2.0)
                                            - CASE WHEN channel = 'phone' THEN 0.3 ELSE 0 END
                                            + 0.6 * z_satisfaction + 0.5))) END,
       CASE WHEN u_null >= 0.05 AND u_null < 0.10 THEN NULL
            ELSE least(7, greatest(1, floor(1.0 + 0.62 * (attitude - 1.0)
                                            - CASE channel WHEN 'phone' THEN 1.3
                                                           WHEN 'web' THEN 0.25 ELSE 0 END
                                            + 0.9 * z_effort + 0.5))) END,
       -- customer share / response share, in numeric: the same on every version
       (ch.customer_share / (count(*) OVER (PARTITION BY timed.channel)::numeric
                             / count(*) OVER ()))::float8,
       -- a rating: the attribute's level (how well the stores do on it) + 1.4 experience
       -- + 0.6 halo + 0.7 noise, rounded, within 1..10
       CASE WHEN u_attributes < 0.4 THEN least(10, greatest(1, floor(7.3 + 1.4 * x_staff + 0.6 * z_halo + 0.7 * e_staff + 0.5))) END,
       CASE WHEN u_attributes < 0.4 THEN least(10, greatest(1, floor(5.6 + 1.4 * x_speed + 0.6 * z_halo + 0.7 * e_speed + 0.5))) END,
       CASE WHEN u_attributes < 0.4 THEN least(10, greatest(1, floor(6.8 + 1.4 * x_product + 0.6 * z_halo + 0.7 * e_product + 0.5))) END,
       CASE WHEN u_attributes < 0.4 THEN least(10, greatest(1, floor(7.5 + 1.4 * x_cleanliness + 0.6 * z_halo + 0.7 * e_cleanliness + 0.5))) END,
       CASE WHEN u_attributes < 0.4 THEN least(10, greatest(1, floor(5.9 + 1.4 * x_price + 0.6 * z_halo + 0.7 * e_price + 0.5))) END
FROM timed JOIN sample.channel ch USING (channel);

ANALYZE sample.feedback;

-- md5 over every row in id order, in a text form that does not depend on
-- TimeZone, DateStyle or extra_float_digits.  The weights are left out: they
-- follow from the channels (exactly, in numeric) and sample.channel.
CREATE FUNCTION sample.feedback_checksum() RETURNS text LANGUAGE sql STABLE AS $$
    SELECT md5(string_agg(concat_ws(',', id, extract(epoch FROM answered_at)::bigint,
                                    store, channel, coalesce(recommend::text, '-'),
                                    coalesce(satisfaction::text, '-'),
                                    coalesce(effort::text, '-'),
                                    CASE WHEN staff IS NULL THEN '-'
                                         ELSE concat_ws(':', staff, speed, product, cleanliness, price) END),
                          E'\n' ORDER BY id))
    FROM sample.feedback
$$;

DO $$
BEGIN
    IF sample.feedback_checksum() <> '6fc2334e1d427c7c2d864e88a4a6c1a3' THEN
        RAISE WARNING 'sample.feedback differs from the reference data (checksum %)',
                      sample.feedback_checksum();
    END IF;
END
$$;
