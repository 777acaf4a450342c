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

/**
 * How a CSV's bytes are read: detected on upload (a BOM names UTF-16; bytes that are not valid UTF-8 are
 * taken as Windows-1252, what Excel in Spanish saves as "CSV"; ISO-8859-1 files read the same), and
 * changeable in the wizard before the import starts.
 */
export const CSV_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export const csvEncodingSchema = z.enum(CSV_ENCODINGS);
export type CsvEncoding = z.infer<typeof csvEncodingSchema>;
