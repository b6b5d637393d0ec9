/**
 * The escalation Lambdas, built from real parts once per cold start (wire.ts):
 *   handler  — HTTP: POST /api/escalate and /api/complaints/acknowledge (GET confirms, POST acknowledges)
 *   retry    — scheduled: the SAR intake queues mail owed by cases made while the queue failed (when
 *              SAR_INTAKE_FUNCTION is set), then every due queued email once (MailDeadLettered feeds an alarm)
 *   digest   — scheduled weekly: the DPO digest per council
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { auditKnowledgeBase } from '../../../knowledge/pipeline/audit-rules.ts';
import { DynamoEscalationStore } from '../../adapters/dynamodb-escalation-store.ts';
import { DynamoMailQueue } from '../../adapters/dynamodb-mail-queue.ts';
import { DynamoUnansweredStore } from '../../adapters/dynamodb-unanswered-store.ts';
import { loadKnowledgeIndex } from '../../adapters/knowledge-file.ts';
import { LambdaSarIntake } from '../../adapters/lambda-sar-intake.ts';
import { EscalationHttpEnvSchema, DigestEnvSchema, MailRetryEnvSchema, readEnv } from '../../shared/env.ts';
import { byPath } from '../../shared/http.ts';
import { mailSenderFromEnv } from '../../shared/mail.ts';
import { powertoolsMetrics } from '../../shared/metrics.ts';
import { loadSecretsIntoEnv } from '../../shared/secrets.ts';
import { randomUUID } from 'node:crypto';
import { createDigestHandler } from './digest.ts';
import { wireEscalationRoutes, wireMailRetry } from './wire.ts';

// First, before the environment is parsed: in AWS, ACK_LINK_SECRET, SMTP_PASS and ORIGIN_VERIFY
// are read from Secrets Manager.
await loadSecretsIntoEnv();

const env = { ...readEnv(MailRetryEnvSchema), ...readEnv(DigestEnvSchema), ...readEnv(EscalationHttpEnvSchema) };
const dynamo = new DynamoDBClient(env.DYNAMODB_ENDPOINT ? { endpoint: env.DYNAMODB_ENDPOINT } : {});
const index = loadKnowledgeIndex(env.KB_PATH);
const logger = new Logger({ serviceName: 'escalation' });
const sender = mailSenderFromEnv();
const tables = { escalations: env.ESCALATION_TABLE, mail: env.MAIL_TABLE };

export const handler = byPath(
  wireEscalationRoutes({
    dynamo,
    tables,
    sender,
    logger,
    index,
    allowedOrigins: env.ALLOWED_ORIGINS,
    ackLinkSecret: env.ACK_LINK_SECRET,
    originVerify: env.ORIGIN_VERIFY,
  }),
);

// The Lambda SDK on first use: only the retry has SAR_INTAKE_FUNCTION, and the HTTP handler never loads it.
const sarIntake = env.SAR_INTAKE_FUNCTION
  ? new LambdaSarIntake(
      async () => new (await import('@aws-sdk/client-lambda')).LambdaClient({}),
      env.SAR_INTAKE_FUNCTION,
    )
  : undefined;

export const retry = wireMailRetry({
  dynamo,
  mailTable: env.MAIL_TABLE,
  sender,
  logger,
  metrics: powertoolsMetrics('escalation', logger),
  ...(sarIntake ? { queueOwedSarMail: () => sarIntake.invoke({ action: 'queue-owed-mail' }) } : {}),
});

// Until the split gives the digest its own entry (with audit.json beside it), it still runs the audit at cold start.
export const digest = createDigestHandler({
  index,
  auditGaps: auditKnowledgeBase(index.kb),
  unanswered: new DynamoUnansweredStore(dynamo, env.UNANSWERED_TABLE),
  escalations: new DynamoEscalationStore(dynamo, env.ESCALATION_TABLE),
  queue: new DynamoMailQueue(dynamo, env.MAIL_TABLE),
  sender,
  newId: randomUUID,
  now: () => new Date(),
  logger,
  acknowledgeLink: { base: env.ACK_LINK_BASE, secret: env.ACK_LINK_SECRET, validDays: 14 },
});
