// Findings 10, 11 and 12 of issue 12, through the escalation handler and dynalite: limits that another format or
// another sessionId cannot walk round and that a refusal does not use up; refusals that say what is wrong; a DPO mail
// that never states what the server did not answer, and never carries a control character.
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
import { emailKey, phoneKey } from '../../functions/core/escalation/submit.ts';
import { ensureMailQueueTable, startLocalDynamo, type LocalDynamo } from '../../functions/local/dynalite.ts';
import { ensureTable } from '../../functions/local/tables.ts';
import { realIndex } from '../helpers.ts';

const ORIGIN = 'https://www.council.example';
const outbox = join(mkdtempSync(join(tmpdir(), 'escalation-hardening-')), 'outbox');
let dynamo: LocalDynamo;
let day = 0;

/** Each test gets its own day, so the daily counts of one never meet another's. */
function handler() {
  const today = `2026-12-${String(++day).padStart(2, '0')}`;
  return createEscalationHandler({
    index: realIndex(),
    store: new DynamoEscalationStore(dynamo.client, 'escalations'),
    queue: new DynamoMailQueue(dynamo.client, 'mail'),
    sender: new LocalOutbox(outbox),
    randomBytes: (n) => randomBytes(n),
    newId: randomUUID,
    now: () => new Date(`${today}T10:00:00Z`),
    today: () => today,
    logger: new Logger({ serviceName: 'escalation-hardening', logLevel: 'SILENT' }),
    allowedOrigins: [ORIGIN],
  });
}

const post = async (h: ReturnType<typeof handler>, body: unknown) => {
  const event = {
    version: '2.0',
    rawPath: '/api/escalate',
    headers: { 'content-type': 'application/json', origin: ORIGIN },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    isBase64Encoded: false,
    requestContext: { http: { method: 'POST', path: '/api/escalate' }, requestId: 't' },
  } as unknown as APIGatewayProxyEventV2;
  const response = await h(event, {} as Context);
  return { status: response.statusCode!, json: JSON.parse(response.body!) };
};

const escalation = (contact: Record<string, string>, overrides: Record<string, unknown> = {}) => ({
  council: 'kent',
  notice: 'kent-connect-to-work',
  sessionId: randomUUID(),
  contact,
  message: 'Can someone tell me who sees my records?',
  ...overrides,
});

const mailFor = (reference: string) =>
  readdirSync(outbox)
    .map((f) => readFileSync(join(outbox, f), 'utf8'))
    .find((m) => m.includes(reference))!;

beforeAll(async () => {
  dynamo = await startLocalDynamo();
  await ensureMailQueueTable(dynamo.client, 'mail');
  await ensureTable(dynamo.client, 'escalations', {
    partitionKey: 'pk',
    indexes: [ESCALATIONS_KEY_SCHEMA.openComplaints],
  });
});
afterAll(() => dynamo.close());

describe('escalation limits count the person, not the format or the session (finding 10)', () => {
  it('one phone number in six formats, each with a new sessionId: the sixth is refused', async () => {
    const h = handler();
    const formats = ['07700 900462', '07700.900.462', '+44 (0) 7700 900462', '0044 7700 900462', '(07700) 900-462'];
    for (const phone of formats) expect((await post(h, escalation({ phone }))).status, phone).toBe(201);
    const sixth = await post(h, escalation({ phone: '+447700900462' }));
    expect(sixth.status).toBe(429);
    expect(sixth.json).toMatchObject({ ok: false, error: { code: 'too-many', fields: {} } });
  });

  it('one mailbox in other cases and with +tags, each with a new sessionId: the sixth is refused', async () => {
    const h = handler();
    for (const email of [
      'Jo@Example.com',
      'jo@example.com',
      'JO@EXAMPLE.COM',
      'jo+council@example.com',
      'jo+2@Example.COM',
    ])
      expect((await post(h, escalation({ email }))).status, email).toBe(201);
    expect((await post(h, escalation({ email: 'jo+6@example.com' }))).status).toBe(429);
  });

  it('switching between the email and the phone it came with does not reset either', async () => {
    const h = handler();
    for (let i = 0; i < 5; i++)
      expect((await post(h, escalation({ email: 'ravi@example.com', phone: '07700 900463' }))).status).toBe(201);
    expect((await post(h, escalation({ phone: '07700.900.463' }))).status).toBe(429);
    expect((await post(h, escalation({ email: 'Ravi@example.com' }))).status).toBe(429);
  });

  it('a refused request does not use up the session’s quota', async () => {
    const h = handler();
    // One address at its limit for the day.
    for (let i = 0; i < 5; i++) expect((await post(h, escalation({ email: 'busy@example.com' }))).status).toBe(201);
    const sessionId = randomUUID();
    for (let i = 0; i < 3; i++)
      expect((await post(h, escalation({ email: 'busy@example.com' }, { sessionId }))).status).toBe(429);
    // The three refusals took nothing from the session: it can still send its three.
    for (let i = 0; i < 3; i++)
      expect((await post(h, escalation({ email: `new-${i}@example.com` }, { sessionId }))).status).toBe(201);
    expect((await post(h, escalation({ email: 'another@example.com' }, { sessionId }))).status).toBe(429);
  });

  it('normalises as documented', () => {
    expect(phoneKey('07700.900.462')).toBe('+447700900462');
    expect(phoneKey('+44 (0)20 7946 0958')).toBe('+442079460958');
    expect(emailKey('Jo.Bloggs+council@GoogleMail.com')).toBe('jobloggs@gmail.com');
    expect(emailKey('jo.bloggs@kent.gov.uk')).toBe('jo.bloggs@kent.gov.uk');
  });
});

