/**
 * The local run: the same Lambda handlers behind a Node HTTP server (requests mapped to API Gateway v2
 * events), dynalite as the embedded DynamoDB, and a demo council site that embeds the widget as a council
 * would, served under a strict Content-Security-Policy. Nothing here needs an AWS account. Each route is a module
 * in routes/ (route.ts says what they share); this starts the parts, listens, and sends each request to its route.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { ESCALATIONS_KEY_SCHEMA } from '#adapters/dynamodb-escalation-store.ts';
import { loadKnowledgeIndex } from '#adapters/knowledge-file.ts';
import { LocalOutbox } from '#adapters/local-outbox.ts';
import type { BotCredentials } from '../channels/teams/bot-framework.ts';
import type { TeamsAccess } from '../channels/teams/conversation.ts';
import { buildWidget } from '../channels/web-chat/widget/build.ts';
import { ensureMailQueueTable, ensureSarTable, ensureUnansweredTable, startLocalDynamo } from './dynalite.ts';
import { COMMON_HEADERS, failed, sendError } from './guard.ts';
import { apiRoute } from './routes/api.ts';
import { chatRoutes } from './routes/chat.ts';
import { escalationRoutes, localDigest, startMailRetry } from './routes/escalation.ts';
import { invokeRoute, localLambdaClient } from './routes/invoke.ts';
import { LOCAL_TABLES, type LocalContext, type LocalRoute } from './routes/route.ts';
import { sarIntakeFunction, sarReminders, sarRoutes } from './routes/sar.ts';
import { scheduledRoute } from './routes/scheduled.ts';
import { staticRoute } from './routes/static.ts';
import { teamsRoute } from './routes/teams.ts';
import { ensureTable } from './tables.ts';

export { DEMO_CSP } from './routes/static.ts';

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
  /** Where the demo site's pages are read from, once at start (default functions/local/demo/). */
  demoDir?: URL;
}

export interface LocalServer {
  url: string;
  /** Where the local outbox writes emails. */
  outboxDir: string;
  /** The per-start secret the in-process Lambda client sends to the Invoke endpoint (for tests). */
  invokeToken: string;
  close(): Promise<void>;
}

function createLocalTables(client: DynamoDBClient): Promise<unknown> {
  return Promise.all([
    ensureSarTable(client, LOCAL_TABLES.sarCases),
    ensureMailQueueTable(client, LOCAL_TABLES.mail),
    ensureUnansweredTable(client, LOCAL_TABLES.unanswered),
    ensureTable(client, LOCAL_TABLES.teamsChannels, { partitionKey: 'pk' }),
    ensureTable(client, LOCAL_TABLES.escalations, {
      partitionKey: 'pk',
      indexes: [ESCALATIONS_KEY_SCHEMA.openComplaints],
    }),
  ]);
}

/**
 * Every request's failure is answered on that request (or, for a client that went away, not at all): none can reach
 * the process as an uncaught exception. A request Node cannot parse at all (a bad request line, headers too large)
 * gets 400 and the socket closed.
 */
function createLocalHttpServer(routes: () => LocalRoute[] | undefined, logFailure: (error: unknown) => void): Server {
  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const serving = routes();
    if (!serving) return sendError(response, 503, 'starting', 'The assistant is still starting; try again.');
    const found = serving.find((r) => r.matches(path));
    if (found) return found.serve(request, response, path);
    response.writeHead(404, { ...COMMON_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
    response.end('Not found');
  }
  const server = createServer((request, response) => {
    response.on('error', () => response.destroy());
    route(request, response).catch((error: unknown) => failed(response, error, logFailure));
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  return server;
}

export async function startLocalServer(options: LocalServerOptions = {}): Promise<LocalServer> {
  const [dynamo, widget] = await Promise.all([
    startLocalDynamo(options.dataDir ? { path: join(options.dataDir, 'dynamodb') } : {}),
    buildWidget(),
  ]);
  await createLocalTables(dynamo.client);
  // Emails land as files here: open them to see what a requester and the DPO would receive.
  const outboxDir = join(options.dataDir ?? mkdtempSync(join(tmpdir(), 'privacy-assistant-')), 'outbox');
  const logger = new Logger({ serviceName: 'local', logLevel: options.logLevel ?? 'WARN' });
  const logFailure = (error: unknown) =>
    logger.error('Local request failed', {
      error: { name: (error as Error)?.name, message: (error as Error)?.message },
    });
  const parts = { dynamo: dynamo.client, index: loadKnowledgeIndex(), logger, outbox: new LocalOutbox(outboxDir) };
  // The Lambda Invoke endpoint's secret for this run: only the Lambda client in this process has it.
  const invokeToken = randomBytes(32).toString('hex');

  // The routes need the server's own origin, known once it listens (port 0 picks one).
  const serving: { routes?: LocalRoute[] } = {};
  const server = createLocalHttpServer(() => serving.routes, logFailure);
  await new Promise<void>((resolve) => server.listen(options.port ?? 3000, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://localhost:${port}`;
  const ctx: LocalContext = {
    ...parts,
    url,
    allowedOrigins: [url, `http://127.0.0.1:${port}`, ...(options.allowedOrigins ?? [])],
    // The SAR hand-off, the Teams bot and the mail retry reach the SAR intake through the real Lambda client.
    lambda: localLambdaClient(url, invokeToken),
    // Acknowledge links in a local digest are signed with a key that lives as long as this run.
    linkSecret: randomBytes(32).toString('hex'),
  };
  const bot = options.bot ?? { appId: '', appPassword: '', tenantId: '' };
  serving.routes = [
    invokeRoute({ 'sar-intake': sarIntakeFunction(parts) }, invokeToken, logFailure),
    scheduledRoute({ reminders: sarReminders(parts, bot), digest: localDigest(ctx) }),
    teamsRoute(ctx, bot, options.teams),
    apiRoute({ ...chatRoutes(ctx), ...escalationRoutes(ctx), ...sarRoutes(ctx) }),
    staticRoute(widget, options.demoDir),
  ];
  const retry = startMailRetry(ctx);
  return {
    url,
    outboxDir,
    invokeToken,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      retry.stop();
      ctx.lambda.destroy();
      await dynamo.close();
    },
  };
}
