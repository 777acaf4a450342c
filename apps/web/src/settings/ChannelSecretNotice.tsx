import { useTranslation } from 'react-i18next';
import type { CreatedChannel } from '../api/types';
import { CopyButton } from '../common/CopyButton';

interface ChannelSecretNoticeProps {
  created: CreatedChannel;
  onDismiss: () => void;
}

/** Shows a new channel's signing secret, the only time the server ever returns it, with its webhook URL. */
export function ChannelSecretNotice({ created, onDismiss }: ChannelSecretNoticeProps) {
  const { t } = useTranslation();
  return (
    <section className="card card-highlight" aria-live="polite">
      <h2>{t('settings.channels.created.title', { name: created.channel.name })}</h2>
      <p className="notice notice-warning">{t('settings.channels.created.secretOnce')}</p>
      <dl className="secret-list">
        <dt>{t('settings.channels.created.secret')}</dt>
        <dd>
          <code className="code-block" data-testid="channel-secret">
            {created.secret}
          </code>
          <CopyButton text={created.secret ?? ''} />
        </dd>
        <dt>{t('settings.channels.created.webhookUrl')}</dt>
        <dd>
          <code className="code-block" data-testid="channel-webhook-url">
            {created.channel.webhookUrl}
          </code>
          <CopyButton text={created.channel.webhookUrl} />
        </dd>
      </dl>
      <p className="muted">{t('settings.channels.created.signatureHelp')}</p>
      <div className="form-actions">
        <button type="button" className="button button-primary" onClick={onDismiss}>
          {t('settings.channels.created.dismiss')}
        </button>
      </div>
    </section>
  );
}
