import { useMutation } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { UploadedFile } from '../api/types';
import { workspacePath } from '../api/workspacePath';
import { ErrorNotice } from '../common/ErrorNotice';

interface AttachmentPickerProps {
  slug: string;
  files: UploadedFile[];
  onChange: (files: UploadedFile[]) => void;
}

/** Uploads files to the workspace's Files and lists them as attachments of the next reply. */
export function AttachmentPicker({ slug, files, onChange }: AttachmentPickerProps) {
  const { t } = useTranslation();
  const id = useId();
  const upload = useMutation({
    mutationFn: async (chosen: File[]) => {
      const uploaded: UploadedFile[] = [];
      for (const file of chosen) {
        const form = new FormData();
        form.append('file', file, file.name);
        uploaded.push(await api.upload<UploadedFile>(`${workspacePath(slug)}/files`, form));
      }
      return uploaded;
    },
    onSuccess: (uploaded) => onChange([...files, ...uploaded]),
  });

  return (
    <div className="attachments-picker">
      <label htmlFor={id} className="button button-small">
        {upload.isPending ? t('messages.composer.uploading') : t('messages.composer.attach')}
      </label>
      <input
        id={id}
        type="file"
        multiple
        className="visually-hidden"
        onChange={(event) => {
          const chosen = [...(event.target.files ?? [])];
          event.target.value = '';
          if (chosen.length > 0) upload.mutate(chosen);
        }}
      />
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
      {upload.error && <ErrorNotice error={upload.error} />}
    </div>
  );
}
