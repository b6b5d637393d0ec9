/**
 * The escalation channel's composition root: what its three Lambdas (entries http.ts, mail-retry.ts, weekly-digest.ts),
 * the Teams bot's escalations and the local server are built from, from one typed config each, so the parts are
 * put together in one place. An entry reads its environment (shared/env.ts) and calls one of these; the local
 * server calls them with dynalite, its outbox and its own origin.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { SubmitEscalationDependencies } from '#core/escalation/submit.ts';
import type { KnowledgeIndex } from '#core/knowledge-index.ts';
import type { EscalationStore, MailSender } from '#core/ports.ts';
import { DynamoEscalationStore } from '#adapters/dynamodb-escalation-store.ts';
import { DynamoMailQueue } from '#adapters/dynamodb-mail-queue.ts';
import type { HttpHandler } from '#shared/http.ts';
import type { MetricsPort } from '#shared/metrics.ts';
import { londonToday } from '#shared/today.ts';
import { createAcknowledgeHandler } from './acknowledge.ts';
import { createEscalationHandler } from './handler.ts';
import { createMailRetryHandler } from './retry.ts';

/** What every escalation part is built from: the DynamoDB client and tables, the mail sender, the logger. */
export interface EscalationConfig {
  dynamo: DynamoDBClient;
  tables: { escalations: string; mail: string };
  sender: MailSender;
  logger: Logger;
  /** Default: the wall clock. */
  now?: () => Date;
  /** Default: today in Europe/London (shared/today.ts). */
  today?: () => string;
}

/** The escalation use case's dependencies (core/escalation/submit.ts), as the widget and the Teams bot use them. */
export function wireEscalation(
  config: EscalationConfig & { index: KnowledgeIndex },
): SubmitEscalationDependencies & { store: EscalationStore } {
  return {
    index: config.index,
    store: new DynamoEscalationStore(config.dynamo, config.tables.escalations),
    queue: new DynamoMailQueue(config.dynamo, config.tables.mail),
    sender: config.sender,
    randomBytes: (size) => randomBytes(size),
    newId: randomUUID,
    now: config.now ?? (() => new Date()),
    today: config.today ?? (() => londonToday()),
    logger: config.logger,
  };
}

export interface EscalationRoutesConfig extends EscalationConfig {
  index: KnowledgeIndex;
  allowedOrigins: string[];
  /** Verifies the digest's acknowledge links (ACK_LINK_SECRET). */
  ackLinkSecret: string;
  /** CloudFront's `x-origin-verify` secret (ORIGIN_VERIFY); unset locally, where every request is accepted. */
  originVerify?: string | undefined;
}

/** The HTTP routes: POST /api/escalate, and /api/complaints/acknowledge (GET confirms, POST acknowledges). */
export function wireEscalationRoutes(config: EscalationRoutesConfig): Record<string, HttpHandler> {
  const escalation = wireEscalation(config);
  return {
    '/api/escalate': createEscalationHandler({
      ...escalation,
      logger: config.logger,
      allowedOrigins: config.allowedOrigins,
      originVerify: config.originVerify,
    }),
    '/api/complaints/acknowledge': createAcknowledgeHandler({
      store: escalation.store,
      secret: config.ackLinkSecret,
      now: escalation.now,
      today: escalation.today,
      logger: config.logger,
      originVerify: config.originVerify,
    }) as HttpHandler,
  };
}

/** The scheduled mail retry: the mail table only, and (when given) the SAR intake it asks to queue owed mail. */
export function wireMailRetry(config: {
  dynamo: DynamoDBClient;
  mailTable: string;
  sender: MailSender;
  logger: Logger;
  metrics: MetricsPort;
  queueOwedSarMail?: () => Promise<unknown>;
}) {
  return createMailRetryHandler({
    queue: new DynamoMailQueue(config.dynamo, config.mailTable),
    sender: config.sender,
    now: () => new Date(),
    logger: config.logger,
    metrics: config.metrics,
    ...(config.queueOwedSarMail ? { queueOwedSarMail: config.queueOwedSarMail } : {}),
  });
}
