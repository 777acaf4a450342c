import { SendPacer } from '../send-pacer';

/** Cloud API throughput per business number (Meta's throughput page): 80 msg/s by default. */
export const WHATSAPP_DEFAULT_RATE = 80;

// One pacer per rate: SendPacer spaces a pool's sends by a fixed interval, and numbers upgraded to
// 1,000 msg/s need a shorter one. The pool is the phone number id, so each number has its own budget.
const pacers = new Map<number, SendPacer>();

/**
 * Waits for this number's next send slot. No per-recipient spacing: the outbound job already sends one
 * message at a time per contact, and Meta's pair limit (131056) is retried like other throttling.
 */
export function paceWhatsApp(phoneNumberId: string, ratePerSecond: number, recipient: string): Promise<void> {
  let pacer = pacers.get(ratePerSecond);
  if (!pacer) {
    pacer = new SendPacer({ perKeyMs: 0, globalMs: 1000 / ratePerSecond, maxWaitMs: 5000 });
    pacers.set(ratePerSecond, pacer);
  }
  return pacer.wait(phoneNumberId, recipient);
}
