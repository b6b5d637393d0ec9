/** The chat Lambda: POST /api/chat, /api/feedback and /api/sar, built from real parts once per cold start. */
import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoUnansweredStore } from '#adapters/dynamodb-unanswered-store.ts';
import { loadKnowledgeIndex } from '#adapters/knowledge-file.ts';
import { LambdaSarIntake } from '#adapters/lambda-sar-intake.ts';
import { ChatEnvSchema, readEnv } from '#shared/env.ts';
import { byPath } from '#shared/http.ts';
import { londonToday } from '#shared/today.ts';
import { loadSecretsIntoEnv } from '#shared/secrets.ts';
import { createFeedbackHandler } from './feedback.ts';
import { createChatHandler } from './handler.ts';
import { createSarHandoffHandler } from './sar-handoff.ts';

// First, before the environment is parsed: in AWS, ORIGIN_VERIFY is read from Secrets Manager.
await loadSecretsIntoEnv();

const config = readEnv(ChatEnvSchema);
const logger = new Logger({ serviceName: 'web-chat' });
// AWS SDK clients on first use: a plain question loads neither (see adapters/lazy.ts).
const dynamo = async () =>
  new (await import('@aws-sdk/client-dynamodb')).DynamoDBClient(
    config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {},
  );
const lambda = async () =>
  new (await import('@aws-sdk/client-lambda')).LambdaClient(
    config.LAMBDA_ENDPOINT ? { endpoint: config.LAMBDA_ENDPOINT } : {},
  );

const index = loadKnowledgeIndex(config.KB_PATH);
const unanswered = new DynamoUnansweredStore(dynamo, config.UNANSWERED_TABLE);

export const handler = byPath({
  '/api/chat': createChatHandler({
    index,
    unanswered,
    logger,
    allowedOrigins: config.ALLOWED_ORIGINS,
    originVerify: config.ORIGIN_VERIFY,
  }),
  '/api/feedback': createFeedbackHandler({
    index,
    unanswered,
    logger,
    allowedOrigins: config.ALLOWED_ORIGINS,
    originVerify: config.ORIGIN_VERIFY,
  }),
  '/api/sar': createSarHandoffHandler({
    sarIntake: new LambdaSarIntake(lambda, config.SAR_INTAKE_FUNCTION),
    logger,
    allowedOrigins: config.ALLOWED_ORIGINS,
    originVerify: config.ORIGIN_VERIFY,
    today: () => londonToday(),
  }),
});
