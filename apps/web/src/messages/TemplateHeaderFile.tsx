import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FileLibraryPicker } from '../files/FileLibraryPicker';
import { UploadButton } from '../files/UploadButton';

interface TemplateHeaderFileProps {
  slug: string;
  format: 'IMAGE' | 'VIDEO' | 'DOCUMENT';
  value: { id: number; name: string } | null;
  onChange: (file: { id: number; name: string }) => void;
}

/**
 * The file a template's media header shows: uploaded now or picked from Files. The server sends it to
 * WhatsApp by a signed public link and checks that its type fits the header.
 */
export function TemplateHeaderFile({ slug, format, value, onChange }: TemplateHeaderFileProps) {
  const { t } = useTranslation();
  const [browsing, setBrowsing] = useState(false);
  return (
    <div className="field attachments-picker">
      <UploadButton
        slug={slug}
        label={t(`messages.composer.template.header.${format}`)}
        onUploaded={([file]) => file && onChange({ id: file.id, name: file.name })}
      />
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
            onChange({ id: file.id, name: file.name });
            setBrowsing(false);
          }}
          onClose={() => setBrowsing(false)}
        />
      )}
      <span className="attachment-chip">{value?.name ?? t('messages.composer.template.noFile')}</span>
    </div>
  );
}
