import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { comments, contactMerges, contacts, conversations, messages } from '../src/db/schema';
import { contactSnapshot } from './support/contact-snapshot';
import { factories } from './support/factories';
import { loginSession, type Session } from './support/http';
import { startTestRuntime, type TestRuntime } from './support/runtime';
import { inbound, type Sender } from './support/tenant-world';

type World = Awaited<ReturnType<typeof buildTwins>>;

/**
 * Two contacts for one person: Ana wrote on the shop's channel (two messages, open conversation) and on the
 * web channel (a closed conversation, then an open one), with notes, tags, a custom field and edits.
 */
async function buildTwins(rt: TestRuntime, tag: string) {
  const f = factories(rt.ctx);
  const w = await f.workspace({ defaultCountry: 'MX' });
  const owner = await loginSession(rt.url, w.owner.email);
  const base = `/api/w/${w.ws.slug}`;
  const shop = await f.customChannel(w.scope);
  const web = await f.customChannel(w.scope);
  const chan = (c: typeof shop) => ({ id: c.channel.id, secret: c.secret });
  const anaShop: Sender = {
    externalId: `shop-${tag}`,
    name: 'Ana Pérez',
    email: 'ana.perez@example.com',
    phone: '+52 1 55 1234 5678',
    text: 'Hola, ¿tienen envío?',
  };
  const anaWeb: Sender = { ...anaShop, externalId: `web-${tag}`, name: 'Ana P.', email: 'ANA.PEREZ@example.com' };
  const one = await inbound(rt, w.scope, chan(shop), anaShop);
  await inbound(rt, w.scope, chan(shop), anaShop, 'Es para Monterrey');
  const two = await inbound(rt, w.scope, chan(web), anaWeb, 'Primera visita');
  await w.scope.update(
    conversations,
    { status: 'closed', closedAt: new Date(), closingCategory: 'resolved' },
    eq(conversations.id, two.conversationId),
  );
  const twoAgain = await inbound(rt, w.scope, chan(web), anaWeb, 'Vuelvo con otra pregunta');
  await w.scope.insert(comments, [
    { conversationId: one.conversationId, contactId: one.contactId, body: 'Cliente frecuente', userId: w.owner.id },
    { conversationId: twoAgain.conversationId, contactId: two.contactId, body: 'Pidió factura', userId: w.owner.id },
  ]);
  const vip = (await owner.json('POST', `${base}/tags`, { name: `VIP ${tag}`, color: '#aa0000' })).body;
  const lead = (await owner.json('POST', `${base}/tags`, { name: `Lead ${tag}` })).body;
  await owner.post(`${base}/contacts/${one.contactId}/tags`, { tagId: vip.id });
  await owner.post(`${base}/contacts/${two.contactId}/tags`, { tagId: vip.id });
  await owner.post(`${base}/contacts/${two.contactId}/tags`, { tagId: lead.id });
  await owner.post(`${base}/custom-fields`, {
    key: `plan_${tag}`,
    label: 'Plan',
    type: 'list',
    options: ['free', 'pro'],
  });
  const patched = await owner.json('PATCH', `${base}/contacts/${two.contactId}`, {
    customFields: { [`plan_${tag}`]: 'pro' },
    lastName: 'P. (web)',
  });
  expect(patched.status).toBe(200);
  return { f, w, owner, base, shop, web, anaShop, anaWeb, one, two, twoAgain, vip, lead };
}

const snapshots = async (world: World) => ({
  one: await contactSnapshot(world.w.scope, world.one.contactId),
  two: await contactSnapshot(world.w.scope, world.two.contactId),
});

