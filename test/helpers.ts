/** Shared test fixtures: the real knowledge base built in-process from knowledge/notices. */
import { buildIndex, type KnowledgeIndex } from '#core/knowledge-index.ts';
import type { KnowledgeBase } from '#core/knowledge-schema.ts';
import { buildKnowledgeBase } from '../knowledge/pipeline/build-kb.ts';
import { loadSources } from '../knowledge/sources.ts';

let kb: KnowledgeBase | undefined;
let index: KnowledgeIndex | undefined;

export function realKnowledgeBase(): KnowledgeBase {
  if (!kb) {
    const { files, registry } = loadSources();
    kb = buildKnowledgeBase(files, registry);
  }
  return kb;
}

export function realIndex(): KnowledgeIndex {
  index ??= buildIndex(realKnowledgeBase());
  return index;
}
