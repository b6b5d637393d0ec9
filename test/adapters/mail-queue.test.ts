import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attemptDelivery, drainQueue, enqueueAndSend, MAX_ATTEMPTS, queued } from '#core/mail-queue.ts';
import type { MailSender, OutgoingMail } from '#core/ports.ts';
import { DynamoMailQueue } from '#adapters/dynamodb-mail-queue.ts';
import { ensureMailQueueTable, startLocalDynamo, type LocalDynamo } from '../../functions/local/dynalite.ts';

let dynamo: LocalDynamo;
let clock = Date.parse('2026-11-23T09:00:00Z');
const now = () => new Date(clock).toISOString();
const mail: OutgoingMail = { to: 'dpo@council.example', subject: 'Escalation', text: 'hello' };

/** A relay that refuses while `down`, and counts what it accepted. */
class Relay implements MailSender {
  down = true;
  accepted: OutgoingMail[] = [];
  async send(m: OutgoingMail) {
    if (this.down) throw new Error('451 temporary failure');
    this.accepted.push(m);
  }
}

beforeAll(async () => {
  dynamo = await startLocalDynamo();
  await ensureMailQueueTable(dynamo.client, 'mail');
});
afterAll(() => dynamo.close());

describe('the mail queue in dynalite', () => {
  it('retries with backoff until the relay recovers, then delivers exactly once', async () => {
    const queue = new DynamoMailQueue(dynamo.client, 'mail');
    const relay = new Relay();
    const item = queued(randomUUID(), 'escalation', mail, now());
    await queue.enqueue(item);
    expect(await attemptDelivery(queue, relay, item, now)).toMatchObject({ status: 'pending', attempts: 1 });
    expect(await drainQueue(queue, relay, now)).toEqual({ sent: 0, retrying: 0, dead: 0 }); // not due for a minute
    clock += 60_000;
    expect(await drainQueue(queue, relay, now)).toEqual({ sent: 0, retrying: 1, dead: 0 });
    relay.down = false;
    clock += 5 * 60_000;
    expect(await drainQueue(queue, relay, now)).toEqual({ sent: 1, retrying: 0, dead: 0 });
    clock += 24 * 60 * 60_000;
    expect(await drainQueue(queue, relay, now)).toEqual({ sent: 0, retrying: 0, dead: 0 });
    expect(relay.accepted).toHaveLength(1);
    expect(await queue.get(item.id)).toMatchObject({ status: 'sent', attempts: 3 });
  });

  it('queues and sends a mail in one go, never twice for the same id, and leaves a failure for the retry', async () => {
    const queue = new DynamoMailQueue(dynamo.client, 'mail');
    const relay = new Relay();
    relay.down = false;
    const id = randomUUID();
    expect(await enqueueAndSend(queue, relay, queued(id, 'sar-acknowledgement', mail, now()), now)).toMatchObject({
      status: 'sent',
      attempts: 1,
    });
    expect(await enqueueAndSend(queue, relay, queued(id, 'sar-acknowledgement', mail, now()), now)).toBeUndefined();
    expect(relay.accepted).toHaveLength(1);

    relay.down = true;
    const failing = queued(randomUUID(), 'sar-acknowledgement', mail, now());
    expect(await enqueueAndSend(queue, relay, failing, now)).toMatchObject({ status: 'pending', attempts: 1 });
    relay.down = false;
    clock += 60_000;
    expect(await drainQueue(queue, relay, now)).toMatchObject({ sent: 1 });
    expect(await queue.get(failing.id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('moves mail to the dead-letter state after the last attempt, keeping it whole', async () => {
    const queue = new DynamoMailQueue(dynamo.client, 'mail');
    const relay = new Relay();
    const item = queued(randomUUID(), 'escalation', mail, now(), 'ESC-XXXX');
    await queue.enqueue(item);
    for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
      await drainQueue(queue, relay, now);
      clock += 24 * 60 * 60_000;
    }
    const dead = await queue.dead();
    expect(dead.map((d) => d.id)).toContain(item.id);
    expect(dead.find((d) => d.id === item.id)).toMatchObject({
      status: 'dead',
      attempts: MAX_ATTEMPTS,
      mail,
      lastError: '451 temporary failure',
    });
    expect(relay.accepted).toHaveLength(0);
  });

  it('never sends one mail twice when two retry runs race', async () => {
    const queue = new DynamoMailQueue(dynamo.client, 'mail');
    const relay = new Relay();
    relay.down = false;
    const item = queued(randomUUID(), 'escalation', mail, now());
    await queue.enqueue(item);
    await Promise.all([attemptDelivery(queue, relay, item, now), attemptDelivery(queue, relay, item, now)]);
    expect(relay.accepted).toHaveLength(1);
  });
});
