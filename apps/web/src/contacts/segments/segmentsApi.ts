import type { ContactView, SegmentGroup, SegmentInput } from '@charla/contracts';
import { api, queryString } from '../../api/client';
import type { ItemsResponse } from '../../api/types';
import { workspacePath } from '../../api/workspacePath';

export interface Segment {
  id: number;
  name: string;
  definition: SegmentGroup;
  createdAt: string;
  updatedAt: string;
}

/** What picks the contacts shown: the same query serves the list, its count and the export. */
export interface ContactListQuery {
  search: string;
  view: ContactView;
  segmentId: number | null;
  /** The filter being built (unsaved), replacing the segment while it is edited. */
  filter: SegmentGroup | null;
}

export const listQueryString = (q: ContactListQuery, extra: Record<string, string | number> = {}) =>
  queryString({
    search: q.search,
    view: q.view === 'all' ? undefined : q.view,
    segmentId: q.filter ? undefined : (q.segmentId ?? undefined),
    filter: q.filter ? JSON.stringify(q.filter) : undefined,
    ...extra,
  });

const base = (slug: string) => `${workspacePath(slug)}/segments`;

export const segmentsApi = {
  list: (slug: string) => api.get<ItemsResponse<Segment>>(base(slug)),
  create: (slug: string, input: SegmentInput) => api.post<Segment>(base(slug), input),
  update: (slug: string, id: number, input: Partial<SegmentInput>) => api.patch<Segment>(`${base(slug)}/${id}`, input),
  remove: (slug: string, id: number) => api.delete<void>(`${base(slug)}/${id}`),
  count: (slug: string, q: ContactListQuery) =>
    api.get<{ count: number }>(`${workspacePath(slug)}/contacts/count${listQueryString(q)}`),
};
