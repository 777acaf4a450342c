import { z } from 'zod';
import type { Ctx } from '../../context';
import { ANY_MEMBER, memberOfRequest } from '../../http/access';
import type { App } from '../../http/types';
import { bulkAddTag, bulkAssign } from './bulk';

const slugParams = z.object({ slug: z.string() });
const contactIds = z.array(z.number().int().positive()).min(1).max(500);

/** Bulk actions of the contacts list: every contact must be one the member can see, or nothing changes. */
export function contactBulkRoutes(app: App, ctx: Ctx) {
  app.post(
    '/api/w/:slug/contacts/bulk/tag',
    {
      config: { access: ANY_MEMBER },
      schema: { params: slugParams, body: z.object({ contactIds, tagId: z.number().int().positive() }) },
    },
    async (req) => {
      const { member, scope } = memberOfRequest(req);
      return bulkAddTag(ctx, scope, member, req.body.contactIds, req.body.tagId);
    },
  );

  app.post(
    '/api/w/:slug/contacts/bulk/assign',
    {
      config: { access: ANY_MEMBER },
      schema: { params: slugParams, body: z.object({ contactIds, userId: z.number().int().positive() }) },
    },
    async (req) => {
      const { member, scope } = memberOfRequest(req);
      return bulkAssign(ctx, scope, member, req.body.contactIds, req.body.userId);
    },
  );
}
