import { ChannelError } from '../types';

interface TelegramErrorBody {
  ok?: boolean;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

/**
 * Maps a Bot API failure (`{"ok":false,"error_code","description","parameters"}`) to a ChannelError:
 * 429 waits `retry_after`; 5xx is retried; 403 (bot blocked, user deactivated, kicked) is about the
 * recipient, so the address is marked unreachable; any other 4xx (chat not found, bad request) is final.
 */
export function telegramError(status: number, text: string): ChannelError {
  let body: TelegramErrorBody = {};
  try {
    body = JSON.parse(text) as TelegramErrorBody;
  } catch {
    // a proxy's HTML error page: keep the status
  }
  const code = body.error_code ?? status;
  const reason = (body.description ?? text.slice(0, 300)) || `HTTP ${status}`;
  if (code === 429) return new ChannelError('429', reason, true, body.parameters?.retry_after);
  if (code >= 500 || status >= 500) return new ChannelError(String(code), reason, true);
  return new ChannelError(String(code), reason, false, undefined, code === 403);
}
