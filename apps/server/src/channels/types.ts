import type { ChatMenu } from '@charla/contracts/chat-menu';
import type { TemplateDraft } from '@charla/contracts/templates';
import type { z } from 'zod';
import type { OutboundList } from './buttons';

/** What a provider's webhook request looked like, as stored (raw body intact for re-verification). */
export interface WebhookRequest {
  rawBody: Buffer;
  /** Lower-cased header names. */
  headers: Record<string, string | undefined>;
  /** The query string without `?`. */
  query: string;
  /** The public URL the provider called (for URL-signed schemes such as Twilio's). */
  url: string;
}

export interface InboundSender {
  /** The sender's id on this channel (phone for SMS/WhatsApp, chat id, visitor id…). */
  externalId: string;
  name?: string;
  username?: string;
  avatarUrl?: string;
  phone?: string;
  email?: string;
  /** The channel itself proves the phone/email (a WhatsApp `wa_id`, an SMS sender, an email From). */
  identifiersVerified?: boolean;
  /**
   * The message does not open the provider's messaging window (a public comment on a post): the
   * address's `lastInboundAt` is left as it was, so free-form replies stay refused until they write.
   */
  windowless?: boolean;
}

export interface InboundAttachment {
  type: 'image' | 'audio' | 'video' | 'file' | 'sticker' | 'location' | 'contact' | 'unsupported';
  url?: string;
  /**
   * The provider's handle for media that needs the channel's credentials to download (a Graph media id,
   * a Telegram file_id, a Twilio media URL). When set and the adapter has `fetchMedia`, the bytes are
   * fetched into Files by a job after the message is stored.
   */
  ref?: string;
  /** Already stored in Files (a web chat visitor's upload). */
  fileId?: number;
  name?: string;
  mime?: string;
  size?: number;
}

/** A contact's name and picture as the provider knows them (see ChannelAdapter.fetchProfile). */
export interface ContactProfile {
  firstName?: string;
  lastName?: string;
  username?: string;
  avatarUrl?: string;
}

export interface FetchedMedia {
  bytes: Buffer;
  mime?: string;
  name?: string;
}

export interface InboundMessage {
  kind: 'message';
  providerMessageId: string;
  sender: InboundSender;
  text?: string;
  attachments: InboundAttachment[];
  timestamp?: Date;
  meta?: Record<string, unknown>;
  /**
   * Provider ids of earlier messages this one answers, nearest first (an email's In-Reply-To, then its
   * References from right to left). A message answering a thread of another contact on the channel
   * joins that thread (see modules/ingest/thread.ts).
   */
  threadRefs?: string[];
  /**
   * One part of a message the provider delivers in pieces (a concatenated SMS). Parts of one `group`
   * are kept as raw events until all `total` have arrived, then stored as one message whose provider id
   * is the first part's `providerMessageId` and whose text is the parts' texts in `index` order
   * (1-based). The adapter's `eventId` for a part must come from `partEventId` so siblings can be found.
   */
  part?: { group: string; index: number; total: number };
}

/**
 * The stored event id of one part of a multipart message (see InboundMessage.part): the group prefix
 * finds the siblings, the provider's id of the part keeps retries of the part deduplicated.
 */
export const partEventId = (group: string, index: number, providerId: string) =>
  `${partGroupPrefix(group)}${index}:${providerId}`;
export const partGroupPrefix = (group: string) => `part:${group}:`;

export interface StatusUpdate {
  kind: 'status';
  providerMessageId: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  errorCode?: string;
  errorReason?: string;
  timestamp?: Date;
  /**
   * A failure that is about the recipient (a permanent email bounce, "no such user"): the contact's
   * address on the channel is marked unreachable with the reason.
   */
  addressUnreachable?: boolean;
}

/**
 * "Everything sent to this recipient up to `watermark` was delivered/read", for providers whose receipts
 * name no message (Messenger's delivery and read watermarks).
 */
