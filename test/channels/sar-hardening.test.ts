// Findings 2 and 4 of issue 12, through the local server's real path (the SAR hand-off, Lambda Invoke, the intake,
// dynalite): a form with a field nested thousands of levels deep is refused as the caller's mistake, not a 503; an
// idempotency key sent again with other details is a clear conflict, never the first case returned silently.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SarCase } from '#core/sar/case.ts';
import { DynamoMailQueue } from '#adapters/dynamodb-mail-queue.ts';
import { DynamoSarCaseStore } from '#adapters/dynamodb-sar-store.ts';
import { LocalOutbox } from '#adapters/local-outbox.ts';
import { createSarIntakeHandler } from '../../functions/channels/sar-intake/handler.ts';
import { createSarHandoffHandler } from '../../functions/channels/web-chat/sar-handoff.ts';
import { divisionCalendar } from '#shared/calendars.ts';
import {
  ensureMailQueueTable,
  ensureSarTable,
  startLocalDynamo,
  type LocalDynamo,
} from '../../functions/local/dynalite.ts';
import { startLocalServer, type LocalServer } from '../../functions/local/server.ts';

let server: LocalServer;
let dynamo: LocalDynamo;
beforeAll(async () => {
  [server, dynamo] = await Promise.all([startLocalServer({ port: 0, logLevel: 'SILENT' }), startLocalDynamo()]);
  await ensureSarTable(dynamo.client, 'sar');
  await ensureMailQueueTable(dynamo.client, 'mail');
});
afterAll(async () => {
  await server.close();
  await dynamo.close();
});

const form = (overrides: Record<string, unknown> = {}) => ({
  idempotencyKey: randomUUID(),
  council: 'kent',
  notice: 'kent-connect-to-work',
  requester: { name: 'Sam Example', email: 'sam@example.com' },
  request: { description: 'Everything you hold about my employment support' },
  ...overrides,
});

