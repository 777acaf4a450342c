import { z } from 'zod';

/**
 * A workflow: one trigger and a graph of steps. The same schema validates the builder's forms, the API
 * that saves drafts and the engine that runs published versions, so what the builder accepts is exactly
 * what runs.
 */

export const stepIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'Step ids are 1–40 letters, digits, "-" or "_"');
export type StepId = z.infer<typeof stepIdSchema>;

/** The step to go to next; absent or null ends the run there. */
const next = stepIdSchema.nullable().optional();

const text = (max = 4096) => z.string().trim().min(1).max(max);

export const CONVERSATION_SOURCES = ['contact', 'user', 'workflow', 'api'] as const;

export const triggerSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('conversation_opened'),
    sources: z.array(z.enum(CONVERSATION_SOURCES)).min(1).default(['contact']),
  }),
  z.object({ type: z.literal('conversation_closed'), categories: z.array(z.string()).default([]) }),
  /** Empty `tags` = any tag. */
  z.object({
    type: z.literal('contact_tag_updated'),
    action: z.enum(['added', 'removed']).default('added'),
    tags: z.array(z.string()).default([]),
  }),
  z.object({ type: z.literal('contact_field_updated'), fields: z.array(z.string().min(1)).min(1) }),
  /** An agent runs it from the inbox. */
  z.object({ type: z.literal('shortcut') }),
  /** A signed POST to the workflow's webhook URL. */
  z.object({ type: z.literal('incoming_webhook') }),
  /** Started by another workflow's "Trigger another workflow" step. */
  z.object({ type: z.literal('manual') }),
  /** A contact replied to a broadcast; empty `broadcastIds` = any broadcast (saved versions without it too). */
  z.object({ type: z.literal('broadcast_reply'), broadcastIds: z.array(z.number().int().positive()).default([]) }),
]);
export type WorkflowTrigger = z.infer<typeof triggerSchema>;
export type TriggerType = WorkflowTrigger['type'];
export const TRIGGER_TYPES = triggerSchema.options.map((o) => o.shape.type.value) as TriggerType[];

export const QUESTION_TYPES = [
  'text',
  'multiple_choice',
  'number',
  'date',
  'phone',
  'email',
  'url',
  'rating',
  'location',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const DATE_FORMATS = ['DD/MM/YYYY', 'MM/DD/YYYY', 'YYYY-MM-DD'] as const;

/** Where an answer (or a mapped HTTP value) is kept: a contact field (`email`, `phone`, a custom key…), a run variable or a tag. */
export const saveTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('field'), field: z.string().min(1) }),
  z.object({ kind: z.literal('variable'), name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,39}$/) }),
  z.object({ kind: z.literal('tag') }),
]);

const fieldOperators = [
  'exists',
  'not_exists',
  'equals',
  'not_equals',
  'contains',
  'not_contains',
  'greater_than',
  'less_than',
] as const;
export const FIELD_OPERATORS = fieldOperators;

export const conditionSchema = z.discriminatedUnion('subject', [
  z.object({
    subject: z.literal('field'),
    field: z.string().min(1),
    operator: z.enum(fieldOperators),
    value: z.string().optional(),
  }),
  z.object({
    subject: z.literal('variable'),
    name: z.string().min(1),
    operator: z.enum(fieldOperators),
    value: z.string().optional(),
  }),
  z.object({ subject: z.literal('tag'), operator: z.enum(['has', 'not_has']), tag: z.string().min(1) }),
  z.object({
    subject: z.literal('assignee'),
    operator: z.enum(['assigned', 'unassigned', 'online', 'not_online']),
  }),
  z.object({ subject: z.literal('channel'), operator: z.enum(['is', 'is_not']), channelType: z.string().min(1) }),
  z.object({
    subject: z.literal('last_message'),
    operator: z.enum(['equals', 'contains', 'not_contains', 'starts_with']),
    value: z.string(),
  }),
]);
export type WorkflowCondition = z.infer<typeof conditionSchema>;

const weekdaySchema = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

const stepBase = { id: stepIdSchema, label: z.string().max(80).optional() };