describe('merging and splitting contacts', () => {
  let rt: TestRuntime;
  let world: World;

  beforeAll(async () => {
    rt = await startTestRuntime();
    world = await buildTwins(rt, 'a');
  });
  afterAll(async () => rt?.close());

  it('raised a suggestion for the pair (same phone, same email in another case)', async () => {
    const { body } = await world.owner.json('GET', `${world.base}/merge-suggestions?contactId=${world.one.contactId}`);
    expect(body.items).toHaveLength(1);
    expect(body.items[0].contacts.map((c: { id: number }) => c.id).sort()).toEqual(
      [world.one.contactId, world.two.contactId].sort(),
    );
  });

  it('merges everything into the kept contact, combining the open conversations, then splits back exactly', async () => {
    const { w, owner, base, one, two, twoAgain } = world;
    const before = await snapshots(world);
    const unreadBefore = before.one.conversations[0]!.unreadCount + before.two.conversations[1]!.unreadCount;

    const merged = await owner.json('POST', `${base}/contacts/${one.contactId}/merge`, {
      mergedContactId: two.contactId,
      fields: { lastName: 'merged' },
    });
    expect(merged.status).toBe(201);

    const after = await contactSnapshot(w.scope, one.contactId);
    expect(after.contact[0]).toMatchObject({ firstName: 'Ana', lastName: 'P. (web)', mergedIntoId: null });
    expect(after.contact[0]!.customFields).toEqual({ plan_a: 'pro' });
    expect(after.channels).toHaveLength(2);
    expect(after.messages).toHaveLength(before.one.messages.length + before.two.messages.length);
    expect(after.comments).toHaveLength(2);
    expect(after.tags.map((t) => t.tagId).sort()).toEqual([world.vip.id, world.lead.id].sort());
    const open = after.conversations.filter((c) => c.status === 'open');
    expect(open.map((c) => c.id)).toEqual([one.conversationId]);
    expect(open[0]!.unreadCount).toBe(unreadBefore);
    // The web conversation's messages and note joined the kept open conversation; it closed as "merged".
    const [closedTwin] = await w.scope.find(conversations, eq(conversations.id, twoAgain.conversationId));
    expect(closedTwin).toMatchObject({ status: 'closed', closingCategory: 'merged', contactId: one.contactId });
    expect(await w.scope.count(messages, eq(messages.conversationId, one.conversationId))).toBe(
      before.one.messages.length + 1,
    );
    const [tomb] = await w.scope.find(contacts, eq(contacts.id, two.contactId));
    expect(tomb!.mergedIntoId).toBe(one.contactId);

    const list = await owner.json('GET', `${base}/contacts`);
    expect(list.body.items.map((c: { id: number }) => c.id)).toEqual([one.contactId]);
    const gone = await owner.json('GET', `${base}/contacts/${two.contactId}`);
    expect(gone.body.mergedIntoId).toBe(one.contactId);
    const timeline = await owner.json('GET', `${base}/contacts/${one.contactId}/activities`);
    expect(timeline.body.items[0]).toMatchObject({ kind: 'contact.merged', data: { mergedContactId: two.contactId } });
    expect(timeline.body.items.some((a: { kind: string }) => a.kind === 'tag.added')).toBe(true);
    const suggestions = await owner.json('GET', `${base}/merge-suggestions`);
    expect(suggestions.body.items).toEqual([]);

    const history = await owner.json('GET', `${base}/contacts/${one.contactId}/merges`);
    expect(history.body.items).toHaveLength(1);
    const split = await owner.json(
      'POST',
      `${base}/contacts/${one.contactId}/merges/${history.body.items[0].id}/split`,
    );
    expect(split.status).toBe(200);

    expect(await snapshots(world)).toEqual(before);
    const again = await owner.json(
      'POST',
      `${base}/contacts/${one.contactId}/merges/${history.body.items[0].id}/split`,
    );
    expect(again).toMatchObject({ status: 409, body: { code: 'already_split' } });
    // Undone means "not the same person": the pair is not suggested again.
    expect((await owner.json('GET', `${base}/merge-suggestions`)).body.items).toEqual([]);
  });

  it('keeps either contact; what arrives after the merge stays with the kept contact after a split', async () => {
    const { w, owner, base, one, two } = world;
    const before = await snapshots(world);
    const res = await owner.json('POST', `${base}/contacts/${two.contactId}/merge`, { mergedContactId: one.contactId });
    expect(res.status).toBe(201);
    const [kept] = await w.scope.find(contacts, eq(contacts.id, two.contactId));
    // Default winner: the kept contact's non-empty value.
    expect(kept!.lastName).toBe('P. (web)');

    const late = await inbound(
      rt,
      w.scope,
      { id: world.shop.channel.id, secret: world.shop.secret },
      world.anaShop,
      'Llegó después',
    );
    expect(late.contactId).toBe(two.contactId);
    await w.scope.insert(comments, {
      conversationId: late.conversationId,
      contactId: two.contactId,
      body: 'nota nueva',
    });

    const [record] = await w.scope.find(contactMerges, eq(contactMerges.keptContactId, two.contactId));
    expect((await owner.json('POST', `${base}/contacts/${one.contactId}/merges/${record!.id}/split`)).status).toBe(200);

    const after = await snapshots(world);
    const [lateRow] = await w.scope.find(messages, eq(messages.id, late.messageId));
    expect(lateRow!.contactId).toBe(two.contactId);
    expect(after.two.comments.map((c) => c.body)).toContain('nota nueva');
    // Apart from what came later, both are as they were (the address's last-inbound time moved on).
    const withoutLate = {
      ...after.two,
      messages: after.two.messages.filter((m) => m.id !== late.messageId),
      comments: after.two.comments.filter((c) => c.body !== 'nota nueva'),
      conversations: after.two.conversations.filter(
        (c) => c.id !== late.conversationId || before.two.conversations.some((b) => b.id === c.id),
      ),
    };
    expect(withoutLate.messages).toEqual(before.two.messages);
    expect(withoutLate.channels).toEqual(before.two.channels);
    expect(after.one.messages).toEqual(before.one.messages);
    expect(after.one.contact).toEqual(before.one.contact);
    expect(after.one.channels.map(({ lastInboundAt: _l, ...c }) => c)).toEqual(
      before.one.channels.map(({ lastInboundAt: _l, ...c }) => c),
    );
  });

  it('lets an agent merge only contacts they can see, and refuses merging a contact twice', async () => {
    const other = await buildTwins(rt, 'b');
    const agentUser = await other.f.member(other.w.ws.id, 'agent', 'assigned');
    const agent: Session = await loginSession(rt.url, agentUser.email);
    const url = `${other.base}/contacts/${other.one.contactId}/merge`;
    await other.w.scope.update(contacts, { assigneeUserId: agentUser.id }, eq(contacts.id, other.one.contactId));
    const hidden = await agent.json('POST', url, { mergedContactId: other.two.contactId });
    expect(hidden.status).toBe(404);
    expect((await agent.json('GET', `${other.base}/merge-suggestions`)).body.items).toEqual([]);

    await other.w.scope.update(contacts, { assigneeUserId: agentUser.id }, eq(contacts.id, other.two.contactId));
    expect((await agent.json('GET', `${other.base}/merge-suggestions`)).body.items).toHaveLength(1);
    expect((await agent.json('POST', url, { mergedContactId: other.two.contactId })).status).toBe(201);
    const twice = await other.owner.json('POST', url, { mergedContactId: other.two.contactId });
    expect(twice).toMatchObject({ status: 409, body: { code: 'already_merged' } });
    const self = await other.owner.json('POST', url, { mergedContactId: other.one.contactId });
    expect(self).toMatchObject({ status: 400, body: { code: 'same_contact' } });
    const [record] = await other.w.scope.find(
      contactMerges,
      and(eq(contactMerges.keptContactId, other.one.contactId), eq(contactMerges.mergedContactId, other.two.contactId)),
    );
    expect(record!.trigger).toBe('manual');
    expect(record!.actorUserId).toBe(agentUser.id);
  });
});
