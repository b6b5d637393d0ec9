/**
 * `POST /api/feedback`: { helpful, question, topic, notice?, council? } → 202. The widget sends it when a person
 * answers "Did this answer your question?" with No. The answer is recorded as an unanswered question is: the
 * question redacted, counted per council and ISO week in the same store (a record of kind 'unhelpful'), with no
 * session id, time of day or anything else that would tie it to a person; the DPO's weekly digest lists it beside
 * the questions nothing answered. A Yes is accepted and not recorded.
 *
 * Best effort: the person has already been thanked, so a store that fails or is slow never fails the request; the
 * record is awaited for at most RECORD_WAIT_MS (so it is written before a Lambda container is frozen) and the
 * answer is 202 either way. Bad input is refused in the one error shape, field by field.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import * as z from 'zod/mini';
import { MAX_QUESTION_LENGTH, TOPICS } from '#core/answer-contract.ts';
import type { KnowledgeIndex } from '#core/knowledge-index.ts';
import { unhelpfulRecord, type UnansweredStore } from '#core/unanswered.ts';
import { ClientError, httpStack, json, type HttpHandler } from '#shared/http.ts';

/** How long the response waits for the record before answering anyway. */
export const RECORD_WAIT_MS = 1500;

const id = (what: string) =>
  z.optional(
    z
      .string({ error: `${what} must be an id, as text: send the ${what} the answer returned, or leave it out.` })
      .check(
        z.minLength(1, `${what} must not be empty: leave it out instead.`),
        z.maxLength(100, `${what} may have at most 100 characters.`),
      ),
  );

const FeedbackBody = z.object({
  helpful: z.boolean({ error: 'helpful must be true or false: whether the answer answered the question.' }),
  question: z
    .string({ error: 'question must be the question the answer was for, as text.' })
    .check(
      z.trim(),
      z.minLength(1, 'question must be the question the answer was for: it is empty.'),
      z.maxLength(
        MAX_QUESTION_LENGTH,
        `question may have at most ${MAX_QUESTION_LENGTH.toLocaleString('en-GB')} characters, as a question to the assistant.`,
      ),
    ),
  topic: z.enum(TOPICS, {
    error: 'topic must be the topic the answer returned (for example "retention").',
  }),
  notice: id('notice'),
  council: id('council'),
});

export interface FeedbackHandlerDependencies {
  index: KnowledgeIndex;
  unanswered: UnansweredStore;
  logger: Logger;
  allowedOrigins: string[];
  /** CloudFront's `x-origin-verify` secret (env ORIGIN_VERIFY); see HttpStackOptions. */
  originVerify?: string | undefined;
  now?: () => Date;
}

export function createFeedbackHandler(deps: FeedbackHandlerDependencies): HttpHandler {
  const knownCouncil = (council: string) =>
    deps.index.councils.has(council) || [...deps.index.notices.values()].some((n) => n.notice.council === council);
  return httpStack(
    async (event) => {
      if (
        event.body === null ||
        event.body === undefined ||
        typeof event.body !== 'object' ||
        Array.isArray(event.body)
      ) {
        throw new ClientError(
          400,
          'invalid-request',
          'Send a JSON object saying whether the answer helped: {"helpful": false, "question": "…", "topic": "…"}.',
          { helpful: 'helpful must be true or false: whether the answer answered the question.' },
        );
      }
      const body = z.parse(FeedbackBody, event.body);
      const notice = body.notice ? deps.index.notices.get(body.notice)?.notice : undefined;
      if (body.notice && !notice) {
        const message = `notice "${body.notice}" is not a notice the assistant answers from: send the notice the answer returned, or leave it out.`;
        throw new ClientError(400, 'invalid', message, { notice: message });
      }
      if (body.council && !knownCouncil(body.council)) {
        const message = `council "${body.council}" is not a council the assistant answers for: send the page's council, or leave it out.`;
        throw new ClientError(400, 'invalid', message, { council: message });
      }
      if (!body.helpful) {
        // The council whose notice gave the answer (its DPO can change it), else the page's.
        const council = notice?.council ?? body.council;
        const record = unhelpfulRecord(
          body.question,
          { topic: body.topic, notice: notice?.id },
          deps.now?.() ?? new Date(),
          council,
        );
        let timer: ReturnType<typeof setTimeout> | undefined;
        const recorded = await Promise.race([
          deps.unanswered.record(record).then(
            () => true,
            () => false,
          ),
          new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), RECORD_WAIT_MS))),
        ]);
        clearTimeout(timer);
        if (recorded) deps.logger.info('Answer rated unhelpful', { topic: body.topic, notice: record.notice });
        else deps.logger.warn('Unhelpful answer not recorded', { topic: body.topic, notice: record.notice });
      }
      return json(202, { ok: true });
    },
    { allowedOrigins: deps.allowedOrigins, logger: deps.logger, originVerify: deps.originVerify },
  );
}
