import { workflowDraftSchema } from '@charla/contracts/workflows';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workflowRuns } from '../src/db/schema';
import { createChannel } from '../src/modules/channels/service';
import { createWorkflow, publishWorkflow } from '../src/modules/workflows/service';
import { fixtureJson, postMetaWebhook, readFixture } from './support/meta-fixtures';
import { eventually } from './support/runtime';
import { APP_SECRET, NUMBER, startWhatsAppWorld, TOKEN, type WhatsAppWorld } from './support/whatsapp-world';

const PAGE = '682498302938465';
const PSID = '1254459154682919';
const DEPARTMENTS = ['Ventas', 'Soporte', 'Facturación'];
const TOPICS = ['Envío', 'Devolución', 'Garantía', 'Pago', 'Otro tema'];

/**
 * The question step's multiple choice on Meta channels: WhatsApp interactive buttons (≤ 3) and lists
 * (≤ 10), Messenger quick replies; the tap comes back with the option's id and answers the question.
 */
describe('workflow questions as WhatsApp and Messenger buttons', () => {
  let w: WhatsAppWorld;
  let messenger: { id: number; type: string };

  /** A button or list reply to the question `context` (fixture-shaped), with a title that is not the option. */
  const tap = (kind: 'button_reply' | 'list_reply', id: string, wamid: string, context: string) => {
    const body = fixtureJson('whatsapp', 'inbound-button-reply.json');
    const m = body.entry[0].changes[0].value.messages[0];
    m.id = wamid;
    m.context.id = context;
    m.interactive = { type: kind, [kind]: { id, title: `${id} ✓` } };
    return w.post(NUMBER, body);
  };
  const lastSend = () => w.graph.sends().at(-1)!;

  beforeAll(async () => {
    w = await startWhatsAppWorld();
    const { channel } = await createChannel(w.rt.ctx, w.setup.scope, {
      type: 'messenger',
      name: 'Messenger',
      config: { appSecret: APP_SECRET, apiBaseUrl: w.graph.apiBaseUrl, pageAccessToken: TOKEN, pageId: PAGE },
    });
    messenger = { id: channel.id, type: channel.type };
    const draft = workflowDraftSchema.parse({
      name: 'Triage',
      trigger: { type: 'conversation_opened', sources: ['contact'] },
      graph: {
        start: 'dept',
        steps: [
          {
            id: 'dept',
            type: 'ask_question',
            text: '¿Con qué área quieres hablar?',
            questionType: 'multiple_choice',
            choices: DEPARTMENTS,
            saveTo: { kind: 'variable', name: 'dept' },
            next: 'topic',
          },
          {
            id: 'topic',
            type: 'ask_question',
            text: '¿Sobre qué tema?',
            questionType: 'multiple_choice',
            choices: TOPICS,
            saveTo: { kind: 'variable', name: 'topic' },
            next: 'done',
          },
          { id: 'done', type: 'send_message', text: 'Listo: $var.dept / $var.topic', buttons: [], next: null },
        ],
      },
    });
    const wf = await createWorkflow(w.setup.scope, null, { draft });
    await publishWorkflow(w.setup.scope, wf.id, null);
  });

  afterAll(async () => {
    await w?.close();
  });

  it('asks on WhatsApp with reply buttons, then a list, and takes the taps by their ids', async () => {
    await w.post(NUMBER, readFixture('whatsapp', 'inbound-text.json'));
    const question = await eventually(async () => w.graph.sends().find((s) => s.json.type === 'interactive'));
    expect(question.json).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '16505551234',
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: '¿Con qué área quieres hablar?' },
        action: {
          buttons: DEPARTMENTS.map((d) => ({ type: 'reply', reply: { id: d, title: d } })),
        },
      },
    });
    const questionWamid = `wamid.FAKE${w.graph.sends().length}`;
    expect((await tap('button_reply', 'Soporte', 'wamid.TAP1', questionWamid)).status).toBe(200);

    const list = await eventually(async () => (lastSend().json.interactive?.type === 'list' ? lastSend() : null));
    expect(list.json.interactive).toEqual({
      type: 'list',
      body: { text: '¿Sobre qué tema?' },
      action: { button: 'Ver opciones', sections: [{ rows: TOPICS.map((t) => ({ id: t, title: t })) }] },
    });
    // The stored tap shows the title the contact saw and keeps the id it answered with.
    const tapped = await w.message('wamid.TAP1');
    expect(tapped).toMatchObject({ body: 'Soporte ✓', meta: { interactive: { type: 'button_reply', id: 'Soporte' } } });

    await tap('list_reply', 'Garantía', 'wamid.TAP2', `wamid.FAKE${w.graph.sends().length}`);
    const done = await eventually(async () => (lastSend().json.type === 'text' ? lastSend() : null));
    expect(done.json.text.body).toBe('Listo: Soporte / Garantía');
    const [run] = await w.setup.scope.find(workflowRuns, eq(workflowRuns.contactId, tapped!.contactId));
    expect(run).toMatchObject({ status: 'completed' });
  });

  it('asks on Messenger with quick replies and takes the tapped payload as the answer', async () => {
    const sendsBefore = w.graph.sends().length;
    expect(
      (await postMetaWebhook(w.rt.url, messenger, APP_SECRET, readFixture('messenger', 'inbound-text.json'))).status,
    ).toBe(200);
    const question = await eventually(async () =>
      w.graph
        .sends()
        .slice(sendsBefore)
        .find((s) => s.path === `/v21.0/${PAGE}/messages`),
    );
    expect(question.json).toEqual({
      recipient: { id: PSID },
      messaging_type: 'RESPONSE',
      message: {
        text: '¿Con qué área quieres hablar?',
        quick_replies: DEPARTMENTS.map((d) => ({ content_type: 'text', title: d, payload: d })),
      },
    });
    const reply = fixtureJson('messenger', 'inbound-text.json');
    const event = reply.entry[0].messaging[0];
    event.message = { mid: 'mid.quick-1', text: 'Facturación', quick_reply: { payload: 'Facturación' } };
    event.timestamp += 1000;
    await postMetaWebhook(w.rt.url, messenger, APP_SECRET, reply);
    const next = await eventually(async () =>
      w.graph
        .sends()
        .slice(sendsBefore)
        .find((s) => s.json.message?.text === '¿Sobre qué tema?'),
    );
    expect(next.json.message.quick_replies.map((q: { payload: string }) => q.payload)).toEqual(TOPICS);
  });
});
