/**
 * The SAR intake function: the only code that writes SAR cases. Invoked by other functions with the AWS SDK
 * (Lambda Invoke), never over HTTP; the request and response shapes are the shared contract in
 * functions/core/sar/intake-contract.ts. A short dispatcher: each action's event is validated here, handed to its
 * use case in functions/core/sar/intake.ts, and the outcome mapped to the contract's response. It never throws:
 * every outcome is a typed response.
 */
import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import { SarConflictError, StoreUnavailableError, SubmissionConflictError } from '#core/ports.ts';
import { nextSteps, SAR_STATUSES, type SarCase } from '#core/sar/case.ts';
import {
  changeCaseStatus,
  dueReminders,
  extendCase,
  getCase,
  listCasesByStatus,
  queueOwedMail,
  retryNotifications,
  submitRequest,
  type NotFound,
  type Refused,
  type SarIntakePorts,
} from '#core/sar/intake.ts';
import {
  fieldErrors,
  ReferenceSchema,
  SarIntakeRequestSchema,
  type SarIntakeRequest,
  type SarIntakeResponse,
} from '#core/sar/intake-contract.ts';
import type { SarNotificationDelivery } from '#core/sar/notifications.ts';
import { normaliseReference } from '#core/sar/reference.ts';

export type SarIntakeEvent =
  | { action: 'submit'; request: unknown }
  | { action: 'get'; reference: string }
  | { action: 'change-status'; reference: string; to: string; by: string; why: string; on?: string }
  | { action: 'retry-notifications'; reference: string }
  | { action: 'extend'; reference: string; by: string; reason: string; on?: string }
  | { action: 'list-by-status'; council: string; status: string }
  | { action: 'reminders'; council: string }
  | { action: 'queue-owed-mail' };

type Refusal = Extract<SarIntakeResponse, { ok: false }>;
/** What the scheduled sweep did: cases whose mail it queued, and marks it cleared for cases that never came to be. */
export type OwedMailResponse = { ok: true; queued: number; cleared: number } | Refusal;
/** `delivery`: where each email the case owes stands in the mail queue (get, retry-notifications, a refusal). */
export type SarCaseResponse = { ok: true; case: SarCase; delivery?: SarNotificationDelivery[] } | Refusal;
export type SarListResponse = { ok: true; cases: SarCase[] } | Refusal;
/** Open cases due within five working days of today, and those overdue (what staff ask for in Teams). */
export type SarRemindersResponse =
  { ok: true; today: string; horizon: string; overdue: SarCase[]; dueSoon: SarCase[] } | Refusal;
type SarIntakeResult = SarIntakeResponse | SarCaseResponse | SarListResponse | SarRemindersResponse | OwedMailResponse;

/** The SAR intake's dependencies: the ports its use cases take (core/sar/intake.ts). */
export type SarIntakeDependencies = SarIntakePorts;

const ExtendSchema = z.object({
  reference: ReferenceSchema,
  by: z.string().check(z.trim(), z.minLength(1, 'Say who is extending the case.')),
  reason: z.string().check(z.trim(), z.minLength(1, 'Give the reasons for the extension.'), z.maxLength(2000)),
  on: z.optional(z.string()),
});

const ChangeSchema = z.object({
  reference: ReferenceSchema,
  to: z.enum(SAR_STATUSES),
  by: z.string().check(z.trim(), z.minLength(1, 'Say who is making the change.')),
  why: z.string().check(z.trim(), z.minLength(1, 'Say why the status is changing.'), z.maxLength(2000)),
  on: z.optional(z.string()),
});

const ListSchema = z.object({ council: z.string().check(z.minLength(1)), status: z.enum(SAR_STATUSES) });
const CouncilSchema = z.string().check(z.minLength(1, 'Say which council.'));

const invalid = (error: z.core.$ZodError): Refusal => ({
  ok: false,
  error: { code: 'invalid', message: 'Some answers need correcting.', fields: fieldErrors(error) },
});
const notFound = (): Refusal => ({
  ok: false,
  error: { code: 'unknown-context', message: 'No case with that reference.' },
});
const refused = ({ message }: Refused): Refusal => ({ ok: false, error: { code: 'invalid', message } });

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

/** A mark older than this with no case is a submission that failed before its case was written: it is cleared. */
const ORPHAN_MARK_HOURS = 24;

