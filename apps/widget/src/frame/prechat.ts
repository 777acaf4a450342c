import { h } from './dom';
import type { Strings } from './i18n';
import type { WidgetConfig } from './types';

export type Details = { name?: string; email?: string; phone?: string };
type Key = keyof Details;

// The server's normalizers decide (phones in national format use the workspace's country); these only
// catch obvious typos before a round trip. Same email pattern as the server's normalizeEmail.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[\d\s().-]{6,24}$/;

/**
 * The pre-chat form (Personalizar → Pre-Chat): the enabled fields, each required or optional. `submit`
 * sends the values and resolves to the server's per-field errors (empty when accepted).
 */
export function prechatForm(
  config: WidgetConfig['prechat'],
  t: Strings,
  submit: (details: Details) => Promise<Record<string, string>>,
) {
  const form = h('form', { class: 'prechat', novalidate: true }, h('p', {}, t.prechatIntro));
  const inputs: Partial<Record<Key, { input: HTMLInputElement; error: HTMLElement; required: boolean }>> = {};
  const types: Record<Key, string> = { name: 'text', email: 'email', phone: 'tel' };
  const autocomplete: Record<Key, string> = { name: 'name', email: 'email', phone: 'tel' };
  for (const key of ['name', 'email', 'phone'] as const) {
    const field = config.fields[key];
    if (!field.enabled) continue;
    const id = `pc-${key}`;
    const input = h('input', {
      id,
      name: key,
      type: types[key],
      autocomplete: autocomplete[key],
      required: field.required,
    });
    const error = h('div', { class: 'err', id: `${id}-err`, role: 'alert', hidden: true });
    input.setAttribute('aria-describedby', error.id);
    form.append(h('label', { for: id }, t[key], field.required ? '' : ` ${t.optional}`), input, error);
    inputs[key] = { input, error, required: field.required };
  }
  const button = h('button', { type: 'submit', class: 'primary' }, t.start);
  form.append(button);

  const show = (errors: Record<string, string>) => {
    for (const [key, f] of Object.entries(inputs)) {
      const reason = errors[key];
      f.error.hidden = !reason;
      f.error.textContent =
        reason === 'required' ? t.required : key === 'email' ? t.badEmail : key === 'phone' ? t.badPhone : t.error;
      f.input.setAttribute('aria-invalid', reason ? 'true' : 'false');
    }
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const details: Details = {};
    const errors: Record<string, string> = {};
    for (const [key, f] of Object.entries(inputs) as [Key, NonNullable<(typeof inputs)[Key]>][]) {
      const value = f.input.value.trim();
      if (!value) {
        if (f.required) errors[key] = 'required';
        continue;
      }
      if ((key === 'email' && !EMAIL.test(value)) || (key === 'phone' && !PHONE.test(value))) errors[key] = 'invalid';
      details[key] = value;
    }
    show(errors);
    if (Object.keys(errors).length > 0) return;
    button.disabled = true;
    try {
      show(await submit(details));
    } finally {
      button.disabled = false;
    }
  });
  return form;
}
