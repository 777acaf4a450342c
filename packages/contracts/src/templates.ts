/**
 * Provider message templates (WhatsApp): placeholders and rendering, shared by the server (the stored
 * body of a template reply) and the composer (its live preview), so both show the same text.
 */

import { z } from 'zod';

/** `{{1}}`, `{{ customer_name }}`: the placeholders WhatsApp substitutes in a template's text. */
const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/** Placeholder names in order of first appearance (a name used twice is one parameter). */
export function templatePlaceholders(text: string): string[] {
  const seen: string[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) if (!seen.includes(m[1]!)) seen.push(m[1]!);
  return seen;
}

/** The text with each placeholder replaced by the value at its name's position in `names` (missing: kept). */
export function renderTemplateText(text: string, names: readonly string[], values: readonly string[]): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    const i = names.indexOf(name);
    const value = i >= 0 ? values[i] : undefined;
    return value ? value : whole;
  });
}

/**
 * A new WhatsApp template as an agent writes it (Settings → Channels → Templates): positional `{{1}}`
 * variables, each with an example value, as Meta requires for review.
 */
export const TEMPLATE_CATEGORIES = ['UTILITY', 'MARKETING', 'AUTHENTICATION'] as const;

const positional = (text: string) => templatePlaceholders(text);
const sequential = (names: string[]) => names.every((n, i) => n === String(i + 1));

export const templateDraftSchema = z
  .object({
    name: z
      .string()
      .trim()
      .regex(/^[a-z0-9_]{1,512}$/, 'lowercase letters, digits and underscores'),
    language: z
      .string()
      .trim()
      .regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'a language code such as es, es_MX or en_US'),
    category: z.enum(TEMPLATE_CATEGORIES),
    /** TEXT (the optional `header` text) or a media header whose example file is `headerFileId` in Files. */
    headerFormat: z.enum(['TEXT', 'IMAGE', 'VIDEO', 'DOCUMENT']).default('TEXT'),
    headerFileId: z.number().int().positive().optional(),
    header: z.string().trim().max(60).optional(),
    headerExample: z.string().trim().max(200).optional(),
    body: z.string().trim().min(1).max(1024),
    bodyExamples: z.array(z.string().trim().min(1).max(200)).max(20).default([]),
    footer: z.string().trim().max(60).optional(),
    buttons: z
      .array(
        z.discriminatedUnion('type', [
          z.object({ type: z.literal('QUICK_REPLY'), text: z.string().trim().min(1).max(25) }),
          z.object({
            type: z.literal('URL'),
            text: z.string().trim().min(1).max(25),
            url: z.url({ protocol: /^https?$/ }).max(2000),
            example: z.string().trim().max(2000).optional(),
          }),
          z.object({
            type: z.literal('PHONE_NUMBER'),
            text: z.string().trim().min(1).max(25),
            phoneNumber: z
              .string()
              .trim()
              .regex(/^\+[1-9]\d{6,14}$/, 'E.164, e.g. +5215512345678'),
          }),
        ]),
      )
      .max(10)
      .default([]),
  })
  .superRefine((d, ctx) => {
    const bodyVars = positional(d.body);
    if (!sequential(bodyVars))
      ctx.addIssue({ code: 'custom', path: ['body'], message: 'number the variables {{1}}, {{2}}… in order' });
    if (d.bodyExamples.length !== bodyVars.length)
      ctx.addIssue({ code: 'custom', path: ['bodyExamples'], message: 'give one example per body variable' });
    if (d.headerFormat !== 'TEXT' && (!d.headerFileId || d.header))
      ctx.addIssue({
        code: 'custom',
        path: ['headerFileId'],
        message: 'a media header has no text: give an example file instead',
      });
    const headerVars = positional(d.header ?? '');
    if (headerVars.length > 1 || (headerVars.length === 1 && headerVars[0] !== '1'))
      ctx.addIssue({ code: 'custom', path: ['header'], message: 'a header has at most one variable, {{1}}' });
    if (headerVars.length === 1 && !d.headerExample)
      ctx.addIssue({ code: 'custom', path: ['headerExample'], message: 'give an example for the header variable' });
    if (positional(d.footer ?? '').length > 0)
      ctx.addIssue({ code: 'custom', path: ['footer'], message: 'a footer has no variables' });
    d.buttons.forEach((b, i) => {
      if (b.type !== 'URL') return;
      const vars = positional(b.url);
      if (vars.length > 1 || (vars.length === 1 && (!b.url.endsWith('{{1}}') || !b.example)))
        ctx.addIssue({
          code: 'custom',
          path: ['buttons', i, 'url'],
          message: 'a link may end with one {{1}}, with an example of the full link',
        });
    });
  });
export type TemplateDraft = z.infer<typeof templateDraftSchema>;

/**
 * The `components` of Meta's `POST /{waba-id}/message_templates` for a draft. A media header's example is
 * the handle Meta's Resumable Upload API gave for the example file.
 */
export function templateComponents(d: TemplateDraft, headerHandle?: string): Record<string, unknown>[] {
  const components: Record<string, unknown>[] = [];
  if (d.headerFormat !== 'TEXT' && headerHandle)
    components.push({ type: 'HEADER', format: d.headerFormat, example: { header_handle: [headerHandle] } });
  else if (d.header)
    components.push({
      type: 'HEADER',
      format: 'TEXT',
      text: d.header,
      ...(d.headerExample ? { example: { header_text: [d.headerExample] } } : {}),
    });
  components.push({
    type: 'BODY',
    text: d.body,
    ...(d.bodyExamples.length > 0 ? { example: { body_text: [d.bodyExamples] } } : {}),
  });
  if (d.footer) components.push({ type: 'FOOTER', text: d.footer });
  if (d.buttons.length > 0)
    components.push({
      type: 'BUTTONS',
      buttons: d.buttons.map((b) =>
        b.type === 'URL'
          ? { type: 'URL', text: b.text, url: b.url, ...(b.example ? { example: [b.example] } : {}) }
          : b.type === 'PHONE_NUMBER'
            ? { type: 'PHONE_NUMBER', text: b.text, phone_number: b.phoneNumber }
            : { type: 'QUICK_REPLY', text: b.text },
      ),
    });
  return components;
}