export interface WatermarkUpdate {
  kind: 'watermark';
  /** The recipient's id on this channel (the contact's externalId). */
  recipientExternalId: string;
  status: 'delivered' | 'read';
  watermark: Date;
}

/**
 * The provider changed the review status of one of the account's message templates (WhatsApp's
 * `message_template_status_update`). Names the template by the provider's id and by name + language.
 */
export interface TemplateStatusUpdate {
  kind: 'template';
  providerTemplateId: string;
  name: string;
  language: string;
  status: string;
  category?: string;
  reason?: string;
}

export type InboundEvent = InboundMessage | StatusUpdate | WatermarkUpdate | TemplateStatusUpdate;

/** A provider template as listed by the provider (see ChannelAdapter.listTemplates). */
export interface ProviderTemplate {
  providerTemplateId: string | null;
  name: string;
  language: string;
  category: string;
  status: string;
  parameterFormat: 'POSITIONAL' | 'NAMED';
  /** The BODY text with its `{{…}}` placeholders. */
  body: string;
  /** Placeholder names in order of first appearance. */
  parameters: string[];
  other: unknown[];
  quality: string | null;
}

/** A template message to send: its parameters are in the order of `parameterNames`. */
export interface OutboundTemplate {
  name: string;
  language: string;
  parameterFormat: 'POSITIONAL' | 'NAMED';
  parameterNames: string[];
  parameters: string[];
  /** The value of a TEXT header's variable (`name` for named templates). */
  headerText?: { text: string; name: string };
  /** A media header: the provider fetches the file from `link` (a signed link into Files). */
  header?: { type: 'image' | 'video' | 'document'; link: string; filename?: string };
  /** The suffix of each URL button with a variable, by the button's position in the template. */
  buttons?: { index: number; text: string }[];
}

export interface OutboundAttachment {
  /** A URL the provider can fetch without credentials (a signed, expiring link to the file in Files). */
  url: string;
  type: string;
  name?: string | null;
  mime?: string | null;
  /** For adapters that upload media instead of linking it (e.g. WhatsApp's /media). */
  load?: () => Promise<Buffer>;
}

export interface OutboundMessage {
  /** Our message id; adapters may send it as an idempotency key. */
  messageId: number;
  conversationId: number;
  recipient: { externalId: string };
  text?: string;
  attachments: OutboundAttachment[];
  /** The provider's id of the message this one answers (quoted reply), when the channel supports it. */
  replyTo?: string;
  /**
   * When the contact last wrote on this channel (null: never). Channels with a customer-service window
   * (Meta's 24 h) use it to pick the message type or to refuse before calling the provider.
   */
  lastInboundAt?: Date | null;
  /** The agent who wrote it, for channels that show a sender name (the web chat widget). */
  sender?: { name: string } | null;
  /** The stored message's meta (e.g. `buttons` for channels with quick-reply/inline keyboards). */
  meta?: Record<string, unknown>;
  /**
   * A provider-approved template (WhatsApp) instead of free text: `text` is then its rendered body, for
   * the record. Templates are accepted outside the customer-service window.
   */
  template?: OutboundTemplate;
  /** This channel's webhook URL, for providers that take a per-message status callback (Twilio, Vonage). */
  webhookUrl?: string;
  /**
   * The contact's last message on this channel (its provider id and meta), for channels whose replies
   * thread under it (email's In-Reply-To, References and "Re:" subject). Null: the contact never wrote.
   */
  lastInbound?: { providerMessageId: string; meta: Record<string, unknown> } | null;
  /** The workspace's name (an email's subject when there is no earlier one to answer). */
  workspaceName?: string;
}

/**
 * What the outbound job gives `send()` besides the message. Providers ignore it; a channel whose
 * recipients are connected to Charla itself (the web chat widget) pushes the message to them here.
 */
export interface SendContext {
  channelId: number;
  /** Emits `event` to the recipient's open connections on this channel (none: nothing happens). */
  pushToRecipient(externalId: string, event: string, payload: unknown): Promise<void>;
}

