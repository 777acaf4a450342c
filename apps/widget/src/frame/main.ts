import { io, type Socket } from 'socket.io-client';
import type { FromFrame, IdentifyPayload, ToFrame } from '../protocol';
import { WidgetApi } from './api';
import { composer, MAX_FILE_BYTES } from './composer';
import { type Strings, stringsFor } from './i18n';
import { prechatForm } from './prechat';
import { VisitorStorage, newClientId } from './storage';
import type { OutgoingMessage, SessionData, WidgetMessage } from './types';
import { buildLayout, greetingView, type Layout, messageView, pendingView } from './view';

/**
 * The chat UI inside the iframe: one visitor session (token kept in localStorage), messages over HTTP with
 * client ids (a resend after a lost connection is stored once), replies and typing over the visitor socket,
 * and a refetch of the history on every (re)connection so nothing sent meanwhile is missed.
 */
const channel = location.pathname.split('/').pop() ?? '';
const hostOrigin = new URLSearchParams(location.hash.slice(1)).get('origin') ?? '';
const api = new WidgetApi(channel);
const store = new VisitorStorage(channel);
const messages = new Map<number, WidgetMessage>();
let session: SessionData;
let ui: Layout;
let t: Strings;
let lang = 'es';
let socket: Socket | null = null;
let open = false;
let outbox: OutgoingMessage[] = store.outbox;
let footerMode: 'prechat' | 'chat' | '' = '';
let focusComposer = () => {};

const toParent = (message: FromFrame) => {
  if (hostOrigin && window.parent !== window) window.parent.postMessage(message, hostOrigin);
};
const showStatus = (text: string | null) => {
  ui.status.hidden = !text;
  ui.status.textContent = text ?? '';
};
const needsPrechat = () => session.config.prechat.enabled && !session.visitor.known && !session.visitor.identified;
const lastReply = () => Math.max(0, ...[...messages.values()].filter((m) => m.direction === 'out').map((m) => m.id));

function adopt(data: SessionData, replace: boolean) {
  session = data;
  store.token = data.token;
  if (replace) messages.clear();
  for (const m of data.messages) messages.set(m.id, m);
  const stored = new Set(data.messages.map((m) => m.clientId));
  outbox = outbox.filter((o) => !stored.has(o.clientId));
  store.outbox = outbox;
}

function render() {
  const mode = needsPrechat() ? 'prechat' : 'chat';
  if (mode !== footerMode) {
    footerMode = mode;
    ui.footer.replaceChildren(
      mode === 'prechat' ? prechatForm(session.config.prechat, t, submitPrechat) : chatComposer(),
    );
  }
  const readUpTo = [...messages.values()].filter((m) => m.direction === 'in' && m.status === 'read').pop()?.id;
  const sorted = [...messages.values()].sort((a, b) => a.id - b.id);
  ui.log.replaceChildren(
    ...(session.config.appearance.greeting ? [greetingView(session.config.appearance.greeting)] : []),
    ...sorted.map((m) => messageView(m, lang, t, m.id === readUpTo)),
    ...outbox.map((p) => pendingView(p, t)),
  );
  ui.log.scrollTop = ui.log.scrollHeight;
  const unread = [...messages.values()].filter((m) => m.direction === 'out' && m.id > store.lastSeen).length;
  ui.badge.hidden = unread === 0 || open;
  ui.badge.textContent = String(unread);
  ui.badge.setAttribute('aria-label', `${unread} ${t.unread}`);
  toParent({ charla: 'unread', count: open ? 0 : unread });
}

function chatComposer() {
  let typingTimer = 0;
  const c = composer(t, {
    send: (text) => {
      stopTyping();
      queue({ clientId: newClientId(), text, uploads: [], fileNames: [] });
    },
    attach: (file) => void upload(file),
    typing: () => {
      if (!typingTimer) socket?.emit('typing', true);
      clearTimeout(typingTimer);
      typingTimer = window.setTimeout(stopTyping, 3000);
    },
  });
  const stopTyping = () => {
    if (typingTimer) socket?.emit('typing', false);
    clearTimeout(typingTimer);
    typingTimer = 0;
  };
  focusComposer = c.focus;
  return c.form;
}

async function submitPrechat(details: Record<string, string | undefined>) {
  const res = await api.call<SessionData>('POST', '/prechat', details);
  if (res.ok) {
    adopt(res.data, false);
    render();
    focusComposer();
    void flush();
    return {};
  }
  return res.data.fields ?? { name: 'error' };
}

function queue(item: OutgoingMessage) {
  outbox.push(item);
  store.outbox = outbox;
  render();
  void flush();
}

async function upload(file: File) {
  if (file.size > MAX_FILE_BYTES) return showStatus(t.fileTooBig);
  const form = new FormData();
  form.append('file', file, file.name);
  const res = await api.call<{ upload: string; name: string }>('POST', '/files', form).catch(() => null);
  if (!res?.ok) return showStatus(res?.data.code === 'file_type_not_allowed' ? t.fileType : t.error);
  showStatus(null);
  queue({ clientId: newClientId(), text: '', uploads: [res.data.upload], fileNames: [res.data.name] });
}

