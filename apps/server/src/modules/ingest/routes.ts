import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { WebhookRequest } from '../../channels/types';
import type { Ctx } from '../../context';
import { webhookEvents } from '../../db/schema';
import { AppError } from '../../http/errors';
import type { App } from '../../http/types';
import { loadChannelById } from '../channels/service';
import { trackWebhook, wakeInboundProcessor } from './processor';

const params = z.object({ channelType: z.string(), channelId: z.coerce.number().int().positive() });

// Headers that could carry credentials are never stored with a provider event. Verification still
// sees them: Vonage's Messages API signs its webhooks with a JWT in Authorization.
const DROPPED_HEADERS = new Set(['cookie', 'authorization', 'proxy-authorization']);

const storableHeaders = (headers: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(headers).filter(([k]) => !DROPPED_HEADERS.has(k))) as Record<string, string>;

function toWebhookRequest(ctx: Ctx, req: FastifyRequest, raw: Buffer): WebhookRequest {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  const q = req.url.indexOf('?');
  return { rawBody: raw, headers, query: q >= 0 ? req.url.slice(q + 1) : '', url: `${ctx.publicUrl()}${req.url}` };
}

async function channelFor(ctx: Ctx, type: string, id: number) {
  const channel = await loadChannelById(ctx, id).catch((err) => {
    throw new AppError('unavailable', 'unavailable', `Storage unavailable: ${(err as Error).message}`);
  });
  if (!channel || channel.type !== type || !ctx.channels.has(type))
    throw new AppError('not_found', 'not_found', 'Unknown channel');
  if (channel.status === 'disabled') throw new AppError('not_found', 'channel_disabled', 'This channel is disabled');
  return channel;
}

/** Verify → store the raw event → acknowledge. */
async function ingest(ctx: Ctx, req: FastifyRequest, reply: FastifyReply) {
  const { channelType, channelId } = req.params as z.infer<typeof params>;
  const channel = await channelFor(ctx, channelType, channelId);
  const adapter = ctx.channels.get(channel.type);
  const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const wreq = toWebhookRequest(ctx, req, raw);
  const verdict = adapter.verifyWebhook(wreq, channel.config);
  if (!verdict.ok) {
    ctx.log.warn({ channelId, reason: verdict.reason }, 'webhook signature rejected');
    return reply.status(401).send({ code: 'invalid_signature', message: `Webhook rejected: ${verdict.reason}` });
  }
  const eventId = adapter.eventId(wreq);
  try {
    // One statement, committed on its own: the stored event is the processing queue (processor.ts).
    const inserted = await ctx.db
      .insert(webhookEvents)
      .values({
        workspaceId: channel.workspaceId,
        channelId: channel.id,
        providerEventId: eventId,
        contentType: wreq.headers['content-type'] ?? null,
        body: raw.toString('utf8'),
        query: wreq.query || null,
        headers: storableHeaders(wreq.headers),
      })
      .onConflictDoNothing()
      .returning({ id: webhookEvents.id });
    if (inserted[0]) wakeInboundProcessor(ctx);
  } catch (err) {
    ctx.log.error({ err, channelId }, 'could not store webhook');
    return reply.status(503).send({ code: 'unavailable', message: 'Could not store the event; retry later' });
  }
  // Only now, after the commit, does the provider learn the event is safe.
  const ack = adapter.webhookAck?.(wreq, channel.config);
  if (ack) return reply.status(ack.status).type(ack.contentType).send(ack.body);
  return reply.status(200).send({ ok: true });
}

/**
 * The ingest contract: verify the raw body → store the raw event (unique per provider event id; the
 * stored event is its own processing queue) → answer 200. Bad signature: 401, nothing stored.
 * Storage failure: 503, so the provider retries. Adapters with `acceptsGet` also take GET deliveries.
 */
export function ingestRoutes(app: App, ctx: Ctx) {
  app.register(async (scoped) => {
    scoped.removeAllContentTypeParsers();
    scoped.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 5 * 1024 * 1024 }, (_req, body, done) =>
      done(null, body),
    );

    scoped.post(
      '/webhooks/:channelType/:channelId',
      { config: { access: 'webhook' }, schema: { params } },
      async (req, reply) => trackWebhook(ctx, () => ingest(ctx, req, reply)),
    );

    scoped.get(
      '/webhooks/:channelType/:channelId',
      { config: { access: 'webhook' }, schema: { params } },
      async (req, reply) => {
        const { channelType, channelId } = req.params as z.infer<typeof params>;
        const channel = await channelFor(ctx, channelType, channelId);
        const adapter = ctx.channels.get(channel.type);
        if (!adapter.handshake && adapter.acceptsGet) return trackWebhook(ctx, () => ingest(ctx, req, reply));
        if (!adapter.handshake)
          return reply.status(405).send({ code: 'method_not_allowed', message: 'This channel takes POST only' });
        const q = req.url.indexOf('?');
        const answer = adapter.handshake(new URLSearchParams(q >= 0 ? req.url.slice(q + 1) : ''), channel.config);
        return reply.status(answer.status).type('text/plain').send(answer.body);
      },
    );
  });
}
