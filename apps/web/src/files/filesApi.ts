import { useQuery } from '@tanstack/react-query';
import { api, queryString } from '../api/client';
import { queryKeys } from '../api/queryKeys';
import type { ItemsResponse, LibraryFile, UploadedFile } from '../api/types';
import { workspacePath } from '../api/workspacePath';

const filesPath = (slug: string) => `${workspacePath(slug)}/files`;

/** Uploads files to the workspace's Files one after the other, in the order chosen. */
export async function uploadFiles(slug: string, chosen: File[]): Promise<UploadedFile[]> {
  const uploaded: UploadedFile[] = [];
  for (const file of chosen) {
    const form = new FormData();
    form.append('file', file, file.name);
    uploaded.push(await api.upload<UploadedFile>(filesPath(slug), form));
  }
  return uploaded;
}

export const deleteFile = (slug: string, id: number) => api.delete<void>(`${filesPath(slug)}/${id}`);

/** The Files library the user may see, newest first, filtered by a part of the name. */
export const useFileLibrary = (slug: string, q: string) =>
  useQuery({
    queryKey: queryKeys.fileSearch(slug, q),
    queryFn: () => api.get<ItemsResponse<LibraryFile>>(`${filesPath(slug)}${queryString({ q })}`),
  });
