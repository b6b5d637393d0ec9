/**
 * Each council's working-day calendar: its nation's bank holidays (the registry's `division`, England & Wales
 * when it gives none), from the GOV.UK-format files in knowledge/bank-holidays/. Built once per container, on
 * first use of each division. Refreshing a file changes the calendar without a code change.
 */
import { DEFAULT_DIVISION, type UkDivision } from '#core/knowledge-schema.ts';
import type { KnowledgeIndex } from '#core/knowledge-index.ts';
import { createWorkingCalendar, type WorkingCalendar } from '#core/sar/calendar.ts';
import englandAndWales from '../../knowledge/bank-holidays/england-and-wales.json' with { type: 'json' };
import northernIreland from '../../knowledge/bank-holidays/northern-ireland.json' with { type: 'json' };
import scotland from '../../knowledge/bank-holidays/scotland.json' with { type: 'json' };

const DATA: Record<UkDivision, unknown> = {
  'england-and-wales': englandAndWales,
  scotland,
  'northern-ireland': northernIreland,
};

const built = new Map<UkDivision, WorkingCalendar>();

/** The calendar of one division; throws HolidayDataError if its file is malformed or is another division's. */
export function divisionCalendar(division: UkDivision): WorkingCalendar {
  let calendar = built.get(division);
  if (!calendar) {
    calendar = createWorkingCalendar(DATA[division], { division, source: `${division}.json` });
    built.set(division, calendar);
  }
  return calendar;
}

/** A council's calendar by its registry division. */
export function councilCalendars(index: Pick<KnowledgeIndex, 'councils'>): (council: string) => WorkingCalendar {
  return (council) => divisionCalendar(index.councils.get(council)?.division ?? DEFAULT_DIVISION);
}
