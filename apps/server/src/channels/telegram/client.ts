import { jsonOf, providerRequest } from '../provider-http';
import { ChannelError } from '../types';
import { telegramError } from './errors';
import type { TelegramConfig } from './schema';

/** Calls one Bot API method with a JSON body and returns its `result`. */
export async function callTelegram<T>(config: TelegramConfig, method: string, body: unknown): Promise<T> {
  const res = await providerRequest(`${config.apiBaseUrl}/bot${config.botToken}/${method}`, {
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
  if (res.status !== 200) throw telegramError(res.status, res.text);
  const json = jsonOf<{ ok?: boolean; result?: T }>(res.text);
  if (!json) throw new ChannelError('bad_response', `Telegram answered ${method} with a non-JSON body`, true);
  if (!json.ok) throw telegramError(res.status, res.text);
  return json.result as T;
}

/** Telegram's chat ids are integers (negative for groups); send them as numbers, as the API documents. */
export const chatIdOf = (externalId: string): number | string =>
  /^-?\d{1,16}$/.test(externalId) ? Number(externalId) : externalId;
