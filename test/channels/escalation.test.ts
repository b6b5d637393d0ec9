import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoEscalationStore, ESCALATIONS_KEY_SCHEMA } from '#adapters/dynamodb-escalation-store.ts';
import { DynamoMailQueue } from '#adapters/dynamodb-mail-queue.ts';
import { LocalOutbox } from '#adapters/local-outbox.ts';
import { createEscalationHandler } from '../../functions/channels/escalation/handler.ts';
import { ensureMailQueueTable, startLocalDynamo, type LocalDynamo } from '../../functions/local/dynalite.ts';
import { ensureTable } from '../../functions/local/tables.ts';
import { realIndex } from '../helpers.ts';

const ORIGIN = 'https://www.council.example';
const outbox = join(mkdtempSync(join(tmpdir(), 'escalation-')), 'outbox');
let dynamo: LocalDynamo;

function handler(logger = new Logger({ serviceName: 'escalation-test', logLevel: 'SILENT' })) {
  return createEscalationHandler({
    index: realIndex(),
    store: new DynamoEscalationStore(dynamo.client, 'escalations'),
    queue: new DynamoMailQueue(dynamo.client, 'mail'),
    sender: new LocalOutbox(outbox),
    randomBytes: (n) => randomBytes(n),
    newId: randomUUID,
    now: () => new Date('2026-11-23T10:00:00Z'),
    today: () => '2026-11-23',
    logger,
    allowedOrigins: [ORIGIN],
  });
}

const post = async (body: unknown, h = handler()) => {
  const event = {
    version: '2.0',
    rawPath: '/api/escalate',
    headers: { 'content-type': 'application/json', origin: ORIGIN },
    body: JSON.stringify(body),
    isBase64Encoded: false,
    requestContext: { http: { method: 'POST', path: '/api/escalate' }, requestId: 't' },
  } as unknown as APIGatewayProxyEventV2;
  const response = await h(event, {} as Context);
  return { status: response.statusCode, json: JSON.parse(response.body!) };
};

const mails = () => readdirSync(outbox).map((f) => readFileSync(join(outbox, f), 'utf8'));
/** The DPO's mail for an escalation (the person who gave an email address also gets an acknowledgement). */
const dpoMail = (reference: string) => mails().find((m) => m.includes(reference) && /^To: dpo@/m.test(m));
const escalation = (overrides: Record<string, unknown> = {}) => ({
  council: 'kent',
  notice: 'kent-connect-to-work',
  sessionId: randomUUID(),
  contact: { name: 'Sam Example', email: `sam-${randomUUID().slice(0, 8)}@example.com` },
  message: 'Can a person tell me whether my adviser can see my health information?',
  ...overrides,
});

beforeAll(async () => {
  dynamo = await startLocalDynamo();
  await ensureMailQueueTable(dynamo.client, 'mail');
  await ensureTable(dynamo.client, 'escalations', {
    partitionKey: 'pk',
    indexes: [ESCALATIONS_KEY_SCHEMA.openComplaints],
  });
});
afterAll(() => dynamo.close());

