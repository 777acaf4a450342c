import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageByProviderId } from './support/messages';
import { createChannel } from '../src/modules/channels/service';
import { postMetaWebhook } from './support/meta-fixtures';
import {
  META_APP_SECRET,
  META_IG_ACCOUNT,
  META_PAGE,
  META_TOKEN,
  type MetaWorld,
  startMetaWorld,
} from './support/meta-world';
import { eventually } from './support/runtime';

const PSID = '1254459154682919';
const IGSID = '5678';

const menu = {
  getStarted: { payload: 'GET_STARTED' },
  persistentMenu: [
    { type: 'postback', title: 'Hablar con un agente', payload: 'CARE_HELP' },
    { type: 'web_url', title: 'Comprar', url: 'https://www.example.com/shop' },
  ],
  iceBreakers: [{ question: '¿Cuál es el horario?', payload: 'HOURS' }],
};

describe('Chat menus (Messenger Profile API)', () => {
  let w: MetaWorld;
  const url = (ch: { id: number }) => `/api/w/${w.setup.ws.slug}/channels/${ch.id}/chat-menu`;
  const save = (ch: { id: number }, body: unknown) => w.session.json('PUT', url(ch), body);

  beforeAll(async () => {
    w = await startMetaWorld();
  });

  afterAll(async () => {
    await w?.close();
  });

  it('pushes a Messenger menu in Meta’s shape with the page token, then keeps it in the channel', async () => {
    const before = w.graph.profileCalls().length;
    const res = await save(w.messenger, menu);
    expect(res.status).toBe(200);
    const calls = w.graph.profileCalls().slice(before);
    expect(calls.map((c) => [c.method, c.path, c.query, c.authorization])).toEqual([
      ['POST', '/v21.0/me/messenger_profile', '', `Bearer ${META_TOKEN}`],
    ]);
    expect(calls[0]!.json).toEqual({
      get_started: { payload: 'GET_STARTED' },
      persistent_menu: [
        {
          locale: 'default',
          composer_input_disabled: false,
          call_to_actions: [
            { type: 'postback', title: 'Hablar con un agente', payload: 'CARE_HELP' },
            { type: 'web_url', title: 'Comprar', url: 'https://www.example.com/shop' },
          ],
        },
      ],
      ice_breakers: [{ locale: 'default', call_to_actions: [{ question: '¿Cuál es el horario?', payload: 'HOURS' }] }],
    });
    const read = await w.session.json('GET', url(w.messenger));
    expect(read.body).toEqual({ menu: { ...menu, localizedMenus: [] }, getStarted: true, locales: true });
  });

  it('shows Meta’s reason when it refuses, and keeps the menu that Meta has', async () => {
    w.graph.respondToProfile({
      status: 400,
      body: JSON.stringify({
        error: {
          message: '(#100) Invalid URL: https://www.example.com/blocked',
          type: 'OAuthException',
          code: 100,
          fbtrace_id: 'Fake',
        },
      }),
    });
    const changed = {
      ...menu,
      persistentMenu: [{ type: 'web_url', title: 'Blocked', url: 'https://www.example.com/blocked' }],
    };
    const res = await save(w.messenger, changed);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'provider_refused' });
    expect(res.body.message).toContain('(#100) Invalid URL');
    expect((await w.session.json('GET', url(w.messenger))).body.menu).toEqual({ ...menu, localizedMenus: [] });
  });

  it('enforces Meta’s limits and the get-started rule before calling Meta', async () => {
    const before = w.graph.profileCalls().length;
    const tooMany = Array.from({ length: 21 }, (_, i) => ({ type: 'postback', title: `Item ${i}`, payload: `P${i}` }));
    expect((await save(w.messenger, { ...menu, persistentMenu: tooMany })).status).toBe(400);
    const longTitle = [{ type: 'postback', title: 'x'.repeat(31), payload: 'P' }];
    expect((await save(w.messenger, { ...menu, persistentMenu: longTitle })).status).toBe(400);
    const fiveQuestions = Array.from({ length: 5 }, (_, i) => ({ question: `Q${i}`, payload: `P${i}` }));
    expect((await save(w.messenger, { ...menu, iceBreakers: fiveQuestions })).status).toBe(400);
    const noGetStarted = await save(w.messenger, { ...menu, getStarted: null });
    expect(noGetStarted.status).toBe(400);
    expect(noGetStarted.body.message).toContain('get-started');
    expect(w.graph.profileCalls().length).toBe(before);
  });

  it('pushes menus for other locales after the default one, in Meta’s persistent_menu shape', async () => {
    const localized = {
      ...menu,
      localizedMenus: [
        { locale: 'en_US', items: [{ type: 'postback', title: 'Talk to an agent', payload: 'CARE_HELP' }] },
        { locale: 'pt_BR', items: [{ type: 'web_url', title: 'Comprar', url: 'https://www.example.com/br' }] },
      ],
    };
    const before = w.graph.profileCalls().length;
    const res = await save(w.messenger, localized);
    expect(res.status).toBe(200);
    const [call] = w.graph.profileCalls().slice(before);
    expect(call!.json.persistent_menu).toEqual([
      {
        locale: 'default',
        composer_input_disabled: false,
        call_to_actions: [
          { type: 'postback', title: 'Hablar con un agente', payload: 'CARE_HELP' },
          { type: 'web_url', title: 'Comprar', url: 'https://www.example.com/shop' },
        ],
      },
      {
        locale: 'en_US',
        composer_input_disabled: false,
        call_to_actions: [{ type: 'postback', title: 'Talk to an agent', payload: 'CARE_HELP' }],
      },
      {
        locale: 'pt_BR',
        composer_input_disabled: false,
        call_to_actions: [{ type: 'web_url', title: 'Comprar', url: 'https://www.example.com/br' }],
      },
    ]);
    expect((await w.session.json('GET', url(w.messenger))).body.menu).toEqual(localized);
  });

  it('refuses locale menus that break Meta’s rules before calling Meta', async () => {
    const before = w.graph.profileCalls().length;
    const item = { type: 'postback', title: 'Agent', payload: 'CARE_HELP' };
    const attempt = (change: Record<string, unknown>) => save(w.messenger, { ...menu, ...change });
    // No default menu: Meta requires the `default` locale.
    const noDefault = await attempt({ persistentMenu: [], localizedMenus: [{ locale: 'en_US', items: [item] }] });
    expect([noDefault.status, noDefault.body.message]).toEqual([400, expect.stringContaining('default menu')]);
    const twice = [
      { locale: 'en_US', items: [item] },
      { locale: 'en_US', items: [item] },
    ];
    expect((await attempt({ localizedMenus: twice })).status).toBe(400);
    expect((await attempt({ localizedMenus: [{ locale: 'english', items: [item] }] })).status).toBe(400);
    expect((await attempt({ localizedMenus: [{ locale: 'default', items: [item] }] })).status).toBe(400);
    expect((await attempt({ localizedMenus: [{ locale: 'en_US', items: [] }] })).status).toBe(400);
    const tooMany = Array.from({ length: 21 }, (_, i) => ({ ...item, payload: `P${i}` }));
    expect((await attempt({ localizedMenus: [{ locale: 'en_US', items: tooMany }] })).status).toBe(400);
    const instagram = await save(w.instagram, {
      getStarted: null,
      persistentMenu: [item],
      localizedMenus: [{ locale: 'en_US', items: [item] }],
      iceBreakers: [],
    });
    expect([instagram.status, instagram.body.message]).toEqual([400, expect.stringContaining('one persistent menu')]);
    expect(w.graph.profileCalls().length).toBe(before);
  });

  it('clears the parts a menu no longer has with DELETE by field name', async () => {
    const before = w.graph.profileCalls().length;
    const res = await save(w.messenger, { getStarted: null, persistentMenu: [], iceBreakers: [] });
    expect(res.status).toBe(200);
    const calls = w.graph.profileCalls().slice(before);
    expect(calls.map((c) => [c.method, c.json])).toEqual([
      ['DELETE', { fields: ['get_started', 'persistent_menu', 'ice_breakers'] }],
    ]);
  });

  it('sets Instagram’s ice breakers and menu with platform=instagram, without a get-started button', async () => {
    const before = w.graph.profileCalls().length;
    const igMenu = { getStarted: null, persistentMenu: [menu.persistentMenu[0]], iceBreakers: menu.iceBreakers };
    expect((await save(w.instagram, igMenu)).status).toBe(200);
    const [call, ...rest] = w.graph.profileCalls().slice(before);
    expect(rest).toEqual([]);
    expect([call!.method, call!.query]).toEqual(['POST', '?platform=instagram']);
    expect(call!.json).toEqual({
      platform: 'instagram',
      persistent_menu: [
        {
          locale: 'default',
          call_to_actions: [{ type: 'postback', title: 'Hablar con un agente', payload: 'CARE_HELP' }],
        },
      ],
      ice_breakers: [{ locale: 'default', call_to_actions: [{ question: '¿Cuál es el horario?', payload: 'HOURS' }] }],
    });
    expect((await w.session.json('GET', url(w.instagram))).body).toMatchObject({ getStarted: false, locales: false });
    const refused = await save(w.instagram, { ...igMenu, getStarted: { payload: 'GO' } });
    expect(refused.status).toBe(400);
  });

  it('turns taps on menu items and ice breakers into the customer’s messages, titled as shown', async () => {
    const postback = (recipient: string, sender: string, mid: string, title: string, payload: string) => ({
      object: recipient === META_PAGE ? 'page' : 'instagram',
      entry: [
        {
          id: recipient,
          time: 1732700000000,
          messaging: [
            {
              sender: { id: sender },
              recipient: { id: recipient },
              timestamp: 1732700000000,
              postback: { mid, title, payload },
            },
          ],
        },
      ],
    });
    await postMetaWebhook(
      w.rt.url,
      w.messenger,
      META_APP_SECRET,
      postback(META_PAGE, PSID, 'm_menu1', 'Hablar con un agente', 'CARE_HELP'),
    );
    await postMetaWebhook(
      w.rt.url,
      w.instagram,
      META_APP_SECRET,
      postback(META_IG_ACCOUNT, IGSID, 'aWdfmenu1', '¿Cuál es el horario?', 'HOURS'),
    );
    const fromMenu = await eventually(() => messageByProviderId(w.setup.scope, 'm_menu1'));
    expect(fromMenu).toMatchObject({
      direction: 'in',
      body: 'Hablar con un agente',
      meta: { interactive: { type: 'postback', payload: 'CARE_HELP' } },
    });
    const fromIceBreaker = await eventually(() => messageByProviderId(w.setup.scope, 'aWdfmenu1'));
    expect(fromIceBreaker).toMatchObject({ body: '¿Cuál es el horario?', meta: { interactive: { payload: 'HOURS' } } });
  });

  it('has no chat menu for other channel types', async () => {
    const custom = await createChannel(w.rt.ctx, w.setup.scope, { type: 'custom', name: 'c', config: {} });
    const res = await w.session.json('GET', url(custom.channel));
    expect([res.status, res.body.code]).toEqual([400, 'chat_menu_unsupported']);
  });
});
