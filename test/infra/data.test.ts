import { App } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { describe, expect, it } from 'vitest';
import { SAR_CASES_KEY_SCHEMA } from '#adapters/dynamodb-sar-store.ts';
import { createApp } from '../../infra/app.ts';
import { cdkContext, synthStage, testStageConfig } from './stage.ts';

const { template } = synthStage();

describe('infra: data', () => {
  it('every table is on demand, encrypted with the customer-managed key, with PITR and deletion protection', () => {
    const tables = template.findResources('AWS::DynamoDB::GlobalTable');
    expect(Object.keys(tables)).toHaveLength(5);
    for (const { Properties } of Object.values(tables) as { Properties: Record<string, never> }[]) {
      expect(Properties).toMatchObject({
        BillingMode: 'PAY_PER_REQUEST',
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
        Replicas: [
          {
            Region: 'eu-west-2',
            DeletionProtectionEnabled: true,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            SSESpecification: { KMSMasterKeyId: { 'Fn::GetAtt': [expect.stringMatching(/^DataTablesKey/), 'Arn'] } },
          },
        ],
      });
    }
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('the SAR table has the indexes the SAR store queries, from the same constants', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      GlobalSecondaryIndexes: Match.arrayWith([
        Match.objectLike({ IndexName: SAR_CASES_KEY_SCHEMA.byCouncilDue.name }),
        Match.objectLike({ IndexName: SAR_CASES_KEY_SCHEMA.byStatus.name }),
      ]),
    });
  });

  it('cdk-nag runs on synth: an unencrypted table without point-in-time recovery fails it', () => {
    const app = new App({
      context: { ...cdkContext, 'aws:cdk:bundling-stacks': [] },
      builtinCloudFormationValidation: false,
    });
    const [stage] = createApp(app, [testStageConfig()]).stages;
    new Table(stage!.assistant, 'Careless', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
    expect(() => app.synth()).toThrow(/AwsSolutions-DDB3/);
  });
});
