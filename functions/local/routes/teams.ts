/**
 * POST /api/messages, the Teams bot: authenticated as in AWS with an app id, else the Bot Framework Emulator's local
 * mode (replies only to a serviceUrl on this machine). It reaches the SAR intake by Lambda Invoke and escalates
 * through the escalation channel's wiring, as the Teams Lambda does.
 */
import type { BotCredentials } from '../../channels/teams/bot-framework.ts';
import type { TeamsAccess } from '../../channels/teams/conversation.ts';
import { wireTeamsBot } from '../../channels/teams/wire.ts';
import { readBody, toEvent, writeResult } from '../api-gateway.ts';
import { allowed } from '../guard.ts';
import { localEscalation } from './escalation.ts';
import { localSarIntake } from './sar.ts';
import { LOCAL_TABLES, type LocalContext, type LocalRoute } from './route.ts';

export function teamsRoute(ctx: LocalContext, bot: BotCredentials, teams: TeamsAccess | undefined): LocalRoute {
  const handler = wireTeamsBot({
    index: ctx.index,
    dynamo: ctx.dynamo,
    channelTable: LOCAL_TABLES.teamsChannels,
    bot,
    escalation: localEscalation(ctx),
    intake: localSarIntake(ctx),
    access: teams,
    logger: ctx.logger,
  });
  return {
    matches: (path) => path === '/api/messages',
    async serve(request, response) {
      if (!allowed(response, request.method, ['POST'])) return;
      return writeResult(response, await handler(toEvent(request, await readBody(request))));
    },
  };
}
