import { z } from 'zod';
import type { Ctx } from '../../context';
import { contacts } from '../../db/schema';
import { ANY_MEMBER, MANAGERS, memberOfRequest } from '../../http/access';
import type { App } from '../../http/types';
import { setContactTag } from '../tags/service';
import { listActivities } from '../activities/service';
import { contactBulkRoutes } from './bulk-routes';
import { customFieldEditRoutes } from './custom-field-routes';
import { deleteContact } from './delete';
import { createCustomField, listCustomFields } from './custom-fields';
import { contactDetails } from './details';
import { assertLive, updateContact } from './edit';
import { withListExtras } from './list-extras';
import { contactListQuery, contactListWhere } from './list-query';
import { segmentRoutes } from './segments/routes';
import { getContact, listContacts } from './service';
import { startConversation } from '../conversations/start';

const slugParams = z.object({ slug: z.string() });
const contactParams = z.object({ slug: z.string(), id: z.coerce.number().int().positive() });
const contactTagParams = contactParams.extend({ tagId: z.coerce.number().int().positive() });
const optionalText = z.string().max(200).nullable().optional();

export function contactRoutes(app: App, ctx: Ctx) {
  contactBulkRoutes(app, ctx);
  customFieldEditRoutes(app);
  segmentRoutes(app);
  app.get(
    '/api/w/:slug/contacts',
    {
      config: { access: ANY_MEMBER },
      schema: {
        params: slugParams,
        querystring: contactListQuery.extend({ limit: z.coerce.number().int().min(1).max(200).optional() }),
      },
    },
    async (req) => {
      const { member, scope } = memberOfRequest(req);
      const where = await contactListWhere(scope, member, req.query);
      return { items: await withListExtras(scope, await listContacts(scope, where, req.query.limit)) };
    },
  );

  // Separate from the page: the list shows at once and the count (a full scan for broad filters) follows.
  app.get(
    '/api/w/:slug/contacts/count',
    { config: { access: ANY_MEMBER }, schema: { params: slugParams, querystring: contactListQuery } },
    async (req) => {
      const { member, scope } = memberOfRequest(req);
      return { count: await scope.count(contacts, await contactListWhere(scope, member, req.query)) };
    },
  );

  app.get(
    '/api/w/:slug/contacts/:id',
    { config: { access: ANY_MEMBER }, schema: { params: contactParams } },
    async (req) => {
      const { member, scope } = memberOfRequest(req);
      return contactDetails(scope, await getContact(scope, member, req.params.id));
    },
  );

  // Owners, and managers unless the owner restricted them from deleting contacts (SPEC §8).
  app.delete(
    '/api/w/:slug/contacts/:id',
    {
      config: { access: { roles: ['owner', 'manager'], restriction: 'contact_deletion' } },
      schema: { params: contactParams },
    },
    async (req, reply) => {
      const { member, scope } = memberOfRequest(req);
      const contact = await getContact(scope, member, req.params.id);
      assertLive(contact);
      await deleteContact(ctx, scope, contact, member.userId);
      return reply.status(204).send();
    },
  );

  app.patch(
    '/api/w/:slug/contacts/:id',
    {
      config: { access: ANY_MEMBER },
      schema: {
        params: contactParams,
        body: z.object({
          firstName: optionalText,
          lastName: optionalText,
          phone: optionalText,
          email: z.string().max(320).nullable().optional(),
          customFields: z.record(z.string(), z.unknown()).optional(),
        }),
      },
    },
    async (req) => {
      const { member, scope } = memberOfRequest(req);
      const contact = await updateContact(scope, member, req.params.id, req.body);
      await ctx.events.emit(scope.unscopedDb, scope.workspaceId, 'contact.updated', { contactId: contact.id });
      return contactDetails(scope, contact);
    },
  );

  app.get(
    '/api/w/:slug/contacts/:id/activities',
    {
      config: { access: ANY_MEMBER },
      schema: {
        params: contactParams,
        querystring: z.object({
          before: z.coerce.date().optional(),
          limit: z.coerce.number().int().min(1).max(500).optional(),
        }),
      },
    },
    async (req) => {
      const { member, scope } = memberOfRequest(req);
      const contact = await getContact(scope, member, req.params.id);
      return { items: await listActivities(scope, contact.id, req.query) };
    },
  );

  app.post(
    '/api/w/:slug/contacts/:id/conversation',
    { config: { access: ANY_MEMBER }, schema: { params: contactParams } },
    async (req, reply) => {
      const { member, scope } = memberOfRequest(req);
      const { conversation, opened } = await startConversation(ctx, scope, member, req.params.id);
      return reply.status(opened ? 201 : 200).send({ conversation });
    },
  );

  app.post(
    '/api/w/:slug/contacts/:id/tags',
    {
      config: { access: ANY_MEMBER },
      schema: { params: contactParams, body: z.object({ tagId: z.number().int().positive() }) },
    },
    async (req, reply) => {
      const { member, scope } = memberOfRequest(req);
      const contact = await getContact(scope, member, req.params.id);
      assertLive(contact);
      await scope.transaction((tx) => setContactTag(ctx, tx, contact.id, req.body.tagId, 'added', member.userId));
      return reply.status(204).send();
    },
  );

  app.delete(
    '/api/w/:slug/contacts/:id/tags/:tagId',
    { config: { access: ANY_MEMBER }, schema: { params: contactTagParams } },
    async (req, reply) => {
      const { member, scope } = memberOfRequest(req);
      const contact = await getContact(scope, member, req.params.id);
      assertLive(contact);
      await scope.transaction((tx) => setContactTag(ctx, tx, contact.id, req.params.tagId, 'removed', member.userId));
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/w/:slug/custom-fields',
    { config: { access: ANY_MEMBER }, schema: { params: slugParams } },
    async (req) => {
      const { scope } = memberOfRequest(req);
      const fields = await listCustomFields(scope);
      return { items: fields.map((f) => ({ id: f.id, key: f.key, label: f.label, type: f.type, options: f.options })) };
    },
  );

  app.post(
    '/api/w/:slug/custom-fields',
    {
      config: { access: MANAGERS },
      schema: {
        params: slugParams,
        body: z.object({
          key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _'),
          label: z.string().trim().min(1).max(80),
          type: z.enum(['text', 'number', 'date', 'time', 'checkbox', 'list', 'email', 'url']),
          options: z.array(z.string().trim().min(1).max(80)).max(100).optional(),
        }),
      },
    },
    async (req, reply) => {
      const { scope } = memberOfRequest(req);
      const f = await createCustomField(scope, req.body);
      return reply.status(201).send({ id: f.id, key: f.key, label: f.label, type: f.type, options: f.options });
    },
  );
}
