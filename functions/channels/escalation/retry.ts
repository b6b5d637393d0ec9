/**
 * The scheduled mail retry: every due mail once; counts only in the logs, and the number of mails now in the
 * dead-letter state as the MailDeadLettered metric, on every run (0 included), for the alarm.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { drainQueue } from '#core/mail-queue.ts';
import type { MailQueue, MailSender } from '#core/ports.ts';
import { METRIC, type MetricsPort } from '../../shared/metrics.ts';

export function createMailRetryHandler(deps: {
  queue: MailQueue;
  sender: MailSender;
  now: () => Date;
  logger: Logger;
  metrics: MetricsPort;
}) {
  return async () => {
    const tally = await drainQueue(deps.queue, deps.sender, () => deps.now().toISOString());
    const dead = (await deps.queue.dead()).length;
    deps.logger.info('Mail retry', { ...tally, deadLettered: dead });
    deps.metrics.count(METRIC.mailDeadLettered, dead);
    deps.metrics.flush();
    return { ...tally, deadLettered: dead };
  };
}
