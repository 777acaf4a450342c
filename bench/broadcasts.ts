/**
 * Broadcast benchmark (not a test; never run by `npm test`). See bench/README.md. Boots the server library
 * in this process with its job workers, seeds N contacts with a WhatsApp address (10,000 by default),
 * sends one template broadcast to all of them through a loopback Graph that refuses sends beyond the
 * number's throughput (130429), and prints sends/s. Midway, an agent's reply is queued: how long it takes
 * to go out shows whether the broadcast holds up the inbox.
 *
 *   npx tsx bench/broadcasts.ts                                                      # embedded PGlite
 *   npx tsx bench/broadcasts.ts --database postgres://postgres@127.0.0.1:5432/postgres  # fresh PostgreSQL db
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { Scope } from '../apps/server/src/db/scope';
import { contactChannels, contacts, conversations, messages, messageTemplates } from '../apps/server/src/db/schema';
import { createUser } from '../apps/server/src/modules/auth/service';
import { sendBroadcast } from '../apps/server/src/modules/broadcasts/lifecycle';
import { broadcastReport } from '../apps/server/src/modules/broadcasts/report';
import { createBroadcast, getBroadcast } from '../apps/server/src/modules/broadcasts/service';
import { createChannel } from '../apps/server/src/modules/channels/service';
import { queueOutbound } from '../apps/server/src/modules/messages/send';
import { createWorkspace } from '../apps/server/src/modules/workspaces/service';
import { intOption } from './lib/options';
import { startLimitedGraph } from './lib/limited-graph';
import { bootInProcess } from './lib/in-process';

const { values } = parseArgs({
  options: {
    database: { type: 'string' },
    recipients: { type: 'string', default: '10000' },
    rate: { type: 'string', default: '80' },
    'in-flight': { type: 'string', default: '100' },
    timeout: { type: 'string', default: '900' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  process.stdout.write(
    'Usage: npx tsx bench/broadcasts.ts [--database URL] [--recipients N (10000)] [--rate MSG/S (80)] ' +
      '[--in-flight N (100)] [--timeout S (900)]\n',
  );
  process.exit(0);
}

const out = (line: string) => process.stdout.write(`${line}\n`);
const NUMBER = '106540352242922';
const TOKEN = 'EAAG-bench-token';

async function main() {
  const recipients = intOption('recipients', values.recipients, 1, 100_000);
  const rate = intOption('rate', values.rate, 1, 1000);
  const inFlight = intOption('in-flight', values['in-flight'], 1, 10_000);
  const timeoutMs = intOption('timeout', values.timeout, 10, 7200) * 1000;
  const graph = await startLimitedGraph(rate);
  const server = await bootInProcess('broadcasts', {
    database: values.database,
    work: true,
    config: { broadcastInFlight: inFlight },
  });
  const { rt } = server;
  try {
    const { ctx } = rt;
    out(`Charla broadcasts bench — ${server.machine}`);
    const owner = await createUser(ctx, { email: 'bench@charla.test', name: 'Bench' });
    const ws = await createWorkspace(ctx.db, { slug: 'bench', name: 'Bench', ownerUserId: owner.id });
    const scope = new Scope(ctx.db, ws.id);
    const { channel } = await createChannel(ctx, scope, {
      type: 'whatsapp',
      name: 'Bench WhatsApp',
      config: {
        appSecret: 'bench-app-secret',
        accessToken: TOKEN,
        phoneNumberId: NUMBER,
        wabaId: '102290129340398',
        apiBaseUrl: graph.apiBaseUrl,
        ratePerSecond: rate,
      },
    });
    // Contacts who wrote on the number long ago, as after an import and an earlier campaign.
    const seeded = performance.now();
    for (let i = 0; i < recipients; i += 1000) {
      const n = Math.min(1000, recipients - i);
      const rows = await scope
        .insert(
          contacts,
          Array.from({ length: n }, (_, k) => ({
            firstName: `Bench${i + k}`,
            phone: `+52155${String(i + k).padStart(8, '0')}`,
          })),
        )
        .returning({ id: contacts.id, phone: contacts.phone });
      await scope.insert(
        contactChannels,
        rows.map((r) => ({
          contactId: r.id,
          channelId: channel.id,
          externalId: r.phone!.slice(1),
          lastInboundAt: new Date(Date.now() - 30 * 86_400_000),
        })),
      );
    }
    const [template] = await scope
      .insert(messageTemplates, {
        channelId: channel.id,
        name: 'bench_offer',
        language: 'es_MX',
        status: 'APPROVED',
        components: { body: 'Hola {{1}}, tenemos una oferta para ti', parameters: ['1'], other: [] },
        parameterCount: 1,
      })
      .returning();
    out(
      `seeded ${recipients} contacts in ${((performance.now() - seeded) / 1000).toFixed(1)} s; Graph limit ${rate} msg/s, ${inFlight} in flight`,
    );

    const draft = await createBroadcast(
      ctx,
      scope,
      {
        name: 'Bench',
        channelId: channel.id,
        segmentId: null,
        content: { kind: 'template', templateId: template!.id, parameters: ['$contact.firstname'] },
        schedule: null,
      },
      owner.id,
    );
    graph.reset(rate);
    const t0 = performance.now();
    await sendBroadcast(ctx, scope, draft.id);
    const started = (performance.now() - t0) / 1000;
    let agentReply: { id: number; queuedAt: number } | null = null;
    let agentLatency: number | null = null;
    let last = -1;
    for (const deadline = t0 + timeoutMs; performance.now() < deadline; ) {
      await new Promise((r) => setTimeout(r, 1000));
      const report = await broadcastReport(scope, draft.id);
      if (report.sent !== last && Math.floor(report.sent / 1000) !== Math.floor(last / 1000))
        out(
          `  ${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s: ${report.sent} sent, ${report.failed} failed`,
        );
      last = report.sent;
      // Once the broadcast is well under way, an agent answers a contact of the audience.
      if (!agentReply && report.sent >= Math.min(500, recipients / 2)) agentReply = await queueAgentReply();
      if (agentReply && agentLatency === null) {
        const [m] = await scope.find(messages, eq(messages.id, agentReply.id));
        if (m?.status === 'sent') agentLatency = (m.sentAt!.getTime() - agentReply.queuedAt) / 1000;
      }
      if ((await getBroadcast(scope, draft.id)).status !== 'in_progress' && agentLatency !== null) break;
    }
    const b = await getBroadcast(scope, draft.id);
    const report = await broadcastReport(scope, draft.id);
    const seconds = (performance.now() - t0) / 1000;
    const sendSeconds = (graph.stats.last - graph.stats.first) / 1000;
    out(
      `status ${b.status}: ${report.sent}/${report.recipients} sent, ${report.failed} failed, audience taken in ${started.toFixed(2)} s`,
    );
    out(
      `${(graph.stats.accepted / sendSeconds).toFixed(1)} sends/s at the provider (first to last send, limit ${rate}); ` +
        `${(report.sent / seconds).toFixed(1)} sends/s end to end (send pressed → last status read); ` +
        `${graph.stats.refused} sends refused by the Graph for exceeding the limit`,
    );
    out(
      `an agent's reply queued mid-broadcast went out after ${agentLatency === null ? '—' : `${agentLatency.toFixed(2)} s`}`,
    );

    async function queueAgentReply() {
      const [address] = await scope.find(contactChannels, eq(contactChannels.channelId, channel.id));
      await scope.update(contactChannels, { lastInboundAt: new Date() }, eq(contactChannels.id, address!.id));
      return scope.transaction(async (tx) => {
        const [conv] = await tx
          .insert(conversations, { contactId: address!.contactId, status: 'open', openedBy: 'contact' })
          .onConflictDoNothing()
          .returning();
        const open =
          conv ??
          (
            await tx.find(
              conversations,
              eq(conversations.contactId, address!.contactId),
              eq(conversations.status, 'open'),
            )
          )[0]!;
        const queuedAt = Date.now();
        const id = await queueOutbound(ctx, tx, open, channel.id, {
          senderKind: 'user',
          senderUserId: owner.id,
          body: 'Respuesta de un agente',
          attachments: [],
          meta: {},
        });
        return { id, queuedAt };
      });
    }
  } finally {
    await server.close();
    await graph.close();
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exitCode = 1;
});
