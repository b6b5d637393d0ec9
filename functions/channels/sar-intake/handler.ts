/**
 * The SAR intake function: the only code that writes SAR cases. Invoked by other functions with the AWS SDK
 * (Lambda Invoke), never over HTTP; the request and response shapes are the shared contract in
 * functions/core/sar/intake-contract.ts. It never throws: every outcome is a typed response.
 */
import { createHash } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import * as z from 'zod/mini';
import { attemptDelivery, enqueueAndSend } from '#core/mail-queue.ts';
import {
  SarConflictError,
  StoreUnavailableError,
  SubmissionConflictError,
  type MailQueue,
  type MailSender,
  type SarCaseStore,
} from '#core/ports.ts';
import type { WorkingCalendar } from '#core/sar/calendar.ts';
import {
  changeStatus,
  extend,
  nextSteps,
  openCase,
  remindersFor,
  SAR_STATUSES,
  SarTransitionError,
  type SarCase,
} from '#core/sar/case.ts';
import { SarDeadlineInputError } from '#core/sar/deadlines.ts';
import {
  fieldErrors,
  ReferenceSchema,
  SarIntakeRequestSchema,
  type SarIntakeRequest,
  type SarIntakeResponse,
} from '#core/sar/intake-contract.ts';
import { owedMail, type CouncilMailboxes, type SarNotificationDelivery } from '#core/sar/notifications.ts';
import { generateReference, normaliseReference, type RandomBytes } from '#core/sar/reference.ts';

export type SarIntakeEvent =
  | { action: 'submit'; request: unknown }
  | { action: 'get'; reference: string }
  | { action: 'change-status'; reference: string; to: string; by: string; why: string; on?: string }
  | { action: 'retry-notifications'; reference: string }
  | { action: 'extend'; reference: string; by: string; reason: string; on?: string }
  | { action: 'list-by-status'; council: string; status: string }
  | { action: 'reminders'; council: string }
  | { action: 'queue-owed-mail' };

/** What the scheduled sweep did: cases whose mail it queued, and marks it cleared for cases that never came to be. */
export type OwedMailResponse =
  { ok: true; queued: number; cleared: number } | Extract<SarIntakeResponse, { ok: false }>;

/** A mark older than this with no case is a submission that failed before its case was written: it is cleared. */
const ORPHAN_MARK_HOURS = 24;

/** `delivery`: where each email the case owes stands in the mail queue (get, retry-notifications, a refusal). */
export type SarCaseResponse =
  { ok: true; case: SarCase; delivery?: SarNotificationDelivery[] } | Extract<SarIntakeResponse, { ok: false }>;
export type SarListResponse = { ok: true; cases: SarCase[] } | Extract<SarIntakeResponse, { ok: false }>;
/** Open cases due within five working days of today, and those overdue (what staff ask for in Teams). */
export type SarRemindersResponse =
  | { ok: true; today: string; horizon: string; overdue: SarCase[]; dueSoon: SarCase[] }
  | Extract<SarIntakeResponse, { ok: false }>;

const ExtendSchema = z.object({
  reference: ReferenceSchema,
  by: z.string().check(z.trim(), z.minLength(1, 'Say who is extending the case.')),
  reason: z.string().check(z.trim(), z.minLength(1, 'Give the reasons for the extension.'), z.maxLength(2000)),
  on: z.optional(z.string()),
});

export interface SarIntakeDependencies {
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
  logger: Logger;
  /** Acknowledgements, DPO notices and refusals are stored in the durable queue, then sent through `sender`. */
  queue: MailQueue;
  sender: MailSender;
  mailboxes: (council: string) => CouncilMailboxes;
}

const ChangeSchema = z.object({
  reference: ReferenceSchema,
  to: z.enum(SAR_STATUSES),
  by: z.string().check(z.trim(), z.minLength(1, 'Say who is making the change.')),
  why: z.string().check(z.trim(), z.minLength(1, 'Say why the status is changing.'), z.maxLength(2000)),
  on: z.optional(z.string()),
});

const invalid = (error: z.core.$ZodError): SarCaseResponse => ({
  ok: false,
  error: { code: 'invalid', message: 'Some answers need correcting.', fields: fieldErrors(error) },
});

/** Every value, keys in order, so the same details always give the same text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/**
 * What a submission says, as a hash: the same form sent again gives the same one. The key itself is left out, and so
 * is the received date when the server stamped it (a resident's form sent again after midnight is the same form).
 */
export function submissionFingerprint(request: SarIntakeRequest): string {
  const { idempotencyKey: _key, receivedOn, ...details } = request;
  const what = request.loggedBy === 'resident' ? details : { ...details, receivedOn };
  return createHash('sha256').update(canonical(what)).digest('base64url');
}

