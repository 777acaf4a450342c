import { useTranslation } from 'react-i18next';
import type { UploadedFile } from '../api/types';
import { FromFilesButton } from '../files/FromFilesButton';
import { UploadButton } from '../files/UploadButton';

interface AttachmentPickerProps {
  slug: string;
  files: UploadedFile[];
  onChange: (files: UploadedFile[]) => void;
}

/** Attachments of the next reply: uploaded now (they also join Files) or picked from Files. */
export function AttachmentPicker({ slug, files, onChange }: AttachmentPickerProps) {
  const { t } = useTranslation();
  const add = (more: UploadedFile[]) => onChange([...files, ...more.filter((m) => !files.some((f) => f.id === m.id))]);

  return (
    <div className="attachments-picker">
      <UploadButton slug={slug} label={t('messages.composer.attach')} onUploaded={add} />
      <FromFilesButton slug={slug} onPick={(file) => add([file])} />
      {files.map((file) => (
        <span key={file.id} className="attachment-chip">
          {file.name}
          <button
            type="button"
            className="link-button"
            aria-label={t('messages.composer.removeAttachment', { name: file.name })}
            onClick={() => onChange(files.filter((f) => f.id !== file.id))}
          >
            ×
          </button>
        </span>
      ))}
    </div>
  );
}
