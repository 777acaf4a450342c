import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LibraryFile } from '../api/types';
import { ErrorNotice } from '../common/ErrorNotice';
import { formatBytes } from '../common/formatBytes';
import { useDebouncedValue } from '../common/useDebouncedValue';
import { useFileLibrary } from './filesApi';

interface FileLibraryPickerProps {
  slug: string;
  onPick: (file: LibraryFile) => void;
  onClose: () => void;
}

/** "Attach from Files": search the library the user may see and pick one file; Escape closes. */
export function FileLibraryPicker({ slug, onPick, onClose }: FileLibraryPickerProps) {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useState('');
  const files = useFileLibrary(slug, useDebouncedValue(search.trim(), 250));
  const searchRef = useRef<HTMLInputElement>(null);
  useEffect(() => searchRef.current?.focus(), []);

  return (
    <div
      className="file-library-picker"
      role="dialog"
      aria-label={t('messages.composer.fromFiles')}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <input
        ref={searchRef}
        type="search"
        aria-label={t('settings.files.search')}
        placeholder={t('settings.files.search')}
        value={search}
        onChange={(event) => setSearch(event.target.value)}
      />
      {files.error && <ErrorNotice error={files.error} />}
      {files.data?.items.length === 0 && <p className="muted">{t('settings.files.empty')}</p>}
      <ul className="plain-list file-library-list">
        {files.data?.items.map((file) => (
          <li key={file.id}>
            <button type="button" className="link-button" onClick={() => onPick(file)}>
              {file.name}
            </button>{' '}
            <span className="muted">{formatBytes(file.size, i18n.language)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
