import { useCallback, useState } from 'react';
import { useMe } from '../auth/useMe';

export const BUILT_IN_COLUMNS = ['name', 'phone', 'email', 'tags', 'assignee', 'createdAt', 'lastActivity'] as const;
export type BuiltInColumn = (typeof BUILT_IN_COLUMNS)[number];
/** A built-in column, or `field:<key>` for a custom field. */
export type ContactColumn = BuiltInColumn | `field:${string}`;

const DEFAULT_COLUMNS: ContactColumn[] = ['name', 'phone', 'email', 'createdAt'];

function read(key: string): ContactColumn[] {
  try {
    const stored = JSON.parse(localStorage.getItem(key) ?? 'null');
    return Array.isArray(stored) && stored.every((c) => typeof c === 'string')
      ? (stored as ContactColumn[])
      : DEFAULT_COLUMNS;
  } catch {
    return DEFAULT_COLUMNS;
  }
}

/** The columns the signed-in user chose for the contacts list, kept in this browser per user and workspace. */
export function useContactColumns(slug: string) {
  const userId = useMe().user.id;
  const key = `charla.contactColumns.${userId}.${slug}`;
  const [columns, setColumns] = useState<ContactColumn[]>(() => read(key));
  const toggle = useCallback(
    (column: ContactColumn) => {
      setColumns((current) => {
        const next = current.includes(column) ? current.filter((c) => c !== column) : [...current, column];
        localStorage.setItem(key, JSON.stringify(next));
        return next;
      });
    },
    [key],
  );
  return { columns, toggle };
}
