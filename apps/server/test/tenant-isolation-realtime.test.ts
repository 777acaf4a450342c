import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEventName } from '../src/events/types';
import { SESSION_COOKIE } from '../src/modules/auth/sessions';
import { loginSession, type Session } from './support/http';
import { eventually, startTestRuntime, type TestRuntime } from './support/runtime';
import { buildTenantWorld, inbound, type TenantWorld, type Thread } from './support/tenant-world';

interface Heard {
  event: string;
  payload: unknown;
}

/** The events a listener was registered for, so that the suite stays complete as events are added. */
function listenerEvents(rt: TestRuntime, name: string): string[] {
  const events = rt.ctx.events.eventsOf(name);
  if (!events) throw new Error(`no "${name}" listener registered: update tenant-isolation-realtime.test.ts`);
  return events;
}

type Subject = 'conversation' | 'contact' | 'workspace' | 'user';

/** Records the emitters need that only exist once the world is built (set in beforeAll). */
const built = { comments: {} as Record<number, number>, notification: { id: 0, userId: 0 } };

/** How to emit each domain event about a thread, and what it is about (which decides who may hear it). */
const EMITTERS: Record<string, { subject: Subject; data: (t: Thread, userId: number) => unknown }> = {
  'message.created': {
    subject: 'conversation',
    data: (t) => ({
      messageId: t.messageId,
      conversationId: t.conversationId,
      contactId: t.contactId,
      direction: 'in',
    }),
  },
  'message.updated': {
    subject: 'conversation',
    data: (t) => ({ messageId: t.messageId, conversationId: t.conversationId, contactId: t.contactId }),
  },
  'conversation.opened': {
    subject: 'conversation',
    data: (t) => ({ conversationId: t.conversationId, contactId: t.contactId, source: 'contact' }),
  },
  'conversation.updated': {
    subject: 'conversation',
    data: (t) => ({ conversationId: t.conversationId, contactId: t.contactId }),
  },
  'conversation.closed': {
    subject: 'conversation',
    data: (t) => ({ conversationId: t.conversationId, contactId: t.contactId }),
  },
  'contact.created': { subject: 'contact', data: (t) => ({ contactId: t.contactId }) },
  'contact.updated': { subject: 'contact', data: (t) => ({ contactId: t.contactId, fields: ['firstName'] }) },
  'comment.created': {
    subject: 'conversation',
    data: (t) => ({ commentId: built.comments[t.conversationId], conversationId: t.conversationId, mentions: [] }),
  },
  // The agent's own notification: only the agent may hear it, whatever the thread.
  'notification.created': {
    subject: 'user',
    data: () => ({ notificationId: built.notification.id, userId: built.notification.userId }),
  },
  'member.presence': { subject: 'workspace', data: (_t, userId) => ({ userId, status: 'away' }) },
};

/** The conversation or contact an event pushed to a socket is about, if any. */
function subjectOf(payload: unknown): { conversation?: number; contact?: number } {
  const p = payload as {
    conversationId?: number;
    conversation?: { id?: number; contact?: { id?: number } };
    contact?: { id?: number };
    message?: { contactId?: number };
  } | null;
  return {
    conversation: p?.conversationId ?? p?.conversation?.id,
    contact: p?.contact?.id ?? p?.conversation?.contact?.id ?? p?.message?.contactId,
  };
}
const isAbout = (payload: unknown, subject: Subject, t: Thread) =>
  subject === 'conversation'
    ? subjectOf(payload).conversation === t.conversationId
    : subject === 'contact'
      ? subjectOf(payload).contact === t.contactId
      : false;

