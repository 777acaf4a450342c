/**
 * Inbound webhook benchmark (not a test; never run by `npm test`). See bench/README.md.
 *
 *   npx tsx bench/inbound.ts                                              # embedded PGlite
 *   npx tsx bench/inbound.ts --database postgres://postgres@127.0.0.1:5432/postgres   # fresh PostgreSQL db
 *   npx tsx bench/inbound.ts --url http://127.0.0.1:3000 --email E --password P      # a running server
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { ApiSession } from './lib/api';
import { intOption } from './lib/options';
import { runStep, type StepResult } from './lib/load';
import { assertLoopback, freshDatabase, type SpawnedServer, spawnServer } from './lib/server';

const USAGE = `Usage: npx tsx bench/inbound.ts [options]

  --database URL       run on a fresh database created (and dropped) on this loopback PostgreSQL server
                       (the URL's database is only used to connect); default: embedded PGlite
  --url URL            bench a running server on loopback instead of starting one
  --email E            owner/manager login (with --url; default $CHARLA_OWNER_EMAIL)
  --password P         its password (with --url; default $CHARLA_OWNER_PASSWORD)
  --workspace SLUG     workspace for the bench channel (default demo)
  --rates LIST         target msg/s per step (default 100,300,600,1000,1500,2000)
  --duration S         seconds per step (default 10)
  --warmup S           unreported warm-up at up to 100 msg/s, processed before the first step (default 5)
  --connections N      undici Pool connections = most requests in flight (default 128)
  --senders N          distinct sender ids / contacts, at most 500 (default 200)
  --all-steps          keep escalating after a step misses its target (default: stop after it)
  --drain-timeout S    give up waiting for processing after S seconds (default 300)
  --log-level L        server LOG_LEVEL (default warn); the server log is written to the work dir
  --pool-size N        server DATABASE_POOL_SIZE (PostgreSQL pool; default: the server's default)
  --no-worker          start the server without job workers: measures the ingest path alone (no drain)
  --split              (with --database) the scale-out layout: the webhooks go to a 'start --no-worker' process and
                       a second 'charla start' process on the same database does the processing
  --cpu-prof           profile the server (node --cpu-prof); the .cpuprofile lands in the work dir (kept)
  --keep               keep the work dir (and the PostgreSQL database)
`;

const { values } = parseArgs({
  options: {
    database: { type: 'string' },
    url: { type: 'string' },
    email: { type: 'string' },
    password: { type: 'string' },
    workspace: { type: 'string', default: 'demo' },
    rates: { type: 'string', default: '100,300,600,1000,1500,2000' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '5' },
    connections: { type: 'string', default: '128' },
    senders: { type: 'string', default: '200' },
    'all-steps': { type: 'boolean', default: false },
    'drain-timeout': { type: 'string', default: '300' },
    'log-level': { type: 'string', default: 'warn' },
    keep: { type: 'boolean', default: false },
    'no-worker': { type: 'boolean', default: false },
    split: { type: 'boolean', default: false },
    'pool-size': { type: 'string' },
    'cpu-prof': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  },
});

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '-');
const pad = (s: string, w: number) => s.padStart(w);

async function main() {
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const rates = values.rates.split(',').map((r) => intOption('rates', r.trim(), 1, 20_000));
  if (rates.length > 20) throw new Error('--rates: at most 20 steps');
  const seconds = intOption('duration', values.duration, 1, 120);
  const warmup = intOption('warmup', values.warmup, 1, 60);
  const connections = intOption('connections', values.connections, 1, 1024);
  const senders = intOption('senders', values.senders, 1, 500);
  const drainTimeout = intOption('drain-timeout', values['drain-timeout'], 1, 3600);
  if (values.url && values.database) throw new Error('--url and --database are exclusive');

  if ((values['no-worker'] || values['cpu-prof']) && values.url)
    throw new Error('--no-worker/--cpu-prof start a server');
  if (values.split && (!values.database || values['no-worker']))
    throw new Error('--split needs --database (two processes share it) and processes the events (no --no-worker)');
  const keep = values.keep || values['cpu-prof'];
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'charla-bench-'));
  const cleanups: (() => Promise<void>)[] = [];
  let server: SpawnedServer | undefined;
  let worker: SpawnedServer | undefined;
  let backend = 'remote';
  try {
    let url: string;
    let email: string;
    let password: string;
    if (values.url) {
      url = assertLoopback(values.url, '--url').origin;
      email = values.email ?? process.env.CHARLA_OWNER_EMAIL ?? '';
      password = values.password ?? process.env.CHARLA_OWNER_PASSWORD ?? '';
      if (!email || !password) throw new Error('--url needs --email and --password (or CHARLA_OWNER_*)');
    } else {
      email = 'bench@charla.test';
      password = randomBytes(12).toString('hex');
      let databaseUrl: string | undefined;
      if (values.database) {
        const db = await freshDatabase(values.database);
        databaseUrl = db.url;
        backend = `PostgreSQL (fresh database ${db.name})`;
        if (!keep) cleanups.push(db.drop);
      } else backend = 'embedded PGlite';
      const common = {
        databaseUrl,
        ownerEmail: email,
        ownerPassword: password,
        logLevel: values['log-level'],
        env: {
          ...(values['pool-size']
            ? { DATABASE_POOL_SIZE: String(intOption('pool-size', values['pool-size'], 1, 200)) }
            : {}),
          // Processes sharing a database must share the key that seals channel secrets.
          ...(values.split ? { CHARLA_SECRET_KEY: randomBytes(32).toString('hex') } : {}),
        } as Record<string, string>,
        nodeArgs: [
          ...(values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${workDir}`] : []),
          ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean),
        ],
      };
      server = await spawnServer({
        ...common,
        dataDir: path.join(workDir, 'data'),
        logFile: path.join(workDir, 'server.log'),
        noWorker: values['no-worker'] || values.split,
      });
      // Started second, so that it finds the demo workspace the first one created.
      if (values.split) {
        worker = await spawnServer({
          ...common,
          dataDir: path.join(workDir, 'worker-data'),
          logFile: path.join(workDir, 'worker.log'),
        });
        backend += ', webhooks → a --no-worker process, processing in a second process';
      }
      url = server.url;
    }

    const api = await ApiSession.login(url, email, password);
    const channel = await api.createCustomChannel(values.workspace, `bench ${new Date().toISOString()}`);
    const target = { url, channelId: channel.id, secret: channel.secret };
    const pool = new Pool(url, { connections, pipelining: 1, keepAliveTimeout: 30_000 });
    cleanups.push(() => pool.close());

    process.stdout.write(
      `Charla inbound bench — ${backend}, ${url}, ${os.cpus().length} CPUs ` +
        `(load average ${os.loadavg()[0]!.toFixed(2)}), node ${process.version}\n` +
        `custom channel ${channel.id}, ${senders} senders, ${connections} connections, ${seconds} s per step; ` +
        'latency = ack time since the request was due (open loop)\n' +
        (server && keep ? `server log: ${server.logFile}\n` : '') +
        '\n' +
        `${pad('target/s', 9)} ${pad('sent', 7)} ${pad('acked', 7)} ${pad('ack/s', 8)} ${pad('p50 ms', 8)} ` +
        `${pad('p99 ms', 8)} ${pad('max ms', 8)} ${pad('lag ms', 8)}  errors\n`,
    );

    // Warm-up (JIT, pooled connections, caches), not reported: `--warmup` seconds at up to 100 msg/s, then
    // wait until it is processed so that the first step starts from an idle server.
    const warm = await runStep(pool, target, {
      rate: Math.min(100, rates[0]!),
      seconds: warmup,
      maxInFlight: connections,
      senders,
      prefix: 'warm',
    });
    if (!values['no-worker']) {
      const until = performance.now() + 120_000;
      while ((await api.storedInbound(values.workspace, channel.id)) < warm.acked && performance.now() < until) {
        await new Promise((r) => setTimeout(r, 250));
      }
    }

    const results: StepResult[] = [];
    const benchStart = performance.now();
    let ackedTotal = 0;
    for (const [i, rate] of rates.entries()) {
      const r = await runStep(pool, target, { rate, seconds, maxInFlight: connections, senders, prefix: `s${i}` });
      results.push(r);
      ackedTotal += r.acked;
      const errors = [...r.errors].map(([k, n]) => `${k}×${n}`).join(' ') || '0';
      process.stdout.write(
        `${pad(String(rate), 9)} ${pad(String(r.sent), 7)} ${pad(String(r.acked), 7)} ${pad(fmt(r.achieved), 8)} ` +
          `${pad(fmt(r.p50), 8)} ${pad(fmt(r.p99), 8)} ${pad(fmt(r.max), 8)} ${pad(fmt(r.maxLag, 0), 8)}  ${errors}\n`,
      );
      if (!values['all-steps'] && (r.achieved < rate * 0.9 || r.errors.size > 0) && i < rates.length - 1) {
        process.stdout.write(`(stopping: the ${rate} msg/s step missed its target; --all-steps to go on)\n`);
        break;
      }
    }
    const sendEnd = performance.now();
    const best = results.filter((r) => r.errors.size === 0 && r.achieved >= r.rate * 0.9 && r.p99 <= 50).at(-1);
    process.stdout.write(
      `best step meeting its rate with p99 ≤ 50 ms and no errors: ${best ? `${best.rate} msg/s` : 'none'}\n`,
    );

    if (values['no-worker']) {
      process.stdout.write('\n(--no-worker: nothing is processed, no drain)\n');
      return;
    }
    // Drain: every acknowledged event (warm-up included) processed into a message.
    const expected = ackedTotal + warm.acked;
    const deadline = sendEnd + drainTimeout * 1000;
    let stored = await api.storedInbound(values.workspace, channel.id);
    while (stored < expected && performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      stored = await api.storedInbound(values.workspace, channel.id);
    }
    const drainEnd = performance.now();
    const drained = stored >= expected;
    process.stdout.write(
      `\ndrain: ${drained ? 'all' : 'NOT all'} ${expected} acknowledged events processed into messages ` +
        `${fmt((drainEnd - sendEnd) / 1000, 1)} s after the last step ` +
        `(${stored} stored; ${fmt(((stored - warm.acked) * 1000) / (drainEnd - benchStart), 0)} msg/s processed ` +
        'on average from the first step to the end of the drain)\n',
    );
    if (stored > expected)
      process.stdout.write(`WARNING: ${stored - expected} more messages than acknowledged events\n`);
  } catch (err) {
    if (server && fs.existsSync(server.logFile)) {
      const tail = fs.readFileSync(server.logFile, 'utf8').split('\n').slice(-30).join('\n');
      process.stderr.write(`--- last lines of the server log:\n${tail}\n`);
    }
    throw err;
  } finally {
    await server?.stop();
    await worker?.stop();
    for (const c of cleanups.reverse()) await c().catch((err) => process.stderr.write(`cleanup: ${err}\n`));
    if (keep) process.stdout.write(`kept ${workDir}\n`);
    else fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
