import { type ManagerRestriction, managerRestrictionSchema, type Role, roleSchema } from '@charla/contracts';
import type { TestRuntime } from './runtime';
import type { Ids } from './tenant-world';

/** A registered route and how the suite classifies its access. Unknown access shapes throw: a route the
 * suite does not know how to attack must fail the suite, never be skipped. */
export type RouteUnderAttack =
  | { method: string; url: string; key: string; kind: 'public' | 'webhook' | 'session' | 'api' }
  | { method: string; url: string; key: string; kind: 'roles'; roles: Role[]; restriction?: ManagerRestriction };

export function routesOf(rt: TestRuntime): RouteUnderAttack[] {
  const routes = rt.app.charlaRoutes;
  if (routes.length === 0) throw new Error('app.charlaRoutes is empty: the route recorder is broken');
  return routes.map((r) => classify(r.method, r.url, (r.config as { access?: unknown } | undefined)?.access));
}

export function classify(method: string, url: string, access: unknown): RouteUnderAttack {
  const key = `${method} ${url}`;
  if (access === 'public' || access === 'webhook' || access === 'session' || access === 'api')
    return { method, url, key, kind: access };
  if (access && typeof access === 'object' && !Array.isArray(access)) {
    const { roles, restriction, ...rest } = access as { roles?: unknown; restriction?: unknown };
    const known = new Set<unknown>(roleSchema.options);
    const restrictions = new Set<unknown>(managerRestrictionSchema.options);
    if (
      Object.keys(rest).length === 0 &&
      Array.isArray(roles) &&
      roles.length > 0 &&
      roles.every((r) => known.has(r)) &&
      (restriction === undefined || restrictions.has(restriction))
    ) {
      if (!url.includes(':slug')) throw new Error(`${key}: workspace access without :slug`);
      return {
        method,
        url,
        key,
        kind: 'roles',
        roles: roles as Role[],
        restriction: restriction as ManagerRestriction,
      };
    }
  }
  throw new Error(`${key}: unknown access ${JSON.stringify(access)}; teach the tenant-isolation suite to attack it`);
}

/** Params whose value is a record the `assigned` access level hides: the agent must get 404. */
export const VISIBILITY_PARAMS = new Set(['conversation', 'contact', 'suggestion']);

/** What each `:param` of a URL stands for, or an error for a param the suite cannot fill. */
export function paramsOf(
  url: string,
): { name: string; stands: keyof Ids | 'channelType' | 'token' | 'wildcard' | 'identifier' | 'message' }[] {
  const segments = url.split('/');
  const out: ReturnType<typeof paramsOf> = [];
  segments.forEach((seg, i) => {
    if (seg === '*') out.push({ name: '*', stands: 'wildcard' });
    if (!seg.startsWith(':')) return;
    const name = seg.slice(1);
    const before = segments[i - 1] ?? '';
    const byName: Record<string, ReturnType<typeof paramsOf>[number]['stands']> = {
      slug: 'slug',
      teamId: 'team',
      channelId: 'channel',
      contactId: 'contact',
      conversationId: 'conversation',
      fileId: 'file',
      userId: 'user',
      tagId: 'tag',
      suggestionId: 'suggestion',
      importId: 'contactImport',
      mergeId: 'merge',
      channelType: 'channelType',
      token: 'token',
      tokenId: 'apiToken',
      fieldId: 'customField',
      workflowId: 'workflow',
      webhookId: 'webhook',
      deliveryId: 'webhookDelivery',
      segmentId: 'segment',
      entryId: 'knowledgeEntry',
      broadcastId: 'broadcast',
      // The developer API names contacts as `id:<n>` and their messages by id.
      identifier: 'identifier',
      messageId: 'message',
    };
    const byCollection: Record<string, keyof Ids> = {
      conversations: 'conversation',
      contacts: 'contact',
      teams: 'team',
      files: 'file',
      channels: 'channel',
      members: 'user',
      snippets: 'snippet',
      tags: 'tag',
      notifications: 'notification',
      workflows: 'workflow',
      'workflow-runs': 'workflowRun',
      user: 'user',
      custom_field: 'customField',
    };
    const stands = byName[name] ?? (name === 'id' ? byCollection[before] : undefined);
    if (!stands) throw new Error(`${url}: the suite does not know which record :${name} is; add it to paramsOf()`);
    out.push({ name, stands });
  });
  return out;
}

/** The URL with every param filled from `ids`. */
export function fillUrl(url: string, ids: Ids, extra: { token?: string; wildcard?: string } = {}): string {
  let out = url;
  for (const p of paramsOf(url)) {
    const value =
      p.stands === 'channelType'
        ? 'custom'
        : p.stands === 'token'
          ? (extra.token ?? 'bogus-token-0000000000')
          : p.stands === 'wildcard'
            ? (extra.wildcard ?? `w/${ids.slug}/messages`)
            : p.stands === 'identifier'
              ? `id:${ids.contact}`
              : // Any message id: the contact it is looked up under (A's) is refused first.
                p.stands === 'message'
                ? String(ids.conversation)
                : String(ids[p.stands]);
    out = p.stands === 'wildcard' ? out.replace('*', value) : out.replace(`:${p.name}`, encodeURIComponent(value));
  }
  return out;
}

