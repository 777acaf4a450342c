import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import { counterStore } from './rate-limit-store';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Ctx } from '../context';
import { registerRoutes } from './routes';
import { accessGuard, apiAccessGuard, assertRouteDeclaresAccess } from './access';
import { errorHandler } from './error-handler';
import type { App } from './types';

const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

/** Builds the HTTP app: plugins, the access guard, every module's routes, the web app. */
export async function buildHttpApp(ctx: Ctx): Promise<App> {
  const app = Fastify({
    logger: false,
    trustProxy: true,
    bodyLimit: 25 * 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler(ctx.log));

  const routes: { method: string; url: string; config: unknown }[] = [];
  app.addHook('onRoute', (route) => {
    assertRouteDeclaresAccess(route);
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routes.push({ method, url: route.url, config: route.config });
    }
  });
  app.decorate('charlaRoutes', routes);

  await app.register(fastifyCookie);
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure: ctx.config.cookieSecure, signed: false },
    getToken: (req) => req.headers['x-csrf-token'] as string | undefined,
  });
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        frameAncestors: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifyRateLimit, { global: false, store: counterStore(ctx.counters) });
  await app.register(fastifyMultipart, { limits: { fileSize: 25 * 1024 * 1024, files: 10 } });

  app.addHook('onRequest', apiAccessGuard(ctx));
  app.addHook('preHandler', accessGuard(ctx));

  await registerRoutes(app, ctx);
  registerWebApp(app);
  return app;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
};

/** Serves the built agent web app (and widget assets) with an SPA fallback to index.html. */
function registerWebApp(app: App) {
  const hasBuild = fs.existsSync(path.join(webDist, 'index.html'));
  app.get('/*', { config: { access: 'public' } }, async (req, reply) => {
    const url = decodeURIComponent(req.url.split('?')[0] ?? '/');
    if (url.startsWith('/api/') || url.startsWith('/webhooks/') || url.startsWith('/v2/')) {
      return reply.status(404).send({ code: 'not_found', message: 'No such route' });
    }
    if (!hasBuild) {
      return reply
        .type('text/plain; charset=utf-8')
        .send('The web app is not built. Run `npm start` (it builds it) or `npm run build -w @charla/web`.');
    }
    const file = path.resolve(webDist, `.${url}`);
    const isAsset =
      url !== '/' && file.startsWith(webDist + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile();
    const target = isAsset ? file : path.join(webDist, 'index.html');
    const type = MIME[path.extname(target)] ?? 'application/octet-stream';
    // Hashed build assets never change; index.html must always be revalidated.
    const cache = isAsset && url.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
    return reply.type(type).header('cache-control', cache).send(fs.createReadStream(target));
  });
}

declare module 'fastify' {
  interface FastifyInstance {
    charlaRoutes: { method: string; url: string; config: unknown }[];
  }
}
