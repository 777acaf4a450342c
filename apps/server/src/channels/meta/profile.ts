import type { ContactProfile } from '../types';
import { graphCall } from './graph-client';

interface GraphProfile {
  first_name?: string;
  last_name?: string;
  name?: string;
  username?: string;
  profile_pic?: string;
}

/** Messenger gives the PSID's first and last name; Instagram the IGSID's display name and @username. */
export const PROFILE_FIELDS = {
  messenger: 'first_name,last_name,profile_pic',
  instagram: 'name,username,profile_pic',
} as const;

const clean = (s: string | undefined) => (s?.trim() ? s.trim().slice(0, 200) : undefined);

/** `GET /{psid|igsid}?fields=…` with the page's (or account's) token, in the Authorization header. */
export async function fetchMessagingProfile(
  apiBaseUrl: string,
  token: string,
  fields: string,
  userId: string,
): Promise<ContactProfile> {
  const p = await graphCall<GraphProfile>(
    apiBaseUrl,
    token,
    `${encodeURIComponent(userId)}?fields=${encodeURIComponent(fields)}`,
  );
  const [first, ...rest] = (clean(p.name) ?? '').split(/\s+/);
  return {
    firstName: clean(p.first_name) ?? clean(first),
    lastName: clean(p.last_name) ?? clean(rest.join(' ')),
    username: clean(p.username),
    avatarUrl: p.profile_pic && /^https?:\/\//i.test(p.profile_pic) ? p.profile_pic : undefined,
  };
}
