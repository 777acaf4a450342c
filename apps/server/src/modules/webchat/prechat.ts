import type { WebchatConfig } from '../../channels/webchat/schema';
import { AppError } from '../../http/errors';
import { normalizeEmail, normalizePhone } from '../identity/normalize';

export interface ContactDetails {
  name?: string;
  email?: string;
  phone?: string;
}

type Rules = Record<keyof ContactDetails, { enabled: boolean; required: boolean }>;

const ALL_OPTIONAL: Rules = {
  name: { enabled: true, required: false },
  email: { enabled: true, required: false },
  phone: { enabled: true, required: false },
};

/**
 * Checks contact details with the same normalizers the rest of Charla uses (a national-format phone is
 * read in the workspace's default country). Throws `invalid_details` with a reason per field; returns
 * the trimmed values of the enabled fields.
 */
export function validateDetails(input: ContactDetails, rules: Rules, defaultCountry: string | null): ContactDetails {
  const fields: Record<string, string> = {};
  const out: ContactDetails = {};
  for (const key of ['name', 'email', 'phone'] as const) {
    const value = input[key]?.trim() ?? '';
    const rule = rules[key];
    if (!rule.enabled) continue;
    if (!value) {
      if (rule.required) fields[key] = 'required';
      continue;
    }
    if (key === 'name' && value.length > 120) fields.name = 'the name is too long';
    if (key === 'email') {
      const r = normalizeEmail(value);
      if (!r.ok) fields.email = r.reason;
    }
    if (key === 'phone') {
      const r = normalizePhone(value, defaultCountry);
      if (!r.ok) fields.phone = r.reason;
    }
    out[key] = value;
  }
  if (Object.keys(fields).length > 0) {
    const summary = Object.entries(fields)
      .map(([k, v]) => `${k}: ${v}`)
      .join('; ');
    throw new AppError('invalid', 'invalid_details', `Please check your details (${summary})`, { fields });
  }
  return out;
}

/** The pre-chat form's rules: its enabled fields, each required or not. */
export const prechatRules = (config: WebchatConfig): Rules => config.prechat.fields;
/** Details passed to Charla.identify(): every field optional, still validated. */
export const identifyRules = (): Rules => ALL_OPTIONAL;
/** A pre-chat form with a required field must be filled before the first message. */
export const prechatBlocksChat = (config: WebchatConfig) =>
  config.prechat.enabled && Object.values(config.prechat.fields).some((f) => f.enabled && f.required);
