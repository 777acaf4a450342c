import { useSyncExternalStore } from 'react';
import type { Socket } from 'socket.io-client';

/** How long a visitor's "typing" lasts without a new signal (the widget may never send "stopped"). */
const VISITOR_TYPING_MS = 6000;
/** An agent's "typing" is sent at most this often while they type. */
const AGENT_THROTTLE_MS = 2000;

const typingUntil = new Map<number, number>();
const listeners = new Set<() => void>();
const notify = () => {
  for (const l of listeners) l();
};

/** A `visitor.typing` event of a conversation the user can see (the server only sends those). */
export function setVisitorTyping(conversationId: number, typing: boolean): void {
  if (typing) {
    typingUntil.set(conversationId, Date.now() + VISITOR_TYPING_MS);
    setTimeout(() => {
      if ((typingUntil.get(conversationId) ?? 0) <= Date.now()) {
        typingUntil.delete(conversationId);
        notify();
      }
    }, VISITOR_TYPING_MS + 50);
  } else {
    typingUntil.delete(conversationId);
  }
  notify();
}

export const isVisitorTyping = (conversationId: number) => (typingUntil.get(conversationId) ?? 0) > Date.now();

/** Whether the web chat visitor of this conversation is typing now. */
export function useVisitorTyping(conversationId: number): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => isVisitorTyping(conversationId),
  );
}

let socket: Socket | null = null;
let lastSent = { conversationId: 0, at: 0 };

/** The workspace socket the app shell keeps open (null while disconnected or signed out). */
export function setTypingSocket(s: Socket | null): void {
  socket = s;
}

/** Tells the visitor the agent is typing (throttled), or stopped (sent at once). */
export function sendAgentTyping(conversationId: number, typing: boolean): void {
  if (!socket?.connected) return;
  const now = Date.now();
  if (typing && lastSent.conversationId === conversationId && now - lastSent.at < AGENT_THROTTLE_MS) return;
  lastSent = typing ? { conversationId, at: now } : { conversationId: 0, at: 0 };
  socket.emit('agent.typing', { conversationId, typing });
}
