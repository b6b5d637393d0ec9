/**
 * One turn of a web chat: the session's context in, the answer out, the context kept for the next turn.
 * Plain TypeScript over ports: the Lambda handler and the local server are adapters around it.
 */
import type { Answer, SessionContext } from './answer-contract.ts';
import { answerQuestion } from './answer.ts';
import type { KnowledgeIndex } from './knowledge-index.ts';
import type { SessionStore } from './ports.ts';
import { shouldRecord, unansweredRecord, type UnansweredStore } from './unanswered.ts';

export interface ChatRequest {
  message: string;
  sessionId?: string;
  notice?: string;
  council?: string;
}

export interface ChatResponse extends Answer {
  sessionId: string;
}

export interface ChatDependencies {
  index: KnowledgeIndex;
  sessions: SessionStore;
  newSessionId: () => string;
  /** Questions the notices fail to answer, redacted, for the DPO's weekly digest. */
  unanswered?: UnansweredStore;
  now?: () => Date;
}

export async function chatTurn(deps: ChatDependencies, request: ChatRequest): Promise<ChatResponse> {
  const sessionId = request.sessionId ?? deps.newSessionId();
  const session = request.sessionId ? await deps.sessions.load(request.sessionId) : undefined;
  const answer = answerQuestion(deps.index, {
    question: request.message,
    ...(request.notice ? { notice: request.notice } : {}),
    ...(request.council ? { council: request.council } : {}),
    ...(session ? { session } : {}),
  });
  // Keep what a follow-up needs: the service talked about and the topic, so "and who do you share it with?"
  // stays on the same notice across Lambda instances.
  const next: SessionContext = { ...session };
  const notice = answer.notice ?? request.notice ?? session?.notice;
  if (notice) next.notice = notice;
  const council = request.council ?? session?.council;
  if (council) next.council = council;
  if (answer.topic !== 'out-of-scope') next.topic = answer.topic;
  await deps.sessions.save(sessionId, next);
  if (deps.unanswered && shouldRecord(answer)) {
    const council =
      request.council ??
      (answer.notice ? deps.index.notices.get(answer.notice)?.notice.council : undefined) ??
      session?.council;
    // Best effort: the person's answer never waits on, or fails because of, this record.
    await deps.unanswered
      .record(unansweredRecord(request.message, answer, deps.now?.() ?? new Date(), council))
      .catch(() => undefined);
  }
  return { sessionId, ...answer };
}
