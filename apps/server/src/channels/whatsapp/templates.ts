import { type TemplateDraft, templateComponents, templatePlaceholders } from '@charla/contracts/templates';
import { graphCall } from '../meta/graph-client';
import type { OutboundTemplate, ProviderTemplate } from '../types';
import { type UploadFile, uploadHeaderExample } from './resumable-upload';
import type { WhatsAppConfig } from './schema';

interface GraphTemplate {
  id?: string | number;
  name?: string;
  language?: string;
  status?: string;
  category?: string;
  parameter_format?: string;
  components?: { type?: string; text?: string }[];
  quality_score?: { score?: string };
}

interface TemplatePage {
  data?: GraphTemplate[];
  paging?: { cursors?: { after?: string }; next?: string };
}

export function normalizeTemplate(t: GraphTemplate): ProviderTemplate | null {
  if (!t.name || !t.language) return null;
  const body = t.components?.find((c) => c.type?.toUpperCase() === 'BODY')?.text ?? '';
  return {
    providerTemplateId: t.id !== undefined ? String(t.id) : null,
    name: t.name,
    language: t.language,
    category: t.category ?? 'UTILITY',
    status: (t.status ?? 'PENDING').toUpperCase(),
    parameterFormat: t.parameter_format?.toUpperCase() === 'NAMED' ? 'NAMED' : 'POSITIONAL',
    body,
    parameters: templatePlaceholders(body),
    other: (t.components ?? []).filter((c) => c.type?.toUpperCase() !== 'BODY'),
    quality: t.quality_score?.score ?? null,
  };
}

/** The account's templates: `GET /{waba-id}/message_templates`, following the `after` cursor while `next` exists. */
export async function listWhatsAppTemplates(config: WhatsAppConfig): Promise<ProviderTemplate[]> {
  const out: ProviderTemplate[] = [];
  let after: string | undefined;
  // A bound on pages so a provider that keeps answering `next` cannot loop forever (250 × 100 templates).
  for (let page = 0; page < 100; page++) {
    const query = new URLSearchParams({
      fields: 'id,name,language,status,category,parameter_format,components,quality_score',
      limit: '250',
      ...(after ? { after } : {}),
    });
    const res = await graphCall<TemplatePage>(
      config.apiBaseUrl,
      config.accessToken,
      `${config.wabaId}/message_templates?${query}`,
    );
    for (const t of res.data ?? []) {
      const n = normalizeTemplate(t);
      if (n) out.push(n);
    }
    after = res.paging?.cursors?.after;
    if (!res.paging?.next || !after) break;
  }
  return out;
}

/**
 * Submits a template for review: `POST /{waba-id}/message_templates` (the fixture's shape, category
 * changes allowed so Meta may re-file it rather than reject it). Answers the template as it will be
 * listed, with the id and status Meta gave it.
 */
export async function createWhatsAppTemplate(
  config: WhatsAppConfig,
  draft: TemplateDraft,
  headerExample?: UploadFile,
): Promise<ProviderTemplate> {
  const handle =
    draft.headerFormat !== 'TEXT' && headerExample ? await uploadHeaderExample(config, headerExample) : undefined;
  const components = templateComponents(draft, handle);
  const created = await graphCall<{ id?: string; status?: string; category?: string }>(
    config.apiBaseUrl,
    config.accessToken,
    `${config.wabaId}/message_templates`,
    {
      body: {
        name: draft.name,
        language: draft.language,
        category: draft.category,
        allow_category_change: true,
        components,
      },
    },
  );
  const listed = normalizeTemplate({
    id: created.id,
    name: draft.name,
    language: draft.language,
    status: created.status ?? 'PENDING',
    category: created.category ?? draft.category,
    components: components as GraphTemplate['components'],
  });
  return listed!;
}

/** The `type: template` part of a send (Meta's "deterministic" language policy: exactly this translation). */
export function templatePart(t: OutboundTemplate) {
  const parameters = t.parameters.map((text, i) => ({
    type: 'text',
    ...(t.parameterFormat === 'NAMED' ? { parameter_name: t.parameterNames[i] } : {}),
    text,
  }));
  const components: Record<string, unknown>[] = [];
  if (t.headerText) {
    const { text, name } = t.headerText;
    const parameter = { type: 'text', ...(t.parameterFormat === 'NAMED' ? { parameter_name: name } : {}), text };
    components.push({ type: 'header', parameters: [parameter] });
  }
  if (t.header) {
    const { type, link, filename } = t.header;
    const media = { link, ...(type === 'document' && filename ? { filename } : {}) };
    components.push({ type: 'header', parameters: [{ type, [type]: media }] });
  }
  if (parameters.length > 0) components.push({ type: 'body', parameters });
  for (const b of t.buttons ?? [])
    components.push({
      type: 'button',
      sub_type: 'url',
      index: String(b.index),
      parameters: [{ type: 'text', text: b.text }],
    });
  return {
    type: 'template',
    template: {
      name: t.name,
      language: { policy: 'deterministic', code: t.language },
      ...(components.length > 0 ? { components } : {}),
    },
  };
}
