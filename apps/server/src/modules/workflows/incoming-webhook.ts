import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../context';
import { Scope } from '../../db/scope';
import { contacts, workflowRuns, workflows } from '../../db/schema';
import { AppError, invalid, notFound } from '../../http/errors';
import type { App } from '../../http/types';
import { randomToken } from '../../lib/crypto';
import { findByIdentifier, type ParsedIdentifier } from '../api-v2/identifier';
import { addIdentifier } from '../identity/identifiers';
import { normalizeIdentifier } from '../identity/normalize';
import { verifySignature } from '../webhooks/signing';
import { workspaceById } from '../workspaces/service';
import { loadWorkflow } from './service';
import { startWorkflowFor } from './triggers';

/**
 * The "incoming webhook" trigger: another system POSTs to `/hooks/workflows/{id}`, signed like Charla's
 * own outgoing webhooks (`X-Charla-Signature: t=…,v1=HMAC-SHA256(secret, "t.body")`, 5-minute window),
 * naming the contact as the developer API does (`id:…`, `email:…`, `phone:…`; an unknown email or phone
 * creates the contact). `variables` become the run's `$var.*`; `eventId` (or `X-Charla-Event-Id`)
 * makes a retried call start one run only.
 */
const hookBody = z.object({
  contact: z.string().min(3).max(320),
  firstName: z.string().max(100).optional(),
  lastName: z.string().max(100).optional(),
  variables: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
  eventId: z.string().min(1).max(200).optional(),
});

/** The workflow's webhook URL and secret (made on first request), for the builder's trigger panel. */
export async function webhookSecretOf(ctx: Ctx, scope: Scope, id: number, rotate = false) {
  const w = await loadWorkflow(scope, id);
  let secret = w.webhookSecret ? ctx.secrets.open(w.webhookSecret) : null;
  if (!secret || rotate) {
    secret = `whsec_${randomToken(24)}`;
    await scope.update(workflows, { webhookSecret: ctx.secrets.seal(secret) }, eq(workflows.id, id));
  }
  return { url: `${ctx.publicUrl()}/hooks/workflows/${id}`, secret };
}

function parseContact(raw: string, defaultCountry: string | null): ParsedIdentifier {
  const colon = raw.indexOf(':');
  const kind = raw.slice(0, colon);
  const value = raw.slice(colon + 1).trim();
  if (kind === 'id' && /^\d{1,15}$/.test(value)) return { kind: 'id', id: Number(value) };
  if (kind === 'email' || kind === 'phone') {
    const n = normalizeIdentifier(kind, value, defaultCountry);
    if (!n.ok) throw invalid(`invalid_${kind}`, n.reason);
    return { kind, raw: value, key: n.key };
  }
  throw invalid('invalid_identifier', '`contact` must be `id:<number>`, `email:<address>` or `phone:<number>`');
}

async function contactFor(
  scope: Scope,
  parsed: ParsedIdentifier,
  body: z.infer<typeof hookBody>,
  country: string | null,
) {
  const found = await findByIdentifier(scope, parsed);
  if (found) return found;
  if (parsed.kind === 'id') throw notFound('Contact');
  const [created] = await scope
    .insert(contacts, { firstName: body.firstName ?? null, lastName: body.lastName ?? null })
    .returning();
  await addIdentifier(scope, created!.id, { kind: parsed.kind, raw: parsed.raw, source: 'api' }, country);
  return created!;
}

export function incomingWebhookRoutes(app: App, ctx: Ctx) {
  app.register(async (scoped) => {
    scoped.removeAllContentTypeParsers();
    scoped.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 256 * 1024 }, (_req, body, done) =>
      done(null, body),
    );
    scoped.post(
      '/hooks/workflows/:workflowId',
      {
        config: { access: 'webhook' },
        schema: { params: z.object({ workflowId: z.coerce.number().int().positive() }) },
      },
      async (req, reply) => {
        const { workflowId } = req.params as { workflowId: number };
        // The workflow names its workspace: one lookup across workspaces, by primary key.
        const [w] = await ctx.db
          .select()
          .from(workflows)
          .where(and(eq(workflows.id, workflowId), isNull(workflows.deletedAt)));
        const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
        const header = String(req.headers['x-charla-signature'] ?? '');
        const secret = w?.webhookSecret ? ctx.secrets.open(w.webhookSecret) : null;
        // Unknown workflow and bad signature look the same: ids are not probed.
        if (!w || !secret || !header || !verifySignature(secret, raw, header))
          return reply
            .status(401)
            .send({ code: 'invalid_signature', message: 'Missing or invalid X-Charla-Signature' });
        if (w.trigger.type !== 'incoming_webhook')
          throw new AppError('conflict', 'not_a_webhook_workflow', 'This workflow is not started by a webhook');
        let json: unknown;
        try {
          json = JSON.parse(raw);
        } catch {
          throw invalid('invalid_json', 'The body is not valid JSON');
        }
        const parsed = hookBody.safeParse(json);
        if (!parsed.success) throw invalid('validation_failed', parsed.error.issues.map((i) => i.message).join('; '));
        const body = parsed.data;
        const eventId = body.eventId ?? (req.headers['x-charla-event-id'] as string | undefined);
        const scope = new Scope(ctx.db, w.workspaceId);
        const ws = await workspaceById(ctx.db, w.workspaceId);
        const result = await scope.transaction(async (tx) => {
          if (eventId) {
            const [seen] = await tx.find(
              workflowRuns,
              eq(workflowRuns.workflowId, w.id),
              sql`${workflowRuns.trigger}->>'eventId' = ${eventId}`,
            );
            if (seen) return { duplicate: true as const, runId: seen.id };
          }
          const contact = await contactFor(
            tx,
            parseContact(body.contact, ws!.defaultCountry),
            body,
            ws!.defaultCountry,
          );
          const variables = Object.fromEntries(Object.entries(body.variables).map(([k, v]) => [k, String(v)]));
          return startWorkflowFor(
            ctx,
            tx,
            w.id,
            contact.id,
            { type: 'incoming_webhook', ...(eventId ? { eventId } : {}) },
            variables,
          );
        });
        if ('duplicate' in result) return reply.status(200).send(result);
        return reply.status(result.started ? 202 : 409).send(result);
      },
    );
  });
}
