import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAcknowledgeHandler } from '../../functions/channels/escalation/acknowledge.ts';
import { createEscalationHandler } from '../../functions/channels/escalation/handler.ts';
import { createChatHandler } from '../../functions/channels/web-chat/handler.ts';
import { createSarHandoffHandler } from '../../functions/channels/web-chat/sar-handoff.ts';
import { createTeamsHandler } from '../../functions/channels/teams/handler.ts';
import { httpStack, json, originVerifier } from '#shared/http.ts';

// In AWS the API is reached through CloudFront (with the WAF), which adds x-origin-verify; a request straight to
// the execute-api URL lacks it and is refused before any handler logic runs.
const SECRET = 'cloudfront-origin-secret-0123456789abcdef';
const ORIGIN = 'https://www.council.example';
const context = {} as Context;

function event(headers: Record<string, string>, path = '/api/chat', body = '{"message":"hello"}') {
  return {
    version: '2.0',
    routeKey: `POST ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers },
    body,
    isBase64Encoded: false,
    requestContext: { http: { method: 'POST', path }, requestId: 'test' },
  } as unknown as APIGatewayProxyEventV2;
}

/** Everything the loggers write while `run` runs (Powertools writes to stdout). */
async function output<T>(run: () => Promise<T>): Promise<{ result: T; written: string }> {
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    return { result: await run(), written: chunks.join('') };
  } finally {
    spy.mockRestore();
  }
}

/** Silent unless a test captures what is written, to check the secret never is. */
const logger = (logLevel: 'DEBUG' | 'SILENT' = 'SILENT') => new Logger({ serviceName: 'origin-verify-test', logLevel });
afterEach(() => vi.restoreAllMocks());

describe('the HTTP stack behind CloudFront (ORIGIN_VERIFY set)', () => {
  const calls: unknown[] = [];
  const stack = (originVerify?: string, log = logger()) =>
    httpStack(
      async (e) => {
        calls.push(e.body);
        return json(200, { ok: true });
      },
      { allowedOrigins: [ORIGIN], logger: log, originVerify },
    );

  it.each([
    ['without the header', {}],
    ['with a wrong value', { 'x-origin-verify': 'not-the-secret' }],
    ['with the secret plus a character', { 'x-origin-verify': `${SECRET}x` }],
    ['with an empty value', { 'x-origin-verify': '' }],
  ])('refuses a request %s: 403 in the stack’s JSON error shape, handler not called', async (_, headers) => {
    calls.length = 0;
    const { result, written } = await output(() => stack(SECRET, logger('DEBUG'))(event(headers), context));
    expect(result.statusCode).toBe(403);
    expect(JSON.parse(result.body!)).toEqual({
      ok: false,
      error: { code: 'forbidden', message: expect.any(String), fields: {} },
    });
    expect(result.headers?.['content-type']).toMatch(/application\/json/);
    expect(calls).toEqual([]);
    // Logged as refused, with neither the secret nor what was sent.
    expect(written).toContain('Request refused');
    expect(written).not.toContain(SECRET);
    expect(written).not.toContain('not-the-secret');
  });

  it('refuses a CORS preflight that did not come through CloudFront too', async () => {
    const preflight = {
      ...event({ 'access-control-request-method': 'POST' }),
      requestContext: { http: { method: 'OPTIONS', path: '/api/chat' } },
    } as unknown as APIGatewayProxyEventV2;
    const response = await stack(SECRET)(preflight, context);
    expect(response.statusCode).toBe(403);
  });

  it('accepts a request with the right header, whatever the case of its name', async () => {
    calls.length = 0;
    expect((await stack(SECRET)(event({ 'x-origin-verify': SECRET }), context)).statusCode).toBe(200);
    expect((await stack(SECRET)(event({ 'X-Origin-Verify': SECRET }), context)).statusCode).toBe(200);
    expect(calls).toEqual([{ message: 'hello' }, { message: 'hello' }]);
  });

  it('changes nothing when not configured (a local run, tests)', async () => {
    expect((await stack()(event({}), context)).statusCode).toBe(200);
    expect((await stack('')(event({ 'x-origin-verify': 'anything' }), context)).statusCode).toBe(200);
  });

  it('compares in constant time whatever the length sent (no throw on a length mismatch)', () => {
    const verified = originVerifier(SECRET);
    expect(verified({ 'x-origin-verify': SECRET })).toBe(true);
    expect(verified({ 'x-origin-verify': 'x' })).toBe(false);
    expect(verified({ 'x-origin-verify': SECRET.repeat(100) })).toBe(false);
    expect(verified({})).toBe(false);
    expect(verified(undefined as never)).toBe(false);
    expect(originVerifier(undefined)({})).toBe(true);
  });
});

describe('the routes on the HTTP stack pass ORIGIN_VERIFY to it', () => {
  // Refused before any dependency is touched, so none is needed.
  const unused = {} as never;
  const common = { logger: logger(), allowedOrigins: [ORIGIN], originVerify: SECRET };

  it.each([
    ['/api/chat', () => createChatHandler({ ...common, index: unused })],
    [
      '/api/escalate',
      () =>
        createEscalationHandler({
          ...common,
          index: unused,
          store: unused,
          queue: unused,
          sender: unused,
          randomBytes: unused,
          newId: unused,
          now: unused,
          today: unused,
        }),
    ],
    ['/api/sar', () => createSarHandoffHandler({ ...common, sarIntake: unused, today: unused })],
  ])('%s refuses a request without the header', async (path, make) => {
    const response = await make()(event({}, path), context);
    expect(response.statusCode).toBe(403);
    expect(JSON.parse(response.body!).error.code).toBe('forbidden');
  });

  it('/api/sar with the header reaches the SAR intake', async () => {
    const submit = vi.fn(async () => ({ ok: false as const, error: { code: 'invalid' as const, message: 'x' } }));
    const handler = createSarHandoffHandler({ ...common, sarIntake: { submit } as never, today: () => '2026-11-23' });
    const form = {
      idempotencyKey: 'form-key-0001',
      council: 'kent',
      requester: { name: 'Sam Example', email: 'sam@example.com' },
      request: { description: 'Everything you hold about me' },
    };
    const response = await handler(event({ 'x-origin-verify': SECRET }, '/api/sar', JSON.stringify(form)), context);
    expect(response.statusCode).toBe(400);
    expect(submit).toHaveBeenCalledOnce();
  });
});

describe('the Teams endpoint behind CloudFront', () => {
  const teams = (originVerify?: string, log = logger()) => {
    const endpoint = vi.fn(async () => ({ status: 200, body: 'ok' }));
    return { endpoint, handler: createTeamsHandler({ endpoint, logger: log, originVerify }) };
  };
  const activity = (headers: Record<string, string>) =>
    event({ authorization: 'Bearer token', ...headers }, '/api/messages', '{"type":"message"}');

  it('refuses an activity without the header, or with a wrong one, before the Bot Framework sees it', async () => {
    for (const headers of [{}, { 'x-origin-verify': 'wrong' }] as Record<string, string>[]) {
      const { endpoint, handler } = teams(SECRET, logger('DEBUG'));
      const { result, written } = await output(() => handler(activity(headers)));
      expect(result.statusCode).toBe(403);
      expect(JSON.parse(result.body!)).toEqual({
        ok: false,
        error: { code: 'forbidden', message: expect.any(String), fields: {} },
      });
      expect(endpoint).not.toHaveBeenCalled();
      expect(written).toContain('Request refused');
      expect(written).not.toContain(SECRET);
      expect(written).not.toContain('wrong');
    }
  });

  it('refuses before anything else: a GET without the header is 403, not 405', async () => {
    const { handler } = teams(SECRET);
    const get = { ...activity({}), requestContext: { http: { method: 'GET' } } } as APIGatewayProxyEventV2;
    expect((await handler(get)).statusCode).toBe(403);
  });

  it('passes an activity with the right header to the Bot Framework', async () => {
    const { endpoint, handler } = teams(SECRET);
    const response = await handler(activity({ 'x-origin-verify': SECRET }));
    expect(response.statusCode).toBe(200);
    expect(endpoint).toHaveBeenCalledWith('Bearer token', '{"type":"message"}');
    expect((await handler(activity({ 'X-Origin-Verify': SECRET }))).statusCode).toBe(200);
  });

  it('changes nothing when not configured (the local Emulator)', async () => {
    const { endpoint, handler } = teams();
    expect((await handler(activity({}))).statusCode).toBe(200);
    expect(endpoint).toHaveBeenCalledOnce();
  });
});

describe('the acknowledge link behind CloudFront', () => {
  const acknowledge = (originVerify?: string) => {
    const store = { acknowledge: vi.fn(async () => undefined) };
    const handler = createAcknowledgeHandler({
      store,
      secret: 'k'.repeat(32),
      now: () => new Date(),
      today: () => '2026-11-23',
      logger: logger(),
      originVerify,
    });
    return { store, handler };
  };
  const link = (headers: Record<string, string>) =>
    ({
      ...event(headers, '/api/complaints/acknowledge', ''),
      queryStringParameters: { ref: 'X', exp: '1', sig: 'bad' },
    }) as APIGatewayProxyEventV2;

  it('refuses a request without the header with the JSON 403, and checks it before the link', async () => {
    const { handler } = acknowledge(SECRET);
    const response = await handler(link({}));
    expect(response.statusCode).toBe(403);
    expect(JSON.parse(response.body!).error.code).toBe('forbidden');
  });

  it('with the right header (or none configured) goes on to check the link as before', async () => {
    for (const [secret, headers] of [
      [SECRET, { 'x-origin-verify': SECRET }],
      [undefined, {}],
    ] as const) {
      const response = await acknowledge(secret).handler(link(headers));
      expect(response.statusCode).toBe(403);
      expect(response.headers?.['content-type']).toMatch(/text\/html/);
      expect(response.body).toContain('This link is not valid or has expired');
    }
  });
});
