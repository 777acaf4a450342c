import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyMessagebirdWebhook } from './verify';

interface Vector {
  name: string;
  secret: string;
  url: string;
  payload?: string;
  timestamp: string;
  token: string;
  valid: boolean;
}

const vectors = JSON.parse(
  fs.readFileSync(path.join(__dirname, 'fixtures', 'messagebird-webhook-signature-jwt-reference.json'), 'utf8'),
) as Vector[];

describe('MessageBird-Signature-JWT', () => {
  it('has the official reference file (44 vectors, 24 valid)', () => {
    expect(vectors).toHaveLength(44);
    expect(vectors.filter((v) => v.valid)).toHaveLength(24);
  });

  it.each(vectors.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    const verdict = verifyMessagebirdWebhook(
      {
        rawBody: Buffer.from(v.payload ?? '', 'utf8'),
        headers: { 'messagebird-signature-jwt': v.token },
        query: new URL(v.url).search.slice(1),
        url: v.url,
      },
      { signingKey: v.secret },
      Date.parse(v.timestamp),
    );
    expect(verdict.ok).toBe(v.valid);
  });

  it('refuses a request without the header', () => {
    const verdict = verifyMessagebirdWebhook(
      { rawBody: Buffer.alloc(0), headers: {}, query: '', url: 'https://example.com/' },
      { signingKey: 'x' },
    );
    expect(verdict).toEqual({ ok: false, reason: 'missing MessageBird-Signature-JWT header' });
  });
});
