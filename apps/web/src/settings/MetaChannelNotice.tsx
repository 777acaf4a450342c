import { useTranslation } from 'react-i18next';
import type { CreatedChannel } from '../api/types';
import { CopyButton } from '../common/CopyButton';
import type { MetaChannelType } from './metaChannelFields';

/**
 * What to paste into Meta's dashboard after adding a WhatsApp, Messenger or Instagram channel: the
 * callback URL and the verify token (shown this once), and which webhook fields to subscribe.
 */
export function MetaChannelNotice({ created, onDismiss }: { created: CreatedChannel; onDismiss: () => void }) {
  const { t } = useTranslation();
  const type = created.channel.type as MetaChannelType;
  return (
    <section className="card card-highlight" aria-live="polite">
      <h2>{t('settings.channels.created.title', { name: created.channel.name })}</h2>
      <p className="notice notice-warning">{t('settings.channels.metaCreated.tokenOnce')}</p>
      <dl className="secret-list">
        <dt>{t('settings.channels.metaCreated.callbackUrl')}</dt>
        <dd>
          <code className="code-block" data-testid="channel-webhook-url">
            {created.channel.webhookUrl}
          </code>
          <CopyButton text={created.channel.webhookUrl} />
        </dd>
        <dt>{t('settings.channels.metaCreated.verifyToken')}</dt>
        <dd>
          <code className="code-block" data-testid="channel-verify-token">
            {created.verifyToken}
          </code>
          <CopyButton text={created.verifyToken ?? ''} />
        </dd>
      </dl>
      <p className="muted">{t(`settings.channels.metaCreated.steps.${type}`)}</p>
      <div className="form-actions">
        <button type="button" className="button button-primary" onClick={onDismiss}>
          {t('settings.channels.created.dismiss')}
        </button>
      </div>
    </section>
  );
}