const sar = async (body: unknown) => {
  const response = await fetch(`${server.url}/api/sar`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
};

/** The intake's own view of a case, by the local Invoke endpoint with this run's secret. */
async function stored(reference: string): Promise<SarCase> {
  const response = await fetch(`${server.url}/2015-03-31/functions/sar-intake/invocations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-local-invoke-token': server.invokeToken },
    body: JSON.stringify({ action: 'get', reference }),
  });
  return ((await response.json()) as { case: SarCase }).case;
}

const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

describe('a SAR with a deeply nested extra field (finding 2)', () => {
  it('is refused with 400 saying what is wrong, not 503 "nothing was saved"', async () => {
    const body = JSON.stringify(form()).replace(/}$/, `,"extra":${nested(4100)}}`);
    const response = await sar(body);
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ ok: false, error: { code: 'too-deep', fields: {} } });
    expect(response.json.error.message).toMatch(/more than 32 levels deep/);
  });

  it('the same depth inside the requester or as a list is refused too', async () => {
    const deepList = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    for (const body of [
      JSON.stringify(form()).replace('"name":"Sam Example"', `"name":"Sam Example","x":${nested(4100)}`),
      JSON.stringify(form()).replace(/}$/, `,"extra":${deepList}}`),
    ]) {
      const response = await sar(body);
      expect(response.status).toBe(400);
      expect(response.json.error.code).toBe('too-deep');
    }
  });

  it('unknown fields under the limit are dropped at every level, never forwarded or stored', async () => {
    const body = {
      ...form(),
      extra: { deep: { deeper: 'x' } },
      requester: { name: 'Sam Example', email: 'sam@example.com', injected: { role: 'admin' } },
      request: { description: 'Everything', note: 'mine' },
      status: 'closed',
      loggedBy: 'someone-else',
      channel: 'teams',
    };
    const response = await sar(body);
    expect(response.status).toBe(201);
    const saved = await stored(response.json.reference);
    expect(saved.requester).toEqual({ name: 'Sam Example', email: 'sam@example.com' });
    expect(JSON.stringify(saved)).not.toMatch(/injected|admin|deeper|"note"/);
    expect(saved.status).toBe('received');
    expect(saved.channel).toBe('web-chat');
    expect(saved.loggedBy).toBe('resident');
  });

  it('does not reach the intake at all when refused at the edge', async () => {
    const submit = async () => {
      throw new Error('must not be called');
    };
    const handoff = createSarHandoffHandler({
      sarIntake: { submit, invoke: submit },
      logger: new Logger({ logLevel: 'SILENT' }),
      allowedOrigins: [],
      today: () => '2026-11-23',
    });
    const event = (body: string) =>
      ({
        rawPath: '/api/sar',
        headers: { 'content-type': 'application/json' },
        body,
        isBase64Encoded: false,
        requestContext: { http: { method: 'POST', path: '/api/sar' } },
      }) as unknown as APIGatewayProxyEventV2;
    const deep = await handoff(event(JSON.stringify(form()).replace(/}$/, `,"x":${nested(100)}}`)), {} as Context);
    expect(deep.statusCode).toBe(400);
    const invalid = await handoff(event(JSON.stringify(form({ requester: { name: 'Sam' } }))), {} as Context);
    expect(invalid.statusCode).toBe(400);
    expect(JSON.parse(invalid.body!).error.fields['requester.email']).toMatch(/at least one way to contact/);
  });
});

describe('the same idempotency key with other details (finding 4)', () => {
  it('sent again unchanged: the same case, however often', async () => {
    const first = form();
    const made = await sar(first);
    expect(made.status).toBe(201);
    for (let i = 0; i < 3; i++) {
      const again = await sar(first);
      expect(again.status).toBe(200);
      expect(again.json).toMatchObject({ ok: true, reference: made.json.reference, created: false });
    }
  });

  it.each([
    ['another name', { requester: { name: 'Someone Else', email: 'sam@example.com' } }],
    ['another description', { request: { description: 'Only my school records' } }],
    ['another council', { council: 'sefton', notice: 'sefton-at-work' }],
    ['someone else’s behalf', { onBehalfOf: { name: 'Kim Example', relationship: 'I am their parent' } }],
  ])('with %s: 409 with a clear message, and the first case unchanged', async (_what, change) => {
    const first = form();
    const made = await sar(first);
    expect(made.status).toBe(201);
    const conflict = await sar({ ...first, ...change });
    expect(conflict.status).toBe(409);
    expect(conflict.json).toMatchObject({ ok: false, error: { code: 'conflict', fields: {} } });
    expect(conflict.json.error.message).toBe(
      'This form was already sent with different details. Start a new request to send these details.',
    );
    const saved = await stored(made.json.reference);
    expect(saved.requester.name).toBe('Sam Example');
    expect(saved.council).toBe('kent');
    // And the changed details under a new key are a new case.
    const fresh = await sar({ ...first, ...change, idempotencyKey: randomUUID() });
    expect(fresh.status).toBe(201);
    expect(fresh.json.reference).not.toBe(made.json.reference);
  });

  describe('in the intake, by channel', () => {
    const intake = (today: string) =>
      createSarIntakeHandler({
        store: new DynamoSarCaseStore(dynamo.client, 'sar'),
        calendar: divisionCalendar('england-and-wales'),
        knows: () => undefined,
        mailboxes: () => ({ name: 'Kent County Council', dpoEmail: 'dpo@kent.gov.uk' }),
        queue: new DynamoMailQueue(dynamo.client, 'mail'),
        sender: new LocalOutbox(join(mkdtempSync(join(tmpdir(), 'sar-hardening-')), 'outbox')),
        randomBytes: (n) => randomBytes(n),
        now: () => new Date(`${today}T10:00:00Z`),
        today: () => today,
        logger: new Logger({ logLevel: 'SILENT' }),
      });
    const request = (loggedBy: string, receivedOn: string, idempotencyKey: string) => ({
      ...form({ idempotencyKey }),
      channel: loggedBy === 'resident' ? 'web-chat' : 'phone',
      loggedBy,
      receivedOn,
    });

    it('a resident’s form sent again the next day is the same form (the server stamps the date)', async () => {
      const key = randomUUID();
      const first = await intake('2026-11-23')({ action: 'submit', request: request('resident', '2026-11-23', key) });
      const again = await intake('2026-11-24')({ action: 'submit', request: request('resident', '2026-11-24', key) });
      expect(again).toMatchObject({ ok: true, created: false, reference: (first as { reference: string }).reference });
    });

    it('a staff member’s form with another received date is a conflict (they typed it)', async () => {
      const key = randomUUID();
      await intake('2026-11-23')({ action: 'submit', request: request('staff-1', '2026-11-20', key) });
      const changed = await intake('2026-11-23')({ action: 'submit', request: request('staff-1', '2026-11-19', key) });
      expect(changed).toMatchObject({ ok: false, error: { code: 'conflict' } });
    });
  });
});

describe('refusals on the chat and SAR routes say what is wrong (finding 11)', () => {
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify(body),
    });
    return { status: response.status, json: await response.json() };
  };

  it.each([
    ['/api/chat', { message: 'hello', sessionId: 'x' }, 'sessionId', /the id the widget was given/],
    ['/api/chat', { message: 'hello', context: { topic: 'weather' } }, 'context.topic', /send back the context/],
    ['/api/chat', { message: 42 }, 'message', /type a question/],
    ['/api/chat', { message: 'hello', council: 7 }, 'council', /council must be an id/],
    ['/api/sar', form({ preferredFormat: 'fax' }), 'preferredFormat', /electronic, paper, either/],
    ['/api/sar', form({ idempotencyKey: 'x' }), 'idempotencyKey', /the key the form was given/],
    ['/api/sar', form({ requester: 'Sam' }), 'requester', /name and a way to contact/],
    ['/api/sar', form({ request: { description: 'x', services: 'all' } }), 'request.services', /must be a list/],
  ])('%s %j', async (path, body, field, message) => {
    const response = await post(path, body);
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(response.json.error.fields[field]).toMatch(message);
    expect(JSON.stringify(response.json)).not.toMatch(/Invalid input/);
  });
});
