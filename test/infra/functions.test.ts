import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../infra/app.ts';

const { stack } = createApp();
const template = Template.fromStack(stack);
const logicalId = (construct: { node: { defaultChild?: unknown } }) =>
  stack.getLogicalId(construct.node.defaultChild as never);

/** The policies attached to a function's role, as text. */
function policyOf(fn: { role?: { node: { defaultChild?: unknown } } }): string {
  const role = logicalId(fn.role!);
  const policies = Object.values(template.findResources('AWS::IAM::Policy')) as {
    Properties: { Roles: { Ref: string }[] };
  }[];
  const attached = policies.filter((p) => p.Properties.Roles.some((r) => r.Ref === role));
  expect(attached.length).toBeGreaterThan(0);
  return JSON.stringify(attached);
}

describe('infra: functions', () => {
  it('runs every function on Node.js 22, ARM64, with X-Ray tracing, a dead-letter queue and the KB bundled', () => {
    const functions = template.findResources('AWS::Lambda::Function');
    expect(Object.keys(functions).length).toBeGreaterThanOrEqual(2);
    for (const { Properties } of Object.values(functions) as { Properties: Record<string, never> }[]) {
      expect(Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        DeadLetterConfig: { TargetArn: expect.anything() },
        Environment: { Variables: { KB_PATH: '/var/task/kb.json' } },
      });
    }
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
  });

  it('least privilege: only the SAR intake may write SAR cases; the chat may invoke it and use sessions', () => {
    const { functions, data } = stack;
    const sarTable = logicalId(data.sarCases);
    const chatPolicy = policyOf(functions.chat);
    expect(chatPolicy).not.toContain(sarTable);
    expect(chatPolicy).toContain(logicalId(data.sessions));
    expect(chatPolicy).toContain(logicalId(functions.sarIntake));
    expect(chatPolicy).toContain('lambda:InvokeFunction');
    const intakePolicy = policyOf(functions.sarIntake);
    expect(intakePolicy).toContain(sarTable);
    expect(intakePolicy).not.toContain(logicalId(data.sessions));
  });
});
