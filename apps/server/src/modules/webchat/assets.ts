import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Ctx } from '../../context';
import type { App } from '../../http/types';
import { loadWebchat } from './service';

/** apps/widget/dist: built by `npm start` and the e2e setup (`npm run build -w @charla/widget`). */
export const widgetDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../widget/dist');

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  html: 'text/html; charset=utf-8',
};

/**
 * Sends a built file, gzipped when the browser accepts it (the build writes a .gz twin of each: the
 * widget's size budget is counted in those bytes).
 */
function sendAsset(req: FastifyRequest, reply: FastifyReply, name: string, cacheControl: string) {
  const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  let body: Buffer;
  try {
    body = fs.readFileSync(path.join(widgetDist, gzip ? `${name}.gz` : name));
  } catch {
    return reply
      .status(503)
      .type('text/plain')
      .send('The chat widget is not built: run `npm run build -w @charla/widget`.');
  }
  if (gzip) reply.header('content-encoding', 'gzip');
  return reply
    .type(TYPES[name.split('.').pop()!]!)
    .header('vary', 'accept-encoding')
    .header('cache-control', cacheControl)
    .send(body);
}

/** The iframe document's policy: only our scripts and API, and only the channel's sites may frame it. */
const frameCsp = (allowedOrigins: string[]) =>
  [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob: https:",
    "media-src 'self' data:",
    "connect-src 'self' ws: wss:",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${allowedOrigins.join(' ')}`,
  ].join('; ');

/** Serves the loader (/widget.js), the chat UI's files and its iframe page. */
export function widgetAssetRoutes(app: App, ctx: Ctx) {
  // Short cache: a site keeps the same snippet, so loader updates must reach it within minutes. Loaded by
  // <script> tags on customers' sites: helmet's same-origin resource policy would block it.
  app.get('/widget.js', { config: { access: 'public' } }, async (req, reply) =>
    sendAsset(req, reply.header('cross-origin-resource-policy', 'cross-origin'), 'widget.js', 'public, max-age=300'),
  );
  // Named with ?v=<content hash> by frame.html, so they may be cached for long.
  app.get('/widget/frame.js', { config: { access: 'public' } }, async (req, reply) =>
    sendAsset(req, reply, 'frame.js', 'public, max-age=86400'),
  );
  app.get('/widget/frame.css', { config: { access: 'public' } }, async (req, reply) =>
    sendAsset(req, reply, 'frame.css', 'public, max-age=86400'),
  );

  app.get(
    '/widget/frame/:channelId',
    { config: { access: 'public' }, schema: { params: z.object({ channelId: z.coerce.number().int().positive() }) } },
    async (req, reply) => {
      const channel = await loadWebchat(ctx, req.params.channelId);
      // helmet's X-Frame-Options would forbid any framing; frame-ancestors says who may.
      reply.raw.removeHeader('x-frame-options');
      reply.header('content-security-policy', frameCsp(channel.config.allowedOrigins));
      return sendAsset(req, reply, 'frame.html', 'no-cache');
    },
  );
}
