import { api, queryString } from '../api/client';
import type {
  ContactActivity,
  ContactDetails,
  ContactMerge,
  Conversation,
  CustomField,
  ItemsResponse,
  MergeSuggestion,
  Tag,
} from '../api/types';
import { workspacePath } from '../api/workspacePath';

const contactPath = (slug: string, id: number) => `${workspacePath(slug)}/contacts/${id}`;

export interface ContactPatch {
  firstName?: string | null;
  lastName?: string | null;
  phone?: string | null;
  email?: string | null;
  customFields?: Record<string, unknown>;
}

export type FieldChoice = 'kept' | 'merged';

export const contactsApi = {
  contact: (slug: string, id: number) => api.get<ContactDetails>(contactPath(slug, id)),
  update: (slug: string, id: number, patch: ContactPatch) => api.patch<ContactDetails>(contactPath(slug, id), patch),
  remove: (slug: string, id: number) => api.delete<void>(contactPath(slug, id)),
  /** The contact's open conversation, opened now if there is none (to write to a contact who never wrote). */
  startConversation: (slug: string, id: number) =>
    api.post<{ conversation: Conversation }>(`${contactPath(slug, id)}/conversation`, {}),
  activities: (slug: string, id: number) =>
    api.get<ItemsResponse<ContactActivity>>(`${contactPath(slug, id)}/activities`),
  suggestions: (slug: string, contactId?: number) =>
    api.get<ItemsResponse<MergeSuggestion>>(`${workspacePath(slug)}/merge-suggestions${queryString({ contactId })}`),
  dismiss: (slug: string, suggestionId: number) =>
    api.post<MergeSuggestion>(`${workspacePath(slug)}/merge-suggestions/${suggestionId}/dismiss`),
  merge: (
    slug: string,
    keptId: number,
    body: { mergedContactId: number; fields: Record<string, FieldChoice>; customFields: Record<string, FieldChoice> },
  ) => api.post<{ mergeId: number }>(`${contactPath(slug, keptId)}/merge`, body),
  merges: (slug: string, id: number) => api.get<ItemsResponse<ContactMerge>>(`${contactPath(slug, id)}/merges`),
  split: (slug: string, contactId: number, mergeId: number) =>
    api.post<unknown>(`${contactPath(slug, contactId)}/merges/${mergeId}/split`),
  tags: (slug: string) => api.get<ItemsResponse<Tag>>(`${workspacePath(slug)}/tags`),
  createTag: (slug: string, name: string) => api.post<Tag>(`${workspacePath(slug)}/tags`, { name }),
  addTag: (slug: string, contactId: number, tagId: number) =>
    api.post<void>(`${contactPath(slug, contactId)}/tags`, { tagId }),
  removeTag: (slug: string, contactId: number, tagId: number) =>
    api.delete<void>(`${contactPath(slug, contactId)}/tags/${tagId}`),
  customFields: (slug: string) => api.get<ItemsResponse<CustomField>>(`${workspacePath(slug)}/custom-fields`),
  identitySettings: (slug: string) =>
    api.get<{ autoMergeVerified: boolean }>(`${workspacePath(slug)}/settings/identity`),
  setIdentitySettings: (slug: string, autoMergeVerified: boolean) =>
    api.put<{ autoMergeVerified: boolean }>(`${workspacePath(slug)}/settings/identity`, { autoMergeVerified }),
};
