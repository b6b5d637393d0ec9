// Findings 3, 7, 8 and 9 of issue 12: the local server as an embedded default. The Lambda Invoke endpoint is for the
// assistant's own Lambda client only; the Teams bot without an app id replies only to an Emulator on this machine
// and with one authenticates as the Lambda does; every route takes only its methods, media types in any case, a
// leading BOM, and answers with real security headers.
import { randomUUID } from 'node:crypto';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalServer, type LocalServer } from '../../functions/local/server.ts';
import { startServerProcess, type ServerProcess } from './server-process.ts';

const INVOKE = '/2015-03-31/functions/sar-intake/invocations';

let server: LocalServer;
let connector: { url: string; posted: unknown[]; close: () => Promise<void> };
beforeAll(async () => {
  server = await startLocalServer({ port: 0, logLevel: 'SILENT' });
  const posted: unknown[] = [];
  const http: Server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    request.on('end', () => {
      posted.push(JSON.parse(raw || '{}'));
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ id: `reply-${posted.length}` }));
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  connector = {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/`,
    posted,
    close: () => new Promise<void>((resolve) => http.close(() => resolve())),
  };
});
afterAll(async () => {
  await server.close();
  await connector.close();
});

const sarForm = () => ({
  idempotencyKey: randomUUID(),
  council: 'kent',
  notice: 'kent-connect-to-work',
  requester: { name: 'Sam Example', email: 'sam@example.com' },
  request: { description: 'Everything you hold about my employment support' },
});

const listCases = JSON.stringify({ action: 'list-by-status', council: 'kent', status: 'received' });

describe('the local Lambda Invoke endpoint (finding 7)', () => {
  it('is what the chat Lambda uses: a SAR made in the widget goes through it', async () => {
    const response = await fetch(`${server.url}/api/sar`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify(sarForm()),
    });
    expect(response.status).toBe(201);
  });

  it('refuses what any web page could send: text/plain, no secret — and lists nothing', async () => {
    const response = await fetch(`${server.url}${INVOKE}`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: listCases,
    });
    expect(response.status).toBe(403);
    const body = await response.text();
    expect(body).not.toContain('sam@example.com');
    expect(JSON.parse(body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses a request carrying an Origin, even with the secret', async () => {
    const response = await fetch(`${server.url}${INVOKE}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-local-invoke-token': server.invokeToken, origin: server.url },
      body: listCases,
    });
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('sam@example.com');
  });

  it('refuses a wrong secret, and a right one without application/json', async () => {
    const wrong = await fetch(`${server.url}${INVOKE}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-local-invoke-token': 'guess' },
      body: listCases,
    });
    expect(wrong.status).toBe(403);
    const plain = await fetch(`${server.url}${INVOKE}`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'x-local-invoke-token': server.invokeToken },
      body: listCases,
    });
    expect(plain.status).toBe(415);
  });

  it('answers malformed JSON with 400 and a thrown handler as Lambda does, for the client that holds the secret', async () => {
    const headers = { 'content-type': 'APPLICATION/JSON', 'x-local-invoke-token': server.invokeToken };
    const bad = await fetch(`${server.url}${INVOKE}`, { method: 'POST', headers, body: '{bad' });
    expect(bad.status).toBe(400);
    const good = await fetch(`${server.url}${INVOKE}`, { method: 'POST', headers, body: listCases });
    expect(good.status).toBe(200);
    expect(await good.json()).toMatchObject({ ok: true, cases: expect.any(Array) });
  });

  it('refuses a Host that is not this machine (DNS rebinding) and GET', async () => {
    // fetch will not send another Host, so this one goes by node:http.
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(
        `${server.url}${INVOKE}`,
        {
          method: 'POST',
          headers: {
            host: 'evil.example',
            'content-type': 'application/json',
            'x-local-invoke-token': server.invokeToken,
          },
        },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      request.on('error', reject);
      request.end(listCases);
    });
    expect(status).toBe(403);
    const get = await fetch(`${server.url}${INVOKE}`);
    expect(get.status).toBe(405);
  });

  it('is bound to loopback only', async () => {
    const { port } = new URL(server.url);
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
    if (!external) return; // a machine with no other interface has nothing else to listen on
    const reached = await new Promise<boolean>((resolve) => {
      const socket = connect(Number(port), external, () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    expect(reached).toBe(false);
  });

  it('the /local/ routes take no request from a web page either', async () => {
    for (const path of ['/local/digest', '/local/reminders']) {
      const response = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { origin: 'https://evil.example' },
      });
      expect(response.status).toBe(403);
    }
  });
});

const activity = (serviceUrl: unknown) => ({
  type: 'message',
  id: '1700000000000',
  serviceUrl,
  channelId: 'emulator',
  from: { id: 'user-1', name: 'Someone' },
  conversation: { id: 'conversation-1' },
  recipient: { id: 'bot', name: 'Privacy assistant' },
  text: 'how long do you keep adoption records',
});
const postActivity = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('the Teams bot in Emulator mode (findings 3 and 8)', () => {
  it('replies to an Emulator on this machine', async () => {
    const before = connector.posted.length;
    const response = await postActivity(server.url, activity(connector.url));
    expect(response.status).toBe(200);
    expect(connector.posted.length).toBeGreaterThan(before);
  });

  it('never posts to a serviceUrl a caller names elsewhere', async () => {
    const started = performance.now();
    const response = await postActivity(server.url, activity('https://attacker.example/'));
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('answers an activity with no serviceUrl with 400 at once, not 500 after seconds', async () => {
    const started = performance.now();
    for (const serviceUrl of [undefined, '', 42]) {
      const response = await postActivity(server.url, activity(serviceUrl));
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ ok: false, error: { code: 'invalid-activity' } });
    }
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('answers an activity the Bot Framework would trip over with 400, not 500 (found by the fuzz test)', async () => {
    const { conversation: _conversation, ...noConversation } = activity(connector.url);
    for (const body of [
      noConversation,
      { ...activity(connector.url), id: 9007199254740991 },
      { ...activity(connector.url), recipient: { id: null } },
      { ...activity(connector.url), channelId: ['emulator'] },
    ]) {
      const response = await postActivity(server.url, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(await response.json()).toMatchObject({ ok: false, error: { code: 'invalid-activity' } });
    }
  });

  it('answers an unreachable Emulator with a clear 502 at once', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const started = performance.now();
    const response = await postActivity(server.url, activity(`http://127.0.0.1:${port}/`));
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'reply-not-delivered' } });
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('npm start with MICROSOFT_APP_ID (finding 8)', () => {
  let authenticated: ServerProcess;
  beforeAll(async () => {
    authenticated = await startServerProcess({
      MICROSOFT_APP_ID: '11111111-2222-3333-4444-555555555555',
      MICROSOFT_APP_PASSWORD: 'not-a-real-secret',
      MICROSOFT_APP_TENANT_ID: '66666666-7777-8888-9999-000000000000',
    });
  }, 120_000);
  afterAll(() => authenticated?.stop());

  it('says it authenticates, and refuses an activity without a token or with a forged one, posting nothing', async () => {
    const before = connector.posted.length;
    const none = await postActivity(authenticated.url, activity(connector.url));
    expect(none.status).toBe(401);
    const forged = await postActivity(authenticated.url, activity(connector.url), {
      authorization: `Bearer ${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"aud":"x"}').toString('base64url')}.`,
    });
    expect(forged.status).toBe(401);
    expect(connector.posted.length).toBe(before);
    expect(authenticated.output()).toContain('authenticated (app 11111111-2222-3333-4444-555555555555)');
  });
});

