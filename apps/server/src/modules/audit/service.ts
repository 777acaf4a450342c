import type { Scope } from '../../db/scope';
import { auditLog } from '../../db/schema';

/** Records a sensitive action (channel and token changes, invitations, exports, merges, erasures). */
export async function audit(
  scope: Scope,
  actorUserId: number | null,
  action: string,
  data: Record<string, unknown> = {},
): Promise<void> {
  await scope.insert(auditLog, { actorUserId, action, data });
}
