import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Meta's `X-Hub-Signature-256` of a raw body, keyed with the app secret. */
export const signMetaBody = (appSecret: string, rawBody: string) =>
  `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;

/**
 * The one Graph call a channel makes when it is added: `GET /v21.0/{id}?fields=id` with the bearer token
 * (answered `{id}`, or Graph's error 190 for another token).
 */
export async function startGraphStub(token: string) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stub');
    const [, version, id] = url.pathname.split('/');
    const ok = version === 'v21.0' && id && req.headers.authorization === `Bearer ${token}`;
    res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
    res.end(
      ok
        ? JSON.stringify({ id })
        : JSON.stringify({ error: { message: 'Invalid OAuth access token.', type: 'OAuthException', code: 190 } }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    apiBaseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v21.0`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Posts Meta's WhatsApp `messages` webhook of one text from Sheena Nelson (wa_id 16505551234, the fixtures'
 * sender), signed with the app secret as Meta does; returns the HTTP status.
 */
export async function postWhatsAppText(
  webhookUrl: string,
  appSecret: string,
  message: { id: string; text: string; phoneNumberId?: string },
): Promise<number> {
  const body = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: {
                display_phone_number: '15550783881',
                phone_number_id: message.phoneNumberId ?? '106540352242922',
              },
              contacts: [{ profile: { name: 'Sheena Nelson' }, wa_id: '16505551234' }],
              messages: [
                {
                  from: '16505551234',
                  id: message.id,
                  timestamp: '1749416383',
                  type: 'text',
                  text: { body: message.text },
                },
              ],
            },
          },
        ],
      },
    ],
  });
  const posted = await fetch(webhookUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signMetaBody(appSecret, body) },
    body,
  });
  await posted.arrayBuffer();
  return posted.status;
}
