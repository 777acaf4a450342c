import {
  CONVERSATION_SOURCES,
  TRIGGER_TYPES,
  type WorkflowDraft,
  type WorkflowTrigger,
} from '@charla/contracts/workflows';
import { useTranslation } from 'react-i18next';
import { BroadcastTriggerOptions } from './BroadcastTriggerOptions';
import { WebhookTriggerInfo } from './WebhookTriggerInfo';
import { Checkbox, LinesInput, NumberInput, Select } from './fields';

const blankTrigger = (type: WorkflowTrigger['type']): WorkflowTrigger => {
  if (type === 'conversation_opened') return { type, sources: ['contact'] };
  if (type === 'conversation_closed') return { type, categories: [] };
  if (type === 'contact_tag_updated') return { type, action: 'added', tags: [] };
  if (type === 'contact_field_updated') return { type, fields: [] };
  if (type === 'broadcast_reply') return { type, broadcastIds: [] };
  return { type } as WorkflowTrigger;
};

/** Disparador (type and its options) and the workflow's settings: once per contact, the jump limit. */
export function TriggerPanel({
  slug,
  workflowId,
  draft,
  onChange,
  onClose,
}: {
  slug: string;
  workflowId: number;
  draft: Pick<WorkflowDraft, 'trigger' | 'settings'>;
  onChange: (patch: Partial<Pick<WorkflowDraft, 'trigger' | 'settings'>>) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { trigger, settings } = draft;
  const setTrigger = (next: WorkflowTrigger) => onChange({ trigger: next });
  return (
    <section className="card builder-panel" aria-labelledby="trigger-panel-title">
      <header className="builder-panel-header">
        <h2 id="trigger-panel-title">{t('workflows.triggerPanel.title')}</h2>
        <button type="button" className="button button-small button-quiet" onClick={onClose}>
          {t('workflows.panel.close')}
        </button>
      </header>
      <Select
        label={t('workflows.triggerPanel.type')}
        value={trigger.type}
        options={TRIGGER_TYPES.map((type) => ({ value: type, label: t(`workflows.triggers.${type}`) }))}
        onChange={(type) => setTrigger(blankTrigger(type))}
      />
      {trigger.type === 'broadcast_reply' && (
        <BroadcastTriggerOptions
          slug={slug}
          value={trigger.broadcastIds}
          onChange={(broadcastIds) => setTrigger({ ...trigger, broadcastIds })}
        />
      )}
      {trigger.type === 'conversation_opened' && (
        <fieldset className="checkbox-list">
          <legend>{t('workflows.triggerPanel.sources')}</legend>
          {CONVERSATION_SOURCES.map((s) => (
            <Checkbox
              key={s}
              label={t(`workflows.triggerPanel.source.${s}`)}
              checked={trigger.sources.includes(s)}
              onChange={(on) =>
                setTrigger({
                  ...trigger,
                  sources: on ? [...trigger.sources, s] : trigger.sources.filter((x) => x !== s),
                })
              }
            />
          ))}
        </fieldset>
      )}
      {trigger.type === 'conversation_closed' && (
        <LinesInput
          label={t('workflows.triggerPanel.categories')}
          hint={t('workflows.form.onePerLine')}
          value={trigger.categories}
          onChange={(categories) => setTrigger({ ...trigger, categories })}
        />
      )}
      {trigger.type === 'contact_tag_updated' && (
        <>
          <Select
            label={t('workflows.triggerPanel.tagAction')}
            value={trigger.action}
            options={(['added', 'removed'] as const).map((a) => ({
              value: a,
              label: t(`workflows.triggerPanel.tagActions.${a}`),
            }))}
            onChange={(action) => setTrigger({ ...trigger, action })}
          />
          <LinesInput
            label={t('workflows.triggerPanel.tags')}
            hint={t('workflows.form.onePerLine')}
            value={trigger.tags}
            onChange={(tags) => setTrigger({ ...trigger, tags })}
          />
        </>
      )}
      {trigger.type === 'contact_field_updated' && (
        <LinesInput
          label={t('workflows.triggerPanel.fields')}
          hint={t('workflows.form.onePerLine')}
          value={trigger.fields}
          onChange={(fields) => setTrigger({ ...trigger, fields })}
        />
      )}
      {trigger.type === 'incoming_webhook' && <WebhookTriggerInfo slug={slug} workflowId={workflowId} />}
      <h3>{t('workflows.triggerPanel.settings')}</h3>
      <Checkbox
        label={t('workflows.triggerPanel.oncePerContact')}
        checked={settings.oncePerContact}
        onChange={(oncePerContact) => onChange({ settings: { ...settings, oncePerContact } })}
      />
      <NumberInput
        label={t('workflows.triggerPanel.maxJumps')}
        value={settings.maxJumps}
        onChange={(maxJumps) => onChange({ settings: { ...settings, maxJumps: maxJumps ?? 50 } })}
      />
    </section>
  );
}
