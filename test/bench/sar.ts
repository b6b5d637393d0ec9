/** SAR intake against dynalite for `npm run bench`: latency per submission, and throughput with 10 in flight. */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { createWorkingCalendar } from '../../functions/core/sar/calendar.ts';
import { DynamoSarCaseStore } from '#adapters/dynamodb-sar-store.ts';
import { LocalOutbox } from '#adapters/local-outbox.ts';
import { createSarIntakeHandler } from '../../functions/channels/sar-intake/handler.ts';
import { ensureMailQueueTable, ensureSarTable, startLocalDynamo } from '../../functions/local/dynalite.ts';
import { DynamoMailQueue } from '#adapters/dynamodb-mail-queue.ts';

export interface SarFigures {
  submissions: number;
  p50: number;
  p99: number;
  perSecond: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

export async function benchSarIntake(sequential = 300, concurrent = 1000): Promise<SarFigures> {
  const dynamo = await startLocalDynamo();
  await Promise.all([ensureSarTable(dynamo.client, 'sar'), ensureMailQueueTable(dynamo.client, 'mail')]);
  const intake = createSarIntakeHandler({
    store: new DynamoSarCaseStore(dynamo.client, 'sar'),
    calendar: createWorkingCalendar(
      JSON.parse(
        readFileSync(new URL('../../knowledge/bank-holidays/england-and-wales.json', import.meta.url), 'utf8'),
      ),
    ),
    knows: () => undefined,
    randomBytes: (n) => randomBytes(n),
    now: () => new Date(),
    today: () => '2026-11-23',
    logger: new Logger({ serviceName: 'bench', logLevel: 'SILENT' }),
    queue: new DynamoMailQueue(dynamo.client, 'mail'),
    sender: new LocalOutbox(join(mkdtempSync(join(tmpdir(), 'bench-outbox-')), 'outbox')),
    mailboxes: () => ({ name: 'Kent County Council', dpoEmail: 'dpo@kent.gov.uk' }),
  });
  const submission = () => ({
    action: 'submit' as const,
    request: {
      idempotencyKey: randomUUID(),
      council: 'kent',
      requester: { name: 'A Person', email: 'a@example.com' },
      request: { description: 'my records' },
      channel: 'web-chat',
      loggedBy: 'resident',
      receivedOn: '2026-11-23',
    },
  });
  try {
    const latencies: number[] = [];
    for (let i = 0; i < sequential; i++) {
      const started = performance.now();
      await intake(submission());
      latencies.push(performance.now() - started);
    }
    latencies.sort((a, b) => a - b);
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        while (next++ < concurrent) await intake(submission());
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    return {
      submissions: sequential + concurrent,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      perSecond: concurrent / seconds,
    };
  } finally {
    await dynamo.close();
  }
}
