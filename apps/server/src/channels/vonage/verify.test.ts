import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WebhookRequest } from '../types';
import { vonageMessagesError, vonageSmsError } from './errors';
import { type VonageConfig, vonageConfigSchema } from './schema';
import { verifyVonageWebhook, vonageSmsSignature } from './verify';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');
const smsConfig = (method: VonageConfig['signatureMethod'] = 'md5hash') =>
  vonageConfigSchema.parse({
    apiKey: 'abcd1234',
    apiSecret: 'secret',
    fromNumber: '447700900000',
    signatureSecret: 'signature_secret',
    signatureMethod: method,
  });
const get = (query: string): WebhookRequest => ({ rawBody: Buffer.alloc(0), headers: {}, query, url: '' });
const SIGNED_AT = 1578787200 * 1000;

describe('Vonage webhook signatures', () => {
  const signed = new URLSearchParams(fixture('inbound-sms-legacy-signed.query.txt'));

  it('reproduces vectors V1 and V2 (and the HMAC-MD5/SHA1 values) of the legacy sig', () => {
    expect(vonageSmsSignature(signed, 'signature_secret', 'md5hash')).toBe('AC6AF853D3F1C4DB41B5118693CC9FE4');
    expect(vonageSmsSignature(signed, 'signature_secret', 'sha256')).toBe(
      '9A60396760EB477782B50AF42CD7B286719FFF77A790E562543ABC589BD17C29',
    );
    expect(vonageSmsSignature(signed, 'signature_secret', 'md5')).toBe('BBFD390C2AE5B098FAB617E7D5848EAB');
    expect(vonageSmsSignature(signed, 'signature_secret', 'sha1')).toBe('3E805AA8984CE9A4BB501A5BFAAD7DAC839AB33F');
  });

  it('accepts the signed fixture when fresh, and refuses it stale, altered or unsigned', () => {
    const q = fixture('inbound-sms-legacy-signed.query.txt');
    expect(verifyVonageWebhook(get(q), smsConfig(), SIGNED_AT + 60_000)).toEqual({ ok: true });
    // Vonage sends uppercase hex; the comparison ignores case.
    expect(
      verifyVonageWebhook(
        get(q.replace(/sig=(\w+)/, (_m, s: string) => `sig=${s.toLowerCase()}`)),
        smsConfig(),
        SIGNED_AT,
      ).ok,
    ).toBe(true);
    expect(verifyVonageWebhook(get(q.replace('Hello', 'Hola')), smsConfig(), SIGNED_AT).ok).toBe(false);
    expect(verifyVonageWebhook(get(q), smsConfig(), SIGNED_AT + 3 * 24 * 3600 * 1000)).toMatchObject({ ok: false });
    expect(verifyVonageWebhook(get(fixture('inbound-sms-legacy.query.txt')), smsConfig(), SIGNED_AT)).toEqual({
      ok: false,
      reason: 'missing sig parameter',
    });
  });

  it('verifies vector V3 (Messages API JWT with payload_hash) at its iat, and nothing else', () => {
    const config = vonageConfigSchema.parse({
      api: 'messages',
      apiKey: 'abcd1234',
      apiSecret: 'secret',
      fromNumber: '447700900000',
      signatureSecret: 'vonage_signature_secret_32_chars_min',
    });
    const token =
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpYXQiOjE3Mzg1ODQ4NjUsImp0aSI6ImMzZTliMGEyLTZiNmYtNGEzYy05ZDFlLTJmN2E4YjljMGQxZSIsImlzcyI6IlZvbmFnZSIsInBheWxvYWRfaGFzaCI6IjdhZjI3ZDUxNjA4NDU3OGQ4YWZmMWU5M2Q4YjQwMjYyNDhlY2U5NDQzZmM0YzQ5MzhiYmQ0YWU0MmU1YWQ5MmQiLCJhcGlfa2V5IjoiYWJjZDEyMzQiLCJhcHBsaWNhdGlvbl9pZCI6ImFhYWFhYWFhLWJiYmItY2NjYy1kZGRkLTAxMjM0NTY3ODlhYiJ9.0dofIEv_d8peluhjXUvHt-p5tvaY98NaF6aoCaqlas0';
    const body = fixture('messages-inbound-whatsapp-text-signed.body.txt');
    const req = (b: string, auth = `Bearer ${token}`): WebhookRequest => ({
      rawBody: Buffer.from(b),
      headers: { authorization: auth },
      query: '',
      url: '',
    });
    const iat = 1738584865 * 1000;
    expect(verifyVonageWebhook(req(body), config, iat + 10_000)).toEqual({ ok: true });
    expect(verifyVonageWebhook(req(body), config, iat + 3600_000).ok).toBe(false);
    expect(verifyVonageWebhook(req(body.replace('Hello', 'Hola')), config, iat)).toMatchObject({
      ok: false,
      reason: 'JWT payload_hash does not match the body',
    });
    expect(
      verifyVonageWebhook(req(body), { ...config, signatureSecret: 'another_secret_of_enough_length' }, iat).ok,
    ).toBe(false);
    expect(verifyVonageWebhook(req(body, ''), config, iat).ok).toBe(false);
  });

  it('maps send errors to retry, permanent and unreachable', () => {
    const first = (name: string) => JSON.parse(fixture(name)).messages[0];
    const throttled = first('error-sms-legacy-1-throttled.json');
    expect(vonageSmsError(throttled.status, throttled['error-text'])).toMatchObject({
      code: '1',
      retryable: true,
      retryAfterSeconds: 1,
    });
    const demo = first('error-sms-legacy-29-non-whitelisted.json');
    expect(vonageSmsError(demo.status, demo['error-text'])).toMatchObject({ code: '29', retryable: false });
    const creds = first('error-sms-legacy-4-bad-credentials.json');
    expect(vonageSmsError(creds.status, creds['error-text'])).toMatchObject({
      code: '4',
      reason: 'Bad Credentials',
      retryable: false,
    });
    expect(vonageSmsError('7', 'Number barred')).toMatchObject({ retryable: false, addressUnreachable: true });
    expect(vonageMessagesError(422, fixture('messages-error-1120-invalid-sender.json'))).toMatchObject({
      code: '1120',
      reason: 'Invalid sender: The `from` parameter is invalid for the given channel.',
      retryable: false,
    });
    expect(vonageMessagesError(429, fixture('messages-error-1010-rate-limit.json'), 2)).toMatchObject({
      code: '1010',
      retryable: true,
      retryAfterSeconds: 2,
    });
    expect(vonageMessagesError(401, fixture('messages-error-401-unauthorized.json'))).toMatchObject({
      retryable: false,
    });
  });
});
