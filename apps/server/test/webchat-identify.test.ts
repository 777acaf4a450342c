import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactChannels, contactIdentifiers, contacts } from '../src/db/schema';
import { hmacSha256Hex } from '../src/lib/crypto';
import { factories } from './support/factories';
import { startTestRuntime, type TestRuntime } from './support/runtime';
import { WidgetVisitor } from './support/widget-visitor';

describe('web chat identity: userHash and the pre-chat form', () => {
  let rt: TestRuntime;
  let f: ReturnType<typeof factories>;
  let setup: Awaited<ReturnType<ReturnType<typeof factories>['workspace']>>;

  beforeAll(async () => {
    rt = await startTestRuntime();
    f = factories(rt.ctx);
    setup = await f.workspace({ defaultCountry: 'MX' });
  });
  afterAll(async () => rt?.close());

  it('joins a verified user’s conversation from every device and refuses a forged userHash', async () => {
    const { channel, secret } = await f.webchatChannel(setup.scope);
    const laptop = new WidgetVisitor(rt.url, channel.id);
    await laptop.start();
    await laptop.say('Escribo antes de iniciar sesión');
    const hash = hmacSha256Hex(secret, 'cust-42');
    const joined = await laptop.call('POST', '/identify', { userId: 'cust-42', userHash: hash, name: 'Lucía Gómez' });
    expect(joined.status).toBe(200);
    expect(joined.json.visitor.identified).toBe(true);
    // The anonymous conversation moved along with the visitor.
    expect(joined.json.messages.map((m: { text: string }) => m.text)).toEqual(['Escribo antes de iniciar sesión']);

    const phone = new WidgetVisitor(rt.url, channel.id);
    await phone.start();
    const again = await phone.call('POST', '/identify', { userId: 'cust-42', userHash: hash.toUpperCase() });
    expect(again.status).toBe(200);
    expect(again.json.messages).toHaveLength(1);
    await phone.say('Y ahora desde el teléfono');
    const [address] = await setup.scope.find(contactChannels, eq(contactChannels.externalId, 'user:cust-42'));
    const [contact] = await setup.scope.find(contacts, eq(contacts.id, address!.contactId));
    expect(contact).toMatchObject({ firstName: 'Lucía', lastName: 'Gómez' });
    expect((await laptop.call('GET', '/messages')).json.messages).toHaveLength(2);

    const intruder = new WidgetVisitor(rt.url, channel.id);
    await intruder.start();
    const forged = await intruder.call('POST', '/identify', {
      userId: 'cust-42',
      userHash: hmacSha256Hex('not-the-secret-000', 'cust-42'),
    });
    expect(forged.status).toBe(401);
    expect(forged.json.code).toBe('invalid_user_hash');
    // A hash for another user id does not open this one either.
    const swapped = await intruder.call('POST', '/identify', {
      userId: 'cust-42',
      userHash: hmacSha256Hex(secret, 'cust-7'),
    });
    expect(swapped.status).toBe(401);
    expect((await intruder.call('GET', '/messages')).json.messages).toEqual([]);
  });

  it('without a hash: refused when verification is required, otherwise details only (never another user)', async () => {
    const strict = await f.webchatChannel(setup.scope, { requireVerification: true });
    const v = new WidgetVisitor(rt.url, strict.channel.id);
    await v.start();
    const refused = await v.call('POST', '/identify', { userId: 'cust-1', email: 'a@b.example' });
    expect(refused.status).toBe(401);
    expect(refused.json.code).toBe('verification_required');

    const lax = await f.webchatChannel(setup.scope);
    const hash = hmacSha256Hex(lax.secret, 'cust-9');
    const owner = new WidgetVisitor(rt.url, lax.channel.id);
    await owner.start();
    await owner.call('POST', '/identify', { userId: 'cust-9', userHash: hash });
    await owner.say('privado de cust-9');
    const other = new WidgetVisitor(rt.url, lax.channel.id);
    await other.start();
    const unverified = await other.call('POST', '/identify', { userId: 'cust-9', email: 'otra@ejemplo.com' });
    expect(unverified.status).toBe(200);
    expect(unverified.json.visitor.identified).toBe(false);
    expect(unverified.text).not.toContain('privado de cust-9');
  });

  it('pre-chat: validates with the server normalizers and records email and phone as unverified form identifiers', async () => {
    const { channel } = await f.webchatChannel(setup.scope, {
      prechat: {
        enabled: true,
        fields: {
          name: { enabled: true, required: true },
          email: { enabled: true, required: true },
          phone: { enabled: true, required: false },
        },
      },
    });
    const v = new WidgetVisitor(rt.url, channel.id);
    await v.start();
    expect((await v.say('sin formulario')).json.code).toBe('prechat_required');

    const missing = await v.call('POST', '/prechat', { name: 'Ana' });
    expect(missing.status).toBe(400);
    expect(missing.json.fields).toEqual({ email: 'required' });
    const bad = await v.call('POST', '/prechat', { name: 'Ana', email: 'ana@', phone: '12' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json.fields).sort()).toEqual(['email', 'phone']);

    // A national-format phone is read in the workspace's default country (MX).
    const ok = await v.call('POST', '/prechat', { name: 'Ana Ruiz', email: 'Ana@Ejemplo.COM', phone: '55 1234 5678' });
    expect(ok.status).toBe(200);
    expect(ok.json.visitor.known).toBe(true);
    expect((await v.say('ya con formulario')).status).toBe(201);

    const [address] = await setup.scope.find(contactChannels, eq(contactChannels.channelId, channel.id));
    const [contact] = await setup.scope.find(contacts, eq(contacts.id, address!.contactId));
    expect(contact).toMatchObject({
      firstName: 'Ana',
      lastName: 'Ruiz',
      email: 'Ana@ejemplo.com',
      phone: '+525512345678',
    });
    const ids = await setup.scope.find(contactIdentifiers, eq(contactIdentifiers.contactId, contact!.id));
    expect(ids.map((i) => [i.kind, i.value, i.source, i.verified]).sort()).toEqual([
      ['email', 'Ana@ejemplo.com', 'form', false],
      ['phone', '+525512345678', 'form', false],
    ]);
  });
});
