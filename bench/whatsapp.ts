/**
 * WhatsApp benchmark (not a test; never run by `npm test`). See bench/README.md.
 *
 *   npx tsx bench/whatsapp.ts                       # embedded PGlite
 *   npx tsx bench/whatsapp.ts --database postgres://postgres@127.0.0.1:5432/postgres
 *
 * 1. Inbound: signed WhatsApp webhook bodies (the inbound-text fixture with unique wamids and senders)
 *    posted to a real server's `/webhooks/whatsapp/:id` at each target rate; acks/s, ack latency, drain.
 * 2. Outbound pacing: the WhatsApp adapter's `send()` driven by concurrent workers (like the outbound
 *    job) against a loopback Graph that refuses sends beyond the number's limit (130429); achieved rate
 *    and refused sends per rate (target: 0 refused).
 */
import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { whatsappAdapter } from '../apps/server/src/channels/whatsapp/index';
import { ChannelError } from '../apps/server/src/channels/types';
import { ApiSession } from './lib/api';
import { intOption } from './lib/options';
import { startLimitedGraph } from './lib/limited-graph';
import { type RequestBuilder, runStep } from './lib/load';
import { freshDatabase, ROOT, type SpawnedServer, spawnServer } from './lib/server';

const USAGE = `Usage: npx tsx bench/whatsapp.ts [options]

  --database URL       fresh database on this loopback PostgreSQL server (default: embedded PGlite)
  --rates LIST         inbound target msg/s per step (default 100,300)
  --duration S         seconds per inbound step (default 5)
  --connections N      inbound requests in flight at most (default 64)
  --senders N          distinct WhatsApp senders (default 200)
  --outbound LIST      outbound rates (the number's limit, enforced by the fake Graph) (default 80,1000)
  --seconds S          seconds of sends per outbound rate (default 5)
  --concurrency N      concurrent outbound sends (default 10, the outbound job's concurrency)
  --log-level L        server LOG_LEVEL (default warn)
  --keep               keep the work dir
`;

const { values } = parseArgs({
  options: {
    database: { type: 'string' },
    rates: { type: 'string', default: '100,300' },
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '64' },
    senders: { type: 'string', default: '200' },
    outbound: { type: 'string', default: '80,1000' },
    seconds: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '10' },
    'log-level': { type: 'string', default: 'warn' },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  },
});

const list = (name: string, v: string) => v.split(',').map((r) => intOption(name, r.trim(), 1, 5000));
const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '-');
const pad = (s: string | number, w: number) => String(s).padStart(w);

const APP_SECRET = randomBytes(16).toString('hex');
const TOKEN = `EAAG${randomBytes(16).toString('hex')}`;
const NUMBER = '106540352242922';
const FIXTURE = JSON.parse(
  fs.readFileSync(path.join(ROOT, 'apps/server/src/channels/whatsapp/fixtures/inbound-text.json'), 'utf8'),
);

/** The inbound-text fixture with a unique wamid and one of `senders` phone numbers, signed like Meta does. */
const whatsappRequests =
  (channelId: number): RequestBuilder =>
  (prefix, count, senders) =>
    Array.from({ length: count }, (_, i) => {
      const phone = `1650${String(5_000_000 + (i % senders))}`;
      const payload = structuredClone(FIXTURE);
      const value = payload.entry[0].changes[0].value;
      value.metadata.phone_number_id = NUMBER;
      value.contacts[0].wa_id = phone;
      value.messages[0].from = phone;
      value.messages[0].id = `wamid.bench-${prefix}-${i}`;
      value.messages[0].text.body = `bench ${prefix}-${i}`;
      const body = JSON.stringify(payload);
      const sig = `sha256=${createHmac('sha256', APP_SECRET).update(body).digest('hex')}`;
      return {
        path: `/webhooks/whatsapp/${channelId}`,
        body,
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': sig },
      };
    });

