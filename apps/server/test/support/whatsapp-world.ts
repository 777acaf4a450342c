import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { type AttachmentRef, contacts, conversations, messages } from '../../src/db/schema';
import { createChannel } from '../../src/modules/channels/service';
import { OUTBOUND_JOB } from '../../src/modules/messages/service';
import { factories } from './factories';
import { startFakeGraph } from './fake-graph';
import { loginSession } from './http';
import { messageByProviderId, messageSettled } from './messages';
import { postMetaWebhook } from './meta-fixtures';
import { startTestRuntime } from './runtime';

export const APP_SECRET = 'test_app_secret';
export const TOKEN = 'EAAG-fake-whatsapp-token';
/** The phone number ids the fixtures were received on (each webhook change is routed on it). */
export const NUMBER = '106540352242922';
export const STATUS_NUMBER = '590000000000001';
const FIXTURE_NUMBERS = [NUMBER, STATUS_NUMBER, '110000000000001', '1234567890'];

/**
 * A Charla runtime with a workspace, a logged-in owner, a fake Graph API and one WhatsApp channel per
 * phone number the fixtures use, plus the helpers the WhatsApp tests share.
 */
export async function startWhatsAppWorld(overrides: Parameters<typeof startTestRuntime>[0] = {}) {
  const rt = await startTestRuntime(overrides);
  const graph = await startFakeGraph(TOKEN);
  const setup = await factories(rt.ctx).workspace();
  const session = await loginSession(rt.url, setup.owner.email);

  const addChannel = async (phoneNumberId: string, extra: Record<string, unknown> = {}) => {
    const { channel, shownOnce } = await createChannel(rt.ctx, setup.scope, {
      type: 'whatsapp',
      name: `WhatsApp ${phoneNumberId}`,
      config: {
        appSecret: APP_SECRET,
        accessToken: TOKEN,
        phoneNumberId,
        wabaId: '102290129340398',
        apiBaseUrl: graph.apiBaseUrl,
        ...extra,
      },
    });
    return { id: channel.id, type: channel.type, verifyToken: shownOnce.verifyToken! };
  };
  const channelFor: Record<string, Awaited<ReturnType<typeof addChannel>>> = {};
  for (const n of FIXTURE_NUMBERS) channelFor[n] = await addChannel(n);

  return {
    rt,
    graph,
    setup,
    session,
    channelFor,
    addChannel,
    /** POSTs a webhook body, signed, to the channel of that phone number id. */
    post: (phoneNumberId: string, body: Buffer | object) =>
      postMetaWebhook(rt.url, channelFor[phoneNumberId]!, APP_SECRET, body),
    message: (providerMessageId: string) => messageByProviderId(setup.scope, providerMessageId),
    /** An agent's reply in the conversation of the contact with that phone; returns the message id. */
    async reply(contactPhone: string, body: Record<string, unknown>) {
      const [c] = await setup.scope.find(contacts, eq(contacts.phone, contactPhone));
      const [conv] = await setup.scope.find(conversations, eq(conversations.contactId, c!.id));
      const res = await session.json('POST', `/api/w/${setup.ws.slug}/conversations/${conv!.id}/messages`, body);
      expect(res.status).toBe(201);
      return res.body.id as number;
    },
    settled: (id: number, statuses?: string[]) => messageSettled(setup.scope, id, statuses),
    /**
     * A reply stored as pending and queued on the first fixture number, bypassing the reply API (files
     * already in Files, a reply queued before the window closed); returns the message id.
     */
    async queueReply(contactPhone: string, body: string, attachments: AttachmentRef[] = []) {
      const [c] = await setup.scope.find(contacts, eq(contacts.phone, contactPhone));
      const [conv] = await setup.scope.find(conversations, eq(conversations.contactId, c!.id));
      const [row] = await setup.scope
        .insert(messages, {
          conversationId: conv!.id,
          contactId: c!.id,
          channelId: channelFor[NUMBER]!.id,
          direction: 'out',
          senderKind: 'user',
          body,
          attachments,
          status: 'pending',
        })
        .returning();
      await rt.ctx.jobs.send(OUTBOUND_JOB, { messageId: row!.id, attempt: 1 });
      return row!.id;
    },
    async close() {
      await graph.close();
      await rt.close();
    },
  };
}
export type WhatsAppWorld = Awaited<ReturnType<typeof startWhatsAppWorld>>;
