/** The Teams bot Lambda: built from real parts once per cold start. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { Logger } from '@aws-lambda-powertools/logger';
import { loadKnowledgeIndex } from '#adapters/knowledge-file.ts';
import { LambdaSarIntake } from '#adapters/lambda-sar-intake.ts';
import { readEnv, TeamsEnvSchema } from '#shared/env.ts';
import { mailSenderFromEnv } from '#shared/mail.ts';
import { loadSecretsIntoEnv } from '#shared/secrets.ts';
import { wireEscalation } from '../escalation/wire.ts';
import { wireTeamsBot } from './wire.ts';

// First, before the environment is parsed: in AWS, MICROSOFT_APP_PASSWORD, SMTP_PASS and ORIGIN_VERIFY
// are read from Secrets Manager.
await loadSecretsIntoEnv();

const env = readEnv(TeamsEnvSchema);

const dynamo = new DynamoDBClient({});
const logger = new Logger({ serviceName: 'teams' });
const index = loadKnowledgeIndex(env.KB_PATH);
const escalation = wireEscalation({
  dynamo,
  tables: { escalations: env.ESCALATION_TABLE, mail: env.MAIL_TABLE },
  index,
  sender: mailSenderFromEnv(),
  logger,
});

export const handler = wireTeamsBot({
  index,
  dynamo,
  channelTable: env.TEAMS_CHANNEL_TABLE,
  bot: { appId: env.MICROSOFT_APP_ID, appPassword: env.MICROSOFT_APP_PASSWORD, tenantId: env.MICROSOFT_APP_TENANT_ID },
  escalation,
  intake: new LambdaSarIntake(new LambdaClient({}), env.SAR_INTAKE_FUNCTION),
  access: { tenants: env.TEAMS_ALLOWED_TENANTS, staff: env.TEAMS_IG_STAFF, council: env.TEAMS_COUNCIL },
  storeContexts: true,
  logger,
  originVerify: env.ORIGIN_VERIFY,
});
