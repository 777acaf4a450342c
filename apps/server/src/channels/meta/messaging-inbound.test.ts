import { describe, expect, it } from 'vitest';
import { fixtureJson, type MetaChannel, readFixture } from '../../../test/support/meta-fixtures';
import { metaDeliveryId } from './body';
import { parseMessagingWebhook } from './messaging-inbound';

const parse = (channel: MetaChannel, name: string, ownId?: string) =>
  parseMessagingWebhook(readFixture(channel, name), ownId);

/** The Messenger text fixture's envelope around one `messaging[]` event. */
function withEvent(event: Record<string, unknown>): Buffer {
  const payload = fixtureJson('messenger', 'inbound-text.json');
  payload.entry[0].messaging[0] = {
    sender: { id: '1254459154682919' },
    recipient: { id: '682498302938465' },
    timestamp: 1458692752478,
    ...event,
  };
  return Buffer.from(JSON.stringify(payload));
}

describe('Messenger and Instagram webhook parsing', () => {
  it('parses a Messenger text with its quick reply payload; the PSID is the identity, with no phone', () => {
    expect(parse('messenger', 'inbound-text.json')).toEqual([
      {
        kind: 'message',
        providerMessageId: 'mid.1457764197618:41d102a3e1ae206a38',
        sender: { externalId: '1254459154682919' },
        text: 'hello, world!',
        attachments: [],
        timestamp: new Date(1458692752478),
        meta: { interactive: { type: 'quick_reply', payload: '<DEVELOPER_DEFINED_PAYLOAD>' } },
      },
    ]);
    expect(parse('messenger', 'inbound-text-no-quick-reply.body.txt')[0]).toMatchObject({
      text: 'hello, world!',
      meta: {},
    });
  });

  it('keeps image URLs as refs to download (they expire)', () => {
    expect(parse('messenger', 'inbound-image.json')[0]).toMatchObject({
      providerMessageId: 'mid.$cAAJdkrCd2ORnva8ErFhjGm0X_Q_c',
      attachments: [
        {
          type: 'image',
          url: 'https://example.com/attachments/image.jpg',
          ref: 'https://example.com/attachments/image.jpg',
        },
      ],
    });
    const url = 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=17950000000000000';
    expect(parse('instagram', 'inbound-image.json')[0]).toMatchObject({
      sender: { externalId: '5678' },
      attachments: [{ type: 'image', url, ref: url }],
    });
  });

  it('parses an Instagram text with the IGSID as identity', () => {
    expect(parse('instagram', 'inbound-text.json', '17841400000000000')).toEqual([
      expect.objectContaining({
        providerMessageId: 'aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQx',
        sender: { externalId: '5678' },
        text: 'Hello World',
      }),
    ]);
  });

  it('turns delivery receipts into per-mid statuses plus a watermark, and reads into a watermark', () => {
    expect(parse('messenger', 'status-delivered.json')).toEqual([
      {
        kind: 'status',
        providerMessageId: 'mid.1458668856218:ed81099e15d3f4f233',
        status: 'delivered',
        timestamp: undefined,
      },
      {
        kind: 'watermark',
        recipientExternalId: '1254459154682919',
        status: 'delivered',
        watermark: new Date(1458668856253),
      },
    ]);
    expect(parse('messenger', 'status-read.json')).toEqual([
      {
        kind: 'watermark',
        recipientExternalId: '1254459154682919',
        status: 'read',
        watermark: new Date(1458668856253),
      },
    ]);
  });

  it('ignores echoes and other pages’ events, and keeps odd messages visible', () => {
    expect(
      parseMessagingWebhook(withEvent({ message: { mid: 'm_echo', text: 'ours', is_echo: true, app_id: 1 } })),
    ).toEqual([]);
    expect(parse('messenger', 'inbound-text.json', '999')).toEqual([]);
    expect(parse('messenger', 'inbound-text.json', '682498302938465')).toHaveLength(1);
    expect(
      parseMessagingWebhook(
        withEvent({
          message: {
            mid: 'm_share',
            attachments: [{ type: 'ig_reel', payload: { url: 'https://x/reel', title: 'Reel' } }],
          },
        }),
      )[0],
    ).toMatchObject({ attachments: [{ type: 'unsupported', url: 'https://x/reel', name: 'Reel' }] });
    expect(parseMessagingWebhook(withEvent({ message: { mid: 'm_unsup', is_unsupported: true } }))[0]).toMatchObject({
      attachments: [{ type: 'unsupported' }],
    });
    expect(
      parseMessagingWebhook(withEvent({ message: { mid: 'm_r', text: 'sí', reply_to: { mid: 'm_ours' } } }))[0],
    ).toMatchObject({
      meta: { replyTo: 'm_ours' },
    });
  });

  it('parses postbacks, reactions and Instagram reads', () => {
    expect(
      parseMessagingWebhook(withEvent({ postback: { mid: 'm_pb', title: 'Ver catálogo', payload: 'CATALOG' } }))[0],
    ).toMatchObject({
      providerMessageId: 'm_pb',
      text: 'Ver catálogo',
      meta: { interactive: { type: 'postback', payload: 'CATALOG' } },
    });
    expect(
      parseMessagingWebhook(
        withEvent({ reaction: { mid: 'm_ours', action: 'react', emoji: '❤️', reaction: 'love' } }),
      )[0],
    ).toMatchObject({
      text: '❤️',
      meta: { reaction: { to: 'm_ours', emoji: '❤️' } },
    });
    expect(parseMessagingWebhook(withEvent({ reaction: { mid: 'm_ours', action: 'unreact' } }))).toEqual([]);
    expect(parseMessagingWebhook(withEvent({ read: { mid: 'm_ours' } }))).toEqual([
      { kind: 'status', providerMessageId: 'm_ours', status: 'read', timestamp: new Date(1458692752478) },
    ]);
  });

  it('identifies a delivery by its mid, or by recipient and watermark', () => {
    const text = readFixture('messenger', 'inbound-text.json');
    expect(metaDeliveryId(parseMessagingWebhook(text), text)).toBe('mid.1457764197618:41d102a3e1ae206a38');
    const read = readFixture('messenger', 'status-read.json');
    expect(metaDeliveryId(parseMessagingWebhook(read), read)).toBe('watermark:1254459154682919:read:1458668856253');
    const echo = withEvent({ message: { mid: 'm_echo', is_echo: true } });
    expect(metaDeliveryId(parseMessagingWebhook(echo), echo)).toMatch(/^body:[0-9a-f]{64}$/);
  });
});
