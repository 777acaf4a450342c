import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './support/browser';
import { linkFromOutbox, linkFromServerLog } from './support/emailLinks';
import { type RunningServer, startServer } from './support/server';
import { signInInSpanish } from './support/signIn';

describe('invitations and password reset by emailed link', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('invites an agent, who accepts and sees only the inbox and contacts', async () => {
    const owner = await openPage(browser, server.baseUrl, 'es-ES');
    await signInInSpanish(owner, server.ownerEmail, server.ownerPassword);
    await owner.goto('/w/demo/settings/users');
    await owner.getByLabel('Correo electrónico').fill('marta@example.com');
    await owner.getByLabel('Rol').selectOption('agent');
    await owner.getByLabel('Nivel de acceso').selectOption('assigned');
    await owner.getByRole('button', { name: 'Enviar invitación' }).click();
    await owner.getByText('Invitación enviada a marta@example.com.').waitFor();
    await owner.getByRole('cell', { name: 'Invitación pendiente' }).waitFor();
    const invitation = await linkFromOutbox(owner, 'demo', 'marta@example.com');
    expect(new URL(invitation).pathname).toMatch(/^\/invite\/.+/);

    const agent = await openPage(browser, server.baseUrl, 'es-ES');
    await agent.goto(new URL(invitation).pathname);
    await agent.getByText('Te invitaron con el correo marta@example.com').waitFor();
    await agent.getByLabel('Tu nombre').fill('Marta Díaz');
    await agent.getByLabel('Nueva contraseña').fill('marta-password-1');
    await agent.getByLabel('Repite la contraseña').fill('marta-password-1');
    await agent.getByRole('button', { name: 'Aceptar invitación' }).click();
    await agent.waitForURL('**/w/demo/messages');

    const navigation = agent.getByRole('navigation', { name: 'Navegación principal' });
    await navigation.getByRole('link', { name: 'Mensajes', exact: true }).waitFor();
    const links = await navigation.getByRole('link').allTextContents();
    expect(links).toEqual(['Panel', 'Mensajes', 'Contactos']);
    await owner.context().close();
    await agent.context().close();
  });

  it('resets a forgotten password with the emailed link', async () => {
    const visitor = await openPage(browser, server.baseUrl, 'es-ES');
    await visitor.goto('/login');
    await visitor.getByRole('link', { name: '¿Olvidaste tu contraseña?' }).click();
    await visitor.getByLabel('Correo electrónico').fill(server.ownerEmail);
    await visitor.getByRole('button', { name: 'Enviar enlace' }).click();
    await visitor.getByText('Si existe una cuenta con ese correo').waitFor();

    const resetLink = new URL(await linkFromServerLog(server, server.ownerEmail));
    await visitor.goto(resetLink.pathname + resetLink.search);
    await visitor.getByLabel('Nueva contraseña').fill('a-brand-new-password');
    await visitor.getByLabel('Repite la contraseña').fill('a-different-password');
    await visitor.getByRole('button', { name: 'Guardar contraseña' }).click();
    await visitor.getByText('Las contraseñas no coinciden.').waitFor();

    await visitor.getByLabel('Nueva contraseña').fill('a-brand-new-password');
    await visitor.getByLabel('Repite la contraseña').fill('a-brand-new-password');
    await visitor.getByRole('button', { name: 'Guardar contraseña' }).click();
    await visitor.getByText('Tu contraseña se cambió.').waitFor();

    await signInInSpanish(visitor, server.ownerEmail, 'a-brand-new-password');
    await visitor.context().close();
  });
});
