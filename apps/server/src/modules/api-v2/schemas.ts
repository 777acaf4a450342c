import { FILTER_OPERATORS } from '@charla/contracts';
import { z } from 'zod';

/**
 * The developer API's shapes (respond.io v2-compatible). The routes validate with these and the OpenAPI
 * document is generated from them, so the two cannot drift. Where each shape comes from (respond.io's
 * TypeScript SDK, its n8n node, its MCP server, or our best guess) is listed in docs/api-v2.md.
 */

export const errorSchema = z
  .object({
    code: z.number().int().meta({ description: 'The HTTP status, as respond.io sends it.' }),
    message: z.string(),
    error: z.string().meta({ description: 'Charla only: a stable machine-readable reason (`contact_exists`…).' }),
  })
  .loose()
  .meta({ title: 'Error', description: 'Every error: `{code, message}` like respond.io, plus `error`.' });

export const identifierParam = z.string().min(3).meta({
  description:
    'The contact: `id:123`, `email:ana@example.com` or `phone:+5215512345678` (any format the workspace normalizer accepts; national numbers use the workspace default country).',
  example: 'phone:+5215512345678',
});

export const contactParams = z.object({ identifier: identifierParam });

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(10),
  cursorId: z.coerce
    .number()
    .int()
    .optional()
    .meta({ description: 'Items older than this id; 0 or less (respond.io clients send 0) means the first page.' }),
});

export const paginationSchema = z.object({
  next: z.string().nullable().meta({ description: 'The absolute URL of the next page, or null on the last one.' }),
  previous: z
    .string()
    .nullable()
    .meta({ description: 'The absolute URL of the previous page, or null on the first one.' }),
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
    custom_fields: z
      .array(z.object({ name: z.string(), value: z.unknown() }))
      .nullable()
      .optional(),
  })
  .meta({ title: 'ContactInput' });

export const contactIdAnswer = z.object({ contactId: z.number().int() });

/** respond.io answers a creation with a code and a message (SDK: `{code: string, message}`); we add the id. */
export const contactCreatedAnswer = z.object({ code: z.string(), message: z.string(), contactId: z.number().int() });

/** respond.io's answer to actions that return nothing else (SDK: `{code: number, message}`). */
export const doneAnswer = z.object({ code: z.number().int(), message: z.string() });

const tagName = z.string().trim().min(1).max(80);
/**
 * A JSON array of tag names (respond.io's SDK and n8n node), or `{tags: [...]}` as respond.io's own MCP
 * server sends it.
 */
export const tagNames = z.union([
  z.array(tagName).min(1).max(10),
  z.object({ tags: z.array(tagName).min(1).max(10) }).transform((b) => b.tags),
]);

export const lifecycleBody = z.object({
  name: z.string().trim().max(100).nullable().meta({ description: 'The lifecycle stage, or null to remove it.' }),
});

const filterOperator = z.enum(FILTER_OPERATORS);
export type FilterOperator = z.infer<typeof filterOperator>;

export const filterCondition = z.object({
  category: z.enum(['contactField', 'contactTag', 'lifecycle']),
  field: z
    .string()
    .max(100)
    .nullish()
    .transform((f) => f ?? undefined),
  operator: filterOperator,
  value: z.unknown().optional(),
});
export type FilterCondition = z.infer<typeof filterCondition>;

export const contactListBody = z
  .object({
    search: z.string().max(200).optional(),
    timezone: z.string().max(64).optional(),
    // respond.io's clients send `{ $and: [] }` or `{ $or: [] }` (empty: every contact), sometimes both keys.
    filter: z
      .object({ $and: z.array(filterCondition).max(50).optional(), $or: z.array(filterCondition).max(50).optional() })
      .optional(),
  })
  .meta({ title: 'ContactListRequest' });
export type ContactListBody = z.infer<typeof contactListBody>;

/** The list filter as one group: `$and` conditions, ANDed with the `$or` ones as a nested group when both come. */
export function filterGroup(filter: NonNullable<ContactListBody['filter']>) {
  const all = filter.$and ?? [];
  const any = filter.$or ?? [];
  if (all.length === 0) return { $or: any };
  return { $and: any.length > 0 ? [...all, { $or: any }] : all };
}

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

/**
 * respond.io's channel `source` names (SDK `ChannelSource`) for our channel types; web chat has none there.
 */
export const CHANNEL_SOURCES: Record<string, string> = {
  whatsapp: 'whatsapp_cloud',
  messenger: 'facebook',
  instagram: 'instagram',
  telegram: 'telegram',
  custom: 'custom_channel',
  email: 'other_email',
  twilio: 'twilio',
  vonage: 'nexmo',
  messagebird: 'message_bird',
};
export const channelSource = (type: string) => CHANNEL_SOURCES[type] ?? type;

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

/** respond.io's clients send reply titles as strings (SDK, n8n); our earlier objects are still accepted. */
const quickReply = z.union([
  z.string().min(1).max(20),
  z.object({ type: z.literal('text').default('text'), title: z.string().min(1).max(20) }).transform((r) => r.title),
]);
const attachmentType = z.enum(['image', 'video', 'audio', 'file']);

