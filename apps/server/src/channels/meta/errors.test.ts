import { describe, expect, it } from 'vitest';
import { type MetaChannel, readFixture } from '../../../test/support/meta-fixtures';
import { graphHttpError, statusErrorText } from './errors';

/** Each error fixture with the HTTP status the fixtures README gives it, and the decision it must lead to. */
const cases: [MetaChannel, string, number, { retryable: boolean; unreachable?: boolean; after?: number }][] = [
  ['whatsapp', 'error-613-rate-limit.json', 429, { retryable: true, after: 60 }],
  ['whatsapp', 'error-130429-rate-limit.json', 403, { retryable: true, after: 5 }],
  ['whatsapp', 'error-131056-pair-rate-limit.json', 403, { retryable: true, after: 10 }],
  ['whatsapp', 'error-131053-media-upload.json', 400, { retryable: true }],
  ['whatsapp', 'error-131047-re-engagement.json', 400, { retryable: false }],
  ['whatsapp', 'error-368-temporarily-blocked.json', 403, { retryable: false }],
  ['whatsapp', 'error-131030-not-in-allowed-list.json', 400, { retryable: false }],
  ['messenger', 'error-613-rate-limit.json', 400, { retryable: true, after: 60 }],
  ['messenger', 'error-10-outside-window.json', 400, { retryable: false }],
  ['messenger', 'error-551-person-unavailable.json', 400, { retryable: false, unreachable: true }],
  ['instagram', 'error-10-outside-window.json', 400, { retryable: false }],
];

describe('Graph error mapping', () => {
  it.each(cases)('%s %s → %o', (channel, file, status, expected) => {
    const body = readFixture(channel, file).toString('utf8');
    const code = String((JSON.parse(body) as { error: { code: number } }).error.code);
    const err = graphHttpError(status, body, null);
    expect(err.code).toBe(code);
    expect(err.retryable).toBe(expected.retryable);
    expect(err.addressUnreachable).toBe(expected.unreachable ?? false);
    expect(err.retryAfterSeconds).toBe(expected.after);
    expect(err.reason.length).toBeGreaterThan(5);
  });

  it('explains the 24-hour window and keeps Meta’s details', () => {
    const wa = graphHttpError(400, readFixture('whatsapp', 'error-131047-re-engagement.json').toString(), null);
    expect(wa.reason).toMatch(/24-hour customer service window/);
    expect(wa.reason).toMatch(/more than 24 hours have passed since the customer last replied/);
    const fb = graphHttpError(400, readFixture('messenger', 'error-10-outside-window.json').toString(), null);
    expect(fb.reason).toMatch(/24-hour customer service window.*outside of allowed window/);
  });

  it('honours Retry-After, retries 5xx and unreadable bodies, and fails other 4xx', () => {
    const limited = graphHttpError(429, readFixture('whatsapp', 'error-613-rate-limit.json').toString(), '7');
    expect(limited.retryAfterSeconds).toBe(7);
    expect(graphHttpError(502, '<html>Bad gateway</html>', null)).toMatchObject({ code: '502', retryable: true });
    expect(graphHttpError(401, '{"error":{"message":"Invalid OAuth access token.","code":190}}', null)).toMatchObject({
      code: '190',
      reason: 'Invalid OAuth access token.',
      retryable: false,
    });
  });

  it('turns a failed status’s errors into code and reason', () => {
    const payload = JSON.parse(readFixture('whatsapp', 'status-failed-131047.json').toString());
    expect(statusErrorText(payload.entry[0].changes[0].value.statuses[0].errors)).toEqual({
      errorCode: '131047',
      errorReason:
        'Re-engagement message: Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
    });
    expect(statusErrorText(undefined)).toEqual({ errorCode: undefined, errorReason: undefined });
  });
});
