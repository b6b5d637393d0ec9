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
import httpSecurityHeaders from '@middy/http-security-headers';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { $ZodError } from 'zod/v4/core';

/** An error a caller can act on: its message is shown to the person. */
export class ClientError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ClientError';
  }
}

export interface HttpStackOptions {
  allowedOrigins: string[];
  logger: Logger;
  /**
   * The secret CloudFront sends as `x-origin-verify` (env ORIGIN_VERIFY): when set, a request without it came
   * round the WAF (straight to the execute-api URL) and is refused. Unset locally and in tests.
   */
  originVerify?: string | undefined;
}

export type JsonEvent = Omit<APIGatewayProxyEventV2, 'body'> & { body: unknown };
export type HttpHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

export function json(statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) };
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
    return json(statusCode, { error: { code, message } });
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

/** Every failure as JSON: clear messages for what the caller can fix, a plain apology for the rest. */
function jsonErrors(logger: Logger): middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  return {
    onError: (request) => {
      const error = request.error as (Error & { statusCode?: number; expose?: boolean }) | null;
      let response: APIGatewayProxyStructuredResultV2;
      if (error instanceof ClientError) {
        response = json(error.statusCode, { error: { code: error.code, message: error.message } });
      } else if (error instanceof $ZodError) {
        response = json(400, { error: { code: 'invalid-request', message: friendlyZodMessage(error) } });
      } else if (error?.statusCode === 415 && /malformed json/i.test(error.message)) {
        response = json(400, { error: { code: 'invalid-json', message: 'The request body is not valid JSON.' } });
      } else if (error?.statusCode === 415) {
        response = json(415, {
          error: { code: 'unsupported-media-type', message: 'Send the request as application/json.' },
        });
      } else if (error?.statusCode && error.statusCode < 500 && error.expose !== false) {
        response = json(error.statusCode, { error: { code: 'bad-request', message: error.message } });
      } else {
        logger.error('Unhandled error', { error: { name: error?.name, message: error?.message } });
        response = json(500, {
          error: { code: 'internal', message: 'Sorry, something went wrong on our side. Please try again.' },
        });
      }
      if (response.statusCode! < 500)
        logger.info('Request refused', { status: response.statusCode, code: JSON.parse(response.body!).error.code });
      request.response = response;
    },
  };
}

function friendlyZodMessage(error: $ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The request is not valid.';
  return issue.message.startsWith('Invalid') ? `${issue.path.join('.') || 'request'}: ${issue.message}` : issue.message;
}

export function httpStack(
  handler: (event: JsonEvent, context: Context) => Promise<APIGatewayProxyStructuredResultV2>,
  options: HttpStackOptions,
): HttpHandler {
  // onError middlewares run in reverse order: jsonErrors (used last) shapes the response before CORS and the
  // security headers add theirs to it.
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(httpSecurityHeaders())
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
    .use(httpJsonBodyParser())
    .use(jsonErrors(options.logger))
    .handler(handler as never) as unknown as HttpHandler;
}

/** One Lambda behind several routes: the handler for the request's path, or a clear 404. */
export function byPath(routes: Record<string, HttpHandler>): HttpHandler {
  return async (event, context) => {
    const route = routes[event.rawPath];
    return route
      ? route(event, context)
      : json(404, { error: { code: 'not-found', message: `No route for ${event.rawPath}.` } });
  };
}
