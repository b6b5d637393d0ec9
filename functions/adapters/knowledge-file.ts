/** Loads the knowledge base that `npm run kb:build` wrote, validated against the schema, and indexes it. */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIndex, type KnowledgeIndex } from '#core/knowledge-index.ts';
import { parseKnowledgeBase } from '#core/knowledge-schema.ts';
import { englishWords } from './english-words.ts';

export const DEFAULT_KB_PATH = new URL('../../knowledge/build/kb.json', import.meta.url);

export function loadKnowledgeIndex(path: URL | string = process.env.KB_PATH ?? DEFAULT_KB_PATH): KnowledgeIndex {
  if (!existsSync(path)) throw new Error(`No knowledge base at ${String(path)}: run "npm run kb:build" first.`);
  // The word list ships beside kb.json (in a Lambda bundle as in knowledge/build/).
  const words = new URL('english-words.txt', path instanceof URL ? path : pathToFileURL(resolve(path)));
  return buildIndex(parseKnowledgeBase(JSON.parse(readFileSync(path, 'utf8'))), { isEnglish: englishWords(words) });
}
