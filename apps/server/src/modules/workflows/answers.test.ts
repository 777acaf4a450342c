import type { StepOf } from '@charla/contracts/workflows';
import { stepSchema } from '@charla/contracts/workflows';
import { describe, expect, it } from 'vitest';
import { checkAnswer, parseDate, parseNumber } from './answers';

const question = (over: Partial<StepOf<'ask_question'>>) =>
  stepSchema.parse({
    id: 'q',
    type: 'ask_question',
    text: '?',
    questionType: 'text',
    ...over,
  }) as StepOf<'ask_question'>;
const reply = (body: string | null, extra: Partial<{ attachments: never[]; meta: Record<string, unknown> }> = {}) => ({
  body,
  attachments: [],
  meta: {},
  ...extra,
});

describe('answer validation', () => {
  it('normalizes emails and refuses what is not one', () => {
    expect(checkAnswer(question({ questionType: 'email' }), reply(' Ana@EXAMPLE.com '), null)).toEqual({
      ok: true,
      value: 'Ana@example.com',
    });
    expect(checkAnswer(question({ questionType: 'email' }), reply('ana arroba example'), null).ok).toBe(false);
  });

  it('reads national phone numbers with the workspace country', () => {
    expect(checkAnswer(question({ questionType: 'phone' }), reply('55 1234 5678'), 'MX')).toEqual({
      ok: true,
      value: '+525512345678',
    });
    expect(checkAnswer(question({ questionType: 'phone' }), reply('mi cel es nueve'), 'MX').ok).toBe(false);
  });

  it('checks numbers against min and max, in either decimal style', () => {
    const q = question({ questionType: 'number', min: 1, max: 10 });
    expect(checkAnswer(q, reply('7,5'), null)).toEqual({ ok: true, value: '7.5' });
    expect(checkAnswer(q, reply('11'), null)).toMatchObject({ ok: false, reason: 'above 10' });
    expect(parseNumber('1.234,5')).toBe(1234.5);
    expect(parseNumber('1,234.5')).toBe(1234.5);
    expect(parseNumber('doce')).toBeNull();
  });

  it('parses dates in the chosen format and refuses impossible ones', () => {
    expect(parseDate('31/01/2026', 'DD/MM/YYYY')).toBe('2026-01-31');
    expect(parseDate('01/31/2026', 'MM/DD/YYYY')).toBe('2026-01-31');
    expect(parseDate('2026-02-30', 'YYYY-MM-DD')).toBeNull();
    expect(checkAnswer(question({ questionType: 'date' }), reply('mañana'), null).ok).toBe(false);
  });

  it('matches a choice by number, by text without accents or case, or by button data', () => {
    const q = question({ questionType: 'multiple_choice', choices: ['Ventas', 'Atención al cliente'] });
    expect(checkAnswer(q, reply('2'), null)).toEqual({ ok: true, value: 'Atención al cliente' });
    expect(checkAnswer(q, reply('atencion al CLIENTE.'), null)).toEqual({ ok: true, value: 'Atención al cliente' });
    expect(checkAnswer(q, reply('Ventas', { meta: { callbackData: 'Ventas' } }), null)).toEqual({
      ok: true,
      value: 'Ventas',
    });
    expect(checkAnswer(q, reply('3'), null).ok).toBe(false);
  });

  it('takes a tapped WhatsApp button or list row, or a Messenger quick reply, by its id, whatever the title', () => {
    const q = question({ questionType: 'multiple_choice', choices: ['Ventas', 'Atención al cliente'] });
    const button = { interactive: { type: 'button_reply', id: 'Atención al cliente' } };
    expect(checkAnswer(q, reply('Ventas', { meta: button }), null)).toEqual({ ok: true, value: 'Atención al cliente' });
    const row = { interactive: { type: 'list_reply', id: 'Ventas' } };
    expect(checkAnswer(q, reply('?', { meta: row }), null)).toEqual({ ok: true, value: 'Ventas' });
    const quick = { interactive: { type: 'quick_reply', payload: 'Atención al cliente' } };
    expect(checkAnswer(q, reply('x', { meta: quick }), null)).toEqual({ ok: true, value: 'Atención al cliente' });
    expect(checkAnswer(q, reply('x', { meta: { interactive: { type: 'button_reply', id: 'Otro' } } }), null).ok).toBe(
      false,
    );
  });

  it('takes ratings 1–5 as digits or stars, URLs with or without a scheme, and locations only as locations', () => {
    const rating = question({ questionType: 'rating' });
    expect(checkAnswer(rating, reply('⭐⭐⭐⭐'), null)).toEqual({ ok: true, value: '4' });
    expect(checkAnswer(rating, reply('6'), null).ok).toBe(false);
    const url = question({ questionType: 'url' });
    expect(checkAnswer(url, reply('tienda.example.com/x'), null)).toEqual({
      ok: true,
      value: 'https://tienda.example.com/x',
    });
    expect(checkAnswer(url, reply('javascript:alert(1)'), null).ok).toBe(false);
    const loc = question({ questionType: 'location' });
    expect(checkAnswer(loc, reply('en el centro'), null).ok).toBe(false);
    expect(
      checkAnswer(loc, { body: null, attachments: [{ type: 'location', name: '19.4, -99.1' }], meta: {} }, null),
    ).toEqual({ ok: true, value: '19.4, -99.1' });
  });
});
