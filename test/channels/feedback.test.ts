// Issue 13, point 12: "Did this answer your question? No" is recorded like an unanswered question (redacted,
// counted per week, never with the session), through POST /api/feedback on the chat Lambda.
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoWeek, type UnansweredStore } from '#core/unanswered.ts';
import { DynamoUnansweredStore } from '#adapters/dynamodb-unanswered-store.ts';
import { createFeedbackHandler } from '../../functions/channels/web-chat/feedback.ts';
import { ensureUnansweredTable, startLocalDynamo, type LocalDynamo } from '../../functions/local/dynalite.ts';
import { realIndex } from '../helpers.ts';

const ORIGIN = 'https://www.council.example';
const TABLE = 'feedback-unanswered';
const NOW = new Date('2026-11-25T10:30:00Z'); // 2026-W48
let dynamo: LocalDynamo;
let store: DynamoUnansweredStore;

function handler(unanswered: UnansweredStore = store) {
  return createFeedbackHandler({
    index: realIndex(),
    unanswered,
    logger: new Logger({ serviceName: 'feedback-test', logLevel: 'SILENT' }),
    allowedOrigins: [ORIGIN],
    now: () => NOW,
  });
}

function event(body: unknown, headers: Record<string, string> = {}, method = 'POST'): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: `${method} /api/feedback`,
    rawPath: '/api/feedback',
    rawQueryString: '',
    headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers },
    body: typeof body === 'string' ? body : body === undefined ? undefined : JSON.stringify(body),
    isBase64Encoded: false,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      requestId: 'test',
      routeKey: `${method} /api/feedback`,
      stage: '$default',
      time: NOW.toISOString(),
      timeEpoch: NOW.getTime(),
      http: { method, path: '/api/feedback', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
    },
  } as APIGatewayProxyEventV2;
}

const call = async (body: unknown, h = handler(), headers: Record<string, string> = {}) => {
  const response = await h(event(body, headers), {} as Context);
  return { ...response, json: response.body ? JSON.parse(response.body) : undefined };
};

const no = {
  helpful: false,
  question: 'How long do you keep my records? I am Jo Bloggs, jo.bloggs@example.com, 07700 900462',
  topic: 'retention',
  notice: 'southend-connexions',
};

beforeAll(async () => {
  dynamo = await startLocalDynamo();
  await ensureUnansweredTable(dynamo.client, TABLE);
  store = new DynamoUnansweredStore(dynamo.client, TABLE);
});
afterAll(() => dynamo.close());

describe('POST /api/feedback', () => {
  it('records a "No" redacted, for the council whose notice answered, counted per week, with no session id', async () => {
    const first = await call({ ...no, sessionId: 'session-that-must-not-be-kept', council: 'southend' });
    expect(first.statusCode).toBe(202);
    expect(first.json).toEqual({ ok: true });
    expect(first.headers?.['Access-Control-Allow-Origin']).toBe(ORIGIN);
    // The same question in other words, from another page (no council given): the same count.
    expect((await call({ ...no, question: 'how long do u keep my records' })).statusCode).toBe(202);

    const week = await store.listWeek('southend', isoWeek(NOW));
    const rated = week.filter((t) => t.kind === 'unhelpful');
    expect(rated).toHaveLength(1);
    expect(rated[0]).toMatchObject({ notice: 'southend-connexions', topicGuess: 'retention', count: 2 });
    expect(rated[0]!.example).toContain('[email]');

    const { Items } = await dynamo.client.send(new ScanCommand({ TableName: TABLE }));
    const stored = JSON.stringify(Items);
    for (const detail of ['session-that-must-not-be-kept', 'jo.bloggs', 'Bloggs', '07700', '900462', '10:30'])
      expect(stored).not.toContain(detail);
  });

  it('keeps rated answers apart from the questions nothing answered in the same week', async () => {
    const { unansweredRecord } = await import('#core/unanswered.ts');
    const { answerQuestion } = await import('#core/answer.ts');
    const question = 'do you sell my data to advertisers';
    const answer = answerQuestion(realIndex(), { question, notice: 'kent-connect-to-work' });
    await store.record(unansweredRecord(question, answer, NOW, 'kent'));
    await call({ helpful: false, question, topic: answer.topic, notice: 'kent-connect-to-work' });
    const week = await store.listWeek('kent', isoWeek(NOW));
    expect(week.map((t) => [t.kind, t.notice, t.count]).sort()).toEqual([
      ['unanswered', 'kent-connect-to-work', 1],
      ['unhelpful', 'kent-connect-to-work', 1],
    ]);
  });

  it('records an out-of-scope answer rated "No" under no notice, for the page’s council', async () => {
    const response = await call({
      helpful: false,
      question: 'when are my bins collected',
      topic: 'out-of-scope',
      council: 'sefton',
    });
    expect(response.statusCode).toBe(202);
    expect(await store.listWeek('sefton', isoWeek(NOW))).toMatchObject([
      { kind: 'unhelpful', notice: 'none', topicGuess: 'out-of-scope', count: 1 },
    ]);
  });

  it('accepts a "Yes" and records nothing', async () => {
    const response = await call({ ...no, helpful: true, notice: 'kent-connect-to-work', question: 'a yes question' });
    expect(response.statusCode).toBe(202);
    const week = await store.listWeek('kent', isoWeek(NOW));
    expect(week.some((t) => t.example === 'a yes question')).toBe(false);
  });

  it('answers 202 even when the store fails: the person has already been thanked', async () => {
    const failing: UnansweredStore = {
      record: () => Promise.reject(new Error('DynamoDB is down')),
      listWeek: () => Promise.resolve([]),
    };
    const response = await call(no, handler(failing));
    expect(response.statusCode).toBe(202);
  });

  it.each([
    [{ ...no, helpful: 'no' }, 'helpful', /true or false/],
    [{ question: no.question, topic: 'retention' }, 'helpful', /true or false/],
    [{ ...no, question: 42 }, 'question', /the question the answer was for/],
    [{ ...no, question: '   ' }, 'question', /empty/],
    [{ ...no, question: 'x'.repeat(2001) }, 'question', /at most 2,000 characters/],
    [{ ...no, topic: 'bins' }, 'topic', /the topic the answer returned/],
    [{ ...no, notice: 'no-such-notice' }, 'notice', /not a notice the assistant answers from/],
    [{ ...no, notice: '' }, 'notice', /leave it out/],
    [{ ...no, council: 'atlantis' }, 'council', /not a council the assistant answers for/],
  ])('refuses %j naming the field (%s) and how to fix it, in the one error shape', async (body, field, message) => {
    const response = await call(body);
    expect(response.statusCode).toBe(400);
    expect(response.json.ok).toBe(false);
    expect(typeof response.json.error.code).toBe('string');
    expect(response.json.error.fields[field]).toMatch(message);
    expect(response.json.error.message).toMatch(message);
    expect(response.body).not.toMatch(/Invalid input/);
  });

  it('refuses a body that is not an object, JSON that does not parse, and a site that is not the council’s', async () => {
    for (const body of [[no], 'null', '"no"']) {
      const response = await call(body);
      expect(response.statusCode).toBe(400);
      expect(response.json.error.message).toMatch(/JSON object saying whether the answer helped/);
    }
    const malformed = await call('{"helpful": fal');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json.error.code).toBe('invalid-json');
    const elsewhere = await call(no, handler(), { origin: 'https://evil.example' });
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json.error.code).toBe('origin-not-allowed');
  });
});