type Action = (deps: SarIntakeDependencies, event: Record<string, unknown>) => Promise<SarIntakeResult>;

/** One entry per action: validate the event, call the use case, map its outcome. */
const ACTIONS: Record<SarIntakeEvent['action'], Action> = {
  async submit(deps, event) {
    const parsed = z.safeParse(SarIntakeRequestSchema, event.request);
    if (!parsed.success) return invalid(parsed.error);
    const result = await submitRequest(deps, parsed.data, submissionFingerprint(parsed.data));
    if (result.outcome === 'unknown-context')
      return { ok: false, error: { code: 'unknown-context', message: result.message } };
    const { case: sar, created } = result;
    return {
      ok: true,
      reference: sar.reference,
      dueDate: sar.deadline.dueDate,
      status: sar.status,
      created,
      nextSteps: nextSteps(sar),
    };
  },
  async get(deps, event) {
    const parsed = z.safeParse(ReferenceSchema, event.reference);
    if (!parsed.success) return invalid(parsed.error);
    const result = await getCase(deps, normaliseReference(parsed.data)!);
    return result.outcome === 'found' ? { ok: true, case: result.case, delivery: result.delivery } : notFound();
  },
  async 'change-status'(deps, event) {
    const parsed = z.safeParse(ChangeSchema, event);
    if (!parsed.success) return invalid(parsed.error);
    const result = await changeCaseStatus(deps, {
      ...parsed.data,
      reference: normaliseReference(parsed.data.reference)!,
    });
    if (result.outcome === 'not-found') return notFoundByReference(result);
    if (result.outcome === 'refused') return refused(result);
    return result.delivery
      ? { ok: true, case: result.case, delivery: result.delivery }
      : { ok: true, case: result.case };
  },
  async 'retry-notifications'(deps, event) {
    const parsed = z.safeParse(ReferenceSchema, event.reference);
    if (!parsed.success) return invalid(parsed.error);
    const result = await retryNotifications(deps, normaliseReference(parsed.data)!);
    return result.outcome === 'found' ? { ok: true, case: result.case, delivery: result.delivery } : notFound();
  },
  async extend(deps, event) {
    const parsed = z.safeParse(ExtendSchema, event);
    if (!parsed.success) return invalid(parsed.error);
    const result = await extendCase(deps, { ...parsed.data, reference: normaliseReference(parsed.data.reference)! });
    if (result.outcome === 'not-found') return notFound();
    if (result.outcome === 'refused') return refused(result);
    return { ok: true, case: result.case };
  },
  async 'list-by-status'(deps, event) {
    const parsed = z.safeParse(ListSchema, event);
    if (!parsed.success) return invalid(parsed.error);
    return { ok: true, cases: await listCasesByStatus(deps, parsed.data.council, parsed.data.status) };
  },
  async reminders(deps, event) {
    const parsed = z.safeParse(CouncilSchema, event.council);
    if (!parsed.success) return invalid(parsed.error);
    return { ok: true, ...(await dueReminders(deps, parsed.data)) };
  },
  async 'queue-owed-mail'(deps) {
    const orphanedBefore = new Date(deps.now().getTime() - ORPHAN_MARK_HOURS * 3_600_000).toISOString();
    return { ok: true, ...(await queueOwedMail(deps, orphanedBefore)) };
  },
};

/** A status change names the reference it could not find. */
function notFoundByReference({ reference }: NotFound): Refusal {
  return { ok: false, error: { code: 'unknown-context', message: `No case with reference ${reference}.` } };
}

/** A port's failure as a response: a conflict the caller can resolve, or the store or something else unavailable. */
function failure(deps: SarIntakeDependencies, error: unknown): Refusal {
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

export function createSarIntakeHandler(deps: SarIntakeDependencies) {
  return async (event: SarIntakeEvent): Promise<SarIntakeResult> => {
    const name = event?.action;
    const action = typeof name === 'string' && Object.hasOwn(ACTIONS, name) ? ACTIONS[name] : undefined;
    if (!action) {
      return {
        ok: false,
        error: {
          code: 'invalid',
          message:
            'Unknown action: expected submit, get, change-status, extend, list-by-status, reminders, retry-notifications or queue-owed-mail.',
        },
      };
    }
    try {
      return await action(deps, event as unknown as Record<string, unknown>);
    } catch (error) {
      return failure(deps, error);
    }
  };
}
