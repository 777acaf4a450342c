import { z } from 'zod';
import { ANY_MEMBER, MANAGERS, memberOfRequest } from '../../http/access';
import type { App } from '../../http/types';
import { atLeastOneField } from '../../http/validation';
import { createSnippet, deleteSnippet, listSnippets, updateSnippet } from './service';

const slugParams = z.object({ slug: z.string() });
const idParams = z.object({ slug: z.string(), id: z.coerce.number().int().positive() });
/** What follows the `/` in the composer: letters, digits, `-` and `_`. */
const shortcut = z
  .string()
  .trim()
  .regex(/^[\p{L}\p{N}_-]{1,40}$/u, 'shortcut_format');
const text = z.string().trim().min(1).max(5000);

/** Every member uses snippets; managers and owners maintain them (Settings → Snippets). */
export function snippetRoutes(app: App) {
  app.get('/api/w/:slug/snippets', { config: { access: ANY_MEMBER }, schema: { params: slugParams } }, async (req) => {
    const { scope } = memberOfRequest(req);
    return { items: await listSnippets(scope) };
  });

  app.post(
    '/api/w/:slug/snippets',
    { config: { access: MANAGERS }, schema: { params: slugParams, body: z.object({ shortcut, text }) } },
    async (req, reply) => {
      const { member, scope } = memberOfRequest(req);
      return reply.status(201).send(await createSnippet(scope, member.userId, req.body));
    },
  );

  app.patch(
    '/api/w/:slug/snippets/:id',
    {
      config: { access: MANAGERS },
      schema: {
        params: idParams,
        body: atLeastOneField(z.object({ shortcut: shortcut.optional(), text: text.optional() })),
      },
    },
    async (req) => {
      const { scope } = memberOfRequest(req);
      return updateSnippet(scope, req.params.id, req.body);
    },
  );

  app.delete(
    '/api/w/:slug/snippets/:id',
    { config: { access: MANAGERS }, schema: { params: idParams } },
    async (req, reply) => {
      const { scope } = memberOfRequest(req);
      await deleteSnippet(scope, req.params.id);
      return reply.status(204).send();
    },
  );
}
