import type { Ctx } from '../../context';
import { BlockedTargetError, requestPublic } from '../../lib/public-http';
import type { ChatApi } from './settings';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** A chat API call that did not produce an answer; `retryable` for timeouts, network errors, 408, 429 and 5xx. */
export class ChatApiError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ChatApiError';
  }
}

/** Calls made per turn before giving up (and answering from the matrix alone). */
export const CHAT_ATTEMPTS = 3;

/**
 * One OpenAI-compatible chat completion (`POST {baseUrl}/chat/completions`), returning the assistant's text.
 * The request goes through the private-address guard (a self-hosted model on the LAN needs its host in
 * CHARLA_ALLOW_PRIVATE_HOSTS). The key travels only in the Authorization header and is never logged.
 */
export async function chatCompletion(ctx: Ctx, api: ChatApi, messages: ChatMessage[]): Promise<string> {
  let res: Awaited<ReturnType<typeof requestPublic>>;
  try {
    res = await requestPublic({
      method: 'POST',
      url: `${api.baseUrl}/chat/completions`,
      headers: {
        'content-type': 'application/json',
        ...(api.apiKey ? { authorization: `Bearer ${api.apiKey}` } : {}),
      },
      body: JSON.stringify({ model: api.model, messages, temperature: 0.2 }),
      timeoutMs: ctx.config.aiTimeoutSeconds * 1000,
      allowHosts: ctx.config.allowPrivateHosts,
    });
  } catch (err) {
    if (err instanceof BlockedTargetError) throw new ChatApiError(`chat API blocked: ${err.message}`, false);
    throw new ChatApiError(`chat API unreachable: ${(err as Error).message}`, true);
  }
  const json = safeJson(res.body) as {
    choices?: { message?: { content?: string | null } }[];
    error?: { message?: string } | string;
  } | null;
  if (res.status >= 400) {
    const reason = typeof json?.error === 'string' ? json.error : (json?.error?.message ?? res.body.slice(0, 200));
    const retryable = res.status === 408 || res.status === 429 || res.status >= 500;
    const after = Number(res.headers['retry-after']);
    throw new ChatApiError(
      `chat API answered ${res.status}: ${reason}`,
      retryable,
      Number.isFinite(after) ? after * 1000 : undefined,
    );
  }
  const content = json?.choices?.[0]?.message?.content;
  if (typeof content !== 'string' || !content.trim())
    throw new ChatApiError('chat API answered without a message', false);
  return content.trim();
}

/**
 * `chatCompletion` retried a little: a retryable failure waits `CHARLA_AI_RETRY_BASE_MS` (doubled once, or a
 * 429's Retry-After up to four times the base) and tries again, up to `CHAT_ATTEMPTS` calls. The contact is
 * waiting, so a long outage is not waited out: the caller falls back to the matrix.
 */
export async function chatWithRetries(ctx: Ctx, api: ChatApi, messages: ChatMessage[]): Promise<string> {
  const base = ctx.config.aiRetryBaseMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await chatCompletion(ctx, api, messages);
    } catch (err) {
      if (!(err instanceof ChatApiError) || !err.retryable || attempt >= CHAT_ATTEMPTS) throw err;
      const delay = Math.min(err.retryAfterMs ?? base * 2 ** (attempt - 1), base * 4);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
