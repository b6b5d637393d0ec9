/**
 * Statutory deadlines for a subject access request (UK GDPR Art. 12 and 12A as amended by the Data (Use and
 * Access) Act 2025; ICO right of access guidance). See docs/product.md, "Subject access requests".
 *
 * - The clock starts on the latest of: the day the request is received, the day identity evidence we asked
 *   for arrives, the day proof of authority to act for someone else arrives. While evidence we asked for is
 *   awaited the clock has not started (that is not a pause): no dates yet.
 * - One calendar month from that day to the same date next month, counting from the day itself even if it
 *   is a weekend or bank holiday; the last day of the next month if it has no such date.
 * - Clarification stops the clock. Counting, as the statute words it: "the period beginning with the day on
 *   which the controller makes the request and ending with the day on which the controller receives the
 *   information does not count" — both the day we ask and the day the answer arrives are paused days, so a
 *   pause from Mon 10 to Wed 12 March is 3 days (`to − from + 1`). Days before the clock started are never
 *   counted, and a day covered by two recorded pauses counts once. The due date moves by the paused days.
 * - Then, if the date is a weekend or bank holiday, the next working day.
 * - An extension (complex or numerous requests) is three months from the start, plus the same paused days,
 *   then the same month-end and working-day rules. The requester must be told within the first month: that
 *   cut-off is the non-extended due date (pauses move it too).
 */
import * as z from 'zod/mini';
import { CalendarCoverageError, type WorkingCalendar } from './calendar.ts';
import {
  addDays,
  addMonthsClamped,
  compareLocalDates,
  daysBetween,
  isLocalDate,
  latestOf,
  type LocalDate,
} from './local-date.ts';

const LocalDateSchema = z.string().check(z.refine(isLocalDate, { message: 'expected a calendar date YYYY-MM-DD' }));

const SarClockInputSchema = z.object({
  receivedOn: LocalDateSchema,
  identityRequested: z.optional(z.boolean()),
  identityVerifiedOn: z.optional(z.nullable(LocalDateSchema)),
  authorityRequested: z.optional(z.boolean()),
  authorityProvedOn: z.optional(z.nullable(LocalDateSchema)),
  pauses: z.optional(z.array(z.object({ from: LocalDateSchema, to: z.optional(z.nullable(LocalDateSchema)) }))),
  extended: z.optional(
    z.nullable(
      z.object({
        on: LocalDateSchema,
        reason: z.string().check(z.trim(), z.minLength(1, { message: 'an extension needs its reasons' })),
      }),
    ),
  ),
});

/** A clarification: asked on `from`, answered on `to`; no `to` while the answer is awaited. */
export interface SarPause {
  from: LocalDate;
  to?: LocalDate | null;
}

export interface SarClockInput {
  receivedOn: LocalDate;
  /** We asked for proof of identity. Until it arrives the clock has not started. */
  identityRequested?: boolean;
  identityVerifiedOn?: LocalDate | null;
  /** The request is on behalf of someone else and we asked for proof of authority. */
  authorityRequested?: boolean;
  authorityProvedOn?: LocalDate | null;
  pauses?: SarPause[];
  /** Extended by two further months (complex or numerous requests), decided on `on`, for `reason`. */
  extended?: { on: LocalDate; reason: string } | null;
}

export type SarClockStatus = 'running' | 'paused' | 'waiting-for-evidence';

export type DeadlineWarning =
  | {
      /** A date falls in a year the holiday data does not cover: it is left null rather than guessed. */
      code: 'calendar-does-not-cover';
      /** extensionNoticeBy is the due date, so it is null too when this is 'dueDate'. */
      field: 'dueDate' | 'extendedDueDate';
      /** The date before the working-day rule: the deadline is this day or, if it is not a working day, later. */
      dateBeforeWorkingDayRule: LocalDate;
      lastYearCovered: number;
      message: string;
    }
  | { code: 'evidence-not-requested'; evidence: 'identity' | 'authority'; message: string }
  | { code: 'pause-before-clock-start'; pause: SarPause; message: string }
  | { code: 'pause-after-due-date'; pause: SarPause; message: string }
  | { code: 'overlapping-pauses'; message: string }
  | { code: 'extension-notice-late'; extendedOn: LocalDate; noticeBy: LocalDate; message: string };

