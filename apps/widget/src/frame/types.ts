export interface WidgetAttachment {
  url: string;
  type: string;
  name: string | null;
  mime: string | null;
}

export interface WidgetMessage {
  id: number;
  clientId: string | null;
  direction: 'in' | 'out';
  text: string | null;
  attachments: WidgetAttachment[];
  agentName: string | null;
  createdAt: string;
  status: 'sent' | 'read';
}

type Field = { enabled: boolean; required: boolean };

export interface WidgetConfig {
  appearance: {
    color: string;
    position: 'left' | 'right';
    launcherIcon: 'chat' | 'help' | 'message';
    greeting: string;
    teamName: string;
    avatarUrl: string | null;
    language: 'auto' | 'es' | 'en';
    sound: boolean;
  };
  prechat: { enabled: boolean; fields: { name: Field; email: Field; phone: Field } };
  requireVerification: boolean;
  away: boolean;
  awayMessage: string;
}

export interface SessionData {
  token: string;
  visitor: { identified: boolean; known: boolean };
  config: WidgetConfig;
  messages: WidgetMessage[];
}

/** A message written offline or not yet acknowledged: kept (in localStorage) until the server has it. */
export interface OutgoingMessage {
  clientId: string;
  text: string;
  uploads: string[];
  fileNames: string[];
  failed?: boolean;
}
