import { request } from 'undici';
import { z } from 'zod';
import { ChannelError } from './types';

/** A provider API base URL: http(s), no trailing slash, defaulting to the provider's (tests point it at a fake). */
export const providerBaseUrl = (fallback: string) =>
  z
    .string()
    .regex(/^https?:\/\/\S+$/i, 'must be an http(s) URL')
    .default(fallback)
    .transform((u) => u.replace(/\/+$/, ''));

export interface ProviderAnswer {
  status: number;
  text: string;
  /** Retry-After in seconds, when the provider sent one. */
  retryAfter?: number;
}

/**
 * One HTTP call to a provider's API. Network failures and timeouts become retryable ChannelErrors whose
 * reason never includes the URL (some providers put the token in it).
 */
export async function providerRequest(
  url: string,
  init: { method?: 'GET' | 'POST'; body?: string; headers?: Record<string, string> },
): Promise<ProviderAnswer> {
  try {
    const res = await request(url, {
      method: init.method ?? 'POST',
      body: init.body,
      headers: { 'user-agent': 'Charla', ...init.headers },
      headersTimeout: 15_000,
      bodyTimeout: 15_000,
    });
    const text = await res.body.text();
    const retryAfter = Number.parseInt(String(res.headers['retry-after'] ?? ''), 10);
    return { status: res.statusCode, text, retryAfter: Number.isFinite(retryAfter) ? retryAfter : undefined };
  } catch (err) {
    throw new ChannelError('network_error', (err as Error).message, true);
  }
}

/** `Authorization: Basic …` for providers that use HTTP basic auth (Twilio, Vonage). */
export const basicAuth = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** Parses a JSON answer, or undefined when it is not JSON (a proxy's error page). */
export function jsonOf<T>(text: string): T | undefined {
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

/**
 * Whether a media URL from a webhook may receive the channel's credentials: only the configured API
 * origin (a fake in tests) or, over https, one of the provider's own domains.
 */
export function mayCarryCredentials(url: string, apiBaseUrl: string, providerDomains: RegExp | null): boolean {
  if (!URL.canParse(url)) return false;
  const u = new URL(url);
  if (u.origin === new URL(apiBaseUrl).origin) return true;
  return providerDomains !== null && u.protocol === 'https:' && providerDomains.test(u.hostname);
}
