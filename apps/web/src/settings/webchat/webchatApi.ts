import { api } from '../../api/client';
import type { CreatedChannel } from '../../api/types';
import { workspacePath } from '../../api/workspacePath';

type Field = { enabled: boolean; required: boolean };

/** A web chat channel's settings (server: channels/webchat/schema.ts), everything but its secret. */
export interface WebchatSettings {
  allowedOrigins: string[];
  requireVerification: boolean;
  appearance: {
    color: string;
    position: 'right' | 'left';
    launcherIcon: 'chat' | 'help' | 'message';
    greeting: string;
    teamName: string;
    avatarUrl: string | null;
    language: 'auto' | 'es' | 'en';
    sound: boolean;
  };
  businessHours: { enabled: boolean; timezone: string; days: { day: number; from: string; to: string }[] };
  awayMessage: string;
  prechat: { enabled: boolean; fields: { name: Field; email: Field; phone: Field } };
}

export interface WebchatSettingsResponse {
  settings: WebchatSettings;
  snippet: string;
}

const path = (slug: string, id: number) => `${workspacePath(slug)}/channels/${id}/webchat`;

export const createWebchatChannel = (slug: string, name: string, allowedOrigins: string[]) =>
  api.post<CreatedChannel>(`${workspacePath(slug)}/channels`, { type: 'webchat', name, config: { allowedOrigins } });

export const fetchWebchatSettings = (slug: string, id: number) => api.get<WebchatSettingsResponse>(path(slug, id));

export const saveWebchatSettings = (slug: string, id: number, settings: WebchatSettings) =>
  api.put<WebchatSettingsResponse>(path(slug, id), settings);

/** "https://a.example\nhttps://b.example" → origins, blank lines dropped. */
export const parseOrigins = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((o) => o.trim())
    .filter(Boolean);
