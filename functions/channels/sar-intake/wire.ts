/**
 * The SAR intake's composition root: the case store, calendars, council checks and the durable mail queue, built
 * from a typed config the same way for the Lambda (index.ts) and for npm start (local/routes/sar.ts).
 */
import { randomBytes } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { KnowledgeIndex } from '#core/knowledge-index.ts';
import type { MailSender } from '#core/ports.ts';
import { DynamoMailQueue } from '#adapters/dynamodb-mail-queue.ts';
import { DynamoSarCaseStore } from '#adapters/dynamodb-sar-store.ts';
import { councilCalendars } from '#shared/calendars.ts';
import { contextChecker, councilMailboxes } from '#shared/council-context.ts';
import { londonToday } from '#shared/today.ts';
import { createSarIntakeHandler } from './handler.ts';

export interface SarIntakeConfig {
  index: KnowledgeIndex;
  dynamo: DynamoDBClient;
  tables: { sarCases: string; mail: string };
  sender: MailSender;
  logger: Logger;
}

export function wireSarIntake(config: SarIntakeConfig) {
  return createSarIntakeHandler({
    store: new DynamoSarCaseStore(config.dynamo, config.tables.sarCases),
    calendar: councilCalendars(config.index),
    knows: contextChecker(config.index),
    mailboxes: councilMailboxes(config.index),
    // The same durable queue and transport as the escalations: the escalation retry function drains it.
    queue: new DynamoMailQueue(config.dynamo, config.tables.mail),
    sender: config.sender,
    randomBytes: (size) => randomBytes(size),
    now: () => new Date(),
    today: () => londonToday(),
    logger: config.logger,
  });
}
