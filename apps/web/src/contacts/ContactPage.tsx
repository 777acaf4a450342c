import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { queryKeys } from '../api/queryKeys';
import { ErrorNotice } from '../common/ErrorNotice';
import { useWorkspace } from '../shell/useWorkspace';
import { ActivityTimeline } from './ActivityTimeline';
import { ContactFields } from './ContactFields';
import { ContactIdentity } from './ContactIdentity';
import { ContactTags } from './ContactTags';
import { contactsApi } from './contactsApi';
import { DeleteContactButton } from './DeleteContactButton';
import { StartConversationButton } from './StartConversationButton';
import { DuplicatesPanel } from './DuplicatesPanel';
import { MergeHistory } from './MergeHistory';
import { ContactWorkflowRuns } from '../workflows/ContactWorkflowRuns';
import { ContactsSubpageHeader } from './ContactsSubpageHeader';

/** One contact (Detalle del contacto): fields, identifiers, channels, tags, duplicates, merges, activity. */
export function ContactPage() {
  const { t } = useTranslation();
  const { slug } = useWorkspace();
  const contactId = Number(useParams().contactId);
  const contact = useQuery({
    queryKey: queryKeys.contact(slug, contactId),
    queryFn: () => contactsApi.contact(slug, contactId),
  });
  const data = contact.data;
  // A merged-away contact lives on in the one it was merged into; its own page only offers the undo.
  const mergedInto = data?.mergedIntoId ?? null;

  return (
    <div className="page">
      <ContactsSubpageHeader slug={slug} title={data?.name ?? t('common.loading')}>
        {data && mergedInto === null && <StartConversationButton contactId={data.id} />}
        {data && mergedInto === null && <DeleteContactButton contactId={data.id} name={data.name} />}
      </ContactsSubpageHeader>
      <div className="page-body">
        {contact.error && <ErrorNotice error={contact.error} onRetry={() => void contact.refetch()} />}
        {data && mergedInto !== null && (
          <div className="contact-grid">
            <div className="notice" role="status">
              {t('contact.mergedNotice')} <Link to={`/w/${slug}/contacts/${mergedInto}`}>#{mergedInto}</Link>
            </div>
            <MergeHistory slug={slug} contactId={data.id} />
          </div>
        )}
        {data && mergedInto === null && (
          <div className="contact-grid">
            <div className="contact-column">
              <DuplicatesPanel slug={slug} contact={data} />
              <ContactFields slug={slug} contact={data} />
              <ContactTags slug={slug} contact={data} />
              <ContactIdentity slug={slug} contact={data} />
            </div>
            <div className="contact-column">
              <MergeHistory slug={slug} contactId={data.id} />
              <ContactWorkflowRuns slug={slug} contactId={data.id} />
              <ActivityTimeline slug={slug} contactId={data.id} />
            </div>
          </div>
        )}
      </div>
    </div>
  );
}
