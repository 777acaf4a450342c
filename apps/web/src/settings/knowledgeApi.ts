import type {
  AiSettingsDto,
  AiSettingsInput,
  KnowledgeEntryDto,
  KnowledgeHit,
  KnowledgeInput,
} from '@charla/contracts/knowledge';
import { api } from '../api/client';
import { workspacePath } from '../api/workspacePath';

/** The knowledge matrix and the AI assistant's settings (Settings → Knowledge matrix / AI assistant). */
export const knowledgeKey = (slug: string) => ['w', slug, 'knowledge'] as const;
export const aiSettingsKey = (slug: string) => ['w', slug, 'ai-settings'] as const;

const base = (slug: string) => `${workspacePath(slug)}/knowledge`;

export const fetchKnowledge = (slug: string) => api.get<{ items: KnowledgeEntryDto[] }>(base(slug));
export const fetchKnowledgeEntry = (slug: string, id: number) => api.get<KnowledgeEntryDto>(`${base(slug)}/${id}`);
export const saveKnowledgeEntry = (slug: string, id: number | undefined, input: KnowledgeInput) =>
  id ? api.put<KnowledgeEntryDto>(`${base(slug)}/${id}`, input) : api.post<KnowledgeEntryDto>(base(slug), input);
export const deleteKnowledgeEntry = (slug: string, id: number) => api.delete(`${base(slug)}/${id}`);
export const searchKnowledge = (slug: string, q: string) =>
  api.get<{ hits: KnowledgeHit[] }>(`${base(slug)}/search?q=${encodeURIComponent(q)}`);

export const fetchAiSettings = (slug: string) => api.get<AiSettingsDto>(`${workspacePath(slug)}/ai/settings`);
export const saveAiSettings = (slug: string, input: AiSettingsInput) =>
  api.put<AiSettingsDto>(`${workspacePath(slug)}/ai/settings`, input);
export const testAiSettings = (slug: string, input: AiSettingsInput) =>
  api.post<{ ok: true; reply: string }>(`${workspacePath(slug)}/ai/test`, input);
