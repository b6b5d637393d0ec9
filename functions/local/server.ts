/**
 * The local run: the same Lambda handlers behind a Node HTTP server (requests mapped to API Gateway v2
 * events), dynalite as the embedded DynamoDB, and a demo council site that embeds the widget as a council
 * would, served under a strict Content-Security-Policy. Nothing here needs an AWS account.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { Logger } from '@aws-lambda-powertools/logger';
import { submitEscalation } from '#core/escalation/submit.ts';
import { isoWeek } from '#core/unanswered.ts';
import { ESCALATION_TABLE } from '../adapters/dynamodb-escalation-store.ts';
import { DynamoMailQueue } from '../adapters/dynamodb-mail-queue.ts';
import { DynamoSarCaseStore } from '../adapters/dynamodb-sar-store.ts';
import { DynamoTeamsChannelStore } from '../adapters/dynamodb-teams-channel-store.ts';
import { DynamoUnansweredStore } from '../adapters/dynamodb-unanswered-store.ts';
import { loadKnowledgeIndex } from '../adapters/knowledge-file.ts';
import { LambdaSarIntake } from '../adapters/lambda-sar-intake.ts';
import { LocalOutbox } from '../adapters/local-outbox.ts';
import { wireDigest, wireEscalation, wireEscalationRoutes, wireMailRetry } from '../channels/escalation/wire.ts';
import { createSarIntakeHandler, type SarIntakeEvent } from '../channels/sar-intake/handler.ts';
import { createRemindersHandler, postToTeams } from '../channels/reminders/handler.ts';
import { createBotEndpoint, createProactivePoster, type BotCredentials } from '../channels/teams/bot-framework.ts';
import { createInstallHandler, createTeamsConversation, type TeamsAccess } from '../channels/teams/conversation.ts';
import { createTeamsHandler } from '../channels/teams/handler.ts';
import { createFeedbackHandler } from '../channels/web-chat/feedback.ts';
import { createChatHandler } from '../channels/web-chat/handler.ts';
import { createSarHandoffHandler } from '../channels/web-chat/sar-handoff.ts';
import { buildWidget } from '../channels/web-chat/widget/build.ts';
import { councilCalendars } from '../shared/calendars.ts';
import { byPath, type HttpHandler } from '../shared/http.ts';
import { loggedMetrics } from '../shared/metrics.ts';
import { contextChecker, councilMailboxes, londonToday } from '../shared/sar.ts';
import { localContext, readBody, toEvent, writeResult } from './api-gateway.ts';
import {
  allowed,
  COMMON_HEADERS,
  failed,
  fromThisMachine,
  isJson,
  parseJson,
  sendError,
  sendJson,
  tokenMatches,
} from './guard.ts';
import { ensureMailQueueTable, ensureSarTable, ensureUnansweredTable, startLocalDynamo } from './dynalite.ts';
import { ensureTable } from './tables.ts';

export interface LocalServerOptions {
  /** 0 picks a free port. */
  port?: number;
  /** Where dynalite keeps its tables; in memory when absent. */
  dataDir?: string;
  /** Origins allowed to call the API besides the server's own. */
  allowedOrigins?: string[];
  logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';
  /** Who may use the local Teams bot and its SAR commands (default: anyone, no staff). */
  teams?: TeamsAccess;
  /**
   * The bot's Entra app registration. With an app id every activity is authenticated exactly as the Teams Lambda
   * does (Bot Framework JWT, single tenant); without one the bot runs in Bot Framework Emulator mode and replies
   * only to a serviceUrl on this machine.
   */
  bot?: BotCredentials;
}

export interface LocalServer {
  url: string;
  /** Where the local outbox writes emails. */
  outboxDir: string;
  /** The per-start secret the in-process Lambda client sends to the Invoke endpoint (for tests). */
  invokeToken: string;
  close(): Promise<void>;
}

