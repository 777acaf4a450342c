import { type ApiAnswer, leaked } from './tenant-world';

/**
 * Records (instead of throwing) what is wrong with an answer, so one sweep over every route reports every
 * failing route at once: an unexpected status or error code, a server error, or any of `markers` in the body.
 */
export function checkAnswer(
  problems: string[],
  label: string,
  res: ApiAnswer,
  expected: { status?: readonly number[]; code?: string; markers: readonly string[] },
): void {
  const found = leaked(res.text, expected.markers);
  if (found.length > 0)
    problems.push(`${label}: LEAK of ${found.join(', ')} in ${res.status} ${res.text.slice(0, 300)}`);
  if (res.status >= 500) problems.push(`${label}: server error ${res.status} ${res.text.slice(0, 200)}`);
  if (expected.status && !expected.status.includes(res.status)) {
    const hint =
      res.status === 400 && /validation_failed/.test(res.text)
        ? ' (the body did not validate: add one for this route in bodyFor())'
        : '';
    problems.push(
      `${label}: expected ${expected.status.join('/')}, got ${res.status} ${res.text.slice(0, 200)}${hint}`,
    );
    return;
  }
  // The developer API answers respond.io's `{code: <status>, message}` with our stable code in `error`.
  const body = res.json as { code?: unknown; error?: string } | null;
  const code = typeof body?.code === 'string' ? body.code : body?.error;
  if (expected.code && code !== expected.code) {
    problems.push(`${label}: expected code ${expected.code}, got ${code ?? res.text.slice(0, 200)}`);
  }
}
