/**
 * Every DynamoDB table the functions use, secure by default: on demand, encrypted with one customer-managed KMS
 * key (rotated yearly), point-in-time recovery, deletion protection, TTL where items expire. The key schemas come
 * from the adapters' own constants, so the tables cannot drift from the code that reads them.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  Billing,
  TableEncryptionV2,
  TableV2,
  type GlobalSecondaryIndexPropsV2,
  type TablePropsV2,
} from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { ESCALATIONS_KEY_SCHEMA } from '#adapters/dynamodb-escalation-store.ts';
import { MAIL_QUEUE_KEY_SCHEMA } from '#adapters/dynamodb-mail-queue.ts';
import { SAR_CASES_KEY_SCHEMA } from '#adapters/dynamodb-sar-store.ts';
import { UNANSWERED_KEY_SCHEMA } from '#adapters/dynamodb-unanswered-store.ts';

const index = (i: { name: string; partitionKey: string; sortKey: string }): GlobalSecondaryIndexPropsV2 => ({
  indexName: i.name,
  partitionKey: { name: i.partitionKey, type: AttributeType.STRING },
  sortKey: { name: i.sortKey, type: AttributeType.STRING },
});

const indexed = new WeakSet<TableV2>();
/** Whether the table has global secondary indexes (a grant on it then covers table/index/* too). */
export const hasIndexes = (table: TableV2): boolean => indexed.has(table);

export class Data extends Construct {
  readonly key: Key;
  readonly sarCases: TableV2;
  readonly mail: TableV2;
  readonly escalations: TableV2;
  readonly unanswered: TableV2;
  readonly teamsChannels: TableV2;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.key = new Key(this, 'TablesKey', {
      description: 'Privacy assistant tables: SAR cases, escalations, mail (personal data)',
      enableKeyRotation: true,
      rotationPeriod: Duration.days(365),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const table = (
      name: string,
      {
        partitionKey,
        sortKey,
        ...props
      }: Omit<TablePropsV2, 'partitionKey' | 'sortKey'> & {
        partitionKey: string;
        sortKey?: string;
      },
    ) => {
      const made = new TableV2(this, name, {
        ...props,
        partitionKey: { name: partitionKey, type: AttributeType.STRING },
        ...(sortKey ? { sortKey: { name: sortKey, type: AttributeType.STRING } } : {}),
        billing: Billing.onDemand(),
        encryption: TableEncryptionV2.customerManagedKey(this.key),
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        deletionProtection: true,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      if (props.globalSecondaryIndexes?.length) indexed.add(made);
      return made;
    };

    this.sarCases = table('SarCases', {
      partitionKey: SAR_CASES_KEY_SCHEMA.partitionKey,
      globalSecondaryIndexes: [
        index(SAR_CASES_KEY_SCHEMA.byCouncilDue),
        index(SAR_CASES_KEY_SCHEMA.byStatus),
        index(SAR_CASES_KEY_SCHEMA.mailOwed),
      ],
    });
    this.mail = table('Mail', {
      partitionKey: MAIL_QUEUE_KEY_SCHEMA.partitionKey,
      globalSecondaryIndexes: [index(MAIL_QUEUE_KEY_SCHEMA.due), index(MAIL_QUEUE_KEY_SCHEMA.dead)],
    });
    this.escalations = table('Escalations', {
      partitionKey: ESCALATIONS_KEY_SCHEMA.partitionKey,
      // Abuse-limit counters expire; escalations themselves carry no expiresAt and stay.
      timeToLiveAttribute: 'expiresAt',
      globalSecondaryIndexes: [index(ESCALATIONS_KEY_SCHEMA.openComplaints)],
    });
    this.unanswered = table('Unanswered', {
      partitionKey: UNANSWERED_KEY_SCHEMA.partitionKey,
      sortKey: UNANSWERED_KEY_SCHEMA.sortKey,
      timeToLiveAttribute: UNANSWERED_KEY_SCHEMA.ttlAttribute,
    });
    // The IG channels' conversation references (kept), and each conversation's context for typed follow-ups
    // (adapters/dynamodb-teams-context-store.ts), which expires.
    this.teamsChannels = table('TeamsChannels', { partitionKey: 'pk', timeToLiveAttribute: 'expiresAt' });
  }
}
