/**
 * The Lambda Invoke endpoint (`POST /2015-03-31/functions/<name>/invocations`), so functions that invoke others with
 * the AWS SDK (the chat's SAR hand-off, the Teams bot, the mail retry) take the same call path on a laptop as in AWS.
 * It answers only the in-process Lambda client: a loopback peer and Host, no Origin, JSON, and this run's secret.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { readBody } from '../api-gateway.ts';
import { allowed, fromThisMachine, isJson, parseJson, sendError, sendJson, tokenMatches } from '../guard.ts';
import type { LocalRoute } from './route.ts';

/** The header the in-process Lambda client sends with the per-start secret. */
const INVOKE_TOKEN_HEADER = 'x-local-invoke-token';
/** The path the AWS SDK's Lambda client posts an Invoke to. */
const INVOKE = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

export type Invocable = (event: never) => Promise<unknown>;

/** The AWS SDK's Lambda client, pointed at this server, sending this run's secret and the event as JSON. */
export function localLambdaClient(url: string, invokeToken: string): LambdaClient {
  const lambda = new LambdaClient({
    endpoint: url,
    region: 'eu-west-2',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  // The Invoke endpoint takes only this run's secret and JSON: the event is JSON, whatever type the SDK names.
  lambda.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { headers?: Record<string, string> };
      if (request.headers) {
        request.headers[INVOKE_TOKEN_HEADER] = invokeToken;
        request.headers['content-type'] = 'application/json';
      }
      return next(args);
    },
    { step: 'build', name: 'localInvokeToken' },
  );
  return lambda;
}

/** As Lambda reports a function that threw: 200 with X-Amz-Function-Error, the error as the payload. */
function functionError(response: ServerResponse, error: unknown) {
  sendJson(
    response,
    200,
    { errorType: (error as Error)?.name ?? 'Error', errorMessage: 'The function failed.' },
    { 'x-amz-function-error': 'Unhandled', 'x-amz-executed-version': '$LATEST' },
  );
}

async function invoke(
  request: IncomingMessage,
  response: ServerResponse,
  fn: Invocable | undefined,
  name: string,
  logFailure: (error: unknown) => void,
): Promise<void> {
  if (!fn)
    return sendJson(
      response,
      404,
      { Type: 'User', message: `Function not found: ${name}` },
      { 'x-amzn-errortype': 'ResourceNotFoundException' },
    );
  const event = parseJson((await readBody(request)) || 'null');
  if (!event) return sendError(response, 400, 'invalid-json', 'The event is not valid JSON.');
  let result: unknown;
  try {
    result = await fn(event.value as never);
  } catch (error) {
    logFailure(error);
    return functionError(response, error);
  }
  sendJson(response, 200, result ?? null, { 'x-amz-executed-version': '$LATEST' });
}

export function invokeRoute(
  functions: Record<string, Invocable>,
  invokeToken: string,
  logFailure: (error: unknown) => void,
): LocalRoute {
  return {
    matches: (path) => INVOKE.test(path),
    async serve(request, response, path) {
      let name: string;
      try {
        name = decodeURIComponent(INVOKE.exec(path)![1]!);
      } catch {
        return sendError(response, 400, 'bad-request', 'The function name is not valid.');
      }
      if (!allowed(response, request.method, ['POST'])) return;
      const refused = fromThisMachine(request);
      if (refused) return sendError(response, 403, 'forbidden', refused);
      if (!tokenMatches(request.headers[INVOKE_TOKEN_HEADER], invokeToken))
        return sendError(response, 403, 'forbidden', 'This address is for the assistant’s own Lambda client.');
      if (!isJson(request))
        return sendError(response, 415, 'unsupported-media-type', 'Send the event as application/json.');
      return invoke(request, response, Object.hasOwn(functions, name) ? functions[name] : undefined, name, logFailure);
    },
  };
}
