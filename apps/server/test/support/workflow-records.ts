import type { Ctx } from '../../src/context';
import type { Scope } from '../../src/db/scope';
import { createWorkflow, publishWorkflow } from '../../src/modules/workflows/service';
import { startWorkflowFor } from '../../src/modules/workflows/triggers';

/** A published shortcut workflow and one (harmless: it only waits a day) run of it for `contactId`. */
export async function workflowRecords(ctx: Ctx, scope: Scope, contactId: number) {
  const wf = await createWorkflow(scope, null, {
    draft: {
      name: 'Probe workflow',
      trigger: { type: 'shortcut' },
      settings: { oncePerContact: false, maxJumps: 50 },
      graph: { start: 'w', steps: [{ id: 'w', type: 'wait', amount: 1, unit: 'days', next: null }], layout: {} },
    },
  });
  await publishWorkflow(scope, wf.id, null);
  const run = await scope.transaction((tx) => startWorkflowFor(ctx, tx, wf.id, contactId, { type: 'shortcut' }));
  if (!run.started) throw new Error(`probe run not started: ${run.reason}`);
  return { workflow: wf.id, workflowRun: run.runId };
}
