// Finding 5 of issue 12. Exactly-once over SMTP is impossible, so a duplicate must be harmless: a mail whose send
// succeeded but whose "sent" write failed is sent again by the retry with the same Message-ID (over real SMTP, to
// smtp-server). And a SAR case written while its mail could not be queued gets its mail from the scheduled retry,
// without anyone resubmitting.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainQueue, enqueueAndSend, queued, type QueuedMail } from '#core/mail-queue.ts';
import type { MailQueue } from '#core/ports.ts';
import { DynamoMailQueue } from '#adapters/dynamodb-mail-queue.ts';
import { DynamoSarCaseStore } from '#adapters/dynamodb-sar-store.ts';
import { LocalOutbox } from '#adapters/local-outbox.ts';
import { SmtpMailSender } from '#adapters/mail/smtp-sender.ts';
import { createMailRetryHandler } from '../../functions/channels/escalation/retry.ts';
import { createSarIntakeHandler } from '../../functions/channels/sar-intake/handler.ts';
import { divisionCalendar } from '#shared/calendars.ts';
import {
  ensureMailQueueTable,
  ensureSarTable,
  startLocalDynamo,
  type LocalDynamo,
} from '../../functions/local/dynalite.ts';
import { recordedMetrics } from '../helpers.ts';

let dynamo: LocalDynamo;
let relay: { port: number; received: string[]; close: () => Promise<void> };
let clock = Date.parse('2026-11-23T09:00:00Z');
const now = () => new Date(clock).toISOString();

beforeAll(async () => {
  dynamo = await startLocalDynamo();
  await Promise.all([ensureMailQueueTable(dynamo.client, 'mail'), ensureSarTable(dynamo.client, 'sar')]);
  const received: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push(Buffer.concat(chunks).toString('utf8'));
        callback();
      });
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  relay = {
    port: (server.server.address() as AddressInfo).port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
});
afterAll(async () => {
  await relay.close();
  await dynamo.close();
});

/** The queue in dynalite, but the write that records "sent" fails while `failSent` is set (the store went away). */
class FlakyQueue implements MailQueue {
  failSent = true;
  constructor(private readonly inner: MailQueue) {}
  enqueue(mail: QueuedMail) {
    return this.inner.enqueue(mail);
  }
  due(at: string, limit: number) {
    return this.inner.due(at, limit);
  }
  async save(mail: QueuedMail, previousAttempts: number) {
    if (this.failSent && mail.status === 'sent') throw new Error('The store could not be reached');
    return this.inner.save(mail, previousAttempts);
  }
  get(id: string) {
    return this.inner.get(id);
  }
  dead() {
    return this.inner.dead();
  }
}

const messageIdOf = (raw: string) => /^Message-ID: (.+)$/im.exec(raw)?.[1]?.trim();

describe('a mail sent but not recorded as sent (the crash window)', () => {
  it('is sent again by the retry under the same Message-ID, so the two are one message to the recipient', async () => {
    const store = new DynamoMailQueue(dynamo.client, 'mail');
    const queue = new FlakyQueue(store);
    const sender = new SmtpMailSender({
      host: '127.0.0.1',
      port: relay.port,
      requireTLS: false,
      from: 'privacy@kent.gov.uk',
    });
    const id = `SAR-${randomUUID().slice(0, 8)}:acknowledgement`;
    const item = queued(
      id,
      'sar-acknowledgement',
      { to: 'sam@example.com', subject: 'Your request', text: 'hi' },
      now(),
    );
    const before = relay.received.length;

    // The relay accepts it; recording "sent" fails (three tries) — the mail stays pending under its lease.
    const first = await enqueueAndSend(queue, sender, item, now);
    expect(first?.status).toBe('sent');
    expect(relay.received.length).toBe(before + 1);
    expect(await store.get(id)).toMatchObject({ status: 'pending', attempts: 1 });

    // The store is back; once the lease has run out the retry sends it again.
    queue.failSent = false;
    clock += 3 * 60_000;
    expect(await drainQueue(queue, sender, now)).toMatchObject({ sent: 1 });
    expect(relay.received.length).toBe(before + 2);
    const [a, b] = relay.received.slice(before);
    expect(messageIdOf(a!)).toBe(`<SAR-${id.slice(4, 12)}.acknowledgement@kent.gov.uk>`);
    expect(messageIdOf(b!)).toBe(messageIdOf(a!));
    expect(await store.get(id)).toMatchObject({ status: 'sent' });
    // Sent: the next retry leaves it alone.
    clock += 10 * 60_000;
    await drainQueue(queue, sender, now);
    expect(relay.received.length).toBe(before + 2);
  });

  it('every queued mail carries its own stable Message-ID, in the local outbox too', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'message-id-')), 'outbox');
    const queue = new DynamoMailQueue(dynamo.client, 'mail');
    const id = randomUUID();
    await enqueueAndSend(
      queue,
      new LocalOutbox(dir),
      queued(id, 'escalation', { to: 'dpo@kent.gov.uk', subject: 's', text: 't' }, now()),
      now,
    );
    const [file] = readdirSync(dir);
    expect(messageIdOf(readFileSync(join(dir, file!), 'utf8'))).toBe(`<${id}@localhost>`);
  });
});

