import type { ChatMenu } from '@charla/contracts/chat-menu';
import type { TemplateDraft } from '@charla/contracts/templates';
import { api } from '../api/client';
import type { Channel, CreatedChannel, ItemsResponse, Member, MessageTemplate, OutboxEmail } from '../api/types';
import { workspacePath } from '../api/workspacePath';

export interface InviteRequest {
  email: string;
  role: Member['role'];
  accessLevel: Member['accessLevel'];
}

export const fetchChannels = (slug: string) => api.get<ItemsResponse<Channel>>(`${workspacePath(slug)}/channels`);

export const createChannel = (slug: string, type: string, name: string, config: Record<string, unknown>) =>
  api.post<CreatedChannel>(`${workspacePath(slug)}/channels`, { type, name, config });

export const fetchMembers = (slug: string) => api.get<ItemsResponse<Member>>(`${workspacePath(slug)}/members`);

export const inviteMember = (slug: string, invite: InviteRequest) =>
  api.post<unknown>(`${workspacePath(slug)}/invites`, invite);

export const fetchOutbox = (slug: string) => api.get<ItemsResponse<OutboxEmail>>(`${workspacePath(slug)}/outbox`);

/** Copies a WhatsApp channel's templates from Meta; answers the channel's templates after the sync. */
export const createTemplate = (slug: string, channelId: number, draft: Partial<TemplateDraft>) =>
  api.post<{ template: MessageTemplate }>(`${workspacePath(slug)}/channels/${channelId}/templates`, draft);

export const syncTemplates = (slug: string, channelId: number) =>
  api.post<ItemsResponse<MessageTemplate>>(`${workspacePath(slug)}/channels/${channelId}/templates/sync`);

/** A Messenger/Instagram channel's chat menu, and whether it can have a get-started button and locale menus. */
export interface ChatMenuState {
  menu: ChatMenu;
  getStarted: boolean;
  locales: boolean;
}

export const fetchChatMenu = (slug: string, channelId: number) =>
  api.get<ChatMenuState>(`${workspacePath(slug)}/channels/${channelId}/chat-menu`);

export const saveChatMenu = (slug: string, channelId: number, menu: ChatMenu) =>
  api.put<ChatMenuState>(`${workspacePath(slug)}/channels/${channelId}/chat-menu`, menu);
