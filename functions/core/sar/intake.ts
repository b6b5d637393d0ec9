/**
 * The SAR intake use cases: one function per action of the SAR intake function, each taking the ports it needs
 * and returning a domain outcome (the channel, functions/channels/sar-intake/handler.ts, validates the event and
 * maps the outcome to the intake contract's response). Ports throw their own errors (SarConflictError,
 * SubmissionConflictError, StoreUnavailableError); those go to the caller as they are.
 */
import { attemptDelivery, enqueueAndSend } from '../mail-queue.ts';
import type { Log, MailQueue, MailSender, SarCaseStore } from '../ports.ts';
import type { WorkingCalendar } from './calendar.ts';
import {
  changeStatus,
  extend,
  openCase,
  remindersFor,
  SarTransitionError,
  type SarCase,
  type SarStatus,
} from './case.ts';
import { SarDeadlineInputError } from './deadlines.ts';
import type { SarIntakeRequest } from './intake-contract.ts';
import type { LocalDate } from './local-date.ts';
import { owedMail, type CouncilMailboxes, type SarNotificationDelivery } from './notifications.ts';
import { generateReference, type RandomBytes } from './reference.ts';

/** Everything the SAR intake needs from outside; each use case takes the part of it that it uses. */
export interface SarIntakePorts {
  store: SarCaseStore;
  /**
   * Working days for deadlines: per council (its nation's bank holidays, see functions/shared/calendars.ts), or one
   * calendar for every council.
   */
  calendar: WorkingCalendar | ((council: string) => WorkingCalendar);
  /** Known councils and notices: a request for anything else is refused. */
  knows: (council: string, notice?: string) => string | undefined;
  randomBytes: RandomBytes;
  now: () => Date;
  /** Today's date in the councils' time zone (Europe/London), as YYYY-MM-DD. */
  today: () => string;
  logger: Log;
  /** Acknowledgements, DPO notices and refusals are stored in the durable queue, then sent through `sender`. */
  queue: MailQueue;
  sender: MailSender;
  mailboxes: (council: string) => CouncilMailboxes;
}

/** What queuing and reporting a case's mail needs. */
export type SarMailPorts = Pick<SarIntakePorts, 'queue' | 'sender' | 'mailboxes' | 'now' | 'logger'>;

/** A case that is not there; `reference` is the normalised one asked for. */
export type NotFound = { outcome: 'not-found'; reference: string };
/** A change the case's rules refuse (a transition not allowed, a date out of range), in words for staff. */
export type Refused = { outcome: 'refused'; message: string };
export type CaseWithDelivery = { outcome: 'found'; case: SarCase; delivery: SarNotificationDelivery[] };

export type SubmitOutcome =
  { outcome: 'unknown-context'; message: string } | { outcome: 'submitted'; case: SarCase; created: boolean };
export type ChangeOutcome =
  NotFound | Refused | { outcome: 'changed'; case: SarCase; delivery?: SarNotificationDelivery[] };
export type ExtendOutcome = NotFound | Refused | { outcome: 'extended'; case: SarCase };
export interface DueReminders {
  today: string;
  horizon: string;
  overdue: SarCase[];
  dueSoon: SarCase[];
}
export interface OwedMailSwept {
  queued: number;
  cleared: number;
}

export function calendarOf(ports: Pick<SarIntakePorts, 'calendar'>, council: string): WorkingCalendar {
  return typeof ports.calendar === 'function' ? ports.calendar(council) : ports.calendar;
}

/**
 * Queues what the case owes (stored before any send; a mail already queued is left as it is) and makes a first
 * attempt at what is new; a failure stays in the queue for the scheduled retry and never blocks the case.
 */
export async function notify(ports: SarMailPorts, sar: SarCase): Promise<void> {
  const results = await Promise.all(
    owedMail(sar, ports.mailboxes(sar.council), ports.now().toISOString()).map(({ item }) =>
      enqueueAndSend(ports.queue, ports.sender, item, () => ports.now().toISOString()),
    ),
  );
  const pending = results.filter((r) => r && r.status !== 'sent').length;
  if (pending) ports.logger.warn('SAR notification pending', { council: sar.council, pending });
}