export const stepSchema = z.discriminatedUnion('type', [
  z.object({
    ...stepBase,
    type: z.literal('send_message'),
    text: text(),
    /** Quick-reply buttons where the channel has them; numbered options in the text elsewhere. */
    buttons: z.array(text(20)).max(10).default([]),
    next,
  }),
  z.object({
    ...stepBase,
    type: z.literal('ask_question'),
    text: text(),
    questionType: z.enum(QUESTION_TYPES),
    choices: z.array(text(60)).max(10).default([]),
    min: z.number().optional(),
    max: z.number().optional(),
    dateFormat: z.enum(DATE_FORMATS).default('DD/MM/YYYY'),
    invalidMessage: z.string().max(1024).optional(),
    /** How many times an invalid answer is asked again before the `onInvalid` branch. */
    maxAttempts: z.number().int().min(0).max(10).default(2),
    timeoutMinutes: z
      .number()
      .int()
      .min(1)
      .max(60 * 24 * 30)
      .optional(),
    saveTo: saveTargetSchema.default({ kind: 'none' }),
    next,
    onInvalid: next,
    onTimeout: next,
  }),
  z.object({
    ...stepBase,
    type: z.literal('assign'),
    target: z.enum(['user', 'team', 'workspace', 'unassign']),
    userId: z.number().int().positive().optional(),
    teamId: z.number().int().positive().optional(),
    strategy: z.enum(['round_robin', 'least_open']).default('round_robin'),
    onlyOnline: z.boolean().default(true),
    /** Members at this many open conversations are skipped. */
    maxOpen: z.number().int().min(1).max(1000).optional(),
    /** Told to the contact when nobody is available and they wait in the queue. */
    queueMessage: z.string().max(1024).optional(),
    timeoutMinutes: z
      .number()
      .int()
      .min(1)
      .max(60 * 24 * 7)
      .optional(),
    next,
    onTimeout: next,
  }),
  z.object({
    ...stepBase,
    type: z.literal('branch'),
    branches: z
      .array(
        z.object({
          label: z.string().max(60).optional(),
          match: z.enum(['all', 'any']).default('all'),
          conditions: z.array(conditionSchema).min(1).max(10),
          next,
        }),
      )
      .min(1)
      .max(9),
    else: next,
  }),
  z.object({
    ...stepBase,
    type: z.literal('update_tag'),
    action: z.enum(['add', 'remove']),
    tags: z.array(z.string().trim().min(1).max(60)).min(1).max(20),
    next,
  }),
  z.object({
    ...stepBase,
    type: z.literal('update_field'),
    field: z.string().min(1),
    /** Variables allowed; empty clears the field. */
    value: z.string().max(1024),
    next,
  }),
  z.object({ ...stepBase, type: z.literal('update_lifecycle'), stage: z.string().trim().min(1).max(60), next }),
  z.object({ ...stepBase, type: z.literal('open_conversation'), next }),
  z.object({
    ...stepBase,
    type: z.literal('close_conversation'),
    category: z.string().max(80).optional(),
    summary: z.string().max(1024).optional(),
    /** Clears a bot pause, so the next conversation is automated again. */
    resumeBot: z.boolean().default(false),
    next,
  }),
  z.object({ ...stepBase, type: z.literal('add_comment'), text: text(), next }),
  z.object({ ...stepBase, type: z.literal('block_contact'), next }),
  z.object({ ...stepBase, type: z.literal('jump'), to: stepIdSchema }),
  z.object({
    ...stepBase,
    type: z.literal('wait'),
    amount: z.number().int().min(1).max(100000),
    unit: z.enum(['seconds', 'minutes', 'hours', 'days']),
    next,
  }),
  z.object({
    ...stepBase,
    type: z.literal('date_time'),
    /** `workspace`: Settings → Business hours; `weekly`: the hours below; `ranges`: the date ranges below. */
    mode: z.enum(['workspace', 'weekly', 'ranges']),
    timezone: z.string().optional(),
    weekly: z
      .array(z.object({ day: weekdaySchema, from: hhmm, to: hhmm }))
      .max(21)
      .default([]),
    /** Local date-times `YYYY-MM-DDTHH:MM` in the step's time zone. */
    ranges: z
      .array(
        z.object({
          from: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/),
          to: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/),
        }),
      )
      .max(20)
      .default([]),
    next,
    else: next,
  }),
  z.object({
    ...stepBase,
    type: z.literal('http_request'),
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
    url: z.string().trim().min(1).max(2048),
    headers: z
      .array(z.object({ name: z.string().trim().min(1).max(100), value: z.string().max(2048) }))
      .max(10)
      .default([]),
    body: z.string().max(20000).optional(),
    timeoutSeconds: z.number().int().min(1).max(30).default(10),
    /** `path` into the JSON response (`data.items.0.id`) → a run variable. */
    mapping: z
      .array(
        z.object({ path: z.string().min(1).max(200), variable: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,39}$/) }),
      )
      .max(20)
      .default([]),
    next,
    onError: next,
  }),
  z.object({ ...stepBase, type: z.literal('trigger_workflow'), workflowId: z.number().int().positive(), next }),
  /** Appends a row to a Google Sheet (credentials in Settings → Integrations → Google Sheets). */
  z.object({
    ...stepBase,
    type: z.literal('google_sheets_row'),
    spreadsheetId: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{10,100}$/, 'The id in the sheet’s URL'),
    /** A sheet name or A1 range (`Hoja 1`, `Leads!A:F`). */
    range: z.string().trim().min(1).max(100),
    /** One cell per value, variables allowed. */
    values: z.array(z.string().max(5000)).min(1).max(26),
    next,
    onError: next,
  }),
  /**
   * Answers the contact's messages from the knowledge matrix (through the workspace's chat API, or
   * retrieval-only without one) while the run stays here: `next` when the conversation is done (turn limit,
   * idle timeout, the contact says thanks), `onHandover` when it cannot answer or the contact asks for a person.
   */
  z.object({
    ...stepBase,
    type: z.literal('ai_assistant'),
    /** Sent when the step starts with no question from the contact waiting. */
    greeting: z.string().trim().max(1024).optional(),
    /** Said before handing over; empty: a default in the contact's language. */
    handoverMessage: z.string().trim().max(1024).optional(),
    /** Answers given before the run moves on to `next`. */
    maxTurns: z.number().int().min(1).max(50).default(10),
    /** Minutes without a message from the contact before the run moves on to `next`. */
    idleMinutes: z
      .number()
      .int()
      .min(1)
      .max(60 * 24 * 7)
      .default(30),
    next,
    onHandover: next,
  }),
]);
export type WorkflowStep = z.infer<typeof stepSchema>;
export type StepType = WorkflowStep['type'];
export type StepOf<T extends StepType> = Extract<WorkflowStep, { type: T }>;
export const STEP_TYPES = stepSchema.options.map((o) => o.shape.type.value) as StepType[];

