import { type CountryCode, type PhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max';

export type IdentifierKind = 'phone' | 'email';

/**
 * `value` is what we store and show (valid E.164, or the address as typed with its domain lower-cased);
 * `key` is what two identifiers are compared by: equal keys mean the same line or mailbox.
 */
export type NormalizeResult =
  | { ok: true; value: string; key: string; country?: string }
  | { ok: false; reason: string };

/**
 * Phone → E.164 plus a comparison key. National formats use the workspace's default country; digits
 * without `+` that are not a valid national number are tried as international (WhatsApp's `wa_id` is
 * `5215512345678`, no plus). Latin-American quirks folded so that one line has one key:
 * - Mexico: `+52 1 55…` (the old mobile `1`, still in WhatsApp ids) and the national `044`/`045`/`01`
 *   prefixes are dropped: E.164 is `+52` + 10 digits.
 * - Argentina: mobiles are `+54 9 <area> <number>`, written nationally `0<area> 15 <number>`
 *   (libphonenumber rewrites that) and often internationally without the 9. The version without 9 is a
 *   valid fixed-line number, so it is stored as given but keyed as the mobile form: a fixed line and a
 *   mobile never share the same 10 national digits in the Argentine numbering plan.
 * - Brazil: mobiles gained a leading 9 (2012–2016); WhatsApp still reports many older lines without
 *   it (`55 11 8123-4567`). Eight-digit numbers starting 6–9 after a 2-digit area code were mobiles,
 *   are invalid today, and are stored with the 9.
 *
 * @example normalizePhone('011 15 2345-6789', 'AR') // { ok: true, value: '+5491123456789', key: '+5491123456789' }
 */
export function normalizePhone(input: string, defaultCountry?: string | null): NormalizeResult {
  const trimmed = input.trim();
  if (!trimmed) return { ok: false, reason: 'empty phone number' };
  const withoutExtension = trimmed.replace(/\s*(ext\.?|x)\s*\d+$/i, '').replace(/^0\s*xx\s*/i, '0');
  if (/[a-z]/i.test(withoutExtension)) return { ok: false, reason: 'a phone number cannot contain letters' };
  let candidate = withoutExtension.replace(/[^\d+]/g, '');
  if (/^00\d/.test(candidate)) candidate = `+${candidate.slice(2)}`;
  if (candidate.lastIndexOf('+') > 0) return { ok: false, reason: `${trimmed} is not a phone number` };
  const country = (defaultCountry?.toUpperCase() || undefined) as CountryCode | undefined;
  const parsed = parseLine(candidate, country);
  if (!parsed) return { ok: false, reason: `${trimmed} is not a phone number` };
  if (!parsed.isValid()) {
    return {
      ok: false,
      reason: `${trimmed} is not a valid phone number${parsed.country ? ` for ${parsed.country}` : ''}`,
    };
  }
  return { ok: true, value: parsed.number, key: phoneKey(parsed), country: parsed.country };
}

/** The valid reading of `candidate`, trying national then international; else the best invalid one. */
function parseLine(candidate: string, country: CountryCode | undefined): PhoneNumber | undefined {
  const readings: string[] = [];
  if (candidate.startsWith('+')) readings.push(candidate);
  else {
    if (country === 'MX') readings.push(candidate.replace(/^(?:044|045|01)(\d{10})$/, '$1'));
    if (country) readings.push(candidate);
    if (candidate.length >= 11) readings.push(`+${candidate}`);
  }
  let fallback: PhoneNumber | undefined;
  for (const reading of readings) {
    const parsed = parsePhoneNumberFromString(foldMexicanMobileOne(reading), country);
    if (!parsed) continue;
    const fixed = withBrazilianNinthDigit(parsed);
    if (fixed.isValid()) return fixed;
    fallback ??= fixed;
  }
  return fallback;
}

function foldMexicanMobileOne(candidate: string): string {
  return /^\+521\d{10}$/.test(candidate) ? `+52${candidate.slice(4)}` : candidate;
}

function withBrazilianNinthDigit(parsed: PhoneNumber): PhoneNumber {
  const national = parsed.nationalNumber;
  if (parsed.countryCallingCode !== '55' || !/^[1-9]{2}[6-9]\d{7}$/.test(national) || parsed.isValid()) return parsed;
  const withNine = parsePhoneNumberFromString(`+55${national.slice(0, 2)}9${national.slice(2)}`);
  return withNine?.isValid() ? withNine : parsed;
}

function phoneKey(parsed: PhoneNumber): string {
  if (parsed.countryCallingCode !== '54' || parsed.nationalNumber.startsWith('9')) return parsed.number;
  const mobile = parsePhoneNumberFromString(`+549${parsed.nationalNumber}`);
  return mobile?.isValid() && mobile.getType() === 'MOBILE' ? mobile.number : parsed.number;
}

const LOCAL = /^[^\s@<>()[\]\\,;:"]+$/;
const DOMAIN = /^(?=.{1,253}$)(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+[\p{L}]{2,63}$/u;

/**
 * Trims, drops a `mailto:` prefix or surrounding `<…>`, lower-cases the domain and keeps the local
 * part's case for display; the key is the whole address lower-cased (mailboxes are case-insensitive in
 * practice, whatever RFC 5321 allows).
 *
 * @example normalizeEmail(' Ana.Perez@Example.COM ') // { ok: true, value: 'Ana.Perez@example.com', key: 'ana.perez@example.com' }
 */
export function normalizeEmail(input: string): NormalizeResult {
  const trimmed = input
    .trim()
    .replace(/^mailto:/i, '')
    .replace(/^<(.*)>$/, '$1')
    .normalize('NFC');
  const at = trimmed.lastIndexOf('@');
  const local = trimmed.slice(0, at);
  const domain = trimmed.slice(at + 1).toLowerCase();
  const valid =
    at > 0 &&
    local.length <= 64 &&
    LOCAL.test(local) &&
    !/^\.|\.$|\.\./.test(local) &&
    DOMAIN.test(domain) &&
    trimmed.length <= 320;
  if (!valid) return { ok: false, reason: `${input.trim() || 'empty'} is not a valid email address` };
  const value = `${local}@${domain}`;
  return { ok: true, value, key: value.toLowerCase() };
}

/** Either kind, by name: the single entry point for code that receives `{kind, raw}`. */
export function normalizeIdentifier(
  kind: IdentifierKind,
  raw: string,
  defaultCountry?: string | null,
): NormalizeResult {
  return kind === 'phone' ? normalizePhone(raw, defaultCountry) : normalizeEmail(raw);
}
