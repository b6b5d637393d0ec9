/** The Teams bot Lambda: built from real parts once per cold start. */
import { randomBytes, randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { Logger } from '@aws-lambda-powertools/logger';
import * as z from 'zod/mini';
import { DynamoEscalationStore } from '../../adapters/dynamodb-escalation-store.ts';
import { DynamoMailQueue } from '../../adapters/dynamodb-mail-queue.ts';
import { DynamoTeamsChannelStore } from '../../adapters/dynamodb-teams-channel-store.ts';
import { loadKnowledgeIndex } from '../../adapters/knowledge-file.ts';
import { LambdaSarIntake } from '../../adapters/lambda-sar-intake.ts';
import { OriginVerifyVariable } from '../../shared/config.ts';
import { mailSenderFromEnv } from '../../shared/mail.ts';
import { londonToday } from '../../shared/sar.ts';
import { loadSecretsIntoEnv } from '../../shared/secrets.ts';
import { submitEscalation } from '../escalation/handler.ts';
import { createBotEndpoint } from './bot-framework.ts';
import { createInstallHandler, createTeamsConversation } from './conversation.ts';
import { createTeamsHandler } from './handler.ts';

// First, before the environment is parsed: in AWS, MICROSOFT_APP_PASSWORD, SMTP_PASS and ORIGIN_VERIFY
// are read from Secrets Manager.
await loadSecretsIntoEnv();

const env = z.parse(
  z.object({
    /**
     * The password is read from Secrets Manager in AWS (MICROSOFT_APP_PASSWORD_SECRET_ARN); an empty app id is for
     * the local Emulator only.
     */
    MICROSOFT_APP_ID: z.string().check(z.minLength(1, 'MICROSOFT_APP_ID is required in AWS')),
    MICROSOFT_APP_PASSWORD: z.string().check(z.minLength(1)),
    MICROSOFT_APP_TENANT_ID: z.string().check(z.minLength(1)),
    /** Comma-separated lists: the Entra tenant(s) allowed, and the information-governance staff (object ids). */
    TEAMS_ALLOWED_TENANTS: z.string().check(z.minLength(1, 'TEAMS_ALLOWED_TENANTS is required in AWS')),
    TEAMS_IG_STAFF: z._default(z.string(), ''),
    /** The council whose SAR lists the bot shows. */
    TEAMS_COUNCIL: z.string().check(z.minLength(1)),
    /** Where the information-governance channel's conversation reference is kept. */
    TEAMS_CHANNEL_TABLE: z.string().check(z.minLength(1)),
    ESCALATION_TABLE: z.string().check(z.minLength(1)),
    MAIL_TABLE: z.string().check(z.minLength(1)),
    SAR_INTAKE_FUNCTION: z._default(z.string().check(z.minLength(1)), 'sar-intake'),
    KB_PATH: z.optional(z.string()),
    ORIGIN_VERIFY: OriginVerifyVariable,
  }),
  process.env,
);

const list = (value: string) =>
  value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

const dynamo = new DynamoDBClient({});
const logger = new Logger({ serviceName: 'teams' });
const index = loadKnowledgeIndex(env.KB_PATH);
const escalation = {
  index,
  store: new DynamoEscalationStore(dynamo, env.ESCALATION_TABLE),
  queue: new DynamoMailQueue(dynamo, env.MAIL_TABLE),
  sender: mailSenderFromEnv(),
  randomBytes: (size: number) => randomBytes(size),
  newId: randomUUID,
  now: () => new Date(),
  today: () => londonToday(),
  logger,
};

const access = {
  tenants: list(env.TEAMS_ALLOWED_TENANTS),
  staff: list(env.TEAMS_IG_STAFF),
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
