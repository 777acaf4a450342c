import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, queryString } from '../api/client';
import { queryKeys } from '../api/queryKeys';
import type { Contact, ItemsResponse } from '../api/types';
import { workspacePath } from '../api/workspacePath';
import { EmptyState } from '../common/EmptyState';
import { ErrorNotice } from '../common/ErrorNotice';
import { formatDateTime } from '../common/formatDate';
import { useDebouncedValue } from '../common/useDebouncedValue';
import { useWorkspace } from '../shell/useWorkspace';
import { contactsApi } from './contactsApi';
import { ImportWizard } from './import/ImportWizard';
import { importApi } from './import/importApi';

const pageSize = 100;

/** The contact list with search by name, phone or email; each row opens the contact's page. */
export function ContactsPage() {
  const { t, i18n } = useTranslation();
  const { slug, membership } = useWorkspace();
  // The same rules as the API's: imports are for owners and managers; export obeys the data_export restriction.
  const canImport = membership?.role === 'owner' || membership?.role === 'manager';
  const canExport = !membership?.restrictions.includes('data_export');
  const [search, setSearch] = useState('');
  const [importing, setImporting] = useState(false);
  const term = useDebouncedValue(search.trim(), 300);
  const contacts = useQuery({
    queryKey: queryKeys.contacts(slug, term),
    queryFn: () =>
      api.get<ItemsResponse<Contact>>(
        `${workspacePath(slug)}/contacts${queryString({ search: term, limit: pageSize })}`,
      ),
    placeholderData: keepPreviousData,
  });
  const duplicates = useQuery({ queryKey: queryKeys.suggestions(slug), queryFn: () => contactsApi.suggestions(slug) });
  const items = contacts.data?.items;

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
          <a className="button button-small" href={importApi.exportUrl(slug, term)} download>
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
        {contacts.error && <ErrorNotice error={contacts.error} onRetry={() => void contacts.refetch()} />}
        {contacts.isPending && <p className="muted">{t('common.loading')}</p>}
        {items?.length === 0 &&
          (term ? (
            <EmptyState title={t('contacts.noResults.title')}>
              <p>{t('contacts.noResults.body', { search: term })}</p>
            </EmptyState>
          ) : (
            <EmptyState title={t('contacts.empty.title')}>
              <p>{t('contacts.empty.body')}</p>
            </EmptyState>
          ))}
        {items && items.length > 0 && (
          <div className="card table-wrapper">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('contacts.columns.name')}</th>
                  <th scope="col">{t('contacts.columns.phone')}</th>
                  <th scope="col">{t('contacts.columns.email')}</th>
                  <th scope="col">{t('contacts.columns.createdAt')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((contact) => (
                  <tr key={contact.id}>
                    <td className="cell-strong">
                      <Link to={`/w/${slug}/contacts/${contact.id}`}>{contact.name}</Link>
                    </td>
                    <td>{contact.phone ?? '—'}</td>
                    <td>{contact.email ?? '—'}</td>
                    <td className="cell-nowrap">{formatDateTime(contact.createdAt, i18n.language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {items.length === pageSize && (
              <p className="muted table-note">{t('contacts.limited', { count: pageSize })}</p>
            )}
          </div>
        )}
      </div>
    </div>
  );
}
