import { z } from 'zod';
import { ANY_MEMBER, MANAGERS, memberOfRequest } from '../../http/access';
import type { App } from '../../http/types';
import { atLeastOneField } from '../../http/validation';
import { createTag, deleteTag, listTags, updateTag } from './service';

const slugParams = z.object({ slug: z.string() });
const idParams = z.object({ slug: z.string(), id: z.coerce.number().int().positive() });
const name = z.string().trim().min(1).max(60);
/** `#rrggbb` only: the value ends up in a style attribute. */
const color = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/)
  .nullable();

/** Everyone filters by tags; managers and owners maintain the list (Settings → Tags). */
export function tagRoutes(app: App) {
  app.get('/api/w/:slug/tags', { config: { access: ANY_MEMBER }, schema: { params: slugParams } }, async (req) => {
    const { scope } = memberOfRequest(req);
    return { items: await listTags(scope) };
  });

  app.post(
    '/api/w/:slug/tags',
    { config: { access: MANAGERS }, schema: { params: slugParams, body: z.object({ name, color: color.optional() }) } },
    async (req, reply) => {
      const { scope } = memberOfRequest(req);
      return reply.status(201).send(await createTag(scope, req.body));
    },
  );

  app.patch(
    '/api/w/:slug/tags/:id',
    {
      config: { access: MANAGERS },
      schema: { params: idParams, body: atLeastOneField(z.object({ name: name.optional(), color: color.optional() })) },
    },
    async (req) => {
      const { scope } = memberOfRequest(req);
      return updateTag(scope, req.params.id, req.body);
    },
  );

  app.delete(
    '/api/w/:slug/tags/:id',
    { config: { access: MANAGERS }, schema: { params: idParams } },
    async (req, reply) => {
      const { scope } = memberOfRequest(req);
      await deleteTag(scope, req.params.id);
      return reply.status(204).send();
    },
  );
}
