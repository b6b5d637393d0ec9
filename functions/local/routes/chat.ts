/** The web chat's routes, wired as the chat Lambda is (channels/web-chat/wire.ts): POST /api/chat and /api/feedback. */
import { wireChatRoutes } from '../../channels/web-chat/wire.ts';
import type { HttpHandler } from '#shared/http.ts';
import { LOCAL_TABLES, type LocalContext } from './route.ts';

export function chatRoutes(ctx: LocalContext): Record<string, HttpHandler> {
  const { index, logger, allowedOrigins, dynamo } = ctx;
  return wireChatRoutes({ index, dynamo, unansweredTable: LOCAL_TABLES.unanswered, logger, allowedOrigins });
}
