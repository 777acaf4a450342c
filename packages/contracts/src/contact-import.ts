import { z } from 'zod';

/** The standard contact fields a CSV column can fill (custom fields are `custom.<key>`). */
export const IMPORT_STANDARD_FIELDS = [
  'name',
  'firstName',
  'lastName',
  'phone',
  'email',
  'language',
  'lifecycleStage',
] as const;
export type ImportStandardField = (typeof IMPORT_STANDARD_FIELDS)[number];

/** add only / update only / add & update / add every row (duplicates become merge suggestions). */
export const importPurposeSchema = z.enum(['add', 'update', 'upsert', 'add_all']);
export type ImportPurpose = z.infer<typeof importPurposeSchema>;
