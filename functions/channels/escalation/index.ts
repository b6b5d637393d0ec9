/**
 * The escalation Lambdas, built from real parts once per cold start:
 *   handler  — HTTP: POST /api/escalate and /api/complaints/acknowledge (GET confirms, POST acknowledges)
 *   retry    — scheduled: the SAR intake queues mail owed by cases made while the queue failed (when
 *              SAR_INTAKE_FUNCTION is set), then every due queued email once (MailDeadLettered feeds an alarm)
 *   digest   — scheduled weekly: the DPO digest per council
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import * as z from 'zod/mini';
import { auditKnowledgeBase } from '../../../knowledge/pipeline/audit-rules.ts';
import { DynamoEscalationStore } from '../../adapters/dynamodb-escalation-store.ts';
import { DynamoMailQueue } from '../../adapters/dynamodb-mail-queue.ts';
import { DynamoUnansweredStore } from '../../adapters/dynamodb-unanswered-store.ts';
import { loadKnowledgeIndex } from '../../adapters/knowledge-file.ts';
import { LambdaSarIntake } from '../../adapters/lambda-sar-intake.ts';
import { OriginVerifyVariable } from '../../shared/config.ts';
import { byPath, type HttpHandler } from '../../shared/http.ts';
import { mailSenderFromEnv } from '../../shared/mail.ts';
import { powertoolsMetrics } from '../../shared/metrics.ts';
import { loadSecretsIntoEnv } from '../../shared/secrets.ts';
import { londonToday } from '../../shared/sar.ts';
import { createAcknowledgeHandler } from './acknowledge.ts';
import { createDigestHandler } from './digest.ts';
import { createEscalationHandler } from './handler.ts';
import { createMailRetryHandler } from './retry.ts';

// First, before the environment is parsed: in AWS, ACK_LINK_SECRET, SMTP_PASS and ORIGIN_VERIFY
// are read from Secrets Manager.
await loadSecretsIntoEnv();

const env = z.parse(
  z.object({
    ESCALATION_TABLE: z.string().check(z.minLength(1)),
    MAIL_TABLE: z.string().check(z.minLength(1)),
    UNANSWERED_TABLE: z.string().check(z.minLength(1)),
    ALLOWED_ORIGINS: z._default(z.string(), ''),
    /** Signs the acknowledge links in the digest; read from Secrets Manager in AWS (ACK_LINK_SECRET_ARN). */
    ACK_LINK_SECRET: z.string().check(z.minLength(32, 'ACK_LINK_SECRET must be at least 32 characters')),
    ACK_LINK_BASE: z.url(),
    ORIGIN_VERIFY: OriginVerifyVariable,
    KB_PATH: z.optional(z.string()),
    DYNAMODB_ENDPOINT: z.optional(z.url()),
    /** Set for the mail retry only: the SAR intake it asks to queue the mail of cases still owed it. */
    SAR_INTAKE_FUNCTION: z.optional(z.string().check(z.minLength(1))),
  }),
  process.env,
);
const dynamo = new DynamoDBClient(env.DYNAMODB_ENDPOINT ? { endpoint: env.DYNAMODB_ENDPOINT } : {});
const index = loadKnowledgeIndex(env.KB_PATH);
const logger = new Logger({ serviceName: 'escalation' });
const sender = mailSenderFromEnv();
const queue = new DynamoMailQueue(dynamo, env.MAIL_TABLE);
const store = new DynamoEscalationStore(dynamo, env.ESCALATION_TABLE);

const acknowledge = createAcknowledgeHandler({
  store,
  secret: env.ACK_LINK_SECRET,
  now: () => new Date(),
  today: () => londonToday(),
  logger,
  originVerify: env.ORIGIN_VERIFY,
});
export const handler = byPath({
  '/api/escalate': createEscalationHandler({
    index,
    store,
    queue,
    sender,
    randomBytes: (size) => randomBytes(size),
    newId: randomUUID,
    now: () => new Date(),
    today: () => londonToday(),
    logger,
    allowedOrigins: env.ALLOWED_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    originVerify: env.ORIGIN_VERIFY,
  }),
  '/api/complaints/acknowledge': acknowledge as HttpHandler,
});

// The Lambda SDK on first use: only the retry has SAR_INTAKE_FUNCTION, and the HTTP handler never loads it.
const sarIntake = env.SAR_INTAKE_FUNCTION
  ? new LambdaSarIntake(
      async () => new (await import('@aws-sdk/client-lambda')).LambdaClient({}),
      env.SAR_INTAKE_FUNCTION,
    )
  : undefined;

export const retry = createMailRetryHandler({
  queue,
  sender,
  now: () => new Date(),
  logger,
  metrics: powertoolsMetrics('escalation', logger),
  ...(sarIntake ? { queueOwedSarMail: () => sarIntake.invoke({ action: 'queue-owed-mail' }) } : {}),
});

export const digest = createDigestHandler({
  index,
  auditGaps: auditKnowledgeBase(index.kb),
  unanswered: new DynamoUnansweredStore(dynamo, env.UNANSWERED_TABLE),
  escalations: store,
  queue,
  sender,
  newId: randomUUID,
  now: () => new Date(),
  logger,
  acknowledgeLink: { base: env.ACK_LINK_BASE, secret: env.ACK_LINK_SECRET, validDays: 14 },
});
