import { RUN_STATUSES, WORKFLOW_TEMPLATES, workflowDraftSchema } from '@charla/contracts/workflows';
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../context';
import { workflows } from '../../db/schema';
import { ANY_MEMBER, MANAGERS, memberOfRequest } from '../../http/access';
import type { App } from '../../http/types';
import { assertLive } from '../contacts/edit';
import { getContact } from '../contacts/service';
import { webhookSecretOf } from './incoming-webhook';
import { getRunTrace, listRuns } from './runs';
import {
  createWorkflow,
  deleteWorkflow,
  getWorkflow,
  loadWorkflow,
  listWorkflows,
  publishWorkflow,
  setWorkflowPaused,
  updateWorkflow,
} from './service';
import { startWorkflowFor } from './triggers';

const slugParams = z.object({ slug: z.string() });
const idParams = z.object({ slug: z.string(), id: z.coerce.number().int().positive() });
const runsQuery = z.object({
  status: z.enum(RUN_STATUSES).optional(),
  beforeId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

/** Managers and owners build workflows and read runs; every member can run a shortcut workflow. */
export function workflowRoutes(app: App, ctx: Ctx) {
  app.get('/api/w/:slug/workflows', { config: { access: MANAGERS }, schema: { params: slugParams } }, async (req) => {
    const { scope } = memberOfRequest(req);
    return { items: await listWorkflows(scope) };
  });

  app.post(
    '/api/w/:slug/workflows',
    {
      config: { access: MANAGERS },
      schema: {
        params: slugParams,
        body: z.union([z.object({ template: z.enum(WORKFLOW_TEMPLATES) }), z.object({ draft: workflowDraftSchema })]),
      },
    },
    async (req, reply) => {
      const { member, scope } = memberOfRequest(req);
      const input = 'template' in req.body ? { template: req.body.template, workspace: member.workspace } : req.body;
      return reply.status(201).send(await createWorkflow(scope, member.userId, input));
    },
  );

  app.get('/api/w/:slug/workflows/:id', { config: { access: MANAGERS }, schema: { params: idParams } }, async (req) => {
    const { scope } = memberOfRequest(req);
    return getWorkflow(scope, req.params.id);
  });

  app.put(
    '/api/w/:slug/workflows/:id',
    { config: { access: MANAGERS }, schema: { params: idParams, body: workflowDraftSchema } },
    async (req) => {
      const { scope } = memberOfRequest(req);
      return updateWorkflow(scope, req.params.id, req.body);
    },
  );

  app.post(
    '/api/w/:slug/workflows/:id/publish',
    { config: { access: MANAGERS }, schema: { params: idParams } },
    async (req) => {
      const { member, scope } = memberOfRequest(req);
      return publishWorkflow(scope, req.params.id, member.userId);
    },
  );

  app.post(
    '/api/w/:slug/workflows/:id/pause',
    { config: { access: MANAGERS }, schema: { params: idParams, body: z.object({ paused: z.boolean() }) } },
    async (req) => {
      const { scope } = memberOfRequest(req);
      return setWorkflowPaused(scope, req.params.id, req.body.paused);
    },
  );

  app.delete(
    '/api/w/:slug/workflows/:id',
    { config: { access: MANAGERS }, schema: { params: idParams } },
    async (req, reply) => {
      const { member, scope } = memberOfRequest(req);
      await deleteWorkflow(scope, req.params.id, member.userId);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/w/:slug/workflows/:id/runs',
    { config: { access: MANAGERS }, schema: { params: idParams, querystring: runsQuery } },
    async (req) => {
      const { scope } = memberOfRequest(req);
      await loadWorkflow(scope, req.params.id);
      return listRuns(scope, { workflowId: req.params.id, ...req.query });
    },
  );

  app.get(
    '/api/w/:slug/workflow-runs/:id',
    { config: { access: MANAGERS }, schema: { params: idParams } },
    async (req) => {
      const { scope } = memberOfRequest(req);
      return getRunTrace(scope, req.params.id);
    },
  );

  /** The incoming-webhook trigger's URL and signing secret (made on first read; `rotate` replaces it). */
  app.get(
    '/api/w/:slug/workflows/:id/webhook',
    { config: { access: MANAGERS }, schema: { params: idParams } },
    async (req) => webhookSecretOf(ctx, memberOfRequest(req).scope, req.params.id),
  );

  app.post(
    '/api/w/:slug/workflows/:id/webhook/rotate',
    { config: { access: MANAGERS }, schema: { params: idParams } },
    async (req) => webhookSecretOf(ctx, memberOfRequest(req).scope, req.params.id, true),
  );

  /** A contact's runs, for its activity timeline (any member who can see the contact). */
  app.get(
    '/api/w/:slug/contacts/:id/workflow-runs',
    { config: { access: ANY_MEMBER }, schema: { params: idParams } },
    async (req) => {
      const { member, scope } = memberOfRequest(req);
      const contact = await getContact(scope, member, req.params.id);
      return listRuns(scope, { contactId: contact.id, limit: 20 });
    },
  );

  /** The shortcut workflows an agent can run from the inbox. */
  app.get(
    '/api/w/:slug/workflow-shortcuts',
    { config: { access: ANY_MEMBER }, schema: { params: slugParams } },
    async (req) => {
      const { scope } = memberOfRequest(req);
      const rows = await scope.find(workflows, eq(workflows.status, 'published'), isNull(workflows.deletedAt));
      return { items: rows.filter((w) => w.trigger.type === 'shortcut').map((w) => ({ id: w.id, name: w.name })) };
    },
  );

  app.post(
    '/api/w/:slug/workflows/:id/run',
    {
      config: { access: ANY_MEMBER },
      schema: { params: idParams, body: z.object({ contactId: z.number().int().positive() }) },
    },
    async (req, reply) => {
      const { member, scope } = memberOfRequest(req);
      const contact = await getContact(scope, member, req.body.contactId);
      assertLive(contact);
      const [w] = await scope.find(workflows, and(eq(workflows.id, req.params.id), isNull(workflows.deletedAt)));
      if (!w || w.trigger.type !== 'shortcut')
        return reply.status(404).send({ code: 'not_found', message: 'Workflow not found' });
      const result = await scope.transaction((tx) =>
        startWorkflowFor(ctx, tx, w.id, contact.id, { type: 'shortcut', userId: member.userId }),
      );
      return reply.status(result.started ? 202 : 409).send(result);
    },
  );
}
