/**
 * The escalation use case, whatever the channel (the widget over HTTP, the Teams bot): validate, apply the limits,
 * store the escalation and its email, make the first attempt. It answers in domain outcomes; each channel says them
 * its own way (channels/escalation/handler.ts maps them to HTTP statuses, the Teams bot to cards).
 *
 * Stored before it is sent (the escalation and its email in the durable queue), one delivery attempt at once, then
 * the scheduled retry until the relay accepts it or it is dead-lettered. When the person gave an email address they
 * get an acknowledgement with the reference, through the same queue: queued under a fixed id
 * (`<reference>:acknowledgement`, so a repeated enqueue sends nothing) with a stable Message-ID, stored with the
 * DPO's mail before the escalation is saved.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import * as z from 'zod/mini';
import type { KnowledgeIndex } from '../knowledge-index.ts';
import { attemptDelivery, queued } from '../mail-queue.ts';
import type { EscalationStore, Log, MailQueue, MailSender } from '../ports.ts';
import { fieldErrors } from '../sar/intake-contract.ts';
import type { RandomBytes } from '../sar/reference.ts';
import {
  acknowledgementMailId,
  composeAcknowledgementMail,
  composeDpoMail,
  EscalationRequestSchema,
  escalationReference,
  openEscalation,
  personReply,
  type EscalationRequest,
} from './index.ts';

export const LIMITS = { perSessionPerDay: 3, perAddressPerDay: 5 } as const;

export interface SubmitEscalationDependencies {
  index: KnowledgeIndex;
  store: EscalationStore;
  queue: MailQueue;
  sender: MailSender;
  randomBytes: RandomBytes;
  newId: () => string;
  now: () => Date;
  /** Today as YYYY-MM-DD (the entries pass Europe/London's): the day the limits count and the escalation is received. */
  today: () => string;
  logger: Log;
}

/** What became of an escalation: accepted (stored, whatever the first delivery attempt did), or why not. */
export type EscalationOutcome =
  | { kind: 'accepted'; reference: string; complaint: boolean; acknowledgeBy?: string; message: string }
  /** The request is not one the form could send: `fields` says, per answer, what to correct. */
  | { kind: 'invalid'; message: string; fields: Record<string, string> }
  /** No DPO mailbox for the council, or a notice that is not the council's. */
  | { kind: 'unknown-context'; message: string }
  /** A limit per session or per reply address is reached today; nothing was taken. */
  | { kind: 'rate-limited'; message: string };

/**
 * A phone number as one person has it whatever its format: E.164 ("07700.900.462", "+44 (0) 7700 900462" and
 * "0044 7700 900462" are all +447700900462); the digits alone when it is not a possible number.
 */
export function phoneKey(phone: string): string {
  const parsed = parsePhoneNumberFromString(phone, 'GB');
  return parsed?.isPossible() ? parsed.number : `digits:${phone.replace(/\D/g, '')}`;
}

/**
 * An email address as one mailbox: case and a "+tag" in the local part do not make another person
 * (jo+1@Example.com is jo@example.com), nor do dots in a Gmail address.
 */
export function emailKey(email: string): string {
  const [local = '', domain = ''] = email
    .trim()
    .toLowerCase()
    .split(/@(?=[^@]*$)/);
  let mailbox = local.replace(/\+.*$/, '');
  if (domain === 'gmail.com' || domain === 'googlemail.com') mailbox = mailbox.replace(/\./g, '');
  return `${mailbox}@${domain === 'googlemail.com' ? 'gmail.com' : domain}`;
}

type LimitKey = { kind: 'session' | 'address'; key: string; max: number };

/** What the limits count, for one request: the session, and every reply route it gives, each as the person has it. */
function limitKeys(request: EscalationRequest): LimitKey[] {
  return [
    ...(request.sessionId ? [{ kind: 'session' as const, key: request.sessionId, max: LIMITS.perSessionPerDay }] : []),
    ...(request.contact.email
      ? [{ kind: 'address' as const, key: emailKey(request.contact.email), max: LIMITS.perAddressPerDay }]
      : []),
    ...(request.contact.phone
      ? [{ kind: 'address' as const, key: phoneKey(request.contact.phone), max: LIMITS.perAddressPerDay }]
      : []),
  ];
}

/**
 * Takes one use of every limit the request counts against, in order; false (with everything given back) once one is
 * reached. `giveBack` returns what was taken, for a request refused later (storing it failed).
 */
