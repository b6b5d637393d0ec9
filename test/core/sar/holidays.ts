/** The real England & Wales holiday file, read the way an adapter would, for the SAR tests. */
import { readFileSync } from 'node:fs';
import { createWorkingCalendar, type WorkingCalendar } from '#core/sar/calendar.ts';

export const HOLIDAYS_FILE = new URL('../../../knowledge/bank-holidays/england-and-wales.json', import.meta.url);

export function holidayData(): unknown {
  return JSON.parse(readFileSync(HOLIDAYS_FILE, 'utf8'));
}

let calendar: WorkingCalendar | undefined;

export function englandAndWales(): WorkingCalendar {
  calendar ??= createWorkingCalendar(holidayData(), {
    division: 'england-and-wales',
    source: 'knowledge/bank-holidays/england-and-wales.json',
  });
  return calendar;
}
