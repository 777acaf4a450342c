import type { MeResponse } from '@charla/contracts';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { ErrorNotice } from '../common/ErrorNotice';
import { TextField } from '../common/TextField';
import { AuthLayout } from './AuthLayout';
import { useSignedIn } from './useSignedIn';

export function LoginPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const signedIn = useSignedIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation({
    mutationFn: () => api.post<MeResponse>('/auth/login', { email, password }, { csrf: false }),
    onSuccess: (me) => signedIn(me, searchParams.get('next')),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    login.mutate();
  }

  return (
    <AuthLayout title={t('auth.login.title')}>
      <form className="stack" onSubmit={submit}>
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
        <TextField
          label={t('auth.password')}
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        {login.error && <ErrorNotice error={login.error} />}
        <button type="submit" className="button button-primary button-block" disabled={login.isPending}>
          {login.isPending ? t('auth.login.submitting') : t('auth.login.submit')}
        </button>
      </form>
      <p className="auth-footer">
        <Link to="/forgot">{t('auth.login.forgotLink')}</Link>
      </p>
    </AuthLayout>
  );
}
