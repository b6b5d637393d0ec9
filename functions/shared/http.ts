/**
 * The one middy HTTP stack every API Gateway (HTTP API, payload v2) handler uses: header normalising, an
 * origin guard, CORS for the configured council origins, security headers, JSON bodies, and an error handler
 * that turns every failure into a clear JSON error with the right status. Handlers stay about their use case.
 */
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
}

export type JsonEvent = Omit<APIGatewayProxyEventV2, 'body'> & { body: unknown };
export type HttpHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

export function json(statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) };
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
