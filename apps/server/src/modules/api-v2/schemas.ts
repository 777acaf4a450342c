import { FILTER_OPERATORS } from '@charla/contracts';
import { z } from 'zod';

/**
 * The developer API's shapes (respond.io v2-compatible). The routes validate with these and the OpenAPI
 * document is generated from them, so the two cannot drift.
 */

export const errorSchema = z
  .object({ code: z.string(), message: z.string() })
  .loose()
  .meta({ title: 'Error', description: 'Every error: a stable code and a readable message.' });

export const identifierParam = z.string().min(3).meta({
  description:
    'The contact: `id:123`, `email:ana@example.com` or `phone:+5215512345678` (any format the workspace normalizer accepts; national numbers use the workspace default country).',
  example: 'phone:+5215512345678',
});

export const contactParams = z.object({ identifier: identifierParam });

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(10),
  cursorId: z.coerce.number().int().positive().optional(),
});

export const paginationSchema = z.object({
  next: z.string().nullable().meta({ description: 'The URL of the next page, or null on the last one.' }),
  previous: z.string().nullable().meta({ description: 'The URL of the previous page, or null on the first one.' }),
});

export const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), pagination: paginationSchema });

export const customFieldValue = z.object({ name: z.string(), value: z.unknown() });

export const contactSchema = z
  .object({
    id: z.number().int(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    language: z.string().nullable(),
    profilePic: z.string().nullable(),
    countryCode: z.string().nullable(),
    status: z.enum(['open', 'close']).nullable(),
    lifecycle: z.string().nullable(),
    tags: z.array(z.string()),
    assignee: z
      .object({ id: z.number().int(), firstName: z.string(), lastName: z.string(), email: z.string() })
      .nullable(),
    created_at: z.number().int().meta({ description: 'Unix seconds' }),
    custom_fields: z.array(customFieldValue),
  })
  .meta({ title: 'Contact' });

export const contactInput = z
  .object({
    firstName: z.string().max(200).nullable().optional(),
    lastName: z.string().max(200).nullable().optional(),
    phone: z.string().max(50).nullable().optional(),
    email: z.string().max(320).nullable().optional(),
    language: z.string().max(20).nullable().optional(),
    profilePic: z.string().max(2000).nullable().optional(),
    countryCode: z.string().max(2).nullable().optional(),
    custom_fields: z.array(z.object({ name: z.string(), value: z.unknown() })).optional(),
  })
  .meta({ title: 'ContactInput' });

export const contactIdAnswer = z.object({ contactId: z.number().int() });

export const tagNames = z.array(z.string().trim().min(1).max(80)).min(1).max(10);

const filterOperator = z.enum(FILTER_OPERATORS);
export type FilterOperator = z.infer<typeof filterOperator>;

export const filterCondition = z.object({
  category: z.enum(['contactField', 'contactTag', 'lifecycle']),
  field: z.string().max(100).optional(),
  operator: filterOperator,
  value: z.unknown().optional(),
});
export type FilterCondition = z.infer<typeof filterCondition>;

export const contactListBody = z
  .object({
    search: z.string().max(200).optional(),
    timezone: z.string().max(64).optional(),
    filter: z
      .union([
        z.object({ $and: z.array(filterCondition).max(50) }),
        z.object({ $or: z.array(filterCondition).max(50) }),
      ])
      .optional(),
  })
  .meta({ title: 'ContactListRequest' });
export type ContactListBody = z.infer<typeof contactListBody>;

export const mergeBody = z.object({
  contactIds: z.array(z.number().int().positive()).length(2),
  firstName: z.string().nullable().optional(),
  lastName: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
  language: z.string().nullable().optional(),
  profilePic: z.string().nullable().optional(),
  countryCode: z.string().nullable().optional(),
});

export const channelSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    source: z.string(),
    meta: z.record(z.string(), z.unknown()),
    lastMessageTime: z.number().int().nullable(),
    lastIncomingMessageTime: z.number().int().nullable(),
    created_at: z.number().int(),
  })
  .meta({ title: 'Channel' });

const quickReply = z.object({ type: z.literal('text').default('text'), title: z.string().min(1).max(20) });

