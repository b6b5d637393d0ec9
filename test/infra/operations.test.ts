import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { METRIC, METRICS_NAMESPACE } from '#shared/metrics.ts';
import { synthStage } from './stage.ts';

const { stack, template } = synthStage();
const logicalId = (construct: { node: { defaultChild?: unknown } }) =>
  stack.getLogicalId(construct.node.defaultChild as never);

describe('infra: schedules', () => {
  it('runs reminders on working mornings, the digest on Mondays (London time) and the mail retry every 5 minutes', () => {
    const target = (fn: Parameters<typeof logicalId>[0]) => ({
      Arn: { 'Fn::GetAtt': [logicalId(fn), 'Arn'] },
      RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 2 }),
      DeadLetterConfig: { Arn: Match.anyValue() },
    });
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 7 ? * MON-FRI *)',
      ScheduleExpressionTimezone: 'Europe/London',
      Target: Match.objectLike(target(stack.functions.reminders)),
    });
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 8 ? * MON *)',
      ScheduleExpressionTimezone: 'Europe/London',
      Target: Match.objectLike(target(stack.functions.digest)),
    });
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(5 minutes)',
      Target: Match.objectLike(target(stack.functions.mailRetry)),
    });
  });
});

describe('infra: alarms', () => {
  const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')) as {
    Properties: { MetricName: string; Namespace: string; Dimensions?: { Name: string; Value: unknown }[] };
  }[];
  const on = (metricName: string, namespace: string) =>
    alarms.filter((a) => a.Properties.MetricName === metricName && a.Properties.Namespace === namespace);

  it('alarms on every function’s errors and throttles', () => {
    for (const metric of ['Errors', 'Throttles']) {
      const watched = on(metric, 'AWS/Lambda').map((a) => JSON.stringify(a.Properties.Dimensions));
      for (const fn of stack.functions.all) expect(watched.some((d) => d.includes(logicalId(fn)))).toBe(true);
    }
  });

  it('alarms on the dead-letter queue, API 5xx, dead-lettered mail and overdue SARs, all to the alarm email', () => {
    expect(on('ApproximateNumberOfMessagesVisible', 'AWS/SQS')).toHaveLength(1);
    expect(on('5xx', 'AWS/ApiGateway')).toHaveLength(1);
    // The names and dimension the functions publish (functions/shared/metrics.ts), not a copy of them.
    for (const [metric, service] of [
      [METRIC.mailDeadLettered, 'escalation'],
      [METRIC.sarsOverdue, 'reminders'],
    ] as const)
      expect(on(metric, METRICS_NAMESPACE)[0]?.Properties.Dimensions).toEqual([{ Name: 'service', Value: service }]);
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'alerts@southend.gov.uk' });
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
  });
});

describe('infra: mail', () => {
  it('an SES domain identity per council sending domain, sending through a TLS-only configuration set', () => {
    for (const domain of ['southend.gov.uk', 'kent.gov.uk'])
      template.hasResourceProperties('AWS::SES::EmailIdentity', {
        EmailIdentity: domain,
        ConfigurationSetAttributes: { ConfigurationSetName: Match.anyValue() },
      });
    template.hasResourceProperties('AWS::SES::ConfigurationSet', {
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
    });
    const intake = template.findResources('AWS::Lambda::Function')[logicalId(stack.functions.sarIntake)] as {
      Properties: { Environment: { Variables: Record<string, unknown> } };
    };
    expect(intake.Properties.Environment.Variables).toMatchObject({
      MAIL_TRANSPORT: 'ses',
      MAIL_FROM: 'privacy-assistant@southend.gov.uk',
    });
  });
});
