import { type AddressObject, type ParsedMail, simpleParser } from 'mailparser';
import type { InboundAttachment, InboundEvent, WebhookRequest } from '../types';
import { bounceStatus, isDeliveryReport } from './bounce';
import { emailKey, messageIdsIn } from './headers';
import { type EmailConfig, fromAddressOf } from './schema';
import { trimQuotedReply } from './text';

/** Headers the poller stores with each raw message (the IMAP position it was fetched from). */
export const IMAP_UID_HEADER = 'x-charla-imap-uid';
export const IMAP_UIDVALIDITY_HEADER = 'x-charla-imap-uidvalidity';
/**
 * Set (`<size>/<limit>` in bytes) when the mail was over `EMAIL_MAX_BYTES`: only its header block was
 * fetched and stored, so the message says it was too large instead of vanishing.
 */
export const EMAIL_TOO_LARGE_HEADER = 'x-charla-too-large';

function tooLargeOf(req: WebhookRequest): { size: number; limit: number } | null {
  const m = req.headers[EMAIL_TOO_LARGE_HEADER]?.match(/^(\d+)\/(\d+)$/);
  return m ? { size: Number(m[1]), limit: Number(m[2]) } : null;
}

/** The raw message of a stored event: the poller stores it base64-encoded (mail may hold any byte). */
export const rawEmailOf = (req: WebhookRequest): Buffer =>
  req.headers['content-transfer-encoding'] === 'base64'
    ? Buffer.from(req.rawBody.toString('latin1'), 'base64')
    : req.rawBody;

export const parseMail = (raw: Buffer) => simpleParser(raw, { keepDeliveryStatus: true, skipImageLinks: true });

const header = (mail: ParsedMail, name: string) => {
  const v = mail.headers.get(name);
  return typeof v === 'string' ? v.trim().toLowerCase() : undefined;
};

/**
 * Machine-sent mail that must never open or continue a conversation (RFC 3834 and the common
 * vendor headers): vacation replies, list and bulk mail, other systems' auto-responders.
 */
export function isAutomatic(mail: ParsedMail): boolean {
  const auto = header(mail, 'auto-submitted');
  if (auto && auto !== 'no') return true;
  if (
    mail.headers.has('x-autoreply') ||
    mail.headers.has('x-autorespond') ||
    (mail.headers.has('x-auto-response-suppress') && header(mail, 'x-auto-response-suppress')?.includes('all'))
  )
    return true;
  const precedence = header(mail, 'precedence');
  return precedence === 'bulk' || precedence === 'junk' || precedence === 'auto_reply' || precedence === 'list';
}

function attachmentType(mime: string): InboundAttachment['type'] {
  const kind = mime.split('/')[0];
  return kind === 'image' || kind === 'audio' || kind === 'video' ? kind : 'file';
}

const firstAddress = (a: AddressObject | AddressObject[] | undefined) => (Array.isArray(a) ? a[0] : a)?.value[0];

/**
 * One fetched email → what Charla stores: a customer message (sender = From, a verified email; text
 * body with the quoted history trimmed, HTML only ever converted to text; subject and threading ids in
 * meta; attachments fetched into Files afterwards), a failed status for a bounce of one of our
 * messages, or nothing (auto-replies, our own mail, other reports).
 */
export async function parseEmail(req: WebhookRequest, config: EmailConfig): Promise<InboundEvent[]> {
  const raw = rawEmailOf(req);
  const mail = await parseMail(raw);
  if (isDeliveryReport(mail)) {
    const bounce = bounceStatus(mail);
    return bounce ? [bounce] : [];
  }
  if (isAutomatic(mail)) return [];
  const from = firstAddress(mail.from);
  if (!from?.address) return [];
  const address = from.address.toLowerCase();
  const replyTo = firstAddress(mail.replyTo)?.address?.toLowerCase();
  if (address === fromAddressOf(config).toLowerCase()) return []; // our own mail, copied into the inbox
  // HTML-only mail arrives converted to text; its images (tracking pixels, logos) become "[url]" lines.
  const body = (mail.text ?? '')
    .replace(/^\[(?:https?|cid|data):[^\]\s]*\]\s*$/gim, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  const { text, trimmed } = trimQuotedReply(body);
  const uid = req.headers[IMAP_UID_HEADER];
  const uidValidity = req.headers[IMAP_UIDVALIDITY_HEADER];
  const messageId = emailKey(raw);
  const tooLarge = tooLargeOf(req);
  const attachments: InboundAttachment[] = mail.attachments.flatMap((a, index) => {
    const mime = a.contentType.toLowerCase();
    // Parts of a report or signature, not files the customer sent.
    if (mime.startsWith('message/') || mime === 'application/pgp-signature' || mime === 'application/pkcs7-signature')
      return [];
    return [
      {
        type: attachmentType(mime),
        ref: JSON.stringify({ uid: Number(uid ?? 0), uidValidity: Number(uidValidity ?? 0), messageId, index }),
        name: a.filename ?? undefined,
        mime,
        size: a.size,
      },
    ];
  });
  const inReplyTo = messageIdsIn(mail.inReplyTo);
  const references = messageIdsIn(mail.references);
  return [
    {
      kind: 'message',
      providerMessageId: messageId,
      threadRefs: [...new Set([...inReplyTo, ...references.toReversed()])].filter((id) => id !== messageId),
      sender: {
        externalId: address,
        email: address,
        name: from.name?.trim() || undefined,
        identifiersVerified: true,
      },
      text: text || undefined,
      attachments,
      timestamp: mail.date,
      meta: {
        subject: mail.subject ?? '',
        inReplyTo,
        // Where the sender asked for answers (mail clients honour it); the contact stays the From address.
        ...(replyTo && replyTo !== address ? { replyTo } : {}),
        references,
        ...(trimmed ? { quotedTrimmed: true } : {}),
        ...(tooLarge ? { tooLarge } : {}),
      },
    },
  ];
}