let flushing = false;
let retryDelay = 1000;
/** Sends queued messages in order; on network trouble keeps them (and their client ids) for a retry. */
async function flush(): Promise<void> {
  if (flushing) return;
  flushing = true;
  try {
    while (outbox.length > 0) {
      const item = outbox[0]!;
      const res = await api
        .call<{ message: WidgetMessage }>('POST', '/messages', {
          clientId: item.clientId,
          text: item.text,
          uploads: item.uploads,
        })
        .catch(() => null);
      if (res?.ok) {
        messages.set(res.data.message.id, res.data.message);
        outbox.shift();
        retryDelay = 1000;
      } else if (res?.status === 409) {
        session.visitor.known = false; // the form comes first
        break;
      } else if (res && res.status >= 400 && res.status < 500 && res.status !== 429 && res.status !== 401) {
        outbox.shift(); // refused for good (too long, bad file): nothing a retry would change
        showStatus(t.error);
      } else {
        item.failed = true;
        if (res?.status === 401) await restart(false);
        setTimeout(() => void flush(), retryDelay);
        retryDelay = Math.min(retryDelay * 2, 30_000);
        break;
      }
      store.outbox = outbox;
    }
  } finally {
    store.outbox = outbox;
    flushing = false;
    render();
  }
}

let readTimer = 0;
/** Tells the server which replies the visitor saw (debounced: the reply's send job settles first). */
function markRead() {
  if (!open || document.hidden) return;
  const upTo = lastReply();
  if (upTo <= store.lastSeen) return;
  store.lastSeen = upTo;
  clearTimeout(readTimer);
  readTimer = window.setTimeout(() => void api.call('POST', '/read', { upToId: upTo }).catch(() => {}), 800);
}

function beep() {
  try {
    const ac = new AudioContext();
    const osc = ac.createOscillator();
    const gain = ac.createGain();
    osc.frequency.value = 880;
    gain.gain.value = 0.04;
    osc.connect(gain).connect(ac.destination);
    osc.start();
    osc.stop(ac.currentTime + 0.15);
  } catch {
    // no audio allowed before a user gesture: the badge still shows
  }
}

function receive(m: WidgetMessage) {
  const fresh = !messages.has(m.id);
  messages.set(m.id, m);
  if (m.direction === 'out') ui.typing.hidden = true;
  if (fresh && m.direction === 'out') {
    if ((!open || document.hidden) && session.config.appearance.sound) beep();
    toParent({
      charla: 'message',
      message: { id: m.id, direction: m.direction, text: m.text, agentName: m.agentName, createdAt: m.createdAt },
    });
  }
  render();
  markRead();
}

async function refresh() {
  const asked = api.token;
  const res = await api.call<SessionData>('GET', '/messages').catch(() => null);
  // An identify or reset finished meanwhile: this answer describes the visitor we were, not the one we are.
  if (api.token !== asked) return;
  if (res?.ok) adopt(res.data, false);
  else if (res?.status === 401) await restart(false);
  render();
  markRead();
}

let typingHide = 0;
function connect() {
  socket?.close();
  const s = io('/webchat', { auth: { channel, token: api.token } });
  socket = s;
  s.on('connect', () => {
    showStatus(null);
    void refresh().then(flush);
  });
  s.on('disconnect', () => showStatus(t.offline));
  s.on('connect_error', (err) => {
    if (err.message === 'invalid_visitor_token') void restart(false);
    else showStatus(t.offline);
  });
  s.on('message', receive);
  s.on('typing', (p: { typing?: boolean }) => {
    ui.typing.hidden = !p?.typing;
    clearTimeout(typingHide);
    typingHide = window.setTimeout(() => (ui.typing.hidden = true), 8000);
  });
}

function setOpen(value: boolean) {
  open = value;
  ui.panel.hidden = !value;
  ui.launcher.setAttribute('aria-expanded', String(value));
  ui.launcher.setAttribute('aria-label', value ? t.close : t.open);
  toParent({ charla: 'layout', open: value });
  render();
  if (value) {
    markRead();
    focusComposer();
  }
}

/** A new session: after Charla.reset(), or when the stored token is no longer accepted. */
async function restart(forget: boolean) {
  if (forget) {
    store.clear();
    outbox = [];
  }
  api.token = forget ? '' : store.token;
  const res = await api.call<SessionData>('POST', '/session', { token: api.token || undefined, hostOrigin });
  if (!res.ok) return;
  adopt(res.data, true);
  footerMode = '';
  render();
  connect();
}

async function identify(user: IdentifyPayload) {
  const res = await api.call<SessionData>('POST', '/identify', user).catch(() => null);
  if (!res?.ok) {
    const code = res?.data.code ?? 'network_error';
    console.warn(`Charla.identify refused: ${res?.data.message ?? code}`);
    toParent({ charla: 'error', code, message: res?.data.message ?? code });
    return;
  }
  adopt(res.data, true);
  footerMode = '';
  render();
  connect();
}

async function boot() {
  api.token = store.token;
  const res = await api.call<SessionData>('POST', '/session', { token: api.token || undefined, hostOrigin });
  if (!res.ok) return console.warn(`Charla: ${res.data.message ?? res.status}`);
  adopt(res.data, true);
  ({ t, lang } = stringsFor(session.config.appearance.language));
  document.documentElement.lang = lang;
  ui = buildLayout(session.config, t);
  ui.launcher.addEventListener('click', () => setOpen(!open));
  ui.closeButton.addEventListener('click', () => setOpen(false));
  document.getElementById('app')!.append(ui.root);
  render();
  connect();
  document.addEventListener('visibilitychange', markRead);
  window.addEventListener('online', () => void flush());
  window.addEventListener('message', (event) => {
    if (event.source !== window.parent || event.origin !== hostOrigin) return;
    const data = event.data as ToFrame;
    if (data?.charla === 'open') setOpen(true);
    else if (data?.charla === 'close') setOpen(false);
    else if (data?.charla === 'reset') void restart(true);
    else if (data?.charla === 'identify') void identify(data.user);
  });
  toParent({ charla: 'ready', position: session.config.appearance.position });
}

void boot();
