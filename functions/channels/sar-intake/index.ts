/** The SAR intake Lambda: built from real parts once per cold start. */
import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoSarCaseStore } from '#adapters/dynamodb-sar-store.ts';
import { loadKnowledgeIndex } from '#adapters/knowledge-file.ts';
import { DynamoMailQueue } from '#adapters/dynamodb-mail-queue.ts';
import { mailSenderFromEnv } from '#shared/mail.ts';
import { contextChecker, councilMailboxes } from '#shared/council-context.ts';
import { londonToday } from '#shared/today.ts';
import { readEnv, SarIntakeEnvSchema } from '#shared/env.ts';
import { loadSecretsIntoEnv } from '#shared/secrets.ts';
import { councilCalendars } from '#shared/calendars.ts';
import { createSarIntakeHandler } from './handler.ts';

// First, before the environment is parsed: in AWS, SMTP_PASS is read from Secrets Manager.
await loadSecretsIntoEnv();

const env = readEnv(SarIntakeEnvSchema);

const index = loadKnowledgeIndex(env.KB_PATH);
const dynamo = new DynamoDBClient(env.DYNAMODB_ENDPOINT ? { endpoint: env.DYNAMODB_ENDPOINT } : {});

export const handler = createSarIntakeHandler({
  store: new DynamoSarCaseStore(dynamo, env.SAR_TABLE),
  calendar: councilCalendars(index),
  knows: contextChecker(index),
  mailboxes: councilMailboxes(index),
  // The same durable queue and transport as the escalations: the escalation retry function drains it.
  queue: new DynamoMailQueue(dynamo, env.MAIL_TABLE),
  sender: mailSenderFromEnv(),
  randomBytes: (size) => randomBytes(size),
  now: () => new Date(),
  today: londonToday,
  logger: new Logger({ serviceName: 'sar-intake' }),
});
