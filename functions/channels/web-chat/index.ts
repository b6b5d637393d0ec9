/** The chat Lambda: POST /api/chat, /api/feedback and /api/sar, built from real parts once per cold start. */
import { Logger } from '@aws-lambda-powertools/logger';
import { loadKnowledgeIndex } from '#adapters/knowledge-file.ts';
import { LambdaSarIntake } from '#adapters/lambda-sar-intake.ts';
import { ChatEnvSchema, readEnv } from '#shared/env.ts';
import { byPath } from '#shared/http.ts';
import { loadSecretsIntoEnv } from '#shared/secrets.ts';
import { wireChatRoutes, wireSarHandoff } from './wire.ts';

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

const routes = { logger, allowedOrigins: config.ALLOWED_ORIGINS, originVerify: config.ORIGIN_VERIFY };

export const handler = byPath({
  ...wireChatRoutes({
    ...routes,
    index: loadKnowledgeIndex(config.KB_PATH),
    dynamo,
    unansweredTable: config.UNANSWERED_TABLE,
  }),
  ...wireSarHandoff({ ...routes, sarIntake: new LambdaSarIntake(lambda, config.SAR_INTAKE_FUNCTION) }),
});
