import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Ctx } from '../../context';
import { AppError } from '../../http/errors';
import type { App } from '../../http/types';
import { saveFile } from '../files/service';
import { type WidgetLimits, widgetLimits } from './limits';
import { assertHostOrigin, assertOrigin, selfOriginOf } from './origin';
import {
  describeSession,
  identify,
  loadWebchat,
  markVisitorRead,
  postVisitorMessage,
  startSession,
  submitPrechat,
  visitorOf,
  type WebchatChannel,
} from './service';
import { assertUploadAllowed, MAX_UPLOAD_BYTES, uploadReceipt } from './uploads';

const params = z.object({ channelId: z.coerce.number().int().positive() });
const detail = (max: number) => z.string().max(max).optional();

/**
 * The public widget API. Its routes are `access: 'public'` because visitors have no Charla account,
 * session cookie or CSRF token: each handler instead (1) checks the request's Origin against the channel's
 * allowedOrigins, (2) rate-limits per IP and per visitor, and (3) except for starting a session, requires
 * a visitor token (`Authorization: Bearer …`, see visitor-token.ts) bound to this channel and one
 * address, so a visitor can only ever read or write their own conversation.
 */
export function webchatRoutes(app: App, ctx: Ctx) {
  const limits = widgetLimits(ctx.counters);

  async function open(req: FastifyRequest, channelId: number): Promise<WebchatChannel> {
    await limits.perIp.hit(`ip:${req.ip}`);
    const channel = await loadWebchat(ctx, channelId);
    assertOrigin(req.headers, selfOriginOf(req), channel.config.allowedOrigins);
    return channel;
  }

  const bearer = (req: FastifyRequest) => /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
  const visitorFor = (req: FastifyRequest, channel: WebchatChannel) => visitorOf(ctx, channel, bearer(req));
  const perVisitor = (l: WidgetLimits[keyof WidgetLimits], v: { channelId: number; externalId: string }) =>
    l.hit(`${v.channelId}:${v.externalId}`);

  app.post(
    '/api/widget/:channelId/session',
    {
      config: { access: 'public' },
      schema: {
        params,
        body: z.object({ token: z.string().max(1000).optional(), hostOrigin: z.string().max(300) }),
      },
    },
    async (req) => {
      const channel = await open(req, req.params.channelId);
      await limits.sessionsPerIp.hit(`ip:${req.ip}`);
      assertHostOrigin(req.body.hostOrigin, channel.config.allowedOrigins);
      return startSession(ctx, channel, req.body.token);
    },
  );

  app.get('/api/widget/:channelId/messages', { config: { access: 'public' }, schema: { params } }, async (req) => {
    const channel = await open(req, req.params.channelId);
    return describeSession(ctx, channel, visitorFor(req, channel));
  });

  app.post(
    '/api/widget/:channelId/prechat',
    {
      config: { access: 'public' },
      schema: { params, body: z.object({ name: detail(200), email: detail(320), phone: detail(40) }) },
    },
    async (req) => {
      const channel = await open(req, req.params.channelId);
      const visitor = visitorFor(req, channel);
      await perVisitor(limits.messagesPerVisitor, visitor);
      return submitPrechat(ctx, channel, visitor, req.body);
    },
  );

  app.post(
    '/api/widget/:channelId/identify',
    {
      config: { access: 'public' },
      schema: {
        params,
        body: z.object({
          userId: z.string().trim().min(1).max(200),
          userHash: z.string().max(200).optional(),
          name: detail(200),
          email: detail(320),
          phone: detail(40),
        }),
      },
    },
    async (req) => {
      const channel = await open(req, req.params.channelId);
      const visitor = visitorFor(req, channel);
      await perVisitor(limits.messagesPerVisitor, visitor);
      return identify(ctx, channel, visitor, req.body);
    },
  );

  app.post(
    '/api/widget/:channelId/messages',
    {
      config: { access: 'public' },
      schema: {
        params,
        body: z.object({
          clientId: z.string().regex(/^[\w-]{8,64}$/),
          text: z.string().max(5000).optional(),
          uploads: z.array(z.string().max(2000)).max(5).default([]),
        }),
      },
    },
    async (req, reply) => {
      const channel = await open(req, req.params.channelId);
      const visitor = visitorFor(req, channel);
      await perVisitor(limits.messagesPerVisitor, visitor);
      return reply.status(201).send({ message: await postVisitorMessage(ctx, channel, visitor, req.body) });
    },
  );

  app.post(
    '/api/widget/:channelId/read',
    {
      config: { access: 'public' },
      schema: { params, body: z.object({ upToId: z.number().int().positive() }) },
    },
    async (req) => {
      const channel = await open(req, req.params.channelId);
      return { updated: await markVisitorRead(ctx, channel, visitorFor(req, channel), req.body.upToId) };
    },
  );

  app.post('/api/widget/:channelId/files', { config: { access: 'public' }, schema: { params } }, async (req, reply) => {
    const channel = await open(req, req.params.channelId);
    const visitor = visitorFor(req, channel);
    await perVisitor(limits.uploadsPerVisitor, visitor);
    const part = await req.file({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });
    if (!part) throw new AppError('invalid', 'no_file', 'Send the file as multipart/form-data field "file"');
    assertUploadAllowed(part.mimetype);
    const bytes = await part.toBuffer().catch(() => null);
    if (!bytes || part.file.truncated)
      throw new AppError('invalid', 'file_too_large', `Files up to ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);
    const row = await saveFile(ctx, channel.scope, {
      name: part.filename,
      mime: part.mimetype,
      bytes,
      source: 'channel',
    });
    const file = { fileId: row.id, name: row.name, mime: row.mime, size: row.size };
    return reply
      .status(201)
      .send({ upload: uploadReceipt(ctx, visitor, file), name: file.name, mime: file.mime, size: file.size });
  });
}
