import { api } from '../../api/client';
import { workspacePath } from '../../api/workspacePath';
import { type ContactListQuery, listQueryString } from '../segments/segmentsApi';

import type { CsvEncoding, ImportPurpose } from '@charla/contracts';

export type { ImportPurpose };

export interface ContactImport {
  id: number;
  status: 'draft' | 'queued' | 'running' | 'done' | 'failed';
  purpose: ImportPurpose;
  encoding: CsvEncoding;
  doNotOverwrite: boolean;
  headers: string[];
  /** Column index → field (`firstName`, `custom.plan`…). */
  mapping: Record<string, string>;
  totalRows: number;
  processedRows: number;
  created: number;
  updated: number;
  skipped: number;
  rejected: number;
  rejectedFileUrl: string | null;
  error: string | null;
}

export { IMPORT_STANDARD_FIELDS as STANDARD_FIELDS } from '@charla/contracts';

const base = (slug: string) => `${workspacePath(slug)}/contact-imports`;

export const importApi = {
  upload: (slug: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api.upload<ContactImport & { sample: string[][] }>(base(slug), form);
  },
  get: (slug: string, id: number) => api.get<ContactImport>(`${base(slug)}/${id}`),
  /** Reads the draft's file again in another encoding: new headers, sample and auto-mapping. */
  setEncoding: (slug: string, id: number, encoding: CsvEncoding) =>
    api.patch<ContactImport & { sample: string[][] }>(`${base(slug)}/${id}`, { encoding }),
  start: (
    slug: string,
    id: number,
    body: { mapping: Record<string, string>; purpose: ImportPurpose; doNotOverwrite: boolean },
  ) => api.post<ContactImport>(`${base(slug)}/${id}/start`, body),
  /** The export is a plain download link: the browser streams it to disk. */
  exportUrl: (slug: string, query: ContactListQuery) =>
    `/api${workspacePath(slug)}/contacts/export${listQueryString(query)}`,
};