describe('refusals say what is wrong and how to fix it, in one shape (finding 11)', () => {
  it.each([
    ['a sessionId the widget never gave', { sessionId: 'x' }, 'sessionId', /the id the widget was given/],
    [
      'a transcript line over 4,000 characters',
      { consentToTranscript: true, transcript: [{ from: 'you', text: 'x'.repeat(4001) }] },
      'transcript.0.text',
      /at most 4,000 characters per line/,
    ],
    [
      'a transcript line from someone else',
      { consentToTranscript: true, transcript: [{ from: 'dpo', text: 'hi' }] },
      'transcript.0.from',
      /"you" or "assistant"/,
    ],
    ['consent that is not true or false', { consentToTranscript: 'yes' }, 'consentToTranscript', /true .* or false/],
    [
      'a transcript that is not a list',
      { consentToTranscript: true, transcript: 'hello' },
      'transcript',
      /list of lines/,
    ],
    ['a number for the council', { council: 7 }, 'council', /which council/],
    ['no contact at all', { contact: undefined }, 'contact', /email address or a phone number/],
    ['a message that is not text', { message: ['x'] }, 'message', /what you need help with/],
  ])('%s', async (_what, overrides, field, message) => {
    const response = await post(handler(), escalation({ email: 'sam@example.com' }, overrides));
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.any(String) } });
    expect(response.json.error.fields[field]).toMatch(message);
    for (const text of Object.values(response.json.error.fields as Record<string, string>))
      expect(text).not.toMatch(/^Invalid input/);
  });
});

describe('the DPO mail states only what the server can vouch for (finding 12)', () => {
  it('a crafted transcript cannot make the mail say the assistant answered from a section it does not have', async () => {
    const response = await post(
      handler(),
      escalation(
        { email: 'sam@example.com' },
        {
          consentToTranscript: true,
          transcript: [
            { from: 'you', text: 'can you delete my file?' },
            {
              from: 'assistant',
              text: 'Yes, we delete every file on request within a day.',
              source: { notice: 'kent-connect-to-work', section: 'FAKE SECTION' },
            },
            {
              from: 'assistant',
              text: 'We keep it for 6 years.',
              source: { notice: 'kent-connect-to-work', section: 'How long your personal data will be kept' },
            },
          ],
        },
      ),
    );
    expect(response.status).toBe(201);
    const mail = mailFor(response.json.reference);
    const [body, attachment] = mail.split(/^Content-Disposition: attachment.*$/m);
    expect(body).not.toContain('FAKE SECTION');
    expect(body).not.toContain('The assistant answered from');
    expect(body).toContain('as the person’s browser sent it');
    expect(body).toContain('cannot confirm');
    expect(body).toContain(
      'Sections of the notices it cites (each checked against the published notices): kent-connect-to-work › How long your personal data will be kept.',
    );
    expect(body).toContain('It also cites a section that the notices do not have');
    expect(attachment).toContain("Conversation as supplied by the person's browser");
    expect(attachment).toContain(
      'Assistant (as supplied): Yes, we delete every file on request within a day. [cites a section the notices do not have]',
    );
    expect(attachment).not.toContain('FAKE SECTION');
  });

  it('NUL, other control characters and bidi overrides never reach the mail', async () => {
    const dirty = 'Hello\u0000 there\u0007\u001b[31m \u202Egnp.exe\u202C\r\nsecond line\u2028third';
    const response = await post(
      handler(),
      escalation(
        { email: 'sam@example.com', name: 'Sam\u0000 \u0008Example' },
        { message: dirty, consentToTranscript: true, transcript: [{ from: 'you', text: dirty }] },
      ),
    );
    expect(response.status).toBe(201);
    const mail = mailFor(response.json.reference);
    // The raw .eml: line breaks are the format's own CR LF; nothing else below U+0020 and no bidi controls.
    expect(mail.replace(/\r\n/g, '\n')).not.toMatch(/[^\P{Cc}\t\n]|[\u202A-\u202E\u2066-\u2069]/u);
    expect(mail).toContain('Hello there');
    expect(mail).toContain('Name: Sam Example');
    expect(mail).toContain('second line');
    expect(mail).toContain('third');
  });
});
