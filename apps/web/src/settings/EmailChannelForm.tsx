import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../api/queryKeys';
import { ApiError } from '../api/client';
import type { Channel } from '../api/types';
import { ErrorNotice } from '../common/ErrorNotice';
import { TextField } from '../common/TextField';
import {
  createEmailChannel,
  EMPTY_EMAIL_FORM,
  type EmailFormValues,
  type EmailMode,
  emailConfigOf,
  testEmailConnection,
} from './emailChannel';

type TextKey = Exclude<
  { [K in keyof EmailFormValues]: EmailFormValues[K] extends string ? K : never }[keyof EmailFormValues],
  'mode'
>;

/** Codes whose message is the mail server's own words (or the fields to fix): shown as they are. */
const SERVER_WORDS = new Set(['channel_connect_failed', 'invalid_channel_config']);

function ConnectionError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!(error instanceof ApiError) || !SERVER_WORDS.has(error.code)) return <ErrorNotice error={error} />;
  return (
    <div className="notice notice-error" role="alert">
      {t('settings.channels.email.refused', { reason: error.message })}
    </div>
  );
}

/**
 * Connects a mailbox: IMAP + SMTP with passwords, or Gmail with OAuth2. "Test connection" logs into
 * both servers without saving and shows the refusing server's own message.
 */
export function EmailChannelForm({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const modeId = useId();
  const [name, setName] = useState('');
  const [form, setForm] = useState<EmailFormValues>(EMPTY_EMAIL_FORM);
  const [created, setCreated] = useState<Channel | null>(null);
  const test = useMutation({ mutationFn: () => testEmailConnection(slug, emailConfigOf(form)) });
  const create = useMutation({
    mutationFn: () => createEmailChannel(slug, name.trim(), emailConfigOf(form)),
    onSuccess: ({ channel }) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.channels(slug) });
      setName('');
      setForm(EMPTY_EMAIL_FORM);
      setCreated(channel);
    },
  });

  const set = (patch: Partial<EmailFormValues>) => {
    test.reset();
    setForm((f) => ({ ...f, ...patch }));
  };
  const field = (key: TextKey, opts: { type?: string; required?: boolean; placeholder?: string } = {}) => (
    <TextField
      key={key}
      label={t(`settings.channels.email.fields.${key}`)}
      hint={t(`settings.channels.email.hints.${key}`, { defaultValue: '' }) || undefined}
      name={`email-${key}`}
      type={opts.type ?? 'text'}
      autoComplete="off"
      required={opts.required}
      placeholder={opts.placeholder}
      value={form[key]}
      onChange={(event) => set({ [key]: event.target.value })}
    />
  );
  const tls = (key: 'imapSecure' | 'smtpSecure') => (
    <label className="checkbox">
      <input type="checkbox" checked={form[key]} onChange={(e) => set({ [key]: e.target.checked })} />{' '}
      {t(`settings.channels.email.fields.${key}`)}
    </label>
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }

  if (created)
    return (
      <section className="card card-highlight" aria-live="polite">
        <h2>{t('settings.channels.email.created', { name: created.name })}</h2>
        <p className="muted">{t('settings.channels.email.createdBody')}</p>
        <div className="form-actions">
          <button type="button" className="button button-primary" onClick={() => setCreated(null)}>
            {t('settings.channels.providers.done')}
          </button>
        </div>
      </section>
    );

  return (
    <section className="card">
      <h2>{t('settings.channels.email.title')}</h2>
      <p className="muted">{t('settings.channels.email.intro')}</p>
      <form className="form-grid" onSubmit={submit}>
        <div className="field">
          <label htmlFor={modeId}>{t('settings.channels.email.mode')}</label>
          <select id={modeId} value={form.mode} onChange={(e) => set({ mode: e.target.value as EmailMode })}>
            <option value="imap">{t('settings.channels.email.modes.imap')}</option>
            <option value="gmail">{t('settings.channels.email.modes.gmail')}</option>
          </select>
        </div>
        <TextField
          label={t('settings.channels.providers.name')}
          name="email-channel-name"
          required
          maxLength={100}
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
        {form.mode === 'imap' ? (
          <>
            {field('imapHost', { required: true, placeholder: 'imap.example.com' })}
            {field('imapPort', { type: 'number', required: true })}
            {tls('imapSecure')}
            {field('imapUser', { required: true })}
            {field('imapPass', { type: 'password', required: true })}
            {field('smtpHost', { required: true, placeholder: 'smtp.example.com' })}
            {field('smtpPort', { type: 'number', required: true })}
            {tls('smtpSecure')}
            {field('smtpUser')}
            {field('smtpPass', { type: 'password' })}
            {field('fromAddress', { type: 'email', placeholder: 'support@example.com' })}
          </>
        ) : (
          <>
            {field('gmailUser', { type: 'email', required: true })}
            {field('clientId', { required: true })}
            {field('clientSecret', { type: 'password', required: true })}
            {field('refreshToken', { type: 'password', required: true })}
          </>
        )}
        {field('fromName')}
        {test.isSuccess && (
          <p className="notice notice-success" role="status">
            {t('settings.channels.email.testOk')}
          </p>
        )}
        {test.error && <ConnectionError error={test.error} />}
        {create.error && <ConnectionError error={create.error} />}
        <div className="form-actions">
          <button type="button" className="button" disabled={test.isPending} onClick={() => test.mutate()}>
            {test.isPending ? t('settings.channels.email.testing') : t('settings.channels.email.test')}
          </button>
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            {create.isPending ? t('settings.channels.providers.connecting') : t('settings.channels.providers.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
