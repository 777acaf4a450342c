import { STEP_TYPES, type StepType } from '@charla/contracts/workflows';
import { useTranslation } from 'react-i18next';

/** Agregar paso: one button per step type. */
export function StepPalette({ onAdd }: { onAdd: (type: StepType) => void }) {
  const { t } = useTranslation();
  return (
    <section className="card builder-palette" aria-labelledby="palette-title">
      <h2 id="palette-title">{t('workflows.builder.palette')}</h2>
      <div className="palette-grid">
        {STEP_TYPES.map((type) => (
          <button key={type} type="button" className="button button-small" onClick={() => onAdd(type)}>
            {t(`workflows.steps.${type}`)}
          </button>
        ))}
      </div>
    </section>
  );
}
