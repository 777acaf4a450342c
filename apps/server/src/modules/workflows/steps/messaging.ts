import { renderVariables } from '@charla/contracts/variables';
import { eq } from 'drizzle-orm';
import { numberedOptions } from '../../../channels/buttons';
import { channels, conversations } from '../../../db/schema';
import { createComment } from '../../comments/service';
import { pausedNow } from '../../conversations/actions';
import { openConversationOf } from '../../conversations/service';
import { assertFreeFormAllowed } from '../../messages/template-reply';
import { queueOutbound, replyAddress } from '../../messages/send';
import { variableValues } from '../../messages/variables';
import type { RunContext, StepExecutor, StepOutcome } from '../step-context';

/**
 * The conversation a step acts on: the run's, or the contact's open one if the run's has closed. A run
 * that the closing started (a satisfaction survey) may go on writing in the closed conversation, which
 * stays closed: the contact's answer opens the next one.
 */
export async function currentConversation(rc: RunContext) {
  let closed: typeof conversations.$inferSelect | undefined;
  if (rc.conversation) {
    const [fresh] = await rc.tx.find(conversations, eq(conversations.id, rc.conversation.id));
    if (fresh?.status === 'open') {
      rc.conversation = fresh;
      return fresh;
    }
    const trigger = rc.run.trigger as { type: string; conversationId?: number };
    if (fresh && trigger.type === 'conversation_closed' && trigger.conversationId === fresh.id) closed = fresh;
  }
  const open = (await openConversationOf(rc.tx, rc.contact.id)) ?? closed;
  if (open) rc.conversation = open;
  return open;
}

/**
 * Text with its variables replaced. A known variable without a value becomes empty (a bot cannot stop
 * to ask an agent), and `$var.*` are the run's variables.
 */
export async function renderForRun(rc: RunContext, text: string): Promise<string> {
  if (!text.includes('$')) return text;
  const conv = rc.conversation ?? { contactId: rc.contact.id, assigneeUserId: rc.contact.assigneeUserId };
  const values = await variableValues(rc.tx, { userId: null, workspace: rc.workspace }, conv);
  const rendered = renderVariables(text, {
    ...values,
    var: Object.fromEntries(Object.entries(rc.variables).map(([k, v]) => [k.toLowerCase(), v])),
  });
  let out = rendered.text;
  for (const token of rendered.empty) out = out.split(token).join('');
  return out.replace(/[ \t]+([,.!?;:])/g, '$1').replace(/[ \t]{2,}/g, ' ');
}

/** The label of the button that opens a WhatsApp list of options (at most 20 characters). */
const MENU_LABEL: Record<'es' | 'en', string> = { es: 'Ver opciones', en: 'See options' };

/**
 * Sends text (and buttons) to the contact on the channel they last used. Automated replies stop while the
 * bot is paused for the conversation (from the inbox, or because a human took it over): the run stops.
 */
export async function sayToContact(
  rc: RunContext,
  text: string,
  buttons: string[] = [],
): Promise<StepOutcome & { messageId?: number }> {
  const conv = await currentConversation(rc);
  if (!conv) return { fail: 'no_open_conversation: the contact has no open conversation to write in' };
  if (pausedNow(conv) && rc.run.trigger.type !== 'shortcut') return { stop: 'bot_paused' };
  if (rc.contact.blocked) return { stop: 'contact_blocked' };
  const body = await renderForRun(rc, text);
  const address = await replyAddress(rc.tx, conv.contactId, undefined, conv.lastChannelId);
  await assertFreeFormAllowed(rc.ctx, rc.tx, address);
  const [channel] = await rc.tx.find(channels, eq(channels.id, address.channelId));
  const adapter = channel && rc.ctx.channels.has(channel.type) ? rc.ctx.channels.get(channel.type) : null;
  // Native buttons where the channel has them and the options fit its limits; else numbered options
  // the contact can answer with.
  const native = buttons.length > 0 && !!adapter?.capabilities.buttons && (adapter.buttonsFit?.(body, buttons) ?? true);
  const shown = buttons.length > 0 && !native ? numberedOptions(body, buttons) : body;
  const messageId = await queueOutbound(rc.ctx, rc.tx, conv, address.channelId, {
    senderKind: 'workflow',
    senderUserId: null,
    body: shown,
    attachments: [],
    meta: {
      workflowRunId: rc.run.id,
      ...(native
        ? {
            buttons: buttons.map((b) => ({ text: b, data: b.slice(0, 64) })),
            menuLabel: MENU_LABEL[rc.workspace.locale === 'en' ? 'en' : 'es'],
          }
        : {}),
    },
  });
  return { next: null, messageId, detail: { messageId, channelId: address.channelId } };
}

export const sendMessageStep: StepExecutor<'send_message'> = async (rc, step) => {
  const sent = await sayToContact(rc, step.text, step.buttons);
  if (!('next' in sent)) return sent;
  return { next: step.next ?? null, detail: sent.detail };
};

export const addCommentStep: StepExecutor<'add_comment'> = async (rc, step) => {
  const conv = await currentConversation(rc);
  if (!conv) return { fail: 'no_open_conversation: the contact has no open conversation to comment on' };
  const comment = await createComment(rc.ctx, rc.tx, null, conv.id, {
    body: await renderForRun(rc, step.text),
    mentions: [],
  });
  return { next: step.next ?? null, detail: { commentId: comment.id } };
};
