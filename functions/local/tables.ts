/** Creating a table in the embedded DynamoDB from a small definition: keys, sparse indexes, TTL. */
import {
  CreateTableCommand,
  DescribeTableCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';

export interface TableDefinition {
  partitionKey: string;
  sortKey?: string;
  indexes?: { name: string; partitionKey: string; sortKey: string }[];
  /** Asked for, as in AWS; dynalite has no TTL, and nothing here depends on expiry (stores treat expired items as gone). */
  ttlAttribute?: string;
}

export async function ensureTable(client: DynamoDBClient, tableName: string, table: TableDefinition): Promise<void> {
  const indexes = table.indexes ?? [];
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    // A table kept in .data/ from before an index was added gets it now (one per update, as DynamoDB allows).
    const have = new Set((Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
    for (const missing of indexes.filter((i) => !have.has(i.name))) {
      await client.send(
        new UpdateTableCommand({
          TableName: tableName,
          AttributeDefinitions: [missing.partitionKey, missing.sortKey].map((name) => ({
            AttributeName: name,
            AttributeType: 'S' as const,
          })),
          GlobalSecondaryIndexUpdates: [
            {
              Create: {
                IndexName: missing.name,
                KeySchema: [
                  { AttributeName: missing.partitionKey, KeyType: 'HASH' as const },
                  { AttributeName: missing.sortKey, KeyType: 'RANGE' as const },
                ],
                Projection: { ProjectionType: 'ALL' as const },
              },
            },
          ],
        }),
      );
      await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 0.05, maxDelay: 0.2 }, { TableName: tableName });
    }
    return;
  } catch (error) {
    if ((error as Error).name !== 'ResourceNotFoundException') throw error;
  }
  const attributes = new Set(
    [table.partitionKey, table.sortKey, ...indexes.flatMap((i) => [i.partitionKey, i.sortKey])].filter(
      (name): name is string => !!name,
    ),
  );
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [...attributes].map((name) => ({ AttributeName: name, AttributeType: 'S' as const })),
      KeySchema: [
        { AttributeName: table.partitionKey, KeyType: 'HASH' },
        ...(table.sortKey ? [{ AttributeName: table.sortKey, KeyType: 'RANGE' as const }] : []),
      ],
      ...(indexes.length
        ? {
            GlobalSecondaryIndexes: indexes.map((i) => ({
              IndexName: i.name,
              KeySchema: [
                { AttributeName: i.partitionKey, KeyType: 'HASH' as const },
                { AttributeName: i.sortKey, KeyType: 'RANGE' as const },
              ],
              Projection: { ProjectionType: 'ALL' as const },
            })),
          }
        : {}),
    }),
  );
  // Created tables start CREATING; wait for ACTIVE so a restart never finds one half made.
  await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 0.05, maxDelay: 0.2 }, { TableName: tableName });
  if (!table.ttlAttribute) return;
  try {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: table.ttlAttribute, Enabled: true },
      }),
    );
  } catch (error) {
    if ((error as Error).name !== 'UnknownOperationException') throw error;
  }
}
