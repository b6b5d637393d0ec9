/**
 * Where each council's information-governance Teams channel is: the Bot Framework conversation reference the bot
 * stored when it was added there, one item per council (`CHANNEL#<council>`). The reminders post there each day.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { StoreUnavailableError } from '#core/ports.ts';

/** A conversation reference as the Bot Framework gives it: stored as it is, used only by the adapter. */
export type ConversationReferenceJson = Record<string, unknown>;

export interface TeamsChannelStore {
  save(council: string, reference: ConversationReferenceJson, savedBy: string, at: string): Promise<void>;
  get(council: string): Promise<ConversationReferenceJson | undefined>;
}

export class DynamoTeamsChannelStore implements TeamsChannelStore {
  private readonly documents: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async save(council: string, reference: ConversationReferenceJson, savedBy: string, at: string): Promise<void> {
    try {
      await this.documents.send(
        new PutCommand({ TableName: this.tableName, Item: { pk: `CHANNEL#${council}`, reference, savedBy, at } }),
      );
    } catch (error) {
      throw new StoreUnavailableError(error);
    }
  }

  async get(council: string): Promise<ConversationReferenceJson | undefined> {
    try {
      const { Item } = await this.documents.send(
        new GetCommand({ TableName: this.tableName, Key: { pk: `CHANNEL#${council}` } }),
      );
      return Item?.reference as ConversationReferenceJson | undefined;
    } catch (error) {
      throw new StoreUnavailableError(error);
    }
  }
}
