/**
 * The scheduled reminders: per council, open SAR cases due within five working days and those overdue.
 * It reads through the store port (it never writes) and returns the digest; sending it to the DPO mailbox
 * and to Teams comes with the escalation and Teams issues. No personal data in its logs: counts only.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { SarCaseStore } from '#core/ports.ts';
import type { WorkingCalendar } from '#core/sar/calendar.ts';
import { bindingDueDate, remindersFor, type SarCase } from '#core/sar/case.ts';

export interface ReminderLine {
  reference: string;
  status: string;
  dueDate: string;
}

export interface CouncilReminders {
  council: string;
  today: string;
  horizon: string;
  overdue: ReminderLine[];
  dueSoon: ReminderLine[];
}

export interface RemindersDependencies {
  store: Pick<SarCaseStore, 'listDueBy'>;
  calendar: WorkingCalendar;
  councils: () => string[];
  today: () => string;
  logger: Logger;
}

const line = (c: SarCase): ReminderLine => ({ reference: c.reference, status: c.status, dueDate: bindingDueDate(c)! });

export function createRemindersHandler(deps: RemindersDependencies) {
  return async (): Promise<CouncilReminders[]> => {
    const today = deps.today();
    const digests: CouncilReminders[] = [];
    for (const council of deps.councils()) {
      const { horizon } = remindersFor([], today, deps.calendar);
      const { overdue, dueSoon } = remindersFor(await deps.store.listDueBy(council, horizon), today, deps.calendar);
      digests.push({ council, today, horizon, overdue: overdue.map(line), dueSoon: dueSoon.map(line) });
      deps.logger.info('SAR reminders', { council, overdue: overdue.length, dueSoon: dueSoon.length });
    }
    return digests;
  };
}
