import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contacts } from '../src/db/schema';
import type { Scope } from '../src/db/scope';
import { factories } from './support/factories';
import { loginSession, type Session } from './support/http';
import { startTestRuntime, type TestRuntime } from './support/runtime';
import { runCharla } from './support/server-process';

describe('contacts CSV export', () => {
  let rt: TestRuntime;
  let owner: Session;
  let slug: string;
  let scope: Scope;
  let agentId: number;
  const f = () => factories(rt.ctx);

  beforeAll(async () => {
    rt = await startTestRuntime();
    const w = await f().workspace();
    slug = w.ws.slug;
    scope = w.scope;
    owner = await loginSession(rt.url, w.owner.email);
    const agent = await f().member(w.ws.id, 'agent', 'assigned');
    agentId = agent.id;
    await scope.insert(contacts, [
      { firstName: '=HYPERLINK("http://evil")', lastName: '+1', email: 'a@example.com' },
      { firstName: '@SUM(A1)', lastName: '-2', email: 'b@example.com', assigneeUserId: agent.id },
      { firstName: '\tTab', lastName: 'Quote "q", comma', email: 'c@example.com' },
    ]);
  });
  afterAll(async () => rt?.close());

  const exportAs = async (s: Session, query = '') => {
    const res = await s.get(`/api/w/${slug}/contacts/export${query}`);
    return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
  };

  it('streams every live contact with formula cells neutralised and quotes escaped', async () => {
    const out = await exportAs(owner);
    expect(out.status).toBe(200);
    expect(out.type).toMatch(/^text\/csv/);
    const lines = out.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('id,firstName,lastName,phone,email,country,language,lifecycleStage,createdAt');
    expect(lines).toHaveLength(4);
    expect(out.text).toContain(`"'=HYPERLINK(""http://evil"")",'+1,,a@example.com`);
    expect(out.text).toContain(`'@SUM(A1),'-2,,b@example.com`);
    expect(out.text).toContain(`'\tTab,"Quote ""q"", comma"`);
    expect(out.text).not.toMatch(/(^|,)[=+\-@\t]/m);
  });

  it('obeys the search like the contacts list', async () => {
    const out = await exportAs(owner, '?search=b%40example');
    expect(out.text).toContain('b@example.com');
    expect(out.text).not.toContain('a@example.com');
  });

  it('an agent limited to assigned contacts exports only theirs; a manager restricted from data export is refused', async () => {
    const agentUser = await rt.ctx.db.query.users.findFirst({ where: (u, { eq: e }) => e(u.id, agentId) });
    const agent = await loginSession(rt.url, agentUser!.email);
    const mine = await exportAs(agent);
    expect(mine.status).toBe(200);
    expect(mine.text).toContain('b@example.com');
    expect(mine.text).not.toContain('a@example.com');
    expect(mine.text).not.toContain('c@example.com');

    const wsId = scope.workspaceId;
    const restricted = await f().member(wsId, 'manager', 'all', ['data_export']);
    const refused = await exportAs(await loginSession(rt.url, restricted.email));
    expect(refused.status).toBe(403);
    expect(refused.text).not.toContain('example.com');
    const allowed = await f().member(wsId, 'manager', 'all');
    expect((await exportAs(await loginSession(rt.url, allowed.email))).text).toContain('c@example.com');
  });

  it('merged contacts are not exported', async () => {
    const [c] = await scope.find(contacts, eq(contacts.email, 'c@example.com'));
    const [a] = await scope.find(contacts, eq(contacts.email, 'a@example.com'));
    await scope.update(contacts, { mergedIntoId: a!.id }, eq(contacts.id, c!.id));
    expect((await exportAs(owner)).text).not.toContain('c@example.com');
    await scope.update(contacts, { mergedIntoId: null }, eq(contacts.id, c!.id));
  });
});

describe('charla import / export contacts', () => {
  it('imports a file with a progress bar and exports it back, against a data dir', { timeout: 120_000 }, async () => {
    const dataDir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'charla-cli-csv-'));
    const env = { dataDir, ownerEmail: 'cli-owner@example.com', ownerPassword: 'a long enough password' };
    try {
      expect(
        (
          await runCharla(
            ['user', 'create', '--email', env.ownerEmail, '--name', 'O', '--password', env.ownerPassword],
            env,
          )
        ).code,
      ).toBe(0);
      const ws = await runCharla(
        ['workspace', 'create', '--slug', 'acme', '--name', 'Acme', '--owner', env.ownerEmail],
        env,
      );
      expect(ws.code).toBe(0);
      const file = path.join(dataDir, 'in.csv');
      const rows = Array.from({ length: 2500 }, (_, i) => `Persona ${i};p${i}@example.com`);
      fs.writeFileSync(file, `\uFEFFNombre;Email\n${rows.join('\n')}\nMala;not-an-email\n`);
      const imported = await runCharla(['import', 'contacts', file, '--workspace', 'acme'], env, 90_000);
      expect(imported.stderr).toContain('Nombre → firstName');
      expect(imported.stderr).toMatch(/\[#{30}\] 2501\/2501 rows/);
      expect(imported.stdout).toMatch(/2500 created, 0 updated, 0 skipped, 1 rejected/);
      expect(fs.readFileSync(`${file}.rejected.csv`, 'utf8')).toContain(
        'Mala,not-an-email,2502,email: not-an-email is not a valid email address',
      );

      const exported = await runCharla(['export', 'contacts', '--workspace', 'acme', '--search', 'Persona 249'], env);
      expect(exported.code).toBe(0);
      const lines = exported.stdout
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      // Persona 249 and Persona 2490…2499.
      expect(lines).toHaveLength(12);
      expect(exported.stdout).toContain(',Persona 249,,,p249@example.com,');
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
