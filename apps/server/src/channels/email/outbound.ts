import { randomUUID } from 'node:crypto';
import { ChannelError, type OutboundMessage } from '../types';
import { smtpTransport } from './client';
import { smtpError } from './errors';
import { messageIdsIn } from './headers';
import { type EmailConfig, fromAddressOf } from './schema';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** "Re: <subject>" without stacking prefixes ("Re: Re:", "RE:", Spanish "RV:"/"Fwd:" are kept as is). */
export function replySubject(subject: string | undefined, fallback: string): string {
  const s = (subject ?? '').trim();
  if (!s) return fallback;
  return /^re:/i.test(s) ? s : `Re: ${s}`;
}

/**
 * The threading headers of a reply to `parent` (RFC 5322 §3.6.4): In-Reply-To = the parent's id;
 * References = the parent's References (or its single In-Reply-To) followed by the parent's id.
 */
export function threadHeaders(parent: { messageId: string; inReplyTo: string[]; references: string[] }) {
  const ancestors = parent.references.length > 0 ? parent.references : parent.inReplyTo.slice(0, 1);
  return {
    inReplyTo: parent.messageId,
    references: [...ancestors.filter((id) => id !== parent.messageId), parent.messageId],
  };
}

const stringList = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/**
 * Sends one reply by SMTP. It threads under the contact's last email (In-Reply-To, References,
 * "Re:" subject) so the customer's mail client shows one conversation; the Message-ID we generate is
 * the provider id, which later replies and bounces refer to.
 */
export async function sendEmail(message: OutboundMessage, config: EmailConfig) {
  const from = fromAddressOf(config);
  const parent = message.lastInbound;
  const parentId = parent ? messageIdsIn(parent.providerMessageId)[0] : undefined;
  const thread = parentId
    ? threadHeaders({
        messageId: parentId,
        inReplyTo: stringList(parent?.meta.inReplyTo),
        references: stringList(parent?.meta.references),
      })
    : null;
  const subjectOfParent = typeof parent?.meta.subject === 'string' ? parent.meta.subject : undefined;
  const messageId = `<${randomUUID()}@${from.split('@')[1]}>`;
  const text = message.text ?? '';
  const attachments = await Promise.all(
    message.attachments.map(async (a) => {
      if (!a.load) throw new ChannelError('attachment_missing', 'The attachment is not stored in Files', false);
      return { filename: a.name ?? 'attachment', contentType: a.mime ?? undefined, content: await a.load() };
    }),
  );
  const subject = replySubject(subjectOfParent, message.workspaceName ?? 'Charla');
  const transport = await smtpTransport(config);
  try {
    const info = await transport.sendMail({
      from: config.fromName ? { name: config.fromName, address: from } : from,
      to: typeof parent?.meta.replyTo === 'string' ? parent.meta.replyTo : message.recipient.externalId,
      subject,
      text,
      html: `<div>${escapeHtml(text).replace(/\r?\n/g, '<br>')}</div>`,
      messageId,
      ...(thread ? { inReplyTo: thread.inReplyTo, references: thread.references } : {}),
      attachments,
    });
    const rejected = info.rejected ?? [];
    if (rejected.length > 0)
      throw new ChannelError('smtp_rejected', `The server refused ${rejected.join(', ')}`, false, undefined, true);
    return {
      providerMessageId: info.messageId ?? messageId,
      meta: { subject, inReplyTo: thread ? [thread.inReplyTo] : [], references: thread?.references ?? [] },
    };
  } catch (err) {
    if (err instanceof ChannelError) throw err;
    throw smtpError(err);
  } finally {
    transport.close();
  }
}
