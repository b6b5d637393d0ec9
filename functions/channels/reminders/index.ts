/** The reminders Lambda, run on a schedule (EventBridge Scheduler in infra): the digest per council. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { loadKnowledgeIndex } from '#adapters/knowledge-file.ts';
import { powertoolsMetrics } from '#shared/metrics.ts';
import { readEnv, RemindersEnvSchema } from '#shared/env.ts';
import { loadSecretsIntoEnv } from '#shared/secrets.ts';
import { wireTeamsPosting } from '../teams/wire.ts';
import { wireReminders } from './wire.ts';

// First, before the environment is parsed: in AWS, MICROSOFT_APP_PASSWORD is read from Secrets Manager.
await loadSecretsIntoEnv();

const env = readEnv(RemindersEnvSchema);
const index = loadKnowledgeIndex(env.KB_PATH);
const logger = new Logger({ serviceName: 'reminders' });
const dynamo = new DynamoDBClient(env.DYNAMODB_ENDPOINT ? { endpoint: env.DYNAMODB_ENDPOINT } : {});
const teams = env.TEAMS_CHANNEL_TABLE
  ? wireTeamsPosting({
      dynamo,
      channelTable: env.TEAMS_CHANNEL_TABLE,
      bot: {
        appId: env.MICROSOFT_APP_ID,
        appPassword: env.MICROSOFT_APP_PASSWORD,
        tenantId: env.MICROSOFT_APP_TENANT_ID,
      },
    })
  : undefined;

export const handler = wireReminders({
  index,
  dynamo,
  sarCasesTable: env.SAR_TABLE,
  teams,
  logger,
  metrics: powertoolsMetrics('reminders', logger),
});
