/** What every DynamoDB adapter shares: the document client, and how a failed call is reported. */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type DeleteCommand,
  DynamoDBDocumentClient,
  type GetCommand,
  type PutCommand,
  type QueryCommand,
  type UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { StoreUnavailableError } from '#core/ports.ts';

export const documentClient = (client: DynamoDBClient) =>
  DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });

export const isConditionFailure = (error: unknown) => (error as Error).name === 'ConditionalCheckFailedException';

/**
 * Every call either reaches DynamoDB or fails as "unavailable, try again"; a failed condition passes through for
 * the caller to decide. `passClientErrors` lets a request DynamoDB rejected as invalid (400) through as well.
 */
export async function sendCommand<T>(
  documents: DynamoDBDocumentClient,
  command: GetCommand | PutCommand | QueryCommand | UpdateCommand | DeleteCommand,
  options: { passClientErrors?: boolean } = {},
): Promise<T> {
  try {
    return (await documents.send(command as PutCommand)) as T;
  } catch (error) {
    if (isConditionFailure(error)) throw error;
    if (
      options.passClientErrors &&
      (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 400
    )
      throw error;
    throw new StoreUnavailableError(error);
  }
}
