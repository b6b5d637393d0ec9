import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatHandler } from '../../functions/channels/web-chat/handler.ts';
import { API_RESPONSE_HEADERS } from '#shared/http.ts';
import { startLocalDynamo, type LocalDynamo } from '../../functions/local/dynalite.ts';
import { realIndex } from '../helpers.ts';

const ORIGIN = 'https://www.council.example';
let dynamo: LocalDynamo;

/** A handler as one Lambda instance would build it; two instances share nothing at all. */
function instance() {
  return createChatHandler({
    index: realIndex(),
    logger: new Logger({ serviceName: 'web-chat-test', logLevel: 'SILENT' }),
    allowedOrigins: [ORIGIN],
  });
}

function event(body: unknown, headers: Record<string, string> = {}, method = 'POST'): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: `${method} /api/chat`,
    rawPath: '/api/chat',
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
      routeKey: `${method} /api/chat`,
      stage: '$default',
      time: new Date().toISOString(),
      timeEpoch: Date.now(),
      http: { method, path: '/api/chat', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
    },
  } as APIGatewayProxyEventV2;
}

const context = {} as Context;
const call = async (e: APIGatewayProxyEventV2, handler = instance()) => {
  const response = await handler(e, context);
  return { ...response, json: response.body ? JSON.parse(response.body) : undefined };
};

beforeAll(async () => {
  dynamo = await startLocalDynamo();
});
afterAll(() => dynamo.close());

