import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactIdentifiers, contacts, conversations } from '../src/db/schema';
import type { Workspace } from '../src/modules/workspaces/service';
import { factories } from './support/factories';
import { loginSession, type Session } from './support/http';
import { startTestRuntime, type TestRuntime } from './support/runtime';

/**
 * The contacts search (and the inbox's search over contacts) finds a phone number however it is typed:
 * spaced, with punctuation, in national format with the workspace's default country, with Mexico's old
 * mobile `1` or `044` prefix, as a WhatsApp id, or as a fragment; and through a contact's other phone
 * identifiers when the whole number is typed.
 */
describe('contacts search by phone, in any format', () => {
  let rt: TestRuntime;
  let ws: Workspace;
  let owner: Session;
  const ids: Record<string, number> = {};
  const f = () => factories(rt.ctx);

  beforeAll(async () => {
    rt = await startTestRuntime();
    const w = await f().workspace({ defaultCountry: 'MX' });
    ws = w.ws;
    owner = await loginSession(rt.url, w.owner.email);
    const rows = await w.scope
      .insert(contacts, [
        { firstName: 'Ana', phone: '+525512345678' },
        { firstName: 'Beto', phone: '+525511112222' },
        { firstName: 'Carla', phone: '+5491123456789' },
        { firstName: 'Dora 2024', email: 'dora@example.com' },
      ])
      .returning();
    for (const c of rows) ids[c.firstName!.split(' ')[0]!] = c.id;
    // Beto's second line, known only as an identifier (say, a number typed into a form).
    await w.scope.insert(contactIdentifiers, {
      contactId: ids.Beto!,
      kind: 'phone',
      value: '+525587654321',
      key: '+525587654321',
      source: 'form',
    });
    await w.scope.insert(conversations, { contactId: ids.Ana!, status: 'open' });
    // Another workspace holds the same numbers: never found from this one.
    const other = await f().workspace({ defaultCountry: 'MX' });
    const [intruder] = await other.scope.insert(contacts, { firstName: 'Intrusa', phone: '+525512345678' }).returning();
    await other.scope.insert(contactIdentifiers, {
      contactId: intruder!.id,
      kind: 'phone',
      value: '+525587654321',
      key: '+525587654321',
      source: 'form',
    });
  });
  afterAll(() => rt?.close());

  const search = async (q: string) => {
    const res = await owner.json('GET', `/api/w/${ws.slug}/contacts?search=${encodeURIComponent(q)}`);
    expect(res.status).toBe(200);
    return (res.body.items as { firstName: string }[]).map((c) => c.firstName).sort();
  };

  it.each([
    ['55 1234 5678', ['Ana']],
    ['(55) 1234-5678', ['Ana']],
    ['55.1234.5678', ['Ana']],
    ['+52 1 55 1234 5678', ['Ana']],
    ['044 55 1234 5678', ['Ana']],
    ['5215512345678', ['Ana']],
    ['+525512345678', ['Ana']],
    ['1234', ['Ana', 'Carla']],
    ['55 8765 4321', ['Beto']],
    ['+54 9 11 2345-6789', ['Carla']],
    ['2024', ['Dora 2024']],
    ['55 0000 0000', []],
  ])('%s finds %j', async (q, expected) => {
    expect(await search(q)).toEqual(expected);
  });

  it('the count and the inbox search agree', async () => {
    const count = await owner.json(
      'GET',
      `/api/w/${ws.slug}/contacts/count?search=${encodeURIComponent('+52 1 55 1234 5678')}`,
    );
    expect(count.body.count).toBe(1);
    const inbox = await owner.json(
      'GET',
      `/api/w/${ws.slug}/conversations?search=${encodeURIComponent('044 55 1234 5678')}`,
    );
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.map((c: { contact: { id: number } }) => c.contact.id)).toEqual([ids.Ana]);
    const none = await owner.json(
      'GET',
      `/api/w/${ws.slug}/conversations?search=${encodeURIComponent('55 8765 0000')}`,
    );
    expect(none.body.items).toEqual([]);
  });
});
