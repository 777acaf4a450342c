import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/modules/tokens/service';
import { readFixture } from './support/meta-fixtures';
import { ContractClient } from './support/openapi-client';
import { eventually } from './support/runtime';
import { NUMBER, startWhatsAppWorld, type WhatsAppWorld } from './support/whatsapp-world';

/** Approved templates as Graph lists them: an IMAGE header, and a DOCUMENT header with a URL button. */
const promo = {
  id: '770000000000011',
  name: 'promo_image',
  language: 'es',
  status: 'APPROVED',
  category: 'MARKETING',
  parameter_format: 'POSITIONAL',
  components: [
    { type: 'HEADER', format: 'IMAGE', example: { header_handle: ['4::aW1hZ2UvcG5n:HANDLE'] } },
    { type: 'BODY', text: 'Mira nuestra oferta, {{1}}', example: { body_text: [['Ana']] } },
  ],
};
const invoice = {
  id: '770000000000012',
  name: 'invoice_ready',
  language: 'es',
  status: 'APPROVED',
  category: 'UTILITY',
  parameter_format: 'POSITIONAL',
  components: [
    { type: 'HEADER', format: 'DOCUMENT', example: { header_handle: ['4::YXBwbGljYXRpb24vcGRm:HANDLE'] } },
    { type: 'BODY', text: 'Tu factura {{1}} está lista.', example: { body_text: [['F-1']] } },
    {
      type: 'BUTTONS',
      buttons: [{ type: 'URL', text: 'Ver factura', url: 'https://shop.example.com/f/{{1}}', example: ['F-1'] }],
    },
  ],
};

/**
 * `POST /v2/contact/{identifier}/message` with a `whatsapp_template` whose header is media, given by link in
 * WhatsApp Cloud API's component shape, through the OpenAPI-checked client and the fake Graph API.
 */
describe('API v2: WhatsApp templates with media headers', () => {
  let w: WhatsAppWorld;
  let api: ContractClient;
  const contact = 'phone:+16505551234';
  const send = (template: Record<string, unknown>) =>
    api.call('POST', `/v2/contact/${contact}/message`, {
      channelId: w.channelFor[NUMBER]!.id,
      message: { type: 'whatsapp_template', template },
    });
  beforeAll(async () => {
    w = await startWhatsAppWorld();
    await w.post(NUMBER, readFixture('whatsapp', 'inbound-text.json'));
    await eventually(() => w.message('wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA='));
    w.graph.setTemplatePages([promo, invoice]);
    const synced = await w.session.json(
      'POST',
      `/api/w/${w.setup.ws.slug}/channels/${w.channelFor[NUMBER]!.id}/templates/sync`,
    );
    expect(synced.status).toBe(200);
    const { token } = await createApiToken(w.setup.scope, 'templates', w.setup.owner.id);
    api = await ContractClient.load(w.rt.url, token);
  });

  afterAll(async () => {
    await w?.close();
  });

  it('sends an IMAGE header by the link given, as WhatsApp takes it', async () => {
    const before = w.graph.sends().length;
    const res = await send({
      name: 'promo_image',
      languageCode: 'es',
      components: [
        { type: 'header', parameters: [{ type: 'image', image: { link: 'https://cdn.example.com/promo.png' } }] },
        { type: 'body', parameters: [{ type: 'text', text: 'Ana' }] },
      ],
    });
    expect(res.status).toBe(200);
    expect((await w.settled(res.body.messageId)).status).toBe('sent');
    const [call] = w.graph.sends().slice(before);
    expect(call!.json.template).toEqual({
      name: 'promo_image',
      language: { policy: 'deterministic', code: 'es' },
      components: [
        { type: 'header', parameters: [{ type: 'image', image: { link: 'https://cdn.example.com/promo.png' } }] },
        { type: 'body', parameters: [{ type: 'text', text: 'Ana' }] },
      ],
    });
    const read = await api.call('GET', `/v2/contact/${contact}/message/${res.body.messageId}`);
    expect(read.body.message).toMatchObject({
      type: 'whatsapp_template',
      template: { name: 'promo_image', header: { type: 'image', link: 'https://cdn.example.com/promo.png' } },
    });
  });

  it('sends a DOCUMENT header with its file name, and a URL button’s suffix', async () => {
    const before = w.graph.sends().length;
    const res = await send({
      name: 'invoice_ready',
      languageCode: 'es',
      components: [
        {
          type: 'header',
          parameters: [
            { type: 'document', document: { link: 'https://cdn.example.com/f-1.pdf', filename: 'Factura F-1.pdf' } },
          ],
        },
        { type: 'body', parameters: [{ type: 'text', text: 'F-1' }] },
        { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: 'F-1' }] },
      ],
    });
    expect(res.status).toBe(200);
    expect((await w.settled(res.body.messageId)).status).toBe('sent');
    const [call] = w.graph.sends().slice(before);
    expect(call!.json.template.components).toEqual([
      {
        type: 'header',
        parameters: [
          { type: 'document', document: { link: 'https://cdn.example.com/f-1.pdf', filename: 'Factura F-1.pdf' } },
        ],
      },
      { type: 'body', parameters: [{ type: 'text', text: 'F-1' }] },
      { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: 'F-1' }] },
    ]);
  });

  it('refuses a missing, mistyped or non-https header before anything is queued', async () => {
    const before = w.graph.sends().length;
    const body = { type: 'body', parameters: [{ type: 'text', text: 'Ana' }] };
    const promoWith = (...header: Record<string, unknown>[]) =>
      send({
        name: 'promo_image',
        languageCode: 'es',
        components: [...header.map((p) => ({ type: 'header', parameters: [p] })), body],
      });
    const refusals = [
      await promoWith(),
      await promoWith({ type: 'video', video: { link: 'https://cdn.example.com/v.mp4' } }),
      await promoWith({ type: 'image', image: { link: 'http://cdn.example.com/p.png' } }),
      await promoWith({ type: 'image', url: 'https://cdn.example.com/p.png' }),
    ];
    expect(refusals.map((r) => [r.status, r.body.error])).toEqual(Array(4).fill([400, 'template_header']));
    expect(w.graph.sends().length).toBe(before);
  });
});
