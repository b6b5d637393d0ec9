/** What a local route module gives the server: the paths it answers, and how. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { KnowledgeIndex } from '#core/knowledge-index.ts';
import type { LocalOutbox } from '#adapters/local-outbox.ts';

export interface LocalRoute {
  /** Whether this route answers `path` (the URL's path, without the query). */
  matches(path: string): boolean;
  serve(request: IncomingMessage, response: ServerResponse, path: string): Promise<void>;
}

/** What every route is built from: the embedded DynamoDB, the knowledge base, the outbox, this run's address. */
export interface LocalContext {
  dynamo: DynamoDBClient;
  index: KnowledgeIndex;
  logger: Logger;
  /** Emails land as files here (the local stand-in for SES and SMTP). */
  outbox: LocalOutbox;
  /** This run's address (`http://localhost:<port>`), known once the server listens. */
  url: string;
  /** Who may call the API: the server itself and the origins the options add. */
  allowedOrigins: string[];
  /** The AWS SDK's Lambda client pointed at this server's Invoke endpoint (routes/invoke.ts). */
  lambda: LambdaClient;
  /** Signs and verifies acknowledge links for as long as this run lives. */
  linkSecret: string;
}

/** The local tables, named as a deployment would name them. */
export const LOCAL_TABLES = {
  sarCases: 'privacy-assistant-sar-cases',
  mail: 'privacy-assistant-mail',
  escalations: 'privacy-assistant-escalations',
  unanswered: 'privacy-assistant-unanswered',
  teamsChannels: 'privacy-assistant-teams-channels',
} as const;
