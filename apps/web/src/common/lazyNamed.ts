import { type ComponentType, lazy } from 'react';

/**
 * `React.lazy` for a named export: the module becomes its own chunk, loaded the first time the route shows.
 *
 * @example
 * const ContactsPage = lazyNamed(() => import('./contacts/ContactsPage'), 'ContactsPage');
 */
export function lazyNamed<M extends Record<K, ComponentType>, K extends keyof M & string>(
  load: () => Promise<M>,
  name: K,
) {
  return lazy(async () => ({ default: (await load())[name] }));
}
