import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WebhookRequest } from '../types';
import { twilioError } from './errors';
import type { TwilioConfig } from './schema';
import { twilioSignature, verifyTwilioWebhook } from './verify';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, 'fixtures', name));
const config = (authToken: string) => ({ authToken }) as TwilioConfig;
const formRequest = (url: string, body: Buffer, signature?: string): WebhookRequest => ({
  rawBody: body,
  headers: {
    'content-type': 'application/x-www-form-urlencoded',
    ...(signature ? { 'x-twilio-signature': signature } : {}),
  },
  query: '',
  url,
});

describe('X-Twilio-Signature', () => {
  it('reproduces Twilio’s published vector', () => {
    const params = new URLSearchParams({
      CallSid: 'CA1234567890ABCDE',
      Caller: '+12349013030',
      Digits: '1234',
      From: '+12349013030',
      To: '+18005551212',
    });
    expect(twilioSignature('12345', 'https://mycompany.com/myapp.php?foo=1&bar=2', params)).toBe(
      '0/KCTR6DLpKmkAf8muzZqo1nDgQ=',
    );
  });

  it('verifies the inbound SMS fixture against vectors 2a and 2b, and nothing else', () => {
    const body = fixture('inbound-sms.form.txt');
    const a = 'http://127.0.0.1:4010/webhooks/twilio/sms';
    const b = 'https://example.com/webhooks/twilio/sms';
    expect(
      verifyTwilioWebhook(formRequest(a, body, 'XpjdHzVIZOxWEAsHjjRZ7SnNdPA='), config('test_auth_token')),
    ).toEqual({ ok: true });
    expect(
      verifyTwilioWebhook(formRequest(b, body, 'GDR0qtoTFHZQLlLvsjJsvg7HOS4='), config('test_auth_token')),
    ).toEqual({ ok: true });
    // Twilio may sign with the default port written out.
    expect(
      verifyTwilioWebhook(
        formRequest(
          b,
          body,
          twilioSignature(
            'test_auth_token',
            'https://example.com:443/webhooks/twilio/sms',
            new URLSearchParams(body.toString()),
          ),
        ),
        config('test_auth_token'),
      ),
    ).toEqual({ ok: true });
    expect(
      verifyTwilioWebhook(formRequest(b, body, 'XpjdHzVIZOxWEAsHjjRZ7SnNdPA='), config('test_auth_token')).ok,
    ).toBe(false);
    expect(
      verifyTwilioWebhook(formRequest(a, body, 'XpjdHzVIZOxWEAsHjjRZ7SnNdPA='), config('other_auth_token')).ok,
    ).toBe(false);
    const tampered = Buffer.from(body.toString().replace('Body=twilio-go', 'Body=forged'));
    expect(
      verifyTwilioWebhook(formRequest(a, tampered, 'XpjdHzVIZOxWEAsHjjRZ7SnNdPA='), config('test_auth_token')).ok,
    ).toBe(false);
    expect(verifyTwilioWebhook(formRequest(a, body), config('test_auth_token'))).toEqual({
      ok: false,
      reason: 'missing X-Twilio-Signature header',
    });
  });

  it('maps the API error fixtures to permanent, unreachable and retry', () => {
    expect(twilioError(400, fixture('error-21211-invalid-to.json').toString())).toMatchObject({
      code: '21211',
      retryable: false,
      addressUnreachable: false,
    });
    expect(twilioError(400, fixture('error-21610-unsubscribed.json').toString())).toMatchObject({
      code: '21610',
      retryable: false,
      addressUnreachable: true,
    });
    expect(twilioError(429, fixture('error-20429-too-many-requests.json').toString(), 7)).toMatchObject({
      code: '20429',
      retryable: true,
      retryAfterSeconds: 7,
    });
    expect(twilioError(503, 'upstream down')).toMatchObject({ code: '503', retryable: true });
  });
});
