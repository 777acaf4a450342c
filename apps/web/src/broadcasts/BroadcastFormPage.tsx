import type { BroadcastContent, BroadcastInput } from '@charla/contracts/broadcasts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { queryKeys } from '../api/queryKeys';
import { useChannels, useWorkspaceSettings } from '../api/useWorkspaceData';
import { segmentsApi } from '../contacts/segments/segmentsApi';
import { ErrorNotice } from '../common/ErrorNotice';
import { SelectField } from '../common/SelectField';
import { TextField } from '../common/TextField';
import { TimeZoneField } from '../common/TimeZoneField';
import { type TemplateChoice, TemplatePicker, templateChoiceComplete, templateInput } from '../messages/TemplatePicker';
import { useWorkspace } from '../shell/useWorkspace';
import { broadcastsApi } from './broadcastsApi';

/** WhatsApp is the channel with message templates: outside its 24 h window a broadcast must be one. */
const takesTemplates = (type: string | undefined) => type === 'whatsapp';

/**
 * A new broadcast: name, channel, audience (a segment or all contacts), the message (text with variables,
 * or a WhatsApp template with its parameters) and when (now, or a local time in a time zone). "Save draft"
 * keeps it; "Send" / "Schedule" sends it at once or at that time.
 */
export function BroadcastFormPage() {
  const { t } = useTranslation();
  const { slug } = useWorkspace();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const textId = useId();
  const channels = useChannels(slug, { fresh: true });
  const segments = useQuery({ queryKey: queryKeys.segments(slug), queryFn: () => segmentsApi.list(slug) });
  const settings = useWorkspaceSettings(slug);
  const [name, setName] = useState('');
  const [channelId, setChannelId] = useState<number | null>(null);
  const [audience, setAudience] = useState('all');
  const [text, setText] = useState('');
  const [template, setTemplate] = useState<TemplateChoice | null>(null);
  const [later, setLater] = useState(false);
  const [localTime, setLocalTime] = useState('');
  const [zone, setZone] = useState<string | null>(null);
  const timeZone = zone ?? settings.data?.general.timezone ?? 'UTC';

  const activeChannels = (channels.data?.items ?? []).filter((c) => c.status !== 'disabled');
  const channel = activeChannels.find((c) => c.id === channelId) ?? activeChannels[0];
  const templated = takesTemplates(channel?.type);

  const save = useMutation({
    mutationFn: async (send: boolean) => {
      let content: BroadcastContent = { kind: 'text', text };
      if (templated) {
        const { id: templateId, ...rest } = templateInput(template!);
        content = { kind: 'template', templateId, ...rest };
      }
      const input: BroadcastInput = {
        name,
        channelId: channel!.id,
        segmentId: audience === 'all' ? null : Number(audience),
        content,
        schedule: later ? { localTime, timeZone } : null,
      };
      const created = await broadcastsApi.create(slug, input);
      return send ? broadcastsApi.send(slug, created.id) : created;
    },
    onSuccess: (b) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.broadcasts(slug) });
      void navigate(`/w/${slug}/broadcasts/${b.id}`);
    },
  });

  const ready =
    name.trim() !== '' &&
    channel !== undefined &&
    (templated ? templateChoiceComplete(template) : text.trim() !== '') &&
    (!later || localTime !== '');
  const submit = (send: boolean) => (event?: FormEvent) => {
    event?.preventDefault();
    if (ready) save.mutate(send);
  };

  return (
    <div className="page">
      <header className="page-header">
        <h1>{t('broadcasts.form.title')}</h1>
        <Link className="button" to={`/w/${slug}/broadcasts`}>
          {t('common.cancel')}
        </Link>
      </header>
      <div className="page-body">
        <form className="card broadcast-form" onSubmit={submit(true)} aria-label={t('broadcasts.form.title')}>
          <TextField
            label={t('broadcasts.form.name')}
            value={name}
            maxLength={200}
            required
            onChange={(event) => setName(event.target.value)}
          />
          <SelectField
            label={t('broadcasts.form.channel')}
            value={String(channel?.id ?? '')}
            onChange={(event) => {
              setChannelId(Number(event.target.value));
              setTemplate(null);
            }}
            options={activeChannels.map((c) => ({ value: String(c.id), label: c.name }))}
          />
          <SelectField
            label={t('broadcasts.form.audience')}
            value={audience}
            onChange={(event) => setAudience(event.target.value)}
            options={[
              { value: 'all', label: t('broadcasts.form.allContacts') },
              ...(segments.data?.items ?? []).map((s) => ({ value: String(s.id), label: s.name })),
            ]}
          />
          <p className="field-hint muted">{t('broadcasts.form.audienceHint')}</p>
          {channel && templated && (
            <>
              <TemplatePicker slug={slug} channelId={channel.id} value={template} onChange={setTemplate} />
              <p className="field-hint muted">{t('broadcasts.form.templateVariables')}</p>
            </>
          )}
          {channel && !templated && (
            <div className="field">
              <label htmlFor={textId}>{t('broadcasts.form.message')}</label>
              <textarea
                id={textId}
                rows={5}
                maxLength={4096}
                value={text}
                aria-describedby={`${textId}-hint`}
                onChange={(event) => setText(event.target.value)}
              />
              <small id={`${textId}-hint`} className="field-hint">
                {t('broadcasts.form.variablesHint')}
              </small>
            </div>
          )}
          <fieldset className="field">
            <legend>{t('broadcasts.form.when')}</legend>
            <label className="radio">
              <input type="radio" name="when" checked={!later} onChange={() => setLater(false)} />
              {t('broadcasts.form.now')}
            </label>
            <label className="radio">
              <input type="radio" name="when" checked={later} onChange={() => setLater(true)} />
              {t('broadcasts.form.later')}
            </label>
          </fieldset>
          {later && (
            <>
              <TextField
                label={t('broadcasts.form.localTime')}
                type="datetime-local"
                value={localTime}
                required
                onChange={(event) => setLocalTime(event.target.value)}
              />
              <TimeZoneField value={timeZone} onChange={setZone} />
            </>
          )}
          {save.error && <ErrorNotice error={save.error} />}
          <div className="form-actions">
            <button type="button" className="button" disabled={!ready || save.isPending} onClick={submit(false)}>
              {t('broadcasts.form.saveDraft')}
            </button>
            <button type="submit" className="button button-primary" disabled={!ready || save.isPending}>
              {later ? t('broadcasts.form.schedule') : t('broadcasts.form.send')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
