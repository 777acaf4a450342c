/** Meta's customer-service window: free-form messages only within 24 h of the customer's last message. */
export const WINDOW_HOURS = 24;
/** Messenger/Instagram `HUMAN_AGENT` tag: a human may answer up to 7 days after the customer's last message. */
export const HUMAN_AGENT_HOURS = 24 * 7;

/** Hours since the contact last wrote, or null when unknown (then the provider decides). */
export function hoursSince(at: Date | null | undefined, now = Date.now()): number | null {
  return at ? (now - at.getTime()) / 3_600_000 : null;
}

/** A map link for a shared location, so the agent can open it. */
export const mapsLink = (latitude: number, longitude: number) =>
  `https://www.google.com/maps/search/?api=1&query=${latitude},${longitude}`;
