import { templatePlaceholders } from '@charla/contracts/templates';

/** A template's media header: the send must give the file, by link. */
export type MediaHeaderFormat = 'IMAGE' | 'VIDEO' | 'DOCUMENT';

export interface TemplateLayout {
  /** The HEADER's format when it is media (a text or absent header needs nothing at send time). */
  mediaHeader: MediaHeaderFormat | null;
  /** A TEXT header with a `{{…}}` variable: the send must give its value (named templates name it). */
  textHeader: { text: string; parameter: string } | null;
  /** URL buttons whose address ends in a `{{1}}` suffix: each needs its value; `index` is the button's position. */
  urlButtons: { index: number; text: string; url: string }[];
}

interface GraphComponent {
  type?: string;
  format?: string;
  text?: string;
  buttons?: { type?: string; text?: string; url?: string }[];
}

const MEDIA_FORMATS = new Set<string>(['IMAGE', 'VIDEO', 'DOCUMENT']);

/** What a send of this template must supply besides its body parameters, read from Graph's other components. */
export function templateLayout(other: unknown[]): TemplateLayout {
  const components = other as GraphComponent[];
  const header = components.find((c) => c?.type?.toUpperCase() === 'HEADER');
  const format = header?.format?.toUpperCase() ?? '';
  const buttons = components.find((c) => c?.type?.toUpperCase() === 'BUTTONS')?.buttons ?? [];
  const [headerVariable] = format === 'TEXT' && header?.text ? templatePlaceholders(header.text) : [];
  return {
    mediaHeader: MEDIA_FORMATS.has(format) ? (format as MediaHeaderFormat) : null,
    textHeader: headerVariable && header?.text ? { text: header.text, parameter: headerVariable } : null,
    urlButtons: buttons.flatMap((b, index) =>
      b?.type?.toUpperCase() === 'URL' && typeof b.url === 'string' && /\{\{\s*1\s*\}\}/.test(b.url)
        ? [{ index, text: b.text ?? '', url: b.url }]
        : [],
    ),
  };
}

/** The file types WhatsApp takes for each media header (its supported media list). */
export function fitsHeader(format: MediaHeaderFormat, mime: string): boolean {
  const type = mime.split(';')[0]!.trim().toLowerCase();
  if (format === 'IMAGE') return type === 'image/jpeg' || type === 'image/png';
  if (format === 'VIDEO') return type === 'video/mp4' || type === 'video/3gpp';
  return true;
}
