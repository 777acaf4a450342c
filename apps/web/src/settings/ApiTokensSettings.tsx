import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { queryKeys } from '../api/queryKeys';
import type { ApiToken, ItemsResponse } from '../api/types';
import { workspacePath } from '../api/workspacePath';
import { CopyButton } from '../common/CopyButton';
import { ErrorNotice } from '../common/ErrorNotice';
import { formatDateTime } from '../common/formatDate';
import { TextField } from '../common/TextField';
import { useMembership } from '../shell/useWorkspace';
import { useSettingsMutation } from './useSettingsMutation';

/** Settings → API tokens: a new token is shown once (only its hash is stored); revoking is immediate. */
export function ApiTokensSettings() {
  const { t, i18n } = useTranslation();
  const slug = useMembership().workspace.slug;
  const base = `${workspacePath(slug)}/api-tokens`;
  const tokens = useQuery({
    queryKey: queryKeys.apiTokens(slug),
    queryFn: () => api.get<ItemsResponse<ApiToken>>(base),
  });
  const [name, setName] = useState('');
  const [shown, setShown] = useState<{ name: string; token: string } | null>(null);
  const create = useSettingsMutation(async (tokenName: string) => {
    const created = await api.post<{ id: number; name: string; token: string }>(base, { name: tokenName });
    setShown({ name: created.name, token: created.token });
    setName('');
  }, queryKeys.apiTokens(slug));
  const revoke = useSettingsMutation((id: number) => api.delete(`${base}/${id}`), queryKeys.apiTokens(slug));

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(name.trim());
  }

  return (
    <section className="card">
      <h2>{t('settings.apiTokens.title')}</h2>
      <p className="muted">{t('settings.apiTokens.intro')}</p>
      {shown && (
        <div className="notice notice-warning" role="status">
          <p>
            <strong>{t('settings.apiTokens.createdOnce', { name: shown.name })}</strong>
          </p>
          <code data-testid="api-token-value">{shown.token}</code> <CopyButton text={shown.token} />{' '}
          <button type="button" className="button button-small" onClick={() => setShown(null)}>
            {t('settings.apiTokens.dismiss')}
          </button>
        </div>
      )}
      {tokens.error && <ErrorNotice error={tokens.error} />}
      {tokens.data?.items.length === 0 && <p className="muted">{t('settings.apiTokens.empty')}</p>}
      {tokens.data && tokens.data.items.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>{t('settings.apiTokens.columns.name')}</th>
              <th>{t('settings.apiTokens.columns.created')}</th>
              <th>{t('settings.apiTokens.columns.lastUsed')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tokens.data.items.map((token) => (
              <tr key={token.id}>
                <td>{token.name}</td>
                <td>
                  {formatDateTime(token.createdAt, i18n.language)}
                  {token.createdBy && ` · ${token.createdBy.name}`}
                </td>
                <td>
                  {token.lastUsedAt ? formatDateTime(token.lastUsedAt, i18n.language) : t('settings.apiTokens.never')}
                </td>
                <td>
                  <button
                    type="button"
                    className="link-button"
                    aria-label={t('settings.apiTokens.revokeNamed', { name: token.name })}
                    onClick={() => {
                      if (window.confirm(t('settings.apiTokens.confirmRevoke', { name: token.name })))
                        revoke.mutate(token.id);
                    }}
                  >
                    {t('settings.apiTokens.revoke')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(create.error || revoke.error) && <ErrorNotice error={create.error ?? revoke.error} />}
      <form className="inline-form" onSubmit={submit}>
        <TextField
          label={t('settings.apiTokens.name')}
          required
          maxLength={80}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {t('settings.apiTokens.create')}
        </button>
      </form>
    </section>
  );
}
