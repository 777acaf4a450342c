import { describe, expect, it } from 'vitest';
import { fixtureJson, readFixture } from '../../../test/support/meta-fixtures';
import { metaDeliveryId } from '../meta/body';
import { parseWhatsAppWebhook } from './inbound';

const parse = (name: string, phoneNumberId?: string) =>
  parseWhatsAppWebhook(readFixture('whatsapp', name), phoneNumberId);

/** The text fixture with its message replaced by `message` (other types share the envelope, §1.3). */
function withMessage(message: Record<string, unknown>): Buffer {
  const payload = fixtureJson('whatsapp', 'inbound-text.json');
  const original = payload.entry[0].changes[0].value.messages[0];
  payload.entry[0].changes[0].value.messages[0] = {
    from: original.from,
    id: 'wamid.X',
    timestamp: original.timestamp,
    ...message,
  };
  return Buffer.from(JSON.stringify(payload));
}

describe('WhatsApp webhook parsing', () => {
  it('parses a text message with the verified wa_id as phone and the profile name', () => {
    expect(parse('inbound-text.json')).toEqual([
      {
        kind: 'message',
        providerMessageId: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=',
        sender: {
          externalId: '16505551234',
          name: 'Sheena Nelson',
          username: undefined,
          phone: '+16505551234',
          identifiersVerified: true,
        },
        text: 'Does it come in another color?',
        attachments: [],
        timestamp: new Date(1749416383 * 1000),
        meta: {},
      },
    ]);
    expect(parse('inbound-text-real-capture.json')[0]).toMatchObject({
      sender: { externalId: '573005550101', name: 'Ana Pérez', phone: '+573005550101' },
      text: 'Hihu',
    });
  });

  it('makes a sender without a phone (BSUID only) their own identity, unverified, without phone', () => {
    const [m] = parse('inbound-text-bsuid.json');
    expect(m).toMatchObject({
      kind: 'message',
      providerMessageId: 'external_id',
      sender: { externalId: 'US.1234', name: 'Kerry Fisher', username: 'kfisher', identifiersVerified: false },
      text: 'Hello World',
      meta: { bsuid: 'US.1234' },
    });
    expect(m?.kind === 'message' && m.sender.phone).toBeUndefined();
  });

  it('puts the image’s Graph media id in ref, with its caption as text', () => {
    expect(parse('inbound-image.json')[0]).toMatchObject({
      text: 'This is a caption',
      attachments: [{ type: 'image', ref: '2754859441498128', mime: 'image/jpeg' }],
    });
  });

  it('parses sent, delivered, read and failed statuses (failed with code and title + details)', () => {
    for (const s of ['sent', 'delivered', 'read'] as const) {
      expect(parse(`status-${s}.json`)).toEqual([
        {
          kind: 'status',
          providerMessageId: 'wamid.HBgNNTQ5MTE1NTU1MDEwMhUCABEYEjgxQkVFRDVBQTVDODFDOTg3MQA=',
          status: s,
          timestamp: new Date(1750857384 * 1000),
        },
      ]);
    }
    expect(parse('status-failed-131047.json')[0]).toMatchObject({
      status: 'failed',
      errorCode: '131047',
      errorReason: expect.stringMatching(/^Re-engagement message: Message failed to send because more than 24 hours/),
    });
  });

  it('skips changes for another phone number of the same app', () => {
    expect(parse('inbound-text.json', '106540352242922')).toHaveLength(1);
    expect(parse('inbound-text.json', '999')).toHaveLength(0);
  });

  it('parses the other message types (§1.3) and keeps unknown ones visible', () => {
    const one = (message: Record<string, unknown>) => parseWhatsAppWebhook(withMessage(message))[0];
    expect(
      one({ type: 'document', document: { id: 'd1', filename: 'factura.pdf', mime_type: 'application/pdf' } }),
    ).toMatchObject({
      attachments: [{ type: 'file', ref: 'd1', name: 'factura.pdf', mime: 'application/pdf' }],
    });
    expect(one({ type: 'audio', audio: { id: 'a1', mime_type: 'audio/ogg; codecs=opus', voice: true } })).toMatchObject(
      {
        attachments: [{ type: 'audio', ref: 'a1' }],
      },
    );
    expect(one({ type: 'video', video: { id: 'v1', mime_type: 'video/mp4' } })).toMatchObject({
      attachments: [{ type: 'video', ref: 'v1' }],
    });
    expect(one({ type: 'sticker', sticker: { id: 's1', mime_type: 'image/webp', animated: false } })).toMatchObject({
      attachments: [{ type: 'sticker', ref: 's1' }],
    });
    expect(
      one({ type: 'location', location: { latitude: 19.4326, longitude: -99.1332, name: 'Zócalo' } }),
    ).toMatchObject({
      attachments: [
        { type: 'location', name: 'Zócalo', url: 'https://www.google.com/maps/search/?api=1&query=19.4326,-99.1332' },
      ],
      meta: { location: { latitude: 19.4326, longitude: -99.1332, name: 'Zócalo' } },
    });
    expect(
      one({
        type: 'contacts',
        contacts: [{ name: { formatted_name: 'Ana Pérez' }, phones: [{ phone: '+1 202 555 0101' }] }],
      }),
    ).toMatchObject({ attachments: [{ type: 'contact', name: 'Ana Pérez · +1 202 555 0101' }] });
    expect(one({ type: 'button', button: { text: 'Sí', payload: 'YES' } })).toMatchObject({
      text: 'Sí',
      meta: { interactive: { type: 'button', payload: 'YES' } },
    });
    expect(
      one({ type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: 'b2', title: 'Mañana' } } }),
    ).toMatchObject({
      text: 'Mañana',
      meta: { interactive: { type: 'button_reply', id: 'b2' } },
    });
    expect(
      one({
        type: 'interactive',
        interactive: { type: 'list_reply', list_reply: { id: 'l1', title: 'Talla M', description: '' } },
      }),
    ).toMatchObject({ text: 'Talla M', meta: { interactive: { type: 'list_reply', id: 'l1' } } });
    expect(one({ type: 'reaction', reaction: { message_id: 'wamid.OURS', emoji: '👍' } })).toMatchObject({
      text: '👍',
      meta: { reaction: { to: 'wamid.OURS', emoji: '👍' } },
    });
    expect(
      parseWhatsAppWebhook(withMessage({ type: 'reaction', reaction: { message_id: 'wamid.OURS', emoji: '' } })),
    ).toEqual([]);
    expect(
      one({ type: 'text', text: { body: 'esa' }, context: { from: '15550783881', id: 'wamid.QUOTED' } }),
    ).toMatchObject({
      text: 'esa',
      meta: { replyTo: 'wamid.QUOTED' },
    });
    expect(
      one({
        type: 'unsupported',
        errors: [
          {
            code: 131051,
            title: 'Message type unknown',
            error_data: { details: 'Message type is currently not supported.' },
          },
        ],
      }),
    ).toMatchObject({
      attachments: [{ type: 'unsupported', name: 'unsupported: Message type is currently not supported.' }],
      meta: { unsupportedType: 'unsupported' },
    });
    expect(one({ type: 'order', order: { catalog_id: 'c1' } })).toMatchObject({
      attachments: [{ type: 'unsupported', name: 'order' }],
    });
  });

  it('gives one delivery one stable id: the wamid, wamid:status, or a hash for batches', () => {
    const text = readFixture('whatsapp', 'inbound-text.json');
    expect(metaDeliveryId(parseWhatsAppWebhook(text), text)).toBe(
      'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=',
    );
    const read = readFixture('whatsapp', 'status-read.json');
    expect(metaDeliveryId(parseWhatsAppWebhook(read), read)).toBe(
      'wamid.HBgNNTQ5MTE1NTU1MDEwMhUCABEYEjgxQkVFRDVBQTVDODFDOTg3MQA=:read',
    );
    const batch = fixtureJson('whatsapp', 'inbound-text.json');
    const value = batch.entry[0].changes[0].value;
    value.messages.push({ ...value.messages[0], id: 'wamid.SECOND' });
    const raw = Buffer.from(JSON.stringify(batch));
    const id = metaDeliveryId(parseWhatsAppWebhook(raw), raw);
    expect(id).toMatch(/^batch:[0-9a-f]{64}$/);
    const pretty = Buffer.from(JSON.stringify(batch, null, 2));
    expect(metaDeliveryId(parseWhatsAppWebhook(pretty), pretty)).toBe(id);
  });
});
