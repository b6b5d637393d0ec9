/**
 * The mail queue in DynamoDB: MAIL#<id> items; a sparse index `due` holds only pending mail by its next
 * attempt time, and `dead` only dead-lettered mail, so neither query scans what was sent.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, isConditionFailure, sendCommand } from './dynamodb-documents.ts';
import type { QueuedMail } from '#core/mail-queue.ts';
import type { MailQueue } from '#core/ports.ts';

/** The mail queue table's keys and indexes, for infra and for creating it in dynalite (its name is env MAIL_TABLE). */
export const MAIL_QUEUE_KEY_SCHEMA = {
  partitionKey: 'pk',
  due: { name: 'due', partitionKey: 'duePk', sortKey: 'dueSk' },
  dead: { name: 'dead', partitionKey: 'deadPk', sortKey: 'deadSk' },
} as const;

export class DynamoMailQueue implements MailQueue {
  private readonly documents: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.documents = documentClient(client);
  }

  private send<T>(command: GetCommand | PutCommand | QueryCommand): Promise<T> {
    return sendCommand<T>(this.documents, command);
  }

  private item(mail: QueuedMail) {
    return {
      pk: `MAIL#${mail.id}`,
      mail,
      attempts: mail.attempts,
      ...(mail.status === 'pending' ? { duePk: 'PENDING', dueSk: `${mail.nextAttemptAt}#${mail.id}` } : {}),
      ...(mail.status === 'dead' ? { deadPk: 'DEAD', deadSk: `${mail.createdAt}#${mail.id}` } : {}),
    };
  }

  async enqueue(mail: QueuedMail): Promise<boolean> {
    try {
      await this.send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.item(mail),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async save(mail: QueuedMail, previousAttempts: number): Promise<boolean> {
    try {
      await this.send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.item(mail),
          ConditionExpression: 'attempts = :previous',
          ExpressionAttributeValues: { ':previous': previousAttempts },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async get(id: string): Promise<QueuedMail | undefined> {
    const { Item } = await this.send<{ Item?: { mail: QueuedMail } }>(
      new GetCommand({ TableName: this.tableName, Key: { pk: `MAIL#${id}` }, ConsistentRead: true }),
    );
    return Item?.mail;
  }

  async due(now: string, limit: number): Promise<QueuedMail[]> {
    const { Items } = await this.send<{ Items?: { mail: QueuedMail }[] }>(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: MAIL_QUEUE_KEY_SCHEMA.due.name,
        KeyConditionExpression: 'duePk = :pending AND dueSk <= :now',
        ExpressionAttributeValues: { ':pending': 'PENDING', ':now': `${now}#~` },
        Limit: limit,
      }),
    );
    return (Items ?? []).map((i) => i.mail);
  }

  async dead(): Promise<QueuedMail[]> {
    const { Items } = await this.send<{ Items?: { mail: QueuedMail }[] }>(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: MAIL_QUEUE_KEY_SCHEMA.dead.name,
        KeyConditionExpression: 'deadPk = :dead',
        ExpressionAttributeValues: { ':dead': 'DEAD' },
      }),
    );
    return (Items ?? []).map((i) => i.mail);
  }
}
