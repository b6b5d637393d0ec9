import { describe, expect, it } from 'vitest';
import { CalendarCoverageError, createWorkingCalendar, HolidayDataError } from '#core/sar/calendar.ts';
import { addDays, isoWeekday } from '#core/sar/local-date.ts';
import { englandAndWales, holidayData } from './holidays.ts';

// Written out by hand from the rules and the proclamations, year by year, as the check on the data file.
const EXPECTED: Record<number, string[]> = {
  2018: ['01-01', '03-30', '04-02', '05-07', '05-28', '08-27', '12-25', '12-26'],
  2019: ['01-01', '04-19', '04-22', '05-06', '05-27', '08-26', '12-25', '12-26'],
  // Early May moved to Fri 8 May for VE Day; Boxing Day (Sat) substitute Mon 28 Dec.
  2020: ['01-01', '04-10', '04-13', '05-08', '05-25', '08-31', '12-25', '12-28'],
  // Christmas (Sat) and Boxing Day (Sun) substitutes Mon 27 and Tue 28 Dec.
  2021: ['01-01', '04-02', '04-05', '05-03', '05-31', '08-30', '12-27', '12-28'],
  // New Year (Sat) → Mon 3 Jan; Spring moved to Thu 2 Jun, Platinum Jubilee Fri 3 Jun; State Funeral Mon 19 Sep;
  // Christmas (Sun) substitute Tue 27 Dec after Boxing Day Mon 26 Dec.
  2022: ['01-03', '04-15', '04-18', '05-02', '06-02', '06-03', '08-29', '09-19', '12-26', '12-27'],
  // New Year (Sun) → Mon 2 Jan; Coronation Mon 8 May.
  2023: ['01-02', '04-07', '04-10', '05-01', '05-08', '05-29', '08-28', '12-25', '12-26'],
  2024: ['01-01', '03-29', '04-01', '05-06', '05-27', '08-26', '12-25', '12-26'],
  2025: ['01-01', '04-18', '04-21', '05-05', '05-26', '08-25', '12-25', '12-26'],
  // Boxing Day (Sat) → Mon 28 Dec.
  2026: ['01-01', '04-03', '04-06', '05-04', '05-25', '08-31', '12-25', '12-28'],
  // Christmas (Sat) and Boxing Day (Sun) → Mon 27 and Tue 28 Dec.
  2027: ['01-01', '03-26', '03-29', '05-03', '05-31', '08-30', '12-27', '12-28'],
  // New Year (Sat) → Mon 3 Jan.
  2028: ['01-03', '04-14', '04-17', '05-01', '05-29', '08-28', '12-25', '12-26'],
};

// Easter Sunday, 2018–2028, as published.
const EASTER_SUNDAY: Record<number, string> = {
  2018: '2018-04-01',
  2019: '2019-04-21',
  2020: '2020-04-12',
  2021: '2021-04-04',
  2022: '2022-04-17',
  2023: '2023-04-09',
  2024: '2024-03-31',
  2025: '2025-04-20',
  2026: '2026-04-05',
  2027: '2027-03-28',
  2028: '2028-04-16',
};

/** The anonymous Gregorian algorithm (Meeus/Jones/Butcher), as a second opinion on the table above. */
function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

type FeedEvent = { title: string; date: string; notes: string; bunting: boolean };
const events = (holidayData() as { events: FeedEvent[] }).events;

describe('knowledge/bank-holidays/england-and-wales.json', () => {
  it('covers 2018 to 2028 inclusive for England & Wales', () => {
    const calendar = englandAndWales();
    expect(calendar.division).toBe('england-and-wales');
    expect([calendar.firstYearCovered, calendar.lastYearCovered]).toEqual([2018, 2028]);
  });

  it.each(Object.entries(EXPECTED))('lists exactly the %s bank holidays', (year, days) => {
    const listed = events.filter((e) => e.date.startsWith(`${year}-`)).map((e) => e.date);
    expect(listed).toEqual(days.map((d) => `${year}-${d}`));
  });

  it('is in date order, with no holiday on a weekend (substitute days instead) and the feed fields', () => {
    const dates = events.map((e) => e.date);
    expect(dates).toEqual([...dates].sort());
    for (const event of events) {
      expect(isoWeekday(event.date), event.date).toBeLessThanOrEqual(5);
      expect(Object.keys(event).sort()).toEqual(['bunting', 'date', 'notes', 'title']);
      expect(event.notes === '' || event.notes === 'Substitute day').toBe(true);
    }
    expect(events.filter((e) => e.notes === 'Substitute day').map((e) => e.date)).toEqual([
      '2020-12-28',
      '2021-12-27',
      '2021-12-28',
      '2022-01-03',
      '2022-12-27',
      '2023-01-02',
      '2026-12-28',
      '2027-12-27',
      '2027-12-28',
      '2028-01-03',
    ]);
  });

  it.each(Object.entries(EASTER_SUNDAY))('has Good Friday and Easter Monday around Easter %s', (year, sunday) => {
    expect(easterSunday(Number(year))).toBe(sunday);
    expect(events).toContainEqual(expect.objectContaining({ title: 'Good Friday', date: addDays(sunday, -2) }));
    expect(events).toContainEqual(expect.objectContaining({ title: 'Easter Monday', date: addDays(sunday, 1) }));
  });

  it('has the one-off holidays with their feed titles', () => {
    const titleOn = (date: string) => events.find((e) => e.date === date)?.title;
    expect(titleOn('2020-05-08')).toBe('Early May bank holiday (VE day)');
    expect(titleOn('2022-06-02')).toBe('Spring bank holiday');
    expect(titleOn('2022-06-03')).toBe('Platinum Jubilee bank holiday');
    expect(titleOn('2022-09-19')).toBe('Bank Holiday for the State Funeral of Queen Elizabeth II');
    expect(titleOn('2023-05-08')).toBe('Bank holiday for the coronation of King Charles III');
    // The usual dates those years replaced are working days.
    expect(englandAndWales().isWorkingDay('2020-05-04')).toBe(true);
    expect(englandAndWales().isWorkingDay('2022-05-30')).toBe(true);
  });
});

