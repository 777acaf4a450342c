import type { Ctx } from '../context';
import { aiRoutes } from '../modules/ai/routes';
import { apiV2Routes } from '../modules/api-v2/routes';
import { authRoutes } from '../modules/auth/routes';
import { broadcastRoutes } from '../modules/broadcasts/routes';
import { channelRoutes } from '../modules/channels/routes';
import { commentRoutes } from '../modules/comments/routes';
import { contactImportRoutes } from '../modules/contacts/import/routes';
import { contactRoutes } from '../modules/contacts/routes';
import { conversationRoutes } from '../modules/conversations/routes';
import { fileRoutes } from '../modules/files/routes';
import { identityRoutes } from '../modules/identity/routes';
import { ingestRoutes } from '../modules/ingest/routes';
import { memberRoutes } from '../modules/members/routes';
import { tagRoutes } from '../modules/tags/routes';
import { teamRoutes } from '../modules/teams/routes';
import { apiTokenRoutes } from '../modules/tokens/routes';
import { templateRoutes } from '../modules/templates/routes';
import { widgetAssetRoutes } from '../modules/webchat/assets';
import { webchatRoutes } from '../modules/webchat/routes';
import { webchatSettingsRoutes } from '../modules/webchat/settings-routes';
import { notificationRoutes } from '../modules/notifications/routes';
import { snippetRoutes } from '../modules/snippets/routes';
import { integrationRoutes } from '../modules/integrations/routes';
import { knowledgeRoutes } from '../modules/knowledge/routes';
import { incomingWebhookRoutes } from '../modules/workflows/incoming-webhook';
import { workflowRoutes } from '../modules/workflows/routes';
import { webhookRoutes } from '../modules/webhooks/routes';
import { workspaceSettingsRoutes } from '../modules/workspaces/routes';
import type { App } from './types';

/** Every module's routes. Each route declares its access (see access.ts). */
export async function registerRoutes(app: App, ctx: Ctx) {
  app.get('/health', { config: { access: 'public' } }, async (_req, reply) => {
    try {
      await ctx.dbh.ping();
      return { status: 'ok' };
    } catch {
      return reply.status(503).send({ status: 'unavailable' });
    }
  });
  authRoutes(app, ctx, ctx.mailer);
  memberRoutes(app, ctx, ctx.mailer);
  teamRoutes(app);
  channelRoutes(app, ctx);
  templateRoutes(app, ctx);
  contactRoutes(app, ctx);
  contactImportRoutes(app, ctx);
  identityRoutes(app, ctx);
  tagRoutes(app);
  conversationRoutes(app, ctx);
  commentRoutes(app, ctx);
  notificationRoutes(app);
  snippetRoutes(app);
  workspaceSettingsRoutes(app);
  apiTokenRoutes(app, ctx);
  workflowRoutes(app, ctx);
  broadcastRoutes(app, ctx);
  incomingWebhookRoutes(app, ctx);
  integrationRoutes(app, ctx);
  knowledgeRoutes(app);
  aiRoutes(app, ctx);
  fileRoutes(app, ctx);
  ingestRoutes(app, ctx);
  webchatRoutes(app, ctx);
  webchatSettingsRoutes(app, ctx);
  widgetAssetRoutes(app, ctx);
  apiV2Routes(app, ctx);
  webhookRoutes(app, ctx);
}
