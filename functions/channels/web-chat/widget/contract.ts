/**
 * What the widget sends and receives. The answer's own types come from the core's answering contract (types only:
 * nothing of the core is bundled for them); the rest is what the HTTP routes add and what the widget keeps.
 */
import type { Action, AnswerOutcome, Citation, SessionContext, Suggestion } from '../../../core/answer-contract.ts';

export type { Action, Citation, Suggestion };

export interface NoticeInfo {
  service: string;
  url?: string;
  reviewed?: string;
}
/** The conversation's context the server returns with each answer and gets back with the next question. */
export type ChatContext = SessionContext;

/** What POST /api/chat answers (ChatResponse in functions/core/chat.ts plus the cited notices' details). */
export interface ChatReply {
  sessionId: string;
  context?: ChatContext;
  topic: string;
  outcome?: AnswerOutcome;
  notice: string | null;
  text: string;
  citations: Citation[];
  suggestions: Suggestion[];
  actions: Action[];
  notices?: Record<string, NoticeInfo>;
}

/** An answer's offer of a form: the notice it is about, when the answer named one. */
export interface Offer {
  notice?: string;
}
/** One notice an answer cites, with the sections of it the answer used (each once, in order). */
export interface SourceRef {
  label: string;
  /** The notice's id (what the Data Protection Officer is sent); older saved messages lack it. */
  notice?: string;
  url?: string;
  sections: string[];
}
export interface Message {
  from: 'you' | 'assistant';
  text: string;
  /** Every notice the answer cites (grouped), so an answer built from two sections shows both. */
  sources?: SourceRef[];
  /** Saved by earlier versions (one citation): read, never written. */
  source?: { label: string; section: string; url?: string; notice?: string };
  /** The answer offered a subject access request (a start-sar action): it shows the button that opens the form. */
  sar?: Offer;
  /** The answer offered the Data Protection Officer (an escalate action): it shows the button that opens that form. */
  dpo?: Offer;
  /** For an answer: the question it answered, its topic and notice, so "No, it did not help" can be recorded. */
  asked?: { question: string; topic: string; notice?: string };
  /** The person said whether the answer helped. */
  helpful?: boolean;
}
export interface Saved {
  sessionId?: string;
  notice?: string;
  /** The server keeps no conversation: this is what follow-ups are answered in. */
  context?: ChatContext;
  /** Service names of the notices the conversation has met, by notice id. */
  services?: Record<string, string>;
  /** Where each notice met can be read, by notice id. */
  urls?: Record<string, string>;
  messages: Message[];
  suggestions: Suggestion[];
}
/**
 * What POST /api/sar (SarIntakeResponse in functions/core/sar/intake-contract.ts) and POST /api/escalate
 * (functions/channels/escalation/handler.ts) answer.
 */
export interface FormReply {
  ok?: boolean;
  reference?: string;
  dueDate?: string | null;
  nextSteps?: string;
  message?: string;
  error?: { code?: string; message?: string; fields?: Record<string, string> };
}
/** A line of the conversation as the Data Protection Officer is sent it (TranscriptLine in escalation.ts). */
export interface TranscriptLine {
  from: 'you' | 'assistant';
  text: string;
  source?: { notice: string; section: string };
}
