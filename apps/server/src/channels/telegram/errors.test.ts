import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { telegramError } from './errors';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');

describe('Telegram error mapping', () => {
  it('maps the fixtures to retry, permanent and unreachable', () => {
    expect(telegramError(429, fixture('error-429-retry-after.json'))).toMatchObject({
      code: '429',
      retryable: true,
      retryAfterSeconds: 30,
      addressUnreachable: false,
    });
    expect(telegramError(403, fixture('error-403-bot-blocked.json'))).toMatchObject({
      code: '403',
      reason: 'Forbidden: bot was blocked by the user',
      retryable: false,
      addressUnreachable: true,
    });
    expect(telegramError(400, fixture('error-400-chat-not-found.json'))).toMatchObject({
      code: '400',
      reason: 'Bad Request: chat not found',
      retryable: false,
      addressUnreachable: false,
    });
    expect(telegramError(502, '<html>Bad Gateway</html>')).toMatchObject({ code: '502', retryable: true });
  });
});
