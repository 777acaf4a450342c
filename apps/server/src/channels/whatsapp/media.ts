import { downloadMedia } from '../media-download';
import { graphCall } from '../meta/graph-client';
import { ChannelError, type FetchedMedia, type InboundAttachment } from '../types';
import type { WhatsAppConfig } from './schema';

/**
 * Inbound media in two authenticated steps: `GET /{media-id}` gives a short-lived URL, which is then
 * downloaded with the same bearer token.
 */
export async function fetchWhatsAppMedia(attachment: InboundAttachment, config: WhatsAppConfig): Promise<FetchedMedia> {
  if (!attachment.ref) throw new ChannelError('no_media_id', 'The message carries no media id', false);
  const info = await graphCall<{ url?: string; mime_type?: string }>(
    config.apiBaseUrl,
    config.accessToken,
    encodeURIComponent(attachment.ref),
  );
  if (!info.url) throw new ChannelError('no_media_url', 'WhatsApp returned no download URL for the media', true);
  const media = await downloadMedia(info.url, { authorization: `Bearer ${config.accessToken}` });
  return { ...media, mime: info.mime_type ?? media.mime };
}
