import { webhookWithDelivery } from './webhook-world';
import { randomBytes } from 'node:crypto';
import { managerRestrictionSchema } from '@charla/contracts';
import { and, eq, inArray } from 'drizzle-orm';
import type { Scope } from '../../src/db/scope';
import {
  broadcastRecipients,
  broadcasts,
  contactChannels,
  contacts,
  conversations,
  messages,
  notifications,
  messageTemplates,
} from '../../src/db/schema';
import { addIdentifier } from '../../src/modules/identity/identifiers';
import { mergeContacts } from '../../src/modules/identity/merge';
import { splitMerge } from '../../src/modules/identity/split';
import { workflowRecords } from './workflow-records';
import { uploadCsv } from './contact-import';
import { factories, postCustomWebhook } from './factories';
import { startFakeCallback } from './fake-callback';
import { loginSession, type Session } from './http';
import { eventually, type TestRuntime } from './runtime';

/** The ids that fill a route's `:params` for one workspace. */
export interface Ids {
  slug: string;
  conversation: number;
  contact: number;
  team: number;
  file: number;
  channel: number;
  /** A member of the workspace (body of "add to team"). */
  user: number;
  tag: number;
  /** An open merge suggestion between two contacts the `assigned` agent may not see. */
  suggestion: number;
  /** A merge (undone) between those two contacts. */
  merge: number;
  snippet: number;
  /** A notification of `user` (a mention of them in a comment). */
  notification: number;
  /** A developer-API token (Settings → API tokens). */
  apiToken: number;
  /** A custom contact field definition. */
  customField: number;
  /** A contacts CSV import (draft) holding a marked email. */
  contactImport: number;
  /** A published workflow, and a run of it for the contact. */
  workflow: number;
  workflowRun: number;
  /** An outgoing webhook (paused) and one of its deliveries, whose body holds a marker. */
  webhook: number;
  webhookDelivery: number;
  /** A saved segment (its name holds the marker). */
  segment: number;
  /** A knowledge-matrix Q&A pair (its question and answer hold the marker). */
  knowledgeEntry: number;
  /** A broadcast (its name holds the marker) with a failed recipient per contact. */
  broadcast: number;
}

export interface Sender {
  externalId: string;
  name: string;
  email: string;
  phone: string;
  text: string;
}

export interface Thread {
  sender: Sender;
  contactId: number;
  conversationId: number;
  messageId: number;
}

/**
 * Two workspaces for the isolation suites. A is the victim: a custom channel, three contacts with one
 * conversation each (one assigned to an `assigned`-only agent, one unassigned, one unassigned and closed), a
 * file, a team, a pending invite, a restricted manager. B is the attacker: its owner, a channel, a conversation.
 *
 * Every string of A's data contains `mark` (so "did A leak?" is one substring test), and every string of
 * A's records the agent must not see also contains `hidden`.
 */