describe('a SAR case whose mail could not be queued', () => {
  const outbox = join(mkdtempSync(join(tmpdir(), 'owed-mail-')), 'outbox');
  const logger = new Logger({ logLevel: 'SILENT' });
  const intake = (queue: MailQueue) =>
    createSarIntakeHandler({
      store: new DynamoSarCaseStore(dynamo.client, 'sar'),
      calendar: divisionCalendar('england-and-wales'),
      knows: () => undefined,
      mailboxes: () => ({ name: 'Kent County Council', dpoEmail: 'dpo@kent.gov.uk' }),
      queue,
      sender: new LocalOutbox(outbox),
      randomBytes: (n) => randomBytes(n),
      now: () => new Date(clock),
      today: () => now().slice(0, 10),
      logger,
    });

  it('is reported as made, and the scheduled retry queues and sends its acknowledgement and DPO notice', async () => {
    const working = new DynamoMailQueue(dynamo.client, 'mail');
    // The store fails between the two writes: the case is written, its mail cannot be queued.
    const broken: MailQueue = {
      enqueue: async () => {
        throw new Error('The store could not be reached');
      },
      due: (at, limit) => working.due(at, limit),
      save: (m, p) => working.save(m, p),
      get: (id) => working.get(id),
      dead: () => working.dead(),
    };
    const made = (await intake(broken)({
      action: 'submit',
      request: {
        idempotencyKey: randomUUID(),
        council: 'kent',
        requester: { name: 'Sam Example', email: 'sam@example.com' },
        request: { description: 'Everything you hold about me' },
        channel: 'web-chat',
        loggedBy: 'resident',
        receivedOn: now().slice(0, 10),
      },
    })) as { ok: boolean; reference: string };
    expect(made.ok).toBe(true);
    const mailsFor = () =>
      readdirSync(outbox).filter((f) => readFileSync(join(outbox, f), 'utf8').includes(made.reference));
    expect(mailsFor()).toEqual([]);

    // The scheduled mail retry, wired as in AWS: it asks the SAR intake to queue what cases are owed.
    const working2 = intake(working);
    const retry = createMailRetryHandler({
      queue: working,
      sender: new LocalOutbox(outbox),
      now: () => new Date(clock),
      logger,
      metrics: recordedMetrics().port,
      queueOwedSarMail: () => working2({ action: 'queue-owed-mail' }),
    });
    await retry();
    const sent = mailsFor().map((f) => readFileSync(join(outbox, f), 'utf8'));
    expect(sent).toHaveLength(2);
    expect(sent.some((m) => /^To: sam@example\.com\r$/m.test(m))).toBe(true);
    expect(sent.some((m) => /^To: dpo@kent\.gov\.uk\r$/m.test(m))).toBe(true);

    // Done: the next sweep finds nothing owed for it and sends nothing more.
    expect(await working2({ action: 'queue-owed-mail' })).toMatchObject({ ok: true, queued: 0 });
    await retry();
    expect(mailsFor()).toHaveLength(2);
  });

  it('a mark with no case (a submission that failed before its case was written) is cleared once it is a day old', async () => {
    const store = new DynamoSarCaseStore(dynamo.client, 'sar');
    const queue = new DynamoMailQueue(dynamo.client, 'mail');
    // As a crash between the mark and the case write leaves it: one a day old, one from just now.
    await store.markMailOwed('SAR-ORPH-AN00', new Date(clock - 25 * 3_600_000).toISOString());
    await store.markMailOwed('SAR-YOUN-G000', new Date(clock - 60_000).toISOString());
    const result = await intake(queue)({ action: 'queue-owed-mail' });
    expect(result).toMatchObject({ ok: true, queued: 0, cleared: 1 });
    const left = (await store.mailOwed()).map((m) => m.reference);
    expect(left).not.toContain('SAR-ORPH-AN00');
    // A recent one may still be a submission being retried: it stays.
    expect(left).toContain('SAR-YOUN-G000');
  });
});
