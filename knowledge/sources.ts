/** Reading the pipeline's inputs from disk: the notice files and the council registry. */
import { readdirSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import * as zm from 'zod/mini';
import { CouncilSchema, ThesaurusEntrySchema, type ThesaurusEntry } from '#core/knowledge-schema.ts';
import { parseNoticeFile, type NoticeFile } from './pipeline/notice-file.ts';
import type { RegistryEntry } from './pipeline/build-kb.ts';

export const NOTICES_DIR = new URL('./notices/', import.meta.url);
export const REGISTRY_FILE = new URL('./councils.yaml', import.meta.url);
export const KB_OUTPUT = new URL('./build/kb.json', import.meta.url);
export const ENGLISH_WORDS_OUTPUT = new URL('./build/english-words.txt', import.meta.url);
export const NON_NOUNS_OUTPUT = new URL('./build/non-noun-words.txt', import.meta.url);
/** The notice audit of the built knowledge base (knowledge/audit), read by the DPO's digest (shared/audit-report.ts). */
export const AUDIT_OUTPUT = new URL('./build/audit.json', import.meta.url);

export function loadNoticeFiles(dir: URL = NOTICES_DIR): NoticeFile[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => parseNoticeFile(readFileSync(new URL(name, dir), 'utf8'), name));
}

export function loadRegistry(file: URL = REGISTRY_FILE): RegistryEntry[] {
  const parsed = z.array(CouncilSchema).safeParse(parseYaml(readFileSync(file, 'utf8'), { schema: 'failsafe' }));
  if (!parsed.success) throw new Error(`knowledge/councils.yaml: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export const THESAURUS_FILE = new URL('./thesaurus.yaml', import.meta.url);

export function loadThesaurus(file: URL = THESAURUS_FILE): ThesaurusEntry[] {
  const parsed = zm.safeParse(zm.array(ThesaurusEntrySchema), parseYaml(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`knowledge/thesaurus.yaml: ${zm.prettifyError(parsed.error)}`);
  return parsed.data;
}

export interface Sources {
  files: NoticeFile[];
  registry: RegistryEntry[];
  thesaurus: ThesaurusEntry[];
}

export function loadSources(): Sources {
  return { files: loadNoticeFiles(), registry: loadRegistry(), thesaurus: loadThesaurus() };
}
