/**
 * The scheduled reminders: per council, open SAR cases due within five working days and those overdue.
 * It reads through the store port (it never writes) and returns the digest; sending it to the DPO mailbox
 * and to Teams comes with the escalation and Teams issues. No personal data in its logs: counts only. The total
 * overdue across councils is the SarsOverdue metric, on every run (0 included), for the alarm.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { SarCaseStore, TeamsChannelStore, TeamsPoster } from '#core/ports.ts';
import type { WorkingCalendar } from '#core/sar/calendar.ts';
import { bindingDueDate, remindersFor, type SarCase } from '#core/sar/case.ts';
import { METRIC, type MetricsPort } from '#shared/metrics.ts';

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
  /** Where a council's list is posted: its information-governance Teams channel, when the bot was added to one. */
  teams?: { channels: Pick<TeamsChannelStore, 'get'>; poster: TeamsPoster };
  /** Per council (its nation's bank holidays), or one calendar for every council. */
  calendar: WorkingCalendar | ((council: string) => WorkingCalendar);
  councils: () => string[];
  today: () => string;
  logger: Logger;
  metrics: MetricsPort;
}

const line = (c: SarCase): ReminderLine => ({ reference: c.reference, status: c.status, dueDate: bindingDueDate(c)! });

export function createRemindersHandler(deps: RemindersDependencies) {
  const post = deps.teams && postToTeams(deps.teams.channels, deps.teams.poster);
  return async (): Promise<CouncilReminders[]> => {
    const today = deps.today();
    const digests: CouncilReminders[] = [];
    for (const council of deps.councils()) {
      const calendar = typeof deps.calendar === 'function' ? deps.calendar(council) : deps.calendar;
      const { horizon } = remindersFor([], today, calendar);
      const { overdue, dueSoon } = remindersFor(await deps.store.listDueBy(council, horizon), today, calendar);
      const digest = { council, today, horizon, overdue: overdue.map(line), dueSoon: dueSoon.map(line) };
      digests.push(digest);
      let posted = false;
      try {
        posted = (await post?.(council, remindersText(digest))) ?? false;
      } catch (error) {
        // One council's Teams failing must not stop the others' reminders.
        deps.logger.warn('SAR reminders not posted to Teams', { council, error: (error as Error).name });
      }
      deps.logger.info('SAR reminders', { council, overdue: overdue.length, dueSoon: dueSoon.length, posted });
    }
    // Only after every council was read: a partial total would look like good news. A run that fails emits
    // nothing: a missing datapoint (and the function's Errors metric) is what shows it.
    deps.metrics.count(
      METRIC.sarsOverdue,
      digests.reduce((total, d) => total + d.overdue.length, 0),
    );
    deps.metrics.flush();
    return digests;
  };
}

/** The daily post to the information-governance channel: references, status and due dates only. */
export function remindersText(digest: CouncilReminders): string {
  const lines = (items: ReminderLine[]) => items.map((i) => `- ${i.reference}: ${i.status}, due ${i.dueDate}`);
  return [
    `**SARs on ${digest.today}**`,
    digest.overdue.length ? `**Overdue: ${digest.overdue.length}**` : 'Overdue: none.',
    ...lines(digest.overdue),
    digest.dueSoon.length
      ? `**Due by ${digest.horizon}: ${digest.dueSoon.length}**`
      : `Due by ${digest.horizon}: none.`,
    ...lines(digest.dueSoon),
  ].join('\n\n');
}

/** Posts a council's list to its stored channel; false when the bot was not added to one. */
function postToTeams(channels: Pick<TeamsChannelStore, 'get'>, poster: TeamsPoster) {
  return async (council: string, text: string): Promise<boolean> => {
    const reference = await channels.get(council);
    if (!reference) return false;
    await poster.post(reference, text);
    return true;
  };
}