/** Where each email the case owes stands in the queue. */
export async function delivery(
  ports: Pick<SarIntakePorts, 'queue' | 'mailboxes' | 'now'>,
  sar: SarCase,
): Promise<SarNotificationDelivery[]> {
  return Promise.all(
    owedMail(sar, ports.mailboxes(sar.council), ports.now().toISOString()).map(async ({ kind, item }) => {
      const mail = await ports.queue.get(item.id);
      const base = { kind, to: item.mail.to, mailId: item.id };
      if (!mail) return { ...base, status: 'not-queued' as const, attempts: 0 };
      return {
        ...base,
        status: mail.status,
        attempts: mail.attempts,
        ...(mail.lastError ? { lastError: mail.lastError } : {}),
      };
    }),
  );
}

/**
 * Opens the case for a valid request once per idempotency key (`fingerprint`: what was submitted, so the key sent
 * again with other details is a SubmissionConflictError from the store) and queues its mail.
 */
export async function submitRequest(
  ports: Pick<SarIntakePorts, 'store' | 'knows' | 'calendar' | 'randomBytes'> & SarMailPorts,
  request: SarIntakeRequest,
  fingerprint: string,
): Promise<SubmitOutcome> {
  const problem = ports.knows(request.council, request.notice);
  if (problem) return { outcome: 'unknown-context', message: problem };
  const at = ports.now().toISOString();
  const { case: sar, created } = await ports.store.createOnce(
    request.idempotencyKey,
    (reference) => openCase(request, reference, at, calendarOf(ports, request.council)),
    () => generateReference(ports.randomBytes),
    fingerprint,
  );
  // Also on a repeated submission: queuing is idempotent, so mail an earlier failure never queued goes now.
  try {
    await notify(ports, sar);
    await ports.store.mailQueued?.(sar.reference);
  } catch (error) {
    // The case is made and must be reported as made; its mail is queued by the scheduled sweep
    // (queue-owed-mail, which finds the case by the mark createOnce left), a repeated submission or
    // retry-notifications, and `get` shows it as not queued meanwhile.
    ports.logger.warn('SAR notification not queued', { council: sar.council, error: (error as Error).name });
  }
  // No reference or requester detail in logs: a reference is tied to a person.
  ports.logger.info('SAR submitted', { council: sar.council, channel: sar.channel, created });
  return { outcome: 'submitted', case: sar, created };
}

/** A case and where its mail stands. `reference` is normalised. */
export async function getCase(
  ports: Pick<SarIntakePorts, 'store' | 'queue' | 'mailboxes' | 'now'>,
  reference: string,
): Promise<NotFound | CaseWithDelivery> {
  const found = await ports.store.get(reference);
  return found
    ? { outcome: 'found', case: found, delivery: await delivery(ports, found) }
    : { outcome: 'not-found', reference };
}

/** Staff asked to send now what is still unsent (the scheduled retry would get there on its backoff). */
export async function retryNotifications(
  ports: Pick<SarIntakePorts, 'store'> & SarMailPorts,
  reference: string,
): Promise<NotFound | CaseWithDelivery> {
  const found = await ports.store.get(reference);
  if (!found) return { outcome: 'not-found', reference };
  for (const { item } of owedMail(found, ports.mailboxes(found.council), ports.now().toISOString())) {
    const mail = await ports.queue.get(item.id);
    if (mail && mail.status !== 'sent')
      await attemptDelivery(ports.queue, ports.sender, mail, () => ports.now().toISOString());
  }
  await notify(ports, found); // anything owed that was never queued
  return { outcome: 'found', case: found, delivery: await delivery(ports, found) };
}

