import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { broadcastRecipients, contactChannels, contacts, messages, messageTemplates } from '../src/db/schema';
import { fixtureJson } from './support/meta-fixtures';
import { eventually } from './support/runtime';
import { startWhatsAppWorld, type WhatsAppWorld } from './support/whatsapp-world';

/** A number upgraded to nothing: 2 messages per second, so pacing shows on a handful of recipients. */
const SLOW_NUMBER = '777000000000002';
const RATE = 2;

/** WhatsApp broadcasts: templates only, paced to the number's throughput, statuses from Meta's webhooks. */
describe('broadcasts on WhatsApp', () => {
  let w: WhatsAppWorld;
  let base: string;
  let channel: Awaited<ReturnType<WhatsAppWorld['addChannel']>>;
  let templateId: number;
  const phones = ['5215511110001', '5215511110002', '5215511110003', '5215511110004', '5215511110005'];

  beforeAll(async () => {
    w = await startWhatsAppWorld();
    base = `/api/w/${w.setup.ws.slug}`;
    channel = await w.addChannel(SLOW_NUMBER, { ratePerSecond: RATE });
    w.channelFor[SLOW_NUMBER] = channel;
    // Contacts who wrote on this number long ago (outside the 24 h window), as after an import and a campaign.
    for (const [i, phone] of phones.entries()) {
      const [c] = await w.setup.scope
        .insert(contacts, { firstName: ['Ana', 'Beto', 'Carla', 'Darío', 'Eva'][i], phone: `+${phone}` })
        .returning();
      await w.setup.scope.insert(contactChannels, {
        contactId: c!.id,
        channelId: channel.id,
        externalId: phone,
        lastInboundAt: new Date(Date.now() - 30 * 86_400_000),
      });
    }
    const [t] = await w.setup.scope
      .insert(messageTemplates, {
        channelId: channel.id,
        name: 'pedido_listo',
        language: 'es_MX',
        status: 'APPROVED',
        components: { body: 'Hola {{1}}, tu pedido {{2}} está listo', parameters: ['1', '2'], other: [] },
        parameterCount: 2,
      })
      .returning();
    templateId = t!.id;
  });

  afterAll(async () => {
    await w?.close();
  });

  const statusWebhook = (wamid: string, recipient: string, status: 'delivered' | 'read') => {
    const body = fixtureJson('whatsapp', 'status-delivered.json');
    const value = body.entry[0].changes[0].value;
    value.metadata.phone_number_id = SLOW_NUMBER;
    Object.assign(value.statuses[0], { id: wamid, status, recipient_id: recipient });
    return w.post(SLOW_NUMBER, body);
  };

  it('refuses a text broadcast: outside the 24 h window WhatsApp only delivers templates', async () => {
    const res = await w.session.json('POST', `${base}/broadcasts`, {
      name: 'Texto',
      channelId: channel.id,
      segmentId: null,
      content: { kind: 'text', text: 'Hola' },
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('template_required');
    const wrongCount = await w.session.json('POST', `${base}/broadcasts`, {
      name: 'Plantilla',
      channelId: channel.id,
      segmentId: null,
      content: { kind: 'template', templateId, parameters: ['$contact.firstname'] },
    });
    expect(wrongCount.status).toBe(400);
    expect(wrongCount.body.code).toBe('template_parameters');
  });

  it('sends the template to every contact with their variables, paced to the number’s rate, then follows Meta’s statuses', async () => {
    const created = await w.session.json('POST', `${base}/broadcasts`, {
      name: 'Pedidos',
      channelId: channel.id,
      segmentId: null,
      content: { kind: 'template', templateId, parameters: ['$contact.firstname', 'A-100'] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id;
    expect((await w.session.json('POST', `${base}/broadcasts/${id}/send`)).status).toBe(200);
    const done = await eventually(async () => {
      const res = await w.session.json('GET', `${base}/broadcasts/${id}`);
      return res.body.status === 'completed' ? res.body : undefined;
    }, 30_000);
    expect(done.report).toMatchObject({ recipients: 5, sent: 5, failed: 0 });

    const sends = w.graph.sends().filter((c) => c.path === `/v21.0/${SLOW_NUMBER}/messages`);
    expect(sends).toHaveLength(5);
    const ana = sends.find((s) => s.json.to === phones[0])!;
    expect(ana.json).toMatchObject({
      type: 'template',
      template: {
        name: 'pedido_listo',
        language: { code: 'es_MX' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Ana' },
              { type: 'text', text: 'A-100' },
            ],
          },
        ],
      },
    });
    // Never more than RATE sends reached Meta within one second.
    const times = sends.map((s) => s.at).sort((a, b) => a - b);
    for (const [i, t] of times.entries())
      expect(times.filter((u) => u > t - 1000 && u <= t).length, `send ${i}`).toBeLessThanOrEqual(RATE);

    const rows = await w.setup.scope.find(broadcastRecipients, eq(broadcastRecipients.broadcastId, id));
    const [first, second] = await Promise.all(
      rows.slice(0, 2).map(async (r) => (await w.setup.scope.find(messages, eq(messages.id, r.messageId!)))[0]!),
    );
    expect(first!.body).toMatch(/^Hola .+, tu pedido A-100 está listo$/);
    expect((await statusWebhook(first!.providerMessageId!, rows[0]!.address, 'delivered')).status).toBe(200);
    expect((await statusWebhook(second!.providerMessageId!, rows[1]!.address, 'read')).status).toBe(200);
    const report = await eventually(async () => {
      const res = await w.session.json('GET', `${base}/broadcasts/${id}`);
      return res.body.report.read === 1 && res.body.report.delivered === 2 ? res.body.report : undefined;
    });
    expect(report).toMatchObject({ sent: 5, delivered: 2, read: 1, replied: 0 });
    const [readRow] = await w.setup.scope.find(
      broadcastRecipients,
      and(eq(broadcastRecipients.broadcastId, id), eq(broadcastRecipients.id, rows[1]!.id)),
    );
    expect(readRow!.status).toBe('read');
  });
});
