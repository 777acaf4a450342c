import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../common/ErrorNotice';
import { TextInput } from './fields';
import type { useBuilderActions } from './useBuilderActions';
import type { Workflow } from './workflowsApi';

interface BuilderToolbarProps {
  workflow: Workflow;
  name: string;
  onName: (name: string) => void;
  dirty: boolean;
  /** Why saving is refused before asking the server (fields to fix), if it is. */
  localError: string | null;
  blocking: boolean;
  notice: string | null;
  actions: ReturnType<typeof useBuilderActions>;
  onSave: (publish: boolean) => void;
}

/** Name, Guardar, Guardar y publicar, Pausar/Reanudar and Eliminar, with the outcome of the last one. */
export function BuilderToolbar({
  workflow,
  name,
  onName,
  dirty,
  localError,
  blocking,
  notice,
  actions,
  onSave,
}: BuilderToolbarProps) {
  const { t } = useTranslation();
  const { save, pause, remove } = actions;
  const busy = save.isPending || pause.isPending || remove.isPending;
  const error = save.error ?? pause.error ?? remove.error;
  return (
    <div className="builder-toolbar">
      <TextInput label={t('workflows.builder.name')} value={name} onChange={onName} />
      <div className="row-actions">
        {dirty && <span className="muted">{t('workflows.builder.unsaved')}</span>}
        <button type="button" className="button" disabled={busy} onClick={() => onSave(false)}>
          {t('workflows.builder.save')}
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={busy || blocking}
          title={blocking ? t('workflows.problems.blocking') : undefined}
          onClick={() => onSave(true)}
        >
          {t('workflows.builder.publish')}
        </button>
        {workflow.publishedVersion !== null && (
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => pause.mutate(workflow.status !== 'paused')}
          >
            {workflow.status === 'paused' ? t('workflows.builder.resume') : t('workflows.builder.pause')}
          </button>
        )}
        <button
          type="button"
          className="button button-danger"
          disabled={busy}
          onClick={() => {
            if (window.confirm(t('workflows.builder.deleteConfirm', { name: workflow.name }))) remove.mutate();
          }}
        >
          {t('workflows.builder.delete')}
        </button>
      </div>
      {blocking && <p className="notice notice-warning">{t('workflows.problems.blocking')}</p>}
      {localError && (
        <p className="notice notice-error" role="alert">
          {localError}
        </p>
      )}
      {error ? <ErrorNotice error={error} /> : null}
      {notice && !error && !localError && (
        <p className="notice notice-success" role="status">
          {notice}
        </p>
      )}
    </div>
  );
}
