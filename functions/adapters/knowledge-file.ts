/**
 * Loads the knowledge base that `npm run kb:build` wrote, validated against the schema, and its index: from the
 * prebuilt index beside it (kb-index.json) when that was built from this very kb.json, else by building it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildIndex, indexFromJson, indexToJson, type KnowledgeIndex } from '#core/knowledge-index.ts';
import { parseKnowledgeBase, type KnowledgeBase } from '#core/knowledge-schema.ts';
import { wordLists } from './english-words.ts';

export const DEFAULT_KB_PATH = new URL('../../knowledge/build/kb.json', import.meta.url);
/** The prebuilt index's file name, beside kb.json (in a Lambda bundle as in knowledge/build/). */
export const INDEX_FILE = 'kb-index.json';

/** The core's sources, when this module runs from the repository (tsx, tests, the eval); absent in a Lambda bundle. */
const CORE_DIR = new URL('../core/', import.meta.url);

/** Set by esbuild (`define`) when a Lambda is bundled: coreFingerprint() of the code in the bundle. */
declare const KB_INDEX_CORE: string | undefined;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The fingerprint of the code that computes the index: the core modules knowledge-index.ts imports (stemming,
 * thesaurus, cues, weights), read from the repository. A bundle carries no sources: esbuild writes this value into
 * it when it bundles (KB_INDEX_CORE), so a bundle whose kb-index.json came from other code builds its index instead.
 * Undefined when neither is there (a bundle made without the define): then kb.json alone is checked.
 */
export function coreFingerprint(): string | undefined {
  if (typeof KB_INDEX_CORE === 'string') return KB_INDEX_CORE;
  if (!existsSync(fileURLToPath(new URL('knowledge-index.ts', CORE_DIR)))) return undefined;
  const sources = new Map<string, string>();
  const visit = (file: string) => {
    if (sources.has(file)) return;
    const text = readFileSync(new URL(file, CORE_DIR), 'utf8');
    sources.set(file, text);
    for (const [, spec] of text.matchAll(/from '\.\/([\w-]+\.ts)'/g)) visit(spec!);
  };
  visit('knowledge-index.ts');
  return sha256([...sources].sort(([a], [b]) => (a < b ? -1 : 1)).join('\n'));
}

/** What an index is built from: kb.json's text, and the code that computes the index. */
export function indexFingerprint(kbText: string): Record<string, string> {
  const core = coreFingerprint();
  return { kb: sha256(kbText), ...(core ? { core } : {}) };
}

/** kb-index.json's text for this kb.json (what `kb:build` writes beside it). */
export function prebuiltIndexText(kbText: string, kb: KnowledgeBase): string {
  return JSON.stringify(indexToJson(kb, indexFingerprint(kbText)));
}

export interface LoadOptions {
  /** Where the line saying that the index is being built (no usable kb-index.json) goes. */
  warn?: (message: string) => void;
}

export function loadKnowledgeIndex(
  path: URL | string = process.env.KB_PATH ?? DEFAULT_KB_PATH,
  { warn = (message) => console.warn(message) }: LoadOptions = {},
): KnowledgeIndex {
  if (!existsSync(path)) throw new Error(`No knowledge base at ${String(path)}: run "npm run kb:build" first.`);
  const base = path instanceof URL ? path : pathToFileURL(resolve(path));
  // The word lists ship beside kb.json (in a Lambda bundle as in knowledge/build/).
  const options = wordLists(base);
  const kbText = readFileSync(path, 'utf8');
  const prebuilt = new URL(INDEX_FILE, base);
  let why: string;
  if (!existsSync(prebuilt)) why = `no ${INDEX_FILE} beside it`;
  else {
    try {
      const json = JSON.parse(readFileSync(prebuilt, 'utf8')) as { builtFrom?: Record<string, string> };
      why = staleness(json.builtFrom, indexFingerprint(kbText));
      // kb:build validated this very text against this code's schema before it indexed it (the fingerprint says
      // so), so it is not validated again: zod over the whole knowledge base is most of a cold start's parsing.
      if (!why) return indexFromJson(JSON.parse(kbText) as KnowledgeBase, json, options);
    } catch (error) {
      why = `${INDEX_FILE} is unreadable (${(error as Error).message})`;
    }
  }
  warn(
    `Knowledge index: ${why}, so it is built from ${String(path)} at start (run "npm run kb:build" to prebuild it).`,
  );
  return buildIndex(parseKnowledgeBase(JSON.parse(kbText)), options);
}

/** Why an index built from `builtFrom` is not one for `now`, or '' when it is. */
function staleness(builtFrom: Record<string, string> | undefined, now: Record<string, string>): string {
  if (builtFrom?.kb !== now.kb) return `${INDEX_FILE} was built from another kb.json`;
  if (now.core && builtFrom?.core !== now.core) return `${INDEX_FILE} was built by other code in functions/core`;
  return '';
}
