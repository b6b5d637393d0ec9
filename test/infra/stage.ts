/**
 * One stage synthesized the way `cdk synth` does it (cdk-nag included), from a fixed test configuration so the
 * assertions do not move when a council edits infra/config/deployments.yaml. Bundling is skipped unless asked
 * for: it is the slow part, and only the bundling test needs the bundles.
 */
import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { createApp } from '../../infra/app.ts';
import { parseDeployments } from '../../infra/config/config.ts';

/** The feature flags in cdk.json, which the CLI passes to the app: the tests synthesize with the same ones. */
export const cdkContext: Record<string, unknown> = JSON.parse(
  readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8'),
).context;

export const TEAMS_APP_ID = '5b7c1e2a-0d3f-4e8a-9b6c-1f2e3d4c5b6a';
export const TENANT_ID = '8c9d0e1f-2a3b-4c5d-8e7f-9a0b1c2d3e4f';

export const testStageConfig = () =>
  parseDeployments({
    stages: [
      {
        name: 'test',
        region: 'eu-west-2',
        alarmEmail: 'alerts@southend.gov.uk',
        councils: [
          { id: 'southend', origins: ['https://www.southend.gov.uk'], sendingDomain: 'southend.gov.uk' },
          { id: 'kent', origins: ['https://www.kent.gov.uk'], sendingDomain: 'kent.gov.uk' },
        ],
        mail: { transport: 'ses', from: 'privacy-assistant@southend.gov.uk' },
        teams: { appId: TEAMS_APP_ID, tenantId: TENANT_ID, council: 'southend' },
        limits: { requestsPerIpPer5Minutes: 300, chatConcurrency: 50, sarIntakeConcurrency: 10 },
      },
    ],
  })[0]!;

export function synthStage(options: { bundling?: boolean; config?: ReturnType<typeof testStageConfig> } = {}) {
  // The bundling synth is the full `cdk synth`; the others skip bundling and CDK's built-in CloudFormation schema
  // check (seconds of WebAssembly each, and only warnings). cdk-nag runs in every one.
  const app = new App(
    options.bundling
      ? { context: cdkContext }
      : { context: { ...cdkContext, 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false },
  );
  const { stages } = createApp(app, [options.config ?? testStageConfig()]);
  const stage = stages[0]!;
  const stack = stage.assistant;
  // Synthesizing the app runs the cdk-nag packs: an unacknowledged finding throws here.
  app.synth();
  return { app, stage, stack, template: Template.fromStack(stack), edge: Template.fromStack(stage.edge) };
}
