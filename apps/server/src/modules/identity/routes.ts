import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../context';
import { contactMerges } from '../../db/schema';
import { ANY_MEMBER, MANAGERS, memberOfRequest } from '../../http/access';
import { notFound } from '../../http/errors';
import type { App } from '../../http/types';
import { getContact } from '../contacts/service';
import { emitMergeEvents } from './events';
import { MERGE_FIELDS, mergeContacts } from './merge';
import { listMergesOf } from './merge-history';
import { getIdentitySettings, setIdentitySettings } from './settings';
import { splitMerge } from './split';
import { dismissSuggestion, listOpenSuggestions } from './suggestions';

const slugParams = z.object({ slug: z.string() });
const contactParams = z.object({ slug: z.string(), id: z.coerce.number().int().positive() });
const choice = z.enum(['kept', 'merged']);

/**
 * Merge suggestions, merging and splitting (Fusionar / Separar). Owners and managers see every contact;
 * an agent may merge or split only contacts they can see (both of them), and others answer 404.
 */
export function identityRoutes(app: App, ctx: Ctx) {
  app.get(
    '/api/w/:slug/merge-suggestions',
    {
      config: { access: ANY_MEMBER },
      schema: {
        params: slugParams,
        querystring: z.object({
          contactId: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(500).optional(),
        }),
      },
    },
    async (req) => {
      const { member, scope } = memberOfRequest(req);
      return { items: await listOpenSuggestions(scope, member, req.query) };
    },
  );

  app.post(
    '/api/w/:slug/merge-suggestions/:suggestionId/dismiss',
    {
      config: { access: ANY_MEMBER },
      schema: { params: z.object({ slug: z.string(), suggestionId: z.coerce.number().int().positive() }) },
    },
    async (req) => {
      const { member, scope } = memberOfRequest(req);
      return dismissSuggestion(scope, member, req.params.suggestionId);
    },
  );

  app.post(
    '/api/w/:slug/contacts/:id/merge',
    {
      config: { access: ANY_MEMBER },
      schema: {
        params: contactParams,
        body: z.object({
          /** The contact merged into this one (`:id` is kept). */
          mergedContactId: z.number().int().positive(),
          fields: z.partialRecord(z.enum(MERGE_FIELDS), choice).optional(),
          customFields: z.record(z.string(), choice).optional(),
        }),
      },
    },
    async (req, reply) => {
      const { member, scope } = memberOfRequest(req);
      const kept = await getContact(scope, member, req.params.id);
      const merged = await getContact(scope, member, req.body.mergedContactId);
      const result = await scope.transaction(async (tx) => {
        const r = await mergeContacts(tx, {
          keptContactId: kept.id,
          mergedContactId: merged.id,
          fields: req.body.fields,
          customFields: req.body.customFields,
          trigger: 'manual',
          actorUserId: member.userId,
        });
        await emitMergeEvents(ctx, tx, r);
        return r;
      });
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/api/w/:slug/contacts/:id/merges',
    { config: { access: ANY_MEMBER }, schema: { params: contactParams } },
    async (req) => {
      const { member, scope } = memberOfRequest(req);
      const contact = await getContact(scope, member, req.params.id);
      return { items: await listMergesOf(scope, contact.id) };
    },
  );

  app.post(
    '/api/w/:slug/contacts/:id/merges/:mergeId/split',
    {
      config: { access: ANY_MEMBER },
      schema: { params: contactParams.extend({ mergeId: z.coerce.number().int().positive() }) },
    },
    async (req) => {
      const { member, scope } = memberOfRequest(req);
      const contact = await getContact(scope, member, req.params.id);
      const record = await scope.first(contactMerges, eq(contactMerges.id, req.params.mergeId));
      if (!record || (record.keptContactId !== contact.id && record.mergedContactId !== contact.id)) {
        throw notFound('Merge');
      }
      // Both sides: splitting hands rows back to a contact the agent must be allowed to see.
      await getContact(scope, member, record.keptContactId);
      await getContact(scope, member, record.mergedContactId);
      return scope.transaction(async (tx) => {
        const r = await splitMerge(tx, record.id, member.userId);
        await emitMergeEvents(ctx, tx, r);
        return r;
      });
    },
  );

  app.get(
    '/api/w/:slug/settings/identity',
    { config: { access: ANY_MEMBER }, schema: { params: slugParams } },
    async (req) => getIdentitySettings(memberOfRequest(req).scope),
  );

  app.put(
    '/api/w/:slug/settings/identity',
    {
      config: { access: MANAGERS },
      schema: { params: slugParams, body: z.object({ autoMergeVerified: z.boolean() }) },
    },
    async (req) => setIdentitySettings(memberOfRequest(req).scope, req.body),
  );
}