describe('methods, media types and headers (finding 9)', () => {
  const chat = (init: RequestInit) => fetch(`${server.url}/api/chat`, init);
  const question = JSON.stringify({ message: 'how long do you keep adoption records', council: 'southend' });

  it.each(['GET', 'DELETE', 'PUT', 'PATCH'])(
    '%s on an API route gets 405 with Allow, in the error shape',
    async (method) => {
      const response = await chat({ method, ...(method === 'GET' ? {} : { body: question }) });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST, OPTIONS');
      expect(await response.json()).toMatchObject({ ok: false, error: { code: 'method-not-allowed', fields: {} } });
    },
  );

  it.each(['/api/messages', '/local/digest', INVOKE])('GET on %s gets 405', async (path) => {
    const response = await fetch(`${server.url}${path}`);
    expect(response.status).toBe(405);
  });

  it('takes media types in any case, with parameters', async () => {
    for (const type of ['APPLICATION/JSON', 'Application/Json; Charset=UTF-8', 'application/json;charset=utf-8']) {
      const response = await chat({ method: 'POST', headers: { 'content-type': type }, body: question });
      expect(response.status, type).toBe(200);
    }
  });

  it('takes a body with a leading byte-order mark', async () => {
    const response = await chat({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `\uFEFF${question}`,
    });
    expect(response.status).toBe(200);
  });

  it('refuses another media type with 415, saying what to send', async () => {
    const response = await chat({ method: 'POST', headers: { 'content-type': 'text/plain' }, body: question });
    expect(response.status).toBe(415);
    expect((await response.json()).error.message).toMatch(/application\/json/);
  });

  it.each([
    ['/api/chat', question],
    ['/api/messages', JSON.stringify(activity(undefined))],
    ['/api/escalate', '{}'],
    ['/api/nowhere', '{}'],
  ])('%s answers with no empty or "undefined" header and with the security headers', async (path, body) => {
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    for (const [name, value] of response.headers) {
      expect(value, name).not.toBe('');
      expect(value, name).not.toBe('undefined');
    }
    expect(response.headers.get('server')).toBeNull();
    expect(response.headers.get('x-powered-by')).toBeNull();
    expect(response.headers.get('reporting-endpoints')).toBeNull();
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});
