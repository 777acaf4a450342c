import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOk } from './support/api';
import { launchBrowser, openPage, saveScreenshot } from './support/browser';
import { signMetaBody, startGraphStub } from './support/metaGraph';
import { repoRoot } from './support/paths';
import { type RunningServer, startServer } from './support/server';
import { signInInSpanish } from './support/signIn';

const TOKEN = 'EAAG-e2e-page-token';
const APP_SECRET = 'e2e_app_secret';
const PAGE_ID = '682498302938465';

/** Waits for the stub to record what the server sent it. */
async function until<T>(find: () => T | undefined): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('the Graph stub never received the expected call');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('Messenger in the browser: chat menus, a comment, the message tag picker', () => {
  let server: RunningServer;
  let browser: Browser;
  let graph: Awaited<ReturnType<typeof startGraphStub>>;
  let page: Page;
  let webhookUrl: string;

  beforeAll(async () => {
    [server, browser, graph] = await Promise.all([startServer(), launchBrowser(), startGraphStub(TOKEN)]);
    page = await openPage(browser, server.baseUrl, 'es-ES');
    await signInInSpanish(page, server.ownerEmail, server.ownerPassword);
    const created = await apiOk<{ channel: { id: number; webhookUrl: string } }>(page, 'POST', '/w/demo/channels', {
      type: 'messenger',
      name: 'Página de la tienda',
      config: { appSecret: APP_SECRET, pageAccessToken: TOKEN, pageId: PAGE_ID, apiBaseUrl: graph.apiBaseUrl },
    });
    webhookUrl = created.channel.webhookUrl;
  });

  afterAll(async () => {
    await browser?.close();
    await graph?.close();
    await server?.stop();
  });

  it('saves a chat menu from Settings and Meta receives it', async () => {
    await page.getByRole('link', { name: 'Configuraciones', exact: true }).click();
    await page.getByRole('link', { name: 'Canales', exact: true }).click();
    await page.getByRole('button', { name: 'Menús del chat' }).click();
    const form = page.getByRole('form', { name: 'Menús del chat' });
    await form.getByLabel('Mostrar un botón «Empezar»').check();
    await form.getByRole('button', { name: 'Agregar elemento (hasta 20)' }).click();
    await form.getByLabel('Título').fill('Hablar con un agente');
    await form.getByLabel('Payload (vuelve a Charla)').first().fill('AGENTE');
    await form.getByRole('button', { name: 'Agregar pregunta (hasta 4)' }).click();
    await form.getByLabel('Pregunta').fill('¿Hacen envíos?');
    await form.getByLabel('Payload (vuelve a Charla)').last().fill('ENVIOS');
    // A menu for people whose Messenger is in US English, besides the default one.
    await form.getByRole('button', { name: 'Agregar un menú para otro idioma' }).click();
    await form.getByLabel('Idioma (locale de Meta)').fill('en_US');
    await form.getByLabel('Título').nth(1).fill('Talk to an agent');
    await form.getByLabel('Payload (vuelve a Charla)').nth(1).fill('AGENTE');
    await saveScreenshot(page, 'settings-messenger-chat-menu');
    await form.getByRole('button', { name: 'Guardar y publicar' }).click();
    await form.getByRole('status').filter({ hasText: 'Guardado: Meta ya muestra este menú.' }).waitFor();
    expect(graph.profileCalls()).toEqual([
      {
        method: 'POST',
        query: '',
        body: {
          get_started: { payload: 'GET_STARTED' },
          persistent_menu: [
            {
              locale: 'default',
              composer_input_disabled: false,
              call_to_actions: [{ type: 'postback', title: 'Hablar con un agente', payload: 'AGENTE' }],
            },
            {
              locale: 'en_US',
              composer_input_disabled: false,
              call_to_actions: [{ type: 'postback', title: 'Talk to an agent', payload: 'AGENTE' }],
            },
          ],
          ice_breakers: [{ locale: 'default', call_to_actions: [{ question: '¿Hacen envíos?', payload: 'ENVIOS' }] }],
        },
      },
    ]);
  });

  it('shows a comment, answers it privately, then asks for a message tag before a reply outside the window', async () => {
    // Meta's Page `feed` webhook of a comment (the documented shape kept next to the adapter), commented now.
    const payload = JSON.parse(
      readFileSync(path.join(repoRoot, 'apps/server/src/channels/messenger/fixtures/feed-comment.json'), 'utf8'),
    );
    payload.entry[0].changes[0].value.created_time = Math.floor(Date.now() / 1000);
    const raw = JSON.stringify(payload);
    const posted = await fetch(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signMetaBody(APP_SECRET, raw) },
      body: raw,
    });
    expect(posted.status).toBe(200);

    await page.getByRole('link', { name: 'Mensajes', exact: true }).click();
    await page.getByRole('link', { name: /Ana Pérez/ }).click();
    const conversation = page.getByRole('region', { name: 'Conversación' });
    await conversation.getByText('Comentario público en una publicación').waitFor();
    await conversation.getByText('¿Tienen la talla M?').waitFor();

    // The one private reply Meta allows per comment. Meta refuses the first for good: the comment says why
    // and can be answered again.
    const privateReplies = () => graph.sends.filter((s) => (s.body.recipient as { comment_id?: string })?.comment_id);
    graph.refuseNextSend(403, {
      error: {
        message: '(#200) Requires pages_messaging permission to manage the object',
        type: 'OAuthException',
        code: 200,
      },
    });
    const replyPrivately = async () => {
      await page.getByRole('button', { name: 'Responder en privado' }).click();
      await page.getByLabel('Respuesta privada').fill('¡Sí! Te paso los detalles por aquí.');
      await page.getByRole('button', { name: 'Enviar respuesta privada' }).click();
    };
    await replyPrivately();
    await conversation
      .getByText(
        'Meta rechazó la respuesta privada: (#200) Requires pages_messaging permission to manage the object. Puedes intentarlo de nuevo.',
      )
      .waitFor();
    await replyPrivately();
    const privateReply = await until(() => privateReplies()[1]);
    expect(privateReply).toEqual({
      path: `/v21.0/${PAGE_ID}/messages`,
      body: {
        recipient: { comment_id: '1098765432109876_2233445566778899' },
        message: { text: '¡Sí! Te paso los detalles por aquí.' },
      },
    });
    await page.getByText('Respondido en privado.').waitFor();

    // A comment opens no messaging window: a normal reply needs the tag that applies.
    const picker = page.getByTestId('message-tag-picker');
    await picker.waitFor();
    const send = page.getByRole('button', { name: 'Enviar', exact: true });
    await page.getByLabel('Respuesta', { exact: true }).fill('Tu pedido ya salió.');
    expect(await send.isDisabled()).toBe(true);
    await page.getByLabel('Etiqueta del mensaje').selectOption({ label: 'Novedad de una compra' });
    await picker.getByText('Sobre una compra del contacto').waitFor();
    await saveScreenshot(page, 'composer-messenger-tag-picker');
    await send.click();
    const tagged = await until(() => graph.sends.find((s) => s.body.tag === 'POST_PURCHASE_UPDATE'));
    expect(tagged.body).toEqual({
      recipient: { id: '1254459154682919' },
      messaging_type: 'MESSAGE_TAG',
      tag: 'POST_PURCHASE_UPDATE',
      message: { text: 'Tu pedido ya salió.' },
    });
  });
});
