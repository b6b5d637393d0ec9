// Finding 1 of issue 12: no single request takes `npm start` down. Each crash the issue found, and its cousins on
// every route, against the real server process; after each it must still be serving.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from './server-process.ts';

let server: ServerProcess;
beforeAll(async () => {
  server = await startServerProcess();
}, 120_000);
afterAll(() => server?.stop());

/** The routes that read a body from anyone. */
const BODY_ROUTES = [
  '/api/chat',
  '/api/feedback',
  '/api/sar',
  '/api/escalate',
  '/api/complaints/acknowledge',
  '/api/messages',
];
/** The local-only routes: refused (the Invoke endpoint, without its secret) or bodiless (the digest). */
const LOCAL_ROUTES = ['/2015-03-31/functions/sar-intake/invocations', '/local/digest'];
const POST_ROUTES = [...BODY_ROUTES, ...LOCAL_ROUTES];

/** Sends raw bytes and resolves with what came back (or '' when the server closed the connection). */
function raw(text: string, { closeAfterMs }: { closeAfterMs?: number } = {}): Promise<string> {
  const { port } = new URL(server.url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), '127.0.0.1', () => {
      socket.write(text);
      if (closeAfterMs !== undefined) setTimeout(() => socket.destroy(), closeAfterMs);
    });
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString('utf8')));
    socket.on('close', () => resolve(received));
    socket.on('error', () => resolve(received));
    socket.setTimeout(15_000, () => socket.destroy());
  });
}

const statusOf = (response: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1] ?? 0);

describe('npm start survives any single request', () => {
  it.each(BODY_ROUTES)('a body over 64 KB on %s gets 413 and the server keeps serving', async (path) => {
    const body = JSON.stringify({ message: 'x'.repeat(70 * 1024) });
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'too-large' } });
    expect(await server.serving(), server.output()).toBe(true);
  });

  it.each(BODY_ROUTES)('a body over 64 KB sent without Content-Length (chunked) on %s gets 413', async (path) => {
    const chunk = 'x'.repeat(16 * 1024);
    const chunks = Array.from({ length: 6 }, () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`).join('');
    const response = await raw(
      `POST ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${chunks}0\r\n\r\n`,
    );
    expect(statusOf(response)).toBe(413);
    expect(await server.serving(), server.output()).toBe(true);
  });

  it.each(POST_ROUTES)(
    'a client that drops mid-upload on %s gets nothing and the server keeps serving',
    async (path) => {
      await raw(
        `POST ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 50000\r\n\r\n{"message":"${'y'.repeat(2000)}`,
        { closeAfterMs: 100 },
      );
      // And once more, closing before the headers are done.
      await raw(`POST ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Len`, { closeAfterMs: 50 });
      expect(await server.serving(), server.output()).toBe(true);
    },
  );

  it.each(BODY_ROUTES)('malformed JSON on %s is refused with a 4xx, never a crash', async (path) => {
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"message": "unterminated',
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(await server.serving(), server.output()).toBe(true);
  });

  it.each(LOCAL_ROUTES)(
    'a 70 KB body or malformed JSON on %s is answered and the server keeps serving',
    async (path) => {
      for (const body of [JSON.stringify({ message: 'x'.repeat(70 * 1024) }), '{"unterminated']) {
        const response = await fetch(`${server.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        expect(response.status).toBeLessThan(500);
        await response.arrayBuffer();
      }
      expect(await server.serving(), server.output()).toBe(true);
    },
  );

  it('malformed JSON on the Lambda Invoke endpoint, as the issue sent it (text/plain, no checks), does not crash it', async () => {
    const response = await fetch(`${server.url}/2015-03-31/functions/sar-intake/invocations`, {
      method: 'POST',
      body: '{bad',
    });
    expect(response.status).toBe(403);
    expect(await server.serving(), server.output()).toBe(true);
  });

  it('a request Node cannot parse gets 400 and the server keeps serving', async () => {
    const response = await raw('NOT A REQUEST\r\n\r\n');
    expect(statusOf(response)).toBe(400);
    expect(await server.serving(), server.output()).toBe(true);
  });

  it('a percent-encoding that does not decode in the function name gets 400', async () => {
    const response = await fetch(`${server.url}/2015-03-31/functions/%E0%A4%A/invocations`, { method: 'POST' });
    expect(response.status).toBe(400);
    expect(await server.serving(), server.output()).toBe(true);
  });

  it('is still the same process at the end', () => {
    expect(server.child.exitCode).toBeNull();
  });
});
