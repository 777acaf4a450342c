import type { TFunction } from 'i18next';

const known = ['form', 'workflow', 'api', 'agent', 'import', 'whatsapp', 'sms', 'email', 'custom', 'widget'] as const;

/** "WhatsApp", "Formulario previo al chat"…; an unknown channel type is shown as it is. */
export function sourceLabel(t: TFunction, source: string): string {
  return (known as readonly string[]).includes(source)
    ? t(`contact.sources.${source as (typeof known)[number]}`)
    : source;
}
