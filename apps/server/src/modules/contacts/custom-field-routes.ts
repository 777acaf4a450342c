import { z } from 'zod';
import { MANAGERS, memberOfRequest } from '../../http/access';
import { notFound } from '../../http/errors';
import type { App } from '../../http/types';
import { deleteCustomField, updateCustomField } from './custom-fields';

const fieldParams = z.object({ slug: z.string(), fieldId: z.coerce.number().int().positive() });

/** Settings → Contact fields: editing and deleting definitions (listing and creating live in routes.ts). */
export function customFieldEditRoutes(app: App) {
  app.patch(
    '/api/w/:slug/custom-fields/:fieldId',
    {
      config: { access: MANAGERS },
      schema: {
        params: fieldParams,
        body: z.object({
          label: z.string().trim().min(1).max(80).optional(),
          options: z.array(z.string().trim().min(1).max(80)).max(100).optional(),
        }),
      },
    },
    async (req) => {
      const f = await updateCustomField(memberOfRequest(req).scope, req.params.fieldId, req.body);
      if (!f) throw notFound('Field');
      return { id: f.id, key: f.key, label: f.label, type: f.type, options: f.options };
    },
  );

  app.delete(
    '/api/w/:slug/custom-fields/:fieldId',
    { config: { access: MANAGERS }, schema: { params: fieldParams } },
    async (req, reply) => {
      if (!(await deleteCustomField(memberOfRequest(req).scope, req.params.fieldId))) throw notFound('Field');
      return reply.status(204).send();
    },
  );
}
