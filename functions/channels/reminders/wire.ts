/**
 * The reminders' composition root, shared by the scheduled Lambda (index.ts) and npm start (local/routes/sar.ts):
 * every council the knowledge base knows (the registry's and any a notice names), its own nation's calendar.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { KnowledgeIndex } from '#core/knowledge-index.ts';
import type { TeamsChannelStore, TeamsPoster } from '#core/ports.ts';
import { DynamoSarCaseStore } from '#adapters/dynamodb-sar-store.ts';
import { councilCalendars } from '#shared/calendars.ts';
import type { MetricsPort } from '#shared/metrics.ts';
import { londonToday } from '#shared/today.ts';
import { createRemindersHandler } from './handler.ts';

export interface RemindersConfig {
  index: KnowledgeIndex;
  dynamo: DynamoDBClient;
  sarCasesTable: string;
  /** Where each council's list is posted, when the Teams bot is set up. */
  teams?: { channels: Pick<TeamsChannelStore, 'get'>; poster: TeamsPoster } | undefined;
  logger: Logger;
  metrics: MetricsPort;
}

export function wireReminders(config: RemindersConfig) {
  const { index } = config;
  return createRemindersHandler({
    store: new DynamoSarCaseStore(config.dynamo, config.sarCasesTable),
    ...(config.teams ? { teams: config.teams } : {}),
    calendar: councilCalendars(index),
    councils: () =>
      [...new Set([...index.councils.keys(), ...[...index.notices.values()].map((n) => n.notice.council)])].sort(),
    today: () => londonToday(),
    logger: config.logger,
    metrics: config.metrics,
  });
}