async function inbound(graphBase: string, workDir: string, cleanups: (() => Promise<void>)[]) {
  const rates = list('rates', values.rates);
  const seconds = intOption('duration', values.duration, 1, 60);
  const connections = intOption('connections', values.connections, 1, 512);
  const senders = intOption('senders', values.senders, 1, 500);
  const email = 'bench@charla.test';
  const password = randomBytes(12).toString('hex');
  let databaseUrl: string | undefined;
  let backend = 'embedded PGlite';
  if (values.database) {
    const db = await freshDatabase(values.database);
    databaseUrl = db.url;
    backend = `PostgreSQL (fresh database ${db.name})`;
    if (!values.keep) cleanups.push(db.drop);
  }
  const server: SpawnedServer = await spawnServer({
    dataDir: path.join(workDir, 'data'),
    databaseUrl,
    ownerEmail: email,
    ownerPassword: password,
    logLevel: values['log-level'],
    logFile: path.join(workDir, 'server.log'),
  });
  cleanups.push(() => server.stop());
  const api = await ApiSession.login(server.url, email, password);
  const created = await api.json<{ channel: { id: number } }>('POST', '/api/w/demo/channels', {
    type: 'whatsapp',
    name: 'bench WhatsApp',
    config: {
      appSecret: APP_SECRET,
      accessToken: TOKEN,
      phoneNumberId: NUMBER,
      wabaId: '102290129340398',
      apiBaseUrl: graphBase,
    },
  });
  const channelId = created.channel.id;
  const pool = new Pool(server.url, { connections, pipelining: 1, keepAliveTimeout: 30_000 });
  cleanups.push(() => pool.close());
  const target = { url: server.url, channelId, secret: APP_SECRET };
  const build = whatsappRequests(channelId);
  process.stdout.write(
    `Inbound: ${backend}, ${os.cpus().length} CPUs (load ${os.loadavg()[0]!.toFixed(2)}), node ${process.version}; ` +
      `WhatsApp channel ${channelId}, ${senders} senders, ${connections} connections, ${seconds} s per step\n` +
      `${pad('target/s', 9)} ${pad('sent', 7)} ${pad('acked', 7)} ${pad('ack/s', 8)} ${pad('p50 ms', 8)} ${pad('p99 ms', 8)}  errors\n`,
  );
  // Warm-up (JIT, connections), not reported: 2 s at 50 msg/s.
  const warm = await runStep(
    pool,
    target,
    { rate: 50, seconds: 2, maxInFlight: connections, senders, prefix: 'warm' },
    build,
  );
  let acked = warm.acked;
  const started = performance.now();
  for (const [i, rate] of rates.entries()) {
    const r = await runStep(pool, target, { rate, seconds, maxInFlight: connections, senders, prefix: `s${i}` }, build);
    acked += r.acked;
    const errors = [...r.errors].map(([k, n]) => `${k}×${n}`).join(' ') || '0';
    process.stdout.write(
      `${pad(rate, 9)} ${pad(r.sent, 7)} ${pad(r.acked, 7)} ${pad(fmt(r.achieved), 8)} ${pad(fmt(r.p50), 8)} ${pad(fmt(r.p99), 8)}  ${errors}\n`,
    );
  }
  // Drain: every acknowledged webhook processed into a stored message (bounded: 300 s).
  const deadline = performance.now() + 300_000;
  let stored = await api.storedInbound('demo', channelId);
  while (stored < acked && performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    stored = await api.storedInbound('demo', channelId);
  }
  const total = (performance.now() - started) / 1000;
  process.stdout.write(
    `processed ${stored}/${acked} acknowledged messages; ${fmt((stored - warm.acked) / total)} msg/s end to end (steps + drain)\n\n`,
  );
}

async function outbound(graph: Awaited<ReturnType<typeof startLimitedGraph>>) {
  const rates = list('outbound', values.outbound);
  const seconds = intOption('seconds', values.seconds, 1, 60);
  const concurrency = intOption('concurrency', values.concurrency, 1, 200);
  process.stdout.write(
    `Outbound pacing: adapter send() × ${concurrency} concurrent, fake Graph refusing > limit per sliding second (130429)\n` +
      `${pad('limit/s', 8)} ${pad('sends', 7)} ${pad('accepted', 9)} ${pad('achieved/s', 11)} ${pad('refused', 8)}  other errors\n`,
  );
  for (const rate of rates) {
    graph.reset(rate);
    const config = whatsappAdapter.configSchema.parse({
      appSecret: APP_SECRET,
      verifyToken: 'bench-verify-token',
      accessToken: TOKEN,
      phoneNumberId: NUMBER,
      wabaId: '102290129340398',
      apiBaseUrl: graph.apiBaseUrl,
      ratePerSecond: rate,
    });
    const total = rate * seconds;
    const other = new Map<string, number>();
    let next = 0;
    const worker = async () => {
      while (next < total) {
        const i = next++;
        try {
          await whatsappAdapter.send(
            {
              messageId: i,
              conversationId: 1,
              recipient: { externalId: `1650${5_000_000 + (i % 500)}` },
              text: `bench ${i}`,
              attachments: [],
              lastInboundAt: new Date(),
            },
            config,
          );
        } catch (err) {
          // 130429 answers are counted by the fake; anything else is reported.
          const code = err instanceof ChannelError ? err.code : (err as Error).message;
          if (code !== '130429') other.set(code, (other.get(code) ?? 0) + 1);
        }
      }
    };
    const start = performance.now();
    await Promise.all(Array.from({ length: concurrency }, worker));
    const elapsed = (performance.now() - start) / 1000;
    const errors = [...other].map(([k, n]) => `${k}×${n}`).join(' ') || '0';
    process.stdout.write(
      `${pad(rate, 8)} ${pad(total, 7)} ${pad(graph.stats.accepted, 9)} ${pad(fmt(graph.stats.accepted / elapsed), 11)} ${pad(graph.stats.refused, 8)}  ${errors}\n`,
    );
  }
}

async function main() {
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'charla-bench-wa-'));
  const cleanups: (() => Promise<void>)[] = [];
  const graph = await startLimitedGraph(80);
  cleanups.push(graph.close);
  try {
    await inbound(graph.apiBaseUrl, workDir, cleanups);
    await outbound(graph);
  } finally {
    for (const c of cleanups.reverse()) await c().catch(() => {});
    if (!values.keep) fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exitCode = 1;
});