/** Whether the URL names records (beyond the workspace). */
export const namesRecords = (url: string) => paramsOf(url).some((p) => p.stands !== 'slug');

/**
 * A body each write route accepts, so that the request reaches the access guard (schema validation runs
 * first: a 400 `validation_failed` in the suite means this table needs an entry for a new route).
 */
export function bodyFor(route: { method: string; url: string; key: string }, ids: Ids): unknown {
  if (route.method === 'GET') return undefined;
  const probe = Math.random().toString(36).slice(2, 8);
  const bodies: Record<string, () => unknown> = {
    'POST /api/w/:slug/invites': () => ({ email: `probe-${probe}@example.net`, role: 'agent', accessLevel: 'all' }),
    'PUT /api/w/:slug/presence': () => ({ status: 'online' }),
    'POST /api/w/:slug/teams': () => ({ name: `Probe ${probe}` }),
    'POST /api/w/:slug/teams/:teamId/members': () => ({ userId: ids.user }),
    'POST /api/w/:slug/channels': () => ({ type: 'custom', name: `Probe ${probe}`, config: {} }),
    'POST /api/w/:slug/conversations/:id/messages': () => ({ text: `probe ${probe}` }),
    'POST /api/w/:slug/conversations/:id/assign': () => ({ userId: ids.user, teamId: null }),
    'POST /api/w/:slug/conversations/:id/bot': () => ({ paused: true, minutes: 60 }),
    'POST /api/w/:slug/conversations/:id/block': () => ({ blocked: true }),
    'POST /api/w/:slug/conversations/:id/comments': () => ({ body: `probe ${probe}`, mentions: [ids.user] }),
    'POST /api/w/:slug/snippets': () => ({ shortcut: `probe${probe}`, text: `probe ${probe}` }),
    'POST /api/w/:slug/tags': () => ({ name: `Probe ${probe}` }),
    'POST /api/w/:slug/workflows': () => ({ template: 'welcome' }),
    'POST /api/w/:slug/channels/test-connection': () => ({ type: 'custom', config: {} }),
    'POST /api/w/:slug/channels/:id/templates': () => ({
      name: `probe_${probe}`,
      language: 'es',
      category: 'UTILITY',
      body: 'Hola',
    }),
    'PUT /api/w/:slug/channels/:id/chat-menu': () => ({ iceBreakers: [{ question: `Probe ${probe}?`, payload: 'P' }] }),
    'POST /api/w/:slug/knowledge': () => ({ kind: 'qa', question: `Probe ${probe}?`, answer: `probe ${probe}` }),
    'PUT /api/w/:slug/knowledge/:entryId': () => ({
      kind: 'qa',
      question: `Probe ${probe}?`,
      answer: `probe ${probe}`,
    }),
    'PUT /api/w/:slug/ai/settings': () => ({ baseUrl: null }),
    'POST /api/w/:slug/ai/test': () => ({ baseUrl: null }),
    'PUT /api/w/:slug/integrations/google-sheets': () => ({
      clientEmail: `probe-${probe}@example.iam.gserviceaccount.com`,
    }),
    'PUT /api/w/:slug/workflows/:id': () => ({
      name: `Probe ${probe}`,
      trigger: { type: 'shortcut' },
      graph: { start: null, steps: [] },
    }),
    'POST /api/w/:slug/workflows/:id/pause': () => ({ paused: true }),
    'POST /api/w/:slug/workflows/:id/run': () => ({ contactId: ids.contact }),
    'PATCH /api/w/:slug/snippets/:id': () => ({ text: `probe ${probe}` }),
    'PATCH /api/w/:slug/teams/:teamId': () => ({ name: `Probe ${probe}` }),
    'PATCH /api/w/:slug/settings/general': () => ({ timezone: 'America/Mexico_City' }),
    'PUT /api/w/:slug/settings/closing-notes': () => ({ mode: 'optional', categories: [`Probe ${probe}`] }),
    'POST /api/w/:slug/contact-imports': () => {
      const form = new FormData();
      form.append(
        'file',
        new Blob([`email\nprobe-${probe}@example.net\n`], { type: 'text/csv' }),
        `probe-${probe}.csv`,
      );
      return form;
    },
    'PATCH /api/w/:slug/contact-imports/:importId': () => ({ encoding: 'windows-1252' }),
    'POST /api/w/:slug/contact-imports/:importId/start': () => ({ mapping: { '0': 'email' }, purpose: 'upsert' }),
    'POST /api/w/:slug/files': () => {
      const form = new FormData();
      form.append('file', new Blob([`probe ${probe}`], { type: 'text/plain' }), `probe-${probe}.txt`);
      return form;
    },
    'PATCH /api/w/:slug/contacts/:id': () => ({ firstName: `Probe ${probe}` }),
    'POST /api/w/:slug/contacts/:id/tags': () => ({ tagId: ids.tag }),
    'POST /api/w/:slug/contacts/:id/merge': () => ({ mergedContactId: ids.contact }),
    'PATCH /api/w/:slug/tags/:tagId': () => ({ name: `Probe ${probe}` }),
    'POST /api/w/:slug/segments': () => ({
      name: `Probe ${probe}`,
      definition: { $and: [{ category: 'contactField', field: 'email', operator: 'exists' }] },
    }),
    'PATCH /api/w/:slug/segments/:segmentId': () => ({ name: `Probe ${probe}` }),
    'POST /api/w/:slug/broadcasts': () => broadcastProbe(probe, ids),
    'PUT /api/w/:slug/broadcasts/:broadcastId': () => broadcastProbe(probe, ids),
    'POST /api/w/:slug/custom-fields': () => ({ key: `probe_${probe}`, label: 'Probe', type: 'text' }),
    'PUT /api/w/:slug/settings/identity': () => ({ autoMergeVerified: true }),
    'POST /api/w/:slug/api-tokens': () => ({ name: `Probe ${probe}` }),
    'PATCH /api/w/:slug/custom-fields/:fieldId': () => ({ label: `Probe ${probe}` }),
    'PUT /api/w/:slug/settings/business-hours': () => ({
      enabled: true,
      timezone: 'America/Mexico_City',
      days: { mon: [{ from: '09:00', to: '18:00' }], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
      awayMessage: `probe ${probe}`,
    }),
    'POST /api/w/:slug/contacts/bulk/tag': () => ({ contactIds: [ids.contact], tagId: ids.tag }),
    'POST /api/w/:slug/contacts/bulk/assign': () => ({ contactIds: [ids.contact], userId: ids.user }),
    'PATCH /api/me': () => ({ name: `Probe ${probe}` }),
    'POST /api/w/:slug/webhooks': () => ({ url: 'https://203.0.113.10/probe', events: ['contact.created'] }),
    'PATCH /api/w/:slug/webhooks/:webhookId': () => ({ enabled: false }),
    'POST /v2/contact/:identifier': () => ({ firstName: `Probe ${probe}` }),
    'PUT /v2/contact/:identifier': () => ({ firstName: `Probe ${probe}` }),
    'POST /v2/contact/create_or_update/:identifier': () => ({ firstName: `Probe ${probe}` }),
    'POST /v2/contact/merge': () => ({ contactIds: [ids.contact, ids.contact + 1] }),
    'POST /v2/contact/:identifier/tag': () => [`probe-${probe}`],
    'DELETE /v2/contact/:identifier/tag': () => [`probe-${probe}`],
    'POST /v2/contact/:identifier/message': () => ({ channelId: ids.channel, message: { type: 'text', text: probe } }),
    'POST /v2/contact/:identifier/conversation/assignee': () => ({ assignee: ids.user }),
    'POST /v2/contact/:identifier/conversation/status': () => ({ status: 'close', category: 'x', summary: 'y' }),
    'POST /v2/contact/:identifier/comment': () => ({ text: `probe ${probe}` }),
    'POST /v2/space/tag': () => ({ name: `Probe ${probe}` }),
    'POST /v2/space/custom_field': () => ({ name: `Probe ${probe}`, dataType: 'text' }),
    'POST /v2/contact/:identifier/lifecycle/update': () => ({ name: `Probe ${probe}` }),
    'PUT /v2/space/tag': () => ({ currentName: `probe-${probe}`, name: `Probe ${probe}` }),
    'DELETE /v2/space/tag': () => ({ name: `probe-${probe}` }),
    'POST /api/auth/login': () => ({ email: `nobody-${probe}@example.net`, password: 'wrong password' }),
    'POST /api/auth/forgot': () => ({ email: `nobody-${probe}@example.net` }),
    'POST /api/auth/reset': () => ({ token: 'bogus-token-0000000000', password: 'a long enough password' }),
    'POST /api/invites/:token/accept': () => ({ name: 'Probe', password: 'a long enough password' }),
  };
  return (bodies[route.key] ?? (() => ({})))();
}

/** A broadcast draft naming the workspace's channel and segment (A's, when B sends it). */
const broadcastProbe = (probe: string, ids: Ids) => ({
  name: `Probe ${probe}`,
  channelId: ids.channel,
  segmentId: ids.segment,
  content: { kind: 'text', text: `probe ${probe}` },
  schedule: null,
});

/** Roles and restrictions allowed by a route, as the guard decides them. */
export function allows(
  route: RouteUnderAttack,
  member: { role: Role; restrictions?: readonly ManagerRestriction[] },
): boolean {
  if (route.kind !== 'roles') return true;
  if (!route.roles.includes(member.role)) return false;
  return !(member.role === 'manager' && route.restriction && (member.restrictions ?? []).includes(route.restriction));
}
