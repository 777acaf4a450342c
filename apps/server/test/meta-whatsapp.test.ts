import { count, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactChannels, contactIdentifiers, contacts, messages, webhookEvents } from '../src/db/schema';
import { createChannel } from '../src/modules/channels/service';
import { fixtureJson, postMetaWebhook, readFixture } from './support/meta-fixtures';
import { eventually } from './support/runtime';
import {
  APP_SECRET,
  NUMBER,
  STATUS_NUMBER,
  startWhatsAppWorld,
  TOKEN,
  type WhatsAppWorld,
} from './support/whatsapp-world';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** WhatsApp webhooks: channel creation, handshake, signatures, inbound fixtures, media, statuses. */
describe('WhatsApp Cloud API channel: webhooks', () => {
  let w: WhatsAppWorld;

  beforeAll(async () => {
    w = await startWhatsAppWorld();
  });

  afterAll(async () => {
    await w?.close();
  });

  it('checks the token at creation, generates a verify token, and refuses bad credentials', async () => {
    expect(w.channelFor[NUMBER]!.verifyToken.length).toBeGreaterThanOrEqual(20);
    expect(w.graph.calls.some((c) => c.path === `/v21.0/${NUMBER}` && c.authorization === `Bearer ${TOKEN}`)).toBe(
      true,
    );
    await expect(
      createChannel(w.rt.ctx, w.setup.scope, {
        type: 'whatsapp',
        name: 'Wrong token',
        config: {
          appSecret: APP_SECRET,
          accessToken: 'EAAG-wrong-token',
          phoneNumberId: '1',
          wabaId: '2',
          apiBaseUrl: w.graph.apiBaseUrl,
        },
      }),
    ).rejects.toThrow(/whatsapp refused the connection: Invalid OAuth access token/);
    const given = await w.addChannel('777', { verifyToken: 'meatyhamhock' });
    expect(given.verifyToken).toBe('meatyhamhock');
  });

  it('answers Meta’s handshake with the challenge, and 403 to a wrong token', async () => {
    const ch = await w.addChannel('778', { verifyToken: 'meatyhamhock' });
    const query = readFixture('whatsapp', 'verify-handshake.query.txt').toString();
    const ok = await fetch(`${w.rt.url}/webhooks/whatsapp/${ch.id}?${query}`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe(readFixture('whatsapp', 'verify-handshake.response.txt').toString());
    const refused = await fetch(`${w.rt.url}/webhooks/whatsapp/${ch.id}?${query.replace('meatyhamhock', 'guess')}`);
    expect(refused.status).toBe(403);
  });

  it('refuses a bad signature with 401 and stores nothing', async () => {
    const before = await w.rt.ctx.db.select({ n: count() }).from(webhookEvents);
    const bad = await postMetaWebhook(
      w.rt.url,
      w.channelFor[NUMBER]!,
      APP_SECRET,
      readFixture('whatsapp', 'inbound-text.json'),
      {
        badSignature: true,
      },
    );
    expect(bad.status).toBe(401);
    const unsigned = await fetch(`${w.rt.url}/webhooks/whatsapp/${w.channelFor[NUMBER]!.id}`, {
      method: 'POST',
      body: readFixture('whatsapp', 'inbound-text.body.txt'),
    });
    expect(unsigned.status).toBe(401);
    expect((await w.rt.ctx.db.select({ n: count() }).from(webhookEvents))[0]!.n).toBe(before[0]!.n);
  });

  it('stores each inbound fixture once when Meta delivers it twice', async () => {
    const cases = [
      [NUMBER, 'inbound-text.json', 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA='],
      [
        '110000000000001',
        'inbound-text-real-capture.json',
        'wamid.HBgMNTczMDA1NTUwMTAxFQIAEhgUM0FCNDZBODYzNUE1NjY1RjlERkIA',
      ],
      ['1234567890', 'inbound-text-bsuid.json', 'external_id'],
    ] as const;
    for (const [number, file] of cases) {
      for (let i = 0; i < 2; i++) expect((await w.post(number, readFixture('whatsapp', file))).status).toBe(200);
    }
    for (const [number, , id] of cases) {
      await eventually(() => w.message(id));
      expect(await w.setup.scope.count(messages, eq(messages.providerMessageId, id))).toBe(1);
      expect(await w.setup.scope.count(webhookEvents, eq(webhookEvents.providerEventId, id))).toBe(1);
      expect((await w.message(id))!.channelId).toBe(w.channelFor[number]!.id);
    }
    const [sheena] = await w.setup.scope.find(contacts, eq(contacts.phone, '+16505551234'));
    expect(sheena).toMatchObject({ firstName: 'Sheena', lastName: 'Nelson' });
    const ids = await w.setup.scope.find(contactIdentifiers, eq(contactIdentifiers.contactId, sheena!.id));
    expect(ids).toEqual([
      expect.objectContaining({ kind: 'phone', value: '+16505551234', verified: true, source: 'whatsapp' }),
    ]);

    const [bsuid] = await w.setup.scope.find(contactChannels, eq(contactChannels.externalId, 'US.1234'));
    const [kerry] = await w.setup.scope.find(contacts, eq(contacts.id, bsuid!.contactId));
    expect(kerry).toMatchObject({ firstName: 'Kerry', lastName: 'Fisher', phone: null });
    expect(await w.setup.scope.count(contactIdentifiers, eq(contactIdentifiers.contactId, kerry!.id))).toBe(0);
  });

  it('copies an inbound image into Files through the Graph media endpoint', async () => {
    w.graph.addMedia('2754859441498128', PNG, 'image/png');
    for (let i = 0; i < 2; i++) await w.post(NUMBER, readFixture('whatsapp', 'inbound-image.json'));
    const id = 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQwNTRBM0VCRTNFODRGRjcxQjAA';
    const stored = await eventually(async () => {
      const m = await w.message(id);
      return m?.attachments[0]?.fileId ? m : undefined;
    });
    expect(stored.body).toBe('This is a caption');
    expect(stored.attachments[0]).toMatchObject({ type: 'image', mime: 'image/png', size: PNG.length });
    const file = await w.session.request('GET', `/api/files/${stored.attachments[0]!.fileId}`);
    expect(Buffer.from(await file.arrayBuffer())).toEqual(PNG);
    const download = w.graph.calls.find((c) => c.path === '/media-download/2754859441498128');
    expect(download?.authorization).toBe(`Bearer ${TOKEN}`);
    expect(await w.setup.scope.count(messages, eq(messages.providerMessageId, id))).toBe(1);
  });

  it('moves a reply through sent, delivered and read from the status fixtures, never backwards', async () => {
    // The status fixtures were received on another number, for a message to +54 9 11 5555 0102.
    const inbound = fixtureJson('whatsapp', 'inbound-text.json');
    const value = inbound.entry[0].changes[0].value;
    value.metadata.phone_number_id = STATUS_NUMBER;
    value.contacts[0] = { profile: { name: 'Lucía Gómez' }, wa_id: '5491155550102' };
    value.messages[0] = { ...value.messages[0], from: '5491155550102', id: 'wamid.LUCIA1' };
    await w.post(STATUS_NUMBER, inbound);
    await eventually(() => w.message('wamid.LUCIA1'));
    const wamid = 'wamid.HBgNNTQ5MTE1NTU1MDEwMhUCABEYEjgxQkVFRDVBQTVDODFDOTg3MQA=';
    w.graph.respondToSend({
      status: 200,
      body: JSON.stringify({ messaging_product: 'whatsapp', messages: [{ id: wamid }] }),
    });
    const id = await w.reply('+5491155550102', { text: 'Gracias por escribir' });
    await w.settled(id);
    // Meta does not order statuses: read arrives first here, and the later sent/delivered change nothing.
    for (const s of ['read', 'delivered', 'sent'])
      for (let i = 0; i < 2; i++)
        expect((await w.post(STATUS_NUMBER, readFixture('whatsapp', `status-${s}.json`))).status).toBe(200);
    for (const s of ['read', 'delivered', 'sent'])
      expect(await w.setup.scope.count(webhookEvents, eq(webhookEvents.providerEventId, `${wamid}:${s}`))).toBe(1);
    await eventually(async () => {
      const pending = await w.setup.scope.count(webhookEvents, isNull(webhookEvents.processedAt));
      return pending === 0;
    });
    const [read] = await w.setup.scope.find(messages, eq(messages.id, id));
    expect(read).toMatchObject({ status: 'read' });
    expect(read!.readAt?.getTime()).toBe(1750857384 * 1000);
    expect(read!.deliveredAt?.getTime()).toBe(1750857384 * 1000);
  });
});