/** One recorded pause and the days it stopped the clock for. */
export interface CountedPause extends SarPause {
  /** Paused days this pause adds (0 before the clock started, after the due date, or already counted). */
  days: number;
}

export interface SarDeadline {
  /** The latest of received / identity / authority; null while evidence we asked for is awaited. */
  clockStartsOn: LocalDate | null;
  /** Evidence asked for and not yet received. */
  waitingFor: ('identity' | 'authority')[];
  /** One calendar month from the start, month-end rule applied; no pauses, no working-day rule. */
  baseDueDate: LocalDate | null;
  /** Days the clock was stopped by answered clarifications (an open pause is not included). */
  pausedDays: number;
  pauses: CountedPause[];
  /** The open clarification's `from`, if the clock is stopped now. */
  pausedSince: LocalDate | null;
  /**
   * Base + paused days, then the next working day. Null while waiting for evidence, while paused (it moves
   * by days not yet known: recompute when the answer arrives), or beyond the calendar (see warnings).
   */
  dueDate: LocalDate | null;
  /** Three calendar months from the start + paused days, then the next working day; null unless extended (and,
   * like dueDate, while waiting, paused or beyond the calendar). */
  extendedDueDate: LocalDate | null;
  /** The last day to tell the requester of an extension, with reasons: the non-extended due date. */
  extensionNoticeBy: LocalDate | null;
  status: SarClockStatus;
  warnings: DeadlineWarning[];
}

/** The input is malformed or contradictory: the message says how. */
export class SarDeadlineInputError extends Error {
  override name = 'SarDeadlineInputError';
}

interface Span {
  from: LocalDate;
  /** Inclusive; null = still open. */
  to: LocalDate | null;
}

type ClockInput = z.infer<typeof SarClockInputSchema>;

export function computeDeadline(input: SarClockInput, calendar: WorkingCalendar): SarDeadline {
  const parsed = z.safeParse(SarClockInputSchema, input);
  if (!parsed.success) throw new SarDeadlineInputError(`SAR deadline input: ${z.prettifyError(parsed.error)}`);
  const { receivedOn, extended } = parsed.data;
  const pauses: SarPause[] = (parsed.data.pauses ?? []).map((p) => ({ from: p.from, to: p.to ?? null }));
  validatePauses(receivedOn, pauses);

  const warnings: DeadlineWarning[] = [];
  const { starts, waitingFor } = evidenceStarts(parsed.data, warnings);
  if (waitingFor.length > 0) {
    return {
      clockStartsOn: null,
      waitingFor,
      baseDueDate: null,
      pausedDays: 0,
      pauses: pauses.map((p) => ({ ...p, days: 0 })),
      pausedSince: null,
      dueDate: null,
      extendedDueDate: null,
      extensionNoticeBy: null,
      status: 'waiting-for-evidence',
      warnings,
    };
  }

  const clockStartsOn = latestOf(receivedOn, ...starts);
  const baseDueDate = addMonthsClamped(clockStartsOn, 1);
  const extendedBase = addMonthsClamped(clockStartsOn, 3);
  const deadlineBase = extended ? extendedBase : baseDueDate;
  const { counted, countedDays, pausedSince } = countPauses(pauses, clockStartsOn, deadlineBase, calendar, warnings);
  const status: SarClockStatus = pausedSince !== null ? 'paused' : 'running';
  const dates =
    status === 'running'
      ? dueDates({ baseDueDate, extendedBase, counted, extended }, calendar, warnings)
      : { dueDate: null, extendedDueDate: null, extensionNoticeBy: null };

  return {
    clockStartsOn,
    waitingFor,
    baseDueDate,
    pausedDays: counted,
    pauses: pauses.map((p, i) => ({ ...p, days: countedDays[i]! })),
    pausedSince,
    ...dates,
    status,
    warnings,
  };
}

