import type { MeResponse } from '@charla/contracts';
import type { Db } from '../../db/client';
import { membershipsOf } from '../workspaces/service';
import type { SessionUser } from './sessions';

export async function meResponse(db: Db, user: SessionUser): Promise<MeResponse> {
  const rows = await membershipsOf(db, user.id);
  return {
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      locale: (user.locale as 'es' | 'en' | null) ?? null,
      notifications: { browser: user.notifyBrowser, sound: user.notifySound },
    },
    memberships: rows.map((r) => ({
      workspace: { id: r.workspace.id, slug: r.workspace.slug, name: r.workspace.name },
      role: r.membership.role,
      accessLevel: r.membership.role === 'agent' ? r.membership.accessLevel : 'all',
      restrictions:
        r.membership.role === 'manager'
          ? (r.membership.restrictions as MeResponse['memberships'][number]['restrictions'])
          : [],
    })),
  };
}
