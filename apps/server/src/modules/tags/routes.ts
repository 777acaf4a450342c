import { z } from 'zod';
import { ANY_MEMBER, MANAGERS, memberOfRequest } from '../../http/access';
import type { App } from '../../http/types';
import { atLeastOneField } from '../../http/validation';
import { createTag, deleteTag, listTags, updateTag } from './service';

const slugParams = z.object({ slug: z.string() });
const tagParams = z.object({ slug: z.string(), tagId: z.coerce.number().int().positive() });
const color = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'a colour is #rrggbb')
  .nullable()
  .optional();

/** Tags (Etiquetas): any member may create and use them; renaming and deleting is for managers. */
export function tagRoutes(app: App) {
  app.get('/api/w/:slug/tags', { config: { access: ANY_MEMBER }, schema: { params: slugParams } }, async (req) => {
    const { scope } = memberOfRequest(req);
    return { items: await listTags(scope) };
  });

  app.post(
    '/api/w/:slug/tags',
    {
      config: { access: ANY_MEMBER },
      schema: { params: slugParams, body: z.object({ name: z.string().trim().min(1).max(60), color }) },
    },
    async (req, reply) => {
      const { scope } = memberOfRequest(req);
      return reply.status(201).send(await createTag(scope, req.body));
    },
  );

  app.patch(
    '/api/w/:slug/tags/:tagId',
    {
      config: { access: MANAGERS },
      schema: {
        params: tagParams,
        body: atLeastOneField(z.object({ name: z.string().trim().min(1).max(60).optional(), color })),
      },
    },
    async (req) => {
      const { scope } = memberOfRequest(req);
      return updateTag(scope, req.params.tagId, req.body);
    },
  );

  app.delete(
    '/api/w/:slug/tags/:tagId',
    { config: { access: MANAGERS }, schema: { params: tagParams } },
    async (req, reply) => {
      const { scope } = memberOfRequest(req);
      await deleteTag(scope, req.params.tagId);
      return reply.status(204).send();
    },
  );
}
