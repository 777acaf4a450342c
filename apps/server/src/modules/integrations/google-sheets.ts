import { z } from 'zod';
import { signRs256Jwt } from '../../channels/jwt';
import type { Ctx } from '../../context';
import type { Scope } from '../../db/scope';
import { invalid } from '../../http/errors';
import { requestPublic } from '../../lib/public-http';
import type { Workspace } from '../workspaces/service';
import { setWorkspaceSetting } from '../workspaces/settings';

/**
 * Google Sheets for workflows' "add a row" step, through a Google Cloud service account (the sheet is
 * shared with its email). The private key is sealed at rest; the token and API base URLs are settings
 * so tests (and Google-compatible gateways) can stand in for Google.
 */
export const googleSheetsInputSchema = z.object({
  clientEmail: z.string().trim().email(),
  /** PEM; omitted on update = keep the stored one. */
  privateKey: z.string().trim().min(1).max(10_000).optional(),
  tokenUrl: z.string().url().default('https://oauth2.googleapis.com/token'),
  apiBaseUrl: z.string().url().default('https://sheets.googleapis.com'),
});

interface Stored {
  clientEmail: string;
  privateKeySealed: string;
  tokenUrl: string;
  apiBaseUrl: string;
}

const storedOf = (ws: Pick<Workspace, 'settings'>) => ws.settings.googleSheets as Stored | undefined;

/** What Settings shows: never the key. */
export function describeGoogleSheets(ws: Pick<Workspace, 'settings'>) {
  const s = storedOf(ws);
  return s
    ? { configured: true, clientEmail: s.clientEmail, tokenUrl: s.tokenUrl, apiBaseUrl: s.apiBaseUrl }
    : { configured: false, clientEmail: null, tokenUrl: null, apiBaseUrl: null };
}

export async function saveGoogleSheets(
  ctx: Ctx,
  scope: Scope,
  ws: Workspace,
  input: z.infer<typeof googleSheetsInputSchema>,
) {
  const before = storedOf(ws);
  if (input.privateKey && !/-----BEGIN (RSA )?PRIVATE KEY-----/.test(input.privateKey))
    throw invalid('invalid_private_key', 'Paste the private_key of the service account’s JSON key (a PEM block)');
  const sealed = input.privateKey ? ctx.secrets.seal(input.privateKey) : before?.privateKeySealed;
  if (!sealed) throw invalid('private_key_required', 'The service account’s private key is required');
  const googleSheets: Stored = {
    clientEmail: input.clientEmail,
    privateKeySealed: sealed,
    tokenUrl: input.tokenUrl,
    apiBaseUrl: input.apiBaseUrl.replace(/\/+$/, ''),
  };
  const row = await setWorkspaceSetting(scope, 'googleSheets', googleSheets);
  tokens.delete(ws.id);
  return describeGoogleSheets(row);
}

const tokens = new Map<number, { token: string; expiresAt: number }>();

/** An access token for the workspace's service account (cached until a minute before it expires). */
async function accessToken(ctx: Ctx, ws: Workspace, s: Stored): Promise<string> {
  const cached = tokens.get(ws.id);
  if (cached && cached.expiresAt > Date.now() + 60_000) return cached.token;
  const now = Math.floor(Date.now() / 1000);
  const assertion = signRs256Jwt(
    {
      iss: s.clientEmail,
      scope: 'https://www.googleapis.com/auth/spreadsheets',
      aud: s.tokenUrl,
      iat: now,
      exp: now + 3600,
    },
    ctx.secrets.open(s.privateKeySealed),
  );
  const res = await requestPublic({
    method: 'POST',
    url: s.tokenUrl,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }).toString(),
    timeoutMs: 10_000,
    allowHosts: ctx.config.allowPrivateHosts,
  });
  const json = safeJson(res.body) as { access_token?: string; expires_in?: number; error_description?: string };
  if (res.status !== 200 || !json?.access_token)
    throw new Error(
      `Google refused the service account (HTTP ${res.status}): ${json?.error_description ?? res.body.slice(0, 200)}`,
    );
  tokens.set(ws.id, { token: json.access_token, expiresAt: Date.now() + (json.expires_in ?? 3600) * 1000 });
  return json.access_token;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Appends one row; resolves with the HTTP status, throws with Google's reason when it fails. */
export async function appendSheetRow(
  ctx: Ctx,
  ws: Workspace,
  row: { spreadsheetId: string; range: string; values: string[] },
): Promise<number> {
  const s = storedOf(ws);
  if (!s) throw new Error('Google Sheets is not connected (Settings → Integrations → Google Sheets)');
  const token = await accessToken(ctx, ws, s);
  const url = `${s.apiBaseUrl}/v4/spreadsheets/${encodeURIComponent(row.spreadsheetId)}/values/${encodeURIComponent(row.range)}:append?valueInputOption=USER_ENTERED&insertDataOption=INSERT_ROWS`;
  const res = await requestPublic({
    method: 'POST',
    url,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ majorDimension: 'ROWS', values: [row.values] }),
    timeoutMs: 15_000,
    allowHosts: ctx.config.allowPrivateHosts,
  });
  if (res.status >= 400) {
    const err = (safeJson(res.body) as { error?: { message?: string } })?.error?.message ?? res.body.slice(0, 200);
    throw new Error(`Google Sheets answered ${res.status}: ${err}`);
  }
  return res.status;
}

/** Settings → "Test": obtains a token, which proves the email and key belong together. */
export async function testGoogleSheets(ctx: Ctx, ws: Workspace): Promise<void> {
  const s = storedOf(ws);
  if (!s) throw invalid('not_configured', 'Save the service account first');
  tokens.delete(ws.id);
  try {
    await accessToken(ctx, ws, s);
  } catch (err) {
    throw invalid('google_refused', (err as Error).message);
  }
}
