import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../test/support/meta-fixtures';
import type { WebhookRequest } from '../types';
import { metaHandshake } from './handshake';
import { signMetaBody, verifyMetaSignature } from './signature';

const SECRET = 'test_app_secret';
const VECTOR_A = 'sha256=dfbc715471953072f61e5fff9f204c444479e7b421d66b87975e463e23147615';
const VECTOR_B = 'sha256=0a04ea4322b419f38a84145cd2c7ff52c3c8f579979fb2b5fe0d67d21ec6252e';

const request = (rawBody: Buffer, signature?: string): WebhookRequest => ({
  rawBody,
  headers: signature === undefined ? {} : { 'x-hub-signature-256': signature },
  query: '',
  url: '',
});

describe('Meta X-Hub-Signature-256 (CHANNELS.md §10.1)', () => {
  const bodyA = readFixture('whatsapp', 'inbound-text.body.txt');
  const bodyB = readFixture('messenger', 'inbound-text-no-quick-reply.body.txt');

  it('reproduces the computed vectors A (WhatsApp) and B (Messenger)', () => {
    expect(bodyA.length).toBe(499);
    expect(signMetaBody(SECRET, bodyA)).toBe(VECTOR_A);
    expect(signMetaBody(SECRET, bodyB)).toBe(VECTOR_B);
    expect(verifyMetaSignature(request(bodyA, VECTOR_A), SECRET)).toEqual({ ok: true });
    expect(verifyMetaSignature(request(bodyB, VECTOR_B), SECRET)).toEqual({ ok: true });
  });

  it('accepts uppercase hex (compared after lowercasing)', () => {
    expect(verifyMetaSignature(request(bodyA, `sha256=${VECTOR_A.slice(7).toUpperCase()}`), SECRET).ok).toBe(true);
  });

  it('refuses a wrong secret, a re-serialised body, a missing prefix, a missing header and SHA-1', () => {
    expect(verifyMetaSignature(request(bodyA, VECTOR_A), 'other_app_secret')).toEqual({
      ok: false,
      reason: 'signature mismatch',
    });
    const pretty = readFixture('whatsapp', 'inbound-text.json');
    expect(verifyMetaSignature(request(pretty, VECTOR_A), SECRET).ok).toBe(false);
    expect(verifyMetaSignature(request(bodyA, VECTOR_A.slice(7)), SECRET)).toEqual({
      ok: false,
      reason: 'malformed X-Hub-Signature-256 header',
    });
    expect(verifyMetaSignature(request(bodyA), SECRET)).toEqual({
      ok: false,
      reason: 'missing X-Hub-Signature-256 header',
    });
    expect(verifyMetaSignature(request(bodyA, `sha1=${'0'.repeat(40)}`), SECRET).ok).toBe(false);
    expect(verifyMetaSignature(request(bodyA, `${VECTOR_A}0`), SECRET).ok).toBe(false);
  });
});

describe('Meta webhook handshake', () => {
  const query = readFixture('whatsapp', 'verify-handshake.query.txt').toString('utf8');
  const expected = readFixture('whatsapp', 'verify-handshake.response.txt').toString('utf8');

  it('echoes the raw challenge when the verify token matches', () => {
    expect(metaHandshake(new URLSearchParams(query), 'meatyhamhock')).toEqual({ status: 200, body: expected });
  });

  it('answers 403 to a wrong token or mode', () => {
    expect(metaHandshake(new URLSearchParams(query), 'other-token').status).toBe(403);
    const unsubscribe = query.replace('hub.mode=subscribe', 'hub.mode=unsubscribe');
    expect(metaHandshake(new URLSearchParams(unsubscribe), 'meatyhamhock').status).toBe(403);
    expect(
      metaHandshake(new URLSearchParams('hub.mode=subscribe&hub.verify_token=meatyhamhock'), 'meatyhamhock').status,
    ).toBe(403);
  });
});
