import type { Suggestion } from './useComposerSuggestions';

interface ComposerSuggestionsProps {
  id: string;
  label: string;
  suggestions: Suggestion[];
  activeIndex: number;
  onChoose: (suggestion: Suggestion) => void;
}

/** The listbox of snippets or members under the composer; the textarea keeps focus (aria-activedescendant). */
export function ComposerSuggestions({ id, label, suggestions, activeIndex, onChoose }: ComposerSuggestionsProps) {
  if (suggestions.length === 0) return null;
  return (
    <div id={id} className="composer-suggestions" role="listbox" aria-label={label}>
      {suggestions.map((s, index) => (
        // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard chooses through the textarea (arrows, Enter, Tab)
        <div
          key={s.key}
          tabIndex={-1}
          id={`${id}-${index}`}
          role="option"
          aria-selected={index === activeIndex}
          className={index === activeIndex ? 'composer-suggestion active' : 'composer-suggestion'}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => onChoose(s)}
        >
          <span className="composer-suggestion-label">{s.label}</span>
          <span className="composer-suggestion-detail muted">{s.detail}</span>
        </div>
      ))}
    </div>
  );
}
