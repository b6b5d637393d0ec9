/** The SAR intake Lambda: built from real parts once per cold start (wire.ts). */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { loadKnowledgeIndex } from '#adapters/knowledge-file.ts';
import { readEnv, SarIntakeEnvSchema } from '#shared/env.ts';
import { mailSenderFromEnv } from '#shared/mail.ts';
import { loadSecretsIntoEnv } from '#shared/secrets.ts';
import { wireSarIntake } from './wire.ts';

// First, before the environment is parsed: in AWS, SMTP_PASS is read from Secrets Manager.
await loadSecretsIntoEnv();

const env = readEnv(SarIntakeEnvSchema);

export const handler = wireSarIntake({
  index: loadKnowledgeIndex(env.KB_PATH),
  dynamo: new DynamoDBClient(env.DYNAMODB_ENDPOINT ? { endpoint: env.DYNAMODB_ENDPOINT } : {}),
  tables: { sarCases: env.SAR_TABLE, mail: env.MAIL_TABLE },
  sender: mailSenderFromEnv(),
  logger: new Logger({ serviceName: 'sar-intake' }),
});
