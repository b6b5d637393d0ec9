/** Sessions in DynamoDB: one item per session, expired by TTL after a short idle time. */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from './dynamodb-documents.ts';
import type { SessionContext } from '#core/answer-contract.ts';
import type { SessionStore } from '#core/ports.ts';

export interface DynamoSessionStoreOptions {
  client: DynamoDBClient;
  tableName: string;
  /** Idle time after which a session is forgotten. */
  ttlSeconds: number;
  now?: () => number;
}

export class DynamoSessionStore implements SessionStore {
  private readonly documents: DynamoDBDocumentClient;

  constructor(private readonly options: DynamoSessionStoreOptions) {
    this.documents = documentClient(options.client);
  }

  private now(): number {
    return Math.floor((this.options.now?.() ?? Date.now()) / 1000);
  }

  async load(sessionId: string): Promise<SessionContext | undefined> {
    const { Item } = await this.documents.send(
      new GetCommand({ TableName: this.options.tableName, Key: { sessionId }, ConsistentRead: true }),
    );
    // DynamoDB deletes expired items lazily; an expired session is treated as gone at once.
    if (!Item || (typeof Item.expiresAt === 'number' && Item.expiresAt <= this.now())) return undefined;
    const context: SessionContext = {};
    if (typeof Item.notice === 'string') context.notice = Item.notice;
    if (typeof Item.council === 'string') context.council = Item.council;
    if (typeof Item.topic === 'string') context.topic = Item.topic as SessionContext['topic'];
    return context;
  }

  async save(sessionId: string, context: SessionContext): Promise<void> {
    await this.documents.send(
      new PutCommand({
        TableName: this.options.tableName,
        Item: { sessionId, ...context, expiresAt: this.now() + this.options.ttlSeconds },
      }),
    );
  }
}

/** The sessions table's shape, for infra and for creating it in dynalite. */
export const SESSIONS_TABLE_KEY = { partitionKey: 'sessionId', ttlAttribute: 'expiresAt' } as const;
