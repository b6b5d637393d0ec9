import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
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
import { checkPublishedNotices } from '#shared/published-notices.ts';
import { auditKnowledgeBase } from '../../knowledge/audit/index.ts';
import { contentHash } from '../../knowledge/import/content-hash.ts';
import { htmlToNotice } from '../../knowledge/import/html.ts';
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

  it('says which of the council’s notices changed on its site since import, and which could not be checked', async () => {
    const published = (retention: string) =>
      `<main><h1>Connexions Privacy Notice</h1><h2>How long we keep it</h2><p>We keep your personal data for ${retention}.</p></main>`;
    const site = createServer((request, response) => {
      if (request.url === '/changed') response.end(published('two years'));
      else if (request.url === '/same') response.end(published('six years'));
      else response.writeHead(503).end();
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    const imported = contentHash(htmlToNotice(published('six years')).text);
    const southend = realKnowledgeBase().notices.filter((n) => n.council === 'southend');
    const paths = ['/changed', '/same', '/down'];
    const notices = southend.map((n, i) => ({ ...n, url: `${base}${paths[i % 3]}`, contentHash: imported }));
    const outboxDir = join(mkdtempSync(join(tmpdir(), 'digest-published-')), 'outbox');
    try {
      await createDigestHandler({
        index: realIndex(),
        auditGaps: auditKnowledgeBase(realKnowledgeBase()),
        unanswered: new DynamoUnansweredStore(dynamo.client, 'unanswered'),
        escalations: new DynamoEscalationStore(dynamo.client, 'escalations'),
        queue: new DynamoMailQueue(dynamo.client, 'mail'),
        sender: new LocalOutbox(outboxDir),
        newId: randomUUID,
        now: () => new Date('2026-11-30T08:00:00Z'),
        logger: new Logger({ serviceName: 'digest-test', logLevel: 'SILENT' }),
        acknowledgeLink: { base: 'https://assistant.council.example/ack', secret: 'test-secret', validDays: 14 },
        checkPublished: () => checkPublishedNotices(notices, { timeoutMs: 2000 }),
      })();
    } finally {
      await new Promise<void>((resolve) => site.close(() => resolve()));
    }
    const mails = readdirSync(outboxDir).map((f) => readFileSync(join(outboxDir, f), 'utf8'));
    const mail = mails.find((m) => m.includes('To: dataprotection@southend.gov.uk'))!;
    expect(mail).toContain(`Published notices compared with what was imported (${southend.length}):`);
    expect(mail).toContain(`${southend[0]!.id}: CHANGED since import`);
    expect(mail).toContain(`${southend[1]!.id}: unchanged since import`);
    // Another council's digest lists only its own notices.
    const other = mails.find((m) => !m.includes('To: dataprotection@southend.gov.uk'))!;
    expect(other).not.toContain(southend[0]!.id);
  });
});
