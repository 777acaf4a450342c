import { z } from 'zod';
import { ANY_MEMBER, memberOfRequest } from '../../http/access';
import type { App } from '../../http/types';
import { getContact, listContacts, serializeContact } from './service';

export function contactRoutes(app: App) {
  app.get(
    '/api/w/:slug/contacts',
    {
      config: { access: ANY_MEMBER },
      schema: {
        params: z.object({ slug: z.string() }),
        querystring: z.object({
          search: z.string().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(200).optional(),
        }),
      },
    },
    async (req) => {
      const { member, scope } = memberOfRequest(req);
      return { items: await listContacts(scope, member, req.query) };
    },
  );

  app.get(
    '/api/w/:slug/contacts/:id',
    {
      config: { access: ANY_MEMBER },
      schema: { params: z.object({ slug: z.string(), id: z.coerce.number().int().positive() }) },
    },
    async (req) => {
      const { member, scope } = memberOfRequest(req);
      return serializeContact(await getContact(scope, member, req.params.id));
    },
  );
}
