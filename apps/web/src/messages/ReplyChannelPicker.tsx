import { useTranslation } from 'react-i18next';
import type { ReplyChannels } from '../api/types';
import { SelectField } from '../common/SelectField';
import { formatDateTime } from '../common/formatDate';

interface ReplyChannelPickerProps {
  channels: ReplyChannels | undefined;
  value: number | null;
  onChange: (channelId: number) => void;
}

/** The channel a reply goes out on (default: the contact's last one) and a warning when its window closed. */
export function ReplyChannelPicker({ channels, value, onChange }: ReplyChannelPickerProps) {
  const { t, i18n } = useTranslation();
  if (!channels || channels.items.length === 0) return null;
  const chosen = channels.items.find((c) => c.id === value);
  return (
    <div className="reply-channel">
      <SelectField
        className="select-compact"
        label={t('messages.composer.channel')}
        value={String(value ?? '')}
        onChange={(event) => onChange(Number(event.target.value))}
        options={channels.items.map((c) => ({
          value: String(c.id),
          label: c.viaPhone ? t('messages.composer.channelViaPhone', { name: c.name, phone: c.viaPhone }) : c.name,
        }))}
      />
      {chosen?.viaPhone && (
        <p className="notice" role="status">
          {t('messages.composer.viaPhone', { phone: chosen.viaPhone })}
        </p>
      )}
      {chosen && !chosen.windowOpen && (
        <p className="notice notice-warning" role="alert">
          {chosen.windowClosesAt
            ? t('messages.composer.windowClosed', {
                hours: chosen.windowHours,
                since: formatDateTime(chosen.windowClosesAt, i18n.language),
              })
            : t('messages.composer.windowNeverOpened', { hours: chosen.windowHours })}
        </p>
      )}
      {chosen?.unreachable && (
        <p className="notice notice-error" role="alert">
          {t('messages.composer.unreachable')}
        </p>
      )}
    </div>
  );
}
