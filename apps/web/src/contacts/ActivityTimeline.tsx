import { useQuery } from '@tanstack/react-query';
import { STEP_TYPES, type StepType } from '@charla/contracts/workflows';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../api/queryKeys';
import { useMembers, useTeams } from '../api/useWorkspaceData';
import type { ContactActivity } from '../api/types';
import { ErrorNotice } from '../common/ErrorNotice';
import { formatDateTime } from '../common/formatDate';
import { outcomeLabel, runReason } from '../workflows/traceDetail';
import { contactsApi } from './contactsApi';
import { sourceLabel } from './sourceLabel';

const STANDARD_FIELDS = ['firstName', 'lastName', 'phone', 'email'] as const;

/** "Apellido" for a standard field; a custom field (`custom.plan`) by its key. */
function fieldLabel(t: TFunction, field: unknown): string {
  const name = String(field);
  if ((STANDARD_FIELDS as readonly string[]).includes(name))
    return t(`contact.${name as (typeof STANDARD_FIELDS)[number]}`);
  return name.replace(/^custom\./, '');
}

const show = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v));

/** Who a timeline entry names, from the workspace's members and teams (someone who left: "someone"). */
interface Names {
  user(id: unknown): string | undefined;
  team(id: unknown): string | undefined;
}

const STEP_TYPE_NAMES = new Set<string>(STEP_TYPES);

function describeWorkflowStep(t: TFunction, d: Record<string, unknown>): string {
  const workflow = show(d.workflowName);
  if (d.outcome === 'started') return t('activity.workflowStarted', { workflow });
  const type = String(d.stepType);
  const step = STEP_TYPE_NAMES.has(type) ? t(`workflows.steps.${type as StepType}`) : type;
  const outcome = outcomeLabel(t, show(d.outcome));
  return d.reason
    ? t('activity.workflowStepReason', { workflow, step, outcome, reason: runReason(t, String(d.reason)) })
    : t('activity.workflowStep', { workflow, step, outcome });
}

/** One timeline entry as a sentence; values are interpolated as text (never HTML). */
function describe(t: TFunction, a: ContactActivity, names: Names): string {
  const d = a.data;
  switch (a.kind) {
    case 'conversation.assigned': {
      const name = d.userId ? names.user(d.userId) : d.teamId ? names.team(d.teamId) : undefined;
      if (!d.userId && !d.teamId) return t('activity.conversationUnassigned');
      return t('activity.conversationAssigned', { name: name ?? t('activity.someone') });
    }
    case 'conversation.closed':
      return d.category || d.summary
        ? t('activity.conversationClosedWithNote', { category: show(d.category), summary: show(d.summary) })
        : t('activity.conversationClosed');
    case 'conversation.reopened':
      return t('activity.conversationReopened');
    case 'conversation.bot_paused':
      return d.minutes ? t('activity.botPausedFor', { minutes: show(d.minutes) }) : t('activity.botPaused');
    case 'conversation.bot_resumed':
      return t('activity.botResumed');
    case 'contact.blocked':
      return t('activity.blocked');
    case 'contact.unblocked':
      return t('activity.unblocked');
    case 'comment.created':
      return t('activity.commentCreated');
    case 'workflow.step':
      return describeWorkflowStep(t, d);
    case 'field.changed':
      return t('activity.fieldChanged', { field: fieldLabel(t, d.field), from: show(d.from), to: show(d.to) });
    case 'identifier.added':
      return t(d.verified ? 'activity.identifierAddedVerified' : 'activity.identifierAdded', {
        value: show(d.value),
        source: sourceLabel(t, show(d.source)),
      });
    case 'identifier.verified':
      return t('activity.identifierVerified', { value: show(d.value), source: sourceLabel(t, show(d.source)) });
    case 'tag.added':
      return t('activity.tagAdded', { name: show(d.name) });
    case 'tag.removed':
      return t('activity.tagRemoved', { name: show(d.name) });
    case 'contact.merged':
      return t(d.trigger === 'auto' ? 'activity.mergedAuto' : 'activity.merged', { name: show(d.mergedName) });
    case 'contact.split':
      return t('activity.split');
    case 'contact.assigned':
      return t('activity.assigned', { name: show(d.name) });
    default:
      return a.kind;
  }
}

/** Actividad: what happened to the contact, newest first. */
export function ActivityTimeline({ slug, contactId }: { slug: string; contactId: number }) {
  const { t, i18n } = useTranslation();
  const members = useMembers(slug);
  const teams = useTeams(slug);
  const names: Names = {
    user: (id) => members.data?.items.find((m) => m.userId === id)?.name,
    team: (id) => teams.data?.items.find((team) => team.id === id)?.name,
  };
  const activities = useQuery({
    queryKey: queryKeys.contactActivities(slug, contactId),
    queryFn: () => contactsApi.activities(slug, contactId),
  });
  return (
    <section className="card" aria-labelledby="activity-title">
      <h2 id="activity-title">{t('activity.title')}</h2>
      {activities.error && <ErrorNotice error={activities.error} onRetry={() => void activities.refetch()} />}
      {activities.data?.items.length === 0 && <p className="muted">{t('activity.empty')}</p>}
      <ol className="timeline">
        {activities.data?.items.map((a) => (
          <li key={a.id} data-kind={a.kind}>
            <span>{describe(t, a, names)}</span>
            <span className="muted">
              {formatDateTime(a.createdAt, i18n.language)}
              {a.actor && ` · ${a.actor.name}`}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
