import { describe, expect, it } from 'vitest';
import en from './en.json';
import es from './es.json';

/** Every leaf key of a nested translation object, as dotted paths ("nav.messages"). */
function leafKeys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? leafKeys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

describe('translations', () => {
  it('Spanish and English have exactly the same keys', () => {
    const spanish = leafKeys(es).sort();
    const english = leafKeys(en).sort();
    expect(
      spanish.filter((key) => !english.includes(key)),
      'keys missing in en.json',
    ).toEqual([]);
    expect(
      english.filter((key) => !spanish.includes(key)),
      'keys missing in es.json',
    ).toEqual([]);
  });

  it('has no empty translation', () => {
    const empty = (tree: object) =>
      leafKeys(tree).filter((path) => {
        const value = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], tree);
        return typeof value !== 'string' || value.trim() === '';
      });
    expect(empty(es)).toEqual([]);
    expect(empty(en)).toEqual([]);
  });
});
