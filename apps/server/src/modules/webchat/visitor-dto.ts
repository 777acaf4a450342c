import type { Ctx } from '../../context';
import type { AttachmentRef, messages } from '../../db/schema';
import { signedFileLink } from '../files/signed-link';

type MessageRow = typeof messages.$inferSelect;

/**
 * A message as a visitor sees it: no internal ids, statuses or errors beyond what the widget shows.
 * Attachments are signed, expiring links (the visitor has no session; see files/signed-link.ts), served
 * with the same safe content type and disposition as every file.
 */
export function visitorMessage(ctx: Ctx, m: MessageRow, agentName: string | null) {
  const slash = m.providerMessageId?.lastIndexOf('/') ?? -1;
  return {
    id: m.id,
    clientId: m.direction === 'in' && slash >= 0 ? m.providerMessageId!.slice(slash + 1) : null,
    direction: m.direction,
    text: m.body,
    attachments: m.attachments.filter((a) => a.fileId).map((a) => visitorAttachment(ctx, a)),
    agentName: m.direction === 'out' ? agentName : null,
    createdAt: m.createdAt.toISOString(),
    status: m.status === 'read' ? 'read' : 'sent',
  };
}
export type VisitorMessage = ReturnType<typeof visitorMessage>;

const visitorAttachment = (ctx: Ctx, a: AttachmentRef) => ({
  url: signedFileLink(ctx, a.fileId!),
  type: a.type,
  name: a.name ?? null,
  mime: a.mime ?? null,
});
