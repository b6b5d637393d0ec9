/**
 * POST /api/messages, the Teams bot: authenticated as in AWS with an app id, else the Bot Framework Emulator's local
 * mode (replies only to a serviceUrl on this machine). It reaches the SAR intake by Lambda Invoke and escalates
 * through the escalation channel's wiring, as the Teams Lambda does.
 */
import { submitEscalation } from '#core/escalation/submit.ts';
import { DynamoTeamsChannelStore } from '#adapters/dynamodb-teams-channel-store.ts';
import { createBotEndpoint, type BotCredentials } from '../../channels/teams/bot-framework.ts';
import { createInstallHandler, createTeamsConversation, type TeamsAccess } from '../../channels/teams/conversation.ts';
import { createTeamsHandler } from '../../channels/teams/handler.ts';
import { londonToday } from '#shared/today.ts';
import { readBody, toEvent, writeResult } from '../api-gateway.ts';
import { allowed } from '../guard.ts';
import { localEscalation } from './escalation.ts';
import { localSarIntake } from './sar.ts';
import { LOCAL_TABLES, type LocalContext, type LocalRoute } from './route.ts';

export function teamsRoute(ctx: LocalContext, bot: BotCredentials, teams: TeamsAccess | undefined): LocalRoute {
  const access = teams ?? { tenants: [], staff: [], council: '' };
  const escalation = localEscalation(ctx);
  const converse = createTeamsConversation({
    index: ctx.index,
    today: () => londonToday(),
    escalate: (body) => submitEscalation(escalation, body),
    acknowledge: (reference, on) => escalation.store.acknowledge(reference, on),
    intake: localSarIntake(ctx),
    ...(teams ? { access: teams } : {}),
  });
  const handler = createTeamsHandler({
    endpoint: createBotEndpoint(
      bot,
      converse,
      createInstallHandler({
        access,
        channels: new DynamoTeamsChannelStore(ctx.dynamo, LOCAL_TABLES.teamsChannels),
        now: () => new Date(),
      }),
    ),
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
