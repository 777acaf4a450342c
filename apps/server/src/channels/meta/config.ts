import { z } from 'zod';
import { randomToken } from '../../lib/crypto';

/** Graph's versioned base. Configurable per channel so tests (and API upgrades) can point elsewhere. */
export const GRAPH_BASE_URL = 'https://graph.facebook.com/v21.0';

/** The fields every Meta channel has: the app's secret signs webhooks, the verify token answers the handshake. */
export const metaBaseConfig = {
  appSecret: z.string().min(8).max(200),
  verifyToken: z.string().min(8).max(200),
  apiBaseUrl: z
    .url()
    .default(GRAPH_BASE_URL)
    .transform((u) => u.replace(/\/+$/, '')),
};

/**
 * Completes a Meta channel's config: the verify token is generated when not given and returned once, so
 * the user can paste it, with the webhook URL, into Meta's dashboard.
 */
export function prepareMetaConfig<C>(
  schema: z.ZodType<C>,
  input: unknown,
): { config: C; shownOnce: Record<string, string> } {
  const given = (input ?? {}) as Record<string, unknown>;
  const verifyToken = typeof given.verifyToken === 'string' && given.verifyToken ? given.verifyToken : randomToken(24);
  return { config: schema.parse({ ...given, verifyToken }), shownOnce: { verifyToken } };
}