describe('tenant isolation: realtime', () => {
  let rt: TestRuntime;
  let w: TenantWorld;
  let agentSession: Session;
  const sockets: Socket[] = [];
  const heard = { ownerA: [] as Heard[], agent: [] as Heard[], ownerB: [] as Heard[] };

  const open = (cookie: string | undefined, workspace: string, via: 'auth' | 'query' = 'auth') => {
    const socket = io(rt.url, {
      extraHeaders: cookie ? { cookie } : {},
      ...(via === 'auth' ? { auth: { workspace } } : { query: { workspace } }),
      transports: ['websocket'],
      reconnection: false,
    });
    sockets.push(socket);
    return socket;
  };
  const connect = (cookie: string, workspace: string, into: Heard[]) =>
    new Promise<Socket>((resolve, reject) => {
      const socket = open(cookie, workspace);
      socket.onAny((event, payload) => into.push({ event, payload }));
      socket.on('connect', () => resolve(socket));
      socket.on('connect_error', reject);
    });
  const refused = (cookie: string | undefined, workspace: string, via: 'auth' | 'query' = 'auth') =>
    new Promise<string>((resolve) => {
      const socket = open(cookie, workspace, via);
      socket.on('connect', () => resolve('connected'));
      socket.on('connect_error', (err) => resolve(`refused: ${err.message}`));
    });

  beforeAll(async () => {
    rt = await startTestRuntime();
    w = await buildTenantWorld(rt);
    built.comments = w.a.comments;
    built.notification = { id: w.a.ids.notification, userId: w.a.agent.id };
    agentSession = await loginSession(rt.url, w.a.agent.email);
    await connect(w.a.ownerSession.cookieHeader, w.a.ws.slug, heard.ownerA);
    await connect(agentSession.cookieHeader, w.a.ws.slug, heard.agent);
    await connect(w.b.ownerSession.cookieHeader, w.b.ws.slug, heard.ownerB);
  });

  afterAll(async () => {
    for (const s of sockets) s.close();
    await w?.close();
    await rt?.close();
  });

  const clear = () => {
    for (const list of Object.values(heard)) list.length = 0;
  };
  /** What the agent and B's owner must never have heard. */
  const assertNothingLeaked = () => {
    expect(heard.ownerB, 'B’s owner heard A’s events').toEqual([]);
    const hidden = [w.a.threads.open, w.a.threads.closed];
    const wrong = heard.agent.filter((h) => {
      const { conversation, contact } = subjectOf(h.payload);
      return (
        hidden.some((t) => t.conversationId === conversation || t.contactId === contact) ||
        JSON.stringify(h.payload).includes(w.hidden)
      );
    });
    expect(wrong, 'the assigned-only agent heard about conversations not assigned to them').toEqual([]);
  };

  it('refuses a socket naming a workspace its user is not a member of', async () => {
    expect(await refused(w.b.ownerSession.cookieHeader, w.a.ws.slug)).toMatch(/^refused/);
    expect(await refused(w.b.ownerSession.cookieHeader, w.a.ws.slug, 'query')).toMatch(/^refused/);
    expect(await refused(agentSession.cookieHeader, w.b.ws.slug)).toMatch(/^refused/);
    expect(await refused(undefined, w.a.ws.slug)).toMatch(/^refused/);
    expect(await refused(`${SESSION_COOKIE}=forged`, w.a.ws.slug)).toMatch(/^refused/);
  });

  it('an inbound message in A reaches the assignee only for their conversation, and never B', async () => {
    clear();
    const { open: hiddenThread, mine } = w.a.threads;
    await inbound(rt, w.a.scope, w.a.channel, hiddenThread.sender, `otra vez ${w.mark}${w.hidden}`);
    await eventually(async () =>
      ['message.created', 'conversation.updated'].every((e) =>
        heard.ownerA.some((h) => h.event === e && isAbout(h.payload, 'conversation', hiddenThread)),
      ),
    );
    await inbound(rt, w.a.scope, w.a.channel, mine.sender, `otra vez ${w.mark}`);
    await eventually(async () =>
      ['message.created', 'conversation.updated'].every((e) =>
        heard.agent.some((h) => h.event === e && isAbout(h.payload, 'conversation', mine)),
      ),
    );
    await new Promise((r) => setTimeout(r, 200));
    assertNothingLeaked();
    expect(heard.ownerA.some((h) => isAbout(h.payload, 'conversation', mine))).toBe(true);
  });

  it('every event the realtime listener handles goes only to the rooms allowed to see it', async () => {
    const names = listenerEvents(rt, 'realtime');
    expect(names.length).toBeGreaterThan(0);
    const unknown = names.filter((n) => !EMITTERS[n]);
    expect(unknown, 'realtime events the suite does not know how to emit: add them to EMITTERS').toEqual([]);
    const ws = w.a.ws.id;
    for (const name of names) {
      const emitter = EMITTERS[name]!;
      const emit = (t: Thread) =>
        rt.ctx.events.emit(rt.ctx.db, ws, name as DomainEventName, emitter.data(t, w.a.manager.id) as never);
      if (emitter.subject === 'user') {
        clear();
        await emit(w.a.threads.mine);
        await eventually(async () => heard.agent.some((h) => h.event === name));
        await new Promise((r) => setTimeout(r, 200));
        expect(heard.ownerA, `${name} reached another member`).toEqual([]);
        expect(heard.ownerB, `${name} reached B`).toEqual([]);
        continue;
      }
      if (emitter.subject === 'workspace') {
        clear();
        await emit(w.a.threads.mine);
        const got = (list: Heard[]) =>
          list.some((h) => (h.payload as { userId?: number } | null)?.userId === w.a.manager.id);
        await eventually(async () => got(heard.ownerA) && got(heard.agent));
        await new Promise((r) => setTimeout(r, 200));
        expect(heard.ownerB, `${name} reached B`).toEqual([]);
        continue;
      }
      for (const thread of [w.a.threads.open, w.a.threads.closed, w.a.threads.mine]) {
        clear();
        await emit(thread);
        await eventually(async () => heard.ownerA.some((h) => isAbout(h.payload, emitter.subject, thread)));
        if (thread === w.a.threads.mine) {
          await eventually(async () => heard.agent.some((h) => isAbout(h.payload, emitter.subject, thread)));
        }
        await new Promise((r) => setTimeout(r, 150));
        assertNothingLeaked();
      }
    }
  });

  it('presence set through the API reaches A’s members and not B', async () => {
    clear();
    expect((await agentSession.put(`/api/w/${w.a.ws.slug}/presence`, { status: 'online' })).status).toBe(204);
    await eventually(async () => heard.ownerA.some((h) => h.event === 'presence'));
    await new Promise((r) => setTimeout(r, 200));
    expect(heard.ownerB).toEqual([]);
  });

  it('a contact import’s progress reaches A’s owners and managers, not its agents, and never B', async () => {
    clear();
    const managerSocket: Heard[] = [];
    await connect((await loginSession(rt.url, w.a.manager.email)).cookieHeader, w.a.ws.slug, managerSocket);
    const { ids, ownerSession } = w.a;
    const started = await ownerSession.json(
      'POST',
      `/api/w/${w.a.ws.slug}/contact-imports/${ids.contactImport}/start`,
      {
        mapping: { '0': 'name', '1': 'email' },
        purpose: 'upsert',
      },
    );
    expect(started.status).toBe(200);
    const finished = (list: Heard[]) =>
      list.some((h) => h.event === 'contact-import.progress' && (h.payload as { status: string }).status === 'done');
    await eventually(async () => finished(heard.ownerA) && finished(managerSocket), 60_000);
    await new Promise((r) => setTimeout(r, 200));
    expect(heard.agent.filter((h) => h.event === 'contact-import.progress')).toEqual([]);
    expect(heard.ownerB).toEqual([]);
  });
});
