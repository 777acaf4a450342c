import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ContactDetails } from '../api/types';
import { formatDateTime } from '../common/formatDate';
import { sourceLabel } from './sourceLabel';

/** Identifiers with where they came from, channel addresses, and links to the conversations. */
export function ContactIdentity({ slug, contact }: { slug: string; contact: ContactDetails }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="card">
      <h2>{t('contact.identifiers')}</h2>
      {contact.identifiers.length === 0 ? (
        <p className="muted">{t('contact.noIdentifiers')}</p>
      ) : (
        <ul className="plain-list">
          {contact.identifiers.map((identifier) => (
            <li key={identifier.id} className="identifier-row">
              <span className="cell-strong">{identifier.value}</span>
              <span className="muted">{t(`contact.kinds.${identifier.kind}`)}</span>
              <span className="channel-chip">{sourceLabel(t, identifier.source)}</span>
              {identifier.verified ? (
                <span className="badge badge-success">{t('contact.verified')}</span>
              ) : (
                <span className="badge badge-muted">{t('contact.unverified')}</span>
              )}
            </li>
          ))}
        </ul>
      )}
      <h3>{t('contact.channels')}</h3>
      <ul className="plain-list">
        {contact.channels.map((address) => (
          <li key={address.id} className="identifier-row">
            <span className="channel-chip">{address.channel.name}</span>
            <span>{address.displayName ?? address.externalId}</span>
            {address.lastInboundAt && (
              <span className="muted">{formatDateTime(address.lastInboundAt, i18n.language)}</span>
            )}
          </li>
        ))}
      </ul>
      <h3>{t('contact.conversations')}</h3>
      <ul className="plain-list">
        {contact.conversations.map((conversation) => (
          <li key={conversation.id}>
            <Link to={`/w/${slug}/messages/${conversation.id}`}>
              {t('contact.conversationLink', { id: conversation.id })}
            </Link>{' '}
            <span className={`status-pill status-${conversation.status}`}>
              {t(`messages.conversationStatus.${conversation.status}`)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
