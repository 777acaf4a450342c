import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';
import es from '../i18n/es.json';

type KnownErrorCode = keyof typeof es.errors;

function isKnownErrorCode(code: string): code is KnownErrorCode {
  return Object.hasOwn(es.errors, code);
}

/** The translated sentence for an error: the server's code when we know it, a generic one by status otherwise. */
export function errorMessage(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    if (isKnownErrorCode(error.code)) return t(`errors.${error.code}`);
    if (error.status === 401) return t('errors.unauthorized');
    if (error.status === 403) return t('errors.forbidden');
    if (error.status === 404) return t('errors.not_found');
    if (error.status === 429) return t('errors.rate_limited');
    if (error.status === 400 || error.status === 422) return t('errors.invalid_request');
  }
  return t('errors.unknown');
}
