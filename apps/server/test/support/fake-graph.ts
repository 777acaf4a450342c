import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GraphCall {
  method: string;
  path: string;
  /** The query string, with its `?` (empty when none). */
  query: string;
  authorization: string | undefined;
  body: string;
  /** When the request arrived (ms since epoch): what pacing tests measure. */
  at: number;
}

export interface Scripted {
  status: number;
  body: string | Buffer;
  headers?: Record<string, string>;
}

const VERSION = 'v21.0';
const invalidToken = JSON.stringify({
  error: { message: 'Invalid OAuth access token.', type: 'OAuthException', code: 190, fbtrace_id: 'Fake' },
});
const unsupportedGet = (id: string) =>
  JSON.stringify({
    error: {
      message: `Unsupported get request. Object with ID '${id}' does not exist`,
      type: 'GraphMethodException',
      code: 100,
      error_subcode: 33,
      fbtrace_id: 'Fake',
    },
  });

/**
 * A loopback stand-in for Meta's Graph API speaking its wire format: `POST /{id}/messages` (WhatsApp's
 * `{messages:[{id}]}` or the Send API's `{recipient_id, message_id}`), `GET /{waba}/message_templates`
 * (paged by `after` cursors), `POST`/`DELETE /me/messenger_profile` (chat menus, answered
 * `{result: "success"}`), the Resumable Upload API (`POST /{app-id}/uploads`, then the bytes to
 * `POST /upload:…` with `OAuth` auth, answered `{h}`), `GET /{id}?fields=id` for the
 * credential check, `GET /{media-id}` → `{url, mime_type, …}` and the bearer-protected download, plus an
 * unauthenticated CDN for Messenger/Instagram attachment URLs. Every Graph call needs the bearer token;
 * send responses can be scripted (fixture error bodies, chosen wamids).
 */
