import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '#core/answer-contract.ts';
import { unansweredRecord, type UnansweredRecord } from '#core/unanswered.ts';
import { DynamoUnansweredStore, UNANSWERED_KEY_SCHEMA, unansweredExpiry } from '#adapters/dynamodb-unanswered-store.ts';
import { ensureUnansweredTable, startLocalDynamo, type LocalDynamo } from '../../functions/local/dynalite.ts';

let dynamo: LocalDynamo;
let store: DynamoUnansweredStore;
const TABLE = 'unanswered';

const answer = (notice: string | null, topic: Answer['topic'] = 'retention'): Answer => ({
  topic,
  notice,
  outcome: 'not-stated',
  text: 'The notice does not say.',
  citations: [],
  confidence: 0.4,
  suggestions: [],
  actions: [],
});
const record = (question: string, notice: string | null, at: string, council = 'southend'): UnansweredRecord =>
  unansweredRecord(question, answer(notice), at, council);

beforeAll(async () => {
  dynamo = await startLocalDynamo();
  await ensureUnansweredTable(dynamo.client, TABLE);
  await ensureUnansweredTable(dynamo.client, TABLE); // a second start finds the table and leaves it
  store = new DynamoUnansweredStore(dynamo.client, TABLE);
});
afterAll(() => dynamo.close());

describe('the unanswered store in dynalite', () => {
  it('counts 50 concurrent recordings of one question as 50, keeping the first redacted wording', async () => {
    const wordings = [
      'My name is Sarah Jones, how long do you keep my data?',
      'how long u keep my data',
      'How long do you keep my information??',
    ];
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        store.record(record(wordings[i % wordings.length]!, 'southend-connexions', '2026-11-24T10:00:00Z')),
      ),
    );
    const week = await store.listWeek('southend', '2026-W48');
    expect(week).toHaveLength(1);
    expect(week[0]).toMatchObject({
      fingerprint: 'data how keep long',
      notice: 'southend-connexions',
      topicGuess: 'retention',
      count: 50,
    });
    expect(wordings.map((w) => record(w, null, '2026-11-24').question)).toContain(week[0]!.example);
    expect(week[0]!.example).not.toMatch(/Sarah|Jones/);
  });

  it('keeps notices, weeks and councils apart', async () => {
    const q = 'Do you send my data abroad?';
    await store.record(record(q, 'southend-childrens-services', '2026-12-01'));
    await store.record(record(q, 'southend-childrens-services', '2026-12-02'));
    await store.record(record(q, 'southend-connexions', '2026-12-02'));
    await store.record(record(q, 'southend-connexions', '2026-12-08')); // the next week
    await store.record(record(q, 'kent-connect-to-work', '2026-12-02', 'kent'));
    await store.record(record('when are my bins collected', null, '2026-12-03'));

    const w49 = await store.listWeek('southend', '2026-W49');
    expect(w49.map((t) => [t.notice, t.fingerprint, t.count])).toEqual([
      ['southend-childrens-services', 'abroad data send', 2],
      ['none', 'bin collect when', 1],
      ['southend-connexions', 'abroad data send', 1],
    ]);
    expect(await store.listWeek('southend', '2026-W50')).toMatchObject([
      { notice: 'southend-connexions', fingerprint: 'abroad data send', count: 1 },
    ]);
    expect(await store.listWeek('kent', '2026-W49')).toMatchObject([{ notice: 'kent-connect-to-work', count: 1 }]);
    expect(await store.listWeek('kent', '2026-W48')).toEqual([]);
    expect(await store.listWeek('sefton', '2026-W49')).toEqual([]);
  });

  it('lists a week sorted by count, highest first', async () => {
    const at = '2027-01-01T12:00:00Z'; // 2026-W53
    const asks: [string, number][] = [
      ['Who do you share my data with?', 3],
      ['Is my data stored in the cloud?', 7],
      ['Do you use automated decision making?', 1],
      ['Why did you send my file to the police?', 5],
    ];
    for (const [q, n] of asks) {
      await Promise.all(Array.from({ length: n }, () => store.record(record(q, 'southend-connexions', at))));
    }
    const week = await store.listWeek('southend', '2026-W53');
    expect(week.map((t) => [t.example, t.count])).toEqual([
      ['Is my data stored in the cloud?', 7],
      ['Why did you send my file to the police?', 5],
      ['Who do you share my data with?', 3],
      ['Do you use automated decision making?', 1],
    ]);
  });

  it('reads a whole week past one page of results (Query returns at most 1 MB)', async () => {
    // Examples are never this long (records cap them at 500 characters): large items only to force paging.
    const big = 'x'.repeat(100_000);
    await Promise.all(
      Array.from({ length: 14 }, (_, i) =>
        store.record({
          council: 'sefton',
          notice: 'sefton-at-work',
          topicGuess: 'rights',
          question: `${big} ${i}`,
          fingerprint: `question ${String(i).padStart(2, '0')}`,
          week: '2027-W05',
        }),
      ),
    );
    const week = await store.listWeek('sefton', '2027-W05');
    expect(week.map((t) => t.fingerprint)).toEqual(
      Array.from({ length: 14 }, (_, i) => `question ${String(i).padStart(2, '0')}`),
    );
  });

  it('stores the keys and a TTL 13 weeks after the week ends', async () => {
    const r = record('how long do you keep my data', 'southend-connexions', '2026-11-24');
    const { Item } = await dynamo.client.send(
      new GetItemCommand({
        TableName: TABLE,
        Key: {
          [UNANSWERED_KEY_SCHEMA.partitionKey]: { S: 'UNANSWERED#southend#2026-W48' },
          [UNANSWERED_KEY_SCHEMA.sortKey]: { S: 'southend-connexions#data how keep long' },
        },
      }),
    );
    expect(Item?.[UNANSWERED_KEY_SCHEMA.ttlAttribute]?.N).toBe(String(unansweredExpiry(r.week)));
    // Monday 23 Nov 2026 + 14 weeks = Monday 1 Mar 2027, midnight UTC: 13 weeks after Sunday 29 Nov.
    expect(unansweredExpiry('2026-W48')).toBe(Date.parse('2027-03-01T00:00:00Z') / 1000);
  });

  it('refuses a record with a malformed week', async () => {
    await expect(
      store.record({ ...record('x', 'southend-connexions', '2026-11-24'), week: '2026-48' }),
    ).rejects.toThrow(RangeError);
  });
});
