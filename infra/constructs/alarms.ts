/**
 * What wakes someone up, by email to the deployment's alarm address: any function error or throttle, anything on
 * the dead-letter queue, API 5xx, mail that gave up (an escalation or SAR notice nobody received), and SAR cases
 * past their statutory deadline. The last two are metrics the functions publish (namespace PrivacyNoticeAssistant).
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, Metric, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRIC, METRICS_NAMESPACE } from '#shared/metrics.ts';

export class Alarms extends Construct {
  readonly topic: Topic;

  constructor(
    scope: Construct,
    id: string,
    props: { functions: NodejsFunction[]; deadLetters: IQueue; api: HttpApi; email?: string },
  ) {
    super(scope, id);
    const key = new Key(this, 'AlertsKey', {
      description: 'Privacy assistant alarm notifications',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY, // holds no data at rest beyond in-flight notifications
    });
    // CloudWatch publishes to the encrypted topic, so it must be able to use the key.
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.topic = new Topic(this, 'Topic', {
      displayName: 'Privacy assistant alarms',
      masterKey: key,
      enforceSSL: true,
    });
    if (props.email) {
      this.topic.addSubscription(new EmailSubscription(props.email));
      Validations.of(this.topic).acknowledge({
        id: 'Serverless-SNSRedrivePolicy',
        reason:
          'An email subscription: SNS retries delivery, and every alarm stays in CloudWatch alarm history; a ' +
          'redrive queue for alarm emails would itself need an alarm that emails.',
      });
    }

    const notify = new SnsAction(this.topic);
    const alarm = (name: string, metric: IMetric, description: string, missing = TreatMissingData.NOT_BREACHING) => {
      const made = new Alarm(this, name, {
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: missing,
        alarmDescription: description,
      });
      made.addAlarmAction(notify);
      made.addOkAction(notify);
    };
    const fiveMinutes = { period: Duration.minutes(5), statistic: 'Sum' };
    for (const fn of props.functions) {
      const name = fn.node.id;
      alarm(`${name}Errors`, fn.metricErrors(fiveMinutes), `${name}: an invocation failed (see its logs).`);
      alarm(`${name}Throttles`, fn.metricThrottles(fiveMinutes), `${name}: invocations throttled (concurrency).`);
    }
    alarm(
      'DeadLetters',
      props.deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      'A scheduled run (reminders, mail retry, digest) failed after its retries: it is on the dead-letter queue.',
    );
    alarm('Api5xx', props.api.metricServerError(fiveMinutes), 'The API answered with a server error.');
    const published = (metricName: string, service: string, period: Duration) =>
      new Metric({
        namespace: METRICS_NAMESPACE,
        metricName,
        dimensionsMap: { service },
        statistic: 'Maximum',
        period,
      });
    alarm(
      'MailDeadLettered',
      published(METRIC.mailDeadLettered, 'escalation', Duration.minutes(15)),
      'Mail gave up after its retries (an escalation, SAR notice or digest nobody received): see the mail table.',
    );
    alarm(
      'SarsOverdue',
      published(METRIC.sarsOverdue, 'reminders', Duration.days(1)),
      'A subject access request is past its statutory deadline (reported by the daily reminders).',
      TreatMissingData.MISSING, // no reminders at weekends: keep the last state
    );
  }
}
