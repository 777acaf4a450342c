import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../api/queryKeys';
import type { LibraryFile } from '../api/types';
import { useMe } from '../auth/useMe';
import { ErrorNotice } from '../common/ErrorNotice';
import { formatBytes } from '../common/formatBytes';
import { formatDateTime } from '../common/formatDate';
import { useDebouncedValue } from '../common/useDebouncedValue';
import { deleteFile, useFileLibrary } from '../files/filesApi';
import { UploadButton } from '../files/UploadButton';
import { useMembership } from '../shell/useWorkspace';
import { useSettingsMutation } from './useSettingsMutation';

/**
 * Settings → Files: the workspace's library (agents limited to some conversations see their own uploads),
 * searchable by name. Owners and managers may delete any file, others their own uploads; the server
 * keeps files a message or an import still uses.
 */
export function FilesSettings() {
  const { t, i18n } = useTranslation();
  const membership = useMembership();
  const slug = membership.workspace.slug;
  const { user } = useMe();
  const [search, setSearch] = useState('');
  const files = useFileLibrary(slug, useDebouncedValue(search.trim(), 250));
  const remove = useSettingsMutation((id: number) => deleteFile(slug, id), queryKeys.files(slug));
  const mayDelete = (file: LibraryFile) => membership.role !== 'agent' || file.uploadedBy?.id === user.id;

  return (
    <section className="card">
      <h2>{t('settings.files.title')}</h2>
      <p className="muted">{t('settings.files.intro')}</p>
      <div className="toolbar">
        <input
          type="search"
          aria-label={t('settings.files.search')}
          placeholder={t('settings.files.search')}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
        <UploadButton slug={slug} label={t('settings.files.upload')} />
      </div>
      {files.error && <ErrorNotice error={files.error} />}
      {remove.error && <ErrorNotice error={remove.error} />}
      {files.data?.items.length === 0 && <p className="muted">{t('settings.files.empty')}</p>}
      {files.data && files.data.items.length > 0 && (
        <div className="table-wrapper">
          <table className="table">
            <thead>
              <tr>
                <th>{t('settings.files.columns.name')}</th>
                <th>{t('settings.files.columns.type')}</th>
                <th>{t('settings.files.columns.size')}</th>
                <th>{t('settings.files.columns.uploader')}</th>
                <th>{t('settings.files.columns.date')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {files.data.items.map((file) => (
                <tr key={file.id}>
                  <td className="file-name">
                    <a href={file.url} target="_blank" rel="noreferrer">
                      {file.name}
                    </a>
                  </td>
                  <td>{file.mime}</td>
                  <td>{formatBytes(file.size, i18n.language)}</td>
                  <td>
                    {file.uploadedBy?.name ?? (file.source === 'channel' ? t('settings.files.fromChannel') : '—')}
                  </td>
                  <td>{formatDateTime(file.createdAt, i18n.language)}</td>
                  <td>
                    {mayDelete(file) && (
                      <button
                        type="button"
                        className="link-button"
                        aria-label={t('settings.removeNamed', { name: file.name })}
                        disabled={remove.isPending}
                        onClick={() => {
                          if (window.confirm(t('settings.files.confirmDelete', { name: file.name })))
                            remove.mutate(file.id);
                        }}
                      >
                        {t('settings.remove')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
