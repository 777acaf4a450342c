import { request } from 'undici';
import { graphCall } from '../meta/graph-client';
import { graphHttpError } from '../meta/errors';
import { ChannelError } from '../types';
import type { WhatsAppConfig } from './schema';

export interface UploadFile {
  bytes: Buffer;
  mime: string;
  name: string;
}

/**
 * Uploads a template's media header example through Meta's Resumable Upload API and answers the handle
 * (`h`) that goes in the template's `example.header_handle`: `POST /{app-id}/uploads` opens a session
 * (`{id: "upload:…"}`), then `POST /{upload-id}` with `Authorization: OAuth <token>` and `file_offset: 0`
 * sends the bytes in one piece (examples are small).
 */
export async function uploadHeaderExample(config: WhatsAppConfig, file: UploadFile): Promise<string> {
  if (!config.appId)
    throw new ChannelError(
      'app_id_required',
      'A media header needs an example uploaded to Meta with the app id: add appId to the channel configuration',
      false,
    );
  const query = new URLSearchParams({
    file_name: file.name,
    file_length: String(file.bytes.length),
    file_type: file.mime,
  });
  const session = await graphCall<{ id?: string }>(
    config.apiBaseUrl,
    config.accessToken,
    `${config.appId}/uploads?${query}`,
    { method: 'POST' },
  );
  if (!session.id?.startsWith('upload:'))
    throw new ChannelError('bad_response', 'Meta did not open an upload session', false);
  let res: Awaited<ReturnType<typeof request>>;
  try {
    // The session id may carry its own `?sig=…`: it is used as given.
    res = await request(`${config.apiBaseUrl}/${session.id}`, {
      method: 'POST',
      body: file.bytes,
      headers: { authorization: `OAuth ${config.accessToken}`, file_offset: '0', 'user-agent': 'Charla' },
      headersTimeout: 60_000,
      bodyTimeout: 60_000,
    });
  } catch (err) {
    throw new ChannelError('network_error', (err as Error).message, true);
  }
  const text = await res.body.text().catch(() => '');
  if (res.statusCode < 200 || res.statusCode >= 300) throw graphHttpError(res.statusCode, text);
  const handle = (JSON.parse(text || '{}') as { h?: string }).h;
  if (!handle) throw new ChannelError('bad_response', 'Meta answered the upload without a handle', false);
  return handle;
}
