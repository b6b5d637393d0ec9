/** Loads the knowledge base that `npm run kb:build` wrote, validated against the schema, and indexes it. */
import { existsSync, readFileSync } from 'node:fs';
import { buildIndex, type KnowledgeIndex } from '#core/knowledge-index.ts';
import { parseKnowledgeBase } from '#core/knowledge-schema.ts';

export const DEFAULT_KB_PATH = new URL('../../knowledge/build/kb.json', import.meta.url);

export function loadKnowledgeIndex(path: URL | string = process.env.KB_PATH ?? DEFAULT_KB_PATH): KnowledgeIndex {
  if (!existsSync(path)) throw new Error(`No knowledge base at ${String(path)}: run "npm run kb:build" first.`);
  return buildIndex(parseKnowledgeBase(JSON.parse(readFileSync(path, 'utf8'))));
}
