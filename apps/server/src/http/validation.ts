import type { z } from 'zod';

/** A PATCH body must change something: `{}` is refused as invalid rather than written as a no-op. */
export const atLeastOneField = <T extends z.ZodObject>(schema: T) =>
  schema.refine((value) => Object.values(value).some((v) => v !== undefined), { message: 'empty_patch' });
