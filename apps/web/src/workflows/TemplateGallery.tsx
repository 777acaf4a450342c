import { WORKFLOW_TEMPLATES, type WorkflowTemplate } from '@charla/contracts/workflows';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { queryKeys } from '../api/queryKeys';
import { ErrorNotice } from '../common/ErrorNotice';
import { workflowsApi } from './workflowsApi';

type Choice = WorkflowTemplate | 'scratch';

/** Agregar flujo: the eleven templates and "Empezar desde cero"; using one creates the workflow and opens it. */
export function TemplateGallery({ slug, onClose }: { slug: string; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [choice, setChoice] = useState<Choice>('welcome');
  const create = useMutation({
    mutationFn: (c: Choice) =>
      workflowsApi.create(
        slug,
        c === 'scratch'
          ? {
              draft: {
                name: t('workflows.gallery.scratchName'),
                trigger: { type: 'conversation_opened', sources: ['contact'] },
                settings: { oncePerContact: false, maxJumps: 50 },
                graph: { start: null, steps: [], layout: {} },
              },
            }
          : { template: c },
      ),
    onSuccess: async (w) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.workflows(slug) });
      navigate(`/w/${slug}/workflows/${w.id}`);
    },
  });
  const choices: Choice[] = [...WORKFLOW_TEMPLATES, 'scratch'];

  return (
    <div className="dialog-backdrop">
      <form
        className="dialog card template-gallery"
        role="dialog"
        aria-modal="true"
        aria-labelledby="gallery-title"
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate(choice);
        }}
      >
        <h2 id="gallery-title">{t('workflows.gallery.title')}</h2>
        <p className="muted">{t('workflows.gallery.intro')}</p>
        <fieldset className="choice-group template-list">
          <legend className="visually-hidden">{t('workflows.gallery.title')}</legend>
          {choices.map((c) => (
            <label key={c} className="choice template-choice">
              <input type="radio" name="template" checked={choice === c} onChange={() => setChoice(c)} />
              <span>
                <strong>{c === 'scratch' ? t('workflows.gallery.scratch') : t(`workflows.templates.${c}.name`)}</strong>
                <small className="muted">
                  {c === 'scratch'
                    ? t('workflows.gallery.scratchDescription')
                    : t(`workflows.templates.${c}.description`)}
                </small>
              </span>
            </label>
          ))}
        </fieldset>
        {create.error && <ErrorNotice error={create.error} />}
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>
            {t('workflows.gallery.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            {t('workflows.gallery.use')}
          </button>
        </div>
      </form>
    </div>
  );
}
