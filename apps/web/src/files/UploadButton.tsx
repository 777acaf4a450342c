import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../api/queryKeys';
import type { UploadedFile } from '../api/types';
import { ErrorNotice } from '../common/ErrorNotice';
import { uploadFiles } from './filesApi';

interface UploadButtonProps {
  slug: string;
  label: string;
  onUploaded?: (files: UploadedFile[]) => void;
}

/** A button-looking file input that uploads what is chosen to Files (and refreshes the Files lists). */
export function UploadButton({ slug, label, onUploaded }: UploadButtonProps) {
  const { t } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const upload = useMutation({
    mutationFn: (chosen: File[]) => uploadFiles(slug, chosen),
    onSuccess: (uploaded) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.files(slug) });
      onUploaded?.(uploaded);
    },
  });

  return (
    // Positioned, so the visually hidden input stays inside it instead of widening a phone's page.
    <span className="upload-button">
      <label htmlFor={id} className="button button-small">
        {upload.isPending ? t('messages.composer.uploading') : label}
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
      {upload.error && <ErrorNotice error={upload.error} />}
    </span>
  );
}
