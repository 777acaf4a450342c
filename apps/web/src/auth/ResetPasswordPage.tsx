import { useMutation } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { ErrorNotice } from '../common/ErrorNotice';
import { AuthLayout } from './AuthLayout';
import { type NewPassword, NewPasswordFields, newPasswordProblem } from './NewPasswordFields';

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const [newPassword, setNewPassword] = useState<NewPassword>({ password: '', confirmation: '' });
  const [problem, setProblem] = useState<ReturnType<typeof newPasswordProblem>>(null);
  const reset = useMutation({
    mutationFn: () => api.post<void>('/auth/reset', { token, password: newPassword.password }, { csrf: false }),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = newPasswordProblem(newPassword);
    setProblem(found);
    if (!found) reset.mutate();
  }

  let content: ReactNode;
  if (!token) {
    content = (
      <p className="notice notice-error" role="alert">
        {t('errors.invalid_token')}
      </p>
    );
  } else if (reset.isSuccess) {
    content = (
      <p className="notice notice-success" role="status">
        {t('auth.reset.done')}
      </p>
    );
  } else {
    content = (
      <form className="stack" onSubmit={submit}>
        <NewPasswordFields value={newPassword} onChange={setNewPassword} />
        {problem && (
          <p className="notice notice-error" role="alert">
            {t(problem)}
          </p>
        )}
        {reset.error && <ErrorNotice error={reset.error} />}
        <button type="submit" className="button button-primary button-block" disabled={reset.isPending}>
          {t('auth.reset.submit')}
        </button>
      </form>
    );
  }

  return (
    <AuthLayout title={t('auth.reset.title')}>
      {content}
      <p className="auth-footer">
        <Link to={reset.isSuccess ? '/login' : '/forgot'}>
          {reset.isSuccess ? t('auth.backToLogin') : t('auth.reset.requestNewLink')}
        </Link>
      </p>
    </AuthLayout>
  );
}
