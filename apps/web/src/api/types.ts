import type { ContactImport } from '../contacts/import/importApi';
/** Payload shapes of the workspace API that are not (yet) in `@charla/contracts`. */

export type MessageDirection = 'in' | 'out';
export type ConversationStatus = 'open' | 'closed';
export type ConversationView = 'mine' | 'unassigned' | 'all' | 'team';
export type PresenceStatus = 'online' | 'away' | 'offline';

export interface ChannelRef {
  id: number;
  type: string;
  name: string;
}

export interface Conversation {
  id: number;
  status: ConversationStatus;
  contact: {
    id: number;
    name: string;
    firstName: string | null;
    lastName: string | null;
    phone: string | null;
    email: string | null;
    blocked: boolean;
  };
  assignee: { id: number; name: string } | null;
  assigneeTeam: { id: number; name: string } | null;
  lastMessage: { body: string | null; direction: MessageDirection; createdAt: string } | null;
  lastChannel: ChannelRef | null;
  unreadCount: number;
  openedAt: string;
  closedAt: string | null;
  closingCategory: string | null;
  closingSummary: string | null;
  botPausedUntil: string | null;
}

export interface ConversationPage {
  items: Conversation[];
  nextCursor: string | null;
}

export interface UnreadCounts {
  all: number;
  mine: number;
  unassigned: number;
  teams: { teamId: number; unread: number }[];
}

export interface Comment {
  id: number;
  conversationId: number;
  body: string;
  author: { id: number; name: string } | null;
  mentions: { id: number; name: string }[];
  createdAt: string;
}

export interface AppNotification {
  id: number;
  kind: 'mention' | 'assignment';
  conversationId: number;
  contactName: string;
  actorName: string | null;
  excerpt: string | null;
  read: boolean;
  createdAt: string;
}

export interface NotificationsResponse {
  unread: number;
  items: AppNotification[];
}

export interface Snippet {
  id: number;
  shortcut: string;
  text: string;
}

export interface Tag {
  id: number;
  name: string;
  color: string | null;
}

export interface Team {
  id: number;
  name: string;
  capacity: number | null;
  memberIds: number[];
}

export interface ReplyChannel extends ChannelRef {
  unreachable: boolean;
  lastInboundAt: string | null;
  windowHours: number | null;
  windowClosesAt: string | null;
  windowOpen: boolean;
  /** Approved templates can be sent on it (WhatsApp): the only replies allowed once the window closed. */
  templates: boolean;
  /** Email: the subject the reply goes out with. */
  subject: string | null;
  /** Messenger/Instagram: the message tags a reply may carry once the window has closed. */
  messageTags: MessageTag[];
  /** The contact has no address on this channel yet: a reply goes to this phone number (WhatsApp, SMS). */
  viaPhone?: string | null;
}

export type MessageTag = 'HUMAN_AGENT' | 'ACCOUNT_UPDATE' | 'POST_PURCHASE_UPDATE' | 'CONFIRMED_EVENT_UPDATE';

/** A provider-approved message template of a channel (WhatsApp). */
export interface MessageTemplate {
  id: number;
  channelId: number;
  name: string;
  language: string;
  category: string;
  status: string;
  /** The body text with `{{…}}` placeholders. */
  body: string;
  /** Placeholder names in order: the parameters to fill. */
  parameters: string[];
  parameterCount: number;
  parameterFormat: 'POSITIONAL' | 'NAMED';
  /** A media header: the send needs a file of this kind. */
  /** A TEXT header with a variable: its text and the variable's name (the send gives its value). */
  textHeader: { text: string; parameter: string } | null;
  mediaHeader: 'IMAGE' | 'VIDEO' | 'DOCUMENT' | null;
  /** URL buttons ending in `{{1}}`: each needs its suffix; `index` is the button's position. */
  urlButtons: { index: number; text: string; url: string }[];
  quality: string | null;
  statusReason: string | null;
  updatedAt: string;
}

export interface ReplyChannels {
  defaultChannelId: number | null;
  items: ReplyChannel[];
}

export type ClosingNotesMode = 'off' | 'optional' | 'category' | 'required';

export interface WorkspaceSettings {
  general: { name: string; timezone: string; locale: 'es' | 'en'; defaultCountry: string | null };
  closingNotes: { mode: ClosingNotesMode; categories: string[] };
  businessHours: BusinessHours;
}

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export interface TimeRange {
  from: string;
  to: string;
}
export interface BusinessHours {
  enabled: boolean;
  days: Record<Weekday, TimeRange[]>;
  awayMessage: string;
}

export interface ApiToken {
  id: number;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  createdBy: { id: number; name: string } | null;
}

export interface Webhook {
  id: number;
  url: string;
  events: string[];
  enabled: boolean;
  createdAt: string;
}

export interface WebhookDelivery {
  id: number;
  eventId: string;
  event: string;
  contactId: number | null;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastDurationMs: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  createdAt: string;
  log: { attempt: number; statusCode: number | null; durationMs: number; error: string | null; at: string }[];
}

export interface UploadedFile {
  id: number;
  name: string;
  mime: string;
  size: number;
  url: string;
}

/** A file in the workspace's Files library, as Settings → Files and "attach from Files" list it. */
export interface LibraryFile extends UploadedFile {
  source: 'upload' | 'channel';
  uploadedBy: { id: number; name: string } | null;
  createdAt: string;
}

export type MessageStatus = 'received' | 'pending' | 'sent' | 'delivered' | 'read' | 'failed';

