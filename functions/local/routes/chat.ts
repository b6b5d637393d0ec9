/** The web chat's routes, wired as the chat Lambda is: POST /api/chat and /api/feedback. */
import { DynamoUnansweredStore } from '#adapters/dynamodb-unanswered-store.ts';
import { createFeedbackHandler } from '../../channels/web-chat/feedback.ts';
import { createChatHandler } from '../../channels/web-chat/handler.ts';
import type { HttpHandler } from '#shared/http.ts';
import { LOCAL_TABLES, type LocalContext } from './route.ts';

export function chatRoutes(ctx: LocalContext): Record<string, HttpHandler> {
  const unanswered = new DynamoUnansweredStore(ctx.dynamo, LOCAL_TABLES.unanswered);
  const { index, logger, allowedOrigins } = ctx;
  return {
    '/api/chat': createChatHandler({ index, unanswered, logger, allowedOrigins }),
    '/api/feedback': createFeedbackHandler({ index, unanswered, logger, allowedOrigins }),
  };
}
