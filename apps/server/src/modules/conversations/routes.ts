import { interactiveSchema } from '@charla/contracts/interactive';
import { z } from 'zod';
import type { Ctx } from '../../context';
import { ANY_MEMBER, memberOfRequest } from '../../http/access';
import type { App } from '../../http/types';
import { replyChannels } from '../messages/reply-channels';
import { sendReply } from '../messages/send';
import { listConversationMessages, markConversationRead } from '../messages/service';
import { conversationActionRoutes } from './action-routes';
import { listConversations, unreadCounts } from './list';
import { assertConversationVisible, getConversation } from './service';

const slugParams = z.object({ slug: z.string() });
const convParams = z.object({ slug: z.string(), id: z.coerce.number().int().positive() });

export function conversationRoutes(app: App, ctx: Ctx) {
  app.get(
    '/api/w/:slug/conversations',
    {
      config: { access: ANY_MEMBER },
      schema: {
        params: slugParams,
        querystring: z.object({
          view: z.enum(['mine', 'unassigned', 'all', 'team']).default('all'),
          teamId: z.coerce.number().int().positive().optional(),
          status: z.enum(['open', 'closed']).default('open'),
          channelId: z.coerce.number().int().positive().optional(),
          tagId: z.coerce.number().int().positive().optional(),
          search: z.string().max(200).optional(),
          cursor: z.string().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(500).optional(),
        }),
      },
    },
    async (req) => {
      const { member, scope } = memberOfRequest(req);
      return listConversations(scope, member, req.query);
    },
  );

  app.get(
    '/api/w/:slug/conversations/unread-counts',
    { config: { access: ANY_MEMBER }, schema: { params: slugParams } },
    async (req) => {
      const { member, scope } = memberOfRequest(req);
      return unreadCounts(scope, member);
    },
  );

  conversationActionRoutes(app, ctx);

  app.get(
    '/api/w/:slug/conversations/:id',
    { config: { access: ANY_MEMBER }, schema: { params: convParams } },
    async (req) => {
      const { member, scope } = memberOfRequest(req);
      return getConversation(scope, member, req.params.id);
    },
  );

  app.get(
    '/api/w/:slug/conversations/:id/messages',
    {
      config: { access: ANY_MEMBER },
      schema: {
        params: convParams,
        querystring: z.object({
          afterId: z.coerce.number().int().optional(),
          limit: z.coerce.number().int().min(1).max(500).optional(),
        }),
      },
    },
    async (req) => {
      const { member, scope } = memberOfRequest(req);
      await assertConversationVisible(scope, member, req.params.id);
      return { items: await listConversationMessages(scope, req.params.id, req.query) };
    },
  );

  app.post(
    '/api/w/:slug/conversations/:id/messages',
    {
      config: { access: ANY_MEMBER },
      schema: {
        params: convParams,
        body: z.object({
          text: z.string().max(20_000).optional(),
          channelId: z.number().int().positive().optional(),
          replyToMessageId: z.number().int().positive().optional(),
          fileIds: z.array(z.number().int().positive()).max(10).optional(),
          /** Messenger/Instagram outside the 24 h window: the message tag that applies to this reply. */
          messageTag: z
            .enum(['HUMAN_AGENT', 'ACCOUNT_UPDATE', 'POST_PURCHASE_UPDATE', 'CONFIRMED_EVENT_UPDATE'])
            .optional(),
          /** Up to 3 reply buttons, or a WhatsApp list with sections (numbered text on other channels). */
          interactive: interactiveSchema.optional(),
          /** A Messenger/Instagram comment (its message id) to answer with a private reply. */
          privateReplyTo: z.number().int().positive().optional(),
          /** A provider-approved template (WhatsApp) with its body parameters in order, instead of text. */
          template: z
            .object({
              id: z.number().int().positive(),
              parameters: z.array(z.string().max(1024)).max(20).default([]),
              /** The value of a TEXT header's variable (`$variables` allowed). */
              headerParameter: z.string().max(60).optional(),
              /** A file in Files for a media header (IMAGE, VIDEO or DOCUMENT), sent by its signed link. */
              headerFileId: z.number().int().positive().optional(),
              /** The `{{1}}` suffix of each URL button with one, in button order. */
              buttonParameters: z.array(z.string().max(2000)).max(10).default([]),
            })
            .optional(),
        }),
      },
    },
    async (req, reply) => {
      const { member, scope } = memberOfRequest(req);
      await assertConversationVisible(scope, member, req.params.id);
      return reply.status(201).send(await sendReply(ctx, scope, member, req.params.id, req.body));
    },
  );

  app.get(
    '/api/w/:slug/conversations/:id/reply-channels',
    { config: { access: ANY_MEMBER }, schema: { params: convParams } },
    async (req) => {
      const { member, scope } = memberOfRequest(req);
      await assertConversationVisible(scope, member, req.params.id);
      return replyChannels(ctx, scope, req.params.id);
    },
  );

  app.post(
    '/api/w/:slug/conversations/:id/read',
    { config: { access: ANY_MEMBER }, schema: { params: convParams } },
    async (req, reply) => {
      const { member, scope } = memberOfRequest(req);
      await assertConversationVisible(scope, member, req.params.id);
      await markConversationRead(ctx, scope, req.params.id);
      return reply.status(204).send();
    },
  );
}
