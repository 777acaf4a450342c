import { eq } from 'drizzle-orm';
import type { Ctx } from '../../context';
import { messages } from '../../db/schema';
import { notFound } from '../../http/errors';
import type { V2Registry } from './define';
import { contactOf } from './identifier';
import { messageDto } from './message-dto';
import { keysetPage, sqlBounds } from './pagination';
import { sendByApi } from './send';
import {
  contactParams,
  messageIdAnswer,
  messageParams,
  messageSchema,
  page,
  pageQuery,
  sendMessageBody,
} from './schemas';

const tag = 'Messaging';

export function messageRoutes(v2: V2Registry, ctx: Ctx) {
  v2.route(
    {
      method: 'POST',
      url: '/v2/contact/:identifier/message',
      tag,
      summary: 'Send a message (on the last interacted channel unless channelId is given)',
      params: contactParams,
      body: sendMessageBody,
      response: messageIdAnswer,
      errors: [404, 409],
    },
    async ({ params, body, member, scope }) => {
      const contact = await contactOf(scope, member, params.identifier);
      return { contactId: contact.id, messageId: await sendByApi(ctx, scope, member, contact, body) };
    },
  );

  v2.route(
    {
      method: 'GET',
      url: '/v2/contact/:identifier/message/:messageId',
      tag,
      summary: 'Get a message with its status history',
      params: messageParams,
      response: messageSchema,
      errors: [404],
    },
    async ({ params, member, scope }) => {
      const contact = await contactOf(scope, member, params.identifier);
      const m = await scope.first(messages, eq(messages.id, params.messageId), eq(messages.contactId, contact.id));
      if (!m) throw notFound('Message');
      return messageDto(m);
    },
  );

  v2.route(
    {
      method: 'GET',
      url: '/v2/contact/:identifier/message/list',
      tag,
      summary: "The contact's messages, newest first",
      params: contactParams,
      query: pageQuery,
      response: page(messageSchema),
      errors: [404],
    },
    async ({ params, query, member, scope }) => {
      const contact = await contactOf(scope, member, params.identifier);
      const result = await keysetPage(
        `/v2/contact/${encodeURIComponent(params.identifier)}/message/list`,
        query,
        async (b) => {
          const { where, orderBy } = sqlBounds(messages.id, b);
          return scope.find(messages, eq(messages.contactId, contact.id), where).orderBy(orderBy).limit(b.limit);
        },
      );
      return { ...result, items: result.items.map(messageDto) };
    },
  );
}
