import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboundSender } from '../src/channels/types';
import { contactIdentifiers, contactMerges, contacts, mergeSuggestions } from '../src/db/schema';
import type { Scope } from '../src/db/scope';
import { resolveSender } from '../src/modules/contacts/service';
import { addIdentifier } from '../src/modules/identity/identifiers';
import { factories } from './support/factories';
import { loginSession, type Session } from './support/http';
import { startTestRuntime, type TestRuntime } from './support/runtime';
import { inbound } from './support/tenant-world';

/** What the ingest job does for one inbound message (the WhatsApp adapter is not built yet: a channel of type 'whatsapp' stands in). */
const arrive = (scope: Scope, channelId: number, sender: InboundSender, country: string) =>
  scope.transaction((tx) => resolveSender(tx, { id: channelId, type: 'whatsapp' }, sender, country));

describe('identification and merge suggestions', () => {
  let rt: TestRuntime;
  let f: ReturnType<typeof factories>;

  beforeAll(async () => {
    rt = await startTestRuntime();
    f = factories(rt.ctx);
  });
  afterAll(async () => rt?.close());

  async function setup(defaultCountry: string) {
    const w = await f.workspace({ defaultCountry });
    const owner = await loginSession(rt.url, w.owner.email);
    const { channel, secret } = await f.customChannel(w.scope);
    return { w, owner, channel: { id: channel.id, secret }, base: `/api/w/${w.ws.slug}` };
  }
  const suggestionsOf = async (s: Session, base: string, contactId?: number) =>
    (await s.json('GET', `${base}/merge-suggestions${contactId ? `?contactId=${contactId}` : ''}`)).body.items as {
      id: number;
      reasonKind: string;
      contacts: { id: number }[];
    }[];
  const others = (items: { contacts: { id: number }[] }[], id: number) =>
    items.map((s) => s.contacts.find((c) => c.id !== id)!.id).sort((a, b) => a - b);

  it('one person via a WhatsApp id, a national phone on a form and an email in another case: all suggested for one contact (MX)', async () => {
    const { w, owner, channel, base } = await setup('MX');
    const wa = await arrive(
      w.scope,
      channel.id,
      { externalId: '5215512345678', name: 'Ana Pérez', phone: '5215512345678', identifiersVerified: true },
      'MX',
    );
    expect(wa.contact).toMatchObject({ phone: '+525512345678', country: 'MX' });
    const [waPhone] = await w.scope.find(contactIdentifiers, eq(contactIdentifiers.contactId, wa.contact.id));
    expect(waPhone).toMatchObject({ source: 'whatsapp', verified: true, value: '+525512345678' });

    // A web visitor types the phone in national format on the pre-chat form.
    const visitor = await inbound(rt, w.scope, channel, {
      externalId: 'visitor-1',
      name: 'Ana',
      email: '',
      phone: '',
      text: 'hola',
    });
    const form = await addIdentifier(
      w.scope,
      visitor.contactId,
      { kind: 'phone', raw: '55 1234 5678', source: 'form' },
      'MX',
    );
    expect(form.identifier).toMatchObject({ source: 'form', verified: false, value: '+525512345678' });
    expect(form.filledField).toBe(true);
    expect(form.suggestionIds).toHaveLength(1);

    // Someone else writes by email; later the agent types Ana's email with other capitals.
    const mailer = await inbound(rt, w.scope, channel, {
      externalId: 'mail-1',
      name: 'A. Pérez',
      email: 'ana.perez@example.com',
      phone: '',
      text: 'consulta',
    });
    const patched = await owner.json('PATCH', `${base}/contacts/${wa.contact.id}`, { email: 'Ana.Perez@EXAMPLE.com' });
    expect(patched.status).toBe(200);
    expect(patched.body.email).toBe('Ana.Perez@example.com');
    expect(patched.body.identifiers.find((i: { kind: string }) => i.kind === 'email')).toMatchObject({
      source: 'agent',
      verified: false,
    });

    const items = await suggestionsOf(owner, base, wa.contact.id);
    expect(others(items, wa.contact.id)).toEqual([visitor.contactId, mailer.contactId].sort((a, b) => a - b));
    expect(items.map((s) => s.reasonKind).sort()).toEqual(['email', 'phone']);
    // The same pairs on the other contacts' pages and on the workspace list.
    expect(others(await suggestionsOf(owner, base, visitor.contactId), visitor.contactId)).toEqual([wa.contact.id]);
    expect(await suggestionsOf(owner, base)).toHaveLength(2);
  });

  it('Argentina and Brazil: a WhatsApp id and the forms people type match one line', async () => {
    const ar = await setup('AR');
    const wa = await arrive(
      ar.w.scope,
      ar.channel.id,
      { externalId: '5491123456789', phone: '5491123456789', identifiersVerified: true },
      'AR',
    );
    const typed = ['011 15 2345-6789', '+54 11 2345 6789'];
    for (const [i, raw] of typed.entries()) {
      const c = await inbound(rt, ar.w.scope, ar.channel, {
        externalId: `ar-${i}`,
        name: `X${i}`,
        email: '',
        phone: '',
        text: 'hola',
      });
      await addIdentifier(ar.w.scope, c.contactId, { kind: 'phone', raw, source: 'workflow' }, 'AR');
    }
    expect(await suggestionsOf(ar.owner, ar.base, wa.contact.id)).toHaveLength(2);

    const br = await setup('BR');
    const old = await arrive(
      br.w.scope,
      br.channel.id,
      { externalId: '551181234567', phone: '551181234567', identifiersVerified: true },
      'BR',
    );
    expect(old.contact.phone).toBe('+5511981234567');
    const c = await inbound(rt, br.w.scope, br.channel, {
      externalId: 'br-1',
      name: 'Y',
      email: '',
      phone: '',
      text: 'oi',
    });
    await addIdentifier(br.w.scope, c.contactId, { kind: 'phone', raw: '(11) 98123-4567', source: 'form' }, 'BR');
    expect(others(await suggestionsOf(br.owner, br.base, old.contact.id), old.contact.id)).toEqual([c.contactId]);
  });

  it('never suggests two people who share nothing, however alike their names', async () => {
    const { w, owner, channel, base } = await setup('MX');
    const people = [
      { externalId: 'p1', name: 'María López', phone: '+52 55 1111 2222', email: 'maria@example.com', text: 'a' },
      { externalId: 'p2', name: 'María López', phone: '+52 55 1111 2223', email: 'maria.lopez@example.com', text: 'b' },
      { externalId: 'p3', name: 'Maria Lopez', phone: '+52 33 1111 2222', email: 'maria@example.org', text: 'c' },
    ];
    for (const p of people) await inbound(rt, w.scope, channel, p);
    expect(await w.scope.count(contacts)).toBe(3);
    expect(await w.scope.count(mergeSuggestions)).toBe(0);
    expect(await suggestionsOf(owner, base)).toEqual([]);
  });

  it('rejects invalid identifiers with a reason and stores nothing', async () => {
    const { w, owner, channel, base } = await setup('MX');
    const c = await inbound(rt, w.scope, channel, {
      externalId: 'bad-1',
      name: 'Bad',
      email: '',
      phone: '',
      text: 'x',
    });
    await expect(
      addIdentifier(w.scope, c.contactId, { kind: 'phone', raw: '55 1234', source: 'form' }, 'MX'),
    ).rejects.toMatchObject({ code: 'invalid_phone', message: expect.stringMatching(/not a valid phone number/) });
    const res = await owner.json('PATCH', `${base}/contacts/${c.contactId}`, { email: 'ana@example' });
    expect(res).toMatchObject({ status: 400, body: { code: 'invalid_email' } });
    // Metadata a channel sends that is not a phone is ignored, not stored.
    const junk = await inbound(rt, w.scope, channel, {
      externalId: 'bad-2',
      name: 'Junk',
      email: 'nope',
      phone: 'n/a',
      text: 'y',
    });
    expect(await w.scope.count(contactIdentifiers)).toBe(0);
    const [row] = await w.scope.find(contacts, eq(contacts.id, junk.contactId));
    expect(row).toMatchObject({ phone: null, email: null });
  });

  it('upgrades an identifier to verified and never back; a dismissed pair is not raised again', async () => {
    const { w, owner, channel, base } = await setup('MX');
    const a = await inbound(rt, w.scope, channel, {
      externalId: 'd1',
      name: 'Uno',
      email: '',
      phone: '+52 55 3333 4444',
      text: 'x',
    });
    const b = await inbound(rt, w.scope, channel, { externalId: 'd2', name: 'Dos', email: '', phone: '', text: 'y' });
    const input = { kind: 'phone' as const, raw: '+525533334444', source: 'sms' };
    expect((await addIdentifier(w.scope, a.contactId, { ...input, verified: true }, 'MX')).verifiedNow).toBe(true);
    await addIdentifier(w.scope, a.contactId, { ...input, verified: false }, 'MX');
    const [ida] = await w.scope.find(contactIdentifiers, eq(contactIdentifiers.contactId, a.contactId));
    expect(ida).toMatchObject({ verified: true, source: 'custom' });

    await addIdentifier(w.scope, b.contactId, { ...input, source: 'agent' }, 'MX');
    const [suggestion] = await suggestionsOf(owner, base);
    const dismissed = await owner.json('POST', `${base}/merge-suggestions/${suggestion!.id}/dismiss`);
    expect(dismissed.body.status).toBe('dismissed');
    await addIdentifier(w.scope, b.contactId, { kind: 'email', raw: 'uno@example.com', source: 'form' }, 'MX');
    await addIdentifier(w.scope, a.contactId, { kind: 'email', raw: 'UNO@example.com', source: 'form' }, 'MX');
    expect(await suggestionsOf(owner, base)).toEqual([]);
    expect(await w.scope.count(mergeSuggestions)).toBe(1);
  });

  it('auto-merges only with the setting on and the shared identifier verified on both sides', async () => {
    const { w, owner, channel, base } = await setup('MX');
    const first = await arrive(
      w.scope,
      channel.id,
      { externalId: 'sms-1', name: 'Eva', phone: '+52 55 5555 6666', identifiersVerified: true },
      'MX',
    );
    // Setting off: verified on both sides is still only a suggestion.
    const second = await arrive(
      w.scope,
      channel.id,
      { externalId: 'wa-1', phone: '5215555556666', identifiersVerified: true },
      'MX',
    );
    expect(second.contact.id).not.toBe(first.contact.id);
    expect(await w.scope.count(contactMerges)).toBe(0);

    expect((await owner.json('PUT', `${base}/settings/identity`, { autoMergeVerified: true })).body).toEqual({
      autoMergeVerified: true,
    });
    // On, but the new side is unverified (typed on a form): suggestion only.
    const third = await arrive(w.scope, channel.id, { externalId: 'form-1', name: 'Eva', phone: '55 5555 6666' }, 'MX');
    expect(third.contact.id).not.toBe(first.contact.id);
    expect(await w.scope.count(contactMerges)).toBe(0);

    // On and verified on both sides: the newcomer lands on the oldest contact, and so does every other
    // contact verified with that number (the second); the unverified third stays a suggestion.
    const fourth = await arrive(
      w.scope,
      channel.id,
      { externalId: 'sms-2', phone: '+525555556666', identifiersVerified: true },
      'MX',
    );
    expect(fourth).toMatchObject({ created: false, contact: { id: first.contact.id } });
    const merges = await w.scope.find(contactMerges);
    expect(merges.map((m) => [m.keptContactId, m.trigger])).toEqual([
      [first.contact.id, 'auto'],
      [first.contact.id, 'auto'],
    ]);
    expect(merges.map((m) => m.mergedContactId)).toContain(second.contact.id);
    expect(await w.scope.count(contacts, eq(contacts.mergedIntoId, first.contact.id))).toBe(2);
    const { body } = await owner.json('GET', `${base}/contacts`);
    expect(body.items.map((c: { id: number }) => c.id).sort()).toEqual([first.contact.id, third.contact.id].sort());
    expect(others(await suggestionsOf(owner, base, first.contact.id), first.contact.id)).toEqual([third.contact.id]);
  });
});
