import { describe, expect, it } from 'vitest';
import { parseMessagebirdWebhook } from './messagebird/inbound';
import { parseTwilioWebhook } from './twilio/inbound';
import type { WebhookRequest } from './types';

const request = (body: string, query = ''): WebhookRequest => ({
  rawBody: Buffer.from(body),
  headers: {},
  query,
  url: '',
});

describe('SMS opt-out reported in a status callback marks the address unreachable', () => {
  it('Twilio: a failed status with ErrorCode 21610 (the recipient replied STOP)', () => {
    const form = (code: string) =>
      new URLSearchParams({
        MessageSid: 'SM1',
        MessageStatus: 'undelivered',
        ErrorCode: code,
        AccountSid: 'AC1',
      }).toString();
    expect(parseTwilioWebhook(request(form('21610')))[0]).toMatchObject({
      kind: 'status',
      status: 'failed',
      errorCode: '21610',
      addressUnreachable: true,
    });
    expect(parseTwilioWebhook(request(form('30003')))[0]).toMatchObject({
      errorCode: '30003',
      addressUnreachable: false,
    });
  });

  it('MessageBird SMS: a delivery_failed report with statusErrorCode 103 (opted out)', () => {
    const query = (code: string) =>
      `id=b6aae1b5dfb2427a8f7ea6a717ba31a9&recipient=18885551515&status=delivery_failed&statusReason=unknown+subscriber&statusErrorCode=${code}`;
    expect(parseMessagebirdWebhook(request('', query('103')))[0]).toMatchObject({
      status: 'failed',
      errorCode: '103',
      addressUnreachable: true,
    });
    expect(parseMessagebirdWebhook(request('', query('1')))[0]).toMatchObject({ addressUnreachable: false });
  });
});
