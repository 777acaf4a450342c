import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../api/queryKeys';
import { ErrorNotice } from '../common/ErrorNotice';
import { useMembership } from '../shell/useWorkspace';
import { InviteMemberForm } from './InviteMemberForm';
import { fetchMembers } from './settingsApi';

export function UsersSettings() {
  const { t } = useTranslation();
  const slug = useMembership().workspace.slug;
  const members = useQuery({ queryKey: queryKeys.members(slug), queryFn: () => fetchMembers(slug) });

  return (
    <div className="settings-section">
      <section className="card">
        <h2>{t('settings.users.title')}</h2>
        {members.error && <ErrorNotice error={members.error} onRetry={() => void members.refetch()} />}
        {members.isPending && <p className="muted">{t('common.loading')}</p>}
        {members.data && (
          <div className="table-wrapper">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('settings.users.columns.name')}</th>
                  <th scope="col">{t('settings.users.columns.email')}</th>
                  <th scope="col">{t('settings.users.columns.role')}</th>
                  <th scope="col">{t('settings.users.columns.accessLevel')}</th>
                  <th scope="col">{t('settings.users.columns.status')}</th>
                  <th scope="col">{t('settings.users.columns.presence')}</th>
                </tr>
              </thead>
              <tbody>
                {members.data.items.map((member) => (
                  <tr key={member.email}>
                    <td className="cell-strong">{member.name || '—'}</td>
                    <td>{member.email}</td>
                    <td>{t(`roles.${member.role}`)}</td>
                    <td>{t(`accessLevels.${member.accessLevel}`)}</td>
                    <td>
                      <span className={`status-pill status-${member.status}`}>
                        {t(`settings.users.memberStatus.${member.status}`)}
                      </span>
                    </td>
                    <td className="cell-nowrap">
                      <span
                        className={`presence-dot presence-dot-inline presence-${member.presence}`}
                        aria-hidden="true"
                      />{' '}
                      {t(`presence.${member.presence}`)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <InviteMemberForm slug={slug} />
    </div>
  );
}
