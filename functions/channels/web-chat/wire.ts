/**
 * The web chat's composition root: POST /api/chat, /api/feedback and /api/sar built from a typed config, the same
 * way for the chat Lambda (index.ts) and for npm start (local/routes/chat.ts).
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { KnowledgeIndex } from '#core/knowledge-index.ts';
import type { SarIntakeClient } from '#core/ports.ts';
import { DynamoUnansweredStore } from '#adapters/dynamodb-unanswered-store.ts';
import type { Lazy } from '#adapters/lazy.ts';
import type { HttpHandler } from '#shared/http.ts';
import { londonToday } from '#shared/today.ts';
import { createFeedbackHandler } from './feedback.ts';
import { createChatHandler } from './handler.ts';
import { createSarHandoffHandler } from './sar-handoff.ts';

export interface WebChatConfig {
  index: KnowledgeIndex;
  /** May be lazy: a plain question then loads no AWS SDK client (the unanswered record loads it on first use). */
  dynamo: DynamoDBClient | Lazy<DynamoDBClient>;
  unansweredTable: string;
  logger: Logger;
  allowedOrigins: string[];
  /** CloudFront's `x-origin-verify` secret; unset locally, where every request is accepted. */
  originVerify?: string | undefined;
}

/** POST /api/chat and /api/feedback: one unanswered-question store for both. */
export function wireChatRoutes(config: WebChatConfig): Record<string, HttpHandler> {
  const unanswered = new DynamoUnansweredStore(config.dynamo, config.unansweredTable);
  const { index, logger, allowedOrigins, originVerify } = config;
  return {
    '/api/chat': createChatHandler({ index, unanswered, logger, allowedOrigins, originVerify }),
    '/api/feedback': createFeedbackHandler({ index, unanswered, logger, allowedOrigins, originVerify }),
  };
}

/** POST /api/sar: the widget's SAR form, handed to the intake (Lambda Invoke). */
export function wireSarHandoff(
  config: Pick<WebChatConfig, 'logger' | 'allowedOrigins' | 'originVerify'> & { sarIntake: SarIntakeClient },
): Record<string, HttpHandler> {
  return {
    '/api/sar': createSarHandoffHandler({
      sarIntake: config.sarIntake,
      logger: config.logger,
      allowedOrigins: config.allowedOrigins,
      originVerify: config.originVerify,
      today: () => londonToday(),
    }),
  };
}
