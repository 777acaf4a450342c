import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  comments,
  contactChannels,
  contacts,
  contactTags,
  conversations,
  customFields,
  tags,
  workflowRuns,
} from '../src/db/schema';
import type { Scope } from '../src/db/scope';
import { factories, postCustomWebhook } from './support/factories';
import { startFakeCallback } from './support/fake-callback';
import { loginSession, type Session } from './support/http';
import { eventually, startTestRuntime, type TestRuntime } from './support/runtime';

/** SPEC §4's "CSAT survey after closing" template, through the HTTP API and the custom channel. */
describe('the CSAT template', () => {
  let rt: TestRuntime;
  let callback: Awaited<ReturnType<typeof startFakeCallback>>;
  let session: Session;
  let scope: Scope;
  let slug: string;
  let channel: { id: number };
  let secret: string;
  let seq = 0;

  const sentTo = (externalId: string) =>
    callback.calls
      .map((c) => JSON.parse(c.body) as { recipient: { id: string }; text: string })
      .filter((t) => t.recipient.id === externalId)
      .map((t) => t.text);
  const write = (externalId: string, text: string) =>
    postCustomWebhook(rt.url, channel.id, secret, { id: `in-${++seq}`, sender: { id: externalId }, text });
  const contactOf = async (externalId: string) => {
    const [address] = await scope.find(contactChannels, eq(contactChannels.externalId, externalId));
    return address ? (await scope.find(contacts, eq(contacts.id, address.contactId)))[0] : undefined;
  };
  const close = async (contactId: number) => {
    const [conv] = await scope.find(conversations, eq(conversations.contactId, contactId));
    const res = await session.json('POST', `/api/w/${slug}/conversations/${conv!.id}/close`, {});
    expect(res.status).toBe(200);
  };
  const tagNames = async (contactId: number) =>
    (
      await scope.unscopedDb
        .select({ name: tags.name })
        .from(contactTags)
        .innerJoin(tags, eq(tags.id, contactTags.tagId))
        .where(and(eq(contactTags.workspaceId, scope.workspaceId), eq(contactTags.contactId, contactId)))
    ).map((t) => t.name);

  beforeAll(async () => {
    rt = await startTestRuntime();
    callback = await startFakeCallback();
    const setup = await factories(rt.ctx).workspace();
    scope = setup.scope;
    slug = setup.ws.slug;
    ({ channel, secret } = await factories(rt.ctx).customChannel(scope, { callbackUrl: callback.url }));
    session = await loginSession(rt.url, setup.owner.email);
    const created = await session.json('POST', `/api/w/${slug}/workflows`, { template: 'csat' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ problems: [], trigger: { type: 'conversation_closed' } });
    expect((await session.json('POST', `/api/w/${slug}/workflows/${created.body.id}/publish`)).status).toBe(200);
  });

  afterAll(async () => {
    await callback?.close();
    await rt?.close();
  });

  it('creates its number field, asks after closing, re-asks an invalid rating and flags a low one', async () => {
    const [field] = await scope.find(customFields, eq(customFields.key, 'csat'));
    expect(field).toMatchObject({ type: 'number', label: 'Satisfacción (CSAT)' });

    await write('ana', 'hola, necesito ayuda');
    const ana = await eventually(() => contactOf('ana'));
    await eventually(async () => (await scope.find(conversations, eq(conversations.contactId, ana.id))).length === 1);
    expect(sentTo('ana')).toEqual([]);
    await close(ana.id);
    await eventually(async () => sentTo('ana').length === 1);
    expect(sentTo('ana')[0]).toMatch(/del 1 \(mala\) al 5/);
    // The survey is written in the closed conversation, which stays closed.
    const [first] = await scope.find(conversations, eq(conversations.contactId, ana.id));
    expect(first!.status).toBe('closed');

    await write('ana', 'regular');
    await eventually(async () => sentTo('ana').length === 2);
    expect(sentTo('ana')[1]).toBe('Responde solo con un número del 1 al 5, por favor.');
    await write('ana', '2');
    await eventually(async () => sentTo('ana').length === 3);
    expect(sentTo('ana')[2]).toBe('¡Gracias por tu valoración!');
    const rated = (await scope.find(contacts, eq(contacts.id, ana.id)))[0]!;
    expect(rated.customFields).toMatchObject({ csat: 2 });
    expect(await tagNames(ana.id)).toContain('csat-low');
    const notes = await scope.find(comments, eq(comments.contactId, ana.id));
    expect(notes.map((n) => n.body)).toEqual(['Valoración baja tras el cierre: conviene revisar la conversación.']);
    const [run] = await scope.find(workflowRuns, eq(workflowRuns.contactId, ana.id));
    expect(run!.status).toBe('completed');
  });

  it('thanks a good rating without tagging', async () => {
    await write('beto', 'hola');
    const beto = await eventually(() => contactOf('beto'));
    await eventually(async () => (await scope.find(conversations, eq(conversations.contactId, beto.id))).length === 1);
    await close(beto.id);
    await eventually(async () => sentTo('beto').length === 1);
    await write('beto', '5');
    await eventually(async () => sentTo('beto').length === 2);
    expect(sentTo('beto')[1]).toBe('¡Gracias por tu valoración!');
    expect((await scope.find(contacts, eq(contacts.id, beto.id)))[0]!.customFields).toMatchObject({ csat: 5 });
    expect(await tagNames(beto.id)).not.toContain('csat-low');
  });
});