/** A change of status by staff (`on`: the date it takes effect, today when absent); a refusal sends its letter. */
export async function changeCaseStatus(
  ports: Pick<SarIntakePorts, 'store' | 'calendar' | 'today'> & SarMailPorts,
  change: { reference: string; to: SarStatus; by: string; why: string; on?: string },
): Promise<ChangeOutcome> {
  const current = await ports.store.get(change.reference);
  if (!current) return { outcome: 'not-found', reference: change.reference };
  const next = refusedOr(() =>
    changeStatus(
      current,
      { to: change.to, by: change.by, why: change.why, at: ports.now().toISOString(), on: change.on ?? ports.today() },
      calendarOf(ports, current.council),
    ),
  );
  if ('outcome' in next) return next;
  await ports.store.update(next);
  ports.logger.info('SAR status changed', { council: next.council, from: current.status, to: next.status });
  if (next.status !== 'refused') return { outcome: 'changed', case: next };
  await notify(ports, next);
  return { outcome: 'changed', case: next, delivery: await delivery(ports, next) };
}

/** Extends the time limit by two further months (complex or numerous requests), with the reasons recorded. */
export async function extendCase(
  ports: Pick<SarIntakePorts, 'store' | 'calendar' | 'today' | 'now'>,
  extension: { reference: string; by: string; reason: string; on?: string },
): Promise<ExtendOutcome> {
  const current = await ports.store.get(extension.reference);
  if (!current) return { outcome: 'not-found', reference: extension.reference };
  const next = refusedOr(() =>
    extend(
      current,
      { by: extension.by, reason: extension.reason, at: ports.now().toISOString(), on: extension.on ?? ports.today() },
      calendarOf(ports, current.council),
    ),
  );
  if ('outcome' in next) return next;
  await ports.store.update(next);
  return { outcome: 'extended', case: next };
}

/** A council's cases in one status, soonest due first. */
export async function listCasesByStatus(
  ports: Pick<SarIntakePorts, 'store'>,
  council: string,
  status: SarStatus,
): Promise<SarCase[]> {
  return ports.store.listByStatus(council, status);
}

/** Open cases due within five working days of today, and those overdue (what staff ask for in Teams). */
export async function dueReminders(
  ports: Pick<SarIntakePorts, 'store' | 'calendar' | 'today'>,
  council: string,
): Promise<DueReminders> {
  const today: LocalDate = ports.today();
  const calendar = calendarOf(ports, council);
  const { horizon } = remindersFor([], today, calendar);
  const { overdue, dueSoon } = remindersFor(await ports.store.listDueBy(council, horizon), today, calendar);
  return { today, horizon, overdue, dueSoon };
}

/**
 * The scheduled sweep (run by the mail retry): every case still marked as owed its mail gets it queued (queuing is
 * idempotent, so a case whose mail was queued after all is sent nothing twice), then its mark is removed. A mark
 * with no case, set before `orphanedBefore` (an ISO instant), is a submission that failed before its case was
 * written and will not be retried now: it is cleared.
 */
export async function queueOwedMail(
  ports: Pick<SarIntakePorts, 'store'> & SarMailPorts,
  orphanedBefore: string,
): Promise<OwedMailSwept> {
  const { store } = ports;
  if (!store.mailOwed || !store.mailQueued) return { queued: 0, cleared: 0 };
  let queued = 0;
  let cleared = 0;
  for (const { reference, since } of await store.mailOwed(50)) {
    const found = await store.get(reference);
    if (!found) {
      // A submission that failed before its case was written: it may still be retried, so only an old mark goes.
      if (since < orphanedBefore) {
        await store.mailQueued(reference);
        cleared++;
      }
      continue;
    }
    await notify(ports, found);
    await store.mailQueued(reference);
    queued++;
  }
  if (queued || cleared) ports.logger.info('SAR mail owed queued', { queued, cleared });
  return { queued, cleared };
}

/** The case's rules as an outcome: a transition or date they refuse becomes Refused, anything else is thrown. */
function refusedOr(apply: () => SarCase): SarCase | Refused {
  try {
    return apply();
  } catch (error) {
    if (error instanceof SarTransitionError || error instanceof SarDeadlineInputError)
      return { outcome: 'refused', message: error.message };
    throw error;
  }
}
