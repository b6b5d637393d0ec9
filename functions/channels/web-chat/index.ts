/** The chat Lambda: the handler built from real parts, once per cold start. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoSessionStore } from '../../adapters/dynamodb-session-store.ts';
import { loadKnowledgeIndex } from '../../adapters/knowledge-file.ts';
import { readChatConfig } from '../../shared/config.ts';
import { createChatHandler } from './handler.ts';

const config = readChatConfig();
const client = new DynamoDBClient(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {});

export const handler = createChatHandler({
  index: loadKnowledgeIndex(config.KB_PATH),
  sessions: new DynamoSessionStore({
    client,
    tableName: config.SESSIONS_TABLE,
    ttlSeconds: config.SESSION_TTL_MINUTES * 60,
  }),
  logger: new Logger({ serviceName: 'web-chat' }),
  allowedOrigins: config.ALLOWED_ORIGINS,
});
