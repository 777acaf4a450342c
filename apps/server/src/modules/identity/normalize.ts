import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';

export type NormalizeResult = { ok: true; value: string; country?: string } | { ok: false; reason: string };

/**
 * Phone → E.164. National formats use the workspace's default country. WhatsApp and older Mexican
 * numbering write mobile lines with a `1` after the country code (+52 1 55…), which libphonenumber
 * rejects; the line is the same, so it is folded into the valid form.
 */
export function normalizePhone(input: string, defaultCountry?: string | null): NormalizeResult {
  const trimmed = input.trim();
  if (!trimmed) return { ok: false, reason: 'empty phone number' };
  if (/[a-z]/i.test(trimmed.replace(/\s*(ext\.?|x)\s*\d+$/i, '')))
    return { ok: false, reason: 'a phone number cannot contain letters' };
  let candidate = trimmed.replace(/[^\d+]/g, '');
  if (/^00\d/.test(candidate)) candidate = `+${candidate.slice(2)}`;
  const country = (defaultCountry?.toUpperCase() || undefined) as CountryCode | undefined;
  if (!candidate.startsWith('+') && !country && candidate.length >= 11) candidate = `+${candidate}`;
  if (/^\+521\d{10}$/.test(candidate)) candidate = `+52${candidate.slice(4)}`;
  const parsed = parsePhoneNumberFromString(candidate, country);
  if (!parsed) return { ok: false, reason: 'not a phone number' };
  if (!parsed.isValid())
    return {
      ok: false,
      reason: `${trimmed} is not a valid phone number${parsed.country ? ` for ${parsed.country}` : ''}`,
    };
  return { ok: true, value: parsed.number, country: parsed.country };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Trims and lower-cases the domain; the local part keeps its case (compare case-insensitively). */
export function normalizeEmail(input: string): NormalizeResult {
  const trimmed = input.trim();
  if (!EMAIL.test(trimmed) || trimmed.length > 320)
    return { ok: false, reason: `${trimmed || 'empty'} is not a valid email address` };
  const at = trimmed.lastIndexOf('@');
  return { ok: true, value: `${trimmed.slice(0, at)}@${trimmed.slice(at + 1).toLowerCase()}` };
}
