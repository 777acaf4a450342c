/** Messages between the loader (host page) and the chat iframe, via postMessage. */
export interface IdentifyPayload {
  userId: string;
  userHash?: string;
  name?: string;
  email?: string;
  phone?: string;
}

export type ToFrame =
  | { charla: 'open' }
  | { charla: 'close' }
  | { charla: 'reset' }
  | { charla: 'identify'; user: IdentifyPayload };

export interface PublicMessage {
  id: number;
  direction: 'in' | 'out';
  text: string | null;
  agentName: string | null;
  createdAt: string;
}

export type FromFrame =
  | { charla: 'ready'; position: 'left' | 'right' }
  | { charla: 'layout'; open: boolean }
  | { charla: 'message'; message: PublicMessage }
  | { charla: 'unread'; count: number }
  | { charla: 'error'; code: string; message: string };
