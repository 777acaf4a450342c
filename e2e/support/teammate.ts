import type { Page } from 'playwright-core';
import { apiAs } from './api';
import { linkFromServerLog } from './emailLinks';
import type { RunningServer } from './server';

/**
 * Invites a member to the demo workspace as the signed-in owner (`page`) and accepts the invitation outside
 * the owner's browser (accepting signs the new user in), so the test can sign them in with `password`.
 */
export async function addTeammate(
  page: Page,
  server: RunningServer,
  teammate: { email: string; name: string; password: string; role: 'agent' | 'manager'; accessLevel?: string },
): Promise<void> {
  const { email, name, password, ...membership } = teammate;
  const invited = await apiAs(page, 'POST', '/api/w/demo/invites', { email, ...membership });
  if (invited.status !== 201) throw new Error(`invite ${email}: ${invited.status} ${JSON.stringify(invited.body)}`);
  const token = (await linkFromServerLog(server, email)).split('/invite/')[1]!;
  const accepted = await fetch(`${server.baseUrl}/api/invites/${token}/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  if (accepted.status >= 300) throw new Error(`accept ${email}: ${accepted.status}`);
}
