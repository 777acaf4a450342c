import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type TestMailServer } from '../apps/server/test/support/dovecot';
import { type SmtpReceiver, startSmtpReceiver } from '../apps/server/test/support/smtp-receiver';
import { launchBrowser, openPage, saveScreenshot } from './support/browser';
import { type RunningServer, startServer } from './support/server';
import { signInInSpanish } from './support/signIn';

const CUSTOMER_MAIL = [
  'From: Jane Doe <jane.doe@example.org>',
  'To: Acme Support <support@our-domain.test>',
  'Subject: Order not delivered',
  'Message-ID: <e2e-first@mail.example.org>',
  'Content-Type: text/plain; charset=UTF-8',
  '',
  'My parcel never arrived.',
  '',
].join('\r\n');

describe('connecting a mailbox in Settings and answering an email', () => {
  let server: RunningServer;
  let browser: Browser;
  let imap: TestMailServer;
  let smtp: SmtpReceiver;
  let page: Page;

  beforeAll(async () => {
    // The mail servers listen on loopback, which email settings refuse unless allowed.
    process.env.CHARLA_ALLOW_PRIVATE_HOSTS = '127.0.0.1';
    [server, browser, imap, smtp] = await Promise.all([
      startServer(),
      launchBrowser(),
      startDovecot(),
      startSmtpReceiver({ user: 'smtp-user', pass: 'smtp-pass' }),
    ]);
    page = await openPage(browser, server.baseUrl, 'es-ES');
    await signInInSpanish(page, server.ownerEmail, server.ownerPassword);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.close();
    await imap?.close();
  });

  it('tests the connection (showing the server’s refusal), then connects the mailbox', async () => {
    await page.getByRole('link', { name: 'Configuraciones', exact: true }).click();
    await page.getByRole('link', { name: 'Canales', exact: true }).click();
    const form = page.locator('section', {
      has: page.getByRole('heading', { name: 'Conectar un buzón (correo electrónico)' }),
    });
    await form.getByLabel('Nombre de la conexión').fill('Soporte');
    await form.getByLabel('Servidor IMAP').fill(imap.host);
    await form.getByLabel('Puerto IMAP').fill(String(imap.port));
    await form.getByLabel('IMAP usa TLS (puerto 993)').uncheck();
    await form.getByLabel('Usuario IMAP').fill(imap.user);
    await form.getByLabel('Contraseña IMAP').fill('wrong-password');
    await form.getByLabel('Servidor SMTP').fill(smtp.host);
    await form.getByLabel('Puerto SMTP').fill(String(smtp.port));
    await form.getByLabel('SMTP usa TLS desde el inicio (puerto 465)').uncheck();
    await form.getByLabel('Usuario SMTP').fill('smtp-user');
    await form.getByLabel('Contraseña SMTP').fill('smtp-pass');
    await form.getByLabel('Nombre del remitente').fill('Acme Support');

    await form.getByRole('button', { name: 'Probar conexión' }).click();
    await form.getByText(/IMAP login refused: .*Authentication failed/).waitFor();

    await form.getByLabel('Contraseña IMAP').fill(imap.pass);
    await form.getByRole('button', { name: 'Probar conexión' }).click();
    await form.getByText('Ambos servidores aceptaron el inicio de sesión.').waitFor();
    await saveScreenshot(page, 'settings-email-form');
    await form.getByRole('button', { name: 'Conectar', exact: true }).click();
    await page.getByRole('heading', { name: 'Soporte está conectado' }).waitFor();
    await page.getByRole('cell', { name: 'Soporte' }).waitFor();
    await page.getByText('Ninguna: Charla lee el buzón').waitFor();
  });

  it('shows the customer’s mail with its subject and sends the reply threaded under it', async () => {
    await imap.deliver(CUSTOMER_MAIL);
    await page.getByRole('link', { name: 'Mensajes', exact: true }).click();
    const row = page.getByRole('link', { name: /Jane Doe/ });
    await row.waitFor({ timeout: 30_000 });
    await row.click();
    await page.locator('.message-in .message-subject', { hasText: 'Order not delivered' }).waitFor();
    await page.locator('.message-in .message-body', { hasText: 'My parcel never arrived.' }).waitFor();
    await page.getByTestId('composer-subject').getByText('Asunto: Re: Order not delivered').waitFor();

    const composer = page.getByLabel('Respuesta');
    await composer.fill('Lo revisamos hoy mismo.');
    await composer.press('Enter');
    await page.locator('.message-out[data-status="sent"]', { hasText: 'Lo revisamos hoy mismo.' }).waitFor();
    await expect.poll(() => smtp.received.length, { timeout: 20_000 }).toBeGreaterThan(0);
    const reply = smtp.received[0]!.mail;
    expect(reply.subject).toBe('Re: Order not delivered');
    expect(reply.inReplyTo).toBe('<e2e-first@mail.example.org>');
    expect(reply.to && !Array.isArray(reply.to) ? reply.to.value[0]?.address : null).toBe('jane.doe@example.org');
    await saveScreenshot(page, 'inbox-email-conversation');
  });
});
