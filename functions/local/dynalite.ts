/**
 * Embedded DynamoDB for local runs and tests: dynalite on a loopback port, tables created on start.
 * With a data folder the tables survive restarts; without one they live in memory.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { MAIL_QUEUE_KEY_SCHEMA } from '#adapters/dynamodb-mail-queue.ts';
import { SAR_CASES_KEY_SCHEMA } from '#adapters/dynamodb-sar-store.ts';
import { UNANSWERED_KEY_SCHEMA } from '#adapters/dynamodb-unanswered-store.ts';
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
  // Requests dynalite is still working on: closing its database under one makes dynalite throw, uncaught (a
  // best-effort write, such as an unanswered-question record, may still be on its way when the server stops).
  let inFlight = 0;
  let idle: (() => void) | undefined;
  server.on('request', (_request: IncomingMessage, response: ServerResponse) => {
    inFlight++;
    response.once('close', () => {
      if (--inFlight === 0) idle?.();
    });
  });
  const drained = () =>
    inFlight === 0
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, DRAIN_MS);
          idle = () => {
            clearTimeout(timer);
            resolve();
          };
        });
  return {
    endpoint,
    client,
    close: async () => {
      await drained();
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The longest a close waits for dynalite's requests in flight. */
const DRAIN_MS = 5_000;

export function ensureSarTable(client: DynamoDBClient, tableName: string): Promise<void> {
  return ensureTable(client, tableName, {
    partitionKey: SAR_CASES_KEY_SCHEMA.partitionKey,
    indexes: [SAR_CASES_KEY_SCHEMA.byCouncilDue, SAR_CASES_KEY_SCHEMA.byStatus, SAR_CASES_KEY_SCHEMA.mailOwed],
  });
}

/** The unanswered-questions table: pk + sk, TTL on expiresAt (see dynamodb-unanswered-store.ts). */
export function ensureUnansweredTable(client: DynamoDBClient, tableName: string): Promise<void> {
  return ensureTable(client, tableName, UNANSWERED_KEY_SCHEMA);
}

/** The durable mail queue (see dynamodb-mail-queue.ts), with its due and dead-letter indexes. */
export function ensureMailQueueTable(client: DynamoDBClient, tableName: string): Promise<void> {
  return ensureTable(client, tableName, {
    partitionKey: 'pk',
    indexes: [MAIL_QUEUE_KEY_SCHEMA.due, MAIL_QUEUE_KEY_SCHEMA.dead],
  });
}
