import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../context';
import type { Scope } from '../../db/scope';
import { files, memberships } from '../../db/schema';
import { notFound } from '../../http/errors';

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

export async function listFiles(scope: Scope) {
  return (await scope.find(files).orderBy(desc(files.id)).limit(200)).map(serializeFile);
}

/** A file the user may read: it must belong to a workspace the user is a member of. */
export async function fileForUser(ctx: Ctx, userId: number, fileId: number): Promise<{ file: FileRow; bytes: Buffer }> {
  const [row] = await ctx.db
    .select({ file: files })
    .from(files)
    .innerJoin(memberships, and(eq(memberships.workspaceId, files.workspaceId), eq(memberships.userId, userId)))
    .where(eq(files.id, fileId));
  if (!row) throw notFound('File');
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
