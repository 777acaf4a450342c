import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activities, conversations, messages } from '../src/db/schema';
import { loginSession, type Session } from './support/http';
import { buildInboxWorld, listen } from './support/inbox-world';
import { eventually, startTestRuntime, type TestRuntime } from './support/runtime';

/** Assign, close with notes, reopen, pause the bot, block: each checks access, writes activity and tells sockets. */
describe('inbox actions', () => {
  let rt: TestRuntime;
  let w: Awaited<ReturnType<typeof buildInboxWorld>>;
  let agent: Session;

  beforeAll(async () => {
    rt = await startTestRuntime();
    w = await buildInboxWorld(rt);
    agent = await loginSession(rt.url, w.agent.email);
  });
  afterAll(async () => {
    await w?.close();
    await rt?.close();
  });

  const kinds = async (contactId: number) =>
    (await w.scope.find(activities, eq(activities.contactId, contactId))).map((a) => a.kind);

  it('assigning gives an assigned-only agent the conversation; handing it on takes it away, also over the socket', async () => {
    const t = await w.write('Lucía Gómez');
    const agentSocket = await listen(rt, agent, w.ws.slug);
    expect((await agent.get(`${w.base}/conversations/${t.conversationId}`)).status).toBe(404);

    const assigned = await w.owner.json('POST', `${w.base}/conversations/${t.conversationId}/assign`, {
      userId: w.agent.id,
      teamId: null,
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body.conversation.assignee.id).toBe(w.agent.id);
    await eventually(async () =>
      agentSocket.heard.some(
        (h) => h.event === 'conversation.updated' && h.payload.conversation.id === t.conversationId,
      ),
    );
    expect((await agent.get(`${w.base}/conversations/${t.conversationId}`)).status).toBe(200);
    // The contact follows the conversation's assignee, so the agent may open the contact too.
    expect((await agent.get(`${w.base}/contacts/${t.contactId}`)).status).toBe(200);

    // The agent hands it to a colleague: they answer with "no longer yours" and lose it everywhere.
    const handed = await agent.json('POST', `${w.base}/conversations/${t.conversationId}/assign`, {
      userId: w.colleague.id,
      teamId: null,
    });
    expect(handed.status).toBe(200);
    expect(handed.body.conversation).toBeNull();
    await eventually(async () =>
      agentSocket.heard.some(
        (h) => h.event === 'conversation.removed' && h.payload.conversationId === t.conversationId,
      ),
    );
    expect((await agent.get(`${w.base}/conversations/${t.conversationId}`)).status).toBe(404);
    const list = await agent.json('GET', `${w.base}/conversations?view=all`);
    expect(list.body.items.map((c: { id: number }) => c.id)).not.toContain(t.conversationId);

    // Later activity on it no longer reaches the agent.
    agentSocket.heard.length = 0;
    await w.again(t, 'sigo aquí');
    await w.owner.post(`${w.base}/conversations/${t.conversationId}/bot`, { paused: true, minutes: 30 });
    await new Promise((r) => setTimeout(r, 400));
    expect(agentSocket.heard.filter((h) => JSON.stringify(h.payload).includes(`"id":${t.conversationId}`))).toEqual([]);
    agentSocket.socket.close();

    const unassigned = await w.owner.json('POST', `${w.base}/conversations/${t.conversationId}/assign`, {
      userId: null,
      teamId: null,
    });
    expect(unassigned.body.conversation.assignee).toBeNull();
    expect(await kinds(t.contactId)).toEqual(
      expect.arrayContaining(['conversation.assigned', 'conversation.bot_paused']),
    );
  });

  it('assigns to a team, and refuses a user or team that is not of this workspace', async () => {
    const t = await w.write('Marta Ruiz');
    const team = await w.f.team(w.ws.id, 'Ventas', [w.colleague.id]);
    const res = await w.owner.json('POST', `${w.base}/conversations/${t.conversationId}/assign`, {
      userId: null,
      teamId: team.id,
    });
    expect(res.body.conversation.assigneeTeam).toEqual({ id: team.id, name: 'Ventas' });
    const other = await w.f.workspace();
    const stranger = await w.owner.json('POST', `${w.base}/conversations/${t.conversationId}/assign`, {
      userId: other.owner.id,
      teamId: null,
    });
    expect(stranger.status).toBe(404);
  });

  it('closing obeys the closing-notes mode and categories; reopening clears the note', async () => {
    const t = await w.write('Pedro Sánchez');
    const url = `${w.base}/conversations/${t.conversationId}`;
    const put = await w.owner.json('PUT', `${w.base}/settings/closing-notes`, {
      mode: 'required',
      categories: ['Venta', 'Soporte'],
    });
    expect(put.status).toBe(200);
    expect((await w.owner.json('POST', `${url}/close`, {})).body.code).toBe('closing_category_required');
    expect((await w.owner.json('POST', `${url}/close`, { category: 'Venta' })).body.code).toBe(
      'closing_summary_required',
    );
    expect((await w.owner.json('POST', `${url}/close`, { category: 'Otra', summary: 'x' })).body.code).toBe(
      'unknown_closing_category',
    );
    const closed = await w.owner.json('POST', `${url}/close`, { category: 'Venta', summary: 'Compró 2 pares' });
    expect(closed.status).toBe(200);
    expect(closed.body.conversation).toMatchObject({
      status: 'closed',
      closingCategory: 'Venta',
      closingSummary: 'Compró 2 pares',
    });
    expect((await w.owner.json('POST', `${url}/close`, { category: 'Venta', summary: 'again' })).status).toBe(409);

    const reopened = await w.owner.json('POST', `${url}/reopen`, {});
    expect(reopened.body.conversation).toMatchObject({ status: 'open', closingCategory: null, closedAt: null });
    expect(await kinds(t.contactId)).toEqual(expect.arrayContaining(['conversation.closed', 'conversation.reopened']));

    // Mode "off": notes are not stored even when sent.
    await w.owner.json('PUT', `${w.base}/settings/closing-notes`, { mode: 'off', categories: ['Venta'] });
    const off = await w.owner.json('POST', `${url}/close`, { category: 'Venta', summary: 'ignored' });
    expect(off.body.conversation).toMatchObject({ status: 'closed', closingCategory: null, closingSummary: null });
    await w.owner.json('PUT', `${w.base}/settings/closing-notes`, { mode: 'optional', categories: [] });
  });

  it('reopening is refused while the contact has another open conversation', async () => {
    const t = await w.write('Rosa Díaz');
    await w.owner.json('POST', `${w.base}/conversations/${t.conversationId}/close`, {});
    const again = await w.again(t, 'otra vez');
    expect(again.conversationId).not.toBe(t.conversationId);
    const refused = await w.owner.json('POST', `${w.base}/conversations/${t.conversationId}/reopen`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('contact_has_open_conversation');
    await w.owner.json('POST', `${w.base}/conversations/${again.conversationId}/close`, {});
    expect((await w.owner.json('POST', `${w.base}/conversations/${t.conversationId}/reopen`, {})).status).toBe(200);
  });

  it('pauses the bot for a duration or until resumed, and resumes', async () => {
    const t = await w.write('Iván Mora');
    const url = `${w.base}/conversations/${t.conversationId}/bot`;
    const timed = await w.owner.json('POST', url, { paused: true, minutes: 60 });
    const until = Date.parse(timed.body.conversation.botPausedUntil);
    expect(until - Date.now()).toBeGreaterThan(58 * 60_000);
    expect(until - Date.now()).toBeLessThan(61 * 60_000);
    const forever = await w.owner.json('POST', url, { paused: true, minutes: null });
    expect(forever.body.conversation.botPausedUntil).toBe('9999-12-31T00:00:00.000Z');
    const resumed = await w.owner.json('POST', url, { paused: false });
    expect(resumed.body.conversation.botPausedUntil).toBeNull();
    expect(await kinds(t.contactId)).toEqual(
      expect.arrayContaining(['conversation.bot_paused', 'conversation.bot_resumed']),
    );
  });

  it('blocking a contact refuses replies and drops their new messages until unblocked', async () => {
    const t = await w.write('Spam Bot');
    const blocked = await w.owner.json('POST', `${w.base}/conversations/${t.conversationId}/block`, { blocked: true });
    expect(blocked.body.conversation.contact.blocked).toBe(true);
    const reply = await w.owner.json('POST', `${w.base}/conversations/${t.conversationId}/messages`, { text: 'hola' });
    expect(reply.body.code).toBe('contact_blocked');
    expect((await w.post(t, 'spam while blocked')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 600));
    expect(await w.scope.count(messages, eq(messages.body, 'spam while blocked'))).toBe(0);
    const unblocked = await w.owner.json('POST', `${w.base}/conversations/${t.conversationId}/block`, {
      blocked: false,
    });
    expect(unblocked.body.conversation.contact.blocked).toBe(false);
    expect(
      (await w.owner.json('POST', `${w.base}/conversations/${t.conversationId}/messages`, { text: 'hola' })).status,
    ).toBe(201);
    expect(await kinds(t.contactId)).toEqual(expect.arrayContaining(['contact.blocked', 'contact.unblocked']));
    const [conv] = await w.scope.find(conversations, eq(conversations.id, t.conversationId));
    expect(conv!.status).toBe('open');
  });
});
