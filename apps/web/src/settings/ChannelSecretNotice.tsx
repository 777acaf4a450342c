import { useTranslation } from 'react-i18next';
import type { CreatedChannel } from '../api/types';
import { CreatedChannelCard } from './CreatedChannelCard';

interface ChannelSecretNoticeProps {
  created: CreatedChannel;
  onDismiss: () => void;
}

/** Shows a new channel's signing secret, the only time the server ever returns it, with its webhook URL. */
export function ChannelSecretNotice({ created, onDismiss }: ChannelSecretNoticeProps) {
  const { t } = useTranslation();
  return (
    <CreatedChannelCard
      created={created}
      warning={t('settings.channels.created.secretOnce')}
      values={[
        { label: t('settings.channels.created.secret'), value: created.secret ?? '', testId: 'channel-secret' },
        {
          label: t('settings.channels.created.webhookUrl'),
          value: created.channel.webhookUrl,
          testId: 'channel-webhook-url',
        },
      ]}
      help={t('settings.channels.created.signatureHelp')}
      onDismiss={onDismiss}
    />
  );
}