export const outgoingMessage = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('text'), text: z.string().min(1).max(4096) }),
    z.object({
      type: z.literal('attachment'),
      attachment: z.object({
        type: z.enum(['image', 'video', 'audio', 'file']),
        url: z.url(),
        fileName: z.string().optional(),
      }),
    }),
    z.object({
      type: z.literal('quick_reply'),
      title: z.string().min(1).max(1024),
      replies: z.array(quickReply).min(1).max(13),
    }),
    z.object({
      type: z.literal('email'),
      text: z.string().min(1),
      subject: z.string().max(998).optional(),
    }),
    z.object({
      type: z.literal('whatsapp_template'),
      template: z.object({
        name: z.string().min(1),
        languageCode: z.string().min(1),
        components: z.array(z.unknown()).optional(),
      }),
    }),
    z.object({ type: z.literal('custom_payload'), payload: z.record(z.string(), z.unknown()) }),
  ])
  .meta({ title: 'OutgoingMessage' });
export type OutgoingMessage = z.infer<typeof outgoingMessage>;

export const sendMessageBody = z.object({
  channelId: z.number().int().positive().optional(),
  message: outgoingMessage,
});

export const messageIdAnswer = z.object({ contactId: z.number().int(), messageId: z.number().int() });

export const messageStatus = z.object({
  value: z.enum(['pending', 'sent', 'delivered', 'read', 'failed', 'received']),
  timestamp: z.number().int(),
  message: z.string().optional(),
});

export const messageSchema = z
  .object({
    messageId: z.number().int(),
    channelMessageId: z.string().nullable(),
    contactId: z.number().int(),
    channelId: z.number().int().nullable(),
    traffic: z.enum(['incoming', 'outgoing']),
    message: z.record(z.string(), z.unknown()),
    status: z.array(messageStatus),
  })
  .meta({ title: 'Message' });

export const messageParams = contactParams.extend({ messageId: z.coerce.number().int().positive() });

export const assigneeBody = z.object({
  assignee: z
    .union([z.number().int().positive(), z.string().min(3), z.null()])
    .meta({ description: 'A user id, a user email, or null to unassign.' }),
});

export const statusBody = z.object({
  status: z.enum(['open', 'close']),
  category: z.string().max(80).optional(),
  summary: z.string().max(2000).optional(),
});

export const commentBody = z.object({ text: z.string().trim().min(1).max(1000) });
export const commentAnswer = z.object({ contactId: z.number().int(), text: z.string(), created_at: z.number().int() });

export const userSchema = z
  .object({
    id: z.number().int(),
    firstName: z.string(),
    lastName: z.string(),
    email: z.string(),
    role: z.string(),
  })
  .meta({ title: 'User' });

export const customFieldSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    slug: z.string(),
    dataType: z.string(),
    allowedValues: z.array(z.string()),
  })
  .meta({ title: 'CustomField' });

export const tagSchema = z
  .object({ id: z.number().int(), name: z.string(), colorCode: z.string().nullable() })
  .meta({ title: 'Tag' });
export const tagBody = z.object({
  name: z.string().trim().min(1).max(80),
  colorCode: z.string().max(20).nullable().optional(),
});
export const tagUpdateBody = z.object({
  currentName: z.string().trim().min(1),
  name: z.string().trim().min(1).max(80).optional(),
  colorCode: z.string().max(20).nullable().optional(),
});
export const tagDeleteBody = z.object({ name: z.string().trim().min(1) });

export const spaceChannelSchema = z
  .object({ id: z.number().int(), name: z.string(), source: z.string(), created_at: z.number().int() })
  .meta({ title: 'SpaceChannel' });

export const closingNoteSchema = z.object({ category: z.string(), description: z.string().nullable() });

export const templateSchema = z
  .object({
    id: z.number().int(),
    channelId: z.number().int(),
    name: z.string(),
    languageCode: z.string(),
    category: z.string().nullable(),
    status: z.string(),
    body: z.string().nullable(),
  })
  .meta({ title: 'Template' });

export const unix = (d: Date | null | undefined) => (d ? Math.floor(d.getTime() / 1000) : null);
