import type { CsvEncoding } from '@charla/contracts';
import { desc, eq } from 'drizzle-orm';
import type { Ctx } from '../../../context';
import type { Scope } from '../../../db/scope';
import { contactImports, files, type ImportMapping } from '../../../db/schema';
import { AppError, invalid, notFound } from '../../../http/errors';
import { saveFile } from '../../files/service';
import { listCustomFields } from '../custom-fields';
import type { ImportPurpose } from './batch';
import { csvPreview, detectEncoding } from './csv';
import { autoMap, checkMapping } from './mapping';
import type { ContactImport } from './run';

export const IMPORT_JOB = 'contacts.import';
/** Largest accepted file: 200,000 rows of a dozen columns fit with room to spare. */
export const IMPORT_MAX_BYTES = 100 * 1024 * 1024;

/**
 * Stores an uploaded CSV in Files and creates a draft import with the header, a sample and the
 * auto-mapping, for the wizard's mapping and review steps.
 */
export async function createDraft(
  ctx: Ctx,
  scope: Scope,
  input: { name: string; bytes: Buffer; userId: number | null },
) {
  const encoding = detectEncoding(input.bytes);
  const preview = await csvPreview(input.bytes, encoding);
  if (preview.headers.length === 0) throw invalid('empty_csv', 'The file has no header row');
  const file = await saveFile(ctx, scope, {
    name: input.name,
    mime: 'text/csv',
    bytes: input.bytes,
    source: 'upload',
    createdBy: input.userId ?? undefined,
  });
  const mapping = autoMap(preview.headers, await listCustomFields(scope));
  const [row] = await scope
    .insert(contactImports, {
      fileId: file.id,
      encoding,
      headers: preview.headers,
      mapping,
      totalRows: preview.rows,
      createdBy: input.userId,
    })
    .returning();
  return { run: row!, sample: preview.sample };
}

/**
 * Reads a draft's file again in another encoding (the wizard's override when the detection guessed
 * wrong): headers, sample, row count and auto-mapping are redone from the stored file.
 */
export async function setDraftEncoding(ctx: Ctx, scope: Scope, id: number, encoding: CsvEncoding) {
  const draft = await getImport(scope, id);
  if (draft.status !== 'draft') throw new AppError('conflict', 'import_started', 'This import already started');
  const file = await scope.first(files, eq(files.id, draft.fileId));
  if (!file) throw notFound('File');
  const preview = await csvPreview(await ctx.storage.read(file.storageKey), encoding);
  const [run] = await scope
    .update(
      contactImports,
      {
        encoding,
        headers: preview.headers,
        totalRows: preview.rows,
        mapping: autoMap(preview.headers, await listCustomFields(scope)),
      },
      eq(contactImports.id, id),
    )
    .returning();
  return { run: run!, sample: preview.sample };
}

export async function getImport(scope: Scope, id: number): Promise<ContactImport> {
  const row = await scope.first(contactImports, eq(contactImports.id, id));
  if (!row) throw notFound('Import');
  return row;
}

export const listImports = (scope: Scope) => scope.find(contactImports).orderBy(desc(contactImports.id)).limit(20);

/** Confirms a draft's mapping and options and queues the run (in the same transaction). */
export async function startImport(
  ctx: Ctx,
  scope: Scope,
  id: number,
  opts: { mapping: ImportMapping; purpose: ImportPurpose; doNotOverwrite: boolean },
): Promise<ContactImport> {
  return scope.transaction(async (tx, db) => {
    const [draft] = await tx.find(contactImports, eq(contactImports.id, id)).for('update');
    if (!draft) throw notFound('Import');
    if (draft.status !== 'draft') throw new AppError('conflict', 'import_started', 'This import already started');
    checkMapping(opts.mapping, draft.headers, await listCustomFields(tx));
    const [run] = await tx.update(contactImports, { ...opts, status: 'queued' }, eq(contactImports.id, id)).returning();
    await ctx.jobs.send(
      IMPORT_JOB,
      { workspaceId: tx.workspaceId, importId: id },
      { tx: db, singletonKey: `import:${id}` },
    );
    return run!;
  });
}