export async function startFakeGraph(token: string) {
  const calls: GraphCall[] = [];
  const sendQueue: Scripted[] = [];
  const media = new Map<string, { bytes: Buffer; mime: string }>();
  const cdn = new Map<string, { bytes: Buffer; mime: string }>();
  let sent = 0;
  let base = '';
  /** `GET /{psid|igsid}?fields=…` answers: the user's profile object. */
  const profiles = new Map<string, Record<string, string>>();
  /** Answers given to a profile's next GETs before the profile itself (outages, throttling). */
  const profileFailures = new Map<string, Scripted[]>();
  /** `GET /{waba}/message_templates` answers: one `data` array per page, linked by `after` cursors. */
  let templatePages: unknown[][] = [];
  /** `POST /{waba}/message_templates` answers given before the default `{id, status: PENDING, category}`. */
  const templateCreateQueue: Scripted[] = [];
  /** Resumable Upload API sessions (`POST /{app-id}/uploads`) and the bytes sent to each. */
  const uploadSessions: { appId: string; query: Record<string, string>; bytes?: Buffer; offset?: string }[] = [];
  /** `POST`/`DELETE /me/messenger_profile` answers given before the default `{result: "success"}`. */
  const profileQueue: Scripted[] = [];
  /** Who wrote a comment: the PSID/IGSID a private reply to it (`recipient.comment_id`) answers with. */
  const commenters = new Map<string, string>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', base);
      const call = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.search,
        authorization: req.headers.authorization,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      };
      calls.push(call);
      const answer = (s: Scripted) => {
        res.writeHead(s.status, { 'content-type': 'application/json', ...(s.headers ?? {}) });
        res.end(s.body);
      };
      const authorized = call.authorization === `Bearer ${token}`;
      const [, root, id, edge] = url.pathname.split('/');
      if (root === 'cdn') {
        const file = cdn.get(url.pathname);
        return file
          ? answer({ status: 200, body: file.bytes, headers: { 'content-type': file.mime } })
          : answer({ status: 404, body: 'gone' });
      }
      if (root === 'media-download') {
        const file = media.get(id ?? '');
        if (!authorized) return answer({ status: 401, body: invalidToken });
        return file
          ? answer({ status: 200, body: file.bytes, headers: { 'content-type': file.mime } })
          : answer({ status: 404, body: 'gone' });
      }
      if (root !== VERSION || !id) return answer({ status: 404, body: unsupportedGet(url.pathname) });
      // The upload step of the Resumable Upload API authenticates with `OAuth <token>`, not Bearer.
      if (call.method === 'POST' && id.startsWith('upload:')) {
        const session = uploadSessions[Number(id.replace('upload:FAKE', '')) - 1];
        if (call.authorization !== `OAuth ${token}`) return answer({ status: 401, body: invalidToken });
        if (!session || url.searchParams.get('sig') !== 'ARfake')
          return answer({ status: 400, body: unsupportedGet(id) });
        session.bytes = Buffer.concat(chunks);
        session.offset = String(req.headers.file_offset ?? '');
        return answer({ status: 200, body: JSON.stringify({ h: `4::aW1hZ2UvcG5n:FAKEHANDLE${id.slice(11)}` }) });
      }
      if (!authorized) return answer({ status: 401, body: invalidToken });
      if (call.method === 'POST' && edge === 'uploads') {
        uploadSessions.push({ appId: id, query: Object.fromEntries(url.searchParams) });
        return answer({ status: 200, body: JSON.stringify({ id: `upload:FAKE${uploadSessions.length}?sig=ARfake` }) });
      }
      if (call.method === 'POST' && edge === 'messages') {
        const scripted = sendQueue.shift();
        if (scripted) return answer(scripted);
        const json = JSON.parse(call.body) as {
          messaging_product?: string;
          to?: string;
          recipient?: { id?: string; comment_id?: string } | string;
          status?: string;
          sender_action?: string;
        };
        // WhatsApp's read status and the Send API's sender actions create no message.
        if (json.status === 'read') return answer({ status: 200, body: JSON.stringify({ success: true }) });
        const recipient = typeof json.recipient === 'object' ? json.recipient : undefined;
        const recipientId = recipient?.id ?? commenters.get(recipient?.comment_id ?? '');
        if (json.sender_action) return answer({ status: 200, body: JSON.stringify({ recipient_id: recipientId }) });
        sent += 1;
        if (json.messaging_product === 'whatsapp')
          return answer({
            status: 200,
            body: JSON.stringify({
              messaging_product: 'whatsapp',
              contacts: [{ input: json.to, wa_id: json.to }],
              messages: [{ id: `wamid.FAKE${sent}` }],
            }),
          });
        return answer({
          status: 200,
          body: JSON.stringify({ recipient_id: recipientId, message_id: `m_fake${sent}` }),
        });
      }
      if ((call.method === 'POST' || call.method === 'DELETE') && edge === 'messenger_profile') {
        const scripted = profileQueue.shift();
        if (scripted) return answer(scripted);
        return answer({ status: 200, body: JSON.stringify({ result: 'success' }) });
      }
      if (call.method === 'POST' && edge === 'message_templates') {
        const scripted = templateCreateQueue.shift();
        if (scripted) return answer(scripted);
        const { category } = JSON.parse(call.body) as { category?: string };
        return answer({
          status: 200,
          body: JSON.stringify({ id: `16270198611${calls.length}`, status: 'PENDING', category }),
        });
      }
      if (call.method === 'GET' && edge === 'message_templates') {
        const after = url.searchParams.get('after');
        const page = after ? Number(after.replace('page', '')) : 0;
        const more = page + 1 < templatePages.length;
        return answer({
          status: 200,
          body: JSON.stringify({
            data: templatePages[page] ?? [],
            paging: {
              cursors: { before: `page${page}`, after: `page${more ? page + 1 : page}` },
              ...(more ? { next: `${base}/${VERSION}/${id}/message_templates?after=page${page + 1}` } : {}),
            },
          }),
        });
      }
      if (call.method === 'GET' && !edge) {
        const file = media.get(id);
        if (file)
          return answer({
            status: 200,
            body: JSON.stringify({
              messaging_product: 'whatsapp',
              url: `${base}/media-download/${id}`,
              mime_type: file.mime,
              sha256: 'fake',
              file_size: file.bytes.length,
              id,
            }),
          });
        if (url.searchParams.get('fields') === 'id') return answer({ status: 200, body: JSON.stringify({ id }) });
        const failure = profileFailures.get(id)?.shift();
        if (failure) return answer(failure);
        const profile = profiles.get(id);
        if (profile) {
          const fields = (url.searchParams.get('fields') ?? '').split(',');
          const asked = Object.fromEntries(Object.entries(profile).filter(([k]) => fields.includes(k)));
          return answer({ status: 200, body: JSON.stringify({ ...asked, id }) });
        }
      }
      return answer({ status: 400, body: unsupportedGet(id) });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const messageCalls = () =>
    calls
      .filter((c) => c.method === 'POST' && c.path.endsWith('/messages'))
      // biome-ignore lint/suspicious/noExplicitAny: provider payloads navigated freely in tests
      .map((c) => ({ ...c, json: JSON.parse(c.body) as Record<string, any> }));
  const isReceipt = (json: Record<string, unknown>) => json.status === 'read' || 'sender_action' in json;
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    /** What a channel's `apiBaseUrl` points at. */
    apiBaseUrl: `${base}/${VERSION}`,
    calls,
    /** Calls to a send endpoint that send a message, with their JSON bodies. */
    sends: () => messageCalls().filter((c) => !isReceipt(c.json)),
    /** Read receipts: WhatsApp's `status: read` and the Send API's `sender_action`, with their JSON bodies. */
    receipts: () => messageCalls().filter((c) => isReceipt(c.json)),
    /** A PSID's or IGSID's profile, answered to `GET /{id}?fields=…` (only the fields asked for). */
    setProfile: (id: string, profile: Record<string, string>, ...failuresFirst: Scripted[]) => {
      profiles.set(id, profile);
      profileFailures.set(id, failuresFirst);
    },
    /** The PSID (or IGSID) of a comment's author, which Meta answers a private reply to that comment with. */
    setCommenter: (commentId: string, psid: string) => commenters.set(commentId, psid),
    /** The next send answers: in order, then the default success. */
    respondToSend: (...responses: Scripted[]) => sendQueue.push(...responses),
    /** Resumable Upload API sessions: the app id, `file_name`/`file_length`/`file_type`, the bytes received. */
    uploads: () => uploadSessions,
    /** Messenger Profile calls (chat menus): method, `platform` query and JSON body, in order. */
    profileCalls: () =>
      calls
        .filter((c) => c.path.endsWith('/messenger_profile'))
        // biome-ignore lint/suspicious/noExplicitAny: provider payloads navigated freely in tests
        .map((c) => ({ ...c, json: JSON.parse(c.body || '{}') as Record<string, any> })),
    /** The next Messenger Profile calls' answers (Graph errors), in order, then the default success. */
    respondToProfile: (...responses: Scripted[]) => profileQueue.push(...responses),
    /** The next template submissions' answers (Graph errors), in order, then the default acceptance. */
    respondToTemplateCreate: (...responses: Scripted[]) => templateCreateQueue.push(...responses),
    /** The account's templates, as pages of Graph template objects. */
    setTemplatePages: (...pages: unknown[][]) => {
      templatePages = pages;
    },
    /** WhatsApp media behind `GET /{id}` and an authenticated download. */
    addMedia: (id: string, bytes: Buffer, mime: string) => media.set(id, { bytes, mime }),
    /** A public CDN file (Messenger/Instagram attachment URL); returns its URL. */
    addCdnFile: (name: string, bytes: Buffer, mime: string) => {
      cdn.set(`/cdn/${name}`, { bytes, mime });
      return `${base}/cdn/${name}`;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
export type FakeGraph = Awaited<ReturnType<typeof startFakeGraph>>;
