import type {
  BroadcastContent,
  BroadcastInput,
  BroadcastReport,
  BroadcastStatus,
  RecipientStatus,
} from '@charla/contracts/broadcasts';
import { api, queryString } from '../api/client';
import type { ItemsResponse } from '../api/types';
import { workspacePath } from '../api/workspacePath';

export interface Broadcast {
  id: number;
  name: string;
  channelId: number | null;
  segmentId: number | null;
  allContacts: boolean;
  content: BroadcastContent;
  schedule: { localTime: string; timeZone: string } | null;
  scheduledAt: string | null;
  status: BroadcastStatus;
  /** Why the whole broadcast failed: `channel_removed`, `segment_deleted`, `no_recipient_reached`. */
  failureReason: string | null;
  recipientCount: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  report: BroadcastReport;
}

export interface Recipient {
  id: number;
  contactId: number;
  contactName: string;
  address: string;
  messageId: number | null;
  status: RecipientStatus;
  errorCode: string | null;
  errorReason: string | null;
  retryable: boolean;
  attempts: number;
  sentAt: string | null;
  repliedAt: string | null;
}

const base = (slug: string) => `${workspacePath(slug)}/broadcasts`;

export const broadcastsApi = {
  list: (slug: string) => api.get<ItemsResponse<Broadcast>>(base(slug)),
  get: (slug: string, id: number) => api.get<Broadcast>(`${base(slug)}/${id}`),
  create: (slug: string, input: BroadcastInput) => api.post<Broadcast>(base(slug), input),
  send: (slug: string, id: number) => api.post<Broadcast>(`${base(slug)}/${id}/send`),
  cancel: (slug: string, id: number) => api.post<Broadcast>(`${base(slug)}/${id}/cancel`),
  retry: (slug: string, id: number) => api.post<Broadcast & { retried: number }>(`${base(slug)}/${id}/retry`),
  remove: (slug: string, id: number) => api.delete<void>(`${base(slug)}/${id}`),
  recipients: (slug: string, id: number, status?: RecipientStatus) =>
    api.get<{ items: Recipient[]; next: number | null }>(
      `${base(slug)}/${id}/recipients${queryString({ status, limit: 200 })}`,
    ),
};

/** Scheduled and running broadcasts change on their own: their pages poll while they do. */
export const isLive = (status: BroadcastStatus | undefined) => status === 'scheduled' || status === 'in_progress';

/** Replies count for 72 hours after a broadcast (CHARLA_BROADCAST_REPLY_HOURS' default). */
const REPLY_WINDOW_MS = 72 * 3_600_000;

/** How often a broadcast's page refreshes: often while it sends, now and then while replies may still come. */
export function refreshInterval(b: Broadcast | undefined): number | false {
  if (!b) return false;
  if (isLive(b.status)) return 2_000;
  const finished = b.finishedAt ? Date.parse(b.finishedAt) : 0;
  return Date.now() - finished < REPLY_WINDOW_MS ? 10_000 : false;
}
