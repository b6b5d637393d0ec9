/**
 * `POST /api/chat`: { message, sessionId?, notice?, council?, context? } → the answering contract plus the
 * sessionId and the context for the next turn. Stateless: no session is read or written.
 * A factory over its dependencies, so the Lambda (index.ts), the local server and the tests share it.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import * as z from 'zod/mini';
import { MAX_QUESTION_LENGTH, TOPICS, type Answer } from '#core/answer-contract.ts';
import { AnswerInputError } from '#core/answer.ts';
import { chatTurn } from '#core/chat.ts';
import { SessionIdSchema } from '#core/escalation/index.ts';
import type { KnowledgeIndex } from '#core/knowledge-index.ts';
import type { UnansweredStore } from '#core/unanswered.ts';
import { ClientError, httpStack, jsonText, type HttpHandler } from '#shared/http.ts';

const id = (what: string) =>
  z.optional(
    z
      .string({ error: `${what} must be an id, as text.` })
      .check(
        z.minLength(1, `${what} must not be empty: leave it out instead.`),
        z.maxLength(100, `${what} may have at most 100 characters.`),
      ),
  );

const ChatBody = z.object({
  message: z
    .string({ error: 'Please type a question (message, as text).' })
    .check(
      z.trim(),
      z.minLength(1, 'Please type a question.'),
      z.maxLength(
        MAX_QUESTION_LENGTH,
        `Please keep your question under ${MAX_QUESTION_LENGTH.toLocaleString('en-GB')} characters.`,
      ),
    ),
  sessionId: z.optional(SessionIdSchema),
  notice: id('notice'),
  council: id('council'),
  /** What the previous answer returned as `context`; checked against the knowledge base by the core. */
  context: z.optional(
    z.object(
      {
        notice: id('context.notice'),
        council: id('context.council'),
        topic: z.optional(
          z.enum(TOPICS.filter((t) => t !== 'out-of-scope') as [Exclude<(typeof TOPICS)[number], 'out-of-scope'>], {
            error: 'context.topic must be a topic an answer returned: send back the context the last answer gave.',
          }),
        ),
      },
      { error: 'context must be the context the last answer returned, unchanged.' },
    ),
  ),
});

export interface ChatHandlerDependencies {
  index: KnowledgeIndex;
  logger: Logger;
  allowedOrigins: string[];
  /** CloudFront's `x-origin-verify` secret (env ORIGIN_VERIFY); see HttpStackOptions. */
  originVerify?: string | undefined;
  newSessionId?: () => string;
  unanswered?: UnansweredStore;
}

export function createChatHandler(deps: ChatHandlerDependencies): HttpHandler {
  return httpStack(
    async (event) => {
      if (event.body === null || event.body === undefined || typeof event.body !== 'object') {
        throw new ClientError(400, 'invalid-request', 'Send a JSON object with your question in "message".', {
          message: 'Please type a question.',
        });
      }
      const body = z.parse(ChatBody, event.body);
      const started = performance.now();
      try {
        const { answer, sessionId, context } = chatTurn(
          {
            index: deps.index,
            newSessionId: deps.newSessionId ?? randomUUID,
            ...(deps.unanswered ? { unanswered: deps.unanswered } : {}),
          },
          body,
        );
        // What was asked is not logged at all (not even redacted): the outcome is enough to operate the service,
        // questions nothing answered are kept redacted by the unanswered store, and redaction costs the turn time.
        deps.logger.info('Answered', {
          topic: answer.topic,
          notice: answer.notice,
          outcome: answer.outcome,
          confidence: answer.confidence,
          latencyMs: Math.round((performance.now() - started) * 100) / 100,
        });
        // The ChatResponse {sessionId, context, ...answer, notices}, the answer's part serialised once per answer.
        const head = JSON.stringify({ sessionId, context });
        return jsonText(200, `${head.slice(0, -1)},${answerJson(deps.index, answer)}}`);
      } catch (error) {
        if (error instanceof AnswerInputError) throw new ClientError(400, 'unknown-context', error.message);
        throw error;
      }
    },
    { allowedOrigins: deps.allowedOrigins, logger: deps.logger, originVerify: deps.originVerify, earlyTimeout: false },
  );
}

const serialised = new WeakMap<Answer, string>();

/**
 * The answer and its notices' details as JSON members (no braces), once per answer object: a repeated question's
 * answer is the memo's same frozen object (core/answer-cache.ts), so its JSON is reused rather than rebuilt.
 */
function answerJson(index: KnowledgeIndex, answer: Answer): string {
  let members = serialised.get(answer);
  if (members === undefined) {
    members = JSON.stringify({ ...answer, notices: noticeInfo(index, answer) }).slice(1, -1);
    serialised.set(answer, members);
  }
  return members;
}

/** What the widget shows for each cited notice: its service name, when it was updated, where to read it. */
function noticeInfo(index: KnowledgeIndex, answer: { notice: string | null; citations: { notice: string }[] }) {
  const ids = new Set([answer.notice, ...answer.citations.map((c) => c.notice)].filter((id): id is string => !!id));
  const info: Record<string, { service: string; title: string; url?: string; reviewed?: string }> = {};
  for (const id of ids) {
    const notice = index.notices.get(id)?.notice;
    if (!notice) continue;
    info[id] = {
      service: notice.service,
      title: notice.title,
      ...(notice.url ? { url: notice.url } : {}),
      ...(notice.reviewed ? { reviewed: notice.reviewed } : {}),
    };
  }
  return info;
}
