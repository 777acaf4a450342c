import { graphProblems, WORKFLOW_TEMPLATES, workflowDraftSchema } from '@charla/contracts/workflows';
import { describe, expect, it } from 'vitest';
import { workflowFromTemplate } from './templates';

describe('workflow templates', () => {
  const teams = [
    { id: 3, name: 'Ventas' },
    { id: 4, name: 'Soporte' },
  ];
  it.each(WORKFLOW_TEMPLATES)('%s is a valid, publishable draft in both languages', (template) => {
    for (const lang of ['es', 'en'] as const) {
      const draft = workflowDraftSchema.parse(workflowFromTemplate(template, { lang, teams }));
      expect(graphProblems(draft.graph)).toEqual([]);
      expect(draft.graph.steps.length).toBeGreaterThan(0);
    }
  });

  it('routes by team with one choice, branch and assignment per team', () => {
    const draft = workflowDraftSchema.parse(workflowFromTemplate('team-routing', { lang: 'es', teams }));
    const ask = draft.graph.steps.find((s) => s.id === 'ask');
    expect(ask).toMatchObject({ questionType: 'multiple_choice', choices: ['Ventas', 'Soporte'] });
    expect(draft.graph.steps.filter((s) => s.type === 'assign').map((s) => s.id)).toEqual([
      'anyone',
      'team_3',
      'team_4',
    ]);
  });
});