/**
 * Where the clock can start: the day received, and each piece of evidence we asked for once it arrived; what is
 * asked for and not yet here. Evidence moves the start only if we asked for it: given a date, we take it that we
 * asked, unless told not.
 */
function evidenceStarts(
  input: ClockInput,
  warnings: DeadlineWarning[],
): { starts: LocalDate[]; waitingFor: SarDeadline['waitingFor'] } {
  const { receivedOn, identityVerifiedOn, authorityProvedOn } = input;
  const identityRequested = input.identityRequested ?? identityVerifiedOn != null;
  const authorityRequested = input.authorityRequested ?? authorityProvedOn != null;
  const starts: LocalDate[] = [receivedOn];
  const waitingFor: SarDeadline['waitingFor'] = [];
  for (const [evidence, requested, arrivedOn] of [
    ['identity', identityRequested, identityVerifiedOn],
    ['authority', authorityRequested, authorityProvedOn],
  ] as const) {
    if (requested && arrivedOn == null) waitingFor.push(evidence);
    else if (requested && arrivedOn != null) starts.push(arrivedOn);
    else if (arrivedOn != null) {
      warnings.push({
        code: 'evidence-not-requested',
        evidence,
        message: `${evidence} evidence arriving on ${arrivedOn} does not move the start: it was not asked for`,
      });
    }
  }
  return { starts, waitingFor };
}

/**
 * Counts pauses in order of asking. `counted` holds the paused days so far, `coveredTo` the last day already
 * counted, so overlapping records do not count a day twice. `deadlineBase`: the due date before pauses and the
 * working-day rule (the extended one when extended), to tell a pause asked after the deadline.
 */
function countPauses(
  pauses: SarPause[],
  clockStartsOn: LocalDate,
  deadlineBase: LocalDate,
  calendar: WorkingCalendar,
  warnings: DeadlineWarning[],
): { counted: number; countedDays: number[]; pausedSince: LocalDate | null } {
  const order = pauses.map((_, i) => i).sort((a, b) => compareLocalDates(pauses[a]!.from, pauses[b]!.from));
  const countedDays = new Array<number>(pauses.length).fill(0);
  let counted = 0;
  let coveredTo: LocalDate | null = null;
  let pausedSince: LocalDate | null = null;
  for (const i of order) {
    const pause = pauses[i]!;
    const span: Span = { from: pause.from, to: pause.to ?? null };
    if (span.to !== null && compareLocalDates(span.to, clockStartsOn) < 0) {
      warnings.push({
        code: 'pause-before-clock-start',
        pause,
        message: `the clarification from ${span.from} to ${span.to} ended before the clock started on ${clockStartsOn}: no days to stop`,
      });
      continue;
    }
    if (compareLocalDates(span.from, clockStartsOn) < 0) {
      warnings.push({
        code: 'pause-before-clock-start',
        pause,
        message: `the clarification asked on ${span.from} is counted from ${clockStartsOn}, when the clock started`,
      });
      span.from = clockStartsOn;
    }
    // A pause asked for after the deadline had passed cannot revive it.
    const deadlineSoFar = onOrAfterWorkingDay(addDays(deadlineBase, counted), calendar);
    if (compareLocalDates(span.from, deadlineSoFar) > 0) {
      warnings.push({
        code: 'pause-after-due-date',
        pause,
        message: `the clarification asked on ${pause.from} came after the deadline of ${deadlineSoFar}: not counted`,
      });
      continue;
    }
    if (coveredTo !== null && compareLocalDates(span.from, coveredTo) <= 0) {
      warnings.push({
        code: 'overlapping-pauses',
        message: `the clarification asked on ${pause.from} overlaps an earlier one: shared days count once`,
      });
      span.from = addDays(coveredTo, 1);
    }
    if (span.to === null) {
      pausedSince = pause.from;
      continue;
    }
    if (compareLocalDates(span.to, span.from) < 0) continue; // wholly inside an earlier pause
    const days = daysBetween(span.from, span.to) + 1;
    countedDays[i] = days;
    counted += days;
    coveredTo = span.to;
  }
  // validatePauses ensures an open pause is the last one asked, so nothing is counted after it.
  return { counted, countedDays, pausedSince };
}

