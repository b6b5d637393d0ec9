/**
 * `POST /api/escalate`: the person's message to the Data Protection Officer. Stored before it is sent (the
 * escalation and its email in the durable queue), one delivery attempt at once, then the scheduled retry
 * (retry.ts) until the relay accepts it or it is dead-lettered. Limits per session and per address stop abuse.
 * When the person gave an email address they get an acknowledgement with the reference, through the same queue:
 * queued under a fixed id (`<reference>:acknowledgement`, so a repeated enqueue sends nothing) with a stable
 * Message-ID, stored with the DPO's mail before the escalation is saved.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import * as z from 'zod/mini';
import {
  acknowledgementMailId,
  composeAcknowledgementMail,
  composeDpoMail,
  EscalationRequestSchema,
  openEscalation,
  personReply,
  escalationReference,
} from '#core/escalation.ts';
import type { KnowledgeIndex } from '#core/knowledge-index.ts';
import { attemptDelivery, queued } from '#core/mail-queue.ts';
import type { MailQueue, MailSender } from '#core/ports.ts';
import { fieldErrors } from '#core/sar/intake-contract.ts';
import type { RandomBytes } from '#core/sar/reference.ts';
import type { EscalationStore } from '../../adapters/dynamodb-escalation-store.ts';
import { httpStack, json, jsonError, type HttpHandler } from '../../shared/http.ts';

export const LIMITS = { perSessionPerDay: 3, perAddressPerDay: 5 } as const;

export interface EscalationDependencies {
  index: KnowledgeIndex;
  store: EscalationStore;
  queue: MailQueue;
  sender: MailSender;
  randomBytes: RandomBytes;
  newId: () => string;
  now: () => Date;
  today: () => string;
  logger: Logger;
  allowedOrigins: string[];
  /** CloudFront's `x-origin-verify` secret (env ORIGIN_VERIFY); see HttpStackOptions. */
  originVerify?: string | undefined;
}

export type EscalationOutcome =
  | { ok: true; reference: string; complaint: boolean; acknowledgeBy?: string; message: string }
  | { ok: false; status: 400 | 429; code: string; message: string; fields?: Record<string, string> };

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

/** What the limits count, for one request: the session, and every reply route it gives, each as the person has it. */
function limitKeys(request: {
  sessionId?: string | undefined;
  contact: { email?: string | undefined; phone?: string | undefined };
}) {
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
 * The escalation itself, whatever the channel (the widget over HTTP, the Teams bot): validate, apply the limits,
 * store the escalation and its email, make the first attempt.
 */
export async function submitEscalation(
  deps: Omit<EscalationDependencies, 'allowedOrigins' | 'originVerify'>,
  body: unknown,
): Promise<EscalationOutcome> {
  const parsed = z.safeParse(EscalationRequestSchema, body);
  if (!parsed.success)
    return {
      ok: false,
      status: 400,
      code: 'invalid',
      message: 'Some answers need correcting.',
      fields: fieldErrors(parsed.error),
    };
  const request = parsed.data;
  const council = deps.index.councils.get(request.council);
  const dpoEmail = council?.dpo?.email;
  if (!council || !dpoEmail)
    return {
      ok: false,
      status: 400,
      code: 'unknown-context',
      message: `No Data Protection Officer mailbox is known for council "${request.council}".`,
    };
  const notice = request.notice ? deps.index.notices.get(request.notice)?.notice : undefined;
  if (request.notice && (!notice || notice.council !== council.id))
    return { ok: false, status: 400, code: 'unknown-context', message: `Unknown notice "${request.notice}".` };

  const day = deps.today();
  // Every route the person gives counts, each in its one form, so another format or another sessionId is no way
  // round them; a request refused (by any limit, or because storing it failed) gives back what it took.
  const taken: ReturnType<typeof limitKeys> = [];
  const giveBack = () =>
    Promise.all(taken.map((t) => deps.store.give(t.kind, t.key, day).catch(() => undefined))).then(() => undefined);
  for (const limit of limitKeys(request)) {
    if (!(await deps.store.take(limit.kind, limit.key, day, limit.max))) {
      await giveBack();
      return {
        ok: false,
        status: 429,
        code: 'too-many',
        message: 'You have sent several messages today. The Data Protection Officer will reply to those first.',
      };
    }
    taken.push(limit);
  }

  const at = deps.now().toISOString();
  const reference = escalationReference(deps.randomBytes);
  const escalation = openEscalation(request, reference, day, deps.newId());
  const mail = composeDpoMail(request, escalation, {
    councilName: council.name,
    dpoEmail,
    ...(notice ? { serviceName: notice.service } : {}),
    sectionOf: (id, section) => {
      const found = deps.index.notices.get(id)?.notice;
      if (!found || found.council !== council.id) return undefined;
      const wanted = section.trim().toLowerCase();
      return found.sections.find((s) => s.heading.trim().toLowerCase() === wanted)?.heading;
    },
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
    await giveBack();
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
    ok: true,
    reference,
    complaint: escalation.complaint,
    ...(escalation.acknowledgeBy ? { acknowledgeBy: escalation.acknowledgeBy } : {}),
    message: personReply(escalation, !!copy),
  };
}

export function createEscalationHandler(deps: EscalationDependencies): HttpHandler {
  return httpStack(
    async (event) => {
      const outcome = await submitEscalation(deps, event.body);
      if (outcome.ok) return json(201, outcome);
      return jsonError(outcome.status, outcome.code, outcome.message, outcome.fields);
    },
    { allowedOrigins: deps.allowedOrigins, logger: deps.logger, originVerify: deps.originVerify },
  );
}
