import { h, ICONS, icon } from './dom';
import type { Strings } from './i18n';
import type { OutgoingMessage, WidgetConfig, WidgetMessage } from './types';

/** The widget's fixed parts; the controller fills `log` and swaps `footer`'s content. */
export function buildLayout(config: WidgetConfig, t: Strings) {
  const a = config.appearance;
  const title = a.teamName || t.title;
  const closeButton = h('button', { type: 'button', class: 'icon-btn', 'aria-label': t.close }, icon(ICONS.close));
  const log = h('div', { class: 'log', role: 'log', 'aria-live': 'polite' });
  const typing = h('div', { class: 'typing', hidden: true }, t.typing);
  const status = h('div', { class: 'status', role: 'status', hidden: true });
  const footer = h('div', { class: 'footer' });
  const panel = h(
    'section',
    { class: 'panel', 'aria-label': title, hidden: true },
    h(
      'header',
      {},
      a.avatarUrl ? h('img', { class: 'avatar', src: a.avatarUrl, alt: '' }) : null,
      h('strong', {}, title),
      closeButton,
    ),
    config.away && config.awayMessage ? h('p', { class: 'away' }, config.awayMessage) : null,
    log,
    typing,
    status,
    footer,
  );
  const badge = h('span', { class: 'badge', hidden: true });
  const launcher = h(
    'button',
    { type: 'button', class: 'launcher', 'aria-label': t.open, 'aria-expanded': 'false' },
    icon(ICONS[a.launcherIcon]),
    badge,
  );
  const root = h('div', { class: `cw pos-${a.position}` }, panel, launcher);
  document.documentElement.style.setProperty('--accent', a.color);
  return { root, panel, log, typing, status, footer, launcher, badge, closeButton };
}
export type Layout = ReturnType<typeof buildLayout>;

const time = (iso: string, lang: string) =>
  new Date(iso).toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit' });

function attachmentView(a: WidgetMessage['attachments'][number]) {
  const name = a.name ?? a.type;
  const link = h('a', { href: a.url, target: '_blank', rel: 'noopener noreferrer' });
  if (a.type === 'image') link.append(h('img', { src: a.url, alt: name, loading: 'lazy' }));
  else link.append(`📎 ${name}`);
  return h('div', { class: 'att' }, link);
}

/** One bubble: visitor messages on the accent side, agent replies with the agent's name. */
export function messageView(m: WidgetMessage, lang: string, t: Strings, readUpTo: boolean) {
  return h(
    'div',
    { class: `m m-${m.direction}`, 'data-id': String(m.id) },
    m.direction === 'out' && m.agentName ? h('div', { class: 'who' }, m.agentName) : null,
    m.text ? h('div', { class: 'text' }, m.text) : null,
    ...m.attachments.map(attachmentView),
    h('div', { class: 'meta' }, time(m.createdAt, lang), readUpTo ? ` · ${t.read}` : ''),
  );
}

export function pendingView(p: OutgoingMessage, t: Strings) {
  return h(
    'div',
    { class: 'm m-in pending', 'data-client-id': p.clientId },
    p.text ? h('div', { class: 'text' }, p.text) : null,
    ...p.fileNames.map((n) => h('div', { class: 'att' }, `📎 ${n}`)),
    h('div', { class: 'meta' }, p.failed ? t.retrying : t.sending),
  );
}

export const greetingView = (text: string) =>
  h('div', { class: 'm m-out greeting' }, h('div', { class: 'text' }, text));
