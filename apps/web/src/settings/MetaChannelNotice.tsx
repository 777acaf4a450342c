import { useTranslation } from 'react-i18next';
import type { CreatedChannel } from '../api/types';
import { CreatedChannelCard } from './CreatedChannelCard';
import type { MetaChannelType } from './metaChannelFields';

/**
 * What to paste into Meta's dashboard after adding a WhatsApp, Messenger or Instagram channel: the
 * callback URL and the verify token (shown this once), and which webhook fields to subscribe.
 */
export function MetaChannelNotice({ created, onDismiss }: { created: CreatedChannel; onDismiss: () => void }) {
  const { t } = useTranslation();
  const type = created.channel.type as MetaChannelType;
  return (
    <CreatedChannelCard
      created={created}
      warning={t('settings.channels.metaCreated.tokenOnce')}
      values={[
        {
          label: t('settings.channels.metaCreated.callbackUrl'),
          value: created.channel.webhookUrl,
          testId: 'channel-webhook-url',
        },
        {
          label: t('settings.channels.metaCreated.verifyToken'),
          value: created.verifyToken ?? '',
          testId: 'channel-verify-token',
        },
      ]}
      help={t(`settings.channels.metaCreated.steps.${type}`)}
      onDismiss={onDismiss}
    />
  );
}
