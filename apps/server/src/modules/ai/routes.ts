import { aiSettingsInputSchema } from '@charla/contracts/knowledge';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Ctx } from '../../context';
import { type Access, memberOfRequest } from '../../http/access';
import { invalid } from '../../http/errors';
import type { App } from '../../http/types';
import { workspaceById } from '../workspaces/service';
import { ChatApiError, chatCompletion } from './chat';
import { chatApiFromInput, describeAiSettings, saveAiSettings } from './settings';

/** The chat API key is an integration credential: owners, and managers not restricted from integrations. */
const INTEGRATORS: Access = { roles: ['owner', 'manager'], restriction: 'integrations' };
const slugParams = z.object({ slug: z.string() });

/** The current workspace row (the guard's copy may predate a save in this request's flow). */
const freshWorkspace = async (req: FastifyRequest) => {
  const { scope } = memberOfRequest(req);
  return (await workspaceById(scope.unscopedDb, scope.workspaceId))!;
};

/** Settings → AI assistant: the OpenAI-compatible chat API (none: retrieval-only answers). */
export function aiRoutes(app: App, ctx: Ctx) {
  app.get(
    '/api/w/:slug/ai/settings',
    { config: { access: INTEGRATORS }, schema: { params: slugParams } },
    async (req) => describeAiSettings(await freshWorkspace(req)),
  );

  app.put(
    '/api/w/:slug/ai/settings',
    { config: { access: INTEGRATORS }, schema: { params: slugParams, body: aiSettingsInputSchema } },
    async (req) => {
      if (req.body.baseUrl && !req.body.model) throw invalid('model_required', 'Name the model to use');
      return saveAiSettings(ctx, memberOfRequest(req).scope, await freshWorkspace(req), req.body);
    },
  );

  /** "Test connection": one short chat completion with the form's values (the stored key when none is typed). */
  app.post(
    '/api/w/:slug/ai/test',
    { config: { access: INTEGRATORS }, schema: { params: slugParams, body: aiSettingsInputSchema } },
    async (req) => {
      const api = chatApiFromInput(ctx, await freshWorkspace(req), req.body);
      if (!api) throw invalid('not_configured', 'Enter the chat API’s base URL first');
      try {
        const reply = await chatCompletion(ctx, api, [{ role: 'user', content: 'Reply with the word OK.' }]);
        return { ok: true, reply: reply.slice(0, 200) };
      } catch (err) {
        if (err instanceof ChatApiError) throw invalid('chat_api_failed', (err as Error).message);
        throw err;
      }
    },
  );
}
