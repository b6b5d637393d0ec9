/**
 * Where each council's information-governance Teams channel is: the Bot Framework conversation reference the bot
 * stored when it was added there, one item per council (`CHANNEL#<council>`). The reminders post there each day.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ConversationReferenceJson, TeamsChannelStore } from '#core/ports.ts';
import { documentClient, sendCommand } from './dynamodb-documents.ts';

export type { ConversationReferenceJson, TeamsChannelStore };

export class DynamoTeamsChannelStore implements TeamsChannelStore {
  private readonly documents: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.documents = documentClient(client);
  }

  async save(council: string, reference: ConversationReferenceJson, savedBy: string, at: string): Promise<void> {
    await sendCommand(
      this.documents,
      new PutCommand({ TableName: this.tableName, Item: { pk: `CHANNEL#${council}`, reference, savedBy, at } }),
    );
  }

  async get(council: string): Promise<ConversationReferenceJson | undefined> {
    const { Item } = await sendCommand<{ Item?: { reference?: ConversationReferenceJson } }>(
      this.documents,
      new GetCommand({ TableName: this.tableName, Key: { pk: `CHANNEL#${council}` } }),
    );
    return Item?.reference;
  }
}
