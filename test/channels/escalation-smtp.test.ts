import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS } from '#core/mail-queue.ts';
import { DynamoEscalationStore, ESCALATIONS_KEY_SCHEMA } from '#adapters/dynamodb-escalation-store.ts';
import { DynamoMailQueue } from '#adapters/dynamodb-mail-queue.ts';
import { SmtpMailSender } from '#adapters/mail/smtp-sender.ts';
import { createEscalationHandler } from '../../functions/channels/escalation/handler.ts';
import { createMailRetryHandler } from '../../functions/channels/escalation/retry.ts';
import { ensureMailQueueTable, startLocalDynamo, type LocalDynamo } from '../../functions/local/dynalite.ts';
import { ensureTable } from '../../functions/local/tables.ts';
import { parseMime, type MimePart } from '../adapters/mail/mime.ts';
import { realIndex, recordedMetrics } from '../helpers.ts';

// The escalation path against a real SMTP server on loopback: stored first, delivered on acceptance, retried
// with backoff while the relay refuses, dead-lettered (nothing lost) when it never accepts.
const ORIGIN = 'https://www.council.example';
const silent = new Logger({ serviceName: 'smtp-test', logLevel: 'SILENT' });
const relay = { refusing: false, received: [] as string[] };
let smtp: SMTPServer;
let smtpPort = 0;
let dynamo: LocalDynamo;
let clock = Date.parse('2026-11-23T10:00:00Z');
const now = () => new Date(clock);

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (relay.refusing) return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
      callback();
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        relay.received.push(Buffer.concat(chunks).toString('utf8'));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
  dynamo = await startLocalDynamo();
  await ensureMailQueueTable(dynamo.client, 'mail');
  await ensureTable(dynamo.client, 'escalations', {
    partitionKey: 'pk',
    indexes: [ESCALATIONS_KEY_SCHEMA.openComplaints],
  });
});
afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await dynamo.close();
});

const sender = (port = smtpPort) =>
  new SmtpMailSender({
    host: '127.0.0.1',
    port,
    secure: false,
    requireTLS: false,
    from: 'assistant@council.example',
    connectionTimeout: 2000,
  });
const queue = () => new DynamoMailQueue(dynamo.client, 'mail');
const textOf = (m: MimePart) => (m.parts.length ? m.parts.map((p) => p.body).join('\n') : m.body);

async function escalate(body: Record<string, unknown>, mailer = sender()) {
  const handler = createEscalationHandler({
    index: realIndex(),
    store: new DynamoEscalationStore(dynamo.client, 'escalations'),
    queue: queue(),
    sender: mailer,
    randomBytes: (n) => randomBytes(n),
    newId: randomUUID,
    now,
    today: () => '2026-11-23',
    logger: silent,
    allowedOrigins: [ORIGIN],
  });
  const event = {
    version: '2.0',
    rawPath: '/api/escalate',
    headers: { 'content-type': 'application/json', origin: ORIGIN },
    body: JSON.stringify({
      council: 'kent',
      notice: 'kent-community-learning-skills',
      sessionId: randomUUID(),
      ...body,
    }),
    isBase64Encoded: false,
    requestContext: { http: { method: 'POST', path: '/api/escalate' }, requestId: 't' },
  } as unknown as APIGatewayProxyEventV2;
  const response = await handler(event, {} as Context);
  if (response.statusCode !== 201) throw new Error(response.body);
  return JSON.parse(response.body!) as { reference: string };
}

