import { describe, expect, it } from 'vitest';
import { SendPacer } from './send-pacer';
import { ChannelError } from './types';

describe('SendPacer', () => {
  it('gives one recipient one slot per interval and the pool one per global interval', () => {
    let now = 0;
    const pacer = new SendPacer({ perKeyMs: 1000, globalMs: 100, maxWaitMs: 5000 }, () => now);
    expect(pacer.reserve('bot', 'chat-1')).toBe(0);
    expect(pacer.reserve('bot', 'chat-1')).toBe(1000);
    expect(pacer.reserve('bot', 'chat-2')).toBe(100); // not held back by chat-1's later slot
    expect(pacer.reserve('bot', 'chat-3')).toBe(200);
    expect(pacer.reserve('other-bot', 'chat-1')).toBe(0);
    now = 5000;
    expect(pacer.reserve('bot', 'chat-1')).toBe(0);
  });

  it('refuses with a retryable error carrying the wait when the slot is too far away', () => {
    const pacer = new SendPacer({ perKeyMs: 1000, globalMs: 10, maxWaitMs: 2500 }, () => 0);
    for (let i = 0; i < 3; i++) pacer.reserve('bot', 'chat');
    const err = (() => {
      try {
        pacer.reserve('bot', 'chat');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ChannelError);
    expect(err).toMatchObject({ code: 'rate_limited', retryable: true, retryAfterSeconds: 3 });
    // The refused send did not take a slot.
    expect(() => pacer.reserve('bot', 'chat')).toThrow(ChannelError);
  });
});
