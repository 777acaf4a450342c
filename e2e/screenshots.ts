/**
 * Regenerates docs/screenshots/: the inbox, a conversation and a contact page, in Spanish and English,
 * from a fresh server with a little demo traffic. Not a test; run after UI changes:
 *
 *   npx tsx e2e/screenshots.ts
 */
import path from 'node:path';
import { apiAs } from './support/api';
import { launchBrowser, openPage } from './support/browser';
import { postCustomMessage, startCallbackReceiver } from './support/customChannel';
import { repoRoot } from './support/paths';
import { startServer } from './support/server';
import { signInInSpanish } from './support/signIn';

const OUT = path.join(repoRoot, 'docs', 'screenshots');

const TRAFFIC = [
  {
    id: 'ana',
    name: 'Ana Pérez',
    phone: '+52 1 55 1234 5678',
    texts: ['Hola, ¿tienen envío a Monterrey?', '¿Cuánto tarda?'],
  },
  {
    id: 'luis',
    name: 'Luis García',
    email: 'luis@ejemplo.com',
    texts: ['Buenas tardes, necesito mi factura de octubre.'],
  },
  { id: 'marta', name: 'Marta López', texts: ['¿Abren el sábado?'] },
];

async function main() {
  const [server, browser, receiver] = await Promise.all([startServer(), launchBrowser(), startCallbackReceiver()]);
  try {
    const page = await openPage(browser, server.baseUrl, 'es-ES');
    await page.setViewportSize({ width: 1280, height: 760 });
    await signInInSpanish(page, server.ownerEmail, server.ownerPassword);
    const created = await apiAs(page, 'POST', '/api/w/demo/channels', {
      type: 'custom',
      name: 'Tienda online',
      config: { callbackUrl: receiver.url },
    });
    const { webhookUrl } = created.body.channel as { webhookUrl: string };
    for (const person of TRAFFIC)
      for (const [i, text] of person.texts.entries())
        await postCustomMessage(webhookUrl, created.body.secret, {
          id: `${person.id}-${i}`,
          sender: { id: person.id, name: person.name, phone: person.phone, email: person.email },
          text,
        });
    await page.waitForTimeout(1500);

    for (const language of ['es', 'en'] as const) {
      await apiAs(page, 'PATCH', '/api/me', { locale: language });
      await page.goto('/w/demo/messages');
      await page.locator('.conversation-row').first().waitFor();
      await page.screenshot({ path: path.join(OUT, `inbox-${language}.png`) });
      await page.locator('.conversation-row').last().click();
      await page.locator('.message').first().waitFor();
      await page.screenshot({ path: path.join(OUT, `conversation-${language}.png`) });
      const contacts = await apiAs(page, 'GET', '/api/w/demo/contacts');
      const ana = (contacts.body.items as { id: number; name: string }[]).find((c) => c.name === 'Ana Pérez');
      await page.goto(`/w/demo/contacts/${ana!.id}`);
      await page.getByRole('heading', { name: 'Ana Pérez' }).first().waitFor();
      await page.screenshot({ path: path.join(OUT, `contact-${language}.png`), fullPage: true });
    }
    console.log(`screenshots written to ${path.relative(repoRoot, OUT)}/`);
  } finally {
    await browser.close();
    await receiver.close();
    await server.stop();
  }
}

await main();
