import { describe, expect, it } from 'vitest';
import { blankStep } from './graphEditing';
import { cleanStep, stepErrors } from './stepValidation';

describe('step validation in the builder', () => {
  it('marks the empty required text of a new step', () => {
    expect(stepErrors(blankStep('send_message', 'hello'))).toEqual({ text: 'required' });
    expect(stepErrors({ ...blankStep('send_message', 'hello'), text: 'Hola' } as never)).toEqual({});
  });

  it('points at the wrong field deep in a branch or an HTTP header', () => {
    const branch = blankStep('branch', 'b');
    if (branch.type !== 'branch') throw new Error('not a branch');
    const errors = stepErrors({
      ...branch,
      branches: [{ match: 'all', conditions: [{ subject: 'field', field: '', operator: 'equals' }], next: null }],
    });
    expect(errors).toEqual({ 'branches.0.conditions.0.field': 'required' });
    const http = blankStep('http_request', 'h');
    if (http.type !== 'http_request') throw new Error('not http');
    expect(stepErrors({ ...http, url: 'https://x.test', timeoutSeconds: 99 })).toEqual({ timeoutSeconds: 'invalid' });
  });

  it('drops blank lines of one-per-line lists', () => {
    const ask = blankStep('ask_question', 'a');
    if (ask.type !== 'ask_question') throw new Error('not a question');
    expect(cleanStep({ ...ask, choices: ['Sí', '', ' ', 'No'] })).toMatchObject({ choices: ['Sí', 'No'] });
  });
});
