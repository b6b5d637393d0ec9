/**
 * Escalations and abuse limits in one DynamoDB table:
 *   ESC#<reference>                  the escalation; while it is an unacknowledged complaint it sits in the sparse
 *                                    index `openComplaints` (council → received date), oldest first for the digest.
 *   LIMIT#<kind>#<hash>#<day>        a counter per session / per address per day (addresses stored hashed), expiring.
 */
import { createHash } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { documentClient, isConditionFailure, sendCommand } from './dynamodb-documents.ts';
import type { Escalation } from '#core/escalation/index.ts';
import type { EscalationStore } from '#core/ports.ts';

export type { EscalationStore } from '#core/ports.ts';

/** The escalations table's keys and index, for infra and for the local tables (its name is env ESCALATION_TABLE). */
export const ESCALATIONS_KEY_SCHEMA = {
  partitionKey: 'pk',
  openComplaints: { name: 'openComplaints', partitionKey: 'complaintCouncil', sortKey: 'complaintSince' },
} as const;

export class DynamoEscalationStore implements EscalationStore {
  private readonly documents: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.documents = documentClient(client);
  }

  private send<T>(command: GetCommand | PutCommand | QueryCommand | UpdateCommand): Promise<T> {
    return sendCommand<T>(this.documents, command);
  }

  async save(escalation: Escalation): Promise<void> {
    const open = escalation.complaint && !escalation.acknowledgedOn;
    await this.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: `ESC#${escalation.reference}`,
          escalation,
          ...(open
            ? {
                complaintCouncil: escalation.council,
                complaintSince: `${escalation.receivedOn}#${escalation.reference}`,
              }
            : {}),
        },
      }),
    );
  }

  async get(reference: string): Promise<Escalation | undefined> {
    const { Item } = await this.send<{ Item?: { escalation: Escalation } }>(
      new GetCommand({ TableName: this.tableName, Key: { pk: `ESC#${reference}` }, ConsistentRead: true }),
    );
    return Item?.escalation;
  }

  async openComplaints(council: string): Promise<Escalation[]> {
    const { Items } = await this.send<{ Items?: { escalation: Escalation }[] }>(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: ESCALATIONS_KEY_SCHEMA.openComplaints.name,
        KeyConditionExpression: 'complaintCouncil = :council',
        ExpressionAttributeValues: { ':council': council },
      }),
    );
    return (Items ?? []).map((i) => i.escalation);
  }

  async acknowledge(reference: string, on: string): Promise<Escalation | undefined> {
    const current = await this.get(reference);
    if (!current) return undefined;
    if (current.acknowledgedOn) return current;
    const acknowledged = { ...current, acknowledgedOn: on };
    await this.save(acknowledged);
    return acknowledged;
  }

  private limitKey(kind: 'session' | 'address', key: string, day: string) {
    const hashed = createHash('sha256').update(key.trim().toLowerCase()).digest('hex').slice(0, 32);
    return { pk: `LIMIT#${kind}#${hashed}#${day}` };
  }

  async give(kind: 'session' | 'address', key: string, day: string): Promise<void> {
    try {
      await this.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.limitKey(kind, key, day),
          UpdateExpression: 'ADD #count :minus',
          ConditionExpression: '#count > :zero',
          ExpressionAttributeNames: { '#count': 'count' },
          ExpressionAttributeValues: { ':minus': -1, ':zero': 0 },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  async take(kind: 'session' | 'address', key: string, day: string, max: number): Promise<boolean> {
    try {
      await this.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.limitKey(kind, key, day),
          UpdateExpression: 'ADD #count :one SET expiresAt = :expires',
          ConditionExpression: 'attribute_not_exists(#count) OR #count < :max',
          ExpressionAttributeNames: { '#count': 'count' },
          ExpressionAttributeValues: { ':one': 1, ':max': max, ':expires': Math.floor(Date.now() / 1000) + 2 * 86_400 },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}
