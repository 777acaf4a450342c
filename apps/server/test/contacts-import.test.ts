import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactImports, contacts, mergeSuggestions } from '../src/db/schema';
import { runImport } from '../src/modules/contacts/import/run';
import type { Scope } from '../src/db/scope';
import { importCsv, uploadCsv } from './support/contact-import';
import { factories } from './support/factories';
import { loginSession, type Session } from './support/http';
import { eventually, startTestRuntime, type TestRuntime } from './support/runtime';

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

  const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, 'fixtures/csv', name));

  it('reads a Windows-1252 file saved by Excel in Spanish (ñ, accents, € and a dash), detected from its bytes', async () => {
    const bytes = fixture('excel-es-windows-1252.csv');
    const draft = await uploadCsv(owner, slug, bytes);
    expect(draft.encoding).toBe('windows-1252');
    expect(draft.sample[0]).toEqual(['José', 'Muñoz', 'jose.munoz@example.com', 'León']);
    expect(draft.sample[2][3]).toBe('Logroño – 5 €');
    const done = await importCsv(owner, slug, bytes);
    expect(done).toMatchObject({ created: 3, rejected: 0 });
    expect(await byEmail('maria.pena@example.com')).toMatchObject({ firstName: 'María', lastName: 'Peña' });
    expect(await byEmail('inigo@example.com')).toMatchObject({ firstName: 'Íñigo', lastName: 'Ibáñez' });
  });

  it('reads UTF-16 LE (Excel "Unicode text", tab-separated) and UTF-16 BE files by their BOM', async () => {
    const le = fixture('excel-unicode-text-utf-16le.txt');
    const draft = await uploadCsv(owner, slug, le);
    expect(draft).toMatchObject({ encoding: 'utf-16le', headers: ['Nombre', 'Correo'], totalRows: 2 });
    expect(await importCsv(owner, slug, le)).toMatchObject({ created: 2, rejected: 0 });
    // "Nombre" maps to the first name, which keeps the whole cell.
    expect(await byEmail('lukasz@example.com')).toMatchObject({ firstName: 'Łukasz Żółć' });
    const be = fixture('utf-16be-bom.csv');
    expect((await uploadCsv(owner, slug, be)).encoding).toBe('utf-16be');
    expect(await importCsv(owner, slug, be)).toMatchObject({ created: 1 });
    expect(await byEmail('renee@example.com')).toMatchObject({ firstName: 'Renée Ñandú' });
  });

  it('finds a Windows-1252 byte far into the file; the wizard can override the encoding before the start', async () => {
    // 300 KB of ASCII, then one Windows-1252 row: more than the parser's first chunk and the delimiter sniff.
    const ascii = Array.from({ length: 6000 }, (_, i) => `Persona${i},late${i}@example.com,${'x'.repeat(20)}`);
    const bytes = Buffer.concat([
      Buffer.from(`name,email,notes\r\n${ascii.join('\r\n')}\r\n`, 'latin1'),
      Buffer.from('Begoña,begona@example.com,fin\r\n', 'latin1'),
    ]);
    const draft = await uploadCsv(owner, slug, bytes);
    expect(draft.encoding).toBe('windows-1252');
    const asUtf8 = await owner.json('PATCH', `/api/w/${slug}/contact-imports/${draft.id}`, { encoding: 'utf-8' });
    expect(asUtf8.status).toBe(200);
    expect(asUtf8.body).toMatchObject({ encoding: 'utf-8', totalRows: 6001 });
    const back = await owner.json('PATCH', `/api/w/${slug}/contact-imports/${draft.id}`, { encoding: 'windows-1252' });
    expect(back.body.mapping).toEqual({ '0': 'name', '1': 'email' });
    const started = await owner.json('POST', `/api/w/${slug}/contact-imports/${draft.id}/start`, {
      mapping: back.body.mapping,
      purpose: 'upsert',
    });
    expect(started.status).toBe(200);
    expect(started.body.encoding).toBe('windows-1252');
    const refused = await owner.json('PATCH', `/api/w/${slug}/contact-imports/${draft.id}`, { encoding: 'utf-8' });
    expect(refused.status).toBe(409);
    await eventually(async () => (await byEmail('begona@example.com'))?.firstName === 'Begoña' || null, 60_000);
  });
});
