import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '#core/sar/calendar.ts';
import type { SarIntakeResponse } from '#core/sar/intake-contract.ts';
import { DynamoSarCaseStore } from '#adapters/dynamodb-sar-store.ts';
import { LocalOutbox } from '#adapters/local-outbox.ts';
import { createRemindersHandler } from '../../functions/channels/reminders/handler.ts';
import { createSarIntakeHandler } from '../../functions/channels/sar-intake/handler.ts';
import {
  ensureMailQueueTable,
  ensureSarTable,
  startLocalDynamo,
  type LocalDynamo,
} from '../../functions/local/dynalite.ts';
import { DynamoMailQueue } from '#adapters/dynamodb-mail-queue.ts';
import { recordedMetrics } from '../helpers.ts';

const calendar = createWorkingCalendar(
  JSON.parse(readFileSync(new URL('../../knowledge/bank-holidays/england-and-wales.json', import.meta.url), 'utf8')),
);
const silent = new Logger({ serviceName: 'reminders-test', logLevel: 'SILENT' });
let dynamo: LocalDynamo;

beforeAll(async () => {
  dynamo = await startLocalDynamo();
  await Promise.all([ensureSarTable(dynamo.client, 'sar'), ensureMailQueueTable(dynamo.client, 'mail')]);
});
afterAll(() => dynamo.close());

async function caseReceived(council: string, receivedOn: string): Promise<string> {
  const intake = createSarIntakeHandler({
    store: new DynamoSarCaseStore(dynamo.client, 'sar'),
    calendar,
    knows: () => undefined,
    randomBytes: (n) => randomBytes(n),
    now: () => new Date(`${receivedOn}T09:00:00Z`),
    today: () => receivedOn,
    logger: silent,
    queue: new DynamoMailQueue(dynamo.client, 'mail'),
    sender: new LocalOutbox(mkdtempSync(join(tmpdir(), 'outbox-'))),
    mailboxes: () => ({ name: council }),
  });
  const response = (await intake({
    action: 'submit',
    request: {
      idempotencyKey: randomUUID(),
      council,
      requester: { name: 'A Person', email: 'a@example.com' },
      request: { description: 'my records' },
      channel: 'letter',
      loggedBy: 'officer-7',
      receivedOn,
    },
  })) as SarIntakeResponse;
  if (!response.ok) throw new Error(JSON.stringify(response));
  return response.reference;
}

describe('SAR reminders', () => {
  it('lists, per council, the open cases due within five working days and those overdue, soonest first', async () => {
    // Today is Mon 16 Dec 2024: five working days ahead is Mon 23 Dec (no holidays in between).
    const overdue = await caseReceived('kent', '2024-11-08'); // due Mon 9 Dec 2024
    const dueSoon = await caseReceived('kent', '2024-11-20'); // due Fri 20 Dec 2024
    await caseReceived('kent', '2024-12-02'); // due Thu 2 Jan 2025: not yet
    const otherCouncil = await caseReceived('sefton', '2024-11-19'); // due Thu 19 Dec 2024

    const metrics = recordedMetrics();
    const digests = await createRemindersHandler({
      store: new DynamoSarCaseStore(dynamo.client, 'sar'),
      calendar,
      councils: () => ['kent', 'sefton'],
      today: () => '2024-12-16',
      logger: silent,
      metrics: metrics.port,
    })();

    const kent = digests.find((d) => d.council === 'kent')!;
    expect(kent.horizon).toBe('2024-12-23');
    expect(kent.overdue).toEqual([{ reference: overdue, status: 'received', dueDate: '2024-12-09' }]);
    expect(kent.dueSoon).toEqual([{ reference: dueSoon, status: 'received', dueDate: '2024-12-20' }]);
    expect(digests.find((d) => d.council === 'sefton')!.dueSoon.map((l) => l.reference)).toEqual([otherCouncil]);
    // One figure for the run, all councils together: the alarm's SarsOverdue.
    expect(metrics.runs).toEqual([{ SarsOverdue: 1 }]);
  });

  it('reports SarsOverdue on every run, 0 when nothing is overdue (so the alarm sees "none", not missing data)', async () => {
    const overdue = await caseReceived('camden', '2024-11-08'); // due Mon 9 Dec 2024
    await caseReceived('hackney', '2024-11-08');
    const metrics = recordedMetrics();
    const run = (today: string) =>
      createRemindersHandler({
        store: new DynamoSarCaseStore(dynamo.client, 'sar'),
        calendar,
        councils: () => ['camden', 'hackney', 'no-cases'],
        today: () => today,
        logger: silent,
        metrics: metrics.port,
      })();
    await run('2024-11-11');
    const digests = await run('2024-12-16');
    expect(digests.find((d) => d.council === 'camden')!.overdue.map((l) => l.reference)).toEqual([overdue]);
    expect(metrics.runs).toEqual([{ SarsOverdue: 0 }, { SarsOverdue: 2 }]);
  });
});
