/** The Teams bot Lambda: built from real parts once per cold start. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { Logger } from '@aws-lambda-powertools/logger';
import { submitEscalation } from '#core/escalation/submit.ts';
import { DynamoTeamsChannelStore } from '#adapters/dynamodb-teams-channel-store.ts';
import { DynamoTeamsContextStore } from '#adapters/dynamodb-teams-context-store.ts';
import { loadKnowledgeIndex } from '#adapters/knowledge-file.ts';
import { LambdaSarIntake } from '#adapters/lambda-sar-intake.ts';
import { readEnv, TeamsEnvSchema } from '#shared/env.ts';
import { mailSenderFromEnv } from '#shared/mail.ts';
import { londonToday } from '#shared/today.ts';
import { loadSecretsIntoEnv } from '#shared/secrets.ts';
import { wireEscalation } from '../escalation/wire.ts';
import { createBotEndpoint } from './bot-framework.ts';
import { createInstallHandler, createTeamsConversation } from './conversation.ts';
import { createTeamsHandler } from './handler.ts';

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

const access = {
  tenants: env.TEAMS_ALLOWED_TENANTS,
  staff: env.TEAMS_IG_STAFF,
  council: env.TEAMS_COUNCIL,
};

export const handler = createTeamsHandler({
  endpoint: createBotEndpoint(
    { appId: env.MICROSOFT_APP_ID, appPassword: env.MICROSOFT_APP_PASSWORD, tenantId: env.MICROSOFT_APP_TENANT_ID },
    createTeamsConversation({
      index,
      escalate: (body) => submitEscalation(escalation, body),
      acknowledge: (reference, on) => escalation.store.acknowledge(reference, on),
      today: () => londonToday(),
      intake: new LambdaSarIntake(new LambdaClient({}), env.SAR_INTAKE_FUNCTION),
      access,
      // Typed follow-ups' context, one expiring item per conversation beside the channel references.
      contexts: new DynamoTeamsContextStore(dynamo, env.TEAMS_CHANNEL_TABLE),
    }),
    createInstallHandler({
      access,
      channels: new DynamoTeamsChannelStore(dynamo, env.TEAMS_CHANNEL_TABLE),
      now: () => new Date(),
    }),
  ),
  logger,
  originVerify: env.ORIGIN_VERIFY,
});
