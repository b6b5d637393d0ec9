import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '#core/answer.ts';
import { unansweredRecord } from '#core/unanswered.ts';
import { DynamoEscalationStore, ESCALATIONS_KEY_SCHEMA } from '#adapters/dynamodb-escalation-store.ts';
import { DynamoMailQueue } from '#adapters/dynamodb-mail-queue.ts';
import { DynamoUnansweredStore } from '#adapters/dynamodb-unanswered-store.ts';
import { LocalOutbox } from '#adapters/local-outbox.ts';
import { createAcknowledgeHandler } from '../../functions/channels/escalation/acknowledge.ts';
import { createDigestHandler } from '../../functions/channels/escalation/digest.ts';
import {
  ensureMailQueueTable,
  ensureUnansweredTable,
  startLocalDynamo,
  type LocalDynamo,
} from '../../functions/local/dynalite.ts';
import { ensureTable } from '../../functions/local/tables.ts';
import { auditKnowledgeBase } from '../../knowledge/audit/index.ts';
import { realIndex, realKnowledgeBase } from '../helpers.ts';

let dynamo: LocalDynamo;
const outbox = join(mkdtempSync(join(tmpdir(), 'digest-')), 'outbox');

beforeAll(async () => {
  dynamo = await startLocalDynamo();
  await ensureMailQueueTable(dynamo.client, 'mail');
  await ensureTable(dynamo.client, 'escalations', {
    partitionKey: 'pk',
    indexes: [ESCALATIONS_KEY_SCHEMA.openComplaints],
  });
  await ensureUnansweredTable(dynamo.client, 'unanswered');
});
afterAll(() => dynamo.close());

describe('the DPO weekly digest', () => {
  it('lists last week’s unanswered questions beside the audit gaps, open complaints oldest first', async () => {
    const now = new Date('2026-11-30T08:00:00Z'); // Monday: the digest covers week 2026-W48
    const unanswered = new DynamoUnansweredStore(dynamo.client, 'unanswered');
    const question = 'Is my data stored abroad? My email is jo@example.com';
    const answer = answerQuestion(realIndex(), { question, notice: 'southend-connexions' });
    for (let i = 0; i < 3; i++) await unanswered.record(unansweredRecord(question, answer, '2026-11-25', 'southend'));
    const escalations = new DynamoEscalationStore(dynamo.client, 'escalations');
    await escalations.save({
      reference: 'ESC-NEWR-0001',
      council: 'southend',
      receivedOn: '2026-11-20',
      complaint: true,
      acknowledgeBy: '2026-12-20',
      mailId: 'm2',
    });
    await escalations.save({
      reference: 'ESC-OLDR-0001',
      council: 'southend',
      receivedOn: '2026-11-02',
      complaint: true,
      acknowledgeBy: '2026-12-02',
      mailId: 'm1',
    });

    const results = await createDigestHandler({
      index: realIndex(),
      auditGaps: auditKnowledgeBase(realKnowledgeBase()),
      unanswered,
      escalations,
      queue: new DynamoMailQueue(dynamo.client, 'mail'),
      sender: new LocalOutbox(outbox),
      newId: randomUUID,
      now: () => now,
      logger: new Logger({ serviceName: 'digest-test', logLevel: 'SILENT' }),
      acknowledgeLink: {
        base: 'https://assistant.council.example/api/complaints/acknowledge',
        secret: 'test-secret',
        validDays: 14,
      },
    })();
    expect(results.find((r) => r.council === 'southend')).toEqual({ council: 'southend', sent: true });

    const mail = readdirSync(outbox)
      .map((f) => readFileSync(join(outbox, f), 'utf8'))
      .find((m) => m.includes('To: dataprotection@southend.gov.uk'))!;
    expect(mail).toContain('3 ×');
    expect(mail).toContain('[email]');
    expect(mail).not.toContain('jo@example.com');
    expect(mail).toMatch(/retention|How long/i); // Connexions' vague retention sits beside its questions
    expect(mail.indexOf('ESC-OLDR-0001')).toBeGreaterThan(-1);
    expect(mail.indexOf('ESC-OLDR-0001')).toBeLessThan(mail.indexOf('ESC-NEWR-0001'));
    expect(mail).toContain('ESC-OLDR-0001: received 2 November 2026, acknowledge by 2 December 2026');

    // The DPO clicks the link for the oldest complaint: it is acknowledged and leaves the open list.
    const link = new URL(/Mark acknowledged: (\S+ESC-OLDR-0001\S*)/.exec(mail)![1]!);
    const acknowledge = createAcknowledgeHandler({
      store: escalations,
      secret: 'test-secret',
      now: () => now,
      today: () => '2026-11-30',
      logger: new Logger({ serviceName: 'digest-test', logLevel: 'SILENT' }),
    });
    const query = Object.fromEntries(link.searchParams);
    const request = (method: string, q: Record<string, string>) =>
      ({ queryStringParameters: q, requestContext: { http: { method } } }) as never;
    // Opening the link (or a mail scanner fetching it) only asks for confirmation.
    const opened = await acknowledge(request('GET', query));
    expect(opened.statusCode).toBe(200);
    expect(opened.body).toContain('<form method="post"');
    expect(opened.body).toContain('ESC-OLDR-0001');
    expect(await escalations.openComplaints('southend')).toHaveLength(2);
    const clicked = await acknowledge(request('POST', query));
    expect(clicked).toMatchObject({
      statusCode: 200,
      body: expect.stringContaining('marked acknowledged on 2026-11-30'),
    });
    expect((await escalations.openComplaints('southend')).map((e) => e.reference)).toEqual(['ESC-NEWR-0001']);
    const forged = await acknowledge(request('POST', { ...query, ref: 'ESC-NEWR-0001' }));
    expect(forged.statusCode).toBe(403);
    const expired = await createAcknowledgeHandler({
      store: escalations,
      secret: 'test-secret',
      now: () => new Date('2027-01-30T00:00:00Z'),
      today: () => '2027-01-30',
      logger: new Logger({ serviceName: 'digest-test', logLevel: 'SILENT' }),
    })(request('GET', query));
    expect(expired.statusCode).toBe(403);
  });
});
