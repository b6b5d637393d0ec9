/**
 * The one middy HTTP stack every API Gateway (HTTP API, payload v2) handler uses: header normalising, the
 * CloudFront origin check, an origin guard, CORS for the configured council origins, security headers, JSON
 * bodies, and an error handler that turns every failure into a clear JSON error with the right status.
 * Handlers stay about their use case.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import middy from '@middy/core';
import httpCors from '@middy/http-cors';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { $ZodError } from 'zod/v4/core';
import { fieldErrors } from '#core/sar/intake-contract.ts';

/** An error a caller can act on: its message is shown to the person; `fields` says which answer is wrong. */
export class ClientError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ClientError';
  }
}

/** The one error shape every endpoint answers with: `{ ok: false, error: { code, message, fields } }`. */
export interface ErrorBody {
  ok: false;
  error: { code: string; message: string; fields: Record<string, string> };
}

export function errorBody(code: string, message: string, fields: Record<string, string> = {}): ErrorBody {
  return { ok: false, error: { code, message, fields } };
}

/** A JSON error response in the one shape. */
export function jsonError(
  statusCode: number,
  code: string,
  message: string,
  fields?: Record<string, string>,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  const response = json(statusCode, errorBody(code, message, fields));
  return { ...response, headers: { ...response.headers, ...headers } };
}

/** How deep a request body may nest: the deepest real one (the SAR form) is four levels. */
export const MAX_JSON_DEPTH = 32;

/** How deep `value` nests, counted without recursion (so no body can overflow the stack here); stops past `limit`. */
export function jsonDepth(value: unknown, limit = MAX_JSON_DEPTH): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    const here = depth + 1;
    if (here > deepest) deepest = here;
    if (deepest > limit) return deepest;
    for (const child of Object.values(node)) stack.push([child, here]);
  }
  return deepest;
}

/** Headers every response of the API carries, whatever produced it (security headers, no caching of answers). */
export const API_RESPONSE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'cross-origin-resource-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
} as const;

export interface HttpStackOptions {
  allowedOrigins: string[];
  logger: Logger;
  /**
   * The secret CloudFront sends as `x-origin-verify` (env ORIGIN_VERIFY): when set, a request without it came
   * round the WAF (straight to the execute-api URL) and is refused. Unset locally and in tests.
   */
  originVerify?: string | undefined;
  /**
   * Answer with a timeout error just before the Lambda's own deadline (middy's timeoutEarly; on unless false). Off
   * for a handler that awaits nothing slow (the chat turn answers in microseconds and never waits on a database):
   * there the timer each request sets could never fire, and setting it costs more than the answer.
   */
  earlyTimeout?: boolean;
}

export type JsonEvent = Omit<APIGatewayProxyEventV2, 'body'> & { body: unknown };
export type HttpHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

export function json(statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 {
  return jsonText(statusCode, JSON.stringify(body));
}

/** A JSON response whose body is already serialised. */
export function jsonText(statusCode: number, body: string): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: { 'content-type': 'application/json; charset=utf-8' }, body };
}

/** The header CloudFront adds to every request it forwards to the API. */
export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';

/** The 403 for a request that did not come through CloudFront: the same JSON error shape as every other refusal. */
export const NOT_THROUGH_CLOUDFRONT = {
  statusCode: 403,
  code: 'forbidden',
  message: 'This address does not accept requests directly.',
} as const;

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Whether a request came through CloudFront: its `x-origin-verify` header equals the secret. Both sides are
 * hashed first, so timingSafeEqual compares equal lengths and the time taken says nothing about the secret,
 * not even its length. With no secret configured (a local run, tests) every request passes. The header's value
 * is never logged.
 */
export function originVerifier(secret: string | undefined): (headers: APIGatewayProxyEventV2['headers']) => boolean {
  if (!secret) return () => true;
  const expected = digest(secret);
  return (headers) => {
    // API Gateway (HTTP API) and the local server give header names in lower case; any other case is looked up.
    const given =
      headers?.[ORIGIN_VERIFY_HEADER] ??
      Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === ORIGIN_VERIFY_HEADER)?.[1];
    return typeof given === 'string' && timingSafeEqual(digest(given), expected);
  };
}