async function takeLimits(deps: SubmitEscalationDependencies, request: EscalationRequest, day: string) {
  // Every route the person gives counts, each in its one form, so another format or another sessionId is no way
  // round them; a request refused (by any limit, or because storing it failed) gives back what it took.
  const taken: LimitKey[] = [];
  const giveBack = () =>
    Promise.all(taken.map((t) => deps.store.give(t.kind, t.key, day).catch(() => undefined))).then(() => undefined);
  for (const limit of limitKeys(request)) {
    if (!(await deps.store.take(limit.kind, limit.key, day, limit.max))) {
      await giveBack();
      return { ok: false as const };
    }
    taken.push(limit);
  }
  return { ok: true as const, giveBack };
}

/** The council and notice the request names, as the knowledge base has them; a refusal when either is unknown. */
function resolveContext(index: KnowledgeIndex, request: EscalationRequest) {
  const council = index.councils.get(request.council);
  const dpoEmail = council?.dpo?.email;
  if (!council || !dpoEmail)
    return {
      refused: {
        kind: 'unknown-context',
        message: `No Data Protection Officer mailbox is known for council "${request.council}".`,
      } as const,
    };
  const notice = request.notice ? index.notices.get(request.notice)?.notice : undefined;
  if (request.notice && (!notice || notice.council !== council.id))
    return { refused: { kind: 'unknown-context', message: `Unknown notice "${request.notice}".` } as const };
  // A section the conversation cites, as the published notice of this council has it (undefined when it has none).
  const sectionOf = (id: string, section: string) => {
    const found = index.notices.get(id)?.notice;
    if (!found || found.council !== council.id) return undefined;
    const wanted = section.trim().toLowerCase();
    return found.sections.find((s) => s.heading.trim().toLowerCase() === wanted)?.heading;
  };
  return { council, dpoEmail, notice, sectionOf };
}

export async function submitEscalation(deps: SubmitEscalationDependencies, body: unknown): Promise<EscalationOutcome> {
  const parsed = z.safeParse(EscalationRequestSchema, body);
  if (!parsed.success)
    return { kind: 'invalid', message: 'Some answers need correcting.', fields: fieldErrors(parsed.error) };
  const request = parsed.data;
  const context = resolveContext(deps.index, request);
  if (context.refused) return context.refused;
  const { council, dpoEmail, notice, sectionOf } = context;

  const day = deps.today();
  const limits = await takeLimits(deps, request, day);
  if (!limits.ok)
    return {
      kind: 'rate-limited',
      message: 'You have sent several messages today. The Data Protection Officer will reply to those first.',
    };

  const at = deps.now().toISOString();
  const reference = escalationReference(deps.randomBytes);
  const escalation = openEscalation(request, reference, day, deps.newId());
  const mail = composeDpoMail(request, escalation, {
    councilName: council.name,
    dpoEmail,
    ...(notice ? { serviceName: notice.service } : {}),
    sectionOf,
  });
  const acknowledgement = composeAcknowledgementMail(request, escalation, { councilName: council.name, dpoEmail });
  // Stored before they are sent: from here nothing is lost, whatever the relay does.
  const item = queued(escalation.mailId, 'escalation', mail, at, reference);
  const copy = acknowledgement
    ? queued(acknowledgementMailId(reference), 'escalation-acknowledgement', acknowledgement, at, reference)
    : undefined;
  try {
    await deps.queue.enqueue(item);
    if (copy) await deps.queue.enqueue(copy);
    await deps.store.save(escalation);
  } catch (error) {
    await limits.giveBack();
    throw error;
  }
  // The escalation and its mail are stored: a failed first attempt (or a failure to record it) is the retry's job.
  const attempt = (queuedMail: typeof item) =>
    attemptDelivery(deps.queue, deps.sender, queuedMail, () => deps.now().toISOString()).catch((error: unknown) => {
      deps.logger.warn('Escalation mail attempt not recorded', {
        purpose: queuedMail.purpose,
        error: (error as Error).name,
      });
      return undefined;
    });
  const delivery = await attempt(item);
  const acknowledged = copy ? await attempt(copy) : undefined;
  deps.logger.info('Escalation stored', {
    council: council.id,
    complaint: escalation.complaint,
    delivered: delivery?.status === 'sent',
    ...(copy ? { acknowledgementSent: acknowledged?.status === 'sent' } : {}),
  });
  return {
    kind: 'accepted',
    reference,
    complaint: escalation.complaint,
    ...(escalation.acknowledgeBy ? { acknowledgeBy: escalation.acknowledgeBy } : {}),
    message: personReply(escalation, !!copy),
  };
}