describe('POST /api/chat', () => {
  it('answers with the contract and a session id, with CORS and security headers for a council origin', async () => {
    const response = await call(event({ message: 'how long do you keep adoption records' }));
    expect(response.statusCode).toBe(200);
    expect(response.json).toMatchObject({ topic: 'retention', notice: 'southend-childrens-services' });
    expect(response.json.text).toContain('100 years');
    expect(response.json.sessionId).toMatch(/^[A-Za-z0-9-]{8,64}$/);
    expect(response.headers?.['Access-Control-Allow-Origin']).toBe(ORIGIN);
    expect(response.headers?.['X-Content-Type-Options'] ?? response.headers?.['x-content-type-options']).toBe(
      'nosniff',
    );
    // Every security header of the API, once each, in the one spelling.
    for (const [name, value] of Object.entries(API_RESPONSE_HEADERS)) expect(response.headers?.[name]).toBe(value);
    const names = Object.keys(response.headers ?? {}).map((n) => n.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
  });

  it('keeps the notice for a follow-up answered by another Lambda instance, from the context the client sends back', async () => {
    const first = await call(
      event({ message: 'who do you share my information with', notice: 'kent-connect-to-work' }),
    );
    expect(first.json.context).toEqual({ notice: 'kent-connect-to-work', topic: 'sharing' });
    const followUp = await call(
      event({ message: 'and how long do you keep it?', sessionId: first.json.sessionId, context: first.json.context }),
      instance(),
    );
    expect(followUp.json).toMatchObject({
      notice: 'kent-connect-to-work',
      topic: 'retention',
      sessionId: first.json.sessionId,
      context: { notice: 'kent-connect-to-work', topic: 'retention' },
    });
    expect(followUp.json.text).toContain('6 years');
  });

  it('makes no DynamoDB call on a turn it answers, and one, off the answer’s path, for a question it cannot', async () => {
    const { DynamoUnansweredStore } = await import('#adapters/dynamodb-unanswered-store.ts');
    const { ensureUnansweredTable } = await import('../../functions/local/dynalite.ts');
    await ensureUnansweredTable(dynamo.client, 'unanswered-counted');
    // A client of its own, counting every command it sends (the document client sends through it too).
    const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
    const counting = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: 'eu-west-2',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const sends: string[] = [];
    counting.middlewareStack.add(
      (next, context) => (args) => {
        sends.push(String(context.commandName));
        return next(args);
      },
      { step: 'initialize', name: 'countSends' },
    );
    const handler = createChatHandler({
      index: realIndex(),
      logger: new Logger({ serviceName: 'web-chat-test', logLevel: 'SILENT' }),
      allowedOrigins: [ORIGIN],
      unanswered: new DynamoUnansweredStore(counting, 'unanswered-counted'),
    });
    const first = await call(
      event({ message: 'who do you share my information with', notice: 'sefton-at-work' }),
      handler,
    );
    await call(event({ message: 'and how long do you keep it?', context: first.json.context }), handler);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sends).toEqual([]);
    const unanswered = await call(
      event({ message: 'Is my data stored abroad?', notice: 'southend-connexions' }),
      handler,
    );
    expect(unanswered.json.outcome).not.toBe('answered');
    expect(sends).toEqual([]); // the answer did not wait for it
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sends).toHaveLength(1); // the record, written after the answer went
    counting.destroy();
  });

  it('keeps nothing itself: without the context a follow-up has no service, and asks which one', async () => {
    const first = await call(event({ message: 'who do you share my information with', notice: 'sefton-at-work' }));
    const later = await call(event({ message: 'and how long do you keep it?', sessionId: first.json.sessionId }));
    expect(later.json.notice).toBeNull();
    expect(later.json.outcome).toBe('which-service');
  });

  it('refuses a forged context naming a notice or topic that does not exist', async () => {
    const notice = await call(event({ message: 'how long', context: { notice: 'made-up' } }));
    expect(notice.statusCode).toBe(400);
    expect(notice.json.error.message).toMatch(/Unknown notice "made-up"/);
    const topic = await call(event({ message: 'how long', context: { topic: 'everything' } }));
    expect(topic.statusCode).toBe(400);
  });

  it.each([
    ['a missing body', event(undefined), 400, /not valid JSON|JSON object/],
    ['a body that is not JSON', event('{"message": "hi"'), 400, /not valid JSON/],
    ['the wrong content type', event({ message: 'hi' }, { 'content-type': 'text/plain' }), 415, /application\/json/],
    ['an empty message', event({ message: '   ' }), 400, /Please type a question/],
    ['an oversized message', event({ message: 'x'.repeat(2001) }), 400, /under 2,000 characters/],
    ['an unknown notice', event({ message: 'how long', notice: 'nope' }), 400, /Unknown notice "nope"/],
    ['an unknown council', event({ message: 'how long', council: 'atlantis' }), 400, /Unknown council "atlantis"/],
    ['a disallowed origin', event({ message: 'how long' }, { origin: 'https://evil.example' }), 403, /not allowed/],
  ])('refuses %s with a clear 4xx', async (_name, e, status, message) => {
    const response = await call(e);
    expect(response.statusCode).toBe(status);
    expect(response.json.error.message).toMatch(message);
  });

  it('answers a CORS preflight from a council origin and refuses one from elsewhere', async () => {
    const ok = await call(event(undefined, { 'access-control-request-method': 'POST' }, 'OPTIONS'));
    expect(ok.statusCode).toBe(204);
    expect(ok.headers?.['Access-Control-Allow-Methods']).toContain('POST');
    const refused = await call(
      event(undefined, { origin: 'https://evil.example', 'access-control-request-method': 'POST' }, 'OPTIONS'),
    );
    expect(refused.statusCode).toBe(403);
  });

  it('logs the answer without what was typed: no personal data reaches the logs', async () => {
    const lines: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array) => (
      lines.push(String(chunk)),
      true
    )) as typeof process.stdout.write;
    try {
      const logged = createChatHandler({
        index: realIndex(),
        logger: new Logger({ serviceName: 'web-chat-test', logLevel: 'INFO' }),
        allowedOrigins: [ORIGIN],
      });
      const message =
        'My name is Jane Smith, jane.smith@example.com, 07700 900123, NI QQ123456C, born 03/09/2008, ME14 1XQ: what do you hold about me?';
      const response = await call(event({ message, notice: 'kent-connect-to-work' }), logged);
      expect(response.statusCode).toBe(200);
    } finally {
      process.stdout.write = write;
    }
    const log = lines.join('');
    expect(log).toContain('"Answered"');
    expect(log).toContain('"outcome":"answered"');
    expect(log).not.toContain('"question"');
    for (const secret of [
      'Jane Smith',
      'jane.smith@example.com',
      '07700 900123',
      'QQ123456C',
      '03/09/2008',
      'ME14 1XQ',
    ]) {
      expect(log).not.toContain(secret);
    }
  });

  it('records a question the notices fail to answer, redacted, for the DPO digest', async () => {
    const { DynamoUnansweredStore } = await import('#adapters/dynamodb-unanswered-store.ts');
    const { ensureUnansweredTable } = await import('../../functions/local/dynalite.ts');
    const { isoWeek } = await import('#core/unanswered.ts');
    await ensureUnansweredTable(dynamo.client, 'unanswered');
    const unanswered = new DynamoUnansweredStore(dynamo.client, 'unanswered');
    const recording = createChatHandler({
      index: realIndex(),
      logger: new Logger({ serviceName: 'web-chat-test', logLevel: 'SILENT' }),
      allowedOrigins: [ORIGIN],
      unanswered,
    });
    await call(
      event({ message: 'Is my data stored abroad? My email is jo@example.com', notice: 'southend-connexions' }),
      recording,
    );
    await call(
      event({ message: 'how long do you keep adoption records', notice: 'southend-childrens-services' }),
      recording,
    );
    await new Promise((resolve) => setTimeout(resolve, 200)); // the record is written off the answer's path
    const week = await unanswered.listWeek('southend', isoWeek(new Date()));
    expect(week).toHaveLength(1);
    expect(week[0]).toMatchObject({ notice: 'southend-connexions', topicGuess: 'international', count: 1 });
    expect(week[0]!.example).toContain('[email]');
    expect(week[0]!.example).not.toContain('jo@example.com');
  });
});
