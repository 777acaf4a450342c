import { useTranslation } from 'react-i18next';
import { FromFilesButton } from '../files/FromFilesButton';
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
  return (
    <div className="field attachments-picker">
      <UploadButton
        slug={slug}
        label={t(`messages.composer.template.header.${format}`)}
        onUploaded={([file]) => file && onChange({ id: file.id, name: file.name })}
      />
      <FromFilesButton slug={slug} onPick={(file) => onChange({ id: file.id, name: file.name })} />
      <span className="attachment-chip">{value?.name ?? t('messages.composer.template.noFile')}</span>
    </div>
  );
}
