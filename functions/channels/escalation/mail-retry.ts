/**
 * Lambda entry, the scheduled mail retry: the SAR intake queues mail owed by cases made while the queue failed (when
 * SAR_INTAKE_FUNCTION is set), then every due queued email is tried once (MailDeadLettered feeds an alarm). It reads
 * no knowledge base, no audit and no secret but the SMTP password its sender needs.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { LambdaSarIntake } from '#adapters/lambda-sar-intake.ts';
import { MailRetryEnvSchema, readEnv } from '#shared/env.ts';
import { mailSenderFromEnv } from '#shared/mail.ts';
import { powertoolsMetrics } from '#shared/metrics.ts';
import { loadSecretsIntoEnv } from '#shared/secrets.ts';
import { wireMailRetry } from './wire.ts';

// First, before the environment is parsed: in AWS, SMTP_PASS is read from Secrets Manager.
await loadSecretsIntoEnv();

const env = readEnv(MailRetryEnvSchema);
const logger = new Logger({ serviceName: 'escalation' });
// The Lambda SDK on first use, only when the SAR intake is named.
const sarIntake = env.SAR_INTAKE_FUNCTION
  ? new LambdaSarIntake(
      async () => new (await import('@aws-sdk/client-lambda')).LambdaClient({}),
      env.SAR_INTAKE_FUNCTION,
    )
  : undefined;

export const handler = wireMailRetry({
  dynamo: new DynamoDBClient(env.DYNAMODB_ENDPOINT ? { endpoint: env.DYNAMODB_ENDPOINT } : {}),
  mailTable: env.MAIL_TABLE,
  sender: mailSenderFromEnv(),
  logger,
  metrics: powertoolsMetrics('escalation', logger),
  ...(sarIntake ? { queueOwedSarMail: () => sarIntake.invoke({ action: 'queue-owed-mail' }) } : {}),
});