/** A running clock's dates: base + paused days, then the working-day rule; the extended one too when extended. */
function dueDates(
  clock: { baseDueDate: LocalDate; extendedBase: LocalDate; counted: number; extended: ClockInput['extended'] },
  calendar: WorkingCalendar,
  warnings: DeadlineWarning[],
): Pick<SarDeadline, 'dueDate' | 'extendedDueDate' | 'extensionNoticeBy'> {
  const { baseDueDate, extendedBase, counted, extended } = clock;
  const dueDate = toWorkingDay(addDays(baseDueDate, counted), 'dueDate', calendar, warnings);
  let extendedDueDate: LocalDate | null = null;
  if (extended) {
    extendedDueDate = toWorkingDay(addDays(extendedBase, counted), 'extendedDueDate', calendar, warnings);
    if (dueDate !== null && compareLocalDates(extended.on, dueDate) > 0) {
      warnings.push({
        code: 'extension-notice-late',
        extendedOn: extended.on,
        noticeBy: dueDate,
        message: `the extension was recorded on ${extended.on}, after the ${dueDate} cut-off for telling the requester`,
      });
    }
  }
  return { dueDate, extendedDueDate, extensionNoticeBy: dueDate };
}

/**
 * The date by which a complaint about our handling of personal data must be acknowledged (Data Protection Act
 * 2018 s.164A, from 19 June 2026): 30 days, counted from the day after it is received, as plain calendar days
 * (no working-day rule, so never later than the statutory date).
 */
export function complaintAcknowledgeBy(receivedOn: LocalDate): LocalDate {
  if (!isLocalDate(receivedOn)) {
    throw new SarDeadlineInputError(`complaint received on: not a calendar date ${JSON.stringify(receivedOn)}`);
  }
  return addDays(receivedOn, 30);
}

function validatePauses(receivedOn: LocalDate, pauses: SarPause[]): void {
  const open = pauses.filter((p) => p.to == null);
  if (open.length > 1) {
    throw new SarDeadlineInputError(
      `more than one clarification awaiting an answer (asked ${open.map((p) => p.from).join(', ')})`,
    );
  }
  for (const pause of pauses) {
    if (compareLocalDates(pause.from, receivedOn) < 0) {
      throw new SarDeadlineInputError(
        `clarification asked on ${pause.from}, before the request was received on ${receivedOn}`,
      );
    }
    if (pause.to != null && compareLocalDates(pause.to, pause.from) < 0) {
      throw new SarDeadlineInputError(`clarification answered on ${pause.to}, before it was asked on ${pause.from}`);
    }
    if (open[0] && pause !== open[0] && compareLocalDates(pause.from, open[0].from) >= 0) {
      throw new SarDeadlineInputError(
        `clarification asked on ${pause.from} while the one asked on ${open[0].from} is still awaiting an answer`,
      );
    }
  }
}

/** The working-day rule, or null plus a warning when the calendar cannot tell. */
function toWorkingDay(
  date: LocalDate,
  field: 'dueDate' | 'extendedDueDate',
  calendar: WorkingCalendar,
  warnings: DeadlineWarning[],
): LocalDate | null {
  try {
    return calendar.nextWorkingDayOnOrAfter(date);
  } catch (error) {
    if (!(error instanceof CalendarCoverageError)) throw error;
    warnings.push({
      code: 'calendar-does-not-cover',
      field,
      dateBeforeWorkingDayRule: date,
      lastYearCovered: calendar.lastYearCovered,
      message: `${field}: ${date} or the next working day, but the bank-holiday calendar ends with ${calendar.lastYearCovered}: refresh knowledge/bank-holidays`,
    });
    return null;
  }
}

/** For comparisons only: the working-day rule where the calendar covers it, else the date itself (earlier, so stricter). */
function onOrAfterWorkingDay(date: LocalDate, calendar: WorkingCalendar): LocalDate {
  try {
    return calendar.nextWorkingDayOnOrAfter(date);
  } catch (error) {
    if (error instanceof CalendarCoverageError) return date;
    throw error;
  }
}
