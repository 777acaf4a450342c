import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** The header of a page under Contacts: a way back to the list, the title, and page-level controls. */
export function ContactsSubpageHeader({
  slug,
  title,
  children,
}: {
  slug: string;
  title: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <header className="page-header">
      <div>
        <Link className="page-back-link" to={`/w/${slug}/contacts`}>
          ← {t('nav.contacts')}
        </Link>
        <h1>{title}</h1>
      </div>
      {children}
    </header>
  );
}
