import { useTranslation } from 'react-i18next';
import { useMembers, useTeams } from '../api/useWorkspaceData';
import { Checkbox, NumberInput, Select, TextInput } from './fields';
import type { StepFormProps } from './stepForm';

const TARGETS = ['user', 'team', 'workspace', 'unassign'] as const;
const STRATEGIES = ['round_robin', 'least_open'] as const;

/** Asignar a: a user, a team (strategy, online only, capacity) or the workspace; queue message and timeout. */
export function AssignForm({ slug, step, onChange, err }: StepFormProps<'assign'>) {
  const { t } = useTranslation();
  const members = (useMembers(slug).data?.items ?? []).filter((m) => m.userId !== null);
  const teams = useTeams(slug).data?.items ?? [];
  const set = (patch: Partial<typeof step>) => onChange({ ...step, ...patch });
  const choose = { value: '', label: t('workflows.form.choose') };
  const pool = step.target === 'team' || step.target === 'workspace';
  return (
    <>
      <Select
        label={t('workflows.form.assignTarget')}
        value={step.target}
        options={TARGETS.map((v) => ({ value: v, label: t(`workflows.form.assignTargets.${v}`) }))}
        onChange={(target) => set({ target })}
      />
      {step.target === 'user' && (
        <Select
          label={t('workflows.form.user')}
          value={step.userId ? String(step.userId) : ''}
          error={err('userId')}
          options={[choose, ...members.map((m) => ({ value: String(m.userId), label: m.name }))]}
          onChange={(v) => set({ userId: v ? Number(v) : undefined })}
        />
      )}
      {step.target === 'team' && (
        <Select
          label={t('workflows.form.team')}
          value={step.teamId ? String(step.teamId) : ''}
          error={err('teamId')}
          options={[choose, ...teams.map((team) => ({ value: String(team.id), label: team.name }))]}
          onChange={(v) => set({ teamId: v ? Number(v) : undefined })}
        />
      )}
      {pool && (
        <Select
          label={t('workflows.form.strategy')}
          value={step.strategy}
          options={STRATEGIES.map((v) => ({ value: v, label: t(`workflows.form.strategies.${v}`) }))}
          onChange={(strategy) => set({ strategy })}
        />
      )}
      {step.target !== 'unassign' && (
        <>
          <Checkbox
            label={t('workflows.form.onlyOnline')}
            checked={step.onlyOnline}
            onChange={(onlyOnline) => set({ onlyOnline })}
          />
          <NumberInput
            label={t('workflows.form.maxOpen')}
            value={step.maxOpen}
            error={err('maxOpen')}
            onChange={(maxOpen) => set({ maxOpen })}
          />
          <TextInput
            multiline
            label={t('workflows.form.queueMessage')}
            value={step.queueMessage}
            error={err('queueMessage')}
            onChange={(queueMessage) => set({ queueMessage: queueMessage || undefined })}
          />
          <NumberInput
            label={t('workflows.form.timeoutMinutes')}
            value={step.timeoutMinutes}
            error={err('timeoutMinutes')}
            onChange={(timeoutMinutes) => set({ timeoutMinutes })}
          />
        </>
      )}
    </>
  );
}