export const outgoingMessage = z
  .discriminatedUnion('type', [
    z.object({
      type: z.literal('text'),
      text: z.string().min(1).max(4096),
      messageTag: z
        .string()
        .optional()
        .meta({ description: 'Accepted for compatibility (Messenger message tags); Charla picks tags itself.' }),
    }),
    z.object({
      type: z.literal('attachment'),
      attachment: z.object({ type: attachmentType, url: z.url(), fileName: z.string().optional() }),
    }),
    z.object({
      type: z.literal('quick_reply'),
      title: z.string().min(1).max(1024),
      replies: z.array(quickReply).min(1).max(13),
    }),
    z
      .object({
        type: z.literal('email'),
        // The SDK sends the body as `text`, respond.io's n8n node as `message`.
        text: z.string().min(1).optional(),
        message: z.string().min(1).optional(),
        subject: z.string().max(998).optional(),
        cc: z.union([z.array(z.email()), z.email()]).optional(),
        bcc: z.union([z.array(z.email()), z.email()]).optional(),
        replyToMessageId: z.coerce.number().int().positive().optional(),
        attachments: z
          .array(z.object({ type: attachmentType, url: z.url(), fileName: z.string().optional() }))
          .max(10)
          .optional(),
      })
      .refine((m) => m.text ?? m.message, { message: 'text is required', path: ['text'] }),
    z.object({
      type: z.literal('whatsapp_template'),
      template: z.object({
        name: z.string().min(1),
        languageCode: z.string().min(1),
        components: z.array(z.unknown()).optional().meta({
          description:
            'WhatsApp Cloud API components: `{type: "body", parameters: [{type: "text", text}]}`; `{type: "header", parameters: [{type: "text", text}]}` or, for a media header, `[{type: "image"|"video"|"document", image|video|document: {link: "https://…", filename?}}]`; `{type: "button", sub_type: "url", index, parameters: [{type: "text", text}]}`.',
        }),
      }),
    }),
    z.object({ type: z.literal('custom_payload'), payload: z.record(z.string(), z.unknown()) }),
  ])
  .meta({ title: 'OutgoingMessage' });
export type OutgoingMessage = z.infer<typeof outgoingMessage>;

export const sendMessageBody = z.object({
  channelId: z
    .number()
    .int()
    .positive()
    .nullish()
    .meta({ description: 'The channel; omitted or null: the last channel the contact interacted on.' }),
  message: outgoingMessage,
});

export const messageIdAnswer = z.object({ contactId: z.number().int(), messageId: z.number().int() });

export const messageStatus = z.object({
  value: z.enum(['pending', 'sent', 'delivered', 'read', 'failed']),
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
    status: z.array(messageStatus).optional().meta({ description: 'Outgoing messages only.' }),
    sender: z
      .object({
        source: z.enum(['user', 'workflow', 'api', 'broadcast', 'contact', 'echo', 'ai_agent']),
        userId: z.number().int().optional(),
      })
      .meta({ description: 'Who sent it (`contact` for incoming messages).' }),
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
    role: z.enum(['owner', 'manager', 'agent']),
    team: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    restrictions: z.array(z.string()),
  })
  .meta({ title: 'User' });

export const customFieldSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    slug: z.string(),
    description: z.string().nullable(),
    dataType: z.string(),
    allowedValues: z.array(z.string()),
  })
  .meta({ title: 'CustomField' });

export const customFieldBody = z.object({
  name: z.string().trim().min(1).max(80),
  slug: z
    .string()
    .nullish()
    .transform((s) => s || undefined),
  description: z.string().max(255).nullish(),
  dataType: z.enum(['text', 'list', 'checkbox', 'email', 'number', 'url', 'date', 'time']),
  allowedValues: z.array(z.string().trim().min(1).max(80)).max(100).nullish(),
});

export const tagSchema = z
  .object({ id: z.number().int(), name: z.string(), colorCode: z.string().nullable() })
  .meta({ title: 'Tag' });
/** respond.io's n8n node sends every field, empty ones as `''`: an empty value means "not given". */
const blankAsAbsent = <T extends z.ZodType>(schema: T) =>
  z
    .union([z.literal(''), schema])
    .optional()
    .transform((v) => (v === '' ? undefined : (v as z.output<T> | undefined)));

export const tagBody = z.object({
  name: z.string().trim().min(1).max(80),
  colorCode: blankAsAbsent(z.string().max(20).nullable()),
  description: z.string().max(255).nullish().meta({ description: 'Accepted; Charla tags have no description.' }),
  emoji: z.string().max(20).nullish().meta({ description: 'Accepted; Charla tags have no emoji.' }),
});
export const tagUpdateBody = z.object({
  currentName: z.string().trim().min(1),
  name: blankAsAbsent(z.string().trim().min(1).max(80)),
  colorCode: blankAsAbsent(z.string().max(20).nullable()),
  description: z.string().max(255).nullish(),
  emoji: z.string().max(20).nullish(),
});
export const tagDeleteBody = z.object({ name: z.string().trim().min(1) });

export const spaceChannelSchema = z
  .object({ id: z.number().int(), name: z.string(), source: z.string(), created_at: z.number().int() })
  .meta({ title: 'SpaceChannel' });

export const closingNoteSchema = z.object({ category: z.string(), description: z.string().nullable() });
export const spaceChannelSourceNote =
  'respond.io source names (`whatsapp_cloud`, `facebook`, `custom_channel`, `other_email`, `nexmo`, `message_bird`…); web chat is `webchat`.';

export const templateSchema = z
  .object({
    id: z.number().int(),
    channelId: z.number().int(),
    name: z.string(),
    languageCode: z.string(),
    category: z.string().nullable(),
    status: z.string(),
    body: z.string().nullable(),
    components: z.array(z.record(z.string(), z.unknown())),
  })
  .meta({ title: 'Template' });

export const unix = (d: Date | null | undefined) => (d ? Math.floor(d.getTime() / 1000) : null);
