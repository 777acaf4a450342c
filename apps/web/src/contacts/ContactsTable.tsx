import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Contact, CustomField, Member } from '../api/types';
import { formatDateTime } from '../common/formatDate';
import type { ContactColumn } from './useContactColumns';

interface Props {
  slug: string;
  items: Contact[];
  columns: ContactColumn[];
  fields: CustomField[];
  members: Member[];
  selected: Set<number>;
  onSelect: (ids: number[], on: boolean) => void;
}

const text = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v));

/** The contacts table with the user's columns and a checkbox per row; every value is rendered as text. */
export function ContactsTable({ slug, items, columns, fields, members, selected, onSelect }: Props) {
  const { t, i18n } = useTranslation();
  const fieldByKey = new Map(fields.map((f) => [f.key, f]));
  const shown = columns.filter((c) => !c.startsWith('field:') || fieldByKey.has(c.slice(6)));
  const allSelected = items.every((c) => selected.has(c.id));

  function header(column: ContactColumn): string {
    return column.startsWith('field:')
      ? fieldByKey.get(column.slice(6))!.label
      : t(`contacts.columns.${column as 'name'}`);
  }

  function cell(contact: Contact, column: ContactColumn) {
    switch (column) {
      case 'name':
        return (
          <td key={column} className="cell-strong">
            <Link to={`/w/${slug}/contacts/${contact.id}`}>{contact.name}</Link>
          </td>
        );
      case 'phone':
        return <td key={column}>{text(contact.phone)}</td>;
      case 'email':
        return <td key={column}>{text(contact.email)}</td>;
      case 'tags':
        return <td key={column}>{contact.tags.map((tag) => tag.name).join(', ') || '—'}</td>;
      case 'assignee':
        return <td key={column}>{text(members.find((m) => m.userId === contact.assigneeUserId)?.name)}</td>;
      case 'createdAt':
        return (
          <td key={column} className="cell-nowrap">
            {formatDateTime(contact.createdAt, i18n.language)}
          </td>
        );
      case 'lastActivity':
        return (
          <td key={column} className="cell-nowrap">
            {contact.lastActivityAt ? formatDateTime(contact.lastActivityAt, i18n.language) : '—'}
          </td>
        );
      default: {
        const value = contact.customFields[column.slice(6)];
        const shownValue = typeof value === 'boolean' ? (value ? t('common.yes') : t('common.no')) : text(value);
        return <td key={column}>{shownValue}</td>;
      }
    }
  }

  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">
            <input
              type="checkbox"
              aria-label={t('contacts.bulk.selectAll')}
              checked={items.length > 0 && allSelected}
              onChange={(e) =>
                onSelect(
                  items.map((c) => c.id),
                  e.target.checked,
                )
              }
            />
          </th>
          {shown.map((column) => (
            <th key={column} scope="col">
              {header(column)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {items.map((contact) => (
          <tr key={contact.id}>
            <td>
              <input
                type="checkbox"
                aria-label={t('contacts.bulk.select', { name: contact.name })}
                checked={selected.has(contact.id)}
                onChange={(e) => onSelect([contact.id], e.target.checked)}
              />
            </td>
            {shown.map((column) => cell(contact, column))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