export const graphSchema = z.object({
  start: stepIdSchema.nullable(),
  steps: z.array(stepSchema).max(200),
  /** Builder layout: step id → position. Not used by the engine. */
  layout: z.record(z.string(), z.object({ x: z.number(), y: z.number() })).default({}),
});
export type WorkflowGraph = z.infer<typeof graphSchema>;

export const workflowSettingsSchema = z.object({
  oncePerContact: z.boolean().default(false),
  /** A run that jumps more often than this stops (loop guard). */
  maxJumps: z.number().int().min(1).max(1000).default(50),
});
export type WorkflowSettings = z.infer<typeof workflowSettingsSchema>;

export const workflowDraftSchema = z.object({
  name: z.string().trim().min(1).max(120),
  trigger: triggerSchema,
  settings: workflowSettingsSchema.default({ oncePerContact: false, maxJumps: 50 }),
  graph: graphSchema,
});
export type WorkflowDraft = z.infer<typeof workflowDraftSchema>;
/** A draft before defaults are filled in (what templates and the builder write). */
export type WorkflowDraftInput = z.input<typeof workflowDraftSchema>;
export type WorkflowStepInput = z.input<typeof stepSchema>;

export const WORKFLOW_TEMPLATES = [
  'welcome',
  'welcome-ask-email',
  'welcome-ask-phone',
  'away-message',
  'agent-assigned',
  'agents-at-capacity',
  'round-robin-sales',
  'least-open-support',
  'team-routing',
  'close-and-bot-on',
  'mark-spam',
  'csat',
] as const;

/** The contact field (a number custom field, created with the workflow) the CSAT template saves ratings to. */
export const CSAT_FIELD = 'csat';
export type WorkflowTemplate = (typeof WORKFLOW_TEMPLATES)[number];

export const RUN_STATUSES = ['active', 'waiting', 'completed', 'stopped', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export * from './workflow-graph';
