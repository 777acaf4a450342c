import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../context';
import { channels, memberships, messageTemplates, tags, teamMembers, teams, users } from '../../db/schema';
import type { Scope } from '../../db/scope';
import { invalid, notFound } from '../../http/errors';
import { listChannels } from '../channels/service';
import { createCustomField, listCustomFields } from '../contacts/custom-fields';
import { createTag, deleteTag, updateTag } from '../tags/service';
import { closingNotesOf } from '../workspaces/closing-notes';
import { splitName } from './contact-dto';
import type { V2Registry } from './define';
import { arrayFetch, keysetPage } from './pagination';
import {
  channelSource,
  closingNoteSchema,
  customFieldBody,
  customFieldSchema,
  doneAnswer,
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

/** Our restrictions and access levels under respond.io's restriction names (SDK `UserRestriction`). */
const RESTRICTIONS: Record<string, string> = {
  workspace_settings: 'restrict_space_setting',
  contact_deletion: 'restrict_contact_deletion',
  data_export: 'restrict_data_export',
  integrations: 'restrict_space_integration',
};
const ACCESS: Record<string, string[]> = { all: [], team: ['show_team_contacts'], assigned: ['show_only_mine'] };

/** The workspace's users as respond.io lists them: with their (first) team and their restrictions. */
async function spaceUsers(scope: Scope) {
  const rows = await scope.unscopedDb
    .select({
      user: users,
      role: memberships.role,
      accessLevel: memberships.accessLevel,
      restrictions: memberships.restrictions,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(scope.owns(memberships));
  const teamRows = await scope.unscopedDb
    .select({ userId: teamMembers.userId, id: teams.id, name: teams.name })
    .from(teamMembers)
    .innerJoin(teams, and(eq(teams.id, teamMembers.teamId), scope.owns(teams)))
    .where(scope.owns(teamMembers))
    .orderBy(asc(teams.id));
  return rows.map((r) => {
    const team = teamRows.find((t) => t.userId === r.user.id);
    return {
      id: r.user.id,
      ...splitName(r.user.name),
      email: r.user.email,
      role: r.role,
      team: team ? { id: team.id, name: team.name } : null,
      restrictions: [
        ...(r.role === 'manager' ? r.restrictions.map((x) => RESTRICTIONS[x] ?? x) : []),
        ...(r.role === 'agent' ? (ACCESS[r.accessLevel] ?? []) : []),
      ],
    };
  });
}

const customFieldDto = (f: Awaited<ReturnType<typeof listCustomFields>>[number]) => ({
  id: f.id,
  name: f.label,
  slug: f.key,
  description: null,
  dataType: f.type,
  allowedValues: f.options,
});

/** A field key from respond.io's slug or name: lower-case letters, digits and `_`, starting with a letter. */
function fieldKey(slugOrName: string): string {
  const key = slugOrName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+|_+$/g, '')
    .slice(0, 40);
  if (!key) throw invalid('invalid_slug', 'The slug needs letters (a-z), digits or _');
  return key;
}

export function spaceRoutes(v2: V2Registry, _ctx: Ctx) {
  for (const [url, summary] of [
    ['/v2/space/user', 'The workspace users'],
    ['/v2/space/users', 'The workspace users (deprecated alias of /v2/space/user)'],
  ] as const) {
    v2.route(
      { method: 'GET', url, tag, summary, query: pageQuery, response: page(userSchema) },
      async ({ query, scope }) => keysetPage(url, query, arrayFetch(await spaceUsers(scope))),
    );
  }

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
      const user = (await spaceUsers(scope)).find((u) => u.id === params.id);
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
    async ({ query, scope }) =>
      keysetPage('/v2/space/custom_field', query, arrayFetch((await listCustomFields(scope)).map(customFieldDto))),
  );

  v2.route(
    {
      method: 'GET',
      url: '/v2/space/custom_field/:id',
      tag,
      summary: 'One contact custom field',
      params: z.object({ id: z.coerce.number().int().positive() }),
      response: customFieldSchema,
      errors: [404],
    },
    async ({ params, scope }) => {
      const field = (await listCustomFields(scope)).find((f) => f.id === params.id);
      if (!field) throw notFound('Custom field');
      return customFieldDto(field);
    },
  );

  v2.route(
    {
      method: 'POST',
      url: '/v2/space/custom_field',
      tag,
      summary: 'Create a contact custom field (the slug, or else the name, becomes its key)',
      body: customFieldBody,
      response: customFieldSchema,
      errors: [409],
    },
    async ({ body, scope }) =>
      customFieldDto(
        await createCustomField(scope, {
          key: fieldKey(body.slug ?? body.name),
          label: body.name,
          type: body.dataType,
          options: body.allowedValues ?? [],
        }),
      ),
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
      response: doneAnswer,
      errors: [404],
    },
    async ({ body, scope }) => {
      const found = (await scope.find(tags)).find((t) => t.name.toLowerCase() === body.name.toLowerCase());
      if (!found) throw notFound('Tag');
      await deleteTag(scope, found.id);
      return { code: 200, message: 'Tag deleted successfully' };
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
        source: channelSource(c.type),
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
      summary: 'The closing-note categories (and, Charla only, whether closing requires them)',
      query: pageQuery,
      response: page(closingNoteSchema).extend({ mode: z.enum(['off', 'optional', 'category', 'required']) }),
    },
    async ({ query, member }) => {
      const settings = closingNotesOf(member.workspace);
      // Categories have no ids: their position (from 1) is the cursor.
      const all = settings.categories.map((category, i) => ({ id: i + 1, category, description: null }));
      const result = await keysetPage('/v2/space/closing_notes', query, arrayFetch(all));
      return {
        mode: settings.mode,
        items: result.items.map(({ category, description }) => ({ category, description })),
        pagination: result.pagination,
      };
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
        // Meta's component list: the body we keep apart, then header, footer and buttons as Meta gave them.
        components: [{ type: 'body', text: t.components.body }, ...(t.components.other as Record<string, unknown>[])],
      }));
      return keysetPage(`/v2/space/channel/${params.channelId}/template`, query, arrayFetch(items));
    },
  );
}
