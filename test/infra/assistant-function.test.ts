/** AssistantFunction on its own (the whole stack's functions are in functions.test.ts and the snapshot). */
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { AssistantFunction } from '../../infra/constructs/assistant-function.ts';

function synth(props: { shipsAudit?: boolean } = {}) {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'Test', { env: { account: '123456789012', region: 'eu-west-2' } });
  const fn = new AssistantFunction(stack, 'Digest', {
    entry: 'reminders/index.ts',
    description: 'test',
    deadLetterQueue: new Queue(stack, 'DeadLetters'),
    ...props,
  });
  return { fn, template: Template.fromStack(stack) };
}

describe('AssistantFunction', () => {
  it('gives every function the KB path and its own log group beside it', () => {
    const { template } = synth();
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { KB_PATH: '/var/task/kb.json', AUDIT_PATH: Match.absent() } },
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
    });
    expect(Object.keys(template.findResources('AWS::Logs::LogGroup'))).toEqual([expect.stringMatching(/^DigestLogs/)]);
  }, 30_000); // the file's first synth loads aws-cdk-lib, seconds on a busy 2-core machine

  it('ships the notice audit only to a function that reads it, and says where', () => {
    const { template } = synth({ shipsAudit: true });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { KB_PATH: '/var/task/kb.json', AUDIT_PATH: '/var/task/audit.json' } },
    });
  });
});
