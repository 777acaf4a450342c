import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LibraryFile } from '../api/types';
import { FileLibraryPicker } from './FileLibraryPicker';

/** "From Files": a toggle that opens the library picker and closes it once a file is picked. */
export function FromFilesButton({ slug, onPick }: { slug: string; onPick: (file: LibraryFile) => void }) {
  const { t } = useTranslation();
  const [browsing, setBrowsing] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button button-small"
        aria-expanded={browsing}
        onClick={() => setBrowsing(!browsing)}
      >
        {t('messages.composer.fromFiles')}
      </button>
      {browsing && (
        <FileLibraryPicker
          slug={slug}
          onPick={(file) => {
            onPick(file);
            setBrowsing(false);
          }}
          onClose={() => setBrowsing(false)}
        />
      )}
    </>
  );
}
