import type { z } from 'zod';
import { AppError } from '../http/errors';
import type { InboundAttachment } from './types';

/** Parses a provider's JSON webhook body against `schema`; a bad body is a 400 naming the provider's format. */
export function readJsonWebhook<T>(raw: Buffer | string, schema: z.ZodType<T>, what: string): T {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString());
  } catch {
    throw new AppError('invalid', 'invalid_json', 'The body is not valid JSON');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new AppError('invalid', 'invalid_payload', `Not a ${what}`);
  return parsed.data;
}

/** A shared location, shown as its coordinates and a map link. */
export const locationAttachment = (latitude: number, longitude: number): InboundAttachment => ({
  type: 'location',
  name: `${latitude}, ${longitude}`,
  url: `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}`,
});
