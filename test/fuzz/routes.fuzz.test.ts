// Issue 12: a bounded fuzz of every route of the real `npm start` process. A few thousand generated requests —
// valid bodies mutated (fields dropped, retyped, lengthened, nested, prototype keys), broken JSON, other methods and
// media types, a BOM — and the server must answer every one below 500, in the one error shape when it refuses, and
// still be serving at the end. Seeded, so a failure names the request that caused it and repeats.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../local/server-process.ts';

const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 3000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const CONCURRENCY = 16;

/** mulberry32: small, fast, and the same sequence for the same seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick, chance: (p: number) => next() < p };
}
type Random = ReturnType<typeof prng>;

const STRINGS = [
  '',
  ' ',
  'kent',
  'southend',
  'kent-connect-to-work',
  'how long do you keep my data',
  '__proto__',
  'constructor',
  'toString',
  '\u0000',
  '\uFEFF',
  '\u202Egnp.exe',
  '😀'.repeat(50),
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  "'; DROP TABLE cases; --",
  '07700.900.462',
  'QQ-12-34-56-C',
  'jo@example.com',
  'not-an-email',
  '2026-02-30',
  '2026-11-23',
  'SAR-7K4M-Q9TX',
  'ESC-7K4M-Q9TX',
  '../../etc/passwd',
  '%00',
  '\r\nBcc: attacker@example.com',
];

function randomValue(r: Random, depth = 0): unknown {
  const kind = r.int(depth > 3 ? 6 : 9);
  switch (kind) {
    case 0:
      return null;
    case 1:
      return r.chance(0.5);
    case 2:
      return r.pick([0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 42]);
    case 3:
      return r.pick(STRINGS);
    case 4:
      return 'x'.repeat(r.pick([1, 99, 101, 201, 2001, 4001, 20_000]));
    case 5:
      return r.pick(STRINGS) + r.pick(STRINGS);
    case 6:
      return Array.from({ length: r.int(5) }, () => randomValue(r, depth + 1));
    case 7:
      return Object.fromEntries(
        Array.from({ length: r.int(5) }, () => [
          r.pick([...STRINGS, 'a', 'b', 'text', 'from']),
          randomValue(r, depth + 1),
        ]),
      );
    default:
      // Deep nesting, sometimes past any limit: a marker here, the nesting itself written into the JSON text (a
      // 4,100-level object would overflow JSON.stringify in the test, which is the point of sending it).
      return `__DEEP_${r.pick([10, 33, 500, 4100])}__`;
  }
}

/** The body as text, with each deep-nesting marker written out. */
const serialise = (value: unknown) =>
  JSON.stringify(value).replace(
    /"__DEEP_(\d+)__"/g,
    (_m, n: string) => `${'{"a":'.repeat(Number(n))}1${'}'.repeat(Number(n))}`,
  );

/** A valid body for each route, to mutate. */
function validBody(path: string, r: Random, connector: string): Record<string, unknown> {
  switch (path) {
    case '/api/chat':
      return {
        message: r.pick(['how long do you keep adoption records', 'who do you share my data with', 'hello']),
        council: 'southend',
        sessionId: 'fuzz-session-0001',
      };
    case '/api/feedback':
      return {
        helpful: false,
        question: r.pick(['how long do you keep adoption records', 'who do you share my data with', 'hello']),
        topic: r.pick(['retention', 'sharing', 'out-of-scope']),
        notice: 'kent-connect-to-work',
        council: 'kent',
      };
    case '/api/sar':
      return {
        idempotencyKey: `fuzz-${r.int(50)}-key`,
        council: 'kent',
        notice: 'kent-connect-to-work',
        requester: { name: 'Fuzz Person', email: 'fuzz@example.com' },
        request: { description: 'Everything' },
      };
    case '/api/escalate':
      return {
        council: 'kent',
        notice: 'kent-connect-to-work',
        sessionId: `fuzz-session-${r.int(1000)}`,
        contact: { email: `fuzz-${r.int(1000)}@example.com` },
        message: 'A question for the DPO',
        consentToTranscript: true,
        transcript: [
          { from: 'you', text: 'hi' },
          { from: 'assistant', text: 'hello', source: { notice: 'kent-connect-to-work', section: 'FAKE' } },
        ],
      };
    case '/api/messages':
      return {
        type: 'message',
        id: `${r.int(1e9)}`,
        // Only a connector that listens, or an address elsewhere: an Emulator on this machine that is not running is
        // answered 502 by design (the reply cannot be delivered), which this fuzz does not exercise.
        serviceUrl: r.pick([
          connector,
          'https://smba.trafficmanager.net/uk/',
          'http://169.254.169.254/',
          'file:///etc/passwd',
        ]),
        channelId: 'emulator',
        from: { id: 'user' },
        conversation: { id: 'conversation' },
        recipient: { id: 'bot' },
        text: r.pick([
          'how long do you keep adoption records',
          'Log a SAR',
          'SAR status SAR-7K4M-Q9TX',
          'Escalate help',
        ]),
      };
    default:
      return { action: r.pick(['submit', 'get', 'list-by-status', 'reminders', 'queue-owed-mail']), council: 'kent' };
  }
}

