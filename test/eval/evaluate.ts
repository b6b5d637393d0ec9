/**
 * The evaluation instrument: runs every question of test/eval/questions.jsonl through an answerer and scores
 * the answers against what the set expects (topic, notice, the facts the text must contain, actions, asking
 * which service). Shared by `npm run eval`, the eval test and the benchmark's baselines.
 */
import { readFileSync } from 'node:fs';
import type { Answer, Question } from '#core/answer-contract.ts';
import { buildIndex, type KnowledgeIndex } from '#core/knowledge-index.ts';
import type { KnowledgeBase } from '#core/knowledge-schema.ts';
import { buildKnowledgeBase } from '../../knowledge/pipeline/build-kb.ts';
import { loadNoticeFiles, loadSources } from '../../knowledge/sources.ts';
import { words } from '../helpers.ts';

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
    /** The answer's `outcome` (answered, not-stated, which-service, out-of-scope), when the set says. */
    outcome?: string;
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
  if (expect.outcome && answer.outcome !== expect.outcome)
    failures.push(`outcome ${answer.outcome} ≠ ${expect.outcome}`);
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

/**
 * An evaluation set beyond the seeds: folders of notices (for councils the seeds do not cover) and their
 * questions, each folder holding `notices/` and `questions.jsonl`.
 */
export interface EvalSet {
  name: string;
  folders: URL[];
}

/** Notices and questions the matcher may be tuned on: read its failures freely. */
export const DEV_SET: EvalSet = {
  name: 'dev',
  folders: [
    new URL('./dev/', import.meta.url),
    new URL('./blind-dev/', import.meta.url),
    new URL('./blind-dev-2/', import.meta.url),
    new URL('./blind-dev-3/', import.meta.url),
    new URL('./blind-dev-4/', import.meta.url),
    new URL('./blind-dev-5/', import.meta.url),
    new URL('./blind-dev-6/', import.meta.url),
  ],
};

/**
 * Never read case by case by whoever changes matching (see locked/README.md); only its aggregate pass rates
 * are printed. Written blind from the matching code.
 */
export const LOCKED_SET: EvalSet = {
  name: 'locked',
  folders: [new URL('./holdout/', import.meta.url), new URL('./blind-locked/', import.meta.url)],
};

export const noticesOf = (set: EvalSet) => set.folders.map((f) => new URL('./notices/', f));
export const questionsOf = (set: EvalSet) => set.folders.flatMap((f) => loadEvalSet(new URL('./questions.jsonl', f)));

/** The seed notices plus the notices of an extra set, as one knowledge base. */
export function knowledgeBaseWith(set: EvalSet): KnowledgeBase {
  const { files, registry, thesaurus } = loadSources();
  return buildKnowledgeBase([...files, ...noticesOf(set).flatMap((dir) => loadNoticeFiles(dir))], registry, thesaurus);
}

export const indexWith = (set: EvalSet): KnowledgeIndex => buildIndex(knowledgeBaseWith(set), words);