/**
 * What the deployment lets adapters reach when the configuration names a host (an email channel's
 * IMAP/SMTP servers): hosts that may be private (CHARLA_ALLOW_PRIVATE_HOSTS).
 */
export interface NetworkPolicy {
  allowPrivateHosts: string[];
}

/** What the webhook route answers once an event is durably stored (default: 200 `{"ok":true}`). */
export interface WebhookAck {
  status: number;
  contentType: string;
  body: string;
}

/**
 * A provider refusal. `retryable` failures are retried with backoff (or after `retryAfterSeconds`).
 * `addressUnreachable` says the refusal is about the recipient, not the message (bot blocked, number
 * unsubscribed, person unavailable): the contact's address on the channel is marked unreachable with
 * the reason, and replies on it are refused until the contact writes again.
 */
export class ChannelError extends Error {
  constructor(
    readonly code: string,
    readonly reason: string,
    readonly retryable: boolean,
    readonly retryAfterSeconds?: number,
    readonly addressUnreachable = false,
  ) {
    super(`${code}: ${reason}`);
    this.name = 'ChannelError';
  }
}

export type VerifyResult = { ok: true } | { ok: false; reason: string };

export interface ChannelCapabilities {
  media: boolean;
  buttons: boolean;
  templates: boolean;
  /** Hours after the contact's last message during which free-form replies are allowed; null = no window. */
  windowHours: number | null;
  /** Messages per second the provider accepts from one channel. */
  ratePerSecond: number;
}

/**
 * How to add a channel: create `channels/<name>/` with `schema.ts` (config), `verify.ts`,
 * `inbound.ts` (parse), `outbound.ts` (send), `client.ts` (HTTP to the provider's configurable base URL),
 * `errors.ts` (provider error → ChannelError) and `index.ts` exporting one ChannelAdapter; then add it to
 * `registry.ts`. The webhook route, storage, dedupe, jobs and retries are shared and need no change.
 */
/** An address made of a phone number: `prefix` + the E.164 number, with or without its `+`. */
export interface PhoneAddressFormat {
  prefix: string;
  plus: boolean;
}

