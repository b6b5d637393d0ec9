/**
 * The Teams channel's composition root: the bot itself (the Teams Lambda and npm start build it here) and what
 * other Lambdas take from it — posting into a council's information-governance channel (the reminders' daily
 * list), from the channel references the bot stored and the Bot Framework adapter.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Logger } from '@aws-lambda-powertools/logger';
import { submitEscalation, type SubmitEscalationDependencies } from '#core/escalation/submit.ts';
import type { KnowledgeIndex } from '#core/knowledge-index.ts';
import type { EscalationStore, TeamsChannelStore, TeamsPoster } from '#core/ports.ts';
import { DynamoTeamsChannelStore } from '#adapters/dynamodb-teams-channel-store.ts';
import { DynamoTeamsContextStore } from '#adapters/dynamodb-teams-context-store.ts';
import { londonToday } from '#shared/today.ts';
import { createBotEndpoint, createProactivePoster, type BotCredentials } from './bot-framework.ts';
import {
  createInstallHandler,
  createTeamsConversation,
  type TeamsAccess,
  type TeamsSarIntake,
} from './conversation.ts';
import { createTeamsHandler } from './handler.ts';

export interface TeamsBotConfig {
  index: KnowledgeIndex;
  dynamo: DynamoDBClient;
  /** The channel references the bot stores when added to a channel (and, in AWS, typed follow-ups' context). */
  channelTable: string;
  bot: BotCredentials;
  /** The escalation use case's dependencies (escalation/wire.ts). */
  escalation: SubmitEscalationDependencies & { store: EscalationStore };
  intake: TeamsSarIntake;
  /** Who may use the bot; undefined locally, where the Emulator is let in. */
  access?: TeamsAccess | undefined;
  /** Keep typed follow-ups' context in the channel table (AWS: instances share it); else in memory (npm start). */
  storeContexts?: boolean;
  logger: Logger;
  originVerify?: string | undefined;
}

/** POST /api/messages: the bot, its install handler and the Bot Framework endpoint. */
export function wireTeamsBot(config: TeamsBotConfig) {
  const { escalation, access } = config;
  const conversation = createTeamsConversation({
    index: config.index,
    escalate: (body) => submitEscalation(escalation, body),
    acknowledge: (reference, on) => escalation.store.acknowledge(reference, on),
    today: () => londonToday(),
    intake: config.intake,
    ...(access ? { access } : {}),
    // Typed follow-ups' context, one expiring item per conversation beside the channel references.
    ...(config.storeContexts ? { contexts: new DynamoTeamsContextStore(config.dynamo, config.channelTable) } : {}),
  });
  const install = createInstallHandler({
    access: access ?? { tenants: [], staff: [], council: '' },
    channels: new DynamoTeamsChannelStore(config.dynamo, config.channelTable),
    now: () => new Date(),
  });
  return createTeamsHandler({
    endpoint: createBotEndpoint(config.bot, conversation, install),
    logger: config.logger,
    originVerify: config.originVerify,
  });
}

/** Where the channel references are (the Teams channel table) and the bot's credentials to post with. */
export interface TeamsPostingConfig {
  dynamo: DynamoDBClient;
  channelTable: string;
  bot: BotCredentials;
}

/** The councils' stored channels and a poster into them (the reminders' `teams` dependency). */
export function wireTeamsPosting(config: TeamsPostingConfig): { channels: TeamsChannelStore; poster: TeamsPoster } {
  return {
    channels: new DynamoTeamsChannelStore(config.dynamo, config.channelTable),
    poster: createProactivePoster(config.bot),
  };
}
