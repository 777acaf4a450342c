import type { Ctx } from '../../../context';
import { appendSheetRow } from '../../integrations/google-sheets';
import { workspaceById } from '../../workspaces/service';
import { resumeWithCallResult } from '../runs';
import type { StepExecutor } from '../step-context';
import { renderForRun } from './messaging';

export const WORKFLOW_SHEETS_JOB = 'workflow.sheets';

interface SheetsJob {
  workspaceId: number;
  runId: number;
  revision: number;
  row: { spreadsheetId: string; range: string; values: string[] };
}

/** Like an HTTP request: the call runs in its own job, and its result resumes the run. */
export const googleSheetsRowStep: StepExecutor<'google_sheets_row'> = async (rc, step) => {
  const values: string[] = [];
  for (const v of step.values) values.push(await renderForRun(rc, v));
  rc.jobs.push({
    name: WORKFLOW_SHEETS_JOB,
    data: { row: { spreadsheetId: step.spreadsheetId, range: step.range, values } },
  });
  return { wait: { kind: 'http', stepId: step.id }, detail: { spreadsheetId: step.spreadsheetId, range: step.range } };
};

export function defineSheetsJob(ctx: Ctx) {
  ctx.jobs.define<SheetsJob>({
    name: WORKFLOW_SHEETS_JOB,
    retryLimit: 2,
    concurrency: 5,
    handler: async (job) => {
      let status: number | null = null;
      let error: string | undefined;
      try {
        const ws = await workspaceById(ctx.db, job.workspaceId);
        if (!ws) return;
        status = await appendSheetRow(ctx, ws, job.row);
      } catch (err) {
        error = (err as Error).message;
      }
      await resumeWithCallResult(ctx, job, { status, error });
    },
  });
}