export async function buildTenantWorld(rt: TestRuntime) {
  const f = factories(rt.ctx);
  const tag = randomBytes(5).toString('hex');
  const mark = `avic${tag}`;
  const hidden = `ahid${tag}`;
  const callback = await startFakeCallback();

  const a = await f.workspace({ name: `Victim ${mark}` });
  const agent = await f.member(a.ws.id, 'agent', 'assigned');
  const manager = await f.member(a.ws.id, 'manager', 'all', [...managerRestrictionSchema.options]);
  const ownerA = await loginSession(rt.url, a.owner.email);
  const channelA = await createChannelViaApi(ownerA, a.ws.slug, `Channel ${mark}`, callback.url);
  // An approved template of A's (as a WhatsApp sync stores it): listing it or sending it from B must fail.
  const [templateA] = await a.scope
    .insert(messageTemplates, {
      channelId: channelA.id,
      name: 'probe_template',
      language: 'es',
      status: 'APPROVED',
      components: { body: `Hola {{1}}, ${mark}`, parameters: ['1'], other: [] },
      parameterCount: 1,
    })
    .returning();

  const sender = (key: string, name: string, secret: string, phone: string): Sender => ({
    externalId: `${key}-${tag}`,
    name: `${name} ${secret}`,
    email: `${name.toLowerCase()}.${secret}@example.com`,
    phone,
    text: `mensaje ${secret} de ${name}`,
  });
  const mine = await inbound(rt, a.scope, channelA, sender('mine', 'Valeria', mark, '+52 1 55 7101 2202'));
  const open = await inbound(rt, a.scope, channelA, sender('open', 'Ulises', mark + hidden, '+52 1 55 7303 4404'));
  const closed = await inbound(rt, a.scope, channelA, sender('closed', 'Octavio', mark + hidden, '+52 1 55 7505 6606'));
  await a.scope.update(conversations, { assigneeUserId: agent.id }, eq(conversations.id, mine.conversationId));
  await a.scope.update(contacts, { assigneeUserId: agent.id }, eq(contacts.id, mine.contactId));
  await a.scope.update(
    conversations,
    { status: 'closed', closedAt: new Date() },
    eq(conversations.id, closed.conversationId),
  );

  const fileA = await uploadFile(ownerA, a.ws.slug, `report-${mark}.txt`, `confidential ${mark}`);
  const team = await ownerA.json('POST', `/api/w/${a.ws.slug}/teams`, { name: `Team ${mark}` });
  if (team.status !== 201) throw new Error(`team: ${team.status}`);
  await ownerA.post(`/api/w/${a.ws.slug}/teams/${team.body.id}/members`, { userId: a.owner.id });
  const snippetA = await created(ownerA, `/api/w/${a.ws.slug}/snippets`, {
    shortcut: `s${tag}`,
    text: `Snippet ${mark}`,
  });
  const tagA = await created(ownerA, `/api/w/${a.ws.slug}/tags`, { name: `Tag ${mark}` });
  const apiTokenA = await created(ownerA, `/api/w/${a.ws.slug}/api-tokens`, { name: `Token ${mark}` });
  const fieldA = await created(ownerA, `/api/w/${a.ws.slug}/custom-fields`, {
    key: `f${tag}`,
    label: `Field ${mark}`,
    type: 'text',
  });
  // Comments on every thread mentioning the agent: only the one on their own conversation notifies them.
  const comments: Record<number, number> = {};
  for (const [thread, secret] of [
    [mine, mark],
    [open, mark + hidden],
    [closed, mark + hidden],
  ] as const) {
    const body = { body: `nota ${secret}`, mentions: [agent.id] };
    comments[thread.conversationId] = await created(
      ownerA,
      `/api/w/${a.ws.slug}/conversations/${thread.conversationId}/comments`,
      body,
    );
  }
  const [notificationA] = await a.scope.find(notifications, eq(notifications.userId, agent.id));
  if (!notificationA) throw new Error('the mention of the agent created no notification');
  const identityA = await mergeHistoryAndSuggestion(a.scope, open.contactId, closed.contactId, open.sender.phone);
  const inviteEmail = `invitee.${mark}@example.com`;
  const invite = await ownerA.post(`/api/w/${a.ws.slug}/invites`, { email: inviteEmail, role: 'agent' });
  if (invite.status !== 201) throw new Error(`invite: ${invite.status}`);

  const b = await f.workspace({ name: 'Attacker Co' });
  const ownerB = await loginSession(rt.url, b.owner.email);
  const channelB = await createChannelViaApi(ownerB, b.ws.slug, 'Channel of B', callback.url);
  const threadB = await inbound(rt, b.scope, channelB, {
    externalId: `b-${tag}`,
    name: 'Bruno Atacante',
    email: 'bruno@example.org',
    phone: '+52 1 33 1000 2000',
    text: 'hola desde B',
  });
  const teamB = await ownerB.json('POST', `/api/w/${b.ws.slug}/teams`, { name: 'Team of B' });
  const twinB = await inbound(rt, b.scope, channelB, {
    externalId: `b2-${tag}`,
    name: 'Bruna Atacante',
    email: 'bruna@example.org',
    phone: '+52 1 33 1000 2001',
    text: 'hola otra vez desde B',
  });
  const identityB = await mergeHistoryAndSuggestion(b.scope, threadB.contactId, twinB.contactId, '+52 1 33 1000 2000');
  const fileB = await uploadFile(ownerB, b.ws.slug, 'b.txt', 'file of B');
  const snippetB = await created(ownerB, `/api/w/${b.ws.slug}/snippets`, { shortcut: 'hola', text: 'Hola de B' });
  const tagB = await created(ownerB, `/api/w/${b.ws.slug}/tags`, { name: 'Tag of B' });
  const apiTokenB = await created(ownerB, `/api/w/${b.ws.slug}/api-tokens`, { name: 'Token of B' });
  const fieldB = await created(ownerB, `/api/w/${b.ws.slug}/custom-fields`, {
    key: 'field_b',
    label: 'Field of B',
    type: 'text',
  });
  const memberB = await f.member(b.ws.id, 'agent', 'all');
  await created(ownerB, `/api/w/${b.ws.slug}/conversations/${threadB.conversationId}/comments`, {
    body: 'nota de B',
    mentions: [memberB.id],
  });
  const [notificationB] = await b.scope.find(notifications, eq(notifications.userId, memberB.id));

  const importA = (await uploadCsv(ownerA, a.ws.slug, `name,email\nImported ${mark},imported-${mark}@example.net\n`))
    .id;
  const importB = (await uploadCsv(ownerB, b.ws.slug, 'name,email\nImported B,imported-b@example.net\n')).id;
  const workflowA = await workflowRecords(rt.ctx, a.scope, open.contactId);
  const workflowB = await workflowRecords(rt.ctx, b.scope, threadB.contactId);
  const webhookA = await webhookWithDelivery(a.scope, open.contactId, mark);
  const webhookB = await webhookWithDelivery(b.scope, threadB.contactId, 'of B');
  const segmentOf = (s: Session, slug: string, name: string) =>
    created(s, `/api/w/${slug}/segments`, {
      name,
      definition: { $and: [{ category: 'contactField', field: 'email', operator: 'contains', value: 'example' }] },
    });
  const segmentA = await segmentOf(ownerA, a.ws.slug, `Segment ${mark}`);
  const segmentB = await segmentOf(ownerB, b.ws.slug, 'Segment of B');
  const knowledgeOf = (s: Session, slug: string, text: string) =>
    created(s, `/api/w/${slug}/knowledge`, { kind: 'qa', question: `Question ${text}?`, answer: `Answer ${text}` });
  const knowledgeA = await knowledgeOf(ownerA, a.ws.slug, mark);
  const knowledgeB = await knowledgeOf(ownerB, b.ws.slug, 'of B');
  const broadcastA = await broadcastWithRecipients(ownerA, a.scope, {
    slug: a.ws.slug,
    name: `Broadcast ${mark}`,
    channelId: channelA.id,
    segmentId: segmentA,
    contactIds: [mine.contactId, open.contactId, closed.contactId],
  });
  const broadcastB = await broadcastWithRecipients(ownerB, b.scope, {
    slug: b.ws.slug,
    name: 'Broadcast of B',
    channelId: channelB.id,
    segmentId: segmentB,
    contactIds: [threadB.contactId],
  });
  const idsA = (thread: Thread): Ids => ({
    slug: a.ws.slug,
    conversation: thread.conversationId,
    contact: thread.contactId,
    team: team.body.id,
    file: fileA,
    channel: channelA.id,
    user: agent.id,
    snippet: snippetA,
    tag: tagA,
    notification: notificationA.id,
    apiToken: apiTokenA,
    customField: fieldA,
    contactImport: importA,
    segment: segmentA,
    knowledgeEntry: knowledgeA,
    broadcast: broadcastA,
    ...workflowA,
    ...webhookA,
    ...identityA,
  });
  const idsB: Ids = {
    slug: b.ws.slug,
    conversation: threadB.conversationId,
    contact: threadB.contactId,
    team: teamB.body.id,
    file: fileB,
    channel: channelB.id,
    user: b.owner.id,
    snippet: snippetB,
    tag: tagB,
    notification: notificationB!.id,
    apiToken: apiTokenB,
    customField: fieldB,
    contactImport: importB,
    segment: segmentB,
    knowledgeEntry: knowledgeB,
    broadcast: broadcastB,
    ...workflowB,
    ...webhookB,
    ...identityB,
  };

  return {
    rt,
    f,
    callback,
    mark,
    hidden,
    /** Everything that identifies A's data in a response (lower case). */
    markersA: [
      mark,
      a.owner.email,
      agent.email,
      manager.email,
      ...[mine, open, closed].map((t) => digits(t.sender.phone)),
    ],
    a: {
      ...a,
      agent,
      manager,
      ownerSession: ownerA,
      channel: channelA,
      template: templateA!,
      threads: { mine, open, closed },
      inviteEmail,
      /** The owner's comment (mentioning the agent) on each thread, by conversation id. */
      comments,
      /** A's records the assigned-only agent must not see. */
      ids: idsA(open),
      idsOf: idsA,
    },
    b: { ...b, ownerSession: ownerB, channel: channelB, thread: threadB, ids: idsB },
    async close() {
      await callback.close();
    },
  };
}
export type TenantWorld = Awaited<ReturnType<typeof buildTenantWorld>>;

