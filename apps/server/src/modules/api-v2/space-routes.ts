import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../context';
import { channels, messageTemplates, tags } from '../../db/schema';
import { notFound } from '../../http/errors';
import { listChannels } from '../channels/service';
import { listCustomFields } from '../contacts/custom-fields';
import { listMembers } from '../members/service';
import { createTag, deleteTag, updateTag } from '../tags/service';
import { closingNotesOf } from '../workspaces/closing-notes';
import { splitName } from './contact-dto';
import type { V2Registry } from './define';
import { arrayFetch, keysetPage } from './pagination';
import {
  closingNoteSchema,
  customFieldSchema,
  page,
  pageQuery,
  spaceChannelSchema,
  tagBody,
  tagDeleteBody,
  tagSchema,
  tagUpdateBody,
  templateSchema,
  unix,
  userSchema,
} from './schemas';

const tag = 'Space';

const toTag = (t: { id: number; name: string; color: string | null }) => ({
  id: t.id,
  name: t.name,
  colorCode: t.color,
});

async function users(scope: Parameters<typeof listMembers>[0]) {
  return (await listMembers(scope))
    .filter((m) => m.userId !== null)
    .map((m) => ({ id: m.userId!, ...splitName(m.name), email: m.email, role: m.role }));
}

export function spaceRoutes(v2: V2Registry, _ctx: Ctx) {
  v2.route(
    {
      method: 'GET',
      url: '/v2/space/users',
      tag,
      summary: 'The workspace users',
      query: pageQuery,
      response: page(userSchema),
    },
    async ({ query, scope }) => keysetPage('/v2/space/users', query, arrayFetch(await users(scope))),
  );

  v2.route(
    {
      method: 'GET',
      url: '/v2/space/user/:id',
      tag,
      summary: 'One workspace user',
      params: z.object({ id: z.coerce.number().int().positive() }),
      response: userSchema,
      errors: [404],
    },
    async ({ params, scope }) => {
      const user = (await users(scope)).find((u) => u.id === params.id);
      if (!user) throw notFound('User');
      return user;
    },
  );

  v2.route(
    {
      method: 'GET',
      url: '/v2/space/custom_field',
      tag,
      summary: 'The contact custom fields',
      query: pageQuery,
      response: page(customFieldSchema),
    },
    async ({ query, scope }) => {
      const fields = (await listCustomFields(scope)).map((f) => ({
        id: f.id,
        name: f.label,
        slug: f.key,
        dataType: f.type,
        allowedValues: f.options,
      }));
      return keysetPage('/v2/space/custom_field', query, arrayFetch(fields));
    },
  );

  v2.route(
    {
      method: 'GET',
      url: '/v2/space/tag',
      tag,
      summary: 'The workspace tags',
      query: pageQuery,
      response: page(tagSchema),
    },
    async ({ query, scope }) =>
      keysetPage('/v2/space/tag', query, arrayFetch((await scope.find(tags).orderBy(asc(tags.id))).map(toTag))),
  );

  v2.route(
    {
      method: 'POST',
      url: '/v2/space/tag',
      tag,
      summary: 'Create a tag',
      body: tagBody,
      response: tagSchema,
      errors: [409],
    },
    async ({ body, scope }) => toTag(await createTag(scope, { name: body.name, color: body.colorCode ?? null })),
  );

  v2.route(
    {
      method: 'PUT',
      url: '/v2/space/tag',
      tag,
      summary: 'Rename or recolor a tag',
      body: tagUpdateBody,
      response: tagSchema,
      errors: [404, 409],
    },
    async ({ body, scope }) => {
      const found = (await scope.find(tags)).find((t) => t.name.toLowerCase() === body.currentName.toLowerCase());
      if (!found) throw notFound('Tag');
      return toTag(await updateTag(scope, found.id, { name: body.name, color: body.colorCode }));
    },
  );

  v2.route(
    {
      method: 'DELETE',
      url: '/v2/space/tag',
      tag,
      summary: 'Delete a tag',
      body: tagDeleteBody,
      response: tagSchema,
      errors: [404],
    },
    async ({ body, scope }) => {
      const found = (await scope.find(tags)).find((t) => t.name.toLowerCase() === body.name.toLowerCase());
      if (!found) throw notFound('Tag');
      await deleteTag(scope, found.id);
      return toTag(found);
    },
  );

  v2.route(
    {
      method: 'GET',
      url: '/v2/space/channel',
      tag,
      summary: 'The workspace channels',
      query: pageQuery,
      response: page(spaceChannelSchema),
    },
    async ({ query, scope }) => {
      const items = (await listChannels(scope)).map((c) => ({
        id: c.id,
        name: c.name,
        source: c.type,
        created_at: unix(c.createdAt)!,
      }));
      return keysetPage('/v2/space/channel', query, arrayFetch(items));
    },
  );

  v2.route(
    {
      method: 'GET',
      url: '/v2/space/closing_notes',
      tag,
      summary: 'The closing-note categories and whether closing requires them',
      response: z.object({
        mode: z.enum(['off', 'optional', 'category', 'required']),
        items: z.array(closingNoteSchema),
      }),
    },
    async ({ member }) => {
      const settings = closingNotesOf(member.workspace);
      return { mode: settings.mode, items: settings.categories.map((category) => ({ category, description: null })) };
    },
  );

  v2.route(
    {
      method: 'GET',
      url: '/v2/space/channel/:channelId/template',
      tag,
      summary: "A WhatsApp channel's message templates",
      params: z.object({ channelId: z.coerce.number().int().positive() }),
      query: pageQuery,
      response: page(templateSchema),
      errors: [404],
    },
    async ({ params, query, scope }) => {
      if (!(await scope.first(channels, eq(channels.id, params.channelId)))) throw notFound('Channel');
      const rows = await scope.find(messageTemplates, eq(messageTemplates.channelId, params.channelId));
      const items = rows.map((t) => ({
        id: t.id,
        channelId: t.channelId,
        name: t.name,
        languageCode: t.language,
        category: t.category,
        status: t.status,
        body: t.components.body ?? null,
      }));
      return keysetPage(`/v2/space/channel/${params.channelId}/template`, query, arrayFetch(items));
    },
  );
}
