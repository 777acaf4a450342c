import type { Socket } from 'socket.io-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isVisitorTyping, sendAgentTyping, setTypingSocket, setVisitorTyping } from './typing';

describe('web chat typing', () => {
  afterEach(() => {
    vi.useRealTimers();
    setTypingSocket(null);
  });

  it('shows a visitor typing until they stop or the signal goes stale', () => {
    vi.useFakeTimers();
    setVisitorTyping(7, true);
    expect(isVisitorTyping(7)).toBe(true);
    expect(isVisitorTyping(8)).toBe(false);
    setVisitorTyping(7, false);
    expect(isVisitorTyping(7)).toBe(false);
    setVisitorTyping(7, true);
    vi.advanceTimersByTime(6100);
    expect(isVisitorTyping(7)).toBe(false);
  });

  it('sends agent typing at most every two seconds per conversation, and "stopped" at once', () => {
    vi.useFakeTimers();
    const emit = vi.fn();
    setTypingSocket({ connected: true, emit } as unknown as Socket);
    sendAgentTyping(1, true);
    sendAgentTyping(1, true);
    vi.advanceTimersByTime(1000);
    sendAgentTyping(1, true);
    expect(emit).toHaveBeenCalledTimes(1);
    sendAgentTyping(2, true);
    expect(emit).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(2500);
    sendAgentTyping(2, true);
    sendAgentTyping(2, false);
    expect(emit.mock.calls.map((c) => c[1])).toEqual([
      { conversationId: 1, typing: true },
      { conversationId: 2, typing: true },
      { conversationId: 2, typing: true },
      { conversationId: 2, typing: false },
    ]);
    expect(emit.mock.calls.every((c) => c[0] === 'agent.typing')).toBe(true);
  });
});