export interface ChannelAdapter<Config = unknown> {
  type: string;
  configSchema: z.ZodType<Config>;
  capabilities: ChannelCapabilities;
  /**
   * Completes a configuration given by a user (e.g. generates a secret). Values in `shownOnce` are shown to
   * the user at creation and never again.
   */
  prepareConfig(input: unknown): { config: Config; shownOnce?: Record<string, string> };
  /** Checks the signature over the raw body. Runs before anything is stored. */
  verifyWebhook(req: WebhookRequest, config: Config): VerifyResult;
  /** The provider's id for this delivery: retries of one event share it, so it deduplicates storage. */
  eventId(req: WebhookRequest): string;
  /** May be async for formats that need a streaming parser (MIME email). */
  parseWebhook(req: WebhookRequest, config: Config): InboundEvent[] | Promise<InboundEvent[]>;
  /**
   * `meta` is merged into the stored message's meta (e.g. the subject and threading ids an email went out
   * with). `recipientAddress` is the recipient's own address on the channel when the provider names it and
   * it was not addressed by it (Meta's answer to a private reply carries the commenter's PSID): the contact
   * is linked to it (see identity/channel-address.ts).
   */
  send(
    message: OutboundMessage,
    config: Config,
    context?: SendContext,
  ): Promise<{ providerMessageId: string; meta?: Record<string, unknown>; recipientAddress?: string }>;
  /**
   * Downloads inbound media named by `attachment.ref` with the channel's credentials. Throw a
   * ChannelError (retryable or not) on failure. Adapters without it keep provider URLs as links.
   */
  fetchMedia?(attachment: InboundAttachment, config: Config): Promise<FetchedMedia>;
  /** Lists the account's message templates from the provider (all pages). Adapters with `capabilities.templates`. */
  listTemplates?(config: Config): Promise<ProviderTemplate[]>;
  /** Submits a new template for the provider's review; answers it as listed (status PENDING, usually). */
  createTemplate?(
    config: Config,
    draft: TemplateDraft,
    /** A media header's example file (`draft.headerFormat` IMAGE, VIDEO or DOCUMENT). */
    headerExample?: { bytes: Buffer; mime: string; name: string },
  ): Promise<ProviderTemplate>;
  /**
   * Runs once when the channel is created, after it has its id: registers the webhook with the provider
   * (Telegram's setWebhook) or checks the credentials. A ChannelError refuses the channel with its reason.
   */
  connect?(config: Config, channel: { id: number; webhookUrl: string }, policy: NetworkPolicy): Promise<void>;
  /**
   * Checks a configuration against the provider without creating anything (Settings' "Test connection"):
   * resolves when it works, throws a ChannelError with the provider's reason when it does not.
   */
  testConnection?(config: Config, policy: NetworkPolicy): Promise<void>;
  /**
   * Whether a message with this text can carry these reply buttons natively (WhatsApp's ≤ 3 buttons or
   * ≤ 10 list rows, Messenger's ≤ 13 quick replies, each with a title length limit). When false, or for
   * adapters without it and without `capabilities.buttons`, the options are sent as numbered text.
   */
  buttonsFit?(text: string, labels: string[]): boolean;
  /**
   * Whether a list with sections an agent composed (`meta.list`, WhatsApp's interactive list) can go as
   * one. Adapters without it get the rows as reply buttons (when they fit) or numbered text.
   */
  listFits?(text: string, list: OutboundList): boolean;
  /**
   * Tells the provider the agent has read the contact's message (WhatsApp's blue ticks, Messenger's
   * "seen"). Throw a ChannelError (retryable or not) on failure.
   */
  markRead?(message: { providerMessageId: string; externalId: string }, config: Config): Promise<void>;
  /**
   * The profile of a contact the channel knows only by an id (Messenger PSID, Instagram IGSID), fetched
   * from the provider after their first message. Throw a ChannelError on failure.
   */
  fetchProfile?(externalId: string, config: Config): Promise<ContactProfile>;
  /**
   * Channels that address people by phone number (WhatsApp, SMS): how a contact's E.164 phone is written
   * as an address here, so that a contact known only by their number (an import, a form) can be written to
   * first. Null when this configuration cannot (an alphanumeric sender). See contacts/phone-address.ts.
   */
  phoneAddress?(config: Config): PhoneAddressFormat | null;
  /**
   * The message tags a reply may carry once the window has closed (Messenger's ACCOUNT_UPDATE…, HUMAN_AGENT
   * with permission), for a contact who last wrote at `lastInboundAt`. The chosen one travels in
   * `meta.messageTag`. Adapters without it have no tags.
   */
  messageTags?(config: Config, lastInboundAt: Date | null): string[];
  /**
   * The channel's chat menu at the provider (Messenger's get-started button, persistent menu and ice
   * breakers; Instagram's menu and ice breakers): `push` replaces it, throwing a ChannelError with the
   * provider's reason when refused. The menu is kept in the channel's config as `chatMenu`.
   */
  chatMenu?: { getStarted: boolean; locales: boolean; push(config: Config, menu: ChatMenu): Promise<void> };
  /** Optional GET handshake (Meta's hub.challenge). */
  handshake?(query: URLSearchParams, config: Config): { status: number; body: string };
  /**
   * The provider also delivers events as GET requests with the payload in the query string (Vonage
   * inbound SMS, MessageBird SMS status reports). They go through verify → store → ack like POSTs.
   * Ignored when the adapter has a `handshake`.
   */
  acceptsGet?: boolean;
  /**
   * The answer the provider expects once the event is stored (Twilio: empty TwiML; Telegram may carry
   * a Bot API call such as answerCallbackQuery). Also used for duplicates. Must not throw.
   */
  webhookAck?(req: WebhookRequest, config: Config): WebhookAck;
}
