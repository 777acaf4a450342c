import { SendPacer } from '../send-pacer';

/** Cloud API throughput per business number (Meta's throughput page): 80 msg/s by default. */
export const WHATSAPP_DEFAULT_RATE = 80;

/**
 * The window the limit is counted over, with 5 % headroom: a send leaves here a little before Meta
 * counts it, and requests that left in order can arrive bunched.
 */
const WINDOW_MS = 1050;

// One pacer per rate: SendPacer spaces a pool's sends by a fixed interval, and numbers upgraded to
// 1,000 msg/s need a shorter one. The pool is the phone number id, so each number has its own budget.
const pacers = new Map<number, SendPacer>();
/** Per number, when its most recent sends actually left (at most `rate` of them are kept). */
const started = new Map<string, number[]>();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until this number may send again. The pacer spreads sends evenly; its slots are reserved ahead
 * of time, though, and timers that fire late (a busy event loop) release several at once, so a sliding
 * window over the times sends really left keeps any second at or under the limit. No per-recipient
 * spacing: the outbound job already sends one message at a time per contact, and Meta's pair limit
 * (131056) is retried like other throttling.
 */
export async function paceWhatsApp(phoneNumberId: string, ratePerSecond: number, recipient: string): Promise<void> {
  let pacer = pacers.get(ratePerSecond);
  if (!pacer) {
    pacer = new SendPacer({ perKeyMs: 0, globalMs: 1000 / ratePerSecond, maxWaitMs: 5000 });
    pacers.set(ratePerSecond, pacer);
  }
  await pacer.wait(phoneNumberId, recipient);
  const times = started.get(phoneNumberId) ?? [];
  started.set(phoneNumberId, times);
  for (;;) {
    const oldest = times.length >= ratePerSecond ? times[times.length - ratePerSecond]! : undefined;
    const wait = oldest === undefined ? 0 : oldest + WINDOW_MS - Date.now();
    if (wait <= 0) break;
    await sleep(wait);
  }
  // Checked and recorded without an await in between: concurrent sends cannot take the same place.
  times.push(Date.now());
  if (times.length > ratePerSecond) times.splice(0, times.length - ratePerSecond);
}
