import type { StepOf } from '@charla/contracts/workflows';
import type { Ctx } from '../../../context';
import { BlockedTargetError, requestPublic } from '../../../lib/public-http';
import { resumeWithCallResult } from '../runs';
import type { StepExecutor } from '../step-context';
import { renderForRun } from './messaging';

export const WORKFLOW_HTTP_JOB = 'workflow.http';

interface HttpJob {
  workspaceId: number;
  runId: number;
  revision: number;
  request: { method: string; url: string; headers: Record<string, string>; body?: string; timeoutSeconds: number };
  mapping: StepOf<'http_request'>['mapping'];
}

/** `data.items.0.id` into a parsed JSON value; objects come back as JSON text. */
export function pick(value: unknown, path: string): string | undefined {
  let cur: unknown = value;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  if (cur === undefined || cur === null) return undefined;
  return typeof cur === 'object' ? JSON.stringify(cur) : String(cur);
}

/**
 * Renders the request and hands it to a job: the call happens outside the run's transaction (a slow
 * server must not hold the run locked), and its result resumes the run.
 */
export const httpRequestStep: StepExecutor<'http_request'> = async (rc, step) => {
  const headers: Record<string, string> = {};
  for (const h of step.headers) headers[h.name] = await renderForRun(rc, h.value);
  const body = step.body === undefined ? undefined : await renderForRun(rc, step.body);
  if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
    headers['Content-Type'] = 'application/json';
  const url = await renderForRun(rc, step.url);
  rc.jobs.push({
    name: WORKFLOW_HTTP_JOB,
    data: {
      request: { method: step.method, url, headers, body, timeoutSeconds: step.timeoutSeconds },
      mapping: step.mapping,
    },
  });
  return { wait: { kind: 'http', stepId: step.id }, detail: { method: step.method, url } };
};

export function defineHttpJob(ctx: Ctx) {
  ctx.jobs.define<HttpJob>({
    name: WORKFLOW_HTTP_JOB,
    retryLimit: 2,
    concurrency: 10,
    handler: async (job) => {
      let status: number | null = null;
      let error: string | undefined;
      const variables: Record<string, string> = {};
      try {
        const res = await requestPublic({
          method: job.request.method,
          url: job.request.url,
          headers: job.request.headers,
          body: job.request.method === 'GET' ? undefined : job.request.body,
          timeoutMs: job.request.timeoutSeconds * 1000,
          allowHosts: ctx.config.allowPrivateHosts,
        });
        status = res.status;
        if (job.mapping.length > 0) {
          try {
            const json = JSON.parse(res.body) as unknown;
            for (const m of job.mapping) {
              const v = pick(json, m.path);
              if (v !== undefined) variables[m.variable] = v;
            }
          } catch {
            error = 'the response is not JSON';
          }
        }
      } catch (err) {
        error = err instanceof BlockedTargetError ? `blocked: ${err.message}` : (err as Error).message;
      }
      await resumeWithCallResult(ctx, job, { status, error, variables });
    },
  });
}
