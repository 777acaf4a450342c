/**
 * Provider message templates (WhatsApp): placeholders and rendering, shared by the server (the stored
 * body of a template reply) and the composer (its live preview), so both show the same text.
 */

/** `{{1}}`, `{{ customer_name }}`: the placeholders WhatsApp substitutes in a template's text. */
const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/** Placeholder names in order of first appearance (a name used twice is one parameter). */
export function templatePlaceholders(text: string): string[] {
  const seen: string[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) if (!seen.includes(m[1]!)) seen.push(m[1]!);
  return seen;
}

/** The text with each placeholder replaced by the value at its name's position in `names` (missing: kept). */
export function renderTemplateText(text: string, names: readonly string[], values: readonly string[]): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    const i = names.indexOf(name);
    const value = i >= 0 ? values[i] : undefined;
    return value ? value : whole;
  });
}
