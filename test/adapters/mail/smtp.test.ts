import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MailAddressError } from '#adapters/mail/address.ts';
import { MailRelayError } from '#adapters/mail/relay-error.ts';
import { SmtpMailSender } from '#adapters/mail/smtp-sender.ts';
import type { SmtpMailSenderConfig } from '#adapters/mail/smtp-sender.ts';
import { mailSenderFromEnv } from '#shared/mail.ts';
import { leafParts, parseMime } from './mime.ts';

interface Received {
  raw: string;
  mailFrom: string | undefined;
  rcptTo: string[];
}

interface Relay {
  port: number;
  received: Received[];
  connections: number;
  /** When set, the relay answers RCPT TO or the end of DATA with this temporary failure. */
  refuse: { stage: 'rcpt' | 'data'; code: number } | undefined;
  close(): Promise<void>;
}

async function startRelay(): Promise<Relay> {
  const relay: Relay = { port: 0, received: [], connections: 0, refuse: undefined, close: async () => {} };
  const refusal = (code: number) =>
    Object.assign(new Error('Requested action aborted: try again later'), { responseCode: code });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect(_session, callback) {
      relay.connections++;
      callback();
    },
    onRcptTo(_address, _session, callback) {
      if (relay.refuse?.stage === 'rcpt') return callback(refusal(relay.refuse.code));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (relay.refuse?.stage === 'data') return callback(refusal(relay.refuse.code));
        relay.received.push({
          raw: Buffer.concat(chunks).toString('utf8'),
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
        });
        callback();
      });
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  relay.port = (server.server.address() as AddressInfo).port;
  relay.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return relay;
}

const FROM = 'privacy-assistant@council.example';
const DPO = 'dpo@council.example';

function senderFor(port: number, overrides: Partial<SmtpMailSenderConfig> = {}): SmtpMailSender {
  return new SmtpMailSender({
    host: '127.0.0.1',
    port,
    secure: false,
    requireTLS: false, // the test relay has no STARTTLS
    from: FROM,
    connectionTimeout: 2_000,
    greetingTimeout: 2_000,
    socketTimeout: 5_000,
    ...overrides,
  });
}

