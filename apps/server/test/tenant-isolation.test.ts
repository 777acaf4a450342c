import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactChannels, messages, users } from '../src/db/schema';
import { hmacSha256Hex } from '../src/lib/crypto';
import { factories, PASSWORD, postCustomWebhook } from './support/factories';
import { SITE, WidgetVisitor } from './support/widget-visitor';
import { checkAnswer } from './support/expect-answer';
import { loginSession } from './support/http';
import { bodyFor, fillUrl, namesRecords, paramsOf, routesOf } from './support/route-attacks';
import { startTestRuntime, type TestRuntime } from './support/runtime';
import { buildTenantWorld, callApi, csrfFor, type TenantWorld, tenantCounts } from './support/tenant-world';
import { signedFileLink } from '../src/modules/files/signed-link';
import { createApiToken } from '../src/modules/tokens/service';

/**
 * Acceptance criterion of the foundation: no route registered on the app lets a user of another workspace
 * (or nobody) read or change workspace A. Routes come from `app.charlaRoutes`, so a new route is attacked
 * without editing this file — or fails it, when the suite does not know how to attack its access or params.
 */
describe('tenant isolation: another workspace and anonymous callers', () => {
  let rt: TestRuntime;
  let w: TenantWorld;

  beforeAll(async () => {
    rt = await startTestRuntime();
    w = await buildTenantWorld(rt);
  });

  afterAll(async () => {
    await w?.close();
    await rt?.close();
  });

  it('knows how to attack every registered route (unknown access kinds or params fail here)', () => {
    const routes = routesOf(rt);
    for (const r of routes) paramsOf(r.url);
    expect(routes.filter((r) => r.kind === 'roles').length).toBeGreaterThan(10);
  });

  it('workspace routes: B’s owner on A’s slug gets 404, on its own slug with A’s ids gets none of A; anonymous 401; no CSRF 403', async () => {
    const problems: string[] = [];
    const before = await tenantCounts(w.a.scope);
    const s = w.b.ownerSession;
    const csrf = await csrfFor(s);
    const markers = w.markersA;
    for (const route of routesOf(rt).filter((r) => r.kind === 'roles')) {
      const onA = fillUrl(route.url, w.a.ids);
      const asB = { cookie: s.cookieHeader, csrf, body: bodyFor(route, w.a.ids) };
      const label = (what: string) => `${route.key} ${what}`;

      let res = await callApi(rt.url, route.method, onA, asB);
      checkAnswer(problems, label('as B’s owner on A'), res, { status: [404], code: 'not_found', markers });

      res = await callApi(rt.url, route.method, onA, { body: bodyFor(route, w.a.ids) });
      checkAnswer(problems, label('without a session'), res, { status: [401], code: 'unauthenticated', markers });

      if (route.method !== 'GET') {
        res = await callApi(rt.url, route.method, onA, { cookie: s.cookieHeader, body: bodyFor(route, w.a.ids) });
        checkAnswer(problems, label('without a CSRF token'), res, { status: [403], code: 'csrf_invalid', markers });
      }

      // Its own workspace, but A's record ids (in the URL and in the body).
      const mixed = fillUrl(route.url, { ...w.a.ids, slug: w.b.ids.slug });
      res = await callApi(rt.url, route.method, mixed, { ...asB, body: bodyFor(route, w.a.ids) });
      checkAnswer(problems, label('as B’s owner on B with A’s ids'), res, {
        status: namesRecords(route.url) ? [404] : undefined,
        markers,
      });
    }
    expect(problems).toEqual([]);
    expect(await tenantCounts(w.a.scope)).toEqual(before);
  });

  it('session routes: anonymous 401, no CSRF 403, and each answers B’s owner about B only', async () => {
    const problems: string[] = [];
    const s = w.b.ownerSession;
    const csrf = await csrfFor(s);
    const markers = w.markersA;
    const as = { cookie: s.cookieHeader, csrf };
    const probes: Record<string, () => Promise<void>> = {
      'GET /api/me': async () => {
        const res = await callApi(rt.url, 'GET', '/api/me', as);
        checkAnswer(problems, 'GET /api/me', res, { status: [200], markers });
        const slugs = (res.json as { memberships: { workspace: { slug: string } }[] }).memberships.map(
          (m) => m.workspace.slug,
        );
        if (slugs.join() !== w.b.ws.slug) problems.push(`GET /api/me: memberships ${slugs.join()}`);
      },
      'PATCH /api/me': async () => {
        const res = await callApi(rt.url, 'PATCH', '/api/me', { ...as, body: { name: 'Renamed attacker' } });
        checkAnswer(problems, 'PATCH /api/me', res, { status: [200], markers });
        const [victim] = await rt.ctx.db.select().from(users).where(eq(users.id, w.a.owner.id));
        if (victim!.name !== w.a.owner.name) problems.push('PATCH /api/me renamed A’s owner');
      },
      'GET /api/files/:id': async () => {
        const res = await callApi(rt.url, 'GET', `/api/files/${w.a.ids.file}`, as);
        checkAnswer(problems, 'GET /api/files/:id with A’s file', res, { status: [404], markers });
        const own = await callApi(rt.url, 'GET', `/api/files/${w.a.ids.file}`, {
          cookie: w.a.ownerSession.cookieHeader,
        });
        if (own.status !== 200 || !own.text.includes(w.mark)) problems.push('control: A’s owner cannot read A’s file');
      },
    };
    for (const route of routesOf(rt).filter((r) => r.kind === 'session')) {
      const path = fillUrl(route.url, w.a.ids);
      const body = bodyFor(route, w.a.ids);
      checkAnswer(problems, `${route.key} without a session`, await callApi(rt.url, route.method, path, { body }), {
        status: [401],
        markers,
      });
      if (route.method !== 'GET') {
        const res = await callApi(rt.url, route.method, path, { cookie: s.cookieHeader, body });
        checkAnswer(problems, `${route.key} without a CSRF token`, res, {
          status: [403],
          code: 'csrf_invalid',
          markers,
        });
      }
      const probe = probes[route.key];
      if (probe) await probe();
      else problems.push(`${route.key}: session route with no probe in tenant-isolation.test.ts; add one`);
    }
    expect(problems).toEqual([]);
  });

  it('public routes answer anonymous callers without any of A’s data', async () => {
    const problems: string[] = [];
    const markers = w.markersA;
    const anon = (method: string, path: string, body?: unknown) => callApi(rt.url, method, path, { body });
    // The widget API: A's web chat refuses visitors without a token, with B's visitor token, and from other
    // sites; A's custom channel is no widget at all.
    const f = factories(rt.ctx);
    const aChat = (await f.webchatChannel(w.a.scope)).channel.id;
    const bChat = (await f.webchatChannel(w.b.scope)).channel.id;
    const bVisitor = new WidgetVisitor(rt.url, bChat);
    await bVisitor.start();
    await bVisitor.say(`B visitor ${w.mark}`);
    const asBVisitorOnA = (method: string, path: string, body?: unknown) =>
      callApi(rt.url, method, `/api/widget/${aChat}${path}`, {
        body,
        headers: { authorization: `Bearer ${bVisitor.token}`, origin: SITE },
      });
    const widgetWrite = (path: string, body: unknown) => async () =>
      [
        ['no visitor token', await anon('POST', `/api/widget/${aChat}${path}`, body), [401]],
        ['B’s visitor token', await asBVisitorOnA('POST', path, body), [401]],
        ['A’s custom channel', await anon('POST', `/api/widget/${w.a.channel.id}${path}`, body), [404]],
      ] as [string, Awaited<ReturnType<typeof anon>>, number[]][];
    const built = [200, 503]; // 503 until apps/widget is built (npm test builds it for the browser tests)
    type Probe = () => Promise<[string, Awaited<ReturnType<typeof anon>>, number[]][]>;
    const webchatProbes = (): Record<string, Probe> => ({
      'POST /api/widget/:channelId/session': async () => [
        [
          'A’s custom channel',
          await anon('POST', `/api/widget/${w.a.channel.id}/session`, { hostOrigin: SITE }),
          [404],
        ],
        [
          'another site',
          await callApi(rt.url, 'POST', `/api/widget/${aChat}/session`, {
            body: { hostOrigin: 'https://evil.example' },
            headers: { origin: 'https://evil.example' },
          }),
          [403],
        ],
        [
          'B’s visitor token on A',
          await asBVisitorOnA('POST', '/session', { token: bVisitor.token, hostOrigin: SITE }),
          [200],
        ],
      ],
      'GET /api/widget/:channelId/messages': async () => [
        ['no visitor token', await anon('GET', `/api/widget/${aChat}/messages`), [401]],
        ['B’s visitor token', await asBVisitorOnA('GET', '/messages'), [401]],
      ],
      'POST /api/widget/:channelId/prechat': widgetWrite('/prechat', { name: 'x' }),
      'POST /api/widget/:channelId/identify': widgetWrite('/identify', { userId: 'u1' }),
      'POST /api/widget/:channelId/messages': widgetWrite('/messages', { clientId: 'probe-client-1', text: 'x' }),
      'POST /api/widget/:channelId/read': widgetWrite('/read', { upToId: 1 }),
      'POST /api/widget/:channelId/files': widgetWrite('/files', {}),
      'GET /widget.js': async () => [['loader', await anon('GET', '/widget.js'), built]],
      'GET /widget/frame.js': async () => [['chat UI', await anon('GET', '/widget/frame.js'), built]],
      'GET /widget/frame.css': async () => [['chat UI styles', await anon('GET', '/widget/frame.css'), built]],
      'GET /widget/frame/:channelId': async () => [
        ['A’s custom channel', await anon('GET', `/widget/frame/${w.a.channel.id}`), [404]],
        ['A’s web chat', await anon('GET', `/widget/frame/${aChat}`), built],
      ],
    });
    // Each public route: the calls an anonymous attacker would make and the statuses they must get.
    const probes: Record<string, () => Promise<[string, Awaited<ReturnType<typeof anon>>, number[]][]>> = {
      'GET /health': async () => [['health', await anon('GET', '/health'), [200]]],
      'GET /v2/openapi.json': async () => [['API document', await anon('GET', '/v2/openapi.json'), [200]]],
      'GET /docs': async () => [['API docs', await anon('GET', '/docs'), [200]]],
      'GET /docs/docs.js': async () => [['API docs script', await anon('GET', '/docs/docs.js'), [200]]],
      'GET /api/auth/csrf': async () => [['csrf', await anon('GET', '/api/auth/csrf'), [200]]],
      'POST /api/auth/login': async () => [
        [
          'login A’s owner, wrong password',
          await anon('POST', '/api/auth/login', { email: w.a.owner.email, password: 'x' }),
          [401],
        ],
      ],
      'POST /api/auth/logout': async () => [['logout', await anon('POST', '/api/auth/logout', {}), [204]]],
      'POST /api/auth/forgot': async () => [
        ['forgot for A’s owner', await anon('POST', '/api/auth/forgot', { email: w.a.owner.email }), [204]],
      ],
      'POST /api/auth/reset': async () => [
        [
          'reset, bogus token',
          await anon('POST', '/api/auth/reset', { token: 'bogus-token-0000', password: 'long enough pw' }),
          [400],
        ],
      ],
      'GET /api/invites/:token': async () => [
        ['describe bogus invite', await anon('GET', '/api/invites/bogus-token-0000'), [404]],
      ],
      'POST /api/invites/:token/accept': async () => [
        [
          'accept bogus invite',
          await anon('POST', '/api/invites/bogus-token-0000/accept', { name: 'x', password: 'long enough pw' }),
          [404],
        ],
      ],
      'GET /media/:token': async () => {
        // A link minted for B's file, re-aimed at A's file, and one with an invented MAC.
        const link = signedFileLink(rt.ctx, w.b.ids.file);
        const [, exp, mac] = link.slice(link.lastIndexOf('/') + 1).split('.');
        return [
          ['B’s signed link re-aimed at A’s file', await anon('GET', `/media/${w.a.ids.file}.${exp}.${mac}`), [404]],
          ['invented link to A’s file', await anon('GET', `/media/${w.a.ids.file}.${exp}.AAAA`), [404]],
          ['malformed link', await anon('GET', '/media/..%2F..%2Fetc%2Fpasswd'), [404]],
        ];
      },
      ...webchatProbes(),
      'GET /*': async () => [
        ['web app page of A', await anon('GET', `/w/${w.a.ws.slug}/messages`), [200]],
        ['unknown API path of A', await anon('GET', `/api/w/${w.a.ws.slug}/nope`), [404]],
      ],
    };
    for (const route of routesOf(rt).filter((r) => r.kind === 'public')) {
      const probe = probes[route.key];
      if (!probe) {
        problems.push(`${route.key}: public route with no probe in tenant-isolation.test.ts; add one`);
        continue;
      }
      for (const [what, res, status] of await probe())
        checkAnswer(problems, `${route.key} (${what})`, res, { status, markers });
    }
    expect(problems).toEqual([]);
  });

  it('developer API routes: no token 401; B’s token on A’s records gets none of A and changes nothing', async () => {
    const problems: string[] = [];
    const before = await tenantCounts(w.a.scope);
    const markers = w.markersA;
    const { token } = await createApiToken(w.b.scope, 'attacker');
    // Creating by `id:` is refused as a bad identifier before any contact is looked up.
    const expected: Record<string, number[]> = { 'POST /v2/contact/:identifier': [400] };
    for (const route of routesOf(rt).filter((r) => r.kind === 'api')) {
      const url = fillUrl(route.url, w.a.ids);
      let res = await callApi(rt.url, route.method, url, { body: bodyFor(route, w.a.ids) });
      checkAnswer(problems, `${route.key} without a token`, res, { status: [401], code: 'unauthenticated', markers });
      res = await callApi(rt.url, route.method, url, {
        body: bodyFor(route, w.a.ids),
        headers: { authorization: `Bearer ${token}` },
      });
      checkAnswer(problems, `${route.key} with B’s token on A’s ids`, res, {
        status: expected[route.key] ?? (namesRecords(route.url) ? [404] : undefined),
        markers,
      });
    }
    expect(problems).toEqual([]);
    expect(await tenantCounts(w.a.scope)).toEqual(before);
  });

  it('webhook routes: A’s channel refuses unsigned, forged and other-channel signatures and stores nothing', async () => {
    const problems: string[] = [];
    const before = await tenantCounts(w.a.scope);
    const markers = w.markersA;
    const forged = (id: string) => ({ id, sender: { id: w.a.threads.open.sender.externalId }, text: 'forged' });
    const probes: Record<string, () => Promise<[string, { status: number; text: string }, number[]][]>> = {
      'POST /webhooks/:channelType/:channelId': async () => {
        const path = `/webhooks/custom/${w.a.channel.id}`;
        const answer = async (r: Response) => ({ status: r.status, text: await r.text() });
        return [
          ['unsigned', await callApi(rt.url, 'POST', path, { body: forged('f-1') }), [401]],
          [
            'bad signature',
            await answer(
              await postCustomWebhook(rt.url, w.a.channel.id, w.a.channel.secret, forged('f-2'), {
                badSignature: true,
              }),
            ),
            [401],
          ],
          [
            'signed with B’s secret',
            await answer(await postCustomWebhook(rt.url, w.a.channel.id, w.b.channel.secret, forged('f-3'))),
            [401],
          ],
          [
            'session cookie instead of a signature',
            await callApi(rt.url, 'POST', path, { cookie: w.a.ownerSession.cookieHeader, body: forged('f-4') }),
            [401],
          ],
          [
            'unknown channel',
            await callApi(rt.url, 'POST', '/webhooks/custom/987654321', { body: forged('f-5') }),
            [404],
          ],
        ];
      },
      'GET /webhooks/:channelType/:channelId': async () => [
        ['handshake on A’s custom channel', await callApi(rt.url, 'GET', `/webhooks/custom/${w.a.channel.id}`), [405]],
      ],
      'POST /hooks/workflows/:workflowId': async () => {
        const path = `/hooks/workflows/${w.a.ids.workflow}`;
        const body = { contact: `id:${w.a.threads.open.contactId}`, eventId: 'forged' };
        const raw = JSON.stringify(body);
        const t = Math.floor(Date.now() / 1000);
        const forgedSig = `t=${t},v1=${hmacSha256Hex('not-the-secret', `${t}.${raw}`)}`;
        return [
          ['unsigned', await callApi(rt.url, 'POST', path, { body }), [401]],
          [
            'forged signature',
            await callApi(rt.url, 'POST', path, { body, headers: { 'x-charla-signature': forgedSig } }),
            [401],
          ],
          [
            'session cookie instead of a signature',
            await callApi(rt.url, 'POST', path, { cookie: w.a.ownerSession.cookieHeader, body }),
            [401],
          ],
          ['unknown workflow', await callApi(rt.url, 'POST', '/hooks/workflows/987654321', { body }), [401]],
        ];
      },
    };
    for (const route of routesOf(rt).filter((r) => r.kind === 'webhook')) {
      const probe = probes[route.key];
      if (!probe) {
        problems.push(`${route.key}: webhook route with no probe in tenant-isolation.test.ts; add one`);
        continue;
      }
      for (const [what, res, status] of await probe()) {
        checkAnswer(problems, `${route.key} (${what})`, { ...res, json: null }, { status, markers });
      }
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(problems).toEqual([]);
    expect(await tenantCounts(w.a.scope)).toEqual(before);
    const stored = await rt.ctx.db
      .select()
      .from(messages)
      .where(inArray(messages.providerMessageId, ['f-1', 'f-2', 'f-3', 'f-4', 'f-5']));
    expect(stored).toEqual([]);
  });

  it('ids of A in the body of B’s own records: no team membership for A’s user, no reply through A’s channel, no merge with or tag of A', async () => {
    const s = w.b.ownerSession;
    const slug = w.b.ws.slug;
    const team = await s.json('POST', `/api/w/${slug}/teams/${w.b.ids.team}/members`, { userId: w.a.agent.id });
    expect(team.status).toBe(404);
    const reply = await s.json('POST', `/api/w/${slug}/conversations/${w.b.ids.conversation}/messages`, {
      text: 'through A',
      channelId: w.a.channel.id,
    });
    // A's channel is not found from B (it would otherwise be offered to write to the contact's phone).
    expect(reply.status).toBe(404);
    expect(JSON.stringify(reply.body)).not.toContain(w.mark);
    expect(await w.a.scope.count(messages, eq(messages.body, 'through A'))).toBe(0);
    expect(await w.b.scope.count(contactChannels, eq(contactChannels.channelId, w.a.channel.id))).toBe(0);
    // A's template (and through it A's channel) cannot be used from B's conversation.
    const viaTemplate = await s.json('POST', `/api/w/${slug}/conversations/${w.b.ids.conversation}/messages`, {
      template: { id: w.a.template.id, parameters: ['through A'] },
    });
    expect(viaTemplate.status).toBe(404);
    expect(JSON.stringify(viaTemplate.body)).not.toContain(w.mark);

    const before = await tenantCounts(w.a.scope);
    const contactB = `/api/w/${slug}/contacts/${w.b.ids.contact}`;
    const merge = await s.json('POST', `${contactB}/merge`, { mergedContactId: w.a.ids.contact });
    expect(merge.status).toBe(404);
    expect((await s.json('POST', `${contactB}/tags`, { tagId: w.a.ids.tag })).status).toBe(404);
    expect((await s.json('POST', `${contactB}/merges/${w.a.ids.merge}/split`)).status).toBe(404);
    expect(await tenantCounts(w.a.scope)).toEqual(before);
  });

  it('an invite from another workspace cannot take over an existing account', async () => {
    // The attacker invites the victim's email to their own workspace and reads the link from their outbox
    // (where invites wait when SMTP is not configured, and are kept when it is).
    const victim = await w.f.workspace({ name: 'Second victim' });
    const attacker = await w.f.workspace({ name: 'Second attacker' });
    const s = await loginSession(rt.url, attacker.owner.email);
    const invited = await s.json('POST', `/api/w/${attacker.ws.slug}/invites`, {
      email: victim.owner.email,
      role: 'agent',
    });
    expect(invited.status).toBe(201);
    const { body: outbox } = await s.json('GET', `/api/w/${attacker.ws.slug}/outbox`);
    const mail = outbox.items.find((m: { to: string }) => m.to === victim.owner.email);
    const token = /\/invite\/([\w-]+)/.exec(mail.text)![1]!;

    const accept = await callApi(rt.url, 'POST', `/api/invites/${token}/accept`, {
      body: { name: 'Pwned', password: 'attacker chosen password' },
    });
    expect(accept.status).toBe(401);
    expect(accept.text).not.toContain(victim.ws.slug);
    expect(accept.setCookie).toEqual([]);
    const [row] = await rt.ctx.db.select().from(users).where(eq(users.id, victim.owner.id));
    expect(row!.name).toBe(victim.owner.name);
    await expect(loginSession(rt.url, victim.owner.email, 'attacker chosen password')).rejects.toThrow(/401/);
    await loginSession(rt.url, victim.owner.email, PASSWORD);

    // The real owner of the account can still accept, with their own password.
    const own = await callApi(rt.url, 'POST', `/api/invites/${token}/accept`, {
      body: { name: 'Victim', password: PASSWORD },
    });
    expect(own.status).toBe(200);
  });
});
