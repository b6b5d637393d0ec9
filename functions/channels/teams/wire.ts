/**
 * The Teams channel's composition root for what other Lambdas take from it: posting into a council's
 * information-governance channel (the reminders' daily list), from the channel references the bot stored and
 * the Bot Framework adapter. The reminders entry and the local server build it from here.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { TeamsChannelStore, TeamsPoster } from '#core/ports.ts';
import { DynamoTeamsChannelStore } from '#adapters/dynamodb-teams-channel-store.ts';
import { createProactivePoster, type BotCredentials } from './bot-framework.ts';

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