describe('SmtpMailSender against a real SMTP server', () => {
  let relay: Relay;
  let sender: SmtpMailSender;

  beforeEach(async () => {
    relay = await startRelay();
    sender = senderFor(relay.port);
  });

  afterEach(async () => {
    sender.close();
    await relay.close();
  });

  it('delivers a DPO email with the right headers, the body text and a .txt attachment', async () => {
    const text =
      'A resident asked a question the assistant could not answer.\n\nReference: SAR-2024-0042 — café visit.';
    const transcript = 'Q: Who sees my council tax data?\nA: I could not find this in the notice.\n';
    await sender.send({
      to: DPO,
      subject: 'Privacy question escalated: SAR-2024-0042',
      text,
      replyTo: "resident.o'brien@example.org",
      attachments: [{ filename: 'transcript.txt', content: transcript, contentType: 'text/plain' }],
    });

    expect(relay.received).toHaveLength(1);
    const [message] = relay.received;
    expect(message!.mailFrom).toBe(FROM);
    expect(message!.rcptTo).toEqual([DPO]);

    const mime = parseMime(message!.raw);
    expect(mime.header('to')).toBe(DPO);
    expect(mime.header('from')).toBe(FROM);
    expect(mime.header('reply-to')).toBe("resident.o'brien@example.org");
    expect(mime.header('subject')).toBe('Privacy question escalated: SAR-2024-0042');
    expect(mime.header('bcc')).toBeUndefined();

    const leaves = leafParts(mime);
    const body = leaves.find((p) => !/attachment/i.test(p.header('content-disposition') ?? ''));
    const attachment = leaves.find((p) => /attachment/i.test(p.header('content-disposition') ?? ''));
    expect(body?.header('content-type')).toMatch(/^text\/plain; charset=utf-8/i);
    expect(body?.body.replace(/\r\n/g, '\n')).toBe(text);
    expect(attachment?.header('content-disposition')).toMatch(/filename="?transcript\.txt"?/);
    expect(attachment?.header('content-type')).toMatch(/^text\/plain/);
    expect(attachment?.body.replace(/\r\n/g, '\n')).toBe(transcript);
  });

  it.each(['rcpt', 'data'] as const)(
    'rejects with MailRelayError carrying the code when the relay refuses at %s, then delivers once it accepts',
    async (stage) => {
      relay.refuse = { stage, code: 451 };
      const mail = { to: DPO, subject: 'Escalation', text: 'Please reply.' };
      const error = await sender.send(mail).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MailRelayError);
      expect(error).toMatchObject({ relay: 'smtp', responseCode: 451, permanent: false });
      expect((error as Error).message).toMatch(/refused the message \(451\)/);
      expect(relay.received).toHaveLength(0);

      relay.refuse = undefined;
      await sender.send(mail);
      expect(relay.received).toHaveLength(1);
      expect(relay.received[0]!.rcptTo).toEqual([DPO]);
    },
  );

  it('marks a permanent refusal (550) as permanent', async () => {
    relay.refuse = { stage: 'rcpt', code: 550 };
    await expect(sender.send({ to: DPO, subject: 'Escalation', text: 'x' })).rejects.toMatchObject({
      name: 'MailRelayError',
      responseCode: 550,
      permanent: true,
    });
  });

  it('rejects quickly with MailRelayError when nothing is listening', async () => {
    const port = relay.port;
    await relay.close();
    const down = senderFor(port);
    const started = Date.now();
    const error = await down.send({ to: DPO, subject: 'Escalation', text: 'x' }).catch((e: unknown) => e);
    down.close();
    expect(error).toBeInstanceOf(MailRelayError);
    expect(error).toMatchObject({ relay: 'smtp', responseCode: undefined, permanent: false });
    expect((error as Error).message).toMatch(/could not be reached/);
    expect(Date.now() - started).toBeLessThan(2_000);
    relay = await startRelay(); // for afterEach
  });

  it('refuses addresses that would inject headers before connecting, and keeps a hostile subject on one line', async () => {
    const attempts = [
      { to: 'dpo@council.example\r\nBcc: evil@example.com', subject: 'Escalation', text: 'x' },
      { to: DPO, replyTo: 'resident@example.org\nBcc: evil@example.com', subject: 'Escalation', text: 'x' },
      { to: 'dpo@council.example, evil@example.com', subject: 'Escalation', text: 'x' },
      { to: 'Evil <evil@example.com>', subject: 'Escalation', text: 'x' },
    ];
    for (const mail of attempts) await expect(sender.send(mail)).rejects.toBeInstanceOf(MailAddressError);
    expect(relay.connections).toBe(0);
    expect(relay.received).toHaveLength(0);

    await sender.send({
      to: DPO,
      subject: 'Escalation\r\nBcc: evil@example.com\r\n\r\nInjected body',
      text: 'x',
      attachments: [{ filename: 'a"\r\nBcc: evil@example.com.txt', content: 'y' }],
    });
    expect(relay.received).toHaveLength(1);
    const [message] = relay.received;
    expect(message!.rcptTo).toEqual([DPO]);
    const mime = parseMime(message!.raw);
    expect(mime.rawHeaders).not.toMatch(/^bcc:/im);
    expect(mime.headers.filter(([name]) => name === 'subject')).toEqual([
      ['subject', 'Escalation Bcc: evil@example.com Injected body'],
    ]);
    // The whole subject is on a single physical line.
    expect(mime.rawHeaders).toMatch(/^Subject: Escalation Bcc: evil@example\.com Injected body\r?$/m);
    const attachment = leafParts(mime).find((p) => /attachment/i.test(p.header('content-disposition') ?? ''));
    expect(attachment?.rawHeaders).not.toMatch(/^bcc:/im);
    expect(attachment?.body).toBe('y');
  });

  it('refuses an invalid from address when configured', () => {
    expect(() => senderFor(relay.port, { from: 'assistant@council.example\r\nBcc: x@example.com' })).toThrow(
      MailAddressError,
    );
  });
});

describe('mailSenderFromEnv: the transport a deployment configures', () => {
  let relay: Relay;
  beforeEach(async () => (relay = await startRelay()));
  afterEach(() => relay.close());

  const mail = { to: DPO, subject: 'Test', text: 'Hello' };

  it('connects to the configured SMTP relay and will not send credentials or mail over a plaintext one', async () => {
    const sender = mailSenderFromEnv({
      MAIL_TRANSPORT: 'smtp',
      MAIL_FROM: FROM,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(relay.port),
    });
    await expect(sender.send(mail)).rejects.toThrow(MailRelayError);
    expect(relay.connections).toBe(1); // host and port came from the environment
    expect(relay.received).toEqual([]); // the relay offers no STARTTLS, so nothing was sent in the clear
  });

  it('says what is missing or wrong instead of starting half configured', () => {
    expect(() => mailSenderFromEnv({ MAIL_TRANSPORT: 'smtp', SMTP_HOST: 'relay.example' })).toThrow(
      /MAIL_FROM is required/,
    );
    expect(() => mailSenderFromEnv({ MAIL_TRANSPORT: 'smtp', MAIL_FROM: FROM })).toThrow(/SMTP_HOST is required/);
    expect(() => mailSenderFromEnv({ MAIL_TRANSPORT: 'pigeon', MAIL_FROM: FROM })).toThrow(/MAIL_TRANSPORT/);
    expect(() => mailSenderFromEnv({ MAIL_TRANSPORT: 'ses', MAIL_FROM: 'not an address' })).toThrow(/MAIL_FROM/);
  });

  it('with no transport configured, sending fails so the queue keeps the mail for later', async () => {
    await expect(mailSenderFromEnv({}).send(mail)).rejects.toThrow();
  });
});