/**
 * A merge of `y` into `x`, undone, and then an open suggestion between them (y gets x's phone): the merge
 * comes first because undoing it dismisses the pair.
 */
async function mergeHistoryAndSuggestion(scope: Scope, x: number, y: number, phone: string) {
  const merge = await mergeContacts(scope, {
    keptContactId: x,
    mergedContactId: y,
    trigger: 'manual',
    actorUserId: null,
  });
  await splitMerge(scope, merge.mergeId, null);
  const added = await addIdentifier(scope, y, { kind: 'phone', raw: phone, source: 'agent' }, null);
  if (added.suggestionIds.length !== 1) throw new Error('tenant world: the suggestion was not raised');
  return { merge: merge.mergeId, suggestion: added.suggestionIds[0]! };
}

/** The national part of a phone number as stored (E.164 drops the Mexican mobile "1"). */
const digits = (phone: string) => phone.replace(/\D/g, '').slice(-10);

/**
 * A broadcast created through the API, then marked as sent with one failed, retryable recipient per
 * contact (written directly: sending for real would add messages to the world's conversations).
 */
async function broadcastWithRecipients(
  s: Session,
  scope: Scope,
  b: { slug: string; name: string; channelId: number; segmentId: number; contactIds: number[] },
) {
  const id = await created(s, `/api/w/${b.slug}/broadcasts`, {
    name: b.name,
    channelId: b.channelId,
    segmentId: b.segmentId,
    content: { kind: 'text', text: `Hola ${b.name}` },
    schedule: null,
  });
  await scope.update(broadcasts, { status: 'failed', startedAt: new Date() }, eq(broadcasts.id, id));
  const addresses = await scope.find(contactChannels, inArray(contactChannels.contactId, b.contactIds));
  await scope.insert(
    broadcastRecipients,
    addresses.map((a) => ({
      broadcastId: id,
      contactId: a.contactId,
      address: a.externalId,
      status: 'failed' as const,
      errorCode: 'probe',
      errorReason: `Failed for ${a.externalId}`,
      retryable: false,
    })),
  );
  return id;
}

