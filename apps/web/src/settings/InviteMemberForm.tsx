import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../api/queryKeys';
import type { Member } from '../api/types';
import { ErrorNotice } from '../common/ErrorNotice';
import { TextField } from '../common/TextField';
import { type InviteRequest, inviteMember } from './settingsApi';

const roles: readonly Member['role'][] = ['agent', 'manager', 'owner'];
const accessLevels: readonly Member['accessLevel'][] = ['all', 'team', 'assigned'];

const emptyInvite: InviteRequest = { email: '', role: 'agent', accessLevel: 'all' };

/** Invites someone by email with a role and, for agents, which contacts they may see. */
export function InviteMemberForm({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const roleId = useId();
  const accessId = useId();
  const queryClient = useQueryClient();
  const [invite, setInvite] = useState<InviteRequest>(emptyInvite);
  const [invitedEmail, setInvitedEmail] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: (request: InviteRequest) => inviteMember(slug, request),
    onSuccess: (_response, request) => {
      setInvitedEmail(request.email);
      setInvite(emptyInvite);
      void queryClient.invalidateQueries({ queryKey: queryKeys.members(slug) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.outbox(slug) });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setInvitedEmail(null);
    send.mutate({ ...invite, email: invite.email.trim() });
  }

  return (
    <section className="card">
      <h2>{t('settings.users.invite.title')}</h2>
      <form className="form-grid" onSubmit={submit}>
        <TextField
          label={t('settings.users.invite.email')}
          type="email"
          name="invite-email"
          required
          value={invite.email}
          onChange={(event) => setInvite({ ...invite, email: event.target.value })}
        />
        <div className="field">
          <label htmlFor={roleId}>{t('settings.users.invite.role')}</label>
          <select
            id={roleId}
            value={invite.role}
            onChange={(event) => setInvite({ ...invite, role: event.target.value as Member['role'] })}
          >
            {roles.map((role) => (
              <option key={role} value={role}>
                {t(`roles.${role}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={accessId}>{t('settings.users.invite.accessLevel')}</label>
          <select
            id={accessId}
            value={invite.accessLevel}
            onChange={(event) => setInvite({ ...invite, accessLevel: event.target.value as Member['accessLevel'] })}
          >
            {accessLevels.map((level) => (
              <option key={level} value={level}>
                {t(`accessLevels.${level}`)}
              </option>
            ))}
          </select>
        </div>
        {send.error && <ErrorNotice error={send.error} />}
        {invitedEmail && (
          <p className="notice notice-success" role="status">
            {t('settings.users.invite.sent', { email: invitedEmail })}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={send.isPending}>
            {t('settings.users.invite.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
