import { useTranslation } from 'react-i18next';
import type { Channel } from '../api/types';
import { CopyButton } from '../common/CopyButton';

/** After connecting a provider: the webhook URL and where to paste it (Telegram needs nothing: it is registered). */
export function ProviderChannelCreated({ channel, onDismiss }: { channel: Channel; onDismiss: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="card card-highlight" aria-live="polite">
      <h2>{t('settings.channels.created.title', { name: channel.name })}</h2>
      <dl className="secret-list">
        <dt>{t('settings.channels.created.webhookUrl')}</dt>
        <dd>
          <code className="code-block" data-testid="provider-webhook-url">
            {channel.webhookUrl}
          </code>
          <CopyButton text={channel.webhookUrl} />
        </dd>
      </dl>
      <p className="muted">{t(`settings.channels.providers.${channel.type}.setup`, { defaultValue: '' })}</p>
      <div className="form-actions">
        <button type="button" className="button button-primary" onClick={onDismiss}>
          {t('settings.channels.providers.done')}
        </button>
      </div>
    </section>
  );
}
