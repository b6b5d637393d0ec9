/**
 * SAR cases in DynamoDB, one table:
 *   CASE#<reference>   the case (audit entries inside it, so a status change and its audit entry are one
 *                      conditional write on `version`), with GSI keys for the access patterns:
 *                      byCouncilDue (council → due date) and byStatus (council#status → due date).
 *   INTAKE#<key>       which reference a submission's idempotency key claimed, and the fingerprint of what was
 *                      submitted with it (a later submission with the key and other details is a conflict).
 *   OWED#<reference>   a case whose acknowledgement and DPO notice are not known to be queued yet: written before
 *                      the case, removed once its mail is queued; in the sparse index `mailOwed` (oldest first),
 *                      which the scheduled mail retry reads, so a case whose mail could not be queued (the store
 *                      failed between the two writes) still gets it without anyone resubmitting.
 * Exactly-once creation without transactions: claim the key (conditional put), then write the case under the
 * claimed reference (conditional put). A retry after a failure between the two finds the claim and completes
 * it; concurrent submissions with one key converge on one case.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import { documentClient, isConditionFailure, sendCommand } from './dynamodb-documents.ts';
import { SarConflictError, StoreUnavailableError, SubmissionConflictError, type SarCaseStore } from '#core/ports.ts';
import type { SarCase } from '#core/sar/case.ts';

/** The SAR cases table's keys and indexes, for infra and for creating it in dynalite (its name is env SAR_TABLE). */
export const SAR_CASES_KEY_SCHEMA = {
  partitionKey: 'pk',
  byCouncilDue: { name: 'byCouncilDue', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  byStatus: { name: 'byStatus', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  mailOwed: { name: 'mailOwed', partitionKey: 'owedPk', sortKey: 'owedSk' },
} as const;

const OWED = 'OWED';

const NO_DUE_DATE = '9999-12-31';

export class DynamoSarCaseStore implements SarCaseStore {
  private readonly documents: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.documents = documentClient(client);
  }

  /** Every call either reaches DynamoDB or fails as "unavailable, try again"; condition failures pass through. */
  private send<T>(command: GetCommand | PutCommand | QueryCommand | DeleteCommand): Promise<T> {
    return sendCommand<T>(this.documents, command, { passClientErrors: true });
  }

  private item(c: SarCase) {
    const due = c.deadline.extendedDueDate ?? c.deadline.dueDate ?? NO_DUE_DATE;
    return {
      pk: `CASE#${c.reference}`,
      gsi1pk: c.council,
      gsi1sk: `${due}#${c.reference}`,
      gsi2pk: `${c.council}#${c.status}`,
      gsi2sk: `${due}#${c.reference}`,
      case: c,
      version: c.version,
    };
  }

  async get(reference: string): Promise<SarCase | undefined> {
    const { Item } = await this.send<{ Item?: { case: SarCase } }>(
      new GetCommand({ TableName: this.tableName, Key: { pk: `CASE#${reference}` }, ConsistentRead: true }),
    );
    return Item?.case;
  }

  listDueBy(council: string, until: string): Promise<SarCase[]> {
    return this.query(SAR_CASES_KEY_SCHEMA.byCouncilDue.name, 'gsi1pk = :pk AND gsi1sk <= :until', {
      ':pk': council,
      ':until': `${until}#~`,
    });
  }

  listByStatus(council: string, status: string): Promise<SarCase[]> {
    return this.query(SAR_CASES_KEY_SCHEMA.byStatus.name, 'gsi2pk = :pk', { ':pk': `${council}#${status}` });
  }

  private async query(index: string, condition: string, values: Record<string, string>): Promise<SarCase[]> {
    const cases: SarCase[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.send<{ Items?: { case: SarCase }[]; LastEvaluatedKey?: Record<string, unknown> }>(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: index,
          KeyConditionExpression: condition,
          ExpressionAttributeValues: values,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      for (const item of page.Items ?? []) cases.push(item.case);
      start = page.LastEvaluatedKey;
    } while (start);
    return cases;
  }

  async createOnce(
    idempotencyKey: string,
    make: (reference: string) => SarCase,
    newReference: () => string,
    fingerprint?: string,
  ): Promise<{ case: SarCase; created: boolean }> {
    const intakeKey = { pk: `INTAKE#${idempotencyKey}` };
    const claim = (reference: string) => ({ ...intakeKey, reference, ...(fingerprint ? { fingerprint } : {}) });
    for (let attempt = 0; attempt < 5; attempt++) {
      let claimed = newReference();
      try {
        await this.send(
          new PutCommand({
            TableName: this.tableName,
            Item: claim(claimed),
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        const { Item } = await this.send<{ Item?: { reference: string; fingerprint?: string } }>(
          new GetCommand({ TableName: this.tableName, Key: intakeKey, ConsistentRead: true }),
        );
        // The key was claimed for other details (a claim from before fingerprints were kept is taken as the same).
        if (fingerprint && Item!.fingerprint && Item!.fingerprint !== fingerprint) throw new SubmissionConflictError();
        claimed = Item!.reference;
      }
      const existing = await this.get(claimed);
      if (existing?.idempotencyKey === idempotencyKey) return { case: existing, created: false };
      if (existing) {
        // A different submission already holds this reference (a random clash): claim another one.
        await this.send(new PutCommand({ TableName: this.tableName, Item: claim(newReference()) }));
        continue;
      }
      const fresh = make(claimed);
      // Before the case: a crash between the two leaves a marker the retry clears, never a case owed mail unseen.
      await this.markMailOwed(claimed, new Date().toISOString());
      try {
        await this.send(
          new PutCommand({
            TableName: this.tableName,
            Item: this.item(fresh),
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return { case: fresh, created: true };
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        const written = await this.get(claimed);
        if (written?.idempotencyKey === idempotencyKey) return { case: written, created: false };
      }
    }
    throw new StoreUnavailableError(new Error('Could not claim a unique reference'));
  }

  /** Marks a case as owed its mail (createOnce does, before writing the case). */
  markMailOwed(reference: string, since: string): Promise<unknown> {
    return this.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: `OWED#${reference}`, reference, owedPk: OWED, owedSk: `${since}#${reference}`, since },
      }),
    );
  }

  /** Cases whose mail is not known to be queued, oldest first (with when they were marked). */
  async mailOwed(limit = 50): Promise<{ reference: string; since: string }[]> {
    const page = await this.send<{ Items?: { reference: string; since: string }[] }>(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: SAR_CASES_KEY_SCHEMA.mailOwed.name,
        KeyConditionExpression: 'owedPk = :owed',
        ExpressionAttributeValues: { ':owed': OWED },
        Limit: limit,
      }),
    );
    return (page.Items ?? []).map(({ reference, since }) => ({ reference, since }));
  }

  /** The case's mail is queued: it no longer needs the retry to look at it. */
  async mailQueued(reference: string): Promise<void> {
    await this.send(new DeleteCommand({ TableName: this.tableName, Key: { pk: `OWED#${reference}` } }));
  }

  async update(next: SarCase): Promise<void> {
    try {
      await this.send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.item(next),
          ConditionExpression: 'version = :previous',
          ExpressionAttributeValues: { ':previous': next.version - 1 },
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw new SarConflictError(next.reference);
      throw error;
    }
  }
}
