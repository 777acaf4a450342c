import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Meta's `X-Hub-Signature-256` of a raw body, keyed with the app secret. */
export const signMetaBody = (appSecret: string, rawBody: string) =>
  `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;

/**
 * A loopback Graph API for the browser tests: `GET /v21.0/{id}?fields=id` (the credential check when a
 * channel is added, answered `{id}`), `GET /v21.0/{waba}/message_templates` (the templates given),
 * `POST /v21.0/{waba}/message_templates` (a template submitted for review, recorded), and
 * `POST /v21.0/{id}/messages` (recorded, answered with a wamid, or the Send API's `message_id` for Messenger,
 * or a scripted Graph error),
 * `POST`/`DELETE /v21.0/me/messenger_profile` (chat menus, recorded). Another token gets Graph's error 190.
 */
export async function startGraphStub(token: string, templates: unknown[] = []) {
  const sends: { path: string; body: Record<string, unknown> }[] = [];
  const templateSubmissions: Record<string, unknown>[] = [];
  const profileCalls: { method: string; query: string; body: Record<string, unknown> }[] = [];
  /** Graph errors given to the next sends, in order (then the default success). */
  const refusals: { status: number; body: unknown }[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => {
      raw += chunk.toString();
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://stub');
      const [, version, id, edge] = url.pathname.split('/');
      const ok = version === 'v21.0' && id && req.headers.authorization === `Bearer ${token}`;
      const answer = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (!ok)
        return answer(401, { error: { message: 'Invalid OAuth access token.', type: 'OAuthException', code: 190 } });
      if (req.method === 'POST' && edge === 'messages') {
        const body = JSON.parse(raw) as Record<string, unknown>;
        sends.push({ path: url.pathname, body });
        const refusal = refusals.shift();
        if (refusal) return answer(refusal.status, refusal.body);
        if (body.messaging_product === 'whatsapp')
          return answer(200, { messaging_product: 'whatsapp', messages: [{ id: `wamid.STUB${sends.length}` }] });
        // Messenger/Instagram's Send API.
        const recipient = body.recipient as { id?: string } | undefined;
        return answer(200, { recipient_id: recipient?.id ?? '1254459154682919', message_id: `m_STUB${sends.length}` });
      }
      if ((req.method === 'POST' || req.method === 'DELETE') && edge === 'messenger_profile') {
        profileCalls.push({ method: req.method, query: url.search, body: JSON.parse(raw || '{}') });
        return answer(200, { result: 'success' });
      }
      if (req.method === 'POST' && edge === 'message_templates') {
        const body = JSON.parse(raw) as Record<string, unknown>;
        templateSubmissions.push(body);
        return answer(200, {
          id: `16270198611064${templateSubmissions.length}`,
          status: 'PENDING',
          category: body.category,
        });
      }
      if (edge === 'message_templates') return answer(200, { data: templates, paging: { cursors: {} } });
      return answer(200, { id });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    apiBaseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v21.0`,
    /** The bodies of `POST /{waba}/message_templates` (new templates submitted for review). */
    templateSubmissions: () => templateSubmissions,
    /** Messenger Profile API calls (chat menus): method, query and JSON body, in order. */
    profileCalls: () => profileCalls,
    /** The message sends received (refused ones included), in order, with their JSON bodies. */
    sends,
    /** Answers the next send with this Graph error instead of accepting it. */
    refuseNextSend: (status: number, body: unknown) => refusals.push({ status, body }),
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
