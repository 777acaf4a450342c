import type { WebhookRequest } from '../types';

/**
 * Legacy SMS webhooks come as GET (query string), POST form or POST JSON depending on the account's
 * setting; all become one parameter list.
 */
export function paramsOf(req: WebhookRequest): URLSearchParams {
  const raw = req.rawBody.toString('utf8');
  if (!raw) return new URLSearchParams(req.query);
  if (raw.trimStart().startsWith('{')) {
    try {
      const json = JSON.parse(raw) as Record<string, unknown>;
      return new URLSearchParams(Object.entries(json).map(([k, v]) => [k, String(v)] as [string, string]));
    } catch {
      return new URLSearchParams();
    }
  }
  return new URLSearchParams(raw);
}
