/**
 * Unanswered-question counts in DynamoDB, counted without scans:
 *   pk  UNANSWERED#<council>#<week>      one partition per council and ISO week: `listWeek` is one Query
 *   sk  <notice>#<fingerprint>           one item per question per notice
 *       UNHELPFUL#<notice>#<fingerprint> the same for answers rated "did not help" (notice ids are lower case,
 *                                        so the two never meet); `listWeek` returns both, each with its kind
 * Recording is a single UpdateItem: `ADD #count :one` is atomic on the server, so concurrent recordings of one
 * question never lose a count (no read-modify-write, no condition to retry); the first redacted wording and
 * topic guess are kept with `if_not_exists`. Items expire by TTL 13 weeks after their week ends (a quarter of
 * digests to compare), and hold nothing but redacted text and counts.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type * as LibDynamodb from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { lazily, type Lazy } from './lazy.ts';
import {
  isIsoWeek,
  isoWeekMonday,
  type RecordKind,
  type UnansweredRecord,
  type UnansweredStore,
  type UnansweredTally,
} from '#core/unanswered.ts';

/** The table's keys and expiry, for infra and for creating it in dynalite (its name is env UNANSWERED_TABLE). */
export const UNANSWERED_KEY_SCHEMA = { partitionKey: 'pk', sortKey: 'sk', ttlAttribute: 'expiresAt' } as const;

/** How long a week's counts are kept after the week ends. */
export const UNANSWERED_RETENTION_WEEKS = 13;

const DAY_SECONDS = 24 * 60 * 60;

export const unansweredPartitionKey = (council: string, week: string) => `UNANSWERED#${council}#${week}`;
export const unansweredSortKey = (notice: string, fingerprint: string, kind: RecordKind = 'unanswered') =>
  `${kind === 'unhelpful' ? 'UNHELPFUL#' : ''}${notice}#${fingerprint}`;

/** Seconds since the epoch at which a week's items expire: midnight UTC, 13 weeks after the week's Sunday. */
export function unansweredExpiry(week: string): number {
  const monday = Date.parse(`${isoWeekMonday(week)}T00:00:00Z`) / 1000;
  return monday + (UNANSWERED_RETENTION_WEEKS + 1) * 7 * DAY_SECONDS;
}

export class DynamoUnansweredStore implements UnansweredStore {
  private readonly documents: Lazy<{ client: DynamoDBDocumentClient; sdk: typeof LibDynamodb }>;

  /** `client` may be lazy: the SDK is then loaded on the first record (the chat Lambda's cold start skips it). */
  constructor(
    client: DynamoDBClient | Lazy<DynamoDBClient>,
    private readonly tableName: string,
  ) {
    const dynamo = lazily(client);
    this.documents = lazily(async () => {
      const sdk = await import('@aws-sdk/lib-dynamodb');
      const documents = sdk.DynamoDBDocumentClient.from(await dynamo(), {
        marshallOptions: { removeUndefinedValues: true },
      });
      return { client: documents, sdk };
    });
  }

  async record(r: UnansweredRecord): Promise<void> {
    if (!isIsoWeek(r.week)) throw new RangeError(`Not an ISO week: ${JSON.stringify(r.week)}`);
    if (!r.council || !r.notice || !r.fingerprint)
      throw new RangeError('An unanswered record needs a council, notice and fingerprint');
    const { client, sdk } = await this.documents();
    await client.send(
      new sdk.UpdateCommand({
        TableName: this.tableName,
        Key: {
          [UNANSWERED_KEY_SCHEMA.partitionKey]: unansweredPartitionKey(r.council, r.week),
          [UNANSWERED_KEY_SCHEMA.sortKey]: unansweredSortKey(r.notice, r.fingerprint, r.kind),
        },
        UpdateExpression: [
          'ADD #count :one',
          'SET #kind = :kind, #council = :council, #week = :week, #notice = :notice, #fingerprint = :fingerprint,',
          '#example = if_not_exists(#example, :example), #topicGuess = if_not_exists(#topicGuess, :topicGuess),',
          '#expiresAt = :expiresAt',
        ].join(' '),
        ExpressionAttributeNames: {
          '#count': 'count',
          '#kind': 'kind',
          '#council': 'council',
          '#week': 'week',
          '#notice': 'notice',
          '#fingerprint': 'fingerprint',
          '#example': 'example',
          '#topicGuess': 'topicGuess',
          '#expiresAt': UNANSWERED_KEY_SCHEMA.ttlAttribute,
        },
        ExpressionAttributeValues: {
          ':one': 1,
          ':kind': r.kind ?? 'unanswered',
          ':council': r.council,
          ':week': r.week,
          ':notice': r.notice,
          ':fingerprint': r.fingerprint,
          ':example': r.question,
          ':topicGuess': r.topicGuess,
          ':expiresAt': unansweredExpiry(r.week),
        },
      }),
    );
  }

  async listWeek(council: string, week: string): Promise<UnansweredTally[]> {
    const tallies: UnansweredTally[] = [];
    let start: Record<string, unknown> | undefined;
    const { client, sdk } = await this.documents();
    do {
      const page = await client.send(
        new sdk.QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': UNANSWERED_KEY_SCHEMA.partitionKey },
          ExpressionAttributeValues: { ':pk': unansweredPartitionKey(council, week) },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) {
        tallies.push({
          kind: item.kind === 'unhelpful' ? 'unhelpful' : 'unanswered',
          fingerprint: String(item.fingerprint),
          notice: String(item.notice),
          topicGuess: String(item.topicGuess),
          example: String(item.example),
          count: Number(item.count),
        });
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return tallies.sort(
      (a, b) =>
        b.count - a.count ||
        a.notice.localeCompare(b.notice) ||
        a.fingerprint.localeCompare(b.fingerprint) ||
        (a.kind ?? '').localeCompare(b.kind ?? ''),
    );
  }
}
