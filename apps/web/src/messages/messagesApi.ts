import { api, queryString } from '../api/client';
import { workspacePath } from '../api/workspacePath';
import type { Conversation, ConversationStatus, ConversationView, ItemsResponse, Message } from '../api/types';

export function fetchConversations(slug: string, view: ConversationView, status: ConversationStatus) {
  return api.get<ItemsResponse<Conversation>>(`${workspacePath(slug)}/conversations${queryString({ view, status })}`);
}

export function fetchConversation(slug: string, id: number) {
  return api.get<Conversation>(`${workspacePath(slug)}/conversations/${id}`);
}

export function fetchMessages(slug: string, conversationId: number) {
  return api.get<ItemsResponse<Message>>(`${workspacePath(slug)}/conversations/${conversationId}/messages`);
}

export function sendReply(slug: string, conversationId: number, text: string) {
  return api.post<Message>(`${workspacePath(slug)}/conversations/${conversationId}/messages`, { text });
}

export function markConversationRead(slug: string, conversationId: number) {
  return api.post<void>(`${workspacePath(slug)}/conversations/${conversationId}/read`);
}
