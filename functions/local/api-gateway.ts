/** Node HTTP request ↔ API Gateway HTTP API (payload v2) event and result, for running handlers locally. */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';

/** The largest body any route takes (API Gateway's own limit is larger; no form comes near this). */
export const MAX_BODY_BYTES = 64 * 1024;

export class BodyTooLarge extends Error {
  override name = 'BodyTooLarge';
  constructor() {
    super(`The request body is larger than ${MAX_BODY_BYTES / 1024} KB. Send less.`);
  }
}

/** The client went away before its request was read: there is no one to answer. */
export class ClientAborted extends Error {
  override name = 'ClientAborted';
}

/**
 * The request body as text. Rejects with BodyTooLarge as soon as it is over the limit (a Content-Length over it
 * before reading anything) and with ClientAborted when the client drops mid-upload; never leaves a stream error
 * unhandled.
 */
export function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
      request.resume();
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (error?: Error) => {
      if (settled) return;
      settled = true;
      if (error) reject(error);
      else resolve(Buffer.concat(chunks).toString('utf8'));
    };
    request.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        // Stop buffering; what else arrives is discarded until the response closes the connection.
        chunks.length = 0;
        settle(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => settle());
    request.on('aborted', () => settle(new ClientAborted('The client closed the connection mid-request.')));
    request.on('error', () => settle(new ClientAborted('The client connection failed mid-request.')));
    request.on('close', () => {
      if (!request.complete) settle(new ClientAborted('The client closed the connection mid-request.'));
    });
  });
}

export function toEvent(request: IncomingMessage, body: string): APIGatewayProxyEventV2 {
  // The path and query as sent (API Gateway's rawPath and rawQueryString); a URL is parsed only for a query.
  const raw = request.url ?? '/';
  const at = raw.indexOf('?');
  const url = at < 0 ? { pathname: raw, search: '' } : new URL(raw, 'http://localhost');
  const method = request.method ?? 'GET';
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  const now = new Date();
  return {
    version: '2.0',
    routeKey: `${method} ${url.pathname}`,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(url instanceof URL && url.search ? { queryStringParameters: Object.fromEntries(url.searchParams) } : {}),
    headers,
    ...(body ? { body } : {}),
    isBase64Encoded: false,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      requestId: randomUUID(),
      routeKey: `${method} ${url.pathname}`,
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
      http: {
        method,
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
    },
  };
}

export function localContext(functionName: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Writes a handler's result as API Gateway would: a header with no value is left out, not sent as "undefined". */
export function writeResult(response: ServerResponse, result: APIGatewayProxyStructuredResultV2): void {
  if (response.headersSent || response.destroyed) return;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    headers[name] = String(value);
  }
  const body = result.body ?? '';
  // A known length, as API Gateway sends it: no chunked framing for the client to undo.
  headers['content-length'] = String(Buffer.byteLength(body));
  response.writeHead(result.statusCode ?? 200, headers);
  response.end(body);
}
