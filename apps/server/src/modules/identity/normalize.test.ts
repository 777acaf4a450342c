import { describe, expect, it } from 'vitest';
import { normalizeEmail, normalizeIdentifier, normalizePhone } from './normalize';

describe('normalizePhone', () => {
  it.each([
    // Mexico: the WhatsApp / old mobile "1", national prefixes, spacing
    ['+52 1 55 1234 5678', undefined, '+525512345678'],
    ['5215512345678', undefined, '+525512345678'],
    ['5215512345678', 'MX', '+525512345678'],
    ['+52 55 1234 5678', undefined, '+525512345678'],
    ['55 1234 5678', 'MX', '+525512345678'],
    ['(55) 1234-5678', 'MX', '+525512345678'],
    ['044 55 1234 5678', 'MX', '+525512345678'],
    ['045 33 1234 5678', 'MX', '+523312345678'],
    ['01 55 1234 5678', 'MX', '+525512345678'],
    ['+52 1 33 1234 5678', 'AR', '+523312345678'],
    ['0052 1 55 1234 5678', undefined, '+525512345678'],
    // Others
    ['(202) 555-0143', 'US', '+12025550143'],
    ['12025550143', 'MX', '+12025550143'],
    ['0034 612 34 56 78', undefined, '+34612345678'],
    ['+57 300 555 0123', undefined, '+573005550123'],
    ['+52 55 1234 5678 ext. 12', undefined, '+525512345678'],
  ])('%s (default %s) → %s', (input, country, expected) => {
    expect(normalizePhone(input, country)).toMatchObject({ ok: true, value: expected, key: expected });
  });

  describe('Argentina: one key for a mobile written with 9, without 9, or nationally with 15', () => {
    const key = '+5491123456789';
    it.each([
      ['+54 9 11 2345 6789', undefined, key],
      ['5491123456789', undefined, key],
      ['5491123456789', 'AR', key],
      ['011 15 2345-6789', 'AR', key],
      ['(011) 15-2345-6789', 'AR', key],
      ['11 15 2345 6789', 'AR', key],
      ['+54 11 15 2345 6789', undefined, key],
      ['+54 (011) 15 2345-6789', undefined, key],
      // Without the 9: stored as the number given, keyed as the mobile.
      ['+54 11 2345 6789', undefined, '+541123456789'],
      ['011 2345-6789', 'AR', '+541123456789'],
    ])('%s (default %s) → %s', (input, country, value) => {
      expect(normalizePhone(input, country)).toMatchObject({ ok: true, value, key, country: 'AR' });
    });

    it('keys a provincial mobile the same way', () => {
      const forms = ['0351 15 555-1234', '+54 9 351 555 1234', '+54 351 555 1234', '+54 351 15 555 1234'];
      const keys = forms.map((f) => normalizePhone(f, 'AR')).map((r) => (r.ok ? r.key : r.reason));
      expect(new Set(keys)).toEqual(new Set(['+5493515551234']));
    });
  });

  describe('Brazil: the ninth digit', () => {
    it.each([
      ['+55 11 98123 4567', undefined],
      ['+55 (11) 9 8123-4567', undefined],
      ['5511981234567', undefined],
      ['(11) 98123-4567', 'BR'],
      ['011 98123 4567', 'BR'],
      ['0 21 11 98123-4567', 'BR'],
      // WhatsApp ids of older lines lack the 9.
      ['551181234567', undefined],
      ['+55 11 8123-4567', undefined],
      ['(11) 8123-4567', 'BR'],
      ['0xx11 8123 4567', 'BR'],
    ])('%s (default %s) → +5511981234567', (input, country) => {
      expect(normalizePhone(input, country)).toMatchObject({
        ok: true,
        value: '+5511981234567',
        key: '+5511981234567',
      });
    });

    it('leaves landlines (starting 2–5) alone', () => {
      expect(normalizePhone('+55 11 3123 4567')).toMatchObject({ ok: true, value: '+551131234567' });
    });
  });

  it.each([
    ['', 'MX'],
    ['hola', 'MX'],
    ['123', 'MX'],
    ['+52 55 1234', 'MX'],
    ['55 1234 5678', undefined],
    ['15 2345 6789', 'AR'],
    ['+52+5512345678', 'MX'],
    ['call me at 5512345678', 'MX'],
    ['+99 1234 5678', undefined],
  ])('rejects %j (default %s) with a reason', (input, country) => {
    const r = normalizePhone(input, country);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason.length).toBeGreaterThan(3);
  });
});

describe('normalizeEmail', () => {
  it('trims, lower-cases the domain for display and the whole address for comparison', () => {
    expect(normalizeEmail('  Ana.Perez@Example.COM ')).toEqual({
      ok: true,
      value: 'Ana.Perez@example.com',
      key: 'ana.perez@example.com',
    });
  });

  it.each([
    ['mailto:ana@example.com', 'ana@example.com'],
    ['<Ana@Example.com>', 'Ana@example.com'],
    ['ana+ventas@correo.com.mx', 'ana+ventas@correo.com.mx'],
    ['josé@ejemplo.es', 'josé@ejemplo.es'],
    ['o’brien@example.ie', 'o’brien@example.ie'],
  ])('%s → %s', (input, value) => {
    expect(normalizeEmail(input)).toMatchObject({ ok: true, value });
  });

  it('gives the same key to the same mailbox typed in different case', () => {
    const keys = ['ANA@EXAMPLE.COM', 'ana@example.com', ' Ana@Example.Com'].map((e) => {
      const r = normalizeEmail(e);
      return r.ok ? r.key : r.reason;
    });
    expect(new Set(keys)).toEqual(new Set(['ana@example.com']));
  });

  it.each([
    'ana',
    'ana@',
    '@example.com',
    'ana @example.com',
    'ana@example',
    'ana@@example.com',
    'ana..perez@example.com',
    '.ana@example.com',
    'ana@-example.com',
    'ana@example.c',
    'Ana <ana@example.com>',
    `${'a'.repeat(65)}@example.com`,
  ])('rejects %j', (input) => {
    const r = normalizeEmail(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/not a valid email/);
  });
});

describe('normalizeIdentifier', () => {
  it('dispatches by kind', () => {
    expect(normalizeIdentifier('phone', '55 1234 5678', 'MX')).toMatchObject({ ok: true, value: '+525512345678' });
    expect(normalizeIdentifier('email', 'A@B.co')).toMatchObject({ ok: true, key: 'a@b.co' });
    expect(normalizeIdentifier('email', '55 1234 5678').ok).toBe(false);
  });
});
