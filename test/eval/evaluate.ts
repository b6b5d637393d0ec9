/**
 * The evaluation instrument: runs every question of test/eval/questions.jsonl through an answerer and scores
 * the answers against what the set expects (topic, notice, the facts the text must contain, actions, asking
 * which service). Shared by `npm run eval`, the eval test and the benchmark's baselines.
 */
import { readFileSync } from 'node:fs';
import type { Answer, Question } from '#core/answer-contract.ts';

export interface EvalItem {
  id: string;
  q: string;
  notice?: string;
  council?: string;
  session?: { notice?: string };
  style: string;
  expect: {
    topic: string;
    notice: string | null;
    facts: (string | string[])[];
    actions?: string[];
    asksService?: boolean;
  };
}

export interface EvalResult {
  item: EvalItem;
  answer: Answer;
  pass: boolean;
  failures: string[];
}

export const QUESTIONS_FILE = new URL('./questions.jsonl', import.meta.url);

export function loadEvalSet(file: URL = QUESTIONS_FILE): EvalItem[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as EvalItem);
}

export function toQuestion(item: EvalItem): Question {
  return {
    question: item.q,
    ...(item.notice ? { notice: item.notice } : {}),
    ...(item.council ? { council: item.council } : {}),
    ...(item.session?.notice ? { session: { notice: item.session.notice } } : {}),
  };
}

const fold = (s: string) =>
  s
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

export function score(item: EvalItem, answer: Answer): EvalResult {
  const failures: string[] = [];
  const { expect } = item;
  if (answer.topic !== expect.topic) failures.push(`topic ${answer.topic} ≠ ${expect.topic}`);
  if (expect.topic !== 'out-of-scope' && answer.notice !== expect.notice)
    failures.push(`notice ${answer.notice} ≠ ${expect.notice}`);
  if (expect.topic === 'out-of-scope' && answer.confidence > 0.3)
    failures.push(`confident (${answer.confidence}) out-of-scope answer`);
  const text = fold(answer.text);
  for (const fact of expect.facts) {
    const options = Array.isArray(fact) ? fact : [fact];
    if (!options.some((o) => text.includes(fold(o)))) failures.push(`missing fact "${options.join('" | "')}"`);
  }
  const kinds = new Set(answer.actions.map((a) => a.kind));
  for (const action of expect.actions ?? []) if (!kinds.has(action as never)) failures.push(`missing action ${action}`);
  if (expect.asksService && !(answer.notice === null && answer.suggestions.filter((s) => s.notice).length >= 2)) {
    failures.push('did not ask which service');
  }
  return { item, answer, pass: failures.length === 0, failures };
}

export interface Tally {
  pass: number;
  total: number;
}

export function tallyBy(results: EvalResult[], key: (r: EvalResult) => string): Map<string, Tally> {
  const tallies = new Map<string, Tally>();
  for (const r of results) {
    const k = key(r);
    const t = tallies.get(k) ?? { pass: 0, total: 0 };
    t.total++;
    if (r.pass) t.pass++;
    tallies.set(k, t);
  }
  return new Map([...tallies].sort((a, b) => a[0].localeCompare(b[0])));
}

export function passRate(results: EvalResult[]): number {
  return results.length ? results.filter((r) => r.pass).length / results.length : 0;
}

export const HOLDOUT_QUESTIONS = new URL('./holdout/questions.jsonl', import.meta.url);
export const HOLDOUT_NOTICES = new URL('./holdout/notices/', import.meta.url);
export const DEV_QUESTIONS = new URL('./dev/questions.jsonl', import.meta.url);
export const DEV_NOTICES = new URL('./dev/notices/', import.meta.url);
