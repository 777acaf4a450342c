import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberships, outboxEmails, sessions, users } from '../src/db/schema';
import { factories, PASSWORD } from './support/factories';
import { loginSession, Session } from './support/http';
import { eventually, startTestRuntime, type TestRuntime } from './support/runtime';

describe('auth', () => {
  let rt: TestRuntime;
  let f: ReturnType<typeof factories>;

  beforeAll(async () => {
    rt = await startTestRuntime({ loginRateLimit: 5 });
    f = factories(rt.ctx);
  });
  afterAll(async () => rt?.close());

  it('GET /health answers 200 {status: ok}', async () => {
    const res = await fetch(`${rt.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('logs in with the right password: 200, an http-only SameSite session cookie, and the memberships', async () => {
    const { ws, owner } = await f.workspace();
    const res = await fetch(`${rt.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `  ${owner.email.toUpperCase()} `, password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('charla_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const body = (await res.json()) as {
      user: { email: string };
      memberships: { workspace: { slug: string }; role: string }[];
    };
    expect(body.user.email).toBe(owner.email);
    expect(body.memberships).toEqual([
      expect.objectContaining({ workspace: expect.objectContaining({ slug: ws.slug }), role: 'owner' }),
    ]);
    const [user] = await rt.ctx.db.select().from(users).where(eq(users.id, owner.id));
    expect(user!.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('answers 401 to a wrong password and to an unknown email, alike', async () => {
    const user = await f.user();
    for (const body of [
      { email: user.email, password: 'wrong password' },
      { email: 'nobody@example.com', password: PASSWORD },
    ]) {
      const res = await fetch(`${rt.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ code: 'invalid_credentials', message: 'Wrong email or password' });
    }
  });

  it('rate-limits repeated login attempts with 429', async () => {
    const user = await f.user();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await fetch(`${rt.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: user.email, password: 'nope' }),
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });

  it('requires a CSRF token on cookie-authenticated writes', async () => {
    const { ws, owner } = await f.workspace();
    const s = await loginSession(rt.url, owner.email);
    const res = await fetch(`${rt.url}/api/w/${ws.slug}/teams`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: s.cookieHeader },
      body: JSON.stringify({ name: 'Ventas' }),
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { code: string }).code).toBe('csrf_invalid');
    expect((await s.post(`/api/w/${ws.slug}/teams`, { name: 'Ventas' })).status).toBe(201);
  });

  it('logs out: the session stops working', async () => {
    const { owner } = await f.workspace();
    const s = await loginSession(rt.url, owner.email);
    expect((await s.get('/api/me')).status).toBe(200);
    const cookie = s.cookieHeader;
    expect((await s.post('/api/auth/logout')).status).toBe(204);
    const res = await fetch(`${rt.url}/api/me`, { headers: { cookie } });
    expect(res.status).toBe(401);
  });

  it('stores the language a user picks', async () => {
    const { owner } = await f.workspace();
    const s = await loginSession(rt.url, owner.email);
    const { body } = await s.json('PATCH', '/api/me', { locale: 'en' });
    expect(body.user.locale).toBe('en');
    expect((await s.json('PATCH', '/api/me', { locale: 'fr' })).status).toBe(400);
  });

  it('invites by emailed link: pending until accepted, then a member with the invited role', async () => {
    const { ws, owner } = await f.workspace();
    const s = await loginSession(rt.url, owner.email);
    const email = `invitee-${Date.now()}@example.com`;
    expect((await s.post(`/api/w/${ws.slug}/invites`, { email, role: 'agent', accessLevel: 'assigned' })).status).toBe(
      201,
    );
    const { body: members } = await s.json('GET', `/api/w/${ws.slug}/members`);
    expect(members.items).toContainEqual(expect.objectContaining({ email, status: 'invited' }));

    const { body: outbox } = await s.json('GET', `/api/w/${ws.slug}/outbox`);
    const mail = outbox.items.find((m: { to: string }) => m.to === email);
    const token = /\/invite\/([\w-]+)/.exec(mail.text)![1]!;
    expect(mail.subject).toContain(ws.name);

    const anon = new Session(rt.url);
    const { body: invite } = await anon.json('GET', `/api/invites/${token}`);
    expect(invite).toMatchObject({ email, workspace: { slug: ws.slug } });
    const accepted = await anon.json('POST', `/api/invites/${token}/accept`, {
      name: 'Nueva Agente',
      password: 'una clave segura',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.memberships[0]).toMatchObject({ role: 'agent', accessLevel: 'assigned' });
    expect(
      (await anon.json('POST', `/api/invites/${token}/accept`, { name: 'x', password: 'otra clave segura' })).status,
    ).toBe(404);
    await loginSession(rt.url, email, 'una clave segura');
  });

  it('lets an existing account join a workspace by proving its current password, never by replacing it', async () => {
    const { ws, owner } = await f.workspace();
    const existing = await f.user();
    const s = await loginSession(rt.url, owner.email);
    await s.post(`/api/w/${ws.slug}/invites`, { email: existing.email, role: 'agent' });
    const { body: outbox } = await s.json('GET', `/api/w/${ws.slug}/outbox`);
    const token = /\/invite\/([\w-]+)/.exec(
      outbox.items.find((m: { to: string }) => m.to === existing.email).text,
    )![1]!;
    const anon = new Session(rt.url);
    expect((await anon.json('GET', `/api/invites/${token}`)).body.existingUser).toBe(true);
    expect((await anon.json('POST', `/api/invites/${token}/accept`, { password: 'not my password' })).status).toBe(401);
    const ok = await anon.json('POST', `/api/invites/${token}/accept`, { password: PASSWORD });
    expect(ok.status).toBe(200);
    expect(ok.body.memberships.map((m: { workspace: { slug: string } }) => m.workspace.slug)).toContain(ws.slug);
    await loginSession(rt.url, existing.email, PASSWORD);
  });

  it('only owners see the outbox and only managers and owners invite', async () => {
    const { ws } = await f.workspace();
    const agent = await f.member(ws.id, 'agent');
    const manager = await f.member(ws.id, 'manager');
    const a = await loginSession(rt.url, agent.email);
    const m = await loginSession(rt.url, manager.email);
    expect((await a.get(`/api/w/${ws.slug}/outbox`)).status).toBe(403);
    expect((await m.get(`/api/w/${ws.slug}/outbox`)).status).toBe(403);
    expect((await a.post(`/api/w/${ws.slug}/invites`, { email: 'x@example.com', role: 'agent' })).status).toBe(403);
    expect((await m.post(`/api/w/${ws.slug}/invites`, { email: 'x@example.com', role: 'owner' })).status).toBe(403);
    expect((await m.post(`/api/w/${ws.slug}/invites`, { email: 'x@example.com', role: 'agent' })).status).toBe(201);
  });

  it('resets a password by emailed link, once, and ends other sessions', async () => {
    const { owner } = await f.workspace();
    const old = await loginSession(rt.url, owner.email);
    const anon = new Session(rt.url);
    expect((await anon.post('/api/auth/forgot', { email: owner.email })).status).toBe(204);
    expect((await anon.post('/api/auth/forgot', { email: 'unknown@example.com' })).status).toBe(204);
    const mail = await eventually(async () => {
      const [row] = await rt.ctx.db
        .select()
        .from(outboxEmails)
        .where(eq(outboxEmails.to, owner.email))
        .orderBy(desc(outboxEmails.id));
      return row;
    });
    const token = /token=([\w-]+)/.exec(mail.text)![1]!;
    expect((await anon.post('/api/auth/reset', { token, password: 'short' })).status).toBe(400);
    expect((await anon.post('/api/auth/reset', { token, password: 'una clave nueva' })).status).toBe(204);
    expect((await anon.json('POST', '/api/auth/reset', { token, password: 'otra clave nueva' })).body.code).toBe(
      'invalid_token',
    );
    expect((await old.get('/api/me')).status).toBe(401);
    await expect(loginSession(rt.url, owner.email)).rejects.toThrow();
    await loginSession(rt.url, owner.email, 'una clave nueva');
  });

  it('stores sessions hashed', async () => {
    const { owner } = await f.workspace();
    const s = await loginSession(rt.url, owner.email);
    const token = /charla_session=([^;]+)/.exec(s.cookieHeader)![1]!;
    const rows = await rt.ctx.db.select().from(sessions).where(eq(sessions.userId, owner.id));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.tokenHash !== token)).toBe(true);
  });

  it('keeps memberships per workspace', async () => {
    const a = await f.workspace();
    const b = await f.workspace();
    await rt.ctx.db.insert(memberships).values({ workspaceId: b.ws.id, userId: a.owner.id, role: 'agent' });
    const s = await loginSession(rt.url, a.owner.email);
    const { body } = await s.json('GET', '/api/me');
    expect(body.memberships.map((m: { role: string }) => m.role).sort()).toEqual(['agent', 'owner']);
  });
});
