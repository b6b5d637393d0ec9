/**
 * A SAR case and its lifecycle. Statuses and who may move them where; every change is an audit entry
 * (who, when, from → to, why) on the case itself, written with the change in one conditional write.
 *
 *   received → awaiting-identity / awaiting-authority (clock not started) → in-progress ⇄ clarification-requested
 *            → responded → closed;  side exits: withdrawn, refused (manifestly unfounded or excessive, with reasons).
 *   "extended" is a flag with its reason and notice date, not a status.
 */
import type { WorkingCalendar } from './calendar.ts';
import { computeDeadline, type SarDeadline, type SarPause } from './deadlines.ts';
import type { SarIntakeRequest } from './intake-contract.ts';
import { addDays, type LocalDate } from './local-date.ts';

export const SAR_STATUSES = [
  'received',
  'awaiting-identity',
  'awaiting-authority',
  'in-progress',
  'clarification-requested',
  'responded',
  'closed',
  'withdrawn',
  'refused',
] as const;
export type SarStatus = (typeof SAR_STATUSES)[number];

const EXITS: SarStatus[] = ['withdrawn', 'refused'];
export const TRANSITIONS: Record<SarStatus, SarStatus[]> = {
  received: ['awaiting-identity', 'awaiting-authority', 'in-progress', ...EXITS],
  'awaiting-identity': ['awaiting-authority', 'in-progress', ...EXITS],
  'awaiting-authority': ['awaiting-identity', 'in-progress', ...EXITS],
  'in-progress': ['clarification-requested', 'responded', ...EXITS],
  'clarification-requested': ['in-progress', ...EXITS],
  responded: ['closed'],
  closed: [],
  withdrawn: [],
  refused: ['closed'],
};

export interface AuditEntry {
  at: string;
  by: string;
  from: SarStatus | null;
  to: SarStatus;
  why: string;
}

export interface SarCase {
  reference: string;
  idempotencyKey: string;
  council: string;
  notice?: string;
  requester: SarIntakeRequest['requester'];
  onBehalfOf?: SarIntakeRequest['onBehalfOf'];
  request: SarIntakeRequest['request'];
  preferredFormat: SarIntakeRequest['preferredFormat'];
  channel: SarIntakeRequest['channel'];
  loggedBy: string;
  receivedOn: LocalDate;
  identityRequested: boolean;
  identityVerifiedOn?: LocalDate;
  authorityRequested: boolean;
  authorityProvedOn?: LocalDate;
  pauses: SarPause[];
  extended?: { on: LocalDate; reason: string };
  refusal?: { reason: string };
  status: SarStatus;
  deadline: SarDeadline;
  /** Incremented on every change: the condition that makes concurrent changes safe. */
  version: number;
  audit: AuditEntry[];
}

export class SarTransitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SarTransitionError';
  }
}

function deadlineOf(c: Omit<SarCase, 'deadline'>, calendar: WorkingCalendar): SarDeadline {
  return computeDeadline(
    {
      receivedOn: c.receivedOn,
      identityRequested: c.identityRequested,
      identityVerifiedOn: c.identityVerifiedOn ?? null,
      authorityRequested: c.authorityRequested,
      authorityProvedOn: c.authorityProvedOn ?? null,
      pauses: c.pauses,
      extended: c.extended ?? null,
    },
    calendar,
  );
}

export function openCase(request: SarIntakeRequest, reference: string, at: string, calendar: WorkingCalendar): SarCase {
  const base = {
    reference,
    idempotencyKey: request.idempotencyKey,
    council: request.council,
    ...(request.notice ? { notice: request.notice } : {}),
    requester: request.requester,
    ...(request.onBehalfOf ? { onBehalfOf: request.onBehalfOf } : {}),
    request: request.request,
    preferredFormat: request.preferredFormat,
    channel: request.channel,
    loggedBy: request.loggedBy,
    receivedOn: request.receivedOn,
    identityRequested: false,
    authorityRequested: false,
    pauses: [],
    status: 'received' as const,
    version: 1,
    audit: [{ at, by: request.loggedBy, from: null, to: 'received' as const, why: `Received by ${request.channel}` }],
  };
  return { ...base, deadline: deadlineOf(base, calendar) };
}

export interface SarChange {
  to: SarStatus;
  by: string;
  at: string;
  on: LocalDate;
  why: string;
}

