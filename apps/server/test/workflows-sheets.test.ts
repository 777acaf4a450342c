import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { workflowDraftSchema } from '@charla/contracts/workflows';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contacts, workflowRuns, workflowRunSteps } from '../src/db/schema';
import { createWorkflow, publishWorkflow } from '../src/modules/workflows/service';
import { factories } from './support/factories';
import { loginSession, type Session } from './support/http';
import { eventually, startTestRuntime, type TestRuntime } from './support/runtime';

/**
 * The "add a Google Sheets row" step against a loopback stand-in for Google: the service account's JWT
 * assertion is checked with its public key, the row arrives with its variables filled, and Google's
 * refusal takes the error branch with its message in the trace.
 */
describe('Google Sheets step', () => {
  let rt: TestRuntime;
  let google: http.Server;
  let base: string;
  let session: Session;
  const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const rows: { sheet: string; range: string; values: string[][] }[] = [];
  const tokens = new Set<string>();

  beforeAll(async () => {
    rt = await startTestRuntime({ allowPrivateHosts: ['127.0.0.1'] });
    google = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const reply = (status: number, json: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(json));
        };
        if (req.url === '/token') {
          const form = new URLSearchParams(body);
          const [head, claims, sig] = (form.get('assertion') ?? '').split('.');
          const ok = crypto
            .createVerify('RSA-SHA256')
            .update(`${head}.${claims}`)
            .verify(publicKey, Buffer.from(sig ?? '', 'base64url'));
          const c = JSON.parse(Buffer.from(claims ?? '', 'base64url').toString() || '{}');
          if (
            !ok ||
            form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer' ||
            !c.scope?.includes('spreadsheets')
          )
            return reply(400, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' });
          const token = `ya29.${crypto.randomBytes(8).toString('hex')}`;
          tokens.add(token);
          return reply(200, { access_token: token, expires_in: 3599, token_type: 'Bearer' });
        }
        const m = /^\/v4\/spreadsheets\/([^/]+)\/values\/([^:]+):append\?/.exec(req.url ?? '');
        if (!m || !tokens.has((req.headers.authorization ?? '').replace('Bearer ', '')))
          return reply(401, { error: { code: 401, message: 'Request had invalid authentication credentials.' } });
        if (m[1] === 'missing-sheet-0000')
          return reply(404, { error: { code: 404, message: 'Requested entity was not found.' } });
        rows.push({ sheet: m[1]!, range: decodeURIComponent(m[2]!), values: JSON.parse(body).values });
        return reply(200, { spreadsheetId: m[1], updates: { updatedRows: 1 } });
      });
    });
    await new Promise<void>((r) => google.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(google.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((r) => google?.close(r));
    await rt?.close();
  });

  it('connects a service account, appends a row with variables, and takes the error branch on a refusal', async () => {
    const f = factories(rt.ctx);
    const { ws, owner, scope } = await f.workspace();
    session = await loginSession(rt.url, owner.email);
    const url = `/api/w/${ws.slug}/integrations/google-sheets`;
    const wrongKey = crypto
      .generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' });
    const settings = {
      clientEmail: 'charla@proj.iam.gserviceaccount.com',
      tokenUrl: `${base}/token`,
      apiBaseUrl: base,
    };
    expect((await session.json('PUT', url, { ...settings, privateKey: wrongKey.toString() })).status).toBe(200);
    const refused = await session.json('POST', `${url}/test`);
    expect(refused).toMatchObject({ status: 400, body: { code: 'google_refused' } });
    expect(refused.body.message).toContain('Invalid JWT Signature.');
    expect((await session.json('PUT', url, { ...settings, privateKey: pem })).status).toBe(200);
    expect((await session.json('POST', `${url}/test`)).status).toBe(204);
    const shown = await session.json('GET', url);
    expect(shown.body).toEqual({ configured: true, ...settings });
    expect(JSON.stringify(shown.body)).not.toContain('PRIVATE KEY');

    const [contact] = await scope.insert(contacts, { firstName: 'Ana', email: 'ana@example.com' }).returning();
    const wf = await createWorkflow(scope, null, {
      draft: workflowDraftSchema.parse({
        name: 'Leads',
        trigger: { type: 'shortcut' },
        graph: {
          start: 'row',
          steps: [
            {
              id: 'row',
              type: 'google_sheets_row',
              spreadsheetId: '1AbCdEfGhIjKlMnOp',
              range: 'Leads!A:C',
              values: ['$contact.firstname', '$contact.email', 'web'],
              next: 'bad',
              onError: null,
            },
            {
              id: 'bad',
              type: 'google_sheets_row',
              spreadsheetId: 'missing-sheet-0000',
              range: 'Hoja 1',
              values: ['x'],
              next: null,
              onError: 'tag',
            },
            { id: 'tag', type: 'update_tag', action: 'add', tags: ['sheets-error'], next: null },
          ],
        },
      }),
    });
    await publishWorkflow(scope, wf.id, null);
    const started = await session.json('POST', `/api/w/${ws.slug}/workflows/${wf.id}/run`, { contactId: contact!.id });
    expect(started.status).toBe(202);
    await eventually(async () => (await scope.find(workflowRuns))[0]?.status === 'completed');
    expect(rows).toEqual([
      { sheet: '1AbCdEfGhIjKlMnOp', range: 'Leads!A:C', values: [['Ana', 'ana@example.com', 'web']] },
    ]);
    const trace = await scope.find(workflowRunSteps, eq(workflowRunSteps.runId, started.body.runId));
    expect(trace.map((t) => `${t.stepId}:${t.outcome}`)).toEqual([
      'null:started',
      'row:waiting',
      'row:done',
      'bad:waiting',
      'bad:failed',
      'tag:done',
    ]);
    expect(trace[4]!.detail.error).toBe('Google Sheets answered 404: Requested entity was not found.');
  });
});
