/**
 * Workflow engine benchmark (not a test; never run by `npm test`). See bench/README.md. Boots the server
 * library in this process with its job workers, starts N runs at once (10,000 by default) of a workflow
 * that tags the contact, branches on a field, waits on a durable timer, sets a field and ends, and reads
 * the figures back from the runs and their traces.
 *
 *   npx tsx bench/workflows.ts                                                      # embedded PGlite
 *   npx tsx bench/workflows.ts --database postgres://postgres@127.0.0.1:5432/postgres  # fresh PostgreSQL db
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { workflowDraftSchema } from '@charla/contracts/workflows';
import { sql } from 'drizzle-orm';
import { Scope } from '../apps/server/src/db/scope';
import { contacts } from '../apps/server/src/db/schema';
import { createUser } from '../apps/server/src/modules/auth/service';
import { startRun } from '../apps/server/src/modules/workflows/runs';
import { createWorkflow, loadWorkflow, publishWorkflow } from '../apps/server/src/modules/workflows/service';
import { createWorkspace } from '../apps/server/src/modules/workspaces/service';
import { bootInProcess } from './lib/in-process';

const { values } = parseArgs({
  options: {
    database: { type: 'string' },
    runs: { type: 'string', default: '10000' },
    'wait-seconds': { type: 'string', default: '20' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  process.stdout.write(
    'Usage: npx tsx bench/workflows.ts [--database URL] [--runs N (default 10000)] [--wait-seconds S (default 20)]\n',
  );
  process.exit(0);
}

const out = (line: string) => process.stdout.write(`${line}\n`);
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

async function main() {
  const runs = Number(values.runs);
  const waitSeconds = Number(values['wait-seconds']);
  const server = await bootInProcess('workflows', { database: values.database, work: true });
  const { rt } = server;
  try {
    const { ctx } = rt;
    out(`Charla workflows bench — ${server.machine}`);
    const owner = await createUser(ctx, { email: 'bench@charla.test', name: 'Bench' });
    const ws = await createWorkspace(ctx.db, { slug: 'bench', name: 'Bench', ownerUserId: owner.id });
    const scope = new Scope(ctx.db, ws.id);
    for (let i = 0; i < runs; i += 1000) {
      const n = Math.min(1000, runs - i);
      await scope.insert(
        contacts,
        Array.from({ length: n }, (_, k) => ({ firstName: `Bench ${i + k}` })),
      );
    }
    const ids = (await scope.find(contacts)).map((c) => c.id);
    const wf = await createWorkflow(scope, owner.id, {
      draft: workflowDraftSchema.parse({
        name: 'Bench',
        trigger: { type: 'manual' },
        graph: {
          start: 'tag',
          steps: [
            { id: 'tag', type: 'update_tag', action: 'add', tags: ['bench'], next: 'branch' },
            {
              id: 'branch',
              type: 'branch',
              branches: [
                {
                  match: 'all',
                  conditions: [{ subject: 'field', field: 'first_name', operator: 'exists' }],
                  next: 'wait',
                },
              ],
              else: null,
            },
            { id: 'wait', type: 'wait', amount: waitSeconds, unit: 'seconds', next: 'field' },
            { id: 'field', type: 'update_field', field: 'last_name', value: 'Done', next: null },
          ],
        },
      }),
    });
    const versionId =
      (await publishWorkflow(scope, wf.id, owner.id)) && (await loadWorkflow(scope, wf.id)).publishedVersionId!;

    // Start every run at once (in transactions of 500 starts), then watch them drain.
    const t0 = performance.now();
    for (let i = 0; i < ids.length; i += 500) {
      await scope.transaction(async (tx) => {
        for (const id of ids.slice(i, i + 500))
          await startRun(ctx, tx, {
            workflowId: wf.id,
            versionId,
            oncePerContact: false,
            contactId: id,
            conversationId: null,
            trigger: { type: 'manual' },
          });
      });
    }
    const startedIn = performance.now() - t0;
    out(
      `start      ${runs} runs queued in ${(startedIn / 1000).toFixed(1)} s (${Math.round(runs / (startedIn / 1000))} starts/s)`,
    );
    const count = async (status: string) =>
      Number(
        (
          (await ctx.db.execute(
            sql`select count(*)::int as n from workflow_runs where workflow_id = ${wf.id} and status = ${status}`,
          )) as unknown as { rows: { n: number }[] }
        ).rows[0]!.n,
      );
    let waitingPeak = 0;
    for (;;) {
      const [waiting, done] = [await count('waiting'), await count('completed')];
      waitingPeak = Math.max(waitingPeak, waiting);
      if (done === runs) break;
      if (performance.now() - t0 > 30 * 60_000) throw new Error(`only ${done} of ${runs} runs completed in 30 min`);
      await new Promise((r) => setTimeout(r, 500));
    }
    const total = (performance.now() - t0) / 1000;
    const { rows } = (await ctx.db.execute(sql`
      select extract(epoch from (s.created_at - r.started_at)) * 1000 as ms
      from workflow_runs r join workflow_run_steps s on s.run_id = r.id and s.outcome = 'started'
      where r.workflow_id = ${wf.id}`)) as unknown as { rows: { ms: number }[] };
    const latencies = rows.map((r) => Number(r.ms)).sort((a, b) => a - b);
    // Throughput from the trace's own timestamps: phase 1 runs tag, branch and wait for every run; phase 2
    // resumes every timer and sets the field.
    const { rows: phases } = (await ctx.db.execute(sql`
      select
        extract(epoch from max(s.created_at) filter (where s.step_id = 'wait' and s.outcome = 'waiting')
          - min(s.created_at) filter (where s.outcome = 'started')) as p1,
        extract(epoch from max(s.created_at) filter (where s.step_id = 'field')
          - min(s.created_at) filter (where s.outcome = 'resumed')) as p2
      from workflow_run_steps s join workflow_runs r on r.id = s.run_id
      where r.workflow_id = ${wf.id}`)) as unknown as { rows: { p1: number; p2: number }[] };
    const p1 = Math.max(Number(phases[0]!.p1), 0.001);
    const p2 = Math.max(Number(phases[0]!.p2), 0.001);
    out(`runs       ${runs} completed in ${total.toFixed(1)} s; ${waitingPeak} waited on the timer at once`);
    out(
      `run start  latency (run stored → first step) p50 ${pct(latencies, 0.5).toFixed(0)} ms, p95 ${pct(latencies, 0.95).toFixed(0)} ms, p99 ${pct(latencies, 0.99).toFixed(0)} ms, max ${latencies.at(-1)!.toFixed(0)} ms`,
    );
    out(`steps      phase 1 (tag, branch, wait): ${Math.round((runs * 3) / p1)} steps/s over ${p1.toFixed(1)} s`);
    out(`steps      phase 2 (timer fires, set field): ${Math.round((runs * 2) / p2)} steps/s over ${p2.toFixed(1)} s`);
  } finally {
    await server.close();
  }
}

main().catch((err) => {
  process.stderr.write(
    `${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n${(err as { cause?: Error })?.cause?.message ?? ''}\n`,
  );
  process.exit(1);
});
