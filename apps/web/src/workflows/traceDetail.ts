import type { TFunction } from 'i18next';

/** Ids that mean nothing to a reader of the trace. */
const HIDDEN = new Set(['messageId', 'channelId', 'commentId', 'conversationId', 'trigger']);

const text = (v: unknown): string =>
  v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v);

const REASONS = [
  'bot_paused',
  'workflow_deleted',
  'too_many_jumps',
  'contact_blocked',
  // Why the AI assistant handed over.
  'asked_for_human',
  'no_match',
  'cannot_answer',
  'no_text',
] as const;

const AI_MODES = ['llm', 'retrieval', 'retrieval_fallback', 'goodbye'] as const;

const OUTCOMES = [
  'started',
  'resumed',
  'done',
  'waiting',
  'answered',
  'handover',
  'invalid_answer',
  'timeout',
  'stopped',
  'failed',
] as const;

/** A trace row's outcome, translated when it is one of the engine's. */
export function outcomeLabel(t: TFunction, outcome: string): string {
  return (OUTCOMES as readonly string[]).includes(outcome)
    ? t(`workflows.runs.outcomes.${outcome as (typeof OUTCOMES)[number]}`)
    : outcome;
}

/** A run's stop reason: translated when it is one of the engine's codes, else as the engine wrote it. */
export function runReason(t: TFunction, reason: string): string {
  return (REASONS as readonly string[]).includes(reason)
    ? t(`workflows.runs.reasons.${reason as (typeof REASONS)[number]}`)
    : reason;
}

/**
 * A trace row's detail as one line of plain text: the answer value, the branch taken, the reason, then the
 * other values as `key: value`. `branchLabel` names a branch by its index.
 */
export function traceDetail(t: TFunction, detail: Record<string, unknown>, branchLabel: (i: number) => string): string {
  const parts: string[] = [];
  const rest = { ...detail };
  if ('value' in rest) {
    parts.push(`«${text(rest.value)}»`);
    delete rest.value;
  }
  if ('branch' in rest) {
    const own = typeof rest.label === 'string' && rest.label ? rest.label : null;
    parts.push(rest.branch === 'else' ? t('workflows.outputs.else') : (own ?? branchLabel(Number(rest.branch))));
    delete rest.branch;
    delete rest.label;
  }
  if (typeof rest.mode === 'string' && (AI_MODES as readonly string[]).includes(rest.mode)) {
    parts.push(t(`workflows.runs.aiModes.${rest.mode as (typeof AI_MODES)[number]}`));
    delete rest.mode;
  }
  if (Array.isArray(rest.retrieved)) {
    // The AI assistant's turn: what it found in the knowledge matrix, with the match scores.
    const found = (rest.retrieved as { title?: string; score?: number }[]).map(
      (h) => `«${h.title ?? ''}» ${Math.round((h.score ?? 0) * 100)} %`,
    );
    if (found.length > 0) parts.push(`${t('workflows.runs.retrieved')}: ${found.join(', ')}`);
    delete rest.retrieved;
  }
  if ('reason' in rest) {
    parts.push(runReason(t, text(rest.reason)));
    delete rest.reason;
  }
  for (const [key, value] of Object.entries(rest)) if (!HIDDEN.has(key)) parts.push(`${key}: ${text(value)}`);
  return parts.join(' · ');
}
