import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatedChannel } from '../api/types';
import { TextField } from '../common/TextField';
import { NewChannelForm } from './NewChannelForm';

interface CustomChannelFormProps {
  slug: string;
  onCreated: (created: CreatedChannel) => void;
}

/** Adds a custom (API) channel: Charla posts replies to `callbackUrl` and receives messages on its webhook. */
export function CustomChannelForm({ slug, onCreated }: CustomChannelFormProps) {
  const { t } = useTranslation();
  const [callbackUrl, setCallbackUrl] = useState('');
  return (
    <NewChannelForm
      slug={slug}
      type="custom"
      title={t('settings.channels.addCustom.title')}
      intro={t('settings.channels.addCustom.intro')}
      config={() => ({ callbackUrl: callbackUrl.trim() })}
      onReset={() => setCallbackUrl('')}
      onCreated={onCreated}
    >
      <TextField
        label={t('settings.channels.addCustom.callbackUrl')}
        hint={t('settings.channels.addCustom.callbackHint')}
        name="callback-url"
        type="url"
        required
        placeholder="https://example.com/charla/callback"
        value={callbackUrl}
        onChange={(event) => setCallbackUrl(event.target.value)}
      />
    </NewChannelForm>
  );
}
