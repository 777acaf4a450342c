import type { MeResponse } from '@charla/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, api } from '../api/client';
import { ErrorNotice } from '../common/ErrorNotice';
import { TextField } from '../common/TextField';
import { AuthLayout } from './AuthLayout';
import { type NewPassword, NewPasswordFields, newPasswordProblem } from './NewPasswordFields';
import { useSignedIn } from './useSignedIn';

interface Invite {
  email: string;
  workspace: { name: string; slug: string };
  existingUser: boolean;
}

export function AcceptInvitePage() {
  const { t } = useTranslation();
  const token = useParams().token ?? '';
  const signedIn = useSignedIn();
  const [name, setName] = useState('');
  const [newPassword, setNewPassword] = useState<NewPassword>({ password: '', confirmation: '' });
  const [currentPassword, setCurrentPassword] = useState('');
  const [problem, setProblem] = useState<ReturnType<typeof newPasswordProblem>>(null);
  const invite = useQuery({
    queryKey: ['invite', token],
    queryFn: () => api.get<Invite>(`/invites/${encodeURIComponent(token)}`),
  });
  const accept = useMutation({
    mutationFn: () =>
      api.post<MeResponse>(
        `/invites/${encodeURIComponent(token)}/accept`,
        invite.data?.existingUser ? { password: currentPassword } : { name, password: newPassword.password },
        { csrf: false },
      ),
    onSuccess: (me) => signedIn(me, invite.data ? `/w/${invite.data.workspace.slug}/messages` : '/'),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = invite.data?.existingUser ? null : newPasswordProblem(newPassword);
    setProblem(found);
    if (!found) accept.mutate();
  }

  if (invite.isPending) {
    return (
      <AuthLayout title={t('auth.invite.loadingTitle')}>
        <p className="muted">{t('common.loading')}</p>
      </AuthLayout>
    );
  }
  if (invite.error) {
    const notFound = invite.error instanceof ApiError && invite.error.status === 404;
    return (
      <AuthLayout title={t('auth.invite.loadingTitle')}>
        {notFound ? (
          <p className="notice notice-error" role="alert">
            {t('auth.invite.invalid')}
          </p>
        ) : (
          <ErrorNotice error={invite.error} onRetry={() => void invite.refetch()} />
        )}
        <p className="auth-footer">
          <Link to="/login">{t('auth.backToLogin')}</Link>
        </p>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title={t('auth.invite.title', { workspace: invite.data.workspace.name })}>
      <form className="stack" onSubmit={submit}>
        {invite.data.existingUser ? (
          <>
            <p className="muted">{t('auth.invite.existingIntro', { email: invite.data.email })}</p>
            <TextField
              label={t('auth.invite.currentPassword')}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              autoFocus
              value={currentPassword}
              onChange={(event) => setCurrentPassword(event.target.value)}
            />
          </>
        ) : (
          <>
            <p className="muted">{t('auth.invite.intro', { email: invite.data.email })}</p>
            <TextField
              label={t('auth.invite.name')}
              name="name"
              autoComplete="name"
              required
              autoFocus
              value={name}
              onChange={(event) => setName(event.target.value)}
            />
            <NewPasswordFields value={newPassword} onChange={setNewPassword} />
          </>
        )}
        {problem && (
          <p className="notice notice-error" role="alert">
            {t(problem)}
          </p>
        )}
        {accept.error && <ErrorNotice error={accept.error} />}
        <button type="submit" className="button button-primary button-block" disabled={accept.isPending}>
          {t('auth.invite.submit')}
        </button>
      </form>
    </AuthLayout>
  );
}
