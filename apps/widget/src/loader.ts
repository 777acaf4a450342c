/**
 * widget.js — the one script a site includes (async). It adds a single iframe (the launcher and the chat
 * live inside it, isolated from the page's CSS and JS) and one global, `window.Charla`:
 *
 *   Charla.identify({ userId, userHash, email, phone, name }); Charla.reset(); Charla.open(); Charla.close();
 *   Charla.on('ready' | 'message' | 'unread' | 'error', fn)
 *
 * Calls made before the iframe is ready are queued.
 */
import type { FromFrame, IdentifyPayload, ToFrame } from './protocol';

type Listener = (data?: unknown) => void;
interface CharlaApi {
  identify(user: IdentifyPayload): void;
  reset(): void;
  open(): void;
  close(): void;
  on(event: 'ready' | 'message' | 'unread' | 'error', fn: Listener): void;
}

declare global {
  interface Window {
    Charla?: CharlaApi;
  }
}

(() => {
  if (window.Charla) return;
  const script = (document.currentScript ??
    document.querySelector('script[data-channel][src*="widget.js"]')) as HTMLScriptElement | null;
  const channel = script?.dataset.channel;
  if (!script || !channel || !/^\d+$/.test(channel)) {
    console.warn('Charla: the widget script needs data-channel="<channel id>"');
    return;
  }
  const base = new URL(script.src).origin;
  const listeners: Record<string, Listener[]> = {};
  const queue: ToFrame[] = [];
  let ready = false;
  let position: 'left' | 'right' = 'right';

  const frame = document.createElement('iframe');
  frame.src = `${base}/widget/frame/${channel}#origin=${encodeURIComponent(location.origin)}`;
  frame.title = 'Chat';
  // Site stylesheets cannot reach inside the iframe, but they can style the iframe element: pin everything.
  const css = (props: Record<string, string>) => {
    for (const [k, v] of Object.entries(props)) frame.style.setProperty(k, v, 'important');
  };
  css({
    position: 'fixed',
    bottom: '12px',
    border: '0',
    background: 'transparent',
    'z-index': '2147483000',
    'color-scheme': 'normal',
    display: 'none',
    'max-width': '100vw',
    'max-height': '100vh',
  });

  function layout(open: boolean) {
    const small = window.innerWidth < 480;
    css({
      display: 'block',
      width: open ? (small ? '100vw' : '400px') : '84px',
      height: open ? (small ? '100vh' : 'min(680px, calc(100vh - 24px))') : '84px',
      bottom: open && small ? '0' : '12px',
      [position]: open && small ? '0' : '12px',
      [position === 'right' ? 'left' : 'right']: 'auto',
    });
  }

  const emit = (event: string, data?: unknown) => {
    for (const fn of listeners[event] ?? []) {
      try {
        fn(data);
      } catch (err) {
        console.error(err);
      }
    }
  };

  const send = (message: ToFrame) => {
    if (ready) frame.contentWindow?.postMessage(message, base);
    else queue.push(message);
  };

  window.addEventListener('message', (event) => {
    if (event.source !== frame.contentWindow || event.origin !== base) return;
    const data = event.data as FromFrame;
    switch (data?.charla) {
      case 'ready':
        ready = true;
        position = data.position;
        layout(false);
        for (const m of queue.splice(0)) frame.contentWindow?.postMessage(m, base);
        emit('ready');
        break;
      case 'layout':
        layout(data.open);
        break;
      case 'message':
        emit('message', data.message);
        break;
      case 'unread':
        emit('unread', data.count);
        break;
      case 'error':
        emit('error', { code: data.code, message: data.message });
        break;
    }
  });

  window.Charla = {
    identify: (user) => send({ charla: 'identify', user }),
    reset: () => send({ charla: 'reset' }),
    open: () => send({ charla: 'open' }),
    close: () => send({ charla: 'close' }),
    on: (event, fn) => {
      listeners[event] = [...(listeners[event] ?? []), fn];
      if (event === 'ready' && ready) fn();
    },
  };

  const mount = () => document.body.appendChild(frame);
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();
