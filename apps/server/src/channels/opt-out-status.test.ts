import { describe, expect, it } from 'vitest';
import { parseMessagebirdWebhook } from './messagebird/inbound';
import { parseTwilioWebhook } from './twilio/inbound';
import { parseVonageMessages } from './vonage/inbound-messages';
import { parseVonageSms } from './vonage/inbound-sms';
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

  it('Vonage SMS API: a failed/rejected receipt with err-code 9 (opted out); 3 and 4 (number gone, barred by user)', () => {
    const query = (status: string, code: string) =>
      `msisdn=447700900000&to=AcmeInc&network-code=12345&messageId=0A1&status=${status}&scts=2001011400&err-code=${code}`;
    expect(parseVonageSms(request('', query('rejected', '9')))[0]).toMatchObject({
      status: 'failed',
      errorCode: '9',
      addressUnreachable: true,
    });
    expect(parseVonageSms(request('', query('failed', '3')))[0]).toMatchObject({ addressUnreachable: true });
    expect(parseVonageSms(request('', query('failed', '4')))[0]).toMatchObject({ addressUnreachable: true });
    expect(parseVonageSms(request('', query('failed', '6')))[0]).toMatchObject({
      errorCode: '6',
      addressUnreachable: false,
    });
    expect(parseVonageSms(request('', query('expired', '0')))[0]).toMatchObject({
      errorCode: 'expired',
      errorReason: 'Delivery expired',
      addressUnreachable: false,
    });
  });

  it('Vonage Messages API: a rejected status whose error type ends in #1240 (opted out), #1050 or #1190', () => {
    const body = (code: string) =>
      JSON.stringify({
        message_uuid: 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab',
        status: 'rejected',
        channel: 'sms',
        error: { type: `https://developer.nexmo.com/api-errors/messages-olympus#${code}`, title: Number(code) },
      });
    for (const code of ['1240', '1050', '1190'])
      expect(parseVonageMessages(request(body(code)))[0]).toMatchObject({
        status: 'failed',
        errorCode: code,
        addressUnreachable: true,
      });
    expect(parseVonageMessages(request(body('1000')))[0]).toMatchObject({
      errorCode: '1000',
      addressUnreachable: false,
    });
  });
});
