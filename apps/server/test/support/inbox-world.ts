import { io, type Socket } from 'socket.io-client';
import { factories, postCustomWebhook } from './factories';
import { startFakeCallback } from './fake-callback';
import { loginSession, type Session } from './http';
import type { TestRuntime } from './runtime';
import { inbound, type Sender, type Thread } from './tenant-world';

export interface Heard {
  event: string;
  payload: any;
}

/** A socket of `session` in `slug` that records every event it hears. */
export async function listen(rt: TestRuntime, session: Session, slug: string) {
  const heard: Heard[] = [];
  const socket: Socket = io(rt.url, {
    extraHeaders: { cookie: session.cookieHeader },
    auth: { workspace: slug },
    transports: ['websocket'],
    reconnection: false,
  });
  socket.onAny((event, payload) => heard.push({ event, payload }));
  await new Promise<void>((resolve, reject) => {
    socket.on('connect', () => resolve());
    socket.on('connect_error', reject);
  });
  return { socket, heard };
}

/** One workspace with a custom channel (replies recorded by a loopback callback), an owner and two agents. */
export async function buildInboxWorld(rt: TestRuntime) {
  const f = factories(rt.ctx);
  const callback = await startFakeCallback();
  const ws = await f.workspace({ name: 'Tienda Sol' });
  const { channel, secret } = await f.customChannel(ws.scope, { callbackUrl: callback.url });
  const agent = await f.member(ws.ws.id, 'agent', 'assigned');
  const colleague = await f.member(ws.ws.id, 'agent', 'all');
  const owner = await loginSession(rt.url, ws.owner.email);
  let n = 0;
  const sender = (name: string, extra: Partial<Sender> = {}): Sender => {
    n++;
    return {
      externalId: `ext-${n}-${Date.now()}`,
      name,
      email: `${name.split(' ')[0]!.toLowerCase()}${n}@example.com`,
      phone: `+52 1 55 ${String(1000 + n).padStart(4, '0')} ${String(2000 + n).padStart(4, '0')}`,
      text: `hola de ${name}`,
      ...extra,
    };
  };
  return {
    f,
    callback,
    ...ws,
    channel: { id: channel.id, secret },
    agent,
    colleague,
    owner,
    base: `/api/w/${ws.ws.slug}`,
    sender,
    /** A new contact writes in: returns the thread (contact, conversation, message ids). */
    write: (name: string, text?: string, extra: Partial<Sender> = {}) =>
      inbound(rt, ws.scope, { id: channel.id, secret }, sender(name, extra), text),
    /** The same contact writes again (waits until stored). */
    again: (thread: Thread, text: string) => inbound(rt, ws.scope, { id: channel.id, secret }, thread.sender, text),
    /** The same contact writes again, without waiting for the message (it may be dropped). */
    post: (thread: Thread, text: string) =>
      postCustomWebhook(rt.url, channel.id, secret, {
        id: `raw-${Date.now()}-${Math.random()}`,
        sender: { id: thread.sender.externalId, name: thread.sender.name },
        text,
      }),
    close: () => callback.close(),
  };
}