/** The demo site's policy: no inline script or style, nothing from anywhere but this origin. */
export const DEMO_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const SAR_TABLE = 'privacy-assistant-sar-cases';
const MAIL_TABLE = 'privacy-assistant-mail';
const ESCALATION_TABLE_NAME = 'privacy-assistant-escalations';
const UNANSWERED_TABLE = 'privacy-assistant-unanswered';
const TEAMS_CHANNEL_TABLE = 'privacy-assistant-teams-channels';
/** The API's routes and the methods API Gateway routes for each (OPTIONS: the CORS preflight). */
const API_ROUTES: Record<string, string[]> = {
  '/api/chat': ['POST', 'OPTIONS'],
  '/api/feedback': ['POST', 'OPTIONS'],
  '/api/sar': ['POST', 'OPTIONS'],
  '/api/escalate': ['POST', 'OPTIONS'],
  '/api/complaints/acknowledge': ['GET', 'POST'],
};
/** The header the in-process Lambda client sends with the per-start secret. */
const INVOKE_TOKEN_HEADER = 'x-local-invoke-token';
/** How often the local run retries queued mail (the scheduled function in AWS). */
const RETRY_EVERY_MS = 60_000;
/** The path the AWS SDK's Lambda client posts an Invoke to. */
const INVOKE = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;
const DEMO = new URL('./demo/', import.meta.url);
const PAGES: Record<string, [file: string, type: string]> = {
  '/': ['index.html', 'text/html; charset=utf-8'],
  '/council': ['council.html', 'text/html; charset=utf-8'],
  '/accessibility': ['accessibility.html', 'text/html; charset=utf-8'],
  // The assistant's own privacy notice, which the widget links to (`${api}/assistant-privacy.html`).
  '/assistant-privacy.html': ['assistant-privacy.html', 'text/html; charset=utf-8'],
  '/demo.css': ['demo.css', 'text/css; charset=utf-8'],
};