/** The case after a status change: checked against the lifecycle, clock facts updated, audit appended. */
export function changeStatus(current: SarCase, change: SarChange, calendar: WorkingCalendar): SarCase {
  if (!TRANSITIONS[current.status].includes(change.to)) {
    throw new SarTransitionError(`A case that is ${current.status} cannot become ${change.to}.`);
  }
  if (!change.why.trim()) throw new SarTransitionError('Say why the status is changing.');
  const next: Omit<SarCase, 'deadline'> = {
    ...current,
    pauses: [...current.pauses],
    status: change.to,
    version: current.version + 1,
    audit: [...current.audit, { at: change.at, by: change.by, from: current.status, to: change.to, why: change.why }],
  };
  // What a status means for the clock.
  if (change.to === 'awaiting-identity') next.identityRequested = true;
  if (change.to === 'awaiting-authority') next.authorityRequested = true;
  if (change.to === 'in-progress') {
    if (current.status === 'awaiting-identity') next.identityVerifiedOn = change.on;
    if (current.status === 'awaiting-authority') next.authorityProvedOn = change.on;
    if (current.status === 'clarification-requested') {
      next.pauses = next.pauses.map((p) => (p.to ? p : { ...p, to: change.on }));
    }
  }
  if (change.to === 'clarification-requested') next.pauses.push({ from: change.on });
  if (change.to === 'refused') next.refusal = { reason: change.why };
  return { ...next, deadline: deadlineOf(next, calendar) };
}

export interface SarExtension {
  by: string;
  at: string;
  on: LocalDate;
  reason: string;
}

/**
 * Extends the time limit by two further months (complex or numerous requests). "Extended" is a flag, not a
 * status; it is recorded in the audit trail with its reasons, and only while the case is still open.
 */
export function extend(current: SarCase, extension: SarExtension, calendar: WorkingCalendar): SarCase {
  if (!isOpen(current)) throw new SarTransitionError(`A case that is ${current.status} cannot be extended.`);
  if (current.extended) throw new SarTransitionError('This case has already been extended.');
  if (!extension.reason.trim())
    throw new SarTransitionError('Give the reasons for the extension: the requester must be told them.');
  const next: Omit<SarCase, 'deadline'> = {
    ...current,
    extended: { on: extension.on, reason: extension.reason },
    version: current.version + 1,
    audit: [
      ...current.audit,
      {
        at: extension.at,
        by: extension.by,
        from: current.status,
        to: current.status,
        why: `Extended: ${extension.reason}`,
      },
    ],
  };
  return { ...next, deadline: deadlineOf(next, calendar) };
}

/** The requester's acknowledgement: what happens next, in plain words. */
export function nextSteps(c: SarCase): string {
  // The reference and the due date are shown beside this text; it says what happens next.
  return [
    'Please quote your reference if you contact us.',
    c.deadline.dueDate
      ? 'If we need more information to find what you asked for, we will ask, and the time limit pauses until you reply.'
      : 'The time limit starts once we have what we need to check your identity.',
    'We may ask you to prove who you are before we send anything, so that we only give your information to you.',
  ].join(' ');
}

/** The due date that binds now: the extended one when the case was extended. */
export function bindingDueDate(c: SarCase): LocalDate | null {
  return c.deadline.extendedDueDate ?? c.deadline.dueDate;
}

const OPEN: SarStatus[] = [
  'received',
  'awaiting-identity',
  'awaiting-authority',
  'in-progress',
  'clarification-requested',
];
export const isOpen = (c: SarCase) => OPEN.includes(c.status);

/** The reminder digest for one council: open cases due within `withinWorkingDays` working days, and overdue ones. */
export function remindersFor(cases: SarCase[], today: LocalDate, calendar: WorkingCalendar, withinWorkingDays = 5) {
  let horizon = today;
  for (let counted = 0; counted < withinWorkingDays;) {
    horizon = addDays(horizon, 1);
    if (!calendar.coversDate(horizon) || calendar.isWorkingDay(horizon)) counted++;
  }
  const open = cases.filter(isOpen);
  const due = (c: SarCase) => bindingDueDate(c);
  return {
    overdue: open.filter((c) => due(c) !== null && due(c)! < today).sort((a, b) => due(a)!.localeCompare(due(b)!)),
    dueSoon: open
      .filter((c) => due(c) !== null && due(c)! >= today && due(c)! <= horizon)
      .sort((a, b) => due(a)!.localeCompare(due(b)!)),
    horizon,
  };
}
