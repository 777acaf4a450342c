import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspaces } from '../src/db/schema';
import { factories } from './support/factories';
import { loginSession, type Session } from './support/http';
import { startTestRuntime, type TestRuntime } from './support/runtime';

const schedule = {
  enabled: true,
  days: {
    mon: [
      { from: '09:00', to: '13:00' },
      { from: '15:00', to: '19:00' },
    ],
    tue: [{ from: '09:00', to: '18:00' }],
    wed: [],
    thu: [],
    fri: [],
    sat: [],
    sun: [],
  },
  awayMessage: 'Volvemos el lunes a las <b>9</b>',
};

describe('Settings → Business hours and away message', () => {
  let rt: TestRuntime;
  let owner: Session;
  let agent: Session;
  let restricted: Session;
  let base: string;
  let wsId: number;

  beforeAll(async () => {
    rt = await startTestRuntime();
    const f = factories(rt.ctx);
    const w = await f.workspace();
    wsId = w.ws.id;
    base = `/api/w/${w.ws.slug}/settings`;
    owner = await loginSession(rt.url, w.owner.email);
    agent = await loginSession(rt.url, (await f.member(w.ws.id, 'agent')).email);
    restricted = await loginSession(rt.url, (await f.member(w.ws.id, 'manager', 'all', ['workspace_settings'])).email);
  });
  afterAll(async () => rt?.close());

  it('defaults to disabled, Monday to Friday 9 to 6', async () => {
    const res = await agent.json('GET', base);
    expect(res.body.businessHours).toMatchObject({ enabled: false, awayMessage: '' });
    expect(res.body.businessHours.days.fri).toEqual([{ from: '09:00', to: '18:00' }]);
    expect(res.body.businessHours.days.sun).toEqual([]);
  });

  it('saves the schedule, the away message and the time zone, keeping other settings', async () => {
    await owner.json('PUT', `${base}/closing-notes`, { mode: 'category', categories: ['Venta'] });
    const res = await owner.json('PUT', `${base}/business-hours`, { ...schedule, timezone: 'Europe/Madrid' });
    expect(res.status).toBe(200);
    expect(res.body.businessHours).toEqual(schedule);
    expect(res.body.general.timezone).toBe('Europe/Madrid');
    expect(res.body.closingNotes).toEqual({ mode: 'category', categories: ['Venta'] });
    const [ws] = await rt.ctx.db.select().from(workspaces).where(eq(workspaces.id, wsId));
    expect(ws!.settings.businessHours).toEqual(schedule);
    expect((await agent.json('GET', base)).body.businessHours).toEqual(schedule);
  });

  it('refuses bad ranges, unknown zones, agents and restricted managers', async () => {
    const bad = { ...schedule, days: { ...schedule.days, wed: [{ from: '18:00', to: '10:00' }] } };
    expect((await owner.json('PUT', `${base}/business-hours`, bad)).status).toBe(400);
    expect((await owner.json('PUT', `${base}/business-hours`, { ...schedule, timezone: 'Mars/Olympus' })).status).toBe(
      400,
    );
    expect((await agent.json('PUT', `${base}/business-hours`, schedule)).status).toBe(403);
    expect((await restricted.json('PUT', `${base}/business-hours`, schedule)).status).toBe(403);
  });
});
