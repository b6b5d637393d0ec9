/** Shared test fixtures: the real knowledge base built in-process from knowledge/notices; a metrics recorder. */
import { buildIndex, type KnowledgeIndex } from '#core/knowledge-index.ts';
import type { KnowledgeBase } from '#core/knowledge-schema.ts';
import type { MetricsPort } from '#shared/metrics.ts';
import { buildKnowledgeBase } from '../knowledge/pipeline/build-kb.ts';
import { wordLists } from '#adapters/english-words.ts';
import { ENGLISH_WORDS_OUTPUT, loadSources } from '../knowledge/sources.ts';

/** The word lists `kb:build` wrote (npm test builds the knowledge base first). */
export const words = wordLists(new URL('.', ENGLISH_WORDS_OUTPUT));
export const { isEnglish } = words;

/** An index over any knowledge base, with the real word lists. */
export const indexOf = (knowledgeBase: KnowledgeBase): KnowledgeIndex => buildIndex(knowledgeBase, words);

let kb: KnowledgeBase | undefined;
let index: KnowledgeIndex | undefined;

export function realKnowledgeBase(): KnowledgeBase {
  if (!kb) {
    const { files, registry, thesaurus } = loadSources();
    kb = buildKnowledgeBase(files, registry, thesaurus);
  }
  return kb;
}

export function realIndex(): KnowledgeIndex {
  index ??= indexOf(realKnowledgeBase());
  return index;
}

/** A metrics port that records what each run reports, as the alarm would see it: one record per flush. */
export function recordedMetrics() {
  const runs: Record<string, number>[] = [];
  let current: Record<string, number> = {};
  const port: MetricsPort = {
    count: (name, value) => void (current[name] = value),
    flush: () => {
      runs.push(current);
      current = {};
    },
  };
  return { port, runs };
}
