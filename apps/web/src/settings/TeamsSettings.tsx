import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { queryKeys } from '../api/queryKeys';
import type { Team } from '../api/types';
import { useMembers, useTeams } from '../api/useWorkspaceData';
import { workspacePath } from '../api/workspacePath';
import { ErrorNotice } from '../common/ErrorNotice';
import { TextField } from '../common/TextField';
import { useMembership } from '../shell/useWorkspace';
import { useSettingsMutation } from './useSettingsMutation';

type Change =
  | { kind: 'create'; name: string }
  | { kind: 'rename'; team: Team; name: string }
  | { kind: 'member'; team: Team; userId: number; member: boolean };

/** Settings → Teams: create, rename, and choose who is in each team (team views and access follow). */
export function TeamsSettings() {
  const { t } = useTranslation();
  const slug = useMembership().workspace.slug;
  const base = `${workspacePath(slug)}/teams`;
  const teams = useTeams(slug);
  const members = (useMembers(slug).data?.items ?? []).filter((m) => m.userId !== null);
  const [name, setName] = useState('');
  const change = useSettingsMutation((c: Change) => {
    if (c.kind === 'create') return api.post(base, { name: c.name });
    if (c.kind === 'rename') return api.patch(`${base}/${c.team.id}`, { name: c.name });
    return c.member
      ? api.post(`${base}/${c.team.id}/members`, { userId: c.userId })
      : api.delete(`${base}/${c.team.id}/members/${c.userId}`);
  }, queryKeys.teams(slug));

  function create(event: FormEvent) {
    event.preventDefault();
    change.mutate({ kind: 'create', name: name.trim() }, { onSuccess: () => setName('') });
  }

  return (
    <div className="settings-section">
      {teams.data?.items.length === 0 && <p className="muted">{t('settings.teams.empty')}</p>}
      {teams.data?.items.map((team) => (
        <section className="card" key={team.id}>
          <input
            className="inline-input card-title-input"
            aria-label={t('settings.teams.nameOf', { name: team.name })}
            defaultValue={team.name}
            onBlur={(event) => {
              const next = event.target.value.trim();
              if (next && next !== team.name) change.mutate({ kind: 'rename', team, name: next });
            }}
          />
          <fieldset className="checkbox-list">
            <legend>{t('settings.teams.members')}</legend>
            {members.map((m) => (
              <label key={m.userId}>
                <input
                  type="checkbox"
                  checked={team.memberIds.includes(m.userId!)}
                  onChange={(event) =>
                    change.mutate({ kind: 'member', team, userId: m.userId!, member: event.target.checked })
                  }
                />{' '}
                {m.name}
              </label>
            ))}
          </fieldset>
        </section>
      ))}
      {change.error && <ErrorNotice error={change.error} />}
      <section className="card">
        <h2>{t('settings.teams.newTitle')}</h2>
        <form className="inline-form" onSubmit={create}>
          <TextField
            label={t('settings.teams.name')}
            required
            maxLength={100}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <button type="submit" className="button button-primary">
            {t('settings.teams.create')}
          </button>
        </form>
      </section>
    </div>
  );
}