/** Refuses, before any handler logic, a request that went round CloudFront and its WAF. */
function cloudFrontOnly(secret: string | undefined): middy.MiddlewareObj<APIGatewayProxyEventV2> {
  const verified = originVerifier(secret);
  return {
    before: (request) => {
      if (!verified(request.event.headers)) {
        const { statusCode, code, message } = NOT_THROUGH_CLOUDFRONT;
        throw new ClientError(statusCode, code, message);
      }
    },
  };
}

/**
 * The same check for an HTTP handler outside the middy stack (the acknowledge page, the Teams endpoint): the
 * 403 JSON refusal, logged with its status and code only, and the handler not called.
 */
export function requireCloudFront<E extends APIGatewayProxyEventV2, A extends unknown[]>(
  handler: (event: E, ...rest: A) => Promise<APIGatewayProxyStructuredResultV2>,
  options: { originVerify?: string | undefined; logger: Logger },
): (event: E, ...rest: A) => Promise<APIGatewayProxyStructuredResultV2> {
  if (!options.originVerify) return handler;
  const verified = originVerifier(options.originVerify);
  return async (event, ...rest) => {
    if (verified(event.headers)) return handler(event, ...rest);
    const { statusCode, code, message } = NOT_THROUGH_CLOUDFRONT;
    options.logger.info('Request refused', { status: statusCode, code });
    return jsonError(statusCode, code, message, {}, API_RESPONSE_HEADERS);
  };
}

/** Rejects a browser request from a site that is not one of the council's (a request with no Origin is not a browser's). */
function originGuard(allowed: string[]): middy.MiddlewareObj<APIGatewayProxyEventV2> {
  return {
    before: (request) => {
      const origin = request.event.headers?.origin;
      if (origin && !allowed.includes(origin)) {
        throw new ClientError(403, 'origin-not-allowed', 'This site is not allowed to use the privacy assistant.');
      }
    },
  };
}

/** Every failure as JSON in the one shape: clear messages for what the caller can fix, a plain apology for the rest. */
function jsonErrors(logger: Logger): middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  return {
    onError: (request) => {
      const error = request.error as (Error & { statusCode?: number; expose?: boolean }) | null;
      let response: APIGatewayProxyStructuredResultV2;
      if (error instanceof ClientError) {
        response = jsonError(error.statusCode, error.code, error.message, error.fields, error.headers);
      } else if (error instanceof $ZodError) {
        const fields = fieldErrors(error);
        response = jsonError(400, 'invalid', Object.values(fields)[0] ?? 'The request is not valid.', fields);
      } else if (error?.statusCode === 415 && /malformed json/i.test(error.message)) {
        response = jsonError(
          400,
          'invalid-json',
          'The request body is not valid JSON: send one JSON object, for example {"message": "…"}.',
        );
      } else if (error?.statusCode === 415) {
        response = jsonError(
          415,
          'unsupported-media-type',
          'Send the request as JSON, with the header Content-Type: application/json.',
        );
      } else if (error?.statusCode && error.statusCode < 500 && error.expose !== false) {
        response = jsonError(error.statusCode, 'bad-request', error.message);
      } else {
        logger.error('Unhandled error', { error: { name: error?.name, message: error?.message } });
        response = jsonError(500, 'internal', 'Sorry, something went wrong on our side. Please try again.');
      }
      if (response.statusCode! < 500)
        logger.info('Request refused', { status: response.statusCode, code: JSON.parse(response.body!).error.code });
      request.response = response;
    },
  };
}

/**
 * Before the body is parsed: media types compared without regard to case (`APPLICATION/JSON` is JSON), a leading
 * byte-order mark dropped, and only POST taken (OPTIONS preflights are answered by CORS before this runs).
 */
