/**
 * The Teams bot's conversation contexts for typed follow-ups, in the Teams channels table: one item per Bot
 * Framework conversation (`CONTEXT#<conversation id>`) holding only the notice, council and topic of its last
 * answer, expiring an hour after that answer (DynamoDB's TTL on `expiresAt`; an item past it is ignored before
 * DynamoDB gets round to deleting it). Never the question, the answer or who asked.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SessionContext } from '#core/answer-contract.ts';
import type { TeamsContextStore } from '#core/ports.ts';
import { documentClient, sendCommand } from './dynamodb-documents.ts';

export const TEAMS_CONTEXT_TTL_SECONDS = 60 * 60;

export class DynamoTeamsContextStore implements TeamsContextStore {
  private readonly documents: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.documents = documentClient(client);
  }

  async get(conversationId: string): Promise<SessionContext | undefined> {
    const { Item } = await sendCommand<{ Item?: { context?: SessionContext; expiresAt?: number } }>(
      this.documents,
      // Strongly consistent: the follow-up may come a second after the answer that wrote it.
      new GetCommand({ TableName: this.tableName, Key: { pk: `CONTEXT#${conversationId}` }, ConsistentRead: true }),
    );
    if (!Item?.context || (Item.expiresAt ?? 0) <= this.now().getTime() / 1000) return undefined;
    return Item.context;
  }

  async put(conversationId: string, context: SessionContext): Promise<void> {
    const expiresAt = Math.floor(this.now().getTime() / 1000) + TEAMS_CONTEXT_TTL_SECONDS;
    await sendCommand(
      this.documents,
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: `CONTEXT#${conversationId}`, context, expiresAt },
      }),
    );
  }
}
