import { z } from 'zod';
import { AppError } from '../../http/errors';
import type { TemplateInput } from '../messages/template-reply';

/**
 * A `whatsapp_template` message's `components`, as WhatsApp's Cloud API takes them (and respond.io passes
 * them on): body parameters `{type: "text", text}`; a header's one parameter — `{type: "text", text}` for a
 * TEXT header's variable, or `{type: "image"|"video"|"document", <type>: {link, filename?}}` for a media
 * header; URL buttons' suffixes `{type: "button", sub_type: "url", index, parameters: [{type: "text", text}]}`.
 * Components of other kinds are ignored, as before.
 */
const text = z.object({ type: z.literal('text'), text: z.string() });
const media = z.object({ link: z.string(), filename: z.string().optional() });
const headerParameter = z.discriminatedUnion('type', [
  text,
  z.object({ type: z.literal('image'), image: media }),
  z.object({ type: z.literal('video'), video: media }),
  z.object({ type: z.literal('document'), document: media }),
]);
const component = z.looseObject({ type: z.string(), sub_type: z.string().optional(), index: z.unknown().optional() });

const kindOf = (c: unknown) => {
  const parsed = component.safeParse(c);
  return parsed.success ? { ...parsed.data, type: parsed.data.type.toLowerCase() } : null;
};

/** The template reply's values read from the components (see above); a malformed header is refused with why. */
export function templateComponentValues(components: unknown[]): Omit<TemplateInput, 'id'> {
  const parsed = components.map(kindOf);
  const body = parsed.find((c) => c?.type === 'body') as { parameters?: { text?: unknown }[] } | undefined;
  const values: Omit<TemplateInput, 'id'> = {
    parameters: (body?.parameters ?? []).map((p) => String(p?.text ?? '')),
  };
  const header = parsed.find((c) => c?.type === 'header') as { parameters?: unknown[] } | undefined;
  if (header) {
    const given = headerParameter.safeParse(header.parameters?.[0]);
    if (!given.success)
      throw new AppError(
        'invalid',
        'template_header',
        'A header component takes one parameter: {type: "text", text} or {type: "image"|"video"|"document", <type>: {link}}',
      );
    const p = given.data;
    if (p.type === 'text') values.headerParameter = p.text;
    else {
      const { link, filename } = p.type === 'image' ? p.image : p.type === 'video' ? p.video : p.document;
      values.headerLink = { type: p.type, url: link, ...(filename ? { filename } : {}) };
    }
  }
  const buttons = parsed
    .filter((c) => c?.type === 'button' && c.sub_type?.toLowerCase() === 'url')
    .map((c) => c as { index?: unknown; parameters?: { text?: unknown }[] })
    .sort((a, b) => Number(a.index ?? 0) - Number(b.index ?? 0));
  if (buttons.length > 0) values.buttonParameters = buttons.map((b) => String(b.parameters?.[0]?.text ?? ''));
  return values;
}
