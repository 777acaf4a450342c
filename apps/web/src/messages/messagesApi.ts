import type { Interactive } from '@charla/contracts/interactive';
import { api, queryString } from '../api/client';
import type {
  MessageTag,
  Comment,
  Conversation,
  ConversationPage,
  ItemsResponse,
  Message,
  MessageTemplate,
  ReplyChannels,
  UnreadCounts,
} from '../api/types';
import { workspacePath } from '../api/workspacePath';
import type { InboxQuery } from './useInboxFilters';

const conversations = (slug: string) => `${workspacePath(slug)}/conversations`;

export function fetchConversations(slug: string, query: InboxQuery, cursor?: string) {
  return api.get<ConversationPage>(`${conversations(slug)}${queryString({ ...query, cursor, limit: 50 })}`);
}

export const fetchUnreadCounts = (slug: string) => api.get<UnreadCounts>(`${conversations(slug)}/unread-counts`);

export function fetchConversation(slug: string, id: number) {
  return api.get<Conversation>(`${conversations(slug)}/${id}`);
}

export function fetchMessages(slug: string, conversationId: number) {
  return api.get<ItemsResponse<Message>>(`${conversations(slug)}/${conversationId}/messages`);
}

export interface ReplyInput {
  text?: string;
  channelId?: number;
  fileIds?: number[];
  /** An approved template with its parameters, instead of text (WhatsApp outside its window). */
  template?: {
    id: number;
    parameters: string[];
    headerParameter?: string;
    headerFileId?: number;
    buttonParameters?: string[];
  };
  /** Messenger outside its window: the message tag that applies. */
  messageTag?: MessageTag;
  /** A comment (its message id) answered with Meta's one private reply. */
  privateReplyTo?: number;
  /** Reply buttons or a list the contact can tap. */
  interactive?: Interactive;
}

export function sendReply(slug: string, conversationId: number, reply: ReplyInput) {
  return api.post<Message>(`${conversations(slug)}/${conversationId}/messages`, reply);
}

export function markConversationRead(slug: string, conversationId: number) {
  return api.post<void>(`${conversations(slug)}/${conversationId}/read`);
}

export const fetchReplyChannels = (slug: string, conversationId: number) =>
  api.get<ReplyChannels>(`${conversations(slug)}/${conversationId}/reply-channels`);

export const fetchTemplates = (slug: string, channelId: number) =>
  api.get<ItemsResponse<MessageTemplate>>(`${workspacePath(slug)}/channels/${channelId}/templates`);

export const fetchComments = (slug: string, conversationId: number) =>
  api.get<ItemsResponse<Comment>>(`${conversations(slug)}/${conversationId}/comments`);

export const createComment = (slug: string, conversationId: number, body: string, mentions: number[]) =>
  api.post<Comment>(`${conversations(slug)}/${conversationId}/comments`, { body, mentions });

/** The conversation actions; each answers the conversation as the caller now sees it (null: out of sight). */
export type ConversationAction =
  | { kind: 'assign'; userId: number | null; teamId: number | null }
  | { kind: 'close'; category?: string | null; summary?: string | null }
  | { kind: 'reopen' }
  | { kind: 'bot'; paused: boolean; minutes?: number | null }
  | { kind: 'block'; blocked: boolean };

export function runConversationAction(slug: string, conversationId: number, action: ConversationAction) {
  const { kind, ...body } = action;
  return api.post<{ conversation: Conversation | null }>(`${conversations(slug)}/${conversationId}/${kind}`, body);
}
