import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messagebirdAdapter } from '../src/channels/messagebird';
import { twilioAdapter } from '../src/channels/twilio';
import { vonageAdapter } from '../src/channels/vonage';
import { whatsappAdapter } from '../src/channels/whatsapp';
import { broadcastRecipients, contactChannels, contacts, messages, messageTemplates } from '../src/db/schema';
import { phoneAddressOf } from '../src/modules/contacts/phone-address';
import { fixtureJson } from './support/meta-fixtures';
import { eventually } from './support/runtime';
import { NUMBER, startWhatsAppWorld, type WhatsAppWorld } from './support/whatsapp-world';

/**
 * A contact known only by their phone number (imported, typed into a form) can be written to on a channel
 * that addresses people by number: from their page ("send a message"), in the composer, and in broadcasts.
 * The number becomes their address there, and their answer — even from a wa_id spelled otherwise — lands
 * on them.
 */
describe('reaching a contact by phone on WhatsApp', () => {
  let w: WhatsAppWorld;
  let base: string;
  let channelId: number;
  let templateId: number;
  let ines: number;

  beforeAll(async () => {
    w = await startWhatsAppWorld();
    base = `/api/w/${w.setup.ws.slug}`;
    channelId = w.channelFor[NUMBER]!.id;
    const [c] = await w.setup.scope.insert(contacts, { firstName: 'Inés', phone: '+525512340001' }).returning();
    ines = c!.id;
    const [t] = await w.setup.scope
      .insert(messageTemplates, {
        channelId,
        name: 'bienvenida',
        language: 'es_MX',
        status: 'APPROVED',
        components: { body: 'Hola {{1}}, gracias por tu compra', parameters: ['1'], other: [] },
        parameterCount: 1,
      })
      .returning();
    templateId = t!.id;
  });

  afterAll(async () => {
    await w?.close();
  });

  const addresses = async (contactId: number) =>
    (await w.setup.scope.find(contactChannels, eq(contactChannels.contactId, contactId)))
      .map((a) => a.externalId)
      .sort();

  it('writes phone numbers as each provider addresses them', () => {
    const e164 = '+525512340001';
    const twilio = (fromNumber: string) => twilioAdapter.phoneAddress!({ fromNumber } as never)!;
    expect(phoneAddressOf(whatsappAdapter.phoneAddress!({} as never)!, e164)).toBe('525512340001');
    expect(phoneAddressOf(twilio('+14155238886'), e164)).toBe('+525512340001');
    expect(phoneAddressOf(twilio('whatsapp:+14155238886'), e164)).toBe('whatsapp:+525512340001');
    expect(phoneAddressOf(vonageAdapter.phoneAddress!({} as never)!, e164)).toBe('525512340001');
    const bird = (config: object) => phoneAddressOf(messagebirdAdapter.phoneAddress!(config as never)!, e164);
    expect(bird({ channelId: '619747f69cf940a98fb443140ce9aed2' })).toBe('+525512340001');
    expect(bird({ originator: 'Tienda' })).toBe('525512340001');
  });

  it('starts a conversation from the contact, offers the number on WhatsApp, templates only', async () => {
    const started = await w.session.json('POST', `${base}/contacts/${ines}/conversation`);
    expect(started.status).toBe(201);
    const again = await w.session.json('POST', `${base}/contacts/${ines}/conversation`);
    expect(again.status).toBe(200);
    expect(again.body.conversation.id).toBe(started.body.conversation.id);
    const conversationId = started.body.conversation.id as number;

    const channels = await w.session.json('GET', `${base}/conversations/${conversationId}/reply-channels`);
    const wa = channels.body.items.find((c: { id: number }) => c.id === channelId);
    expect(wa).toMatchObject({ viaPhone: '+525512340001', windowOpen: false, templates: true, lastInboundAt: null });

    // Free text is refused (WhatsApp's window never opened), and the refusal leaves no address behind.
    const text = await w.session.json('POST', `${base}/conversations/${conversationId}/messages`, {
      text: 'Hola',
      channelId,
    });
    expect([text.status, text.body.code]).toEqual([400, 'window_closed']);
    expect(text.body.message).toContain('has not written on this channel yet');
    expect(await addresses(ines)).toEqual([]);

    // Meta reached the number as the wa_id `521…` (Mexico's old mobile 1): both become Inés's addresses.
    w.graph.respondToSend({
      status: 200,
      body: JSON.stringify({
        messaging_product: 'whatsapp',
        contacts: [{ input: '525512340001', wa_id: '5215512340001' }],
        messages: [{ id: 'wamid.PHONE1' }],
      }),
    });
    const sent = await w.session.json('POST', `${base}/conversations/${conversationId}/messages`, {
      template: { id: templateId, parameters: ['Inés'] },
    });
    expect(sent.status).toBe(201);
    await w.settled(sent.body.id, ['sent']);
    expect(w.graph.sends().at(-1)!.json).toMatchObject({ to: '525512340001', type: 'template' });
    expect(await addresses(ines)).toEqual(['5215512340001', '525512340001']);

    // Her answer comes from the wa_id: it lands on Inés, in the same conversation.
    const inbound = fixtureJson('whatsapp', 'inbound-text.json');
    const value = inbound.entry[0].changes[0].value;
    value.contacts[0].wa_id = '5215512340001';
    Object.assign(value.messages[0], { from: '5215512340001', id: 'wamid.ANSWER1', text: { body: '¡Gracias!' } });
    expect((await w.post(NUMBER, inbound)).status).toBe(200);
    const answer = await eventually(() => w.message('wamid.ANSWER1'));
    expect(answer).toMatchObject({ contactId: ines, conversationId });
    expect(await w.setup.scope.count(contacts, eq(contacts.phone, '+525512340001'))).toBe(1);
  });

  it('refuses a number that is already another contact’s address, naming that contact', async () => {
    const [holder] = await w.setup.scope.insert(contacts, { firstName: 'Titular' }).returning();
    await w.setup.scope.insert(contactChannels, { contactId: holder!.id, channelId, externalId: '525512340009' });
    const [twin] = await w.setup.scope.insert(contacts, { firstName: 'Gemela', phone: '+525512340009' }).returning();
    const started = await w.session.json('POST', `${base}/contacts/${twin!.id}/conversation`);
    const res = await w.session.json('POST', `${base}/conversations/${started.body.conversation.id}/messages`, {
      template: { id: templateId, parameters: ['Gemela'] },
    });
    expect([res.status, res.body.code]).toEqual([409, 'address_taken']);
    expect(res.body.message).toContain(`#${holder!.id}`);
  });

  it('a broadcast reaches contacts known only by their phone', async () => {
    const [juan] = await w.setup.scope.insert(contacts, { firstName: 'Juan', phone: '+525512340002' }).returning();
    const [noPhone] = await w.setup.scope.insert(contacts, { firstName: 'Sin teléfono' }).returning();
    const created = await w.session.json('POST', `${base}/broadcasts`, {
      name: 'Importados',
      channelId,
      segmentId: null,
      content: { kind: 'template', templateId, parameters: ['$contact.firstname'] },
    });
    expect(created.status).toBe(201);
    const started = await w.session.json('POST', `${base}/broadcasts/${created.body.id}/send`);
    expect(started.status).toBe(200);
    const recipient = await eventually(async () => {
      const [r] = await w.setup.scope.find(
        broadcastRecipients,
        and(eq(broadcastRecipients.broadcastId, created.body.id), eq(broadcastRecipients.contactId, juan!.id)),
      );
      return r?.status === 'sent' ? r : undefined;
    });
    expect(recipient.address).toBe('525512340002');
    const [message] = await w.setup.scope.find(messages, eq(messages.id, recipient.messageId!));
    expect(message!.body).toBe('Hola Juan, gracias por tu compra');
    const noPhoneRows = await w.setup.scope.count(
      broadcastRecipients,
      and(eq(broadcastRecipients.broadcastId, created.body.id), eq(broadcastRecipients.contactId, noPhone!.id)),
    );
    expect(noPhoneRows).toBe(0);
  });
});
