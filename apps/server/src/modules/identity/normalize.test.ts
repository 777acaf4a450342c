import { describe, expect, it } from 'vitest';
import { normalizeEmail, normalizePhone } from './normalize';

describe('normalizePhone', () => {
  it.each([
    ['+52 1 55 1234 5678', undefined, '+525512345678'],
    ['5215512345678', undefined, '+525512345678'],
    ['+52 55 1234 5678', undefined, '+525512345678'],
    ['55 1234 5678', 'MX', '+525512345678'],
    ['(202) 555-0143', 'US', '+12025550143'],
    ['0034 612 34 56 78', undefined, '+34612345678'],
    ['+57 300 555 0123', undefined, '+573005550123'],
  ])('%s (default %s) → %s', (input, country, expected) => {
    expect(normalizePhone(input, country)).toMatchObject({ ok: true, value: expected });
  });

  it.each(['', 'hola', '123', '+52 55 1234'])('rejects %j with a reason', (input) => {
    const r = normalizePhone(input, 'MX');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason.length).toBeGreaterThan(3);
  });
});

describe('normalizeEmail', () => {
  it('trims and lower-cases the domain only', () => {
    expect(normalizeEmail('  Ana.Perez@Example.COM ')).toEqual({ ok: true, value: 'Ana.Perez@example.com' });
  });
  it.each(['ana', 'ana@', '@example.com', 'ana @example.com'])('rejects %j', (input) => {
    expect(normalizeEmail(input).ok).toBe(false);
  });
});
