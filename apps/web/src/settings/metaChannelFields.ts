/** The Meta channel types Settings → Channels can add, and the config fields each asks for. */
export type MetaChannelType = 'whatsapp' | 'messenger' | 'instagram';

type FieldKey =
  | 'accessToken'
  | 'pageAccessToken'
  | 'phoneNumberId'
  | 'wabaId'
  | 'pageId'
  | 'instagramAccountId'
  | 'appSecret'
  | 'verifyToken'
  | 'apiBaseUrl'
  | 'humanAgentTag';

export interface MetaField {
  /** The config key sent to the server (and the i18n key under settings.channels.addMeta.fields). */
  key: FieldKey;
  /** An explanation under the field (settings.channels.addMeta.hints). */
  hint?: 'verifyToken' | 'apiBaseUrl' | 'humanAgentTag';
  secret?: boolean;
  optional?: boolean;
  kind?: 'text' | 'checkbox' | 'url';
  /** Numeric Meta ids. */
  numeric?: boolean;
}

const common: MetaField[] = [
  { key: 'appSecret', secret: true },
  { key: 'verifyToken', optional: true, hint: 'verifyToken' },
  { key: 'apiBaseUrl', optional: true, kind: 'url', hint: 'apiBaseUrl' },
];

export const metaChannelFields: Record<MetaChannelType, MetaField[]> = {
  whatsapp: [
    { key: 'accessToken', secret: true },
    { key: 'phoneNumberId', numeric: true },
    { key: 'wabaId', numeric: true },
    ...common,
  ],
  messenger: [
    { key: 'pageAccessToken', secret: true },
    { key: 'pageId', numeric: true },
    ...common,
    { key: 'humanAgentTag', kind: 'checkbox', hint: 'humanAgentTag' },
  ],
  instagram: [
    { key: 'accessToken', secret: true },
    { key: 'instagramAccountId', numeric: true },
    ...common,
    { key: 'humanAgentTag', kind: 'checkbox', hint: 'humanAgentTag' },
  ],
};

/** The form's values as the server's config: empty optional fields are left out so defaults apply. */
export function toMetaConfig(type: MetaChannelType, values: Record<string, string | boolean>) {
  const config: Record<string, string | boolean> = {};
  for (const field of metaChannelFields[type]) {
    const value = values[field.key];
    if (typeof value === 'boolean') config[field.key] = value;
    else if (value?.trim()) config[field.key] = value.trim();
  }
  return config;
}
