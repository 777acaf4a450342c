import { request } from 'undici';
import { ChannelError } from '../types';
import { telegramError } from './errors';
import type { TelegramConfig } from './schema';

/**
 * Calls one Bot API method with a JSON body and returns its `result`. The token is part of the URL,
 * so errors never include the URL.
 */
export async function callTelegram<T>(config: TelegramConfig, method: string, body: unknown): Promise<T> {
  let status: number;
  let text: string;
  try {
    const res = await request(`${config.apiBaseUrl}/bot${config.botToken}/${method}`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', 'user-agent': 'Charla' },
      headersTimeout: 15_000,
      bodyTimeout: 15_000,
    });
    status = res.statusCode;
    text = await res.body.text();
  } catch (err) {
    throw new ChannelError('network_error', (err as Error).message, true);
  }
  if (status !== 200) throw telegramError(status, text);
  let json: { ok?: boolean; result?: T };
  try {
    json = JSON.parse(text) as { ok?: boolean; result?: T };
  } catch {
    throw new ChannelError('bad_response', `Telegram answered ${method} with a non-JSON body`, true);
  }
  if (!json.ok) throw telegramError(status, text);
  return json.result as T;
}

/** Telegram's chat ids are integers (negative for groups); send them as numbers, as the API documents. */
export const chatIdOf = (externalId: string): number | string =>
  /^-?\d{1,16}$/.test(externalId) ? Number(externalId) : externalId;
