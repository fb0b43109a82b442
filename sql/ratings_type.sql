-- rating_summary: text and binary input/output, and their validation
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS csm;
RESET client_min_messages;

-- Records an input's outcome, SQLSTATE first, so many bad inputs fit a table.
CREATE FUNCTION pg_temp.outcome(sql text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  result text;
BEGIN
  EXECUTE sql INTO result;
  RETURN 'ok: ' || coalesce(result, 'NULL');
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE || ': ' || SQLERRM;
END $$;

-- Text form: rating:count pairs in rating order; zero counts are dropped,
-- white space between tokens is accepted, and output is canonical.
SELECT input, input::rating_summary AS parsed
FROM (VALUES ('{}'), ('{6:1,7:2,9:3}'), ('{9:3,6:1,7:2}'), (' { 0 : 4 , 10:1 } '),
             (E'{\n5:2,\t4:0}'), ('{0:0}'), ('{0:9223372036854775807}'),
             ('{0:1,1:1,2:1,3:1,4:1,5:1,6:1,7:1,8:1,9:1,10:1}')) v(input);

-- Output then input gives back the same value, and the same text.
SELECT s::text::rating_summary::text = s::text AS text_round_trips
FROM (VALUES ('{}'::rating_summary), ('{6:1,7:2,9:3}'), ('{10:9223372036854775807}')) v(s);

-- Malformed text: a syntax error (22P02) or a value out of range (22003),
-- never a crash and never a silently changed value.
SELECT input, pg_temp.outcome(format('SELECT %L::rating_summary::text', input))
FROM (VALUES (''), ('{'), ('}'), ('{}}'), ('{} x'), ('{1}'), ('{1:}'), ('{:1}'),
             ('{1:1,}'), ('{,1:1}'), ('{1:1 2:1}'), ('{-1:1}'), ('{1:-1}'), ('{1:+1}'),
             ('{1:1.5}'), ('{1.0:1}'), ('{0x1:1}'), ('{1:1e3}'), ('[1:1]'),
             ('{11:1}'), ('{99999999999999999999:1}'), ('{1:9223372036854775808}'),
             ('{1:99999999999999999999}'), ('{1:1,1:2}'), ('{10:5,10:5}'),
             ('{1:9223372036854775807,2:1}'), ('{1:4611686018427387904,2:4611686018427387904}')) v(input);

-- The full message, with what was wrong and what is valid.
SELECT '{1:1,'::rating_summary;
SELECT '{12:1}'::rating_summary;
SELECT '{3:2,3:1}'::rating_summary;
SELECT '{1:9223372036854775807,2:1}'::rating_summary;

-- Binary form: version byte, total, then the eleven counts, big-endian.
SELECT rating_summary_send('{6:1,7:2,9:3}');
SELECT length(rating_summary_send('{}')) AS binary_bytes;

-- COPY BINARY round trip through a file.
CREATE TABLE summaries (id int, s rating_summary);
INSERT INTO summaries VALUES (1, '{}'), (2, '{6:1,7:2,9:3}'), (3, '{0:9223372036854775807}'),
                             (4, '{0:1,1:1,2:1,3:1,4:1,5:1,6:1,7:1,8:1,9:1,10:1}'), (5, NULL);
COPY summaries TO '/tmp/csm_regress_summaries.bin' (FORMAT binary);
CREATE TABLE summaries_back (LIKE summaries);
COPY summaries_back FROM '/tmp/csm_regress_summaries.bin' (FORMAT binary);
SELECT a.id, a.s::text, b.s::text = a.s::text AS same
FROM summaries a JOIN summaries_back b USING (id) ORDER BY id;

-- Crafted binary values reach rating_summary_recv through COPY: a bytea
-- field holds exactly the bytes, and COPY FROM hands them to the receive
-- function of the target column.
CREATE TEMP TABLE recv_in (b bytea);
CREATE TEMP TABLE recv_out (s rating_summary);
CREATE FUNCTION pg_temp.recv(bytes bytea) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE recv_in, recv_out;
  INSERT INTO recv_in VALUES (bytes);
  COPY recv_in TO '/tmp/csm_regress_recv.bin' (FORMAT binary);
  COPY recv_out FROM '/tmp/csm_regress_recv.bin' (FORMAT binary);
  RETURN 'ok: ' || (SELECT s::text FROM recv_out);
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE || ': ' || SQLERRM;
END $$;

WITH good(b) AS (SELECT rating_summary_send('{6:1,7:2,9:3}'))
SELECT label, pg_temp.recv(bytes)
FROM good, LATERAL (VALUES
  ('valid',               b),
  ('empty summary',       rating_summary_send('{}')),
  ('no bytes',            ''::bytea),
  ('version 0',           set_byte(b, 0, 0)),
  ('version 2',           set_byte(b, 0, 2)),
  ('truncated by 1',      substring(b FROM 1 FOR 96)),
  ('version byte only',   substring(b FROM 1 FOR 1)),
  ('trailing byte',       b || '\x00'::bytea),
  ('total too high',      set_byte(b, 8, 7)),
  ('total too low',       set_byte(b, 8, 5)),
  ('negative count',      overlay(b PLACING '\xffffffffffffffff'::bytea FROM 10 FOR 8)),
  ('negative total',      overlay(b PLACING '\xfffffffffffffffa'::bytea FROM 2 FOR 8)),
  ('counts overflow',     overlay(overlay(rating_summary_send('{}')
                            PLACING '\x7fffffffffffffff'::bytea FROM 10 FOR 8)
                            PLACING '\x0000000000000001'::bytea FROM 18 FOR 8))
) t(label, bytes);

DROP TABLE summaries, summaries_back;
