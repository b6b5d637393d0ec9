/**
 * The CDK app: `npx cdk synth` works offline (no account, no lookups). cdk-nag's AwsSolutions and Serverless
 * packs run as CDK validation plugins on every synth, so an unacknowledged finding fails it.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { PrivacyAssistantStack } from './stack.ts';

export function createApp(app = new App()) {
  const stack = new PrivacyAssistantStack(app, 'PrivacyAssistant', {
    description: 'Privacy notice assistant for UK councils: chat, SAR intake, DPO escalation, Teams bot',
    // London: residents' personal data stays in the UK. Region only, no account: synth needs no credentials.
    env: { region: 'eu-west-2' },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  return { app, stack };
}

if (import.meta.url === `file://${process.argv[1]}`) createApp().app.synth();
