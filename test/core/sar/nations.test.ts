// Finding 13 of issue 12: every council's SAR due dates skip its own nation's bank holidays, not England's.
import { randomBytes, randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeDeadline } from '#core/sar/deadlines.ts';
import { UK_DIVISIONS, type Council } from '#core/knowledge-schema.ts';
import { DynamoMailQueue } from '#adapters/dynamodb-mail-queue.ts';
import { DynamoSarCaseStore } from '#adapters/dynamodb-sar-store.ts';
import { LocalOutbox } from '#adapters/local-outbox.ts';
import { createSarIntakeHandler } from '../../../functions/channels/sar-intake/handler.ts';
import { councilCalendars, divisionCalendar } from '#shared/calendars.ts';
import {
  ensureMailQueueTable,
  ensureSarTable,
  startLocalDynamo,
  type LocalDynamo,
} from '../../../functions/local/dynalite.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { realKnowledgeBase } from '../../helpers.ts';

const due = (division: (typeof UK_DIVISIONS)[number], receivedOn: string) =>
  computeDeadline({ receivedOn }, divisionCalendar(division)).dueDate;

describe('bank holidays per nation', () => {
  it('loads each division from its own GOV.UK-format file, covering 2019 to 2028', () => {
    for (const division of UK_DIVISIONS) {
      const calendar = divisionCalendar(division);
      expect(calendar.division).toBe(division);
      expect(calendar.firstYearCovered).toBeLessThanOrEqual(2019);
      expect(calendar.lastYearCovered).toBe(2028);
    }
  });

  // Each row: received, then the due date in England & Wales, Scotland and Northern Ireland.
  it.each([
    // Due Sun 30 Nov 2025 → Mon 1 Dec, which in Scotland is St Andrew's Day (substitute) → Tue 2 Dec.
    ['St Andrew’s Day', '2025-10-30', '2025-12-01', '2025-12-02', '2025-12-01'],
    // Due Mon 12 Jul 2027: the Twelfth (Battle of the Boyne) in Northern Ireland only.
    ['the Twelfth of July', '2027-06-12', '2027-07-12', '2027-07-12', '2027-07-13'],
    // Due Sat 2 Jan 2027 → Mon 4 Jan, Scotland's 2nd January (substitute) → Tue 5 Jan.
    ['2nd January', '2026-12-02', '2027-01-04', '2027-01-05', '2027-01-04'],
    // Due Tue 17 Mar 2026: St Patrick's Day in Northern Ireland.
    ['St Patrick’s Day', '2026-02-17', '2026-03-17', '2026-03-17', '2026-03-18'],
    // Due Mon 6 Apr 2026: Easter Monday is a bank holiday in England, Wales and Northern Ireland, not Scotland.
    ['Easter Monday', '2026-03-06', '2026-04-07', '2026-04-06', '2026-04-07'],
    // Due Mon 3 Aug 2026: Scotland's summer bank holiday is the first Monday of August, not the last.
    ['the Scottish summer holiday', '2026-07-03', '2026-08-03', '2026-08-04', '2026-08-03'],
  ])('%s: received %s → due %s / %s / %s', (_name, receivedOn, englandWales, scotland, northernIreland) => {
    expect(due('england-and-wales', receivedOn)).toBe(englandWales);
    expect(due('scotland', receivedOn)).toBe(scotland);
    expect(due('northern-ireland', receivedOn)).toBe(northernIreland);
  });

  it('the registry gives every council a division, and a council with none is in England & Wales', () => {
    const councils = realKnowledgeBase().councils;
    expect(councils.length).toBeGreaterThan(0);
    for (const council of councils) expect(council.division).toBe('england-and-wales');
    const lookup = councilCalendars({ councils: new Map() });
    expect(lookup('unregistered').division).toBe('england-and-wales');
  });
});

describe('the SAR intake uses the council’s own nation', () => {
  let dynamo: LocalDynamo;
  beforeAll(async () => {
    dynamo = await startLocalDynamo();
    await ensureSarTable(dynamo.client, 'sar');
    await ensureMailQueueTable(dynamo.client, 'mail');
  });
  afterAll(() => dynamo.close());

  const registry = new Map<string, Council>(
    (
      [
        ['kent', 'england-and-wales'],
        ['glasgow', 'scotland'],
        ['belfast', 'northern-ireland'],
      ] as const
    ).map(([id, division]) => [id, { id, name: id, division, teams: [] }]),
  );

  it('a request received on the same day is due on different days in Kent, Glasgow and Belfast', async () => {
    const intake = createSarIntakeHandler({
      store: new DynamoSarCaseStore(dynamo.client, 'sar'),
      calendar: councilCalendars({ councils: registry }),
      knows: (council) => (registry.has(council) ? undefined : `Unknown council "${council}".`),
      mailboxes: (council) => ({ name: council, dpoEmail: `dpo@${council}.example` }),
      queue: new DynamoMailQueue(dynamo.client, 'mail'),
      sender: new LocalOutbox(join(mkdtempSync(join(tmpdir(), 'nations-')), 'outbox')),
      randomBytes: (size) => randomBytes(size),
      now: () => new Date('2025-10-30T10:00:00Z'),
      today: () => '2025-10-30',
      logger: new Logger({ logLevel: 'SILENT' }),
    });
    const dueIn = async (council: string, receivedOn: string) => {
      const response = await intake({
        action: 'submit',
        request: {
          idempotencyKey: randomUUID(),
          council,
          requester: { name: 'Sam Example', email: 'sam@example.com' },
          request: { description: 'Everything you hold about me' },
          channel: 'letter',
          loggedBy: 'staff-1',
          receivedOn,
        },
      });
      expect(response).toMatchObject({ ok: true });
      return (response as { dueDate: string }).dueDate;
    };
    expect(await dueIn('kent', '2025-10-30')).toBe('2025-12-01');
    expect(await dueIn('glasgow', '2025-10-30')).toBe('2025-12-02');
    expect(await dueIn('belfast', '2027-06-12')).toBe('2027-07-13');
    expect(await dueIn('kent', '2027-06-12')).toBe('2027-07-12');
  });
});
