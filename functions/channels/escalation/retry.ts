/** The scheduled mail retry: every due mail once; counts only in the logs (the dead-letter count feeds an alarm). */
import type { Logger } from '@aws-lambda-powertools/logger';
import { drainQueue } from '#core/mail-queue.ts';
import type { MailQueue, MailSender } from '#core/ports.ts';

export function createMailRetryHandler(deps: {
  queue: MailQueue;
  sender: MailSender;
  now: () => Date;
  logger: Logger;
}) {
  return async () => {
    const tally = await drainQueue(deps.queue, deps.sender, () => deps.now().toISOString());
    const dead = (await deps.queue.dead()).length;
    deps.logger.info('Mail retry', { ...tally, deadLettered: dead });
    return { ...tally, deadLettered: dead };
  };
}
