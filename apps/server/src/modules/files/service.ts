import { and, desc, eq, ilike, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../context';
import { Scope } from '../../db/scope';
import { contactImports, files, memberships, messages, users, workspaces } from '../../db/schema';
import { AppError, forbidden, notFound } from '../../http/errors';
import { likePattern } from '../conversations/list';
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
 * The Files library, newest first, optionally filtered by name. Members who see every conversation see
 * every file; agents limited to their team's or their own conversations see the files they uploaded
 * (inbound media belongs to conversations they may not see, and reaches them through the conversation).
 */
export async function listFiles(scope: Scope, member: Member, opts: { q?: string } = {}) {
  const own = member.accessLevel === 'all' ? undefined : eq(files.createdBy, member.userId);
  const named = opts.q ? ilike(files.name, likePattern(opts.q)) : undefined;
  const rows = await scope.unscopedDb
    .select({ file: files, uploader: { id: users.id, name: users.name } })
    .from(files)
    .leftJoin(users, eq(users.id, files.createdBy))
    .where(scope.where(files, own, named))
    .orderBy(desc(files.id))
    .limit(200);
  return rows.map(({ file, uploader }) => ({
    ...serializeFile(file),
    source: file.source,
    uploadedBy: uploader?.id ? uploader : null,
  }));
}

/**
 * Deletes a file from the library: owners and managers any, others only what they uploaded. A file a
 * message or an import still uses stays, so no conversation loses an attachment it showed.
 */
export async function deleteFile(ctx: Ctx, scope: Scope, member: Member, fileId: number): Promise<void> {
  const [file] = await scope.find(files, eq(files.id, fileId));
  const mayRead = file && (member.accessLevel === 'all' || file.createdBy === member.userId);
  if (!mayRead) throw notFound('File');
  if (member.role === 'agent' && file.createdBy !== member.userId) {
    throw forbidden('Only the uploader, an owner or a manager can delete this file');
  }
  const [attached] = await scope
    .find(messages, sql`${messages.attachments} @> ${JSON.stringify([{ fileId }])}::jsonb`)
    .limit(1);
  const [imported] = await scope.find(contactImports, eq(contactImports.fileId, fileId)).limit(1);
  if (attached || imported)
    throw new AppError('conflict', 'file_in_use', 'The file is attached to a message or an import');
  await scope.delete(files, eq(files.id, fileId));
  await ctx.storage.remove(file.storageKey);
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
