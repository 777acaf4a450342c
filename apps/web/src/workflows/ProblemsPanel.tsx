import type { GraphProblem, WorkflowGraph } from '@charla/contracts/workflows';
import { useTranslation } from 'react-i18next';
import { stepName } from './outputLabel';

/** Problemas: graphProblems() live; "unreachable" is a warning, the rest block publishing. */
export function ProblemsPanel({
  graph,
  problems,
  onSelect,
}: {
  graph: WorkflowGraph;
  problems: GraphProblem[];
  onSelect: (stepId: string) => void;
}) {
  const { t } = useTranslation();
  const blocking = problems.filter((p) => p.code !== 'unreachable');
  const byId = new Map(graph.steps.map((s) => [s.id, s]));
  return (
    <section className="card builder-problems" aria-labelledby="problems-title">
      <h2 id="problems-title">
        {t('workflows.problems.title')} {problems.length > 0 && <span className="badge">{problems.length}</span>}
      </h2>
      {problems.length === 0 && <p className="muted">{t('workflows.problems.none')}</p>}
      {blocking.length > 0 && <p className="notice notice-warning">{t('workflows.problems.blocking')}</p>}
      <ul className="plain-list problem-list">
        {problems.map((p) => {
          const step = p.stepId ? byId.get(p.stepId) : undefined;
          return (
            <li
              key={`${p.code}-${p.stepId}-${p.path}`}
              className={p.code === 'unreachable' ? 'problem-warning' : 'problem-error'}
            >
              {p.code === 'unreachable' && <strong>{t('workflows.problems.warning')}: </strong>}
              {step && (
                <button type="button" className="link-button" onClick={() => onSelect(step.id)}>
                  {stepName(t, step)}
                </button>
              )}
              {step && ' — '}
              {t(`workflows.problems.codes.${p.code}`)}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
