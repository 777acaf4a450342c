/**
 * Dynamic variables in message text (`$contact.firstname`, `$user.name`…), replaced the same way by the
 * server when a message is sent and by the composer's live preview. Dependency-free so the web app can
 * import it without the API schemas.
 *
 * @example
 * renderVariables('Hola $contact.firstname', { contact: { firstname: 'Ana' } })
 * // → { text: 'Hola Ana', unknown: [], empty: [] }
 */

/** Values by namespace and name (lower-case names; custom contact fields by their key). */
export type VariableValues = Partial<Record<VariableNamespace, Record<string, string | null | undefined>>>;

/** `var`: a workflow run's variables (answers saved to a variable, HTTP response mappings). */
export const VARIABLE_NAMESPACES = ['contact', 'user', 'assignee', 'workspace', 'system', 'var'] as const;
export type VariableNamespace = (typeof VARIABLE_NAMESPACES)[number];

/** The variables the composer offers; custom contact fields come on top as `$contact.<key>`. */
export const KNOWN_VARIABLES = [
  '$contact.firstname',
  '$contact.lastname',
  '$contact.name',
  '$contact.phone',
  '$contact.email',
  '$user.name',
  '$assignee.name',
  '$workspace.name',
  '$system.current_date',
  '$system.current_time',
  '$system.current_datetime',
] as const;

const PATTERN = /\$(contact|user|assignee|workspace|system|var)\.([A-Za-z_][A-Za-z0-9_]*)/g;

export interface RenderedText {
  text: string;
  /** Tokens that name no variable: left exactly as typed. */
  unknown: string[];
  /** Known variables without a value for this contact: left as typed, and the server refuses to send them. */
  empty: string[];
}

export function renderVariables(text: string, values: VariableValues): RenderedText {
  const unknown = new Set<string>();
  const empty = new Set<string>();
  const out = text.replace(PATTERN, (token, ns: VariableNamespace, rawName: string) => {
    const scope = values[ns];
    const name = rawName.toLowerCase();
    if (!scope || !(name in scope)) {
      unknown.add(token);
      return token;
    }
    const value = scope[name]?.trim();
    if (!value) {
      empty.add(token);
      return token;
    }
    return value;
  });
  return { text: out, unknown: [...unknown], empty: [...empty] };
}

/** `$system.*` values in a time zone and locale. */
export function systemValues(now: Date, timeZone: string, locale: string): Record<string, string> {
  const fmt = (o: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, { timeZone, ...o }).format(now);
  return {
    current_date: fmt({ dateStyle: 'long' }),
    current_time: fmt({ timeStyle: 'short' }),
    current_datetime: fmt({ dateStyle: 'long', timeStyle: 'short' }),
  };
}