/** One change to a body: drop, retype, add, lengthen, nest. */
function mutate(body: Record<string, unknown>, r: Random): unknown {
  const copy: Record<string, unknown> = structuredClone(body);
  const keys = Object.keys(copy);
  for (let i = 0, n = 1 + r.int(3); i < n; i++) {
    const key = r.pick(keys);
    switch (r.int(6)) {
      case 0:
        delete copy[key];
        break;
      case 1:
        copy[key] = randomValue(r);
        break;
      case 2:
        copy[r.pick(['__proto__', 'constructor', 'extra', 'status', 'loggedBy', 'channel', 'value', 'membersAdded'])] =
          r.chance(0.3)
            ? { command: 'log-sar', idempotencyKey: `fuzz-${r.int(9)}-key`, name: randomValue(r) }
            : randomValue(r);
        break;
      case 3:
        if (copy[key] && typeof copy[key] === 'object') {
          const inner = copy[key] as Record<string, unknown>;
          inner[r.pick(Object.keys(inner).concat('x'))] = randomValue(r);
        }
        break;
      case 4:
        return randomValue(r);
      default:
        break; // unchanged: a valid request now and then
    }
  }
  return copy;
}

interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

const ROUTES = [
  '/api/chat',
  '/api/feedback',
  '/api/sar',
  '/api/escalate',
  '/api/messages',
  '/api/complaints/acknowledge',
  '/2015-03-31/functions/sar-intake/invocations',
  '/api/nowhere',
  '/',
  '/widget.js',
];

function generate(r: Random, connector: string, origin: string): FuzzRequest {
  const path = r.pick(ROUTES);
  const method = r.chance(0.85) ? 'POST' : r.pick(['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']);
  const headers: Record<string, string> = {};
  const type = r.pick([
    'application/json',
    'application/json',
    'application/json',
    'APPLICATION/JSON; charset=UTF-8',
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    '',
  ]);
  if (type) headers['content-type'] = type;
  if (r.chance(0.6)) headers.origin = r.chance(0.8) ? origin : 'https://evil.example';
  // Header values as a client can send them (fetch takes only printable Latin-1).
  if (r.chance(0.1)) headers.authorization = `Bearer ${r.pick(STRINGS.filter((v) => /^[\x20-\x7e]*$/.test(v)))}`;
  if (method === 'GET' || method === 'HEAD') {
    const query =
      path === '/api/complaints/acknowledge'
        ? `?ref=${encodeURIComponent(r.pick(STRINGS))}&exp=${r.int(2e9)}&sig=${encodeURIComponent(r.pick(STRINGS))}`
        : '';
    return { method, path: `${path}${query}`, headers };
  }
  let body: string;
  const shape = r.int(10);
  if (shape < 7) body = serialise(mutate(validBody(path, r, connector), r));
  else if (shape === 7)
    body = JSON.stringify(validBody(path, r, connector)).slice(0, r.int(60)); // truncated
  else if (shape === 8) body = Array.from({ length: r.int(200) }, () => String.fromCharCode(r.int(0x3000))).join('');
  else body = serialise(randomValue(r));
  if (r.chance(0.05)) body = `\uFEFF${body}`;
  return { method, path, headers, body };
}

let server: ServerProcess;
let connector: Server;
let connectorUrl = '';
beforeAll(async () => {
  // A Bot Framework connector that takes every reply, for the activities that name it.
  connector = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"id":"1"}');
    });
  });
  await new Promise<void>((resolve) => connector.listen(0, '127.0.0.1', resolve));
  connectorUrl = `http://127.0.0.1:${(connector.address() as AddressInfo).port}/`;
  server = await startServerProcess();
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await new Promise<void>((resolve) => connector?.close(() => resolve()));
});

describe(`fuzz: ${REQUESTS} generated requests across every route (seed ${SEED})`, () => {
  it('answers every one below 500, refusals in the one error shape, and is still serving', async () => {
    const r = prng(SEED);
    const requests = Array.from({ length: REQUESTS }, () => generate(r, connectorUrl, server.url));
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    const started = performance.now();
    const worker = async () => {
      while (next < requests.length) {
        const index = next++;
        const request = requests[index]!;
        const describe = () =>
          `#${index} ${request.method} ${request.path} ${JSON.stringify(request.headers)} ${(request.body ?? '').slice(0, 200)}`;
        let response: Response;
        try {
          response = await fetch(`${server.url}${request.path}`, {
            method: request.method,
            headers: request.headers,
            ...(request.body !== undefined ? { body: request.body } : {}),
            signal: AbortSignal.timeout(20_000),
          });
        } catch (error) {
          failures.push(`no answer (${(error as Error).message}): ${describe()}`);
          continue;
        }
        const text = await response.text();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status >= 500) failures.push(`${response.status}: ${describe()} → ${text.slice(0, 200)}`);
        const json = request.path.startsWith('/api/') && request.method !== 'HEAD';
        if (json && response.status >= 400 && !request.path.startsWith('/api/complaints/')) {
          let body: { ok?: unknown; error?: { code?: unknown; message?: unknown; fields?: unknown } } | undefined;
          try {
            body = JSON.parse(text);
          } catch {
            failures.push(`not JSON: ${describe()} → ${text.slice(0, 200)}`);
            continue;
          }
          const shaped =
            body?.ok === false &&
            typeof body.error?.code === 'string' &&
            typeof body.error.message === 'string' &&
            !!body.error.fields &&
            typeof body.error.fields === 'object';
          if (!shaped) failures.push(`not the error shape: ${describe()} → ${text.slice(0, 200)}`);
          else if (/^Invalid input/.test(String(body!.error!.message)) || /"Invalid input/.test(text))
            failures.push(`says only "Invalid input": ${describe()} → ${text.slice(0, 200)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `fuzz: ${REQUESTS} requests in ${seconds.toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`,
    );
    if (failures.length) console.log(failures.slice(0, 40).join('\n'));
    expect(failures.slice(0, 20), `${failures.length} failures`).toEqual([]);
    expect([...statuses.keys()].filter((s) => s >= 500)).toEqual([]);
    expect(await server.serving(), server.output()).toBe(true);
    expect(server.child.exitCode).toBeNull();
  }, 240_000);
});
