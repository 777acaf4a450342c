import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactImports, contacts, mergeSuggestions } from '../src/db/schema';
import { runImport } from '../src/modules/contacts/import/run';
import type { Scope } from '../src/db/scope';
import { importCsv, uploadCsv } from './support/contact-import';
import { factories } from './support/factories';
import { loginSession, type Session } from './support/http';
import { startTestRuntime, type TestRuntime } from './support/runtime';

describe('contacts CSV import', () => {
  let rt: TestRuntime;
  let owner: Session;
  let slug: string;
  let scope: Scope;

  beforeAll(async () => {
    rt = await startTestRuntime();
    const f = factories(rt.ctx);
    const w = await f.workspace({ defaultCountry: 'MX' });
    slug = w.ws.slug;
    scope = w.scope;
    owner = await loginSession(rt.url, w.owner.email);
    const field = await owner.json('POST', `/api/w/${slug}/custom-fields`, {
      key: 'plan',
      label: 'Plan',
      type: 'list',
      options: ['free', 'pro'],
    });
    expect(field.status).toBe(201);
  });
  afterAll(async () => rt?.close());

  const byEmail = async (email: string) => (await scope.find(contacts, eq(contacts.email, email)))[0];
  const download = async (url: string) => (await owner.get(url)).text();

  it('reads a BOM + semicolon file with a quoted newline, auto-maps Spanish headers and rejects bad rows with reasons', async () => {
    const csv =
      '\uFEFFNombre;Apellido;Teléfono;Correo;Plan;Notas\r\n' +
      'Ana;"Pérez\nGómez";55 1234 5678;ana@example.com;pro;x\r\n' +
      'Beto;Ruiz;not a phone;beto@example.com;free;\r\n' +
      'Carla;Díaz;;carla@example.com;gold;\r\n' +
      'Ana bis;;+52 55 1234 5678;;;\r\n' +
      'Dora;;;dora@example.com;;\r\n';
    const draft = await uploadCsv(owner, slug, csv);
    expect(draft.headers).toEqual(['Nombre', 'Apellido', 'Teléfono', 'Correo', 'Plan', 'Notas']);
    expect(draft.mapping).toEqual({
      '0': 'firstName',
      '1': 'lastName',
      '2': 'phone',
      '3': 'email',
      '4': 'custom.plan',
    });
    expect(draft.totalRows).toBe(5);
    expect(draft.sample[0][1]).toBe('Pérez\nGómez');

    const done = await importCsv(owner, slug, csv);
    expect(done).toMatchObject({ created: 2, updated: 0, rejected: 3, processedRows: 5 });
    const ana = await byEmail('ana@example.com');
    expect(ana).toMatchObject({
      firstName: 'Ana',
      lastName: 'Pérez\nGómez',
      phone: '+525512345678',
      customFields: { plan: 'pro' },
    });
    const report = await download(done.rejectedFileUrl);
    expect(report).toContain(
      'Beto,Ruiz,not a phone,beto@example.com,free,,3,phone: a phone number cannot contain letters',
    );
    expect(report).toContain('Carla,Díaz,,carla@example.com,gold,,4,"plan: expected one of free, pro"');
    // The report is a CSV too: the phone starting with + is neutralised for spreadsheets.
    expect(report).toContain("Ana bis,,'+52 55 1234 5678,,,,5,same phone or email as line 2");
  });

  it('add only skips rows matching a workspace contact; update only skips unknown ones; add & update does both', async () => {
    const header = 'first name,last name,phone,email\n';
    const addOnly = await importCsv(owner, slug, `${header}Anita,,,ANA@example.com\nEva,,,eva@example.com\n`, {
      purpose: 'add',
    });
    expect(addOnly).toMatchObject({ created: 1, updated: 0, skipped: 1 });
    expect(await download(addOnly.rejectedFileUrl)).toMatch(/Anita.*already has this phone or email/);
    expect((await byEmail('ana@example.com'))!.firstName).toBe('Ana');

    const updateOnly = await importCsv(owner, slug, `${header}Anita,,,ana@example.com\nFede,,,fede@example.com\n`, {
      purpose: 'update',
    });
    expect(updateOnly).toMatchObject({ created: 0, updated: 1, skipped: 1 });
    expect((await byEmail('ana@example.com'))!.firstName).toBe('Anita');
    expect(await byEmail('fede@example.com')).toBeUndefined();

    const upsert = await importCsv(owner, slug, `${header}Ana,Z,,ana@example.com\nFede,,,fede@example.com\n`, {
      purpose: 'upsert',
    });
    expect(upsert).toMatchObject({ created: 1, updated: 1, skipped: 0, rejected: 0, rejectedFileUrl: null });
    expect(await byEmail('ana@example.com')).toMatchObject({ firstName: 'Ana', lastName: 'Z' });
  });

  it('do not overwrite only fills empty fields; a phone matches whatever format it is written in', async () => {
    const done = await importCsv(
      owner,
      slug,
      'name,phone,email,plan\nOtra Persona,+52 1 55 1234 5678,other@example.com,free\n',
      {
        purpose: 'update',
        doNotOverwrite: true,
      },
    );
    expect(done).toMatchObject({ updated: 1 });
    const ana = await byEmail('ana@example.com');
    // Names, email and plan were set: kept. The matched contact gains the second email as an identifier.
    expect(ana).toMatchObject({ firstName: 'Ana', lastName: 'Z', customFields: { plan: 'pro' } });
    const ids = await rt.ctx.db.execute(
      // biome-ignore lint/suspicious/noExplicitAny: raw SQL rows
      `select key from contact_identifiers where contact_id = ${ana!.id} and kind = 'email' order by key` as any,
    );
    expect((ids as unknown as { rows: { key: string }[] }).rows.map((r) => r.key)).toEqual([
      'ana@example.com',
      'other@example.com',
    ]);
  });

  it('add all creates every row, even duplicates, and raises merge suggestions for them', async () => {
    const done = await importCsv(owner, slug, 'name,email\nAna Dos,ana@example.com\nAna Tres,ana@example.com\n', {
      purpose: 'add_all',
    });
    expect(done).toMatchObject({ created: 2, rejected: 0 });
    const ana = await byEmail('ana@example.com');
    const copies = (await scope.find(contacts, eq(contacts.email, 'ana@example.com'))).map((c) => c.id);
    expect(copies).toHaveLength(3);
    const pairs = await scope.find(mergeSuggestions, eq(mergeSuggestions.reasonValue, 'ana@example.com'));
    expect(pairs).toHaveLength(3);
    expect(pairs.every((p) => p.status === 'open' && p.reasonKind === 'email')).toBe(true);
    expect(pairs.some((p) => p.contactAId === ana!.id)).toBe(true);
  });

  it('a retried run resumes after the rows already committed and still finds their duplicates', async () => {
    const draft = await uploadCsv(
      owner,
      slug,
      'name,email\nR Uno,r1@example.com\nR Dos,r2@example.com\nR Tres,r3@example.com\nR Uno bis,r1@example.com\n',
    );
    // As a crash after the first batch of two rows committed leaves it (those rows never written here).
    await scope.update(
      contactImports,
      { status: 'running', processedRows: 2, createdCount: 2 },
      eq(contactImports.id, draft.id),
    );
    const run = await runImport(rt.ctx, scope, draft.id);
    expect(run).toMatchObject({ status: 'done', processedRows: 4, createdCount: 3, rejectedCount: 1 });
    expect(await byEmail('r1@example.com')).toBeUndefined();
    expect(await byEmail('r3@example.com')).toMatchObject({ firstName: 'R', lastName: 'Tres' });
    expect(await download(`/api/files/${run.rejectedFileId}`)).toContain(
      'R Uno bis,r1@example.com,5,same phone or email as line 2',
    );
  });

  it('refuses a mapping with a field twice, an unknown field or no identifying column', async () => {
    const draft = await uploadCsv(owner, slug, 'a,b\nx,y\n');
    const start = (mapping: Record<string, string>) =>
      owner.json('POST', `/api/w/${slug}/contact-imports/${draft.id}/start`, { mapping, purpose: 'upsert' });
    expect((await start({ '0': 'email', '1': 'email' })).body.message).toMatch(/more than one column/);
    expect((await start({ '0': 'custom.nope' })).body.message).toMatch(/no field/);
    expect((await start({ '0': 'language' })).body.message).toMatch(/at least a name, phone or email/);
    expect((await start({ '0': 'firstName', '1': 'email' })).status).toBe(200);
    expect((await start({ '0': 'firstName' })).status).toBe(409);
  });
});
