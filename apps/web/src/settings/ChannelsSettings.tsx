import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../api/queryKeys';
import type { CreatedChannel } from '../api/types';
import { EmptyState } from '../common/EmptyState';
import { ErrorNotice } from '../common/ErrorNotice';
import { useMembership } from '../shell/useWorkspace';
import { ChannelSecretNotice } from './ChannelSecretNotice';
import { ChatMenuForm } from './ChatMenuForm';
import { CustomChannelForm } from './CustomChannelForm';
import { EmailChannelForm } from './EmailChannelForm';
import { MetaChannelForm } from './MetaChannelForm';
import { MetaChannelNotice } from './MetaChannelNotice';
import type { MetaChannelType } from './metaChannelFields';
import { ProviderChannelForm } from './ProviderChannelForm';
import { TemplateCreateForm } from './TemplateCreateForm';
import { TemplateSyncButton } from './TemplateSyncButton';
import { fetchChannels } from './settingsApi';
import { WebchatSection } from './webchat/WebchatSection';

const addableTypes = ['custom', 'whatsapp', 'messenger', 'instagram'] as const;
type AddableType = (typeof addableTypes)[number];

export function ChannelsSettings() {
  const { t } = useTranslation();
  const typeId = useId();
  const slug = useMembership().workspace.slug;
  const [created, setCreated] = useState<CreatedChannel | null>(null);
  const [adding, setAdding] = useState<AddableType>('custom');
  // Always read again on opening: a channel another admin (or the API) added meanwhile must show here.
  const channels = useQuery({
    queryKey: queryKeys.channels(slug),
    queryFn: () => fetchChannels(slug),
    refetchOnMount: 'always',
  });
  const items = channels.data?.items;

  return (
    <div className="settings-section">
      <section className="card">
        <h2>{t('settings.channels.title')}</h2>
        {channels.error && <ErrorNotice error={channels.error} onRetry={() => void channels.refetch()} />}
        {channels.isPending && <p className="muted">{t('common.loading')}</p>}
        {items?.length === 0 && (
          <EmptyState title={t('settings.channels.empty.title')}>
            <p>{t('settings.channels.empty.body')}</p>
          </EmptyState>
        )}
        {items && items.length > 0 && (
          <div className="table-wrapper">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('settings.channels.columns.name')}</th>
                  <th scope="col">{t('settings.channels.columns.type')}</th>
                  <th scope="col">{t('settings.channels.columns.status')}</th>
                  <th scope="col">{t('settings.channels.columns.webhookUrl')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((channel) => (
                  <tr key={channel.id}>
                    <td className="cell-strong">
                      {channel.name}
                      {channel.type === 'whatsapp' && (
                        <>
                          <TemplateSyncButton slug={slug} channelId={channel.id} />
                          <TemplateCreateForm slug={slug} channelId={channel.id} />
                        </>
                      )}
                      {(channel.type === 'messenger' || channel.type === 'instagram') && (
                        <ChatMenuForm slug={slug} channelId={channel.id} />
                      )}
                    </td>
                    <td>{t(`settings.channels.types.${channel.type}`, { defaultValue: channel.type })}</td>
                    <td>
                      <span className={`status-pill status-${channel.status}`}>
                        {t(`settings.channels.statuses.${channel.status}`, { defaultValue: channel.status })}
                      </span>
                      {channel.statusReason && <div className="muted field-hint">{channel.statusReason}</div>}
                    </td>
                    <td>
                      {channel.type === 'email' ? (
                        <span className="muted">{t('settings.channels.email.noWebhook')}</span>
                      ) : (
                        <code className="code-inline">{channel.webhookUrl}</code>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {created?.verifyToken && <MetaChannelNotice created={created} onDismiss={() => setCreated(null)} />}
      {created && !created.verifyToken && <ChannelSecretNotice created={created} onDismiss={() => setCreated(null)} />}
      {!created && (
        <>
          <div className="field channel-type-picker">
            <label htmlFor={typeId}>{t('settings.channels.addType')}</label>
            <select id={typeId} value={adding} onChange={(event) => setAdding(event.target.value as AddableType)}>
              {addableTypes.map((type) => (
                <option key={type} value={type}>
                  {t(`settings.channels.types.${type}`)}
                </option>
              ))}
            </select>
          </div>
          {adding === 'custom' ? (
            <CustomChannelForm slug={slug} onCreated={setCreated} />
          ) : (
            <MetaChannelForm key={adding} slug={slug} type={adding as MetaChannelType} onCreated={setCreated} />
          )}
        </>
      )}
      <WebchatSection slug={slug} channels={items ?? []} />
      <ProviderChannelForm slug={slug} />
      <EmailChannelForm slug={slug} />
    </div>
  );
}