export function createSarIntakeHandler(deps: SarIntakeDependencies) {
  const calendarOf = (council: string): WorkingCalendar =>
    typeof deps.calendar === 'function' ? deps.calendar(council) : deps.calendar;

  async function submit(raw: unknown): Promise<SarIntakeResponse> {
    const parsed = z.safeParse(SarIntakeRequestSchema, raw);
    if (!parsed.success) return invalid(parsed.error) as SarIntakeResponse;
    const request = parsed.data;
    const problem = deps.knows(request.council, request.notice);
    if (problem) return { ok: false, error: { code: 'unknown-context', message: problem } };
    const at = deps.now().toISOString();
    const { case: sar, created } = await deps.store.createOnce(
      request.idempotencyKey,
      (reference) => openCase(request, reference, at, calendarOf(request.council)),
      () => generateReference(deps.randomBytes),
      submissionFingerprint(request),
    );
    // Also on a repeated submission: queuing is idempotent, so mail an earlier failure never queued goes now.
    try {
      await notify(sar);
      await deps.store.mailQueued?.(sar.reference);
    } catch (error) {
      // The case is made and must be reported as made; its mail is queued by the scheduled sweep
      // (queue-owed-mail, which finds the case by the mark createOnce left), a repeated submission or
      // retry-notifications, and `get` shows it as not queued meanwhile.
      deps.logger.warn('SAR notification not queued', { council: sar.council, error: (error as Error).name });
    }
    // No reference or requester detail in logs: a reference is tied to a person.
    deps.logger.info('SAR submitted', { council: sar.council, channel: sar.channel, created });
    return {
      ok: true,
      reference: sar.reference,
      dueDate: sar.deadline.dueDate,
      status: sar.status,
      created,
      nextSteps: nextSteps(sar),
    };
  }

  /**
   * Queues what the case owes (stored before any send; a mail already queued is left as it is) and makes a first
   * attempt at what is new; a failure stays in the queue for the scheduled retry and never blocks the case.
   */
  async function notify(sar: SarCase): Promise<void> {
    const results = await Promise.all(
      owedMail(sar, deps.mailboxes(sar.council), deps.now().toISOString()).map(({ item }) =>
        enqueueAndSend(deps.queue, deps.sender, item, () => deps.now().toISOString()),
      ),
    );
    const pending = results.filter((r) => r && r.status !== 'sent').length;
    if (pending) deps.logger.warn('SAR notification pending', { council: sar.council, pending });
  }

  /** Where each email the case owes stands in the queue. */
  async function delivery(sar: SarCase): Promise<SarNotificationDelivery[]> {
    return Promise.all(
      owedMail(sar, deps.mailboxes(sar.council), deps.now().toISOString()).map(async ({ kind, item }) => {
        const mail = await deps.queue.get(item.id);
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

  /** Staff asked to send now what is still unsent (the scheduled retry would get there on its backoff). */
  async function retry(raw: { reference?: unknown }): Promise<SarCaseResponse> {
    const parsed = z.safeParse(ReferenceSchema, raw.reference);
    if (!parsed.success) return invalid(parsed.error);
    const found = await deps.store.get(normaliseReference(parsed.data)!);
    if (!found) return { ok: false, error: { code: 'unknown-context', message: 'No case with that reference.' } };
    for (const { item } of owedMail(found, deps.mailboxes(found.council), deps.now().toISOString())) {
      const mail = await deps.queue.get(item.id);
      if (mail && mail.status !== 'sent')
        await attemptDelivery(deps.queue, deps.sender, mail, () => deps.now().toISOString());
    }
    await notify(found); // anything owed that was never queued
    return { ok: true, case: found, delivery: await delivery(found) };
  }

  async function change(raw: unknown): Promise<SarCaseResponse> {
    const parsed = z.safeParse(ChangeSchema, raw);
    if (!parsed.success) return invalid(parsed.error);
    const reference = normaliseReference(parsed.data.reference)!;
    const current = await deps.store.get(reference);
    if (!current)
      return { ok: false, error: { code: 'unknown-context', message: `No case with reference ${reference}.` } };
    try {
      const next = changeStatus(
        current,
        {
          to: parsed.data.to,
          by: parsed.data.by,
          why: parsed.data.why,
          at: deps.now().toISOString(),
          on: parsed.data.on ?? deps.today(),
        },
        calendarOf(current.council),
      );
      await deps.store.update(next);
      deps.logger.info('SAR status changed', { council: next.council, from: current.status, to: next.status });
      if (next.status !== 'refused') return { ok: true, case: next };
      await notify(next);
      return { ok: true, case: next, delivery: await delivery(next) };
    } catch (error) {
      if (error instanceof SarTransitionError || error instanceof SarDeadlineInputError) {
        return { ok: false, error: { code: 'invalid', message: error.message } };
      }
      throw error;
    }
  }

  async function extendCase(raw: unknown): Promise<SarCaseResponse> {
    const parsed = z.safeParse(ExtendSchema, raw);
    if (!parsed.success) return invalid(parsed.error);
    const current = await deps.store.get(normaliseReference(parsed.data.reference)!);
    if (!current) return { ok: false, error: { code: 'unknown-context', message: 'No case with that reference.' } };
    try {
      const next = extend(
        current,
        {
          by: parsed.data.by,
          reason: parsed.data.reason,
          at: deps.now().toISOString(),
          on: parsed.data.on ?? deps.today(),
        },
        calendarOf(current.council),
      );
      await deps.store.update(next);
      return { ok: true, case: next };
    } catch (error) {
      if (error instanceof SarTransitionError || error instanceof SarDeadlineInputError) {
        return { ok: false, error: { code: 'invalid', message: error.message } };
      }
      throw error;
    }
  }

  async function listByStatus(raw: { council?: unknown; status?: unknown }): Promise<SarListResponse> {
    const parsed = z.safeParse(
      z.object({ council: z.string().check(z.minLength(1)), status: z.enum(SAR_STATUSES) }),
      raw,
    );
    if (!parsed.success) return invalid(parsed.error) as SarListResponse;
    return { ok: true, cases: await deps.store.listByStatus(parsed.data.council, parsed.data.status) };
  }

  async function reminders(raw: { council?: unknown }): Promise<SarRemindersResponse> {
    const parsed = z.safeParse(z.string().check(z.minLength(1, 'Say which council.')), raw.council);
    if (!parsed.success) return invalid(parsed.error) as SarRemindersResponse;
    const today = deps.today();
    const calendar = calendarOf(parsed.data);
    const { horizon } = remindersFor([], today, calendar);
    const { overdue, dueSoon } = remindersFor(await deps.store.listDueBy(parsed.data, horizon), today, calendar);
    return { ok: true, today, horizon, overdue, dueSoon };
  }

  /**
   * The scheduled sweep (run by the mail retry): every case still marked as owed its mail gets it queued (queuing is
   * idempotent, so a case whose mail was queued after all is sent nothing twice), then its mark is removed.
   */
  async function queueOwedMail(): Promise<OwedMailResponse> {
    if (!deps.store.mailOwed || !deps.store.mailQueued) return { ok: true, queued: 0, cleared: 0 };
    let queued = 0;
    let cleared = 0;
    const orphanedBefore = new Date(deps.now().getTime() - ORPHAN_MARK_HOURS * 3_600_000).toISOString();
    for (const { reference, since } of await deps.store.mailOwed(50)) {
      const found = await deps.store.get(reference);
      if (!found) {
        // A submission that failed before its case was written: it may still be retried, so only an old mark goes.
        if (since < orphanedBefore) {
          await deps.store.mailQueued(reference);
          cleared++;
        }
        continue;
      }
      await notify(found);
      await deps.store.mailQueued(reference);
      queued++;
    }
    if (queued || cleared) deps.logger.info('SAR mail owed queued', { queued, cleared });
    return { ok: true, queued, cleared };
  }

  async function get(raw: { reference?: unknown }): Promise<SarCaseResponse> {
    const parsed = z.safeParse(ReferenceSchema, raw.reference);
    if (!parsed.success) return invalid(parsed.error);
    const found = await deps.store.get(normaliseReference(parsed.data)!);
    return found
      ? { ok: true, case: found, delivery: await delivery(found) }
      : { ok: false, error: { code: 'unknown-context', message: 'No case with that reference.' } };
  }

  return async (
    event: SarIntakeEvent,
  ): Promise<SarIntakeResponse | SarCaseResponse | SarListResponse | SarRemindersResponse | OwedMailResponse> => {
    try {
      switch (event?.action) {
        case 'submit':
          return await submit(event.request);
        case 'change-status':
          return await change(event);
        case 'get':
          return await get(event);
        case 'retry-notifications':
          return await retry(event);
        case 'extend':
          return await extendCase(event);
        case 'list-by-status':
          return await listByStatus(event);
        case 'reminders':
          return await reminders(event);
        case 'queue-owed-mail':
          return await queueOwedMail();
        default:
          return {
            ok: false,
            error: {
              code: 'invalid',
              message:
                'Unknown action: expected submit, get, change-status, extend, list-by-status, reminders, retry-notifications or queue-owed-mail.',
            },
          };
      }
    } catch (error) {
      if (error instanceof SarConflictError || error instanceof SubmissionConflictError)
        return { ok: false, error: { code: 'conflict', message: error.message } };
      if (error instanceof StoreUnavailableError) {
        deps.logger.warn('SAR store unavailable', { error: (error.cause as Error)?.name });
        return { ok: false, error: { code: 'unavailable', message: error.message } };
      }
      deps.logger.error('SAR intake failed', { error: (error as Error).name });
      return {
        ok: false,
        error: { code: 'unavailable', message: 'Sorry, something went wrong. Nothing was saved; please try again.' },
      };
    }
  };
}
