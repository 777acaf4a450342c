import { safeEqual } from '../../lib/crypto';

/**
 * Meta's subscription check (`GET ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…`): echo the raw
 * challenge when the token is ours, 403 otherwise (Meta's own sample).
 */
export function metaHandshake(query: URLSearchParams, verifyToken: string): { status: number; body: string } {
  const token = query.get('hub.verify_token') ?? '';
  const challenge = query.get('hub.challenge');
  if (query.get('hub.mode') === 'subscribe' && challenge !== null && safeEqual(token, verifyToken))
    return { status: 200, body: challenge };
  return { status: 403, body: 'Forbidden' };
}
