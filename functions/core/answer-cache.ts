/**
 * Answers to questions asked again. The knowledge index never changes while a process lives, so an answer is a
 * function of the index and the question alone; and residents ask the same few questions, the widget's starter
 * buttons and the Teams cards sending them word for word. A bounded, least-recently-used memo per index: a repeat
 * costs a map lookup instead of the whole answering path (core/answer.ts), and a new knowledge base (a new index)
 * starts empty. Answers are frozen, so no caller can change what the next one is given.
 */
import type { Answer, Question } from './answer-contract.ts';
import { answerQuestion } from './answer.ts';
import type { KnowledgeIndex } from './knowledge-index.ts';

/** How many answers each index keeps: a few hundred KB, far more than the questions residents repeat. */
export const ANSWER_CACHE_SIZE = 1000;
/** Longer questions are one person's own story, not a repeat: answered, never kept. */
const LONGEST_KEPT = 300;

const caches = new WeakMap<KnowledgeIndex, Map<string, Answer>>();

function keyOf(input: Question): string {
  const { notice = '', council = '', session } = input;
  return [notice, council, session?.notice ?? '', session?.council ?? '', session?.topic ?? '', input.question].join(
    '\u0000',
  );
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** answerQuestion, remembered: the same question in the same context gets the same (frozen) answer object. */
export function answerRemembered(index: KnowledgeIndex, input: Question): Answer {
  if (input.question.length > LONGEST_KEPT) return answerQuestion(index, input);
  let cache = caches.get(index);
  if (!cache) caches.set(index, (cache = new Map()));
  const key = keyOf(input);
  const kept = cache.get(key);
  if (kept) {
    // Most recently used last, so the oldest is first to go.
    cache.delete(key);
    cache.set(key, kept);
    return kept;
  }
  const answer = deepFreeze(answerQuestion(index, input)); // a refused context throws, and is not kept
  cache.set(key, answer);
  if (cache.size > ANSWER_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return answer;
}