function requestShape(): middy.MiddlewareObj<APIGatewayProxyEventV2> {
  return {
    before: (request) => {
      const event = request.event;
      const method = event.requestContext?.http?.method ?? 'POST';
      if (method !== 'POST') {
        throw new ClientError(
          405,
          'method-not-allowed',
          `This address takes POST requests, not ${method}.`,
          {},
          {
            allow: 'POST, OPTIONS',
          },
        );
      }
      const headers = event.headers ?? {};
      const type = headers['content-type'];
      if (typeof type === 'string') {
        const [media, ...parameters] = type.split(';');
        headers['content-type'] = [media!.trim().toLowerCase(), ...parameters].join(';');
        event.headers = headers;
      }
      if (typeof event.body === 'string') {
        if (event.isBase64Encoded) {
          event.body = Buffer.from(event.body, 'base64').toString('utf8');
          event.isBase64Encoded = false;
        }
        if (event.body.charCodeAt(0) === 0xfeff) event.body = event.body.slice(1);
      }
    },
  };
}

/** After the body is parsed: nothing nested past MAX_JSON_DEPTH goes further (a handler, a log line, an Invoke). */
function boundedDepth(): middy.MiddlewareObj<JsonEvent> {
  return {
    before: (request) => {
      if (jsonDepth(request.event.body) > MAX_JSON_DEPTH)
        throw new ClientError(
          400,
          'too-deep',
          `The request nests objects or lists more than ${MAX_JSON_DEPTH} levels deep. Send only the form's own fields.`,
        );
    },
  };
}

/** Response headers: the security headers, and none left empty or undefined ("Server: undefined"). */
function responseHeaders(): middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  const tidy = (request: { response?: APIGatewayProxyStructuredResultV2 | null | undefined }) => {
    const response = request.response;
    if (!response) return;
    // One spelling per header: the response's own (middy writes "Strict-Transport-Security") over the default's.
    const headers: Record<string, string | number | boolean> = {};
    const given = Object.entries(response.headers ?? {}).filter(([, v]) => v !== undefined && v !== null && v !== '');
    const named = new Set(given.map(([name]) => name.toLowerCase()));
    for (const [name, value] of Object.entries(API_RESPONSE_HEADERS)) if (!named.has(name)) headers[name] = value;
    for (const [name, value] of given) headers[name] = value;
    response.headers = headers;
  };
  return { after: tidy, onError: tidy };
}

export function httpStack(
  handler: (event: JsonEvent, context: Context) => Promise<APIGatewayProxyStructuredResultV2>,
  options: HttpStackOptions,
): HttpHandler {
  // onError middlewares run in reverse order: jsonErrors (used last) shapes the response before CORS and the
  // security headers add theirs to it.
  // The security headers are API_RESPONSE_HEADERS, one constant set that responseHeaders() adds: nothing computes
  // them per request.
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>(
    options.earlyTimeout === false ? { timeoutEarlyInMillis: 0 } : {},
  )
    .use(responseHeaders())
    .use(httpHeaderNormalizer())
    .use(cloudFrontOnly(options.originVerify))
    .use(originGuard(options.allowedOrigins))
    .use(
      httpCors({
        origins: options.allowedOrigins,
        methods: 'POST,OPTIONS',
        headers: 'content-type',
        maxAge: 600,
        disableBeforePreflightResponse: false,
      }),
    )
    .use(requestShape())
    .use(httpJsonBodyParser())
    .use(boundedDepth() as middy.MiddlewareObj<APIGatewayProxyEventV2>)
    .use(jsonErrors(options.logger))
    .handler(handler as never) as unknown as HttpHandler;
}

/** One Lambda behind several routes: the handler for the request's path, or a clear 404. */
export function byPath(routes: Record<string, HttpHandler>): HttpHandler {
  return async (event, context) => {
    const route = routes[event.rawPath];
    return route
      ? route(event, context)
      : jsonError(404, 'not-found', `No route for ${event.rawPath}.`, {}, API_RESPONSE_HEADERS);
  };
}
