/**
 * The CDK app: a stage per environment in infra/config/deployments.yaml. `npx cdk synth` works offline (no
 * account, no lookups). cdk-nag's AwsSolutions and Serverless packs run as CDK validation plugins on every
 * synth, so an unacknowledged finding fails it.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { loadDeployments, type StageConfig } from './config/config.ts';
import { AssistantStage } from './stage.ts';

export function createApp(app = new App(), deployments: StageConfig[] = loadDeployments()) {
  const stages = deployments.map((config) => new AssistantStage(app, config));
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  return { app, stages };
}

if (import.meta.url === `file://${process.argv[1]}`) createApp().app.synth();
