import { eq } from 'drizzle-orm';
import { ChannelError } from '../../channels/types';
import type { Ctx } from '../../context';
import { Scope } from '../../db/scope';
import { type AttachmentRef, messages } from '../../db/schema';
import { loadChannelById } from '../channels/service';
import { saveFile } from '../files/service';
import { backoffSeconds } from './outbound-job';
import { MEDIA_JOB } from './service';

/** Largest inbound media file kept; providers cap theirs lower (WhatsApp 100 MB documents aside). */
export const MEDIA_MAX_BYTES = 25 * 1024 * 1024;
/** Attempts before a retryable failure is declared permanent; with backoff, about an hour. */
export const MEDIA_ATTEMPTS = 7;

interface MediaJob {
  messageId: number;
  attempt?: number;
}

/**
 * Fetches the provider media of one inbound message into Files, attachment by attachment. A
 * retryable failure throws so the queue retries the whole job (already stored attachments are kept);
 * a permanent one, or the last retry, marks that attachment failed with the provider's reason so the
 * agent sees why instead of a spinner.
 */
export function defineMediaJob(ctx: Ctx) {
  ctx.jobs.define<MediaJob>({
    name: MEDIA_JOB,
    batchSize: 5,
    concurrency: 4,
    retryLimit: 5,
    handler: async ({ messageId, attempt }) => fetchMessageMedia(ctx, messageId, attempt ?? 1),
  });
}

export async function fetchMessageMedia(ctx: Ctx, messageId: number, attempt = 1): Promise<void> {
  const [m] = await ctx.db.select().from(messages).where(eq(messages.id, messageId));
  if (!m?.attachments.some((a) => a.state === 'pending')) return;
  const scope = new Scope(ctx.db, m.workspaceId);
  const channel = m.channelId ? await loadChannelById(ctx, m.channelId) : null;
  const adapter = channel ? ctx.channels.get(channel.type) : null;
  const lastTry = attempt >= MEDIA_ATTEMPTS;
  const result: AttachmentRef[] = [];
  let retryAfter: number | null = null;
  for (const a of m.attachments) {
    if (a.state !== 'pending' || !a.ref) {
      result.push(a);
      continue;
    }
    if (!adapter?.fetchMedia || !channel) {
      result.push({ ...a, state: 'failed', error: 'This channel cannot download media' });
      continue;
    }
    try {
      const media = await adapter.fetchMedia(
        { type: a.type as never, ref: a.ref, url: a.url, name: a.name ?? undefined, mime: a.mime ?? undefined },
        channel.config,
      );
      if (media.bytes.length > MEDIA_MAX_BYTES) {
        result.push({ ...a, state: 'failed', error: `The file is larger than ${MEDIA_MAX_BYTES / 1024 / 1024} MB` });
        continue;
      }
      const file = await saveFile(ctx, scope, {
        name: media.name ?? a.name ?? defaultName(a.type, media.mime ?? a.mime),
        mime: media.mime ?? a.mime ?? 'application/octet-stream',
        bytes: media.bytes,
        source: 'channel',
      });
      result.push({ type: a.type, fileId: file.id, name: file.name, mime: file.mime, size: file.size });
    } catch (err) {
      const permanent = err instanceof ChannelError && !err.retryable;
      if (!permanent && !lastTry) {
        result.push(a);
        const hinted = err instanceof ChannelError ? err.retryAfterSeconds : undefined;
        retryAfter = Math.max(retryAfter ?? 0, hinted ?? backoffSeconds(attempt));
        ctx.log.info({ messageId, attempt, err: String(err) }, 'media fetch failed; retrying');
        continue;
      }
      const reason = err instanceof ChannelError ? `${err.code}: ${err.reason}` : String(err);
      result.push({ ...a, state: 'failed', error: reason.slice(0, 500) });
    }
  }
  await scope.transaction(async (tx, rawTx) => {
    await tx.update(messages, { attachments: result }, eq(messages.id, m.id));
    if (retryAfter !== null)
      await ctx.jobs.send(
        MEDIA_JOB,
        { messageId, attempt: attempt + 1 },
        { tx: rawTx, startAfter: Date.now() + retryAfter * 1000 },
      );
    await ctx.events.emit(rawTx, m.workspaceId, 'message.updated', {
      messageId: m.id,
      conversationId: m.conversationId,
      contactId: m.contactId,
    });
  });
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
  'video/mp4': 'mp4',
  'application/pdf': 'pdf',
};

function defaultName(type: string, mime?: string | null): string {
  const ext = mime ? (EXTENSIONS[mime.split(';')[0]!.trim()] ?? 'bin') : 'bin';
  return `${type}.${ext}`;
}
