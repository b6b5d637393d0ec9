/** The ports the core needs from the outside world; adapters implement them (DynamoDB, files, clocks). */
import type { SessionContext } from './answer-contract.ts';

/** Where a conversation's context lives between turns: only what answering needs, never the transcript. */
export interface SessionStore {
  load(sessionId: string): Promise<SessionContext | undefined>;
  save(sessionId: string, context: SessionContext): Promise<void>;
}
