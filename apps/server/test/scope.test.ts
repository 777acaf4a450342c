import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Scope } from '../src/db/scope';
import { tags } from '../src/db/schema';
import { factories } from './support/factories';
import { startTestRuntime, type TestRuntime } from './support/runtime';

describe('workspace scope', () => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await startTestRuntime();
  });
  afterAll(async () => rt?.close());

  it('adds the workspace to every read, update and delete, and fills it on insert', async () => {
    const f = factories(rt.ctx);
    const a = await f.workspace();
    const b = await f.workspace();
    await a.scope.insert(tags, { name: 'vip' });
    await b.scope.insert(tags, { name: 'vip' });
    const [bTag] = await b.scope.find(tags);
    expect(bTag!.workspaceId).toBe(b.ws.id);

    // Even naming B's row explicitly, A's scope cannot see, change or delete it.
    expect(await a.scope.find(tags, eq(tags.id, bTag!.id))).toEqual([]);
    await a.scope.update(tags, { name: 'hacked' }, eq(tags.id, bTag!.id));
    await a.scope.delete(tags, eq(tags.id, bTag!.id));
    const [still] = await b.scope.find(tags, eq(tags.id, bTag!.id));
    expect(still!.name).toBe('vip');
    // An update cannot move a row to another workspace either.
    await a.scope.update(tags, { workspaceId: b.ws.id, name: 'moved' } as never);
    expect(await a.scope.count(tags)).toBe(1);
    expect(new Scope(rt.ctx.db, a.ws.id).workspaceId).toBe(a.ws.id);
  });
});

describe('module boundaries', () => {
  const src = path.resolve(__dirname, '../src');
  const files = (dir: string): string[] =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .flatMap((d) => (d.isDirectory() ? files(path.join(dir, d.name)) : [path.join(dir, d.name)]));

  it('reads process.env only in config/', () => {
    const offenders = files(src)
      .filter((f) => f.endsWith('.ts') && !f.includes(`${path.sep}config${path.sep}`))
      .filter((f) => /process\.env/.test(fs.readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('reaches tenant tables through a Scope: unscoped `ctx.db` access only in the listed platform files', () => {
    // Platform code that legitimately works across workspaces or before a workspace is known.
    const allowed = new Set(
      [
        'modules/auth/service.ts',
        'modules/auth/routes.ts',
        'modules/auth/sessions.ts',
        'modules/auth/me.ts',
        'modules/members/service.ts',
        'modules/members/routes.ts',
        'modules/workspaces/service.ts',
        'modules/workspaces/seed.ts',
        'modules/mail/mailer.ts',
        'modules/channels/service.ts',
        'modules/files/service.ts',
        'modules/ingest/routes.ts',
        'modules/ingest/processor.ts',
        'modules/ingest/process-event.ts',
        'modules/messages/outbound-job.ts',
        'modules/messages/media-job.ts',
        'modules/contacts/import/job.ts',
        'modules/messages/service.ts',
        'modules/workflows/engine.ts',
        'modules/workflows/triggers.ts',
        // A call's job (HTTP, Google Sheets) resumes its run in the run's workspace.
        'modules/workflows/runs.ts',
        'modules/workflows/steps/sheets.ts',
        'modules/workflows/steps/ai-job.ts',
        // An incoming-webhook call names its workflow, whose row names the workspace.
        'modules/workflows/incoming-webhook.ts',
        // Which workspaces have workflows (read across workspaces, to skip events of the others).
        'modules/workflows/active-triggers.ts',
        // The workspace row itself (not a tenant table) for the integration settings.
        'modules/integrations/routes.ts',
        // API tokens are looked up by their secret before the workspace is known.
        'modules/tokens/service.ts',
        'modules/api-v2/auth.ts',
        // Webhook jobs build the scope of the event's or the job's workspace.
        'modules/webhooks/delivery.ts',
        // Read receipt and profile jobs build the scope of the workspace their job names.
        'modules/messages/read-receipt.ts',
        'modules/contacts/profile-job.ts',
        // Which workspaces have webhooks at all (read across workspaces, to skip events of the others).
        'modules/webhooks/active-workspaces.ts',
        'realtime/listener.ts',
        // Broadcast jobs and listeners build the scope of the workspace their job or event names.
        'modules/broadcasts/dispatch-job.ts',
        'modules/broadcasts/recipient-status.ts',
        // Which workspaces sent broadcasts lately (read across workspaces, to skip events of the others).
        'modules/broadcasts/active-workspaces.ts',
      ].map((p) => path.join(src, p)),
    );
    const offenders = files(path.join(src, 'modules'))
      .concat(files(path.join(src, 'channels')), files(path.join(src, 'realtime')))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !allowed.has(f))
      .filter((f) => /\bctx\.db\b|\bdb\.(select|insert|update|delete)\(/.test(fs.readFileSync(f, 'utf8')));
    expect(offenders.map((f) => path.relative(src, f))).toEqual([]);
  });
});
