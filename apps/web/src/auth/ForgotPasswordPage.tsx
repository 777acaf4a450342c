import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client';
import { ErrorNotice } from '../common/ErrorNotice';
import { TextField } from '../common/TextField';
import { AuthLayout } from './AuthLayout';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const forgot = useMutation({
    mutationFn: () => api.post<void>('/auth/forgot', { email }, { csrf: false }),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    forgot.mutate();
  }

  return (
    <AuthLayout title={t('auth.forgot.title')}>
      {forgot.isSuccess ? (
        <p className="notice notice-success" role="status">
          {t('auth.forgot.sent')}
        </p>
      ) : (
        <form className="stack" onSubmit={submit}>
          <p className="muted">{t('auth.forgot.intro')}</p>
          <TextField
            label={t('auth.email')}
            type="email"
            name="email"
            autoComplete="username"
            required
            autoFocus
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
          {forgot.error && <ErrorNotice error={forgot.error} />}
          <button type="submit" className="button button-primary button-block" disabled={forgot.isPending}>
            {t('auth.forgot.submit')}
          </button>
        </form>
      )}
      <p className="auth-footer">
        <Link to="/login">{t('auth.backToLogin')}</Link>
      </p>
    </AuthLayout>
  );
}
