import type { ImportMapping } from '../../../db/schema';
import { AppError } from '../../../http/errors';
import { normalizeEmail, normalizePhone } from '../../identity/normalize';
import { type CustomField, validateCustomValue } from '../custom-fields';

/** A CSV row read through the mapping: normalized identifiers, validated custom values. */
export interface ImportRow {
  /** 1-based line of the row's record in the file (the header is record 1). */
  line: number;
  cells: string[];
  fields: { firstName?: string; lastName?: string; language?: string; lifecycleStage?: string };
  phone?: { value: string; key: string; country?: string };
  email?: { value: string; key: string };
  custom: Record<string, unknown>;
}

export type ReadResult = { ok: true; row: ImportRow } | { ok: false; reason: string };

const CHECKBOX: Record<string, boolean> = {
  true: true,
  yes: true,
  si: true,
  sí: true,
  '1': true,
  x: true,
  false: false,
  no: false,
  '0': false,
};

/**
 * One row → an ImportRow, or the reason it is rejected. Phones and emails go through the same
 * normalizers as `addIdentifier`, custom values through the same validator as the contact PATCH; empty
 * cells mean "no value" (they never clear a field).
 */
export function readRow(
  line: number,
  cells: string[],
  mapping: ImportMapping,
  fields: ReadonlyMap<string, CustomField>,
  defaultCountry: string | null,
): ReadResult {
  const row: ImportRow = { line, cells, fields: {}, custom: {} };
  for (const [column, field] of Object.entries(mapping)) {
    const raw = (cells[Number(column)] ?? '').trim();
    if (!raw) continue;
    if (field === 'phone') {
      const n = normalizePhone(raw, defaultCountry);
      if (!n.ok) return { ok: false, reason: `phone: ${n.reason}` };
      row.phone = { value: n.value, key: n.key, country: n.country };
    } else if (field === 'email') {
      const n = normalizeEmail(raw);
      if (!n.ok) return { ok: false, reason: `email: ${n.reason}` };
      row.email = { value: n.value, key: n.key };
    } else if (field === 'name') {
      const parts = raw.split(/\s+/);
      row.fields.firstName ??= parts[0];
      if (parts.length > 1) row.fields.lastName ??= parts.slice(1).join(' ');
    } else if (field.startsWith('custom.')) {
      const def = fields.get(field.slice('custom.'.length));
      if (!def) return { ok: false, reason: `${field}: no such field` };
      // CSV has only text: a checkbox column says yes/no, which the validator (JSON booleans) cannot read.
      const value = def.type === 'checkbox' ? (CHECKBOX[raw.toLowerCase()] ?? raw) : raw;
      try {
        row.custom[def.key] = validateCustomValue(def, value);
      } catch (err) {
        if (err instanceof AppError) return { ok: false, reason: err.message };
        throw err;
      }
    } else {
      const key = field as keyof ImportRow['fields'];
      if (raw.length > 200) return { ok: false, reason: `${field}: longer than 200 characters` };
      // An explicit first/last name column wins over the split of a full-name column.
      row.fields[key] = raw;
    }
  }
  if (!row.phone && !row.email && !row.fields.firstName && !row.fields.lastName) {
    return { ok: false, reason: 'no name, phone or email' };
  }
  return { ok: true, row };
}
