/**
 * `POST /api/escalate`: the person's message to the Data Protection Officer. Stored before it is sent (the
 * escalation and its email in the durable queue), one delivery attempt at once, then the scheduled retry
 * (retry.ts) until the relay accepts it or it is dead-lettered. Limits per session and per address stop abuse.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import * as z from 'zod/mini';
import {
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
import { ClientError, httpStack, json, type HttpHandler } from '../../shared/http.ts';

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
  const address = request.contact.email ?? request.contact.phone!;
  const allowed =
    (!request.sessionId || (await deps.store.take('session', request.sessionId, day, LIMITS.perSessionPerDay))) &&
    (await deps.store.take('address', address, day, LIMITS.perAddressPerDay));
  if (!allowed)
    return {
      ok: false,
      status: 429,
      code: 'too-many',
      message: 'You have sent several messages today. The Data Protection Officer will reply to those first.',
    };

  const at = deps.now().toISOString();
  const reference = escalationReference(deps.randomBytes);
  const escalation = openEscalation(request, reference, day, deps.newId());
  const mail = composeDpoMail(request, escalation, {
    councilName: council.name,
    dpoEmail,
    ...(notice ? { serviceName: notice.service } : {}),
  });
  // Stored before it is sent: from here nothing is lost, whatever the relay does.
  const item = queued(escalation.mailId, 'escalation', mail, at, reference);
  await deps.queue.enqueue(item);
  await deps.store.save(escalation);
  const delivery = await attemptDelivery(deps.queue, deps.sender, item, () => deps.now().toISOString());
  deps.logger.info('Escalation stored', {
    council: council.id,
    complaint: escalation.complaint,
    delivered: delivery?.status === 'sent',
  });
  return {
    ok: true,
    reference,
    complaint: escalation.complaint,
    ...(escalation.acknowledgeBy ? { acknowledgeBy: escalation.acknowledgeBy } : {}),
    message: personReply(escalation),
  };
}

export function createEscalationHandler(deps: EscalationDependencies): HttpHandler {
  return httpStack(
    async (event) => {
      const outcome = await submitEscalation(deps, event.body);
      if (outcome.ok) return json(201, outcome);
      if (outcome.code === 'invalid')
        return json(400, { ok: false, error: { code: 'invalid', message: outcome.message, fields: outcome.fields } });
      throw new ClientError(outcome.status, outcome.code, outcome.message);
    },
    { allowedOrigins: deps.allowedOrigins, logger: deps.logger, originVerify: deps.originVerify },
  );
}
