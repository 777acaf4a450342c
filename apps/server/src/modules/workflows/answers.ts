import type { StepOf } from '@charla/contracts/workflows';
import { replyIdOf } from '../../channels/buttons';
import type { AttachmentRef } from '../../db/schema';
import { normalizeEmail, normalizePhone } from '../identity/normalize';

export type AnswerCheck = { ok: true; value: string } | { ok: false; reason: string };

interface Answer {
  body: string | null;
  attachments: AttachmentRef[];
  meta: Record<string, unknown>;
}

/** Lower case without accents or surrounding punctuation: "Sí." matches "si". */
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/^[\s.,;:!¡?¿"'()]+|[\s.,;:!¡?¿"'()]+$/g, '');

/** "1.234,5", "1,234.5", "12,5" and "12.5" as numbers. */
export function parseNumber(text: string): number | null {
  let t = text.replace(/\s/g, '');
  if (!/^[-+]?[\d.,]+$/.test(t)) return null;
  const lastComma = t.lastIndexOf(',');
  const lastDot = t.lastIndexOf('.');
  if (lastComma > lastDot) t = t.replace(/\./g, '').replace(',', '.');
  else t = t.replace(/,/g, '');
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** A calendar date typed in `format` (separators `/`, `-` or `.`) as `YYYY-MM-DD`, or null. */
export function parseDate(text: string, format: StepOf<'ask_question'>['dateFormat']): string | null {
  const parts = text.trim().split(/[/.-]/);
  if (parts.length !== 3 || parts.some((p) => !/^\d+$/.test(p))) return null;
  const [a, b, c] = parts.map(Number) as [number, number, number];
  const [y, m, d] = format === 'YYYY-MM-DD' ? [a, b, c] : format === 'MM/DD/YYYY' ? [c, a, b] : [c, b, a];
  const year = y < 100 ? 2000 + y : y;
  const date = new Date(Date.UTC(year, m - 1, d));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

function checkUrl(text: string): AnswerCheck {
  const raw = text.trim();
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`);
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.') && !/\s/.test(raw))
      return { ok: true, value: url.toString() };
  } catch {
    // falls through to the refusal
  }
  return { ok: false, reason: 'not a web address' };
}

/**
 * Validates a contact's reply to a question and gives the value to save. Email and phone go through the
 * identity normalizers (national phone numbers use the workspace's default country).
 */
export function checkAnswer(step: StepOf<'ask_question'>, answer: Answer, defaultCountry: string | null): AnswerCheck {
  const text = answer.body?.trim() ?? '';
  switch (step.questionType) {
    case 'location': {
      const place = answer.attachments.find((a) => a.type === 'location');
      return place ? { ok: true, value: place.name ?? place.url ?? '' } : { ok: false, reason: 'not a location' };
    }
    case 'text':
      return text ? { ok: true, value: text } : { ok: false, reason: 'empty answer' };
    case 'email': {
      const r = normalizeEmail(text);
      return r.ok ? { ok: true, value: r.value } : { ok: false, reason: r.reason };
    }
    case 'phone': {
      const r = normalizePhone(text, defaultCountry);
      return r.ok ? { ok: true, value: r.value } : { ok: false, reason: r.reason };
    }
    case 'number': {
      const n = parseNumber(text);
      if (n === null) return { ok: false, reason: 'not a number' };
      if (step.min !== undefined && n < step.min) return { ok: false, reason: `below ${step.min}` };
      if (step.max !== undefined && n > step.max) return { ok: false, reason: `above ${step.max}` };
      return { ok: true, value: String(n) };
    }
    case 'date': {
      const d = parseDate(text, step.dateFormat);
      return d ? { ok: true, value: d } : { ok: false, reason: `not a date (${step.dateFormat})` };
    }
    case 'url':
      return checkUrl(text);
    case 'rating': {
      const stars = [...text].filter((ch) => ch === '⭐' || ch === '★').length;
      const n = stars > 0 && text.replace(/[⭐★\s]/g, '') === '' ? stars : parseNumber(text);
      return n !== null && Number.isInteger(n) && n >= 1 && n <= 5
        ? { ok: true, value: String(n) }
        : { ok: false, reason: 'not a rating from 1 to 5' };
    }
    case 'multiple_choice': {
      // A tapped button or list row answers by its id (the choice's first 64 characters).
      const data = replyIdOf(answer.meta);
      const byData = data ? step.choices.find((c) => c.slice(0, 64) === data) : undefined;
      if (byData) return { ok: true, value: byData };
      const n = /^\d{1,2}$/.test(text) ? Number(text) : null;
      if (n !== null && n >= 1 && n <= step.choices.length) return { ok: true, value: step.choices[n - 1]! };
      const match = step.choices.find((c) => fold(c) === fold(text));
      return match ? { ok: true, value: match } : { ok: false, reason: 'not one of the options' };
    }
  }
}
