/**
 * The clock: EventBridge Scheduler runs the SAR reminders each working morning, the mail retry every five
 * minutes and the DPO digest on Monday mornings, in London time (so they do not drift an hour twice a year).
 * A run that fails after its retries lands on the functions' dead-letter queue, which an alarm watches.
 */
import { Duration, Stack, TimeZone, Validations, type CfnElement } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { Functions } from './functions.ts';

export class Schedules extends Construct {
  constructor(scope: Construct, id: string, props: { functions: Functions; deadLetters: IQueue }) {
    super(scope, id);
    const { functions } = props;
    // One role for the three schedules: it may invoke these three functions and nothing else.
    const role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('scheduler.amazonaws.com') });
    const invoke = (fn: IFunction, maxEventAge: Duration) => {
      const logicalId = Stack.of(this).getLogicalId(fn.node.defaultChild as CfnElement);
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>:*]`,
        reason: `Invoking ${fn.node.id}'s versions and aliases, the schedule's own function; no other function.`,
      });
      return new LambdaInvoke(fn, { role, retryAttempts: 2, maxEventAge, deadLetterQueue: props.deadLetters });
    };
    const london = TimeZone.EUROPE_LONDON;
    new Schedule(this, 'Reminders', {
      description: 'SAR cases due within five working days and overdue, per council',
      schedule: ScheduleExpression.cron({ minute: '0', hour: '7', weekDay: 'MON-FRI', timeZone: london }),
      target: invoke(functions.reminders, Duration.hours(2)),
    });
    new Schedule(this, 'MailRetry', {
      description: 'Send queued mail that is due (escalations, SAR notices, digests)',
      schedule: ScheduleExpression.rate(Duration.minutes(5)),
      // A later run retries anyway: an old retry event is worth nothing.
      target: invoke(functions.mailRetry, Duration.minutes(5)),
    });
    new Schedule(this, 'Digest', {
      description: 'The weekly DPO digest: unanswered questions, open complaints, knowledge gaps',
      schedule: ScheduleExpression.cron({ minute: '0', hour: '8', weekDay: 'MON', timeZone: london }),
      target: invoke(functions.digest, Duration.hours(6)),
    });
  }
}
