import { describe, expect, it } from 'vitest';
import { tokenBeforeCaret } from './useComposerSuggestions';

describe('the composer token before the caret', () => {
  it('finds a /shortcut and an @mention being typed, at the start or after a space', () => {
    expect(tokenBeforeCaret('/salu', 5, '/')).toEqual({ query: 'salu', start: 0 });
    expect(tokenBeforeCaret('hola @Ana', 9, '@')).toEqual({ query: 'ana', start: 5 });
    expect(tokenBeforeCaret('hola @', 6, '@')).toEqual({ query: '', start: 5 });
  });

  it('ignores sigils inside words and text after the caret', () => {
    expect(tokenBeforeCaret('ana@example.com', 15, '@')).toBeNull();
    expect(tokenBeforeCaret('http://x', 8, '/')).toBeNull();
    expect(tokenBeforeCaret('/salu y más', 3, '/')).toEqual({ query: 'sa', start: 0 });
  });
});
