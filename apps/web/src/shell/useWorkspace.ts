import type { MeResponse } from '@charla/contracts';
import { useParams } from 'react-router';
import { useMe } from '../auth/useMe';

export type Membership = MeResponse['memberships'][number];

/** The workspace in the URL and the signed-in user's membership in it (null when they are not a member). */
export function useWorkspace(): { slug: string; membership: Membership | null } {
  const slug = useParams().slug ?? '';
  const me = useMe();
  const membership = me.memberships.find((candidate) => candidate.workspace.slug === slug) ?? null;
  return { slug, membership };
}

/** The membership of the workspace in the URL; only for pages rendered inside the app shell. */
export function useMembership(): Membership {
  const { membership } = useWorkspace();
  if (!membership) throw new Error('useMembership() used outside a workspace the user belongs to');
  return membership;
}
