import { z } from 'zod';
import { and, eq, max } from 'drizzle-orm';
import type { Ctx } from '../../context';
import { channels, contactChannels, contacts, messages } from '../../db/schema';
import { contactListConditions } from '../contacts/service';
import { deleteContact } from '../contacts/delete';
import { filterSql } from '../contacts/filter';
import { contactDto, contactDtos } from './contact-dto';
import {
  changeTags,
  createContact,
  createOrUpdateContact,
  mergeByApi,
  setLifecycle,
  updateContactByApi,
} from './contact-write';
import type { V2Registry } from './define';
import { contactOf } from './identifier';
import { assertTimeZone } from './zoned-time';
import { keysetPage, sqlBounds } from './pagination';
import {
  channelSchema,
  channelSource,
  contactCreatedAnswer,
  contactIdAnswer,
  contactInput,
  contactListBody,
  contactParams,
  contactSchema,
  doneAnswer,
  filterGroup,
  lifecycleBody,
  mergeBody,
  page,
  pageQuery,
  tagNames,
  unix,
} from './schemas';

const tag = 'Contact';

export function contactRoutes(v2: V2Registry, ctx: Ctx) {
  v2.route(
    {
      method: 'GET',
      url: '/v2/contact/:identifier',
      tag,
      summary: 'Get a contact',
      params: contactParams,
      response: contactSchema,
      errors: [404],
    },
    async ({ params, member, scope }) => contactDto(scope, await contactOf(scope, member, params.identifier)),
  );

  v2.route(
    {
      method: 'POST',
      url: '/v2/contact/:identifier',
      tag,
      summary: 'Create a contact',
      params: contactParams,
      body: contactInput,
      response: contactCreatedAnswer,
      errors: [409],
    },
    async ({ params, body, member, scope }) => ({
      code: '200',
      message: 'Contact added successfully!',
      contactId: (await createContact(ctx, scope, member, params.identifier, body)).id,
    }),
  );

  v2.route(
    {
      method: 'PUT',
      url: '/v2/contact/:identifier',
      tag,
      summary: 'Update a contact',
      params: contactParams,
      body: contactInput,
      response: contactIdAnswer,
      errors: [404, 409],
    },
    async ({ params, body, member, scope }) => {
      const contact = await contactOf(scope, member, params.identifier);
      return { contactId: (await updateContactByApi(ctx, scope, member, contact, body)).id };
    },
  );

  v2.route(
    {
      method: 'DELETE',
      url: '/v2/contact/:identifier',
      tag,
      summary: 'Delete a contact',
      params: contactParams,
      response: contactIdAnswer,
      errors: [404],
    },
    async ({ params, member, scope }) => {
      const contact = await contactOf(scope, member, params.identifier);
      await deleteContact(ctx, scope, contact, member.userId);
      return { contactId: contact.id };
    },
  );

  v2.route(
    {
      method: 'POST',
      url: '/v2/contact/create_or_update/:identifier',
      tag,
      summary: 'Create a contact, or update the one the identifier names',
      params: contactParams,
      body: contactInput,
      response: contactIdAnswer,
      errors: [404, 409],
    },
    async ({ params, body, member, scope }) => ({
      contactId: (await createOrUpdateContact(ctx, scope, member, params.identifier, body)).id,
    }),
  );

  v2.route(
    {
      method: 'POST',
      url: '/v2/contact/merge',
      tag,
      summary: 'Merge two contacts into the first',
      body: mergeBody,
      response: contactIdAnswer,
      errors: [404, 409],
    },
    async ({ body, member, scope }) => ({ contactId: (await mergeByApi(ctx, scope, member, body)).id }),
  );

  v2.route(
    {
      method: 'POST',
      url: '/v2/contact/list',
      tag,
      summary: 'List contacts by search and filter',
      query: pageQuery,
      body: contactListBody,
      response: page(contactSchema),
    },
    async ({ query, body, member, scope }) => {
      const timeZone = assertTimeZone(body.timezone ?? member.workspace.timezone);
      const group = body.filter && filterGroup(body.filter);
      const where = and(contactListConditions(member, body.search), group && filterSql(group, timeZone));
      const result = await keysetPage('/v2/contact/list', query, async (b) => {
        const { where: bounds, orderBy } = sqlBounds(contacts.id, b);
        return scope.find(contacts, where, bounds).orderBy(orderBy).limit(b.limit);
      });
      return { ...result, items: await contactDtos(scope, result.items) };
    },
  );

  for (const [method, summary] of [
    ['POST', 'Add tags to a contact (creating missing tags)'],
    ['DELETE', 'Remove tags from a contact'],
  ] as const) {
    v2.route(
      {
        method,
        url: '/v2/contact/:identifier/tag',
        tag,
        summary,
        params: contactParams,
        body: tagNames,
        response: contactIdAnswer,
        errors: [404],
      },
      async ({ params, body, member, scope }) => {
        const contact = await contactOf(scope, member, params.identifier);
        await changeTags(ctx, scope, member, contact, body, method === 'POST' ? 'add' : 'remove');
        return { contactId: contact.id };
      },
    );
  }

  v2.route(
    {
      method: 'POST',
      url: '/v2/contact/:identifier/lifecycle/update',
      tag,
      summary: "Set the contact's lifecycle stage (null removes it)",
      params: contactParams,
      body: lifecycleBody,
      response: doneAnswer.extend({ contactId: z.number().int() }),
      errors: [404],
    },
    async ({ params, body, member, scope }) => {
      const contact = await contactOf(scope, member, params.identifier);
      await setLifecycle(ctx, scope, contact, body.name || null);
      return { code: 200, message: 'Lifecycle updated', contactId: contact.id };
    },
  );

  v2.route(
    {
      method: 'GET',
      url: '/v2/contact/:identifier/channels',
      tag,
      summary: "The contact's channels, last interacted first",
      params: contactParams,
      query: pageQuery,
      response: page(channelSchema),
      errors: [404],
    },
    async ({ params, query, member, scope }) => {
      const contact = await contactOf(scope, member, params.identifier);
      const rows = await scope.unscopedDb
        .select({ address: contactChannels, channel: channels })
        .from(contactChannels)
        .innerJoin(channels, and(eq(channels.id, contactChannels.channelId), scope.owns(channels)))
        .where(scope.where(contactChannels, eq(contactChannels.contactId, contact.id)));
      const last = await scope.unscopedDb
        .select({ channelId: messages.channelId, at: max(messages.createdAt) })
        .from(messages)
        .where(scope.where(messages, eq(messages.contactId, contact.id)))
        .groupBy(messages.channelId);
      // One entry per channel: a contact can hold two addresses on one (a Messenger commenter's id and,
      // after a private reply, their PSID); the one they last wrote from stands for the channel.
      const latest = new Map<number, (typeof rows)[number]>();
      for (const row of rows) {
        const seen = latest.get(row.channel.id);
        const at = (r: typeof row) => r.address.lastInboundAt?.getTime() ?? -1;
        if (!seen || at(row) > at(seen) || (at(row) === at(seen) && row.address.id > seen.address.id))
          latest.set(row.channel.id, row);
      }
      const items = [...latest.values()].map(({ address, channel }) => ({
        id: channel.id,
        name: channel.name,
        source: channelSource(channel.type),
        meta: { externalId: address.externalId },
        lastMessageTime: unix(last.find((l) => l.channelId === channel.id)?.at),
        lastIncomingMessageTime: unix(address.lastInboundAt),
        created_at: unix(address.createdAt)!,
      }));
      items.sort((a, b) => (b.lastMessageTime ?? 0) - (a.lastMessageTime ?? 0));
      return { items: items.slice(0, query.limit), pagination: { next: null, previous: null } };
    },
  );
}
