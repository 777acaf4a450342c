import { ChannelError, type FetchedMedia, type InboundAttachment } from '../types';
import { imapClient } from './client';
import { imapError } from './connection';
import { emailKey } from './headers';
import { parseMail } from './inbound';
import type { EmailConfig } from './schema';

interface AttachmentRef {
  uid: number;
  uidValidity: number;
  messageId: string;
  index: number;
}

type Parts = Awaited<ReturnType<typeof parseMail>>['attachments'];

// The media job asks for a message's attachments one by one: keep the last message's parts briefly, so
// a mail with five files costs one IMAP login, not five.
let recent: { key: string; at: number; parts: Parts } | null = null;
const RECENT_MS = 60_000;

/**
 * Fetches one attachment of a received email from the mailbox: by UID when the mailbox's UIDVALIDITY
 * is unchanged, else by searching its Message-ID; the message fetched must be the one named.
 */
export async function fetchEmailAttachment(attachment: InboundAttachment, config: EmailConfig): Promise<FetchedMedia> {
  let ref: AttachmentRef;
  try {
    ref = JSON.parse(attachment.ref ?? '') as AttachmentRef;
  } catch {
    throw new ChannelError('bad_ref', 'The attachment reference is not readable', false);
  }
  const key = `${config.imap.host}|${config.provider === 'gmail' ? config.user : config.imap.user}|${ref.messageId}|${ref.uid}`;
  const cached = recent?.key === key && Date.now() - recent.at < RECENT_MS ? recent.parts : null;
  const parts = cached ?? (await fetchParts(ref, config));
  recent = { key, at: Date.now(), parts };
  const part = parts[ref.index];
  if (!part) throw new ChannelError('no_attachment', 'The email has no such attachment', false);
  return { bytes: part.content, mime: part.contentType, name: part.filename ?? undefined };
}

/** The attachments of the email `ref` names, read from the mailbox. */
async function fetchParts(ref: AttachmentRef, config: EmailConfig): Promise<Parts> {
  const client = await imapClient(config);
  client.on('error', () => {});
  try {
    await client.connect();
    const box = await client.mailboxOpen('INBOX', { readOnly: true });
    const candidates: number[] = [];
    if (ref.uid && String(box.uidValidity) === String(ref.uidValidity)) candidates.push(ref.uid);
    if (!ref.messageId.startsWith('sha256:')) {
      const found = await client.search({ header: { 'message-id': ref.messageId } }, { uid: true });
      if (found) candidates.push(...found);
    }
    for (const uid of candidates) {
      const msg = await client.fetchOne(String(uid), { source: true }, { uid: true });
      if (!msg || !msg.source || emailKey(msg.source) !== ref.messageId) continue;
      return (await parseMail(msg.source)).attachments;
    }
    throw new ChannelError('not_in_mailbox', 'The email is no longer in the mailbox', false);
  } catch (err) {
    throw imapError(err);
  } finally {
    await client.logout().catch(() => client.close());
  }
}
