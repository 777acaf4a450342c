import { useState } from 'react';
import type { Member, Snippet } from '../api/types';

export type Suggestion =
  | { kind: 'snippet'; key: string; label: string; detail: string; snippet: Snippet }
  | { kind: 'member'; key: string; label: string; detail: string; member: Member & { userId: number } };

/** The `/shortcut` or `@name` being typed right before the caret, if any. */
export function tokenBeforeCaret(text: string, caret: number, sigil: '/' | '@') {
  const match = new RegExp(`(?:^|\\s)${sigil}([\\p{L}\\p{N}_.-]*)$`, 'u').exec(text.slice(0, caret));
  return match ? { query: match[1]!.toLowerCase(), start: caret - match[1]!.length - 1 } : null;
}

/**
 * What the composer offers while typing: snippets after `/` in reply mode, workspace members after `@` in
 * internal-note mode. `choose` returns the new text and caret.
 */
export function useComposerSuggestions(
  mode: 'reply' | 'note',
  text: string,
  caret: number,
  snippets: Snippet[],
  members: Member[],
) {
  const [active, setActive] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<string | null>(null);
  const token = tokenBeforeCaret(text, caret, mode === 'reply' ? '/' : '@');
  const suggestions: Suggestion[] = !token
    ? []
    : mode === 'reply'
      ? snippets
          .filter((s) => s.shortcut.toLowerCase().startsWith(token.query))
          .map((s) => ({ kind: 'snippet', key: `s${s.id}`, label: `/${s.shortcut}`, detail: s.text, snippet: s }))
      : members
          .filter((m): m is Member & { userId: number } => m.userId !== null && m.status === 'active')
          .filter((m) => m.name.toLowerCase().includes(token.query) || m.email.toLowerCase().startsWith(token.query))
          .map((m) => ({ kind: 'member', key: `m${m.userId}`, label: m.name, detail: m.email, member: m }));
  const open = suggestions.length > 0 && dismissedAt !== `${text}|${caret}`;
  const index = Math.min(active, Math.max(0, suggestions.length - 1));

  function choose(s: Suggestion): { text: string; caret: number } {
    const start = token?.start ?? caret;
    const insert = s.kind === 'snippet' ? s.snippet.text : `@${s.member.name} `;
    setActive(0);
    return { text: text.slice(0, start) + insert + text.slice(caret), caret: start + insert.length };
  }

  return {
    open,
    suggestions: open ? suggestions.slice(0, 8) : [],
    activeIndex: index,
    move: (delta: number) => setActive((index + delta + suggestions.length) % Math.max(1, suggestions.length)),
    current: open ? suggestions[index] : undefined,
    choose,
    dismiss: () => setDismissedAt(`${text}|${caret}`),
  };
}