describe('POST /api/escalate', () => {
  it('sends the DPO an email with the reference, service, question, contact route and the consented conversation', async () => {
    const body = escalation({
      consentToTranscript: true,
      transcript: [
        { from: 'you', text: 'who can see my health information?' },
        {
          from: 'assistant',
          text: 'We limit access…',
          source: { notice: 'kent-connect-to-work', section: 'Keeping your personal information secure' },
        },
      ],
    });
    const response = await post(body);
    expect(response.status).toBe(201);
    expect(response.json.reference).toMatch(/^ESC-/);
    const mail = dpoMail(response.json.reference)!;
    expect(mail).toContain('To: dpo@kent.gov.uk');
    expect(mail).toContain(`Reply-To: ${body.contact.email}`);
    expect(mail).toContain('Service: Connect to Work Programme');
    expect(mail).toContain(body.message);
    expect(mail).toContain('kent-connect-to-work › Keeping your personal information secure');
    expect(mail).toMatch(/filename="conversation-ESC-[^"]+\.txt"/);
    expect(mail).toContain('Person: who can see my health information?');
  });

  it('attaches nothing without consent, and refuses a crafted request that sends a transcript without it', async () => {
    const plain = await post(escalation());
    expect(dpoMail(plain.json.reference)).not.toContain('Content-Disposition: attachment');
    const crafted = await post(
      escalation({ consentToTranscript: false, transcript: [{ from: 'you', text: 'secret' }] }),
    );
    expect(crafted.status).toBe(400);
    expect(crafted.json.error.fields.consentToTranscript).toMatch(/only be sent if you tick the box/);
  });

  it('does not tell the DPO a conversation is attached when consent came with no conversation', async () => {
    const empty = await post(escalation({ consentToTranscript: true, transcript: [] }));
    const mail = dpoMail(empty.json.reference)!;
    expect(mail).not.toContain('Content-Disposition: attachment');
    expect(mail).toContain('there was none to attach');
  });

  it('flags a complaint with its 30-day acknowledgement date and lists it as open for the DPO digest', async () => {
    const response = await post(escalation({ message: 'I want to complain: you shared my file with my employer.' }));
    expect(response.json).toMatchObject({ complaint: true, acknowledgeBy: '2026-12-23' });
    // The API keeps the ISO date; the DPO's mail writes dates as people read them (issue 13).
    const mail = dpoMail(response.json.reference)!;
    expect(mail).toContain('Received: 23 November 2026');
    expect(mail).toContain('acknowledge by 23 December 2026 (Data Protection Act 2018 s.164A)');
    expect(mail).not.toMatch(/\b2026-1[12]-\d{2}\b/);
    const open = await new DynamoEscalationStore(dynamo.client, 'escalations').openComplaints('kent');
    expect(open.map((e) => e.reference)).toContain(response.json.reference);
  });

  it.each([
    ['an invalid address', { contact: { email: 'not-an-address' } }, 'contact.email', /correct format/],
    ['no contact route', { contact: { name: 'Sam' } }, 'contact.email', /email address or a phone number/],
    ['an empty message', { message: '   ' }, 'message', /Tell us what you need help with/],
    ['a message over the limit', { message: 'x'.repeat(2001) }, 'message', /under 2,000 characters/],
  ])('refuses %s with a field-level error and sends nothing', async (_name, overrides, field, message) => {
    const before = mails().length;
    const response = await post(escalation(overrides));
    expect(response.status).toBe(400);
    expect(response.json.error.fields[field]).toMatch(message);
    expect(mails()).toHaveLength(before);
  });

  it('limits escalations per session and per address', async () => {
    const sessionId = randomUUID();
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await post(escalation({ sessionId }))).status);
    expect(statuses).toEqual([201, 201, 201, 429]);
    const contact = { email: 'same@example.com' };
    const byAddress = [];
    for (let i = 0; i < 6; i++) byAddress.push((await post(escalation({ contact }))).status);
    expect(byAddress).toEqual([201, 201, 201, 201, 201, 429]);
  });

  it('logs no personal data over a whole escalation', async () => {
    const lines: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array) => (
      lines.push(String(chunk)),
      true
    )) as typeof process.stdout.write;
    try {
      const response = await post(
        escalation({
          contact: { name: 'Jane Secret', email: 'jane.secret@example.com', phone: '07700 900123' },
          message: 'My NI is QQ123456C, please call me',
        }),
        handler(new Logger({ serviceName: 'escalation-test', logLevel: 'INFO' })),
      );
      expect(response.status).toBe(201);
    } finally {
      process.stdout.write = write;
    }
    const log = lines.join('');
    expect(log).toContain('Escalation stored');
    for (const secret of ['Jane Secret', 'jane.secret@example.com', '07700 900123', 'QQ123456C', 'ESC-'])
      expect(log).not.toContain(secret);
  });
});
