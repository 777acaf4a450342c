import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Ctx } from '../../context';
import type { App } from '../../http/types';
import { loadWebchat } from './service';

/** apps/widget/dist: built by `npm start` / the e2e setup (`npm run build -w @charla/widget`). */
export const widgetDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../widget/dist');

function readAsset(name: string): { body: Buffer; version: string } | null {
  try {
    const body = fs.readFileSync(path.join(widgetDist, name));
    return { body, version: createHash('sha256').update(body).digest('hex').slice(0, 12) };
  } catch {
    return null;
  }
}

function sendAsset(reply: FastifyReply, name: string, maxAge: number) {
  const asset = readAsset(name);
  if (!asset)
    return reply
      .status(503)
      .type('text/plain')
      .send('The chat widget is not built: run `npm run build -w @charla/widget`.');
  return (
    reply
      .type(name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8')
      .header('cache-control', `public, max-age=${maxAge}`)
      // Loaded by <script> tags on customers' sites: helmet's same-origin default would block it.
      .header('cross-origin-resource-policy', 'cross-origin')
      .send(asset.body)
  );
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
  // Short cache: a site keeps the same snippet, so loader updates must reach it within minutes.
  app.get('/widget.js', { config: { access: 'public' } }, async (_req, reply) => sendAsset(reply, 'widget.js', 300));
  // Referenced with ?v=<content hash> from the iframe page, so they may be cached for long.
  app.get('/widget/frame.js', { config: { access: 'public' } }, async (_req, reply) =>
    sendAsset(reply, 'frame.js', 86_400),
  );
  app.get('/widget/frame.css', { config: { access: 'public' } }, async (_req, reply) =>
    sendAsset(reply, 'frame.css', 86_400),
  );

  app.get(
    '/widget/frame/:channelId',
    { config: { access: 'public' }, schema: { params: z.object({ channelId: z.coerce.number().int().positive() }) } },
    async (req, reply) => {
      const channel = await loadWebchat(ctx, req.params.channelId);
      const js = readAsset('frame.js')?.version ?? '0';
      const css = readAsset('frame.css')?.version ?? '0';
      // helmet's X-Frame-Options would forbid any framing; frame-ancestors below says who may.
      reply.raw.removeHeader('x-frame-options');
      return reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', frameCsp(channel.config.allowedOrigins))
        .header('cache-control', 'no-cache')
        .send(
          `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><link rel="stylesheet" href="/widget/frame.css?v=${css}"></head><body><div id="app"></div><script src="/widget/frame.js?v=${js}"></script></body></html>`,
        );
    },
  );
}
