import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactChannels, contacts, conversations, messages, messageTemplates } from '../src/db/schema';
import { saveFile } from '../src/modules/files/service';
import { fixtureJson, readFixture } from './support/meta-fixtures';
import { eventually } from './support/runtime';
import { NUMBER, startWhatsAppWorld, type WhatsAppWorld } from './support/whatsapp-world';

const WABA = '102290129340398';
const PHONE = '+16505551234';
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');

/** The list fixture's named template, the create fixture's positional one (pending) and a text-only one. */
function graphTemplates() {
  const headerAndButton: { name: string }[] = fixtureJson('whatsapp', 'template-list-header-button.response.json').data;
  const [reservation] = fixtureJson('whatsapp', 'template-list.response.json').data;
  const created = fixtureJson('whatsapp', 'template-create.request.json');
  return {
    reservation: { ...reservation, id: '880000000000001' },
    orderUpdate: { ...created, id: '1627019861106475', status: 'PENDING' },
    /** A document header and a URL button with a `{{1}}` suffix after a quick reply (so its index is 1). */
    invoice: headerAndButton.find((t) => t.name === 'invoice_ready'),
    revive: headerAndButton.find((t) => t.name === 'revive_issue'),
  };
}

/** WhatsApp message templates: sync from Graph, status webhooks, template sends outside the 24 h window. */
describe('WhatsApp Cloud API channel: message templates', () => {
  let w: WhatsAppWorld;
  let base: string;
  let conversationId: number;

  const templateNamed = async (name: string) =>
    (await w.setup.scope.find(messageTemplates, eq(messageTemplates.name, name)))[0]!;
  const closeWindow = async () => {
    const [c] = await w.setup.scope.find(contacts, eq(contacts.phone, PHONE));
    await w.setup.scope.update(
      contactChannels,
      { lastInboundAt: new Date(Date.now() - 25 * 3600_000) },
      and(eq(contactChannels.contactId, c!.id), eq(contactChannels.channelId, w.channelFor[NUMBER]!.id)),
    );
  };
  const reply = (body: Record<string, unknown>) =>
    w.session.json('POST', `${base}/conversations/${conversationId}/messages`, body);

  beforeAll(async () => {
    w = await startWhatsAppWorld();
    base = `/api/w/${w.setup.ws.slug}`;
    await w.post(NUMBER, readFixture('whatsapp', 'inbound-text.json'));
    await eventually(() => w.message('wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA='));
    const [c] = await w.setup.scope.find(contacts, eq(contacts.phone, PHONE));
    const [conv] = await w.setup.scope.find(conversations, eq(conversations.contactId, c!.id));
    conversationId = conv!.id;
  });

  afterAll(async () => {
    await w?.close();
  });

  it('syncs the account’s templates from Graph, following the paging cursor', async () => {
    const t = graphTemplates();
    w.graph.setTemplatePages([t.reservation, t.orderUpdate], [t.revive]);
    const res = await w.session.json('POST', `${base}/channels/${w.channelFor[NUMBER]!.id}/templates/sync`);
    expect(res.status).toBe(200);
    const byName = Object.fromEntries(res.body.items.map((i: { name: string }) => [i.name, i]));
    expect(Object.keys(byName).sort()).toEqual(['order_update_basic', 'reservation_confirmation', 'revive_issue']);
    expect(byName.reservation_confirmation).toMatchObject({
      language: 'en_US',
      status: 'APPROVED',
      category: 'UTILITY',
      parameterFormat: 'NAMED',
      parameters: ['number_of_guests', 'day', 'date', 'time'],
      parameterCount: 4,
    });
    expect(byName.order_update_basic).toMatchObject({ status: 'PENDING', parameters: ['1', '2'], parameterCount: 2 });
    const listCalls = w.graph.calls.filter((c) => c.path === `/v21.0/${WABA}/message_templates`);
    expect(listCalls).toHaveLength(2);

    // Listed for any member (the composer's picker); a template Meta no longer lists is dropped.
    w.graph.setTemplatePages([t.reservation, t.orderUpdate, t.revive]);
    await w.session.json('POST', `${base}/channels/${w.channelFor[NUMBER]!.id}/templates/sync`);
    const list = await w.session.json('GET', `${base}/channels/${w.channelFor[NUMBER]!.id}/templates`);
    expect(list.body.items).toHaveLength(3);
    w.graph.setTemplatePages([t.reservation, t.orderUpdate, t.revive, { ...t.revive, id: '9', name: 'gone_soon' }]);
    await w.session.json('POST', `${base}/channels/${w.channelFor[NUMBER]!.id}/templates/sync`);
    w.graph.setTemplatePages([t.reservation, t.orderUpdate, t.revive]);
    await w.session.json('POST', `${base}/channels/${w.channelFor[NUMBER]!.id}/templates/sync`);
    expect(await w.setup.scope.count(messageTemplates, eq(messageTemplates.name, 'gone_soon'))).toBe(0);
  });

  it('a message_template_status_update webhook approves the template it names', async () => {
    expect((await templateNamed('order_update_basic')).status).toBe('PENDING');
    const res = await w.post(NUMBER, readFixture('whatsapp', 'template-status-approved.json'));
    expect(res.status).toBe(200);
    await eventually(async () => (await templateNamed('order_update_basic')).status === 'APPROVED');
    // Other WhatsApp traffic on the same channel is untouched by the new event kind.
    expect(await w.setup.scope.count(messages)).toBeGreaterThan(0);
  });

  it('outside the 24 h window a text is refused with window_closed and nothing reaches Meta', async () => {
    await closeWindow();
    const before = w.graph.sends().length;
    const count = await w.setup.scope.count(messages);
    const res = await reply({ text: 'hola de nuevo' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('window_closed');
    expect(await w.setup.scope.count(messages)).toBe(count);
    expect(w.graph.sends().length).toBe(before);
    const channels = await w.session.json('GET', `${base}/conversations/${conversationId}/reply-channels`);
    expect(channels.body.items[0]).toMatchObject({ type: 'whatsapp', windowOpen: false, templates: true });
  });

  it('sends a template outside the window: the fixture’s request body, the rendered text stored', async () => {
    await closeWindow();
    const revive = await templateNamed('revive_issue');
    const res = await reply({ template: { id: revive.id, parameters: ['Chef', 'tomorrow'] } });
    expect(res.status).toBe(201);
    expect(res.body.body).toBe('Hi Chef, we can talk about your issue tomorrow.');
    const sent = await w.settled(res.body.id);
    expect(sent.status).toBe('sent');
    expect(sent.meta.template).toMatchObject({ id: revive.id, name: 'revive_issue', parameters: ['Chef', 'tomorrow'] });
    expect(w.graph.sends().at(-1)!.json).toEqual({
      ...fixtureJson('whatsapp', 'send-template.request.json'),
      to: '16505551234',
    });
  });

  it('sends named parameters with their names', async () => {
    const reservation = await templateNamed('reservation_confirmation');
    const photo = await saveFile(w.rt.ctx, w.setup.scope, {
      name: 'mesa.png',
      mime: 'image/png',
      bytes: PNG,
      source: 'upload',
    });
    const res = await reply({
      template: { id: reservation.id, parameters: ['4', 'Saturday', 'August 30th', '7:30 pm'], headerFileId: photo.id },
    });
    expect(res.status).toBe(201);
    expect(res.body.body).toContain(
      'Your reservation for 4 at Lucky Shrub Eatery on Saturday, August 30th, at 7:30 pm',
    );
    await w.settled(res.body.id);
    expect(w.graph.sends().at(-1)!.json.template.components[1].parameters[0]).toEqual({
      type: 'text',
      parameter_name: 'number_of_guests',
      text: '4',
    });
  });

  it('sends a media header by its signed link and a URL button’s suffix, in Graph’s components format', async () => {
    const t = graphTemplates();
    w.graph.setTemplatePages([t.reservation, t.orderUpdate, t.revive, t.invoice]);
    const synced = await w.session.json('POST', `${base}/channels/${w.channelFor[NUMBER]!.id}/templates/sync`);
    expect(synced.body.items.find((i: { name: string }) => i.name === 'invoice_ready')).toMatchObject({
      mediaHeader: 'DOCUMENT',
      urlButtons: [{ index: 1, text: 'Pagar', url: 'https://pay.example.com/i/{{1}}' }],
    });
    expect(synced.body.items.find((i: { name: string }) => i.name === 'revive_issue')).toMatchObject({
      mediaHeader: null,
      urlButtons: [],
    });
    await closeWindow();
    const invoice = await templateNamed('invoice_ready');
    const pdf = Buffer.from('%PDF-1.4 factura');
    const file = await saveFile(w.rt.ctx, w.setup.scope, {
      name: 'F-77.pdf',
      mime: 'application/pdf',
      bytes: pdf,
      source: 'upload',
    });
    const count = await w.setup.scope.count(messages);
    const noFile = await reply({ template: { id: invoice.id, parameters: ['Ana'], buttonParameters: ['F-77'] } });
    expect([noFile.status, noFile.body.code]).toEqual([400, 'template_header']);
    const noSuffix = await reply({ template: { id: invoice.id, parameters: ['Ana'], headerFileId: file.id } });
    expect([noSuffix.status, noSuffix.body.code]).toEqual([400, 'template_button_parameters']);
    const photo = await saveFile(w.rt.ctx, w.setup.scope, {
      name: 'x.pdf',
      mime: 'application/pdf',
      bytes: pdf,
      source: 'upload',
    });
    const reservation = await templateNamed('reservation_confirmation');
    const wrongType = await reply({
      template: { id: reservation.id, parameters: ['4', 'Sat', 'Aug 30', '7 pm'], headerFileId: photo.id },
    });
    expect([wrongType.status, wrongType.body.code]).toEqual([400, 'template_header']);
    expect(await w.setup.scope.count(messages)).toBe(count);

    const res = await reply({
      template: { id: invoice.id, parameters: ['Ana'], headerFileId: file.id, buttonParameters: [' F-77 '] },
    });
    expect(res.status).toBe(201);
    expect(res.body.body).toBe('Hola Ana, tu factura está lista.');
    expect((await w.settled(res.body.id)).status).toBe('sent');
    const body = w.graph.sends().at(-1)!.json;
    const link = body.template.components[0].parameters[0].document.link as string;
    expect(body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '16505551234',
      type: 'template',
      template: {
        name: 'invoice_ready',
        language: { policy: 'deterministic', code: 'es' },
        components: [
          { type: 'header', parameters: [{ type: 'document', document: { link, filename: 'F-77.pdf' } }] },
          { type: 'body', parameters: [{ type: 'text', text: 'Ana' }] },
          { type: 'button', sub_type: 'url', index: '1', parameters: [{ type: 'text', text: 'F-77' }] },
        ],
      },
    });
    // The link is the server's signed, public one: Meta fetches the file without a session.
    expect(link).toMatch(new RegExp(`^${w.rt.url}/media/${file.id}\\.\\d+\\.[\\w-]+$`));
    const fetched = await fetch(link);
    expect(fetched.status).toBe(200);
    expect(Buffer.from(await fetched.arrayBuffer())).toEqual(pdf);
  });

  it('validates the parameters and the template’s status before queueing', async () => {
    const revive = await templateNamed('revive_issue');
    const count = await w.setup.scope.count(messages);
    const few = await reply({ template: { id: revive.id, parameters: ['Chef'] } });
    expect(few.status).toBe(400);
    expect(few.body.code).toBe('template_parameters');
    expect(few.body.message).toMatch(/takes 2 non-empty parameter/);
    const blank = await reply({ template: { id: revive.id, parameters: ['Chef', '  '] } });
    expect(blank.body.code).toBe('template_parameters');
    const withText = await reply({ text: 'x', template: { id: revive.id, parameters: ['a', 'b'] } });
    expect(withText.body.code).toBe('template_exclusive');
    await w.setup.scope.update(messageTemplates, { status: 'REJECTED' }, eq(messageTemplates.id, revive.id));
    const rejected = await reply({ template: { id: revive.id, parameters: ['a', 'b'] } });
    expect(rejected.body.code).toBe('template_not_approved');
    const missing = await reply({ template: { id: 999_999, parameters: [] } });
    expect(missing.status).toBe(404);
    expect(await w.setup.scope.count(messages)).toBe(count);
  });

  it('creates a template for review: Meta receives the fixture’s body, the template is kept as PENDING', async () => {
    const channelId = w.channelFor[NUMBER]!.id;
    const fixture = fixtureJson('whatsapp', 'template-create.request.json');
    const draft = {
      name: 'order_update_v2',
      language: 'en_US',
      category: 'UTILITY',
      body: 'Hi {{1}}, your order #{{2}} has been shipped. Track your delivery below.',
      bodyExamples: ['Pablo', '860198-230332'],
      buttons: [{ type: 'URL', text: 'Track Order', url: 'https://example.com/track' }],
    };
    const created = await w.session.json('POST', `${base}/channels/${channelId}/templates`, draft);
    expect(created.status).toBe(201);
    expect(created.body.template).toMatchObject({
      name: 'order_update_v2',
      status: 'PENDING',
      category: 'UTILITY',
      parameters: ['1', '2'],
    });
    const submitted = w.graph.calls.filter((c) => c.method === 'POST' && c.path === `/v21.0/${WABA}/message_templates`);
    expect(submitted).toHaveLength(1);
    expect(JSON.parse(submitted[0]!.body)).toEqual({ ...fixture, name: 'order_update_v2' });
    expect((await templateNamed('order_update_v2')).providerTemplateId).toMatch(/^\d+$/);

    // A variable without an example never reaches Meta; Meta's own refusal comes back with its reason.
    const noExample = await w.session.json('POST', `${base}/channels/${channelId}/templates`, {
      ...draft,
      name: 'order_update_v3',
      bodyExamples: ['Pablo'],
    });
    expect(noExample.status).toBe(400);
    w.graph.respondToTemplateCreate({
      status: 400,
      body: JSON.stringify({
        error: {
          message: 'Invalid parameter',
          type: 'OAuthException',
          code: 100,
          error_user_msg: 'Content in this language already exists',
        },
      }),
    });
    const refused = await w.session.json('POST', `${base}/channels/${channelId}/templates`, {
      ...draft,
      name: 'order_update_v4',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('provider_refused');
    expect(await w.setup.scope.count(messageTemplates, eq(messageTemplates.name, 'order_update_v4'))).toBe(0);
    expect(
      w.graph.calls.filter((c) => c.method === 'POST' && c.path === `/v21.0/${WABA}/message_templates`),
    ).toHaveLength(2);
  });
});
