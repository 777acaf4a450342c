import fs from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  contactChannels,
  contactIdentifiers,
  contacts,
  emailMailboxes,
  messages,
  webhookEvents,
} from '../src/db/schema';
import { EmailIdleWatchers } from '../src/modules/email/idle';
import { requestEmailPoll } from '../src/modules/email/poll-job';
import { fileById } from '../src/modules/files/service';
import { type EmailWorld, eml, startEmailWorld } from './support/email-world';
import { eventually } from './support/runtime';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** Established TCP connections to a loopback port (IPv4), read from /proc/net/tcp: open IMAP sessions. */
function establishedTo(port: number): number {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return fs
    .readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .slice(1)
    .filter((line) => {
      const [, local, , state] = line.trim().split(/\s+/);
      return local?.endsWith(`:${hexPort}`) && state === '01';
    }).length;
}

// Small enough for a test mail to exceed, far above every fixture.
const MAX_BYTES = 64 * 1024;

// Polls are hourly here: mail is fetched because the IDLE watcher hears it arrive.
describe('Email channel: inbound from a real IMAP server (Dovecot), woken by IDLE', () => {
  let w: EmailWorld;
  const eventCount = () => w.scope.count(webhookEvents, eq(webhookEvents.channelId, w.channelId));

  beforeAll(async () => {
    w = await startEmailWorld({ pollSeconds: 3600, maxBytes: MAX_BYTES });
  });
  afterAll(async () => {
    await w?.close();
  });

  it('refuses a channel whose IMAP login fails, with the server’s reason', async () => {
    const { status, body } = await w.session.json('POST', `/api/w/${w.setup.ws.slug}/channels`, {
      type: 'email',
      name: 'Wrong password',
      config: { ...w.config, imap: { ...w.config.imap, pass: 'wrong' } },
    });
    expect(status).toBe(400);
    expect(body.message).toMatch(/IMAP login refused: .*Authentication failed/i);
  });

  it('stores a new customer’s mail once: contact with a verified email, name, subject, text and the attachment in Files', async () => {
    await w.imap.deliver(eml('new-customer-attachment.eml'));
    const m = await w.stored('<20250203093000.88@mail.example.net>');
    expect(m.body).toBe('Hola, el pedido #88 llegó dañado. Adjunto una foto.\n\nCarlos');
    expect(m.meta).toMatchObject({ subject: 'Pedido #88 dañado', inReplyTo: [], references: [] });
    const [contact] = await w.scope.find(contacts, eq(contacts.id, m.contactId));
    expect(contact).toMatchObject({ firstName: 'Carlos', lastName: 'Ramírez', email: 'carlos.ramirez@example.net' });
    const [identifier] = await w.scope.find(contactIdentifiers, eq(contactIdentifiers.contactId, m.contactId));
    expect(identifier).toMatchObject({
      kind: 'email',
      value: 'carlos.ramirez@example.net',
      verified: true,
      source: 'email',
    });

    const withFile = await eventually(async () => {
      const [row] = await w.scope.find(messages, eq(messages.id, m.id));
      return row?.attachments[0]?.fileId ? row : undefined;
    }, 20_000);
    expect(withFile.attachments[0]).toMatchObject({
      type: 'image',
      name: 'foto.png',
      mime: 'image/png',
      size: PNG.length,
    });
    expect((await fileById(w.rt.ctx, withFile.attachments[0]!.fileId!))!.bytes).toEqual(PNG);
  });

  it('stores nothing twice: a re-poll, a crash between the insert and the cursor, a UIDVALIDITY change', async () => {
    const before = await eventCount();
    expect(await w.poll()).toMatchObject({ stored: 0 });

    // A crash after the message was stored but before the cursor moved past it leaves exactly this state.
    const cursor = await w.cursor();
    await w.scope.update(emailMailboxes, { lastUid: 0, uidValidity: null }, eq(emailMailboxes.id, cursor.id));
    expect(await w.poll()).toMatchObject({ fetched: 1, stored: 0 });
    expect((await w.cursor()).lastUid).toBe(cursor.lastUid);

    await w.imap.resetUidValidity();
    const resync = await w.poll();
    expect(resync).toMatchObject({ resynced: true, stored: 0 });
    expect((await w.cursor()).uidValidity).not.toBe(cursor.uidValidity);

    expect(await eventCount()).toBe(before);
    expect(await w.scope.count(messages, eq(messages.providerMessageId, '<20250203093000.88@mail.example.net>'))).toBe(
      1,
    );
  });

  it('shows an HTML-only mail as text, never as HTML', async () => {
    await w.imap.deliver(eml('html-only.eml'));
    const m = await w.stored('<html-only-1@example.com>');
    expect(m.body).toBe('Hello,\n\nWhere can I download my invoices?');
    expect(m.body).not.toMatch(/<[a-z/]|alert|pixel\.gif/i);
  });

  it('ignores auto-replies: stored as a raw event, no message, no reply', async () => {
    await w.imap.deliver(eml('auto-reply.eml'));
    const event = await eventually(async () => {
      const [e] = await w.scope.find(webhookEvents, eq(webhookEvents.providerEventId, '<auto-reply-1@example.com>'));
      return e?.processedAt ? e : undefined;
    }, 20_000);
    expect(event.error).toBeNull();
    expect(await w.scope.count(messages, eq(messages.providerMessageId, '<auto-reply-1@example.com>'))).toBe(0);
  });

  it('threads both ways: the reply to the fixture carries its In-Reply-To/References; the customer’s answer joins the conversation', async () => {
    await w.imap.deliver(eml('inbound-reply.eml'));
    const inbound = await w.stored('<CAF=9x2kQv8p1@mail.example.org>');
    expect(inbound.body).toBe('Still nothing arrived.');
    expect(inbound.meta).toMatchObject({ subject: 'Re: [#1042] Order not delivered', quotedTrimmed: true });

    const base = `/api/w/${w.setup.ws.slug}/conversations/${inbound.conversationId}`;
    const history = await w.session.json('GET', `${base}/messages`);
    expect(history.body.items.at(-1)).toMatchObject({ subject: 'Re: [#1042] Order not delivered' });
    const channelsToReply = await w.session.json('GET', `${base}/reply-channels`);
    expect(channelsToReply.body.items[0]).toMatchObject({ type: 'email', subject: 'Re: [#1042] Order not delivered' });

    const { status, body } = await w.reply(inbound.conversationId, 'We are on it, Jane.');
    expect(status).toBe(201);
    const sent = await eventually(async () => {
      const [m] = await w.scope.find(messages, eq(messages.id, body.id));
      return m?.status === 'sent' ? m : undefined;
    }, 20_000);
    const out = w.smtp.received.find((r) => r.mail.messageId === sent.providerMessageId)!;
    expect(out.to).toEqual(['jane.doe@example.org']);
    expect(out.mail.subject).toBe('Re: [#1042] Order not delivered');
    expect(out.mail.from?.value[0]).toEqual({ address: 'support@our-domain.test', name: 'Acme Support' });
    expect(out.mail.text?.trim()).toBe('We are on it, Jane.');
    expect(sent.meta).toMatchObject({ subject: 'Re: [#1042] Order not delivered' });
    const expected = eml('outbound-reply.expected-headers.txt').toString().trim().split('\n');
    const headerLines = out.raw
      .toString()
      .split('\r\n\r\n')[0]!
      .replace(/\r\n[ \t]+/g, ' ')
      .split('\r\n');
    for (const line of expected) expect(headerLines).toContain(line);

    const answer = [
      'From: Jane Doe <jane.doe@example.org>',
      'To: Acme Support <support@our-domain.test>',
      'Subject: Re: [#1042] Order not delivered',
      'Message-ID: <jane-answer-2@mail.example.org>',
      'Reply-To: Jane at work <jane.doe@work.example.org>',
      `In-Reply-To: ${sent.providerMessageId}`,
      `References: <CAF=9x2kQv8p1@mail.example.org> ${sent.providerMessageId}`,
      'Content-Type: text/plain; charset=UTF-8',
      '',
      'Thanks!',
      '',
      `On Wed, 5 Feb 2025 at 10:00, Acme Support <support@our-domain.test> wrote:`,
      '> We are on it, Jane.',
      '',
    ].join('\r\n');
    await w.imap.deliver(answer);
    const second = await w.stored('<jane-answer-2@mail.example.org>');
    expect(second.body).toBe('Thanks!');
    expect(second.conversationId).toBe(inbound.conversationId);
    expect(second.contactId).toBe(inbound.contactId);
    expect(second.meta).toMatchObject({ replyTo: 'jane.doe@work.example.org' });
  });

  it('a reply from another address to a known Message-ID joins that thread; the sender keeps their own contact', async () => {
    const jane = await w.conversationOf('jane.doe@example.org');
    const mail = (from: string, id: string, refs: string) =>
      [
        `From: ${from}`,
        'To: Acme Support <support@our-domain.test>',
        'Subject: Re: [#1042] Order not delivered',
        `Message-ID: ${id}`,
        'Reply-To: <mark.lee@elsewhere.example.com>',
        `References: ${refs}`,
        'Content-Type: text/plain; charset=UTF-8',
        '',
        'I am her colleague: the parcel is at our reception.',
        '',
      ].join('\r\n');
    // Only References (no In-Reply-To), naming Jane's last mail after an unknown id.
    await w.imap.deliver(
      mail('Mark Lee <mark.lee@example.org>', '<mark-1@example.org>', '<jane-answer-2@mail.example.org> <x@nowhere>'),
    );
    const cc = await w.stored('<mark-1@example.org>');
    expect(cc.conversationId).toBe(jane.id);
    expect(cc.contactId).toBe(jane.contactId);
    const [markAddress] = await w.scope.find(contactChannels, eq(contactChannels.externalId, 'mark.lee@example.org'));
    expect(markAddress!.contactId).not.toBe(jane.contactId);
    expect(cc.meta.from).toEqual({
      address: 'mark.lee@example.org',
      name: 'Mark Lee',
      contactId: markAddress!.contactId,
    });
    expect(cc.meta).not.toHaveProperty('replyTo');
    expect(
      await w.scope.count(
        contactIdentifiers,
        eq(contactIdentifiers.contactId, jane.contactId),
        eq(contactIdentifiers.value, 'mark.lee@example.org'),
      ),
    ).toBe(0);
    const history = await w.session.json('GET', `/api/w/${w.setup.ws.slug}/conversations/${jane.id}/messages`);
    expect(history.body.items.at(-1)).toMatchObject({ id: cc.id, senderName: 'Mark Lee <mark.lee@example.org>' });

    // A reply naming no mail of ours opens the sender's own conversation.
    await w.imap.deliver(mail('Mark Lee <mark.lee@example.org>', '<mark-2@example.org>', '<unknown-1@example.org>'));
    const own = await w.stored('<mark-2@example.org>');
    expect(own.contactId).toBe(markAddress!.contactId);
    expect(own.conversationId).not.toBe(jane.id);
    expect(own.meta).not.toHaveProperty('from');
  });

  it('a bounce (DSN 5.1.1) of our mail marks it failed with the server’s reason and the address unreachable', async () => {
    const conv = await w.conversationOf('jane.doe@example.org');
    const { body } = await w.reply(conv.id, 'Second update');
    const sent = await eventually(async () => {
      const [m] = await w.scope.find(messages, eq(messages.id, body.id));
      return m?.status === 'sent' ? m : undefined;
    }, 20_000);
    // Her last mail asked for answers at work (Reply-To); her colleague's mail since changes neither the
    // recipient nor what the reply answers.
    expect(w.smtp.received.find((r) => r.mail.messageId === sent.providerMessageId)!.to).toEqual([
      'jane.doe@work.example.org',
    ]);
    const dsn = eml('dsn-user-unknown.eml')
      .toString()
      .replaceAll('{{MESSAGE_ID}}', sent.providerMessageId!)
      .replaceAll('{{RECIPIENT}}', 'jane.doe@work.example.org');
    await w.imap.deliver(dsn);
    const failed = await eventually(async () => {
      const [m] = await w.scope.find(messages, eq(messages.id, sent.id));
      return m?.status === 'failed' ? m : undefined;
    }, 20_000);
    expect(failed.errorCode).toBe('5.1.1');
    expect(failed.errorReason).toContain(
      '550 5.1.1 <jane.doe@work.example.org>: Recipient address rejected: User unknown',
    );
    const [address] = await w.scope.find(
      contactChannels,
      and(eq(contactChannels.channelId, w.channelId), eq(contactChannels.externalId, 'jane.doe@example.org')),
    );
    expect(address).toMatchObject({ unreachable: true });
    expect(
      await w.scope.count(messages, eq(messages.providerMessageId, '<20250205100000.DSN1@mx.our-domain.test>')),
    ).toBe(0);
  });

  it('keeps a mail over EMAIL_MAX_BYTES as a visible "too large" message (subject, sender) without downloading it, and moves on', async () => {
    const big = [
      'From: Lucía Gómez <lucia.gomez@example.net>',
      'To: Acme Support <support@our-domain.test>',
      'Subject: Planos del local',
      'Message-ID: <big-1@example.net>',
      'Content-Type: text/plain; charset=UTF-8',
      '',
      ...Array.from({ length: 2000 }, (_, i) => `línea ${i} ${'x'.repeat(60)}`),
      '',
    ].join('\r\n');
    expect(Buffer.byteLength(big)).toBeGreaterThan(MAX_BYTES);
    await w.imap.deliver(big);
    await w.imap.deliver(
      [
        'From: Lucía Gómez <lucia.gomez@example.net>',
        'To: Acme Support <support@our-domain.test>',
        'Subject: Re: Planos del local',
        'Message-ID: <big-2@example.net>',
        'Content-Type: text/plain; charset=UTF-8',
        '',
        '¿Os llegó?',
        '',
      ].join('\r\n'),
    );
    const m = await w.stored('<big-1@example.net>');
    expect(m.body).toBeNull();
    expect(m.meta).toMatchObject({ subject: 'Planos del local', tooLarge: { limit: MAX_BYTES } });
    expect((m.meta.tooLarge as { size: number }).size).toBeGreaterThan(MAX_BYTES);
    const [raw] = await w.scope.find(webhookEvents, eq(webhookEvents.providerEventId, '<big-1@example.net>'));
    expect(raw!.body.length).toBeLessThan(4096); // the headers only, base64
    const [lucia] = await w.scope.find(contacts, eq(contacts.id, m.contactId));
    expect(lucia).toMatchObject({ email: 'lucia.gomez@example.net', firstName: 'Lucía' });
    const history = await w.session.json('GET', `/api/w/${w.setup.ws.slug}/conversations/${m.conversationId}/messages`);
    expect(history.body.items.find((i: { id: number }) => i.id === m.id)).toMatchObject({
      subject: 'Planos del local',
      body: null,
      tooLarge: { size: (m.meta.tooLarge as { size: number }).size, limit: MAX_BYTES },
    });
    // The cursor moved past it: the next mail is stored as usual.
    const next = await w.stored('<big-2@example.net>');
    expect(next.body).toBe('¿Os llegó?');
    expect(next.conversationId).toBe(m.conversationId);
  });

  it('takes nothing posted to the webhook URL: mail only enters through the mailbox', async () => {
    const before = await eventCount();
    const res = await fetch(`${w.rt.url}/webhooks/email/${w.channelId}`, {
      method: 'POST',
      body: eml('html-only.eml'),
    });
    expect(res.status).toBe(401);
    expect(await eventCount()).toBe(before);
  });

  it('one IDLE connection per mailbox across workers: a second one waits, takes over an expired lease, hands it back on stop', async () => {
    const holder = async () => (await w.cursor()).idleHolder;
    const first = await eventually(holder);
    const connections = () => establishedTo(w.imap.port);
    const rings: number[] = [];
    const second = new EmailIdleWatchers(
      w.rt.ctx,
      async (id) => {
        rings.push(id);
        await requestEmailPoll(w.rt.ctx, id);
      },
      'second-worker',
    );
    try {
      await second.sync([w.channelId]);
      expect(second.watching()).toEqual([]);
      expect(await holder()).toBe(first);
      await eventually(async () => connections() === 1, 20_000);

      // The first worker stops renewing (as after a crash): once its lease ran out, the second takes it.
      await w.scope.update(
        emailMailboxes,
        { idleUntil: new Date(Date.now() - 1000) },
        eq(emailMailboxes.channelId, w.channelId),
      );
      await second.sync([w.channelId]);
      expect(second.watching()).toEqual([w.channelId]);
      expect(await holder()).toBe('second-worker');
      // The first worker sees it lost the lease at its next sync and closes its connection.
      await eventually(async () => connections() === 1, 20_000);
      const before = rings.length;
      await w.imap.deliver(
        [
          'From: Ana Pérez <ana.perez@example.net>',
          'To: Acme Support <support@our-domain.test>',
          'Subject: IDLE',
          'Message-ID: <idle-handover@example.net>',
          '',
          'Hola',
          '',
        ].join('\r\n'),
      );
      await w.stored('<idle-handover@example.net>');
      expect(rings.length).toBeGreaterThan(before);
    } finally {
      await second.stop();
    }
    // Released on stop: the first worker watches again at its next sync.
    expect(second.watching()).toEqual([]);
    await eventually(async () => {
      const h = await holder();
      return h && h !== 'second-worker';
    }, 20_000);
    await eventually(async () => connections() === 1, 20_000);
  });
});
