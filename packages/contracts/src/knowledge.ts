import { z } from 'zod';

/**
 * The knowledge matrix (Matriz de conocimientos) and the AI assistant's settings, shared by the server's
 * routes and the web app's forms.
 */

export const KNOWLEDGE_LANGUAGES = ['es', 'en'] as const;
export type KnowledgeLanguage = (typeof KNOWLEDGE_LANGUAGES)[number];

/** Absent or null: the entry answers in any language. */
const language = z.enum(KNOWLEDGE_LANGUAGES).nullable().default(null);

/** A question the team answers once, with the other ways contacts ask it. */
export const qaInputSchema = z.object({
  kind: z.literal('qa'),
  question: z.string().trim().min(1).max(500),
  alternatives: z.array(z.string().trim().min(1).max(500)).max(20).default([]),
  answer: z.string().trim().min(1).max(5000),
  language,
});

/** Plain text or Markdown (pasted, or a .txt/.md file read by the browser); split into chunks for retrieval. */
export const documentInputSchema = z.object({
  kind: z.literal('document'),
  title: z.string().trim().min(1).max(200),
  text: z.string().trim().min(1).max(200_000),
  language,
});

export const knowledgeInputSchema = z.discriminatedUnion('kind', [qaInputSchema, documentInputSchema]);
export type KnowledgeInput = z.input<typeof knowledgeInputSchema>;

export interface KnowledgeEntryDto {
  id: number;
  kind: 'qa' | 'document';
  language: KnowledgeLanguage | null;
  /** Q&A: the question; document: the title. */
  title: string;
  alternatives: string[];
  /** Q&A: the answer; document: its text (the list gives the first 300 characters). */
  text: string;
  chunks: number;
  updatedAt: string;
}

/** One retrieved piece: a Q&A pair or a document chunk, with its score (0–1: the share of the query's words it holds). */
export interface KnowledgeHit {
  /** The chunk found (one per Q&A pair, several per document). */
  chunkId: number;
  entryId: number;
  kind: 'qa' | 'document';
  title: string;
  text: string;
  language: KnowledgeLanguage | null;
  score: number;
}

/**
 * The assistant's chat API: any OpenAI-compatible server. A null `baseUrl` means retrieval-only answers.
 * `apiKey`: omitted keeps the stored key, null removes it.
 */
export const aiSettingsInputSchema = z.object({
  baseUrl: z.string().trim().url().max(500).nullable(),
  apiKey: z.string().trim().min(1).max(1000).nullable().optional(),
  model: z.string().trim().max(200).default(''),
  instructions: z.string().trim().max(4000).default(''),
});
export type AiSettingsInput = z.input<typeof aiSettingsInputSchema>;

export interface AiSettingsDto {
  mode: 'llm' | 'retrieval';
  baseUrl: string | null;
  model: string;
  instructions: string;
  /** Whether a key is stored (it is never sent back). */
  hasApiKey: boolean;
}