describe('WorkingCalendar', () => {
  const calendar = englandAndWales();

  it('knows weekends, bank holidays and ordinary weekdays', () => {
    expect(calendar.isWorkingDay('2024-12-24')).toBe(true); // Tue
    expect(calendar.isWorkingDay('2024-12-25')).toBe(false); // Christmas Day
    expect(calendar.isWorkingDay('2024-12-28')).toBe(false); // Sat
    expect(calendar.bankHolidayOn('2022-09-19')?.bunting).toBe(false);
    expect(calendar.bankHolidayOn('2022-09-20')).toBeUndefined();
  });

  it.each([
    ['2024-12-27', '2024-12-27', 'a working day is itself'],
    ['2024-12-25', '2024-12-27', 'Christmas Day 2024 → Fri 27 Dec'],
    ['2021-12-25', '2021-12-29', 'Christmas 2021: Sat, Sun, two substitute days → Wed 29 Dec'],
    ['2027-12-25', '2027-12-29', 'Christmas 2027: the same shape → Wed 29 Dec'],
    ['2024-03-29', '2024-04-02', 'Good Friday 2024 → Tue 2 Apr after Easter Monday'],
    ['2022-06-02', '2022-06-06', 'Jubilee 2022: Thu, Fri, weekend → Mon 6 Jun'],
    ['2028-01-01', '2028-01-04', 'New Year 2028 (Sat): Sun, substitute Mon 3 Jan → Tue 4 Jan'],
  ])('nextWorkingDayOnOrAfter(%s) = %s (%s)', (date, expected) => {
    expect(calendar.nextWorkingDayOnOrAfter(date)).toBe(expected);
  });

  it('will not guess about a year it does not cover', () => {
    expect(calendar.coversDate('2028-12-31')).toBe(true);
    expect(calendar.coversDate('2029-01-01')).toBe(false);
    expect(calendar.coversDate('2017-12-29')).toBe(false);
    // A weekend is never a working day, covered or not; a weekday outside the data is unknown.
    expect(calendar.isWorkingDay('2029-01-06')).toBe(false);
    expect(() => calendar.isWorkingDay('2029-01-02')).toThrow(CalendarCoverageError);
    // Sat 30 Dec 2028 → is Mon 1 Jan 2029 a bank holiday? Only 2029's data can say.
    expect(() => calendar.nextWorkingDayOnOrAfter('2028-12-30')).toThrow(/covers 2018–2028, not 2029-01-01/);
  });
});

describe('malformed holiday data', () => {
  const good = { title: 'Christmas Day', date: '2025-12-25', notes: '', bunting: true };

  it.each([
    ['not an object', 'bank holidays', /not bank-holiday feed data/],
    [
      'the whole multi-division feed',
      { 'england-and-wales': { division: 'england-and-wales', events: [good] } },
      /division/,
    ],
    ['no events array', { division: 'england-and-wales' }, /events/],
    ['an empty events list', { division: 'england-and-wales', events: [] }, /no events/],
    [
      'an impossible date',
      { division: 'england-and-wales', events: [{ ...good, date: '2025-02-30' }] },
      /events\[0\]\.date/,
    ],
    [
      'a date in another format',
      { division: 'england-and-wales', events: [{ ...good, date: '25/12/2025' }] },
      /YYYY-MM-DD/,
    ],
    [
      'a missing title',
      { division: 'england-and-wales', events: [{ date: '2025-12-25', notes: '', bunting: true }] },
      /title/,
    ],
    ['bunting as text', { division: 'england-and-wales', events: [{ ...good, bunting: 'yes' }] }, /bunting/],
  ])('rejects %s with a clear HolidayDataError', (_what, data, message) => {
    expect(() => createWorkingCalendar(data, { source: 'test.json' })).toThrow(HolidayDataError);
    expect(() => createWorkingCalendar(data, { source: 'test.json' })).toThrow(message);
  });

  it('rejects data with a year missing in the middle, which would otherwise pass as a year with no holidays', () => {
    const data = {
      division: 'england-and-wales',
      events: [
        { ...good, date: '2024-12-25' },
        { ...good, date: '2026-12-25' },
      ],
    };
    expect(() => createWorkingCalendar(data)).toThrow(/no bank holidays listed for 2025/);
  });

  it('rejects another division when one is expected', () => {
    const data = { division: 'scotland', events: [{ ...good, title: 'St Andrew’s Day', date: '2025-12-01' }] };
    expect(() => createWorkingCalendar(data, { division: 'england-and-wales' })).toThrow(
      /division is scotland, expected england-and-wales/,
    );
  });

  it('names the source in the message', () => {
    expect(() => createWorkingCalendar({}, { source: 'knowledge/bank-holidays/x.json' })).toThrow(
      /^knowledge\/bank-holidays\/x\.json: /,
    );
  });
});
