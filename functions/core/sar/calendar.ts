/**
 * Working days for statutory deadlines, from bank-holiday data in the GOV.UK feed format
 * (https://www.gov.uk/bank-holidays.json, one division: `{"division":"england-and-wales","events":[…]}`).
 *
 * The data is passed in (the core reads no files): an adapter loads knowledge/bank-holidays/*.json, so a
 * refreshed file changes the calendar without a code change. A date in a year the data does not cover is
 * never guessed at: asking whether it is a working day throws a CalendarCoverageError.
 */
import * as z from 'zod/mini';
import { addDays, isLocalDate, isWeekend, yearOf, type LocalDate } from './local-date.ts';

const LocalDateSchema = z.string().check(z.refine(isLocalDate, { message: 'expected a calendar date YYYY-MM-DD' }));

const BankHolidayEventSchema = z.object({
  title: z.string().check(z.minLength(1)),
  date: LocalDateSchema,
  notes: z.string(),
  bunting: z.boolean(),
});

const BankHolidayFeedSchema = z.object({
  division: z.string().check(z.minLength(1)),
  events: z.array(BankHolidayEventSchema).check(z.minLength(1, { message: 'no events: the file covers no year' })),
});

export type BankHolidayEvent = z.infer<typeof BankHolidayEventSchema>;
export type BankHolidayFeed = z.infer<typeof BankHolidayFeedSchema>;

/** The holiday data is malformed: the message says where. */
export class HolidayDataError extends Error {
  override name = 'HolidayDataError';
}

/** The calendar cannot say whether `date` is a working day: its year is outside the data. */
export class CalendarCoverageError extends RangeError {
  override name = 'CalendarCoverageError';
  constructor(
    readonly date: LocalDate,
    readonly firstYearCovered: number,
    readonly lastYearCovered: number,
  ) {
    super(`The bank-holiday calendar covers ${firstYearCovered}–${lastYearCovered}, not ${date}`);
  }
}

export interface WorkingCalendar {
  /** The feed's division, e.g. 'england-and-wales'. */
  readonly division: string;
  readonly firstYearCovered: number;
  readonly lastYearCovered: number;
  /** Whether the data covers the year of `date` (every year from the first to the last listed). */
  coversDate(date: LocalDate): boolean;
  /** The bank holiday on `date`, if any. Throws CalendarCoverageError outside the covered years. */
  bankHolidayOn(date: LocalDate): BankHolidayEvent | undefined;
  /**
   * Monday to Friday and not a bank holiday. A weekend is never a working day, covered or not; a weekday
   * outside the covered years throws CalendarCoverageError.
   */
  isWorkingDay(date: LocalDate): boolean;
  /** `date` itself if it is a working day, else the next one. Throws CalendarCoverageError if it has to look
   * at a weekday the data does not cover (Sat 30 Dec 2028 → is Mon 1 Jan 2029 a holiday? unknown). */
  nextWorkingDayOnOrAfter(date: LocalDate): LocalDate;
}

export interface CalendarOptions {
  /** Where the data came from, named in errors (e.g. the file path). */
  source?: string;
  /** Reject data for another division (e.g. a Scotland file loaded by mistake). */
  division?: string;
}

/** Validates feed-format data and builds a calendar from it; throws HolidayDataError if it is malformed. */
export function createWorkingCalendar(data: unknown, options: CalendarOptions = {}): WorkingCalendar {
  const where = options.source ? `${options.source}: ` : '';
  const parsed = z.safeParse(BankHolidayFeedSchema, data);
  if (!parsed.success) {
    throw new HolidayDataError(`${where}not bank-holiday feed data: ${z.prettifyError(parsed.error)}`);
  }
  const feed = parsed.data;
  if (options.division !== undefined && feed.division !== options.division) {
    throw new HolidayDataError(`${where}division is ${feed.division}, expected ${options.division}`);
  }

  const byDate = new Map<LocalDate, BankHolidayEvent>();
  const years = new Set<number>();
  for (const event of feed.events) {
    if (!byDate.has(event.date)) byDate.set(event.date, event);
    years.add(yearOf(event.date));
  }
  const firstYearCovered = Math.min(...years);
  const lastYearCovered = Math.max(...years);
  // A year with no bank holidays at all means the data was cut, not that the year has none.
  for (let year = firstYearCovered; year <= lastYearCovered; year++) {
    if (!years.has(year)) {
      throw new HolidayDataError(
        `${where}no bank holidays listed for ${year}, between ${firstYearCovered} and ${lastYearCovered}: the data looks incomplete`,
      );
    }
  }

  const coversDate = (date: LocalDate): boolean => {
    const year = yearOf(date);
    return year >= firstYearCovered && year <= lastYearCovered;
  };
  const bankHolidayOn = (date: LocalDate): BankHolidayEvent | undefined => {
    if (!coversDate(date)) throw new CalendarCoverageError(date, firstYearCovered, lastYearCovered);
    return byDate.get(date);
  };
  const isWorkingDay = (date: LocalDate): boolean => !isWeekend(date) && bankHolidayOn(date) === undefined;

  return {
    division: feed.division,
    firstYearCovered,
    lastYearCovered,
    coversDate,
    bankHolidayOn,
    isWorkingDay,
    nextWorkingDayOnOrAfter(date) {
      let day = date;
      // A run of non-working days is at most a few days long (a weekend plus Christmas and Boxing Day).
      while (!isWorkingDay(day)) day = addDays(day, 1);
      return day;
    },
  };
}
