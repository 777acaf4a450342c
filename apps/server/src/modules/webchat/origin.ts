import type { IncomingHttpHeaders } from 'node:http';
import { AppError } from '../../http/errors';

/**
 * Where a widget request may come from. The chat UI runs in our own iframe, so its requests are
 * same-origin; a script on a listed site may also call the API directly. Browsers always send `Origin`
 * on cross-origin requests and WebSocket handshakes, so a page on any other site is refused here (and
 * cannot render the iframe at all: /widget/frame answers with CSP frame-ancestors = allowedOrigins).
 * Non-browser clients can forge Origin; the visitor token, not this check, is what scopes their access.
 */
export function originAllowed(headers: IncomingHttpHeaders, selfOrigin: string, allowed: string[]): boolean {
  const origin = headers.origin;
  if (!origin) return true;
  return origin === selfOrigin || allowed.includes(origin);
}

export function assertOrigin(headers: IncomingHttpHeaders, selfOrigin: string, allowed: string[]): void {
  if (!originAllowed(headers, selfOrigin, allowed))
    throw new AppError('forbidden', 'origin_not_allowed', 'This site is not allowed to use this chat widget');
}

/** The site embedding the widget (told by the loader, enforced by frame-ancestors) must be listed. */
export function assertHostOrigin(hostOrigin: string, allowed: string[]): void {
  if (!allowed.includes(hostOrigin))
    throw new AppError('forbidden', 'origin_not_allowed', 'This site is not allowed to use this chat widget');
}

/** Our own origin as the browser sees it (the iframe's), from the request's host. */
export const selfOriginOf = (req: { protocol: string; host: string }) => `${req.protocol}://${req.host}`;
