import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS } from '#core/mail-queue.ts';
import { DynamoEscalationStore, ESCALATION_TABLE } from '../../functions/adapters/dynamodb-escalation-store.ts';
import { DynamoMailQueue } from '../../functions/adapters/dynamodb-mail-queue.ts';
import { SmtpMailSender } from '../../functions/adapters/mail/smtp-sender.ts';
import { createEscalationHandler } from '../../functions/channels/escalation/handler.ts';
import { createMailRetryHandler } from '../../functions/channels/escalation/retry.ts';
import { ensureMailQueueTable, startLocalDynamo, type LocalDynamo } from '../../functions/local/dynalite.ts';
import { ensureTable } from '../../functions/local/tables.ts';
import { parseMime } from '../adapters/mail/mime.ts';
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
  await ensureTable(dynamo.client, 'escalations', { partitionKey: 'pk', indexes: [ESCALATION_TABLE.openComplaints] });
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

  it('while the relay refuses, keeps the email queued and retries; once it recovers, delivers exactly once', async () => {
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
    expect(await retry()).toMatchObject({ sent: 0, retrying: 1 });
    // Nothing dead-lettered yet, and the alarm still gets its 0 for the run.
    expect(metrics.runs).toEqual([{ MailDeadLettered: 0 }]);
    relay.refusing = false;
    clock += 5 * 60_000;
    expect(await retry()).toMatchObject({ sent: 1, retrying: 0 });
    clock += 24 * 60 * 60_000;
    await retry();
    expect(relay.received.slice(before).filter((m) => m.includes(reference))).toHaveLength(1);
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
