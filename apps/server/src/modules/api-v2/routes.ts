import type { Ctx } from '../../context';
import type { App } from '../../http/types';
import { contactRoutes } from './contact-routes';
import { conversationRoutes } from './conversation-routes';
import { V2Registry } from './define';
import { DOCS_HTML, DOCS_JS } from './docs-page';
import { messageRoutes } from './message-routes';
import { openApiDocument } from './openapi';
import { spaceRoutes } from './space-routes';

/** The developer API (`/v2`, respond.io-compatible), its OpenAPI document and the interactive docs. */
export function apiV2Routes(app: App, ctx: Ctx) {
  const v2 = new V2Registry(app, ctx.publicUrl);
  contactRoutes(v2, ctx);
  messageRoutes(v2, ctx);
  conversationRoutes(v2, ctx);
  spaceRoutes(v2, ctx);

  let document: ReturnType<typeof openApiDocument> | undefined;
  app.get('/v2/openapi.json', { config: { access: 'public' } }, async () => {
    document ??= openApiDocument(v2.operations, ctx.publicUrl());
    return document;
  });
  app.get('/docs', { config: { access: 'public' } }, async (_req, reply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(DOCS_HTML),
  );
  app.get('/docs/docs.js', { config: { access: 'public' } }, async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(DOCS_JS),
  );
}
