/**
 * The answering contract shared by every channel (docs/product.md, "The answering contract").
 * Plain TypeScript: no AWS, Bot Framework or HTTP types here.
 */

export const TOPICS = [
  'about',
  'controller',
  'contact',
  'data-collected',
  'sources',
  'purposes',
  'lawful-basis',
  'sharing',
  'retention',
  'security',
  'international',
  'rights',
  'access-request',
  'consent',
  'complaints',
  'out-of-scope',
] as const;
export type Topic = (typeof TOPICS)[number];
/** Topics a notice can state facts about (every topic but out-of-scope). */
export type NoticeTopic = Exclude<Topic, 'out-of-scope'>;

export const ACTIONS = ['start-sar', 'escalate', 'open-notice'] as const;
export type ActionKind = (typeof ACTIONS)[number];

export interface Citation {
  notice: string;
  section: string;
  sentence: string;
}

export interface Action {
  kind: ActionKind;
  /** Button text a channel can show as it is. */
  label: string;
  /** For open-notice: the notice URL when the notice gives one. */
  url?: string;
  notice?: string;
}

export interface Suggestion {
  /** What a quick-reply chip shows. */
  label: string;
  /** The question sent when it is chosen. */
  question: string;
  /** Set when the suggestion picks a service (ambiguous questions). */
  notice?: string;
}

/**
 * What kind of answer it is, for channels and the unanswered-question recorder to read instead of the prose:
 * - `answered`: the notice states what was asked, and `text` says it;
 * - `not-stated`: the notice does not say (the text says so, quotes what it does say and offers the DPO);
 * - `which-service`: no notice could be chosen; `suggestions` are the services to choose from;
 * - `out-of-scope`: not a question about these notices.
 */
export const OUTCOMES = ['answered', 'not-stated', 'which-service', 'out-of-scope'] as const;
export type AnswerOutcome = (typeof OUTCOMES)[number];

export interface Answer {
  topic: Topic;
  notice: string | null;
  outcome: AnswerOutcome;
  text: string;
  citations: Citation[];
  /** 0..1: how sure the assistant is that `text` answers the question from the notice. */
  confidence: number;
  suggestions: Suggestion[];
  actions: Action[];
}

/** Session context a channel keeps between turns (only what answering needs: no transcript). */
export interface SessionContext {
  notice?: string;
  council?: string;
  topic?: NoticeTopic;
}

export const MAX_QUESTION_LENGTH = 2000;

/** A question for the core, as every channel builds it. */
export interface Question {
  question: string;
  notice?: string;
  council?: string;
  session?: SessionContext;
}
