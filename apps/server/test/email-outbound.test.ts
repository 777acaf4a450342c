import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, contactChannels, messages, webhookEvents } from '../src/db/schema';
import { saveFile } from '../src/modules/files/service';
import { queueOutbound, settled } from './support/channel-helpers';
import { type EmailWorld, eml, startEmailWorld } from './support/email-world';
import { type FakeProvider, startFakeProvider } from './support/fake-provider';
import { eventually } from './support/runtime';

describe('Email channel: outbound by SMTP (smtp-server on loopback)', () => {
  let w: EmailWorld;
  let google: FakeProvider;
  let conversationId: number;

  beforeAll(async () => {
    w = await startEmailWorld({ pollSeconds: 1 });
    google = await startFakeProvider();
    google.on('POST', /^\/token$/, () => ({
      status: 200,
      body: JSON.stringify({ access_token: 'ya29.test-token', expires_in: 3599, token_type: 'Bearer' }),
    }));
    await w.imap.deliver(eml('inbound-reply.eml'));
    conversationId = (await w.stored('<CAF=9x2kQv8p1@mail.example.org>')).conversationId;
  });
  afterAll(async () => {
    await google?.close();
    await w?.close();
  });

  it('“Test connection” logs into both servers and reports the refusing server’s words', async () => {
    const url = `/api/w/${w.setup.ws.slug}/channels/test-connection`;
    expect(await w.session.json('POST', url, { type: 'email', config: w.config })).toMatchObject({ status: 200 });
    const badSmtp = await w.session.json('POST', url, {
      type: 'email',
      config: { ...w.config, smtp: { ...w.config.smtp, pass: 'nope' } },
    });
    expect(badSmtp.status).toBe(400);
    expect(badSmtp.body.message).toMatch(/^SMTP: .*Invalid username or password/);
    const closed = await w.session.json('POST', url, {
      type: 'email',
      config: { ...w.config, imap: { ...w.config.imap, port: 1 } },
    });
    expect(closed.status).toBe(400);
    expect(closed.body.message).toMatch(/^IMAP: .*ECONNREFUSED/);
  });

  it('“Test connection” and creating a channel reach only public hosts on mail ports, unless the host is allowed', async () => {
    const url = `/api/w/${w.setup.ws.slug}/channels/test-connection`;
    const withImap = (imap: Partial<typeof w.config.imap>) => ({
      type: 'email',
      config: { ...w.config, imap: { ...w.config.imap, ...imap } },
    });
    // The same Dovecot under a name that is not allow-listed: refused before any connection.
    const dovecot = await w.session.json('POST', url, withImap({ host: 'localhost' }));
    expect(dovecot).toMatchObject({ status: 400, body: { code: 'mail_port_not_allowed', server: 'imap' } });
    expect(dovecot.body.message).toBe(`IMAP port ${w.config.imap.port} is not allowed: use 143 or 993`);
    const local = await w.session.json('POST', url, withImap({ host: 'localhost', port: 143 }));
    expect(local).toMatchObject({ status: 400, body: { code: 'mail_host_private', host: 'localhost' } });
    expect(local.body.message).toBe('IMAP: localhost is a private or local address, which Charla does not connect to');
    const privateNet = await w.session.json('POST', url, withImap({ host: '10.20.30.40', port: 993 }));
    expect(privateNet.body.message).toBe(
      'IMAP: 10.20.30.40 is a private or local address, which Charla does not connect to',
    );
    const port = await w.session.json('POST', url, withImap({ host: '203.0.113.9', port: 6379 }));
    expect(port.body.message).toBe('IMAP port 6379 is not allowed: use 143 or 993');
    const smtpPort = await w.session.json('POST', url, {
      type: 'email',
      config: { ...w.config, smtp: { ...w.config.smtp, host: '203.0.113.9', port: 22 } },
    });
    expect(smtpPort.body.message).toBe('SMTP port 22 is not allowed: use 25, 465, 587 or 2525');

    const created = await w.session.json('POST', `/api/w/${w.setup.ws.slug}/channels`, {
      ...withImap({ host: 'localhost', port: 993 }),
      name: 'Probe',
    });
    expect(created.status).toBe(400);
    expect(created.body.message).toMatch(/localhost is a private or local address/);
    expect(await w.scope.count(channels, eq(channels.name, 'Probe'))).toBe(0);
  });

  it('retries a 4xx refusal and sends; the message is sent with our Message-ID', async () => {
    w.smtp.refuseNextRcpt(451, '4.7.1 Greylisted, please try again later');
    const { body } = await w.reply(conversationId, 'Retry me');
    const m = await settled(w.scope, body.id, 20_000);
    expect(m.status).toBe('sent');
    const got = w.smtp.received.filter((r) => r.mail.text?.includes('Retry me'));
    expect(got).toHaveLength(1);
    expect(got[0]!.mail.messageId).toBe(m.providerMessageId);
    expect(m.providerMessageId).toMatch(/^<[0-9a-f-]{36}@our-domain\.test>$/);
  });

  it('fails a 5xx refusal with the server’s reason and marks the address unreachable', async () => {
    w.smtp.refuseNextRcpt(550, '5.1.1 <jane.doe@example.org>: Recipient address rejected: User unknown');
    const { body } = await w.reply(conversationId, 'Refuse me');
    const m = await settled(w.scope, body.id, 20_000);
    expect(m).toMatchObject({ status: 'failed', errorCode: 'smtp_550' });
    expect(m.errorReason).toContain('Recipient address rejected: User unknown');
    const [address] = await w.scope.find(contactChannels, eq(contactChannels.contactId, m.contactId));
    expect(address).toMatchObject({ unreachable: true });
    // Writing again proves the address works.
    await w.scope.update(contactChannels, { unreachable: false }, eq(contactChannels.id, address!.id));
  });

  it('sends attachments from Files as MIME parts', async () => {
    const file = await saveFile(w.rt.ctx, w.scope, {
      name: 'factura.pdf',
      mime: 'application/pdf',
      bytes: Buffer.from('%PDF-1.4 test'),
      source: 'upload',
    });
    const row = await queueOutbound(w.rt.ctx, w.scope, conversationId, {
      text: 'Your invoice',
      attachments: [{ type: 'file', fileId: file.id, name: file.name, mime: file.mime, size: file.size }],
    });
    const m = await settled(w.scope, row.id, 20_000);
    expect(m.status).toBe('sent');
    const out = w.smtp.received.find((r) => r.mail.messageId === m.providerMessageId)!;
    expect(out.mail.attachments.map((a) => [a.filename, a.contentType, a.content.toString()])).toEqual([
      ['factura.pdf', 'application/pdf', '%PDF-1.4 test'],
    ]);
  });

  it('Gmail: sends with SASL XOAUTH2 and an access token from the (configurable) token endpoint', async () => {
    const config = {
      provider: 'gmail',
      clientId: 'client-1.apps.googleusercontent.com',
      clientSecret: 'secret-1',
      refreshToken: '1//refresh-token',
      user: 'support@our-domain.test',
      oauthBaseUrl: google.url,
      imap: { host: w.imap.host, port: w.imap.port, secure: false },
      smtp: { host: w.smtp.host, port: w.smtp.port, secure: false },
    };
    // Created directly: the test Dovecot has no OAuth2 passdb, so the IMAP half of connect() cannot pass.
    const [gmail] = await w.scope
      .insert(channels, {
        type: 'email',
        name: 'Gmail',
        configEncrypted: w.rt.ctx.secrets.seal(JSON.stringify(config)),
      })
      .returning();
    // The mail as the poller stores it.
    await w.scope.insert(webhookEvents, {
      channelId: gmail!.id,
      providerEventId: '<CAF=9x2kQv8p1@mail.example.org>',
      contentType: 'message/rfc822',
      body: eml('inbound-reply.eml').toString('base64'),
      headers: { 'content-transfer-encoding': 'base64' },
    });
    const inbound = await eventually(async () => {
      const [m] = await w.scope.find(messages, eq(messages.channelId, gmail!.id));
      return m;
    }, 20_000);
    const row = await queueOutbound(w.rt.ctx, w.scope, inbound.conversationId, { text: 'Via Gmail' });
    const m = await settled(w.scope, row.id, 20_000);
    expect(m.status).toBe('sent');
    const out = w.smtp.received.find((r) => r.mail.messageId === m.providerMessageId)!;
    expect(out.from).toBe('support@our-domain.test');
    expect(out.mail.inReplyTo).toBe('<CAF=9x2kQv8p1@mail.example.org>');
    const tokenCall = google.callsTo(/^\/token$/).at(-1)!;
    expect(Object.fromEntries(new URLSearchParams(tokenCall.body.toString()))).toEqual({
      grant_type: 'refresh_token',
      client_id: 'client-1.apps.googleusercontent.com',
      client_secret: 'secret-1',
      refresh_token: '1//refresh-token',
    });
  });

  it('shows a failing mailbox login under the channel in Settings, and clears it once polls work again', async () => {
    const problem = async () => {
      const { body } = await w.session.json('GET', `/api/w/${w.setup.ws.slug}/channels`);
      return (body.items as { id: number; status: string; statusReason: string | null }[]).find(
        (c) => c.id === w.channelId,
      )!;
    };
    w.imap.setPassword('rotated');
    const failing = await eventually(async () => ((await problem()).statusReason ? problem() : undefined), 20_000);
    expect(failing).toMatchObject({ status: 'active' });
    expect(failing.statusReason).toMatch(/^IMAP login refused: .*Authentication failed/);
    w.imap.setPassword(w.imap.pass);
    await eventually(async () => ((await problem()).statusReason === null ? true : undefined), 20_000);
  });
});