export interface Attachment {
  url: string;
  type: string;
  name: string | null;
  mime: string | null;
  size: number | null;
  /** pending: the server is still fetching it from the provider; failed: it could not (see `error`). */
  state: 'ready' | 'pending' | 'failed';
  error: string | null;
}

export interface MessageComment {
  id: string;
  postId: string | null;
  permalink: string | null;
  privateReplyMessageId: number | null;
  privateReplyUntil: string;
  /** Meta refused the last private reply for good: the comment can be answered again. */
  privateReplyFailure: { code: string; reason: string } | null;
}

export interface Message {
  id: number;
  conversationId: number;
  direction: MessageDirection;
  senderKind: 'contact' | 'user' | 'bot' | 'system' | 'api' | 'workflow' | 'broadcast';
  senderName: string | null;
  body: string | null;
  /** An email's subject. */
  subject?: string | null;
  /** An email over the server's size cap: only its headers were stored (sizes in bytes). */
  tooLarge?: { size: number; limit: number } | null;
  /** A public comment on a Messenger/Instagram post: its ids and its one private reply. */
  comment?: MessageComment | null;
  attachments: Attachment[];
  status: MessageStatus;
  errorCode: string | null;
  errorReason: string | null;
  channel: ChannelRef | null;
  createdAt: string;
}

export interface Contact {
  id: number;
  name: string;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  email: string | null;
  createdAt: string;
  assigneeUserId: number | null;
  customFields: Record<string, unknown>;
  tags: Tag[];
  lastActivityAt: string | null;
}

export interface Channel {
  id: number;
  type: string;
  name: string;
  status: string;
  /** Why the channel is not healthy, in the provider's words (beyond the documented contract). */
  statusReason?: string | null;
  webhookUrl: string;
}

/** A new channel with the values shown only once: the custom channel's `secret`, a Meta channel's `verifyToken`. */
export interface CreatedChannel {
  channel: Channel;
  secret?: string;
  verifyToken?: string;
}

export interface Member {
  userId: number;
  name: string;
  email: string;
  role: 'owner' | 'manager' | 'agent';
  accessLevel: 'all' | 'team' | 'assigned';
  presence: PresenceStatus;
  status: 'active' | 'invited';
}

export interface OutboxEmail {
  id: number;
  to: string;
  subject: string;
  text: string;
  createdAt: string;
}

export interface ItemsResponse<T> {
  items: T[];
}

/** Socket.IO events the server sends to the agent app. */
export interface ServerToClientEvents {
  'message.created': (payload: { conversationId: number; message: Message }) => void;
  'message.updated': (payload: { conversationId: number; message: Message }) => void;
  'conversation.updated': (payload: { conversation: Conversation }) => void;
  'conversation.removed': (payload: { conversationId: number }) => void;
  'comment.created': (payload: { conversationId: number; comment: Comment }) => void;
  'notification.created': (payload: { notificationId: number }) => void;
  presence: (payload: { userId: number; status: PresenceStatus }) => void;
  'visitor.typing': (payload: { conversationId: number; contactId: number; typing: boolean }) => void;
  /** Only the contact's id is read: the details are refetched (the payload is the list's shape, not the page's). */
  'contact.updated': (payload: { contact: { id: number } }) => void;
  /** To owners and managers, after each batch of a running import. */
  'contact-import.progress': (payload: ContactImport) => void;
}

export type IdentifierKind = 'phone' | 'email';

export interface ContactIdentifier {
  id: number;
  kind: IdentifierKind;
  value: string;
  /** A channel type (`whatsapp`, `custom`…) or `form`, `workflow`, `api`, `agent`, `import`. */
  source: string;
  verified: boolean;
  createdAt: string;
}

export interface Tag {
  id: number;
  name: string;
  color: string | null;
}

export interface ContactDetails extends Contact {
  country: string | null;
  customFields: Record<string, unknown>;
  mergedIntoId: number | null;
  identifiers: ContactIdentifier[];
  channels: {
    id: number;
    channel: ChannelRef;
    externalId: string;
    displayName: string | null;
    lastInboundAt: string | null;
  }[];
  tags: Tag[];
  conversations: { id: number; status: ConversationStatus; openedAt: string; lastMessageAt: string | null }[];
}

export interface ContactActivity {
  /** `a<id>` for an activity, `w<id>` for a workflow step. */
  id: string;
  kind: string;
  data: Record<string, unknown>;
  actor: { id: number; name: string } | null;
  createdAt: string;
}

export interface ContactSummary {
  id: number;
  name: string;
  phone: string | null;
  email: string | null;
  createdAt: string;
}

export interface MergeSuggestion {
  id: number;
  /** `channel`: Meta named one contact's Messenger address as the other's (reasonValue is that address). */
  reasonKind: IdentifierKind | 'channel';
  reasonValue: string;
  status: 'open' | 'dismissed' | 'merged';
  createdAt: string;
  contacts: [ContactSummary, ContactSummary];
}

export interface ContactMerge {
  id: number;
  trigger: 'manual' | 'auto';
  kept: { id: number; name: string };
  merged: { id: number; name: string };
  actor: { id: number; name: string } | null;
  createdAt: string;
  splitAt: string | null;
}

export type CustomFieldType = 'text' | 'number' | 'date' | 'time' | 'checkbox' | 'list' | 'email' | 'url';

export interface CustomField {
  id: number;
  key: string;
  label: string;
  type: CustomFieldType;
  options: string[];
}
