import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { SegmentGroup } from '@charla/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client';
import { queryKeys } from '../api/queryKeys';
import { useMembers } from '../api/useWorkspaceData';
import type { Contact, ItemsResponse } from '../api/types';
import { workspacePath } from '../api/workspacePath';
import { EmptyState } from '../common/EmptyState';
import { ErrorNotice } from '../common/ErrorNotice';
import { useDebouncedValue } from '../common/useDebouncedValue';
import { useWorkspace } from '../shell/useWorkspace';
import { ContactColumnsPicker } from './ContactColumnsPicker';
import { ContactsBulkBar } from './ContactsBulkBar';
import { ContactsTable } from './ContactsTable';
import { contactsApi } from './contactsApi';
import { useContactColumns } from './useContactColumns';
import { ImportWizard } from './import/ImportWizard';
import { importApi } from './import/importApi';
import { type ListSelection, SegmentBar } from './segments/SegmentBar';
import { completeDefinition } from './segments/segmentFields';
import { type ContactListQuery, listQueryString, segmentsApi } from './segments/segmentsApi';

const pageSize = 100;

/**
 * The contact list with search by name, phone or email, the columns the user chose, and bulk actions on
 * the rows they tick; each row opens the contact's page.
 */
export function ContactsPage() {
  const { t } = useTranslation();
  const { slug, membership } = useWorkspace();
  // The same rules as the API's: imports and segments are shaped by owners and managers; export obeys the
  // data_export restriction.
  const canImport = membership?.role === 'owner' || membership?.role === 'manager';
  const canExport = !membership?.restrictions.includes('data_export');
  const [search, setSearch] = useState('');
  const [importing, setImporting] = useState(false);
  const [selection, setSelection] = useState<ListSelection>({ view: 'all', segmentId: null, filter: null });
  const term = useDebouncedValue(search.trim(), 300);
  // Conditions still missing a value are left out; typing in a value waits like the search does.
  // Debounced as JSON: a string compares by value, so re-renders do not restart the timer.
  const filterJson = useDebouncedValue(
    selection.filter ? JSON.stringify(completeDefinition(selection.filter)) : null,
    300,
  );
  const filter = useMemo(() => (filterJson ? (JSON.parse(filterJson) as SegmentGroup) : null), [filterJson]);
  const query: ContactListQuery = { ...selection, search: term, filter: selection.filter ? filter : null };
  const contacts = useQuery({
    queryKey: queryKeys.contacts(slug, query),
    queryFn: () =>
      api.get<ItemsResponse<Contact>>(`${workspacePath(slug)}/contacts${listQueryString(query, { limit: pageSize })}`),
    placeholderData: keepPreviousData,
  });
  const count = useQuery({
    queryKey: queryKeys.contactsCount(slug, query),
    queryFn: () => segmentsApi.count(slug, query),
    placeholderData: keepPreviousData,
  });
  const duplicates = useQuery({ queryKey: queryKeys.suggestions(slug), queryFn: () => contactsApi.suggestions(slug) });
  const items = contacts.data?.items;
  const fields = useQuery({ queryKey: queryKeys.customFields(slug), queryFn: () => contactsApi.customFields(slug) });
  const members = useMembers(slug);
  const { columns, toggle } = useContactColumns(slug);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const select = (ids: number[], on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids) on ? next.add(id) : next.delete(id);
      return next;
    });

  return (
    <div className="page">
      <header className="page-header">
        <h1>{t('nav.contacts')}</h1>
        <Link className="button button-small" to={`/w/${slug}/contacts/duplicates`}>
          {t('duplicates.title')}
          {duplicates.data && duplicates.data.items.length > 0 && (
            <span className="badge">{duplicates.data.items.length}</span>
          )}
        </Link>
        {canImport && (
          <button type="button" className="button button-small" onClick={() => setImporting(true)}>
            {t('contactImport.import')}
          </button>
        )}
        {canExport && (
          <a className="button button-small" href={importApi.exportUrl(slug, query)} download>
            {t('contactImport.export')}
          </a>
        )}
        <input
          type="search"
          className="search-input"
          aria-label={t('contacts.search')}
          placeholder={t('contacts.search')}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
      </header>
      {importing && <ImportWizard slug={slug} onClose={() => setImporting(false)} />}
      <div className="page-body">
        <SegmentBar
          slug={slug}
          selection={selection}
          onChange={setSelection}
          count={count.data?.count}
          fields={fields.data?.items ?? []}
          canManage={canImport}
        />
        <div className="inline-form">
          <ContactColumnsPicker columns={columns} fields={fields.data?.items ?? []} onToggle={toggle} />
          {selected.size > 0 && (
            <ContactsBulkBar slug={slug} selected={[...selected]} onDone={() => setSelected(new Set())} />
          )}
        </div>
        {contacts.error && <ErrorNotice error={contacts.error} onRetry={() => void contacts.refetch()} />}
        {contacts.isPending && <p className="muted">{t('common.loading')}</p>}
        {items?.length === 0 &&
          (term || selection.view !== 'all' || selection.segmentId || selection.filter ? (
            <EmptyState title={t('contacts.noResults.title')}>
              {term && <p>{t('contacts.noResults.body', { search: term })}</p>}
            </EmptyState>
          ) : (
            <EmptyState title={t('contacts.empty.title')}>
              <p>{t('contacts.empty.body')}</p>
            </EmptyState>
          ))}
        {items && items.length > 0 && (
          <div className="card table-wrapper">
            <ContactsTable
              slug={slug}
              items={items}
              columns={columns}
              fields={fields.data?.items ?? []}
              members={members.data?.items ?? []}
              selected={selected}
              onSelect={select}
            />
            {items.length === pageSize && (
              <p className="muted table-note">{t('contacts.limited', { count: pageSize })}</p>
            )}
          </div>
        )}
      </div>
    </div>
  );
}
