// node-postgres (pg from npm) against csm: one-step and two-step queries,
// composite results as named columns, and summaries in text and in binary
// mode.  The binary form is decoded here from its documented layout
// (version byte, total, 11 big-endian int64 counts) and sent back as text,
// so the test shows a client can read it.  Expected values: the README's.
const { Client } = require('pg');

function fail(msg) { console.log(`clients: node-postgres: ${msg}`); process.exit(1); }
function expect(what, got, want) {
  if (JSON.stringify(got) !== JSON.stringify(want))
    fail(`${what}: got ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
}

(async () => {
  const client = new Client({ database: 'csm_clients' });
  await client.connect();

  let r = await client.query(
    'SELECT store, nps(recommend), csat_top2(satisfaction) FROM feedback GROUP BY store ORDER BY store');
  expect('one-step', r.rows, [{ store: 'Leeds', nps: 25, csat_top2: 75 }, { store: 'York', nps: 0, csat_top2: 50 }]);

  r = await client.query('SELECT store, nps(rollup(recommend)) FROM daily GROUP BY store ORDER BY store');
  expect('two-step', r.rows, [{ store: 'Leeds', nps: 25 }, { store: 'York', nps: 0 }]);

  r = await client.query("SELECT (nps_ci(rating_agg(recommend))).* FROM feedback WHERE store = 'Leeds'");
  expect('composite fields', r.fields.map(f => f.name), ['estimate', 'lower', 'upper', 'se', 'level', 'method', 'n']);
  expect('composite values', [r.rows[0].estimate, r.rows[0].method, r.rows[0].n], [25, 'adjusted-wald', '4']);

  // binary results need the extended protocol (a parameter) and a raw parser
  r = await client.query({
    text: "SELECT recommend FROM daily WHERE store = $1 AND day = '2026-01-05'", values: ['Leeds'],
    binary: true, types: { getTypeParser: () => (value) => value } });
  const bytes = r.rows[0].recommend;            // a Buffer: the type's send output
  if (!Buffer.isBuffer(bytes) || bytes.length !== 97 || bytes[0] !== 1) fail(`binary form: ${JSON.stringify(bytes)}`);
  const total = bytes.readBigInt64BE(1);
  const pairs = [];
  let sum = 0n;
  for (let i = 0; i <= 10; i++) {
    const c = bytes.readBigInt64BE(9 + 8 * i);
    sum += c;
    if (c > 0n) pairs.push(`${i}:${c}`);
  }
  expect('binary decode', [total.toString(), sum.toString(), pairs], ['2', '2', ['9:1', '10:1']]);
  r = await client.query(
    "SELECT $1::rating_summary = recommend AS same FROM daily WHERE store = 'Leeds' AND day = '2026-01-05'",
    [`{${pairs.join(',')}}`]);
  expect('binary round trip', r.rows[0].same, true);

  r = await client.query("SELECT recommend FROM daily WHERE store = 'York' AND day = '2026-01-07'");
  expect('text form', r.rows[0].recommend, '{7:1}');

  await client.end();
  console.log('clients: node-postgres: one-step, two-step, composite columns, text and binary-mode round trips');
})().catch(e => fail(e.message));
