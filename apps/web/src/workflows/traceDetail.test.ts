import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { runReason, traceDetail } from './traceDetail';

const t = ((key: string) => (key === 'workflows.outputs.else' ? 'Si no' : `[${key}]`)) as TFunction;
const branch = (i: number) => `Rama ${i + 1}`;

describe('run trace details', () => {
  it('shows the answer, the branch taken and the reason first, hiding internal ids', () => {
    expect(
      traceDetail(t, { messageId: 4, value: 'ana@example.com', savedTo: { kind: 'field', field: 'email' } }, branch),
    ).toBe('«ana@example.com» · savedTo: {"kind":"field","field":"email"}');
    expect(traceDetail(t, { branch: 0, label: null }, branch)).toBe('Rama 1');
    expect(traceDetail(t, { branch: 'else' }, branch)).toBe('Si no');
    expect(traceDetail(t, { messageId: 9, reason: 'invalid_email', attempt: 1, exhausted: false }, branch)).toBe(
      'invalid_email · attempt: 1 · exhausted: false',
    );
  });

  it('translates the engine stop codes and keeps other reasons as written', () => {
    expect(runReason(t, 'too_many_jumps')).toBe('[workflows.runs.reasons.too_many_jumps]');
    expect(runReason(t, 'no_channel: the contact has no channel')).toBe('no_channel: the contact has no channel');
    expect(traceDetail(t, { reason: 'bot_paused' }, branch)).toBe('[workflows.runs.reasons.bot_paused]');
  });

  it('shows an AI assistant turn: how it answered and what it found, with the scores', () => {
    expect(
      traceDetail(
        t,
        {
          messageId: 3,
          mode: 'retrieval_fallback',
          retrieved: [{ entryId: 1, kind: 'qa', title: '¿Horario?', score: 1 }],
          error: 'chat API answered 500',
        },
        branch,
      ),
    ).toBe(
      '[workflows.runs.aiModes.retrieval_fallback] · [workflows.runs.retrieved]: «¿Horario?» 100 % · error: chat API answered 500',
    );
  });
});
