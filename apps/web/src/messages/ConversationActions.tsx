import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Conversation } from '../api/types';
import { useMembers, useTeams } from '../api/useWorkspaceData';
import { ErrorNotice } from '../common/ErrorNotice';
import { SelectField } from '../common/SelectField';
import { formatDateTime } from '../common/formatDate';
import { RunWorkflowAction } from '../workflows/RunWorkflowAction';
import { useConversationAction } from './useConversationAction';
import { useInboxFilters } from './useInboxFilters';

/** Durations offered for pausing the bot, in minutes; `forever` pauses until resumed. */
const pauseChoices = ['60', '240', '1440', 'forever'] as const;
const FOREVER_YEAR = 9999;

interface ConversationActionsProps {
  slug: string;
  conversation: Conversation;
  onClose: () => void;
}

/** Assign, close / reopen, pause the bot and block, for the open conversation. */
export function ConversationActions({ slug, conversation, onClose }: ConversationActionsProps) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { search } = useInboxFilters();
  const action = useConversationAction(slug, conversation.id, () =>
    navigate({ pathname: `/w/${slug}/messages`, search }),
  );
  const members = (useMembers(slug).data?.items ?? []).filter((m) => m.status === 'active' && m.userId !== null);
  const teams = useTeams(slug).data?.items ?? [];
  const assigned = conversation.assignee
    ? `u:${conversation.assignee.id}`
    : conversation.assigneeTeam
      ? `t:${conversation.assigneeTeam.id}`
      : '';
  const pausedUntil = conversation.botPausedUntil ? new Date(conversation.botPausedUntil) : null;
  const paused = pausedUntil !== null && pausedUntil > new Date();

  function assign(value: string) {
    const [kind, id] = value.split(':');
    action.mutate({
      kind: 'assign',
      userId: kind === 'u' ? Number(id) : null,
      teamId: kind === 't' ? Number(id) : null,
    });
  }

  return (
    <div className="conversation-actions">
      <SelectField
        className="select-compact"
        label={t('messages.actions.assign')}
        value={assigned}
        disabled={action.isPending}
        onChange={(event) => assign(event.target.value)}
        options={[
          { value: '', label: t('messages.unassigned') },
          ...members.map((m) => ({ value: `u:${m.userId}`, label: m.name })),
          ...teams.map((team) => ({ value: `t:${team.id}`, label: t('messages.actions.team', { name: team.name }) })),
        ]}
      />
      {paused ? (
        <div className="field">
          <span className="muted">
            {pausedUntil.getFullYear() >= FOREVER_YEAR
              ? t('messages.actions.botPausedForever')
              : t('messages.actions.botPausedUntil', {
                  time: formatDateTime(pausedUntil.toISOString(), i18n.language),
                })}
          </span>
          <button
            type="button"
            className="button button-small"
            onClick={() => action.mutate({ kind: 'bot', paused: false })}
          >
            {t('messages.actions.resumeBot')}
          </button>
        </div>
      ) : (
        <SelectField
          className="select-compact"
          label={t('messages.actions.pauseBot')}
          value=""
          disabled={action.isPending}
          onChange={(event) => {
            const choice = event.target.value;
            if (choice)
              action.mutate({ kind: 'bot', paused: true, minutes: choice === 'forever' ? null : Number(choice) });
          }}
          options={[
            { value: '', label: t('messages.actions.botActive') },
            ...pauseChoices.map((choice) => ({ value: choice, label: t(`messages.actions.pauseFor.${choice}`) })),
          ]}
        />
      )}
      <div className="conversation-action-buttons">
        <button
          type="button"
          className="button button-small"
          disabled={action.isPending}
          onClick={() => action.mutate({ kind: 'block', blocked: !conversation.contact.blocked })}
        >
          {conversation.contact.blocked ? t('messages.actions.unblock') : t('messages.actions.block')}
        </button>
        {conversation.status === 'open' ? (
          <button type="button" className="button button-small button-primary" onClick={onClose}>
            {t('messages.actions.close')}
          </button>
        ) : (
          <button
            type="button"
            className="button button-small"
            disabled={action.isPending}
            onClick={() => action.mutate({ kind: 'reopen' })}
          >
            {t('messages.actions.reopen')}
          </button>
        )}
      </div>
      <RunWorkflowAction slug={slug} contactId={conversation.contact.id} />
      {action.error && <ErrorNotice error={action.error} />}
    </div>
  );
}
