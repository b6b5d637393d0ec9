/**
 * The SAR intake function: the only code that writes SAR cases. Invoked by other functions with the AWS SDK
 * (Lambda Invoke), never over HTTP; the request and response shapes are the shared contract in
 * functions/core/sar/intake-contract.ts. It never throws: every outcome is a typed response.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import * as z from 'zod/mini';
import { SarConflictError, StoreUnavailableError, type MailSender, type SarCaseStore } from '#core/ports.ts';
import type { WorkingCalendar } from '#core/sar/calendar.ts';
import {
  changeStatus,
  extend,
  nextSteps,
  openCase,
  SAR_STATUSES,
  SarTransitionError,
  type SarCase,
} from '#core/sar/case.ts';
import { SarDeadlineInputError } from '#core/sar/deadlines.ts';
import {
  fieldErrors,
  ReferenceSchema,
  SarIntakeRequestSchema,
  type SarIntakeResponse,
} from '#core/sar/intake-contract.ts';
import { caseOpenedMail, deliver, refusalMail, type CouncilMailboxes } from '#core/sar/notifications.ts';
import { generateReference, normaliseReference, type RandomBytes } from '#core/sar/reference.ts';

export type SarIntakeEvent =
  | { action: 'submit'; request: unknown }
  | { action: 'get'; reference: string }
  | { action: 'change-status'; reference: string; to: string; by: string; why: string; on?: string }
  | { action: 'retry-notifications'; reference: string }
  | { action: 'extend'; reference: string; by: string; reason: string; on?: string }
  | { action: 'list-by-status'; council: string; status: string };

export type SarCaseResponse = { ok: true; case: SarCase } | Extract<SarIntakeResponse, { ok: false }>;
export type SarListResponse = { ok: true; cases: SarCase[] } | Extract<SarIntakeResponse, { ok: false }>;

const ExtendSchema = z.object({
  reference: ReferenceSchema,
  by: z.string().check(z.trim(), z.minLength(1, 'Say who is extending the case.')),
  reason: z.string().check(z.trim(), z.minLength(1, 'Give the reasons for the extension.'), z.maxLength(2000)),
  on: z.optional(z.string()),
});

export interface SarIntakeDependencies {
  store: SarCaseStore;
  calendar: WorkingCalendar;
  /** Known councils and notices: a request for anything else is refused. */
  knows: (council: string, notice?: string) => string | undefined;
  randomBytes: RandomBytes;
  now: () => Date;
  /** Today's date in the councils' time zone (Europe/London), as YYYY-MM-DD. */
  today: () => string;
  logger: Logger;
  /** Acknowledgements and DPO notices go out through this port (the local outbox by default). */
  mail: MailSender;
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

export function createSarIntakeHandler(deps: SarIntakeDependencies) {
  async function submit(raw: unknown): Promise<SarIntakeResponse> {
    const parsed = z.safeParse(SarIntakeRequestSchema, raw);
    if (!parsed.success) return invalid(parsed.error) as SarIntakeResponse;
    const request = parsed.data;
    const problem = deps.knows(request.council, request.notice);
    if (problem) return { ok: false, error: { code: 'unknown-context', message: problem } };
    const at = deps.now().toISOString();
    const { case: sar, created } = await deps.store.createOnce(
      request.idempotencyKey,
      (reference) => openCase(request, reference, at, deps.calendar),
      () => generateReference(deps.randomBytes),
    );
    if (created) await notify(sar);
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

  /** Sends what the case owes; a failed send is recorded as pending on the case, never blocking it. */
  async function notify(sar: SarCase): Promise<SarCase> {
    const mailboxes = deps.mailboxes(sar.council);
    const owed = [...caseOpenedMail(sar, mailboxes), ...refusalMail(sar, mailboxes)];
    if (owed.every(({ kind }) => sar.notifications?.some((n) => n.kind === kind && n.status === 'sent'))) return sar;
    const notifications = await deliver(owed, sar.notifications ?? [], deps.mail, deps.now().toISOString());
    const next = { ...sar, notifications, version: sar.version + 1 };
    try {
      await deps.store.update(next);
    } catch (error) {
      if (!(error instanceof SarConflictError)) throw error; // someone else moved the case on: their write stands
    }
    const pending = notifications.filter((n) => n.status === 'pending').length;
    if (pending) deps.logger.warn('SAR notification pending', { council: sar.council, pending });
    return next;
  }

  async function retry(raw: { reference?: unknown }): Promise<SarCaseResponse> {
    const parsed = z.safeParse(ReferenceSchema, raw.reference);
    if (!parsed.success) return invalid(parsed.error);
    const found = await deps.store.get(normaliseReference(parsed.data)!);
    if (!found) return { ok: false, error: { code: 'unknown-context', message: 'No case with that reference.' } };
    return { ok: true, case: await notify(found) };
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
        deps.calendar,
      );
      await deps.store.update(next);
      deps.logger.info('SAR status changed', { council: next.council, from: current.status, to: next.status });
      return { ok: true, case: next.status === 'refused' ? await notify(next) : next };
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
        deps.calendar,
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

  async function get(raw: { reference?: unknown }): Promise<SarCaseResponse> {
    const parsed = z.safeParse(ReferenceSchema, raw.reference);
    if (!parsed.success) return invalid(parsed.error);
    const found = await deps.store.get(normaliseReference(parsed.data)!);
    return found
      ? { ok: true, case: found }
      : { ok: false, error: { code: 'unknown-context', message: 'No case with that reference.' } };
  }

  return async (event: SarIntakeEvent): Promise<SarIntakeResponse | SarCaseResponse | SarListResponse> => {
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
        default:
          return {
            ok: false,
            error: {
              code: 'invalid',
              message:
                'Unknown action: expected submit, get, change-status, extend, list-by-status or retry-notifications.',
            },
          };
      }
    } catch (error) {
      if (error instanceof SarConflictError) return { ok: false, error: { code: 'conflict', message: error.message } };
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
