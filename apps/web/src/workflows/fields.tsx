import { type ReactNode, useId } from 'react';

/**
 * The builder's small form controls: a label, the control and the field's error inline. Values are shown
 * as text in inputs; nothing is rendered as HTML.
 */

interface Base {
  label: string;
  error?: string;
}

function Wrap({ id, label, error, children }: Base & { id: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {error && (
        <small id={`${id}-error`} className="field-error">
          {error}
        </small>
      )}
    </div>
  );
}

const described = (id: string, error?: string) =>
  error ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {};

export function TextInput({
  label,
  error,
  value,
  onChange,
  multiline,
  placeholder,
  type = 'text',
}: Base & {
  value: string | undefined;
  onChange: (value: string) => void;
  multiline?: boolean;
  placeholder?: string;
  type?: 'text' | 'time' | 'datetime-local' | 'url';
}) {
  const id = useId();
  return (
    <Wrap id={id} label={label} error={error}>
      {multiline ? (
        <textarea
          id={id}
          rows={3}
          value={value ?? ''}
          placeholder={placeholder}
          onChange={(e) => onChange(e.target.value)}
          {...described(id, error)}
        />
      ) : (
        <input
          id={id}
          type={type}
          value={value ?? ''}
          placeholder={placeholder}
          onChange={(e) => onChange(e.target.value)}
          {...described(id, error)}
        />
      )}
    </Wrap>
  );
}

/** A number input; empty means "not set" (`undefined`). */
export function NumberInput({
  label,
  error,
  value,
  onChange,
}: Base & { value: number | undefined; onChange: (value: number | undefined) => void }) {
  const id = useId();
  return (
    <Wrap id={id} label={label} error={error}>
      <input
        id={id}
        type="number"
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))}
        {...described(id, error)}
      />
    </Wrap>
  );
}

export function Select<V extends string>({
  label,
  error,
  value,
  options,
  onChange,
}: Base & { value: V | ''; options: { value: V | ''; label: string }[]; onChange: (value: V) => void }) {
  const id = useId();
  return (
    <Wrap id={id} label={label} error={error}>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as V)} {...described(id, error)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Wrap>
  );
}

export function Checkbox({
  label,
  checked,
  onChange,
}: {
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
}) {
  return (
    <label className="field-checkbox">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span>{label}</span>
    </label>
  );
}

/** A list of short texts edited one per line (choices, buttons, tags). */
export function LinesInput({
  label,
  hint,
  error,
  value,
  onChange,
}: Base & { hint: string; value: string[]; onChange: (value: string[]) => void }) {
  const id = useId();
  return (
    <Wrap id={id} label={label} error={error}>
      <textarea
        id={id}
        rows={3}
        value={value.join('\n')}
        placeholder={hint}
        onChange={(e) => onChange(e.target.value.split('\n'))}
        {...described(id, error)}
      />
    </Wrap>
  );
}
