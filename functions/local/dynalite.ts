/**
 * Embedded DynamoDB for local runs and tests: dynalite on a loopback port, tables created on start.
 * With a data folder the tables survive restarts; without one they live in memory.
 */
import type { AddressInfo } from 'node:net';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { MAIL_QUEUE_TABLE } from '../adapters/dynamodb-mail-queue.ts';
import { SAR_TABLE } from '../adapters/dynamodb-sar-store.ts';
import { SESSIONS_TABLE_KEY } from '../adapters/dynamodb-session-store.ts';
import { UNANSWERED_TABLE_KEY } from '../adapters/dynamodb-unanswered-store.ts';
import { ensureTable } from './tables.ts';

export interface LocalDynamo {
  endpoint: string;
  client: DynamoDBClient;
  close(): Promise<void>;
}

/** Credentials dynalite accepts; nothing here reaches AWS. */
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export async function startLocalDynamo(options: { path?: string; port?: number } = {}): Promise<LocalDynamo> {
  const server = dynalite({
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
    ...(options.path ? { path: options.path } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: 'eu-west-2', credentials: LOCAL_CREDENTIALS });
  return {
    endpoint,
    client,
    close: () =>
      new Promise<void>((resolve) => {
        client.destroy();
        server.close(() => resolve());
      }),
  };
}

export async function ensureSessionsTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return;
  } catch (error) {
    if ((error as Error).name !== 'ResourceNotFoundException') throw error;
  }
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: SESSIONS_TABLE_KEY.partitionKey, AttributeType: 'S' }],
      KeySchema: [{ AttributeName: SESSIONS_TABLE_KEY.partitionKey, KeyType: 'HASH' }],
    }),
  );
  await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 0.05, maxDelay: 0.2 }, { TableName: tableName });
  try {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: SESSIONS_TABLE_KEY.ttlAttribute, Enabled: true },
      }),
    );
  } catch (error) {
    // dynalite has no TTL; the session store treats an expired item as gone, so nothing depends on it.
    if ((error as Error).name !== 'UnknownOperationException') throw error;
  }
}

export async function ensureSarTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return;
  } catch (error) {
    if ((error as Error).name !== 'ResourceNotFoundException') throw error;
  }
  const index = (i: { name: string; partitionKey: string; sortKey: string }) => ({
    IndexName: i.name,
    KeySchema: [
      { AttributeName: i.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: i.sortKey, KeyType: 'RANGE' as const },
    ],
    Projection: { ProjectionType: 'ALL' as const },
  });
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: ['pk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk'].map((name) => ({
        AttributeName: name,
        AttributeType: 'S' as const,
      })),
      KeySchema: [{ AttributeName: SAR_TABLE.partitionKey, KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [index(SAR_TABLE.byCouncilDue), index(SAR_TABLE.byStatus)],
    }),
  );
  // Created tables start CREATING; wait for ACTIVE so a restart never finds one half made.
  await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 0.05, maxDelay: 0.2 }, { TableName: tableName });
}

/** The unanswered-questions table: pk + sk, TTL on expiresAt (see dynamodb-unanswered-store.ts). */
export async function ensureUnansweredTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return;
  } catch (error) {
    if ((error as Error).name !== 'ResourceNotFoundException') throw error;
  }
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: UNANSWERED_TABLE_KEY.partitionKey, AttributeType: 'S' },
        { AttributeName: UNANSWERED_TABLE_KEY.sortKey, AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: UNANSWERED_TABLE_KEY.partitionKey, KeyType: 'HASH' },
        { AttributeName: UNANSWERED_TABLE_KEY.sortKey, KeyType: 'RANGE' },
      ],
    }),
  );
  await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 0.05, maxDelay: 0.2 }, { TableName: tableName });
  try {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: UNANSWERED_TABLE_KEY.ttlAttribute, Enabled: true },
      }),
    );
  } catch (error) {
    // dynalite has no TTL; expiry is storage hygiene only, nothing reads it.
    if ((error as Error).name !== 'UnknownOperationException') throw error;
  }
}

/** The durable mail queue (see dynamodb-mail-queue.ts), with its due and dead-letter indexes. */
export function ensureMailQueueTable(client: DynamoDBClient, tableName: string): Promise<void> {
  return ensureTable(client, tableName, { partitionKey: 'pk', indexes: [MAIL_QUEUE_TABLE.due, MAIL_QUEUE_TABLE.dead] });
}
