import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../context';
import { Scope } from '../../db/scope';
import { files, memberships, workspaces } from '../../db/schema';
import { notFound } from '../../http/errors';
import { attachedInVisibleConversation } from '../messages/file-visibility';
import { type Member, memberOf } from '../workspaces/service';

export type FileRow = typeof files.$inferSelect;

export const serializeFile = (f: FileRow) => ({
  id: f.id,
  name: f.name,
  mime: f.mime,
  size: f.size,
  url: `/api/files/${f.id}`,
  createdAt: f.createdAt.toISOString(),
});

export async function saveFile(
  ctx: Ctx,
  scope: Scope,
  input: { name: string; mime: string; bytes: Buffer; source: 'upload' | 'channel'; createdBy?: number },
): Promise<FileRow> {
  const stored = await ctx.storage.put(scope.workspaceId, input.bytes);
  const [row] = await scope
    .insert(files, {
      name: input.name.slice(0, 255) || 'file',
      mime: input.mime || 'application/octet-stream',
      size: stored.size,
      sha256: stored.sha256,
      storageKey: stored.key,
      source: input.source,
      createdBy: input.createdBy ?? null,
    })
    .returning();
  return row!;
}

/**
 * The Files library. Members who see every conversation see every file; agents limited to their team's or
 * their own conversations see the files they uploaded (inbound media belongs to conversations they may
 * not see, and reaches them through the conversation).
 */
export async function listFiles(scope: Scope, member: Member) {
  const own = member.accessLevel === 'all' ? undefined : eq(files.createdBy, member.userId);
  return (await scope.find(files, own).orderBy(desc(files.id)).limit(200)).map(serializeFile);
}

/**
 * A file the user may read: it belongs to a workspace the user is a member of and, for an agent limited
 * to some conversations, they uploaded it or it is attached to a message of a conversation they can see.
 */
export async function fileForUser(ctx: Ctx, userId: number, fileId: number): Promise<{ file: FileRow; bytes: Buffer }> {
  const [row] = await ctx.db
    .select({ file: files, slug: workspaces.slug })
    .from(files)
    .innerJoin(memberships, and(eq(memberships.workspaceId, files.workspaceId), eq(memberships.userId, userId)))
    .innerJoin(workspaces, eq(workspaces.id, files.workspaceId))
    .where(eq(files.id, fileId));
  if (!row) throw notFound('File');
  const member = await memberOf(ctx.db, userId, row.slug);
  if (!member) throw notFound('File');
  if (member.accessLevel !== 'all' && row.file.createdBy !== userId) {
    const seen = await attachedInVisibleConversation(new Scope(ctx.db, row.file.workspaceId), member, fileId);
    if (!seen) throw notFound('File');
  }
  return { file: row.file, bytes: await ctx.storage.read(row.file.storageKey) };
}

/** A file by id across workspaces: only for callers that proved access another way (a signed link). */
export async function fileById(ctx: Ctx, fileId: number): Promise<{ file: FileRow; bytes: Buffer } | null> {
  const [file] = await ctx.db.select().from(files).where(eq(files.id, fileId));
  if (!file) return null;
  return { file, bytes: await ctx.storage.read(file.storageKey) };
}

/** Files of this workspace by id, in the order asked; an id of another workspace is "not found". */
export async function filesByIds(scope: Scope, ids: number[]): Promise<FileRow[]> {
  if (ids.length === 0) return [];
  const rows = await scope.find(files, inArray(files.id, ids));
  return ids.map((id) => {
    const row = rows.find((r) => r.id === id);
    if (!row) throw notFound('File');
    return row;
  });
}
