import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Ctx } from '../context';
import { Scope } from '../db/scope';
import { contactImports, files } from '../db/schema';
import type { ImportPurpose } from '../modules/contacts/import/batch';
import { runImport } from '../modules/contacts/import/run';
import { createDraft } from '../modules/contacts/import/service';
import { exportContactsCsv } from '../modules/contacts/export';
import { contactListWhere } from '../modules/contacts/list-query';
import { segmentByName } from '../modules/contacts/segments/service';
import type { Workspace } from '../modules/workspaces/service';

const PURPOSES: readonly ImportPurpose[] = ['add', 'update', 'upsert', 'add_all'];

/** A one-line progress bar on stderr (redrawn in place on a terminal, one line per update otherwise). */
function progressBar(done: number, total: number): string {
  const width = 30;
  const filled = total > 0 ? Math.min(width, Math.round((done / total) * width)) : width;
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} rows`;
}

/**
 * `charla import contacts FILE`: the same draft → run path as the web wizard, with the auto-mapping,
 * run in this process (no job worker needed) and a progress bar on stderr. Returns the exit code.
 */
export async function importContactsCommand(
  ctx: Ctx,
  ws: Workspace,
  file: string,
  opts: { purpose?: string; doNotOverwrite: boolean },
): Promise<number> {
  const purpose = (opts.purpose ?? 'upsert') as ImportPurpose;
  if (!PURPOSES.includes(purpose)) throw new Error(`--purpose must be one of ${PURPOSES.join(', ')}`);
  const scope = new Scope(ctx.db, ws.id);
  const { run: draft } = await createDraft(ctx, scope, {
    name: path.basename(file),
    bytes: fs.readFileSync(file),
    userId: null,
  });
  const mapped = Object.entries(draft.mapping).map(([i, f]) => `${draft.headers[Number(i)]} → ${f}`);
  process.stderr.write(`Columns: ${mapped.join(', ') || 'none recognised'}\n`);
  await scope.update(
    contactImports,
    { status: 'queued', purpose, doNotOverwrite: opts.doNotOverwrite },
    eq(contactImports.id, draft.id),
  );
  const tty = process.stderr.isTTY;
  const run = await runImport(ctx, scope, draft.id, (r) => {
    process.stderr.write(`${tty ? '\r' : ''}${progressBar(r.processedRows, r.totalRows)}${tty ? '' : '\n'}`);
  });
  if (tty) process.stderr.write('\n');
  process.stdout.write(
    `Import ${run.id}: ${run.createdCount} created, ${run.updatedCount} updated, ${run.skippedCount} skipped, ${run.rejectedCount} rejected\n`,
  );
  if (run.rejectedFileId) {
    const report = path.resolve(`${file}.rejected.csv`);
    const f = await scope.first(files, eq(files.id, run.rejectedFileId));
    fs.writeFileSync(report, await ctx.storage.read(f!.storageKey));
    process.stdout.write(`Rejected and skipped rows with the reason: ${report}\n`);
  }
  return run.status === 'done' ? 0 : 1;
}

/**
 * `charla export contacts`: every live contact of the workspace (or those of --segment NAME and matching
 * --search) as CSV on stdout. Throws for an unknown segment name.
 */
export async function exportContactsCommand(
  ctx: Ctx,
  ws: Workspace,
  opts: { search?: string; segment?: string },
): Promise<void> {
  // The command line is the operator: it sees what an owner sees.
  const owner = {
    userId: 0,
    workspace: ws,
    role: 'owner' as const,
    accessLevel: 'all' as const,
    restrictions: [],
    teamIds: [],
  };
  const scope = new Scope(ctx.db, ws.id);
  const segment = opts.segment === undefined ? undefined : await segmentByName(scope, opts.segment);
  if (opts.segment !== undefined && !segment) throw new Error(`No segment named "${opts.segment}"`);
  const where = await contactListWhere(scope, owner, { search: opts.search, segmentId: segment?.id });
  for await (const chunk of exportContactsCsv(scope, where)) {
    if (!process.stdout.write(chunk)) await new Promise((r) => process.stdout.once('drain', r));
  }
}
