/**
 * The scheduled mail retry: first the SAR cases whose mail could not be queued when they were made (the SAR intake
 * queues it, by Lambda Invoke: only it touches SAR cases), then every due mail once; counts only in the logs, and the
 * number of mails now in the dead-letter state as the MailDeadLettered metric, on every run (0 included), for the
 * alarm.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { drainQueue } from '#core/mail-queue.ts';
import type { MailQueue, MailSender } from '#core/ports.ts';
import { METRIC, type MetricsPort } from '#shared/metrics.ts';

export function createMailRetryHandler(deps: {
  queue: MailQueue;
  sender: MailSender;
  now: () => Date;
  logger: Logger;
  metrics: MetricsPort;
  /** Asks the SAR intake to queue the mail of cases still marked as owed it (action queue-owed-mail). */
  queueOwedSarMail?: () => Promise<unknown>;
}) {
  return async () => {
    if (deps.queueOwedSarMail) {
      try {
        const owed = await deps.queueOwedSarMail();
        if (!(owed as { ok?: unknown })?.ok) deps.logger.warn('SAR mail owed not swept', { result: 'not ok' });
      } catch (error) {
        // The mail already queued is still retried below.
        deps.logger.warn('SAR mail owed not swept', { error: (error as Error).name });
      }
    }
    const tally = await drainQueue(deps.queue, deps.sender, () => deps.now().toISOString());
    const dead = (await deps.queue.dead()).length;
    deps.logger.info('Mail retry', { ...tally, deadLettered: dead });
    deps.metrics.count(METRIC.mailDeadLettered, dead);
    deps.metrics.flush();
    return { ...tally, deadLettered: dead };
  };
}