describe('escalation email over SMTP', () => {
  it('arrives at the DPO mailbox with the right fields and the consented conversation attached', async () => {
    const { reference } = await escalate({
      contact: { email: 'learner@example.com' },
      message: 'Who can see my course records?',
      consentToTranscript: true,
      transcript: [{ from: 'you', text: 'who sees my records' }],
    });
    const message = parseMime(relay.received.find((m) => m.includes(reference))!);
    expect(message.header('to')).toBe('dpo@kent.gov.uk');
    expect(message.header('reply-to')).toBe('learner@example.com');
    expect(message.header('subject')).toBe(`Question for the Data Protection Officer: ${reference}`);
    const [text, attachment] = message.parts;
    expect(text!.body).toContain('Service: Community Learning and Skills');
    expect(text!.body).toContain('Who can see my course records?');
    expect(attachment!.header('content-disposition')).toContain(`conversation-${reference}.txt`);
    expect(attachment!.body).toContain('Person: who sees my records');
  });

  it('while the relay refuses, keeps the email and the person’s copy queued and retries; once it recovers, delivers each exactly once', async () => {
    relay.refusing = true;
    const before = relay.received.length;
    const { reference } = await escalate({
      contact: { email: 'a@example.com' },
      message: 'Please call me about my file',
    });
    const metrics = recordedMetrics();
    const retry = createMailRetryHandler({
      queue: queue(),
      sender: sender(),
      now,
      logger: silent,
      metrics: metrics.port,
    });
    clock += 60_000;
    // The DPO's mail and the person's acknowledgement, both still queued.
    expect(await retry()).toMatchObject({ sent: 0, retrying: 2 });
    // Nothing dead-lettered yet, and the alarm still gets its 0 for the run.
    expect(metrics.runs).toEqual([{ MailDeadLettered: 0 }]);
    relay.refusing = false;
    clock += 5 * 60_000;
    expect(await retry()).toMatchObject({ sent: 2, retrying: 0 });
    clock += 24 * 60 * 60_000;
    await retry();
    const delivered = relay.received.slice(before).map(parseMime);
    const to = (address: string) =>
      delivered.filter((m) => m.header('to') === address && textOf(m).includes(reference));
    expect(to('dpo@kent.gov.uk')).toHaveLength(1);
    expect(to('a@example.com')).toHaveLength(1);
    expect(to('a@example.com')[0]!.header('message-id')).toBe(`<${reference}.acknowledgement@council.example>`);
  });

  it('sends the person who gave an email address an acknowledgement with the reference, in plain words and long dates', async () => {
    const { reference, message } = (await escalate({
      contact: { name: 'Jo Bloggs', email: 'jo.bloggs@example.com', phone: '07700 900462' },
      message: 'I want to complain: you shared my health details with my employer.',
    })) as { reference: string; message: string };
    // The screen says so too.
    expect(message).toContain('We are also emailing you this reference.');
    const copies = relay.received.map(parseMime).filter((m) => m.header('to') === 'jo.bloggs@example.com');
    expect(copies).toHaveLength(1);
    const copy = copies[0]!;
    expect(copy.header('subject')).toBe(`We have received your message: ${reference}`);
    expect(copy.header('reply-to')).toBe('dpo@kent.gov.uk');
    expect(copy.header('message-id')).toBe(`<${reference}.acknowledgement@council.example>`);
    expect(copy.header('x-mail-id')).toBe(copy.header('message-id'));
    const text = textOf(copy);
    expect(text).toContain('Thank you for your message to the Data Protection Officer at Kent County Council.');
    expect(text).toContain('We received it on 23 November 2026.');
    expect(text).toContain(`Your reference is ${reference}.`);
    // A complaint: acknowledged within 30 days (DPA 2018 s.164A), written as people write dates.
    expect(text).toContain('We will acknowledge it by 23 December 2026');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    // Nothing they typed: the address is not verified, so the copy must be harmless in a stranger's inbox.
    for (const typed of ['health details', 'employer', 'Jo', 'Bloggs', '07700', '900462'])
      expect(text).not.toContain(typed);
    // No address, no acknowledgement: a phone number only gets the DPO's mail.
    const before = relay.received.length;
    const phoned = (await escalate({ contact: { phone: '01632 960 001' }, message: 'Please ring me' })) as {
      reference: string;
      message: string;
    };
    expect(phoned.message).not.toContain('emailing');
    const sent = relay.received.slice(before).map(parseMime);
    expect(sent.map((m) => m.header('to'))).toEqual(['dpo@kent.gov.uk']);
  });

  it('with the relay down for every retry, ends in the dead-letter state with the whole email kept', async () => {
    const closed = new SMTPServer({ disabledCommands: ['STARTTLS'], logger: false });
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve())); // nothing listens there now
    const { reference } = await escalate(
      { contact: { phone: '01632 960 001' }, message: 'Nobody answered my letter' },
      sender(deadPort),
    );
    const metrics = recordedMetrics();
    const retry = createMailRetryHandler({
      queue: queue(),
      sender: sender(deadPort),
      now,
      logger: silent,
      metrics: metrics.port,
    });
    for (let i = 0; i < MAX_ATTEMPTS + 1; i++) {
      clock += 24 * 60 * 60_000;
      await retry();
    }
    const deadLetters = await queue().dead();
    // Every run reported the figure; the last one counts every mail now in the dead-letter state.
    expect(metrics.runs).toHaveLength(MAX_ATTEMPTS + 1);
    expect(metrics.runs.at(-1)).toEqual({ MailDeadLettered: deadLetters.length });
    expect(metrics.runs[0]).toEqual({ MailDeadLettered: 0 });
    const dead = deadLetters.find((m) => m.relatedTo === reference)!;
    expect(dead).toMatchObject({ status: 'dead', attempts: MAX_ATTEMPTS });
    expect(dead.mail.text).toContain('Nobody answered my letter');
    expect(dead.mail.to).toBe('dpo@kent.gov.uk');
  }, 60_000);
});