/** POSTs as `s` and returns the new record's id (fails loudly on anything but 201). */
async function created(s: Session, path: string, body: unknown): Promise<number> {
  const res = await s.json('POST', path, body);
  if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as number;
}

async function createChannelViaApi(s: Session, slug: string, name: string, callbackUrl: string) {
  const res = await s.json('POST', `/api/w/${slug}/channels`, { type: 'custom', name, config: { callbackUrl } });
  if (res.status !== 201) throw new Error(`channel: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.channel.id as number, secret: res.body.secret as string };
}

/** Posts a signed inbound message and waits until it is a contact, a conversation and a message. */
export async function inbound(
  rt: TestRuntime,
  scope: Scope,
  channel: { id: number; secret: string },
  sender: Sender,
  text = sender.text,
): Promise<Thread> {
  const providerId = `${sender.externalId}-${randomBytes(3).toString('hex')}`;
  const res = await postCustomWebhook(rt.url, channel.id, channel.secret, {
    id: providerId,
    sender: { id: sender.externalId, name: sender.name, email: sender.email, phone: sender.phone },
    text,
  });
  if (res.status !== 200) throw new Error(`webhook: ${res.status} ${await res.text()}`);
  const message = await eventually(async () => {
    const [m] = await scope.find(messages, eq(messages.providerMessageId, providerId));
    return m;
  });
  const [address] = await scope.find(
    contactChannels,
    and(eq(contactChannels.channelId, channel.id), eq(contactChannels.externalId, sender.externalId)),
  );
  return { sender, contactId: address!.contactId, conversationId: message.conversationId, messageId: message.id };
}

/** Uploads a file as multipart through the API; returns its id. */
export async function uploadFile(s: Session, slug: string, name: string, content: string): Promise<number> {
  const form = new FormData();
  form.append('file', new Blob([content], { type: 'text/plain' }), name);
  const res = await callApi(s.baseUrl, 'POST', `/api/w/${slug}/files`, {
    cookie: s.cookieHeader,
    csrf: await csrfFor(s),
    body: form,
  });
  if (res.status !== 201) throw new Error(`upload: ${res.status} ${res.text}`);
  return (res.json as { id: number }).id;
}

/** A CSRF token valid with the session's cookies (the session already holds the CSRF secret cookie). */
export async function csrfFor(s: Session): Promise<string> {
  const res = await fetch(`${s.baseUrl}/api/auth/csrf`, { headers: { cookie: s.cookieHeader } });
  if (res.headers.getSetCookie().some((c) => c.startsWith('_csrf='))) {
    throw new Error('csrfFor: the session had no CSRF secret cookie; call session.refreshCsrf() first');
  }
  return ((await res.json()) as { token: string }).token;
}

export interface ApiAnswer {
  status: number;
  text: string;
  json: unknown;
  setCookie?: string[];
}

/** One request with exactly the credentials given: no cookie, no CSRF token, unless passed. */
export async function callApi(
  baseUrl: string,
  method: string,
  path: string,
  opts: { cookie?: string; csrf?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiAnswer> {
  const isForm = opts.body instanceof FormData;
  const res = await fetch(baseUrl + path, {
    method,
    headers: {
      ...(opts.body !== undefined && !isForm ? { 'content-type': 'application/json' } : {}),
      ...(opts.cookie ? { cookie: opts.cookie } : {}),
      ...(opts.csrf ? { 'x-csrf-token': opts.csrf } : {}),
      ...(opts.headers ?? {}),
    },
    body: opts.body === undefined ? undefined : isForm ? (opts.body as FormData) : JSON.stringify(opts.body),
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, text, json, setCookie: res.headers.getSetCookie() };
}

/** The markers found in a response (case-insensitive). */
export function leaked(text: string, markers: readonly string[]): string[] {
  const lower = text.toLowerCase();
  return markers.filter((m) => m && lower.includes(m.toLowerCase()));
}

export { tenantCounts } from './tenant-counts';
