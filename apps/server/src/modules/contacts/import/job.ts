import type { Ctx } from '../../../context';
import { Scope } from '../../../db/scope';
import { runImport } from './run';
import { IMPORT_JOB } from './service';

/** The background run of a confirmed import (queued by `startImport`); one at a time per process. */
export function defineImportJob(ctx: Ctx) {
  ctx.jobs.define<{ workspaceId: number; importId: number }>({
    name: IMPORT_JOB,
    batchSize: 1,
    concurrency: 1,
    retryLimit: 3,
    // A 200,000-row file takes a while on the embedded database.
    expireInSeconds: 3600,
    handler: async ({ workspaceId, importId }) => {
      await runImport(ctx, new Scope(ctx.db, workspaceId), importId);
    },
  });
}
