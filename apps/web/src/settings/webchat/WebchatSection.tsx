import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel, CreatedChannel } from '../../api/types';
import { CopyButton } from '../../common/CopyButton';
import { WebchatCreateForm } from './WebchatCreateForm';
import { WebchatCustomize } from './WebchatCustomize';

/**
 * Settings → Channels → Web chat: create one (its identity-verification key is shown once), pick one to
 * customize (Personalizar).
 */
export function WebchatSection({ slug, channels }: { slug: string; channels: Channel[] }) {
  const { t } = useTranslation();
  const [created, setCreated] = useState<CreatedChannel | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const webchats = channels.filter((c) => c.type === 'webchat');
  const current = webchats.find((c) => c.id === selected);

  return (
    <>
      {created ? (
        <section className="card card-highlight" aria-live="polite">
          <h2>{t('settings.webchat.created', { name: created.channel.name })}</h2>
          <p className="notice notice-warning">{t('settings.webchat.secretOnce')}</p>
          <dl className="secret-list">
            <dt>{t('settings.webchat.secret')}</dt>
            <dd>
              <code className="code-block" data-testid="webchat-secret">
                {created.secret}
              </code>
              <CopyButton text={created.secret ?? ''} />
            </dd>
          </dl>
          <div className="form-actions">
            <button
              type="button"
              className="button button-primary"
              onClick={() => {
                setSelected(created.channel.id);
                setCreated(null);
              }}
            >
              {t('settings.webchat.dismiss')}
            </button>
          </div>
        </section>
      ) : (
        <WebchatCreateForm slug={slug} onCreated={setCreated} />
      )}
      {webchats.length > 0 && (
        <section className="card">
          <h2>{t('settings.webchat.title')}</h2>
          <ul className="plain-list">
            {webchats.map((c) => (
              <li key={c.id}>
                <span className="cell-strong">{c.name}</span>{' '}
                <button type="button" className="button button-small" onClick={() => setSelected(c.id)}>
                  {t('settings.webchat.customize')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {current && <WebchatCustomize key={current.id} slug={slug} channel={current} />}
    </>
  );
}
