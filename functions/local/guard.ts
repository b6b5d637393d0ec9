/**
 * What keeps one request from taking the local server down, and the local-only endpoints from being reached by a
 * web page: every route's errors answered on the route (too large → 413, aborted → nothing, bad JSON → 400, a
 * method the route does not take → 405), and the checks for the Lambda Invoke endpoint and /local/* routes.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorBody } from '#shared/http.ts';
import { BodyTooLarge, ClientAborted } from './api-gateway.ts';

/** Headers on everything the local server answers itself (the API's own come from the HTTP stack). */
export const COMMON_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
} as const;

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (response.headersSent || response.destroyed) return;
  // Answered before the body was read (a refusal): close the connection rather than read what is left of it.
  const unread = response.req && !response.req.complete ? { connection: 'close' } : {};
  response.writeHead(status, {
    ...COMMON_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    ...unread,
    ...headers,
  });
  response.end(JSON.stringify(body));
}

export function sendError(
  response: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  sendJson(response, status, errorBody(code, message), headers);
}

/**
 * The answer to a request whose handling failed: 413 for a body over the limit (and the connection closed, so the
 * rest of the upload is not read), nothing for a client that went away, 500 for anything else. Never throws.
 */
export function failed(response: ServerResponse, error: unknown, log: (error: unknown) => void): void {
  if (error instanceof ClientAborted || response.destroyed) {
    response.destroy();
    return;
  }
  if (error instanceof BodyTooLarge) {
    sendError(response, 413, 'too-large', error.message, { connection: 'close' });
    return;
  }
  log(error);
  if (response.headersSent) {
    response.destroy();
    return;
  }
  sendError(response, 500, 'internal', 'Sorry, something went wrong on our side. Please try again.');
}

/** The methods each route takes; any other gets 405 with `Allow`. */
export function allowed(response: ServerResponse, method: string | undefined, methods: string[]): boolean {
  if (method && methods.includes(method)) return true;
  sendError(
    response,
    405,
    'method-not-allowed',
    `This address takes ${methods.join(' or ')} requests, not ${method ?? 'that'}.`,
    { allow: methods.join(', ') },
  );
  return false;
}

const LOOPBACK_ADDRESS = /^(?:127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;
const LOOPBACK_HOST = /^(?:localhost|127\.\d+\.\d+\.\d+|\[::1\])(?::\d+)?$/i;

/**
 * A request from this machine, not from a web page: a loopback peer, a loopback Host (no DNS rebinding) and no
 * Origin header (every browser sends one on a cross-site POST; curl and the AWS SDK send none).
 */
export function fromThisMachine(request: IncomingMessage): string | undefined {
  if (!LOOPBACK_ADDRESS.test(request.socket.remoteAddress ?? '')) return 'Only this machine may call this address.';
  if (!LOOPBACK_HOST.test(request.headers.host ?? '')) return 'Call this address as localhost.';
  if (request.headers.origin !== undefined) return 'This address does not take requests from web pages.';
  return undefined;
}

/** Whether the request's media type is JSON, whatever its case ("APPLICATION/JSON; charset=UTF-8"). */
export function isJson(request: IncomingMessage): boolean {
  const media = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  return media === 'application/json';
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** A constant-time check of a per-start secret header. */
export function tokenMatches(given: string | string[] | undefined, expected: string): boolean {
  return typeof given === 'string' && timingSafeEqual(digest(given), digest(expected));
}

/** JSON.parse, a leading byte-order mark allowed; undefined when the text is not JSON. */
export function parseJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) };
  } catch {
    return undefined;
  }
}
