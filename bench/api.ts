/**
 * Developer API benchmark (not a test; never run by `npm test`). See bench/README.md. Starts `charla start`
 * on a fresh PostgreSQL database, seeds contacts in SQL, and measures requests/s and latency of
 * `GET /v2/contact/{identifier}` and `POST /v2/contact/list` at a fixed concurrency (closed loop).
 *
 *   npx tsx bench/api.ts --database postgres://postgres@127.0.0.1:5432/postgres [--contacts 1000000]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { Pool } from 'undici';
import { ApiSession } from './lib/api';
import { intOption } from './lib/options';
import { freshDatabase, spawnServer } from './lib/server';

const USAGE = `Usage: npx tsx bench/api.ts --database URL [options]

  --database URL     loopback PostgreSQL server; a fresh database is created on it and dropped at the end
  --contacts N       contacts seeded in the workspace (default 1000000)
  --duration S       seconds per measured endpoint (default 10)
  --concurrency N    requests in flight (default 32)
  --keep             keep the work dir and the database
`;

const { values } = parseArgs({
  options: {
    database: { type: 'string' },
    contacts: { type: 'string', default: '1000000' },
    duration: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '32' },
    keep: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});

const out = (line: string) => process.stdout.write(`${line}\n`);
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;

type Request = { method: 'GET' | 'POST'; path: string; body?: string };

/** Runs `next()` requests with `concurrency` in flight for `seconds`; answers other than 200 count as errors. */
async function measure(pool: Pool, token: string, seconds: number, concurrency: number, next: () => Request) {
  const latencies: number[] = [];
  const errors = new Map<number, number>();
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  const worker = async () => {
    while (performance.now() < end) {
      const r = next();
      const t0 = performance.now();
      const res = await pool.request({
        method: r.method,
        path: r.path,
        body: r.body,
        headers: { authorization: `Bearer ${token}`, ...(r.body ? { 'content-type': 'application/json' } : {}) },
      });
      await res.body.text();
      latencies.push(performance.now() - t0);
      if (res.statusCode !== 200) errors.set(res.statusCode, (errors.get(res.statusCode) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  const errorText = [...errors].map(([s, n]) => `${n}×${s}`).join(', ');
  return `${Math.round(sorted.length / elapsed)} req/s, p50 ${pct(sorted, 0.5).toFixed(1)} ms, p99 ${pct(sorted, 0.99).toFixed(1)} ms (${sorted.length} requests${errorText ? `, errors ${errorText}` : ''})`;
}

async function main() {
  if (values.help || !values.database) return void process.stdout.write(USAGE);
  const contacts = intOption('contacts', values.contacts!, 1000, 5_000_000);
  const seconds = intOption('duration', values.duration!, 1, 600);
  const concurrency = intOption('concurrency', values.concurrency!, 1, 512);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'charla-bench-api-'));
  const db = await freshDatabase(values.database);
  const owner = { email: 'bench@charla.test', password: 'bench-password-123' };
  const server = await spawnServer({
    dataDir: path.join(workDir, 'data'),
    databaseUrl: db.url,
    ownerEmail: owner.email,
    ownerPassword: owner.password,
    logLevel: 'warn',
    logFile: path.join(workDir, 'server.log'),
    env: { CHARLA_API_RATE_LIMIT: '100000000' },
  });
  const sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
  try {
    out(
      `Charla API bench — PostgreSQL (fresh database ${db.name}), ${os.cpus().length} CPUs (load average ${os.loadavg()[0]!.toFixed(2)}), node ${process.version}, ${concurrency} in flight, ${seconds} s per endpoint`,
    );
    const t0 = performance.now();
    const { rows } = await sql.query<{ id: string }>(`select id from workspaces where slug = 'demo'`);
    const ws = rows[0]!.id;
    await sql.query(
      `insert into contacts (workspace_id, first_name, last_name, email, phone, custom_fields)
       select $1, 'Seed' || g, 'Apellido' || (g % 9973), 'seed' || g || '@example.org', '+5255' || lpad(g::text, 8, '0'),
              jsonb_build_object('plan', (array['free', 'gold', 'pro'])[1 + g % 3])
       from generate_series(1, $2::int) g`,
      [ws, contacts],
    );
    await sql.query(
      `insert into contact_identifiers (workspace_id, contact_id, kind, value, key, source, verified)
       select workspace_id, id, 'phone', phone, phone, 'import', false from contacts where workspace_id = $1`,
      [ws],
    );
    await sql.query('vacuum analyze contacts');
    await sql.query('vacuum analyze contact_identifiers');
    const bounds = await sql.query<{ min: string; max: string }>('select min(id), max(id) from contacts');
    const { min, max } = bounds.rows[0]!;
    out(`seed      ${contacts} contacts with phone identifiers in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const session = await ApiSession.login(server.url, owner.email, owner.password);
    const { token } = await session.json<{ token: string }>('POST', '/api/w/demo/api-tokens', { name: 'bench' });
    const pool = new Pool(server.url, { connections: concurrency });
    const g = () => 1 + Math.floor(Math.random() * contacts);
    const lo = Number(min);
    const span = Number(max) - lo + 1;
    const list = (body: object) => ({
      method: 'POST' as const,
      path: '/v2/contact/list?limit=10',
      body: JSON.stringify(body),
    });
    const runs: [string, () => Request][] = [
      [
        'GET  /v2/contact/id:…',
        () => ({ method: 'GET', path: `/v2/contact/id:${lo + Math.floor(Math.random() * span)}` }),
      ],
      [
        'GET  /v2/contact/phone:+5255…',
        () => ({ method: 'GET', path: `/v2/contact/phone:%2B5255${String(g()).padStart(8, '0')}` }),
      ],
      ['POST /v2/contact/list (no filter)', () => list({})],
      ['POST /v2/contact/list (search)', () => list({ search: `Seed${g()}` })],
      [
        'POST /v2/contact/list (custom field + phone exists)',
        () =>
          list({
            filter: {
              $and: [
                { category: 'contactField', field: 'plan', operator: 'isEqualTo', value: 'gold' },
                { category: 'contactField', field: 'phone', operator: 'exists' },
              ],
            },
          }),
      ],
    ];
    for (const [name, next] of runs) {
      // Warm-up at full concurrency (JIT, the endpoint's index pages in PostgreSQL's cache): the first endpoint
      // measured after a 1 s warm-up came out twice as slow as the same endpoint measured second.
      await measure(pool, token, Math.min(seconds, 3), concurrency, next);
      out(`${name.padEnd(52)} ${await measure(pool, token, seconds, concurrency, next)}`);
    }
    await pool.close();
  } finally {
    await sql.end();
    await server.stop();
    if (!values.keep) {
      await db.drop();
      fs.rmSync(workDir, { recursive: true, force: true });
    } else out(`kept ${workDir} and database ${db.name}`);
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