export async function startLocalServer(options: LocalServerOptions = {}): Promise<LocalServer> {
  const [dynamo, widget] = await Promise.all([
    startLocalDynamo(options.dataDir ? { path: join(options.dataDir, 'dynamodb') } : {}),
    buildWidget(),
  ]);
  await Promise.all([
    ensureSarTable(dynamo.client, SAR_TABLE),
    ensureMailQueueTable(dynamo.client, MAIL_TABLE),
    ensureUnansweredTable(dynamo.client, UNANSWERED_TABLE),
    ensureTable(dynamo.client, TEAMS_CHANNEL_TABLE, { partitionKey: 'pk' }),
    ensureTable(dynamo.client, ESCALATION_TABLE_NAME, {
      partitionKey: 'pk',
      indexes: [ESCALATION_TABLE.openComplaints],
    }),
  ]);
  const index = loadKnowledgeIndex();
  // One durable queue for every email: SAR notices and escalations alike.
  const mailQueue = new DynamoMailQueue(dynamo.client, MAIL_TABLE);
  // Emails land as files here: open them to see what a requester and the DPO would receive.
  const outboxDir = join(options.dataDir ?? mkdtempSync(join(tmpdir(), 'privacy-assistant-')), 'outbox');
  const logger = new Logger({ serviceName: 'local', logLevel: options.logLevel ?? 'WARN' });
  // The HTTP API needs the server's own origin, known once it listens (port 0 picks one).
  const handlers: { api?: HttpHandler; digest?: (event: { week: string }) => Promise<unknown> } = {};
  // Functions other functions invoke with the AWS SDK, served at the Lambda Invoke path.
  const invocable: Record<string, (event: never) => Promise<unknown>> = {
    'sar-intake': createSarIntakeHandler({
      store: new DynamoSarCaseStore(dynamo.client, SAR_TABLE),
      calendar: councilCalendars(index),
      knows: contextChecker(index),
      mailboxes: councilMailboxes(index),
      queue: mailQueue,
      sender: new LocalOutbox(outboxDir),
      randomBytes: (size) => randomBytes(size),
      now: () => new Date(),
      today: () => londonToday(),
      logger,
    }) as (event: SarIntakeEvent) => Promise<unknown>,
  };

  const teamsConversation: { converse?: ReturnType<typeof createTeamsConversation> } = {};
  const teamsAccess = options.teams ?? { tenants: [], staff: [], council: '' };
  const teamsChannels = new DynamoTeamsChannelStore(dynamo.client, TEAMS_CHANNEL_TABLE);
  const bot = options.bot ?? { appId: '', appPassword: '', tenantId: '' };
  const teams = createTeamsHandler({
    endpoint: createBotEndpoint(
      bot,
      (turn) => teamsConversation.converse!(turn),
      createInstallHandler({ access: teamsAccess, channels: teamsChannels, now: () => new Date() }),
    ),
    logger,
  });
  const reminders = createRemindersHandler({
    store: new DynamoSarCaseStore(dynamo.client, SAR_TABLE),
    calendar: councilCalendars(index),
    councils: () => [...index.councils.keys()],
    today: () => londonToday(),
    logger,
    // No CloudWatch here: the alarm figures are debug log lines.
    metrics: loggedMetrics(logger),
    post: postToTeams(teamsChannels, createProactivePoster(bot)),
  });

  // The Lambda Invoke endpoint's secret for this run: only the Lambda client in this process has it.
  const invokeToken = randomBytes(32).toString('hex');
  const logFailure = (error: unknown) =>
    logger.error('Local request failed', {
      error: { name: (error as Error)?.name, message: (error as Error)?.message },
    });

  async function invoke(request: IncomingMessage, response: ServerResponse, name: string): Promise<void> {
    if (!allowed(response, request.method, ['POST'])) return;
    const refused = fromThisMachine(request);
    if (refused) return sendError(response, 403, 'forbidden', refused);
    if (!tokenMatches(request.headers[INVOKE_TOKEN_HEADER], invokeToken))
      return sendError(response, 403, 'forbidden', 'This address is for the assistant’s own Lambda client.');
    if (!isJson(request))
      return sendError(response, 415, 'unsupported-media-type', 'Send the event as application/json.');
    const fn = invocable[name];
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
      // As Lambda reports a function that threw: 200 with X-Amz-Function-Error, the error as the payload.
      logFailure(error);
      return sendJson(
        response,
        200,
        { errorType: (error as Error)?.name ?? 'Error', errorMessage: 'The function failed.' },
        { 'x-amz-function-error': 'Unhandled', 'x-amz-executed-version': '$LATEST' },
      );
    }
    sendJson(response, 200, result ?? null, { 'x-amz-executed-version': '$LATEST' });
  }

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const invoked = INVOKE.exec(path);
    if (invoked) {
      let name: string;
      try {
        name = decodeURIComponent(invoked[1]!);
      } catch {
        return sendError(response, 400, 'bad-request', 'The function name is not valid.');
      }
      return invoke(request, response, name);
    }
    if (path === '/local/reminders' || path === '/local/digest') {
      if (!allowed(response, request.method, ['POST'])) return;
      const refused = fromThisMachine(request);
      if (refused) return sendError(response, 403, 'forbidden', refused);
      // The daily SAR reminders (posted to each council's Teams channel where the bot was added), or the weekly DPO
      // digest for this week so far (each council's lands in the outbox), on demand.
      const result =
        path === '/local/reminders' ? await reminders() : await handlers.digest!({ week: isoWeek(new Date()) });
      return sendJson(response, 200, result);
    }
    if (path === '/api/messages') {
      // The Teams bot: authenticated as in AWS with an app id, else the Bot Framework Emulator's local mode.
      if (!allowed(response, request.method, ['POST'])) return;
      return writeResult(response, await teams(toEvent(request, await readBody(request))));
    }
    const methods = API_ROUTES[path];
    if (methods) {
      if (!allowed(response, request.method, methods)) return;
      const body = await readBody(request);
      return writeResult(response, await handlers.api!(toEvent(request, body), localContext('web-chat')));
    }
    if (path === '/widget.js' || path === '/widget.css') {
      if (!allowed(response, request.method, ['GET', 'HEAD'])) return;
      const js = path === '/widget.js';
      response.writeHead(200, {
        ...COMMON_HEADERS,
        'content-type': js ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8',
        'cache-control': 'no-cache',
        'access-control-allow-origin': '*',
      });
      response.end(request.method === 'HEAD' ? undefined : js ? widget.js : widget.css);
      return;
    }
    const page = PAGES[path];
    if (page) {
      if (!allowed(response, request.method, ['GET', 'HEAD'])) return;
      response.writeHead(200, { ...COMMON_HEADERS, 'content-type': page[1], 'content-security-policy': DEMO_CSP });
      response.end(request.method === 'HEAD' ? undefined : readFileSync(new URL(page[0], DEMO)));
      return;
    }
    if (path.startsWith('/api/')) return sendError(response, 404, 'not-found', `No route for ${path}.`);
    response.writeHead(404, { ...COMMON_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
    response.end('Not found');
  }

  // Every request's failure is answered on that request (or, for a client that went away, not at all): none can
  // reach the process as an uncaught exception.
  const server: Server = createServer((request, response) => {
    response.on('error', () => response.destroy());
    route(request, response).catch((error: unknown) => failed(response, error, logFailure));
  });
  // A request Node cannot parse at all (a bad request line, headers too large): 400 and the socket closed.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 3000, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://localhost:${port}`;
  const allowedOrigins = [url, `http://127.0.0.1:${port}`, ...(options.allowedOrigins ?? [])];
  const outbox = new LocalOutbox(outboxDir);
  const unanswered = new DynamoUnansweredStore(dynamo.client, UNANSWERED_TABLE);
  // Acknowledge links in a local digest are signed with a key that lives as long as this run.
  const linkSecret = randomBytes(32).toString('hex');
  const escalationConfig = {
    dynamo: dynamo.client,
    tables: { escalations: ESCALATION_TABLE_NAME, mail: MAIL_TABLE },
    index,
    sender: outbox,
    logger,
  };
  handlers.digest = wireDigest({
    ...escalationConfig,
    tables: { ...escalationConfig.tables, unanswered: UNANSWERED_TABLE },
    acknowledgeLink: { base: `${url}/api/complaints/acknowledge`, secret: linkSecret },
  });
  const retry = wireMailRetry({
    dynamo: dynamo.client,
    mailTable: MAIL_TABLE,
    sender: outbox,
    logger,
    metrics: loggedMetrics(logger),
    // As in AWS: the SAR intake, by Lambda Invoke, queues the mail of cases made while the queue failed.
    queueOwedSarMail: () => new LambdaSarIntake(lambda, 'sar-intake').invoke({ action: 'queue-owed-mail' }),
  });
  const retrying = setInterval(() => void retry().catch(() => undefined), RETRY_EVERY_MS);
  retrying.unref();
  // The chat Lambda's routes, wired as in AWS: the SAR hand-off goes through the real Lambda client to the
  // Invoke endpoint above, so the SDK call path runs end to end on a laptop.
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
  // The Teams bot reaches the SAR intake the way it does in AWS: Lambda Invoke.
  const escalation = wireEscalation(escalationConfig);
  teamsConversation.converse = createTeamsConversation({
    index,
    today: () => londonToday(),
    escalate: (body) => submitEscalation(escalation, body),
    acknowledge: (reference, on) => escalation.store.acknowledge(reference, on),
    intake: new LambdaSarIntake(lambda, 'sar-intake'),
    ...(options.teams ? { access: options.teams } : {}),
  });
  handlers.api = byPath({
    '/api/chat': createChatHandler({
      index,
      unanswered,
      logger,
      allowedOrigins,
    }),
    '/api/feedback': createFeedbackHandler({ index, unanswered, logger, allowedOrigins }),
    ...wireEscalationRoutes({ ...escalationConfig, allowedOrigins, ackLinkSecret: linkSecret }),
    '/api/sar': createSarHandoffHandler({
      sarIntake: new LambdaSarIntake(lambda, 'sar-intake'),
      logger,
      allowedOrigins,
      today: () => londonToday(),
    }),
  });
  return {
    url,
    outboxDir,
    invokeToken,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      clearInterval(retrying);
      lambda.destroy();
      await dynamo.close();
    },
  };
}
