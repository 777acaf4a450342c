import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMe } from '../auth/useMe';

/** Moves between the workspaces the user belongs to; a plain name when there is only one. */
export function WorkspaceSwitcher({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const id = useId();
  const navigate = useNavigate();
  const { memberships } = useMe();
  const current = memberships.find((membership) => membership.workspace.slug === slug);

  if (memberships.length < 2) {
    return <div className="workspace-name">{current?.workspace.name}</div>;
  }
  return (
    <div className="workspace-switcher">
      <label htmlFor={id} className="visually-hidden">
        {t('shell.workspace')}
      </label>
      <select id={id} value={slug} onChange={(event) => navigate(`/w/${event.target.value}/messages`)}>
        {memberships.map(({ workspace }) => (
          <option key={workspace.id} value={workspace.slug}>
            {workspace.name}
          </option>
        ))}
      </select>
    </div>
  );
}
