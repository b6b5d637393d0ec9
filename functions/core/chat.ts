/**
 * One turn of a web chat, with no server state: the conversation's context (the service talked about, the
 * council, the last topic) comes in with the question and goes back with the answer, so "and who do you share
 * it with?" stays on the same notice across Lambda instances without a database read or write. A forged
 * context can only choose which published notice answers: the core validates it against the knowledge base.
 */
import type { Answer, SessionContext } from './answer-contract.ts';
import { answerRemembered } from './answer-cache.ts';
import type { KnowledgeIndex } from './knowledge-index.ts';
import { shouldRecord, unansweredRecord, type UnansweredStore } from './unanswered.ts';

export interface ChatRequest {
  message: string;
  /** An opaque id for the conversation (the escalation form sends it along); nothing is stored under it. */
  sessionId?: string;
  notice?: string;
  council?: string;
  /** The context the previous answer returned. */
  context?: SessionContext;
}

/** One turn's outcome: the answer (shared and frozen when the question is a repeat), the next context, the id. */
export interface ChatTurn {
  answer: Answer;
  sessionId: string;
  /** What the next turn should send back as `context`. */
  context: SessionContext;
}

/** What the web chat's API answers: the answer contract with the session id and the next context beside it. */
export type ChatResponse = Answer & Omit<ChatTurn, 'answer'>;

export interface ChatDependencies {
  index: KnowledgeIndex;
  newSessionId: () => string;
  /** Questions the notices fail to answer, redacted, for the DPO's weekly digest. */
  unanswered?: UnansweredStore;
  now?: () => Date;
}

export function chatTurn(deps: ChatDependencies, request: ChatRequest): ChatTurn {
  const session = request.context;
  const answer = answerRemembered(deps.index, {
    question: request.message,
    ...(request.notice ? { notice: request.notice } : {}),
    ...(request.council ? { council: request.council } : {}),
    ...(session ? { session } : {}),
  });
  const context: SessionContext = {};
  const notice = answer.notice ?? request.notice ?? session?.notice;
  if (notice) context.notice = notice;
  const council = request.council ?? session?.council;
  if (council) context.council = council;
  const topic = answer.topic === 'out-of-scope' ? session?.topic : answer.topic;
  if (topic) context.topic = topic;
  if (deps.unanswered && shouldRecord(answer)) {
    const recordCouncil =
      request.council ?? (answer.notice ? deps.index.notices.get(answer.notice)?.notice.council : undefined) ?? council;
    // Best effort, and off the answer's path: the person never waits on, or fails because of, this record.
    void deps.unanswered
      .record(unansweredRecord(request.message, answer, deps.now?.() ?? new Date(), recordCouncil))
      .catch(() => undefined);
  }
  return { answer, sessionId: request.sessionId ?? deps.newSessionId(), context };
}
