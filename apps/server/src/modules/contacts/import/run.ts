import { eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../../context';
import type { Scope } from '../../../db/scope';
import { contactImports, files, workspaces } from '../../../db/schema';
import { saveFile } from '../../files/service';
import { listCustomFields } from '../custom-fields';
import { applyBatch } from './batch';
import { csvLine, csvRows } from './csv';
import { type ImportRow, readRow } from './row';

export type ContactImport = typeof contactImports.$inferSelect;

/** Rows per transaction: big enough for set-based statements to pay off, small enough to show progress. */
export const IMPORT_BATCH = 1000;

export const serializeImport = (i: ContactImport) => ({
  id: i.id,
  status: i.status,
  purpose: i.purpose,
  encoding: i.encoding,
  doNotOverwrite: i.doNotOverwrite,
  headers: i.headers,
  mapping: i.mapping,
  totalRows: i.totalRows,
  processedRows: i.processedRows,
  created: i.createdCount,
  updated: i.updatedCount,
  skipped: i.skippedCount,
  rejected: i.rejectedCount,
  rejectedFileUrl: i.rejectedFileId ? `/api/files/${i.rejectedFileId}` : null,
  error: i.error,
  createdAt: i.createdAt.toISOString(),
  finishedAt: i.finishedAt?.toISOString() ?? null,
});

/**
 * Runs a confirmed import to the end: streams the file, reads and dedupes rows in JS, applies them in
 * batches of IMPORT_BATCH (each batch and the run's counts commit together), then stores the report of
 * rejected and skipped rows in Files. A retried run resumes after the rows already committed (their
 * within-file duplicates are found again because every row is re-read; purpose skips of the earlier
 * attempt are counted but no longer listed in the report).
 */
export async function runImport(
  ctx: Ctx,
  scope: Scope,
  importId: number,
  onProgress: (run: ContactImport) => void = () => {},
): Promise<ContactImport> {
  const found = await scope.first(contactImports, eq(contactImports.id, importId));
  if (!found || found.status === 'done' || found.status === 'draft') return found!;
  const [ws] = await scope.unscopedDb.select().from(workspaces).where(eq(workspaces.id, scope.workspaceId));
  const file = await scope.first(files, eq(files.id, found.fileId));
  let run = (
    await scope.update(contactImports, { status: 'running', error: null }, eq(contactImports.id, importId)).returning()
  )[0]!;
  try {
    const defs = new Map((await listCustomFields(scope)).map((f) => [f.key, f]));
    const seen = new Map<string, number>();
    // Sorted by line at the end: a batch's purpose skips arrive while the next batch's rows are being read.
    const report: { line: number; text: string }[] = [];
    const reject = (line: number, cells: string[], reason: string) =>
      report.push({ line, text: csvLine([...cells, line, reason]) });
    let index = -1;
    let batch: ImportRow[] = [];
    let pendingRejected = 0;
    let batches = 0;
    const apply = async (rows: ImportRow[], rejected: number) => {
      // The tables grow fast during an import (and PGlite has no autovacuum): without fresh statistics the
      // planner keeps the plans of a small table and the key lookups turn into scans that grow per batch
      // (measured: 4 s per batch after 10,000 rows). Re-analysed whenever the import has doubled them.
      const n = batches++;
      if ((n & (n - 1)) === 0) await scope.unscopedDb.execute(sql`analyze contact_identifiers, contacts`);
      run = await scope.transaction(async (tx) => {
        const out = await applyBatch(tx, rows, { purpose: found.purpose, doNotOverwrite: found.doNotOverwrite });
        for (const s of out.skipped) reject(s.row.line, s.row.cells, s.reason);
        const [next] = await tx
          .update(
            contactImports,
            {
              processedRows: run.processedRows + rows.length + rejected,
              createdCount: run.createdCount + out.created,
              updatedCount: run.updatedCount + out.updated,
              skippedCount: run.skippedCount + out.skipped.length,
              rejectedCount: run.rejectedCount + rejected,
            },
            eq(contactImports.id, importId),
          )
          .returning();
        return next!;
      });
      publishProgress(ctx, run);
      onProgress(run);
    };
    // One batch is written while the next is read and normalized (the JS half of the work overlaps the
    // database half); batches still commit one after the other, in file order.
    let inFlight: Promise<void> = Promise.resolve();
    const flush = async () => {
      await inFlight;
      const rows = batch;
      const rejected = pendingRejected;
      batch = [];
      pendingRejected = 0;
      inFlight = apply(rows, rejected);
      // Marked handled here; the failure is thrown by the next `await inFlight`.
      inFlight.catch(() => {});
    };
    const alreadyDone = found.processedRows;
    for await (const cells of csvRows(await ctx.storage.read(file!.storageKey), found.encoding)) {
      index++;
      if (index === 0) continue; // the header
      const line = index + 1;
      const read = readRow(line, cells, found.mapping, defs, ws?.defaultCountry ?? null);
      const duplicateOf = read.ok && found.purpose !== 'add_all' ? firstSeen(seen, read.row) : undefined;
      if (index <= alreadyDone) continue;
      if (!read.ok) {
        reject(line, cells, read.reason);
        pendingRejected++;
      } else if (duplicateOf !== undefined) {
        reject(line, cells, `same phone or email as line ${duplicateOf}`);
        pendingRejected++;
      } else batch.push(read.row);
      if (batch.length + pendingRejected >= IMPORT_BATCH) await flush();
    }
    if (batch.length + pendingRejected > 0) await flush();
    await inFlight;
    const reportFile =
      report.length > 0
        ? await saveFile(ctx, scope, {
            name: `import-${importId}-rejected.csv`,
            mime: 'text/csv',
            bytes: Buffer.from(
              `\uFEFF${csvLine([...found.headers, 'line', 'reason'])}${report
                .sort((a, b) => a.line - b.line)
                .map((r) => r.text)
                .join('')}`,
              'utf8',
            ),
            source: 'upload',
            createdBy: found.createdBy ?? undefined,
          })
        : null;
    run = (
      await scope
        .update(
          contactImports,
          { status: 'done', rejectedFileId: reportFile?.id ?? null, finishedAt: new Date() },
          eq(contactImports.id, importId),
        )
        .returning()
    )[0]!;
  } catch (err) {
    run = (
      await scope
        .update(contactImports, { status: 'failed', error: (err as Error).message }, eq(contactImports.id, importId))
        .returning()
    )[0]!;
    throw err;
  } finally {
    publishProgress(ctx, run);
    onProgress(run);
  }
  return run;
}

/** The import's counts, pushed to the wizard of everyone who may import (owners and managers), after each batch. */
const publishProgress = (ctx: Ctx, run: ContactImport) =>
  ctx.realtime.publishToManagers(run.workspaceId, 'contact-import.progress', serializeImport(run));

/** The line of an earlier row with the same phone or email key; records this row's keys otherwise. */
function firstSeen(seen: Map<string, number>, row: ImportRow): number | undefined {
  const keys = [row.phone && `phone:${row.phone.key}`, row.email && `email:${row.email.key}`].filter(
    (k): k is string => !!k,
  );
  for (const k of keys) {
    const line = seen.get(k);
    if (line !== undefined) return line;
  }
  for (const k of keys) seen.set(k, row.line);
  return undefined;
}
