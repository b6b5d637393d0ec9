/**
 * `npm run kb:check [-- --local <dir>]`: fetches each notice's `url` (or reads `<dir>/<id>.html|.pdf|.docx`)
 * and reports for the DPO which notices changed since import and what the assistant would now answer
 * differently. Never changes the knowledge base; network failures are reported and the check goes on.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { checkNotices, formatCheck, type Fetcher } from './import/check.ts';
import { fetchDocument } from './import/fetch.ts';
import { buildKnowledgeBase } from './pipeline/build-kb.ts';
import { loadSources } from './sources.ts';

const { values } = parseArgs({ options: { local: { type: 'string' } } });
const { files, registry, thesaurus } = loadSources();
const byUrl = new Map(files.map((f) => [f.meta.url, f.meta.id]));
const fetcher: Fetcher = values.local
  ? async (url) => {
      const id = byUrl.get(url)!;
      const found = ['html', 'htm', 'pdf', 'docx'].map((ext) => join(values.local!, `${id}.${ext}`)).find(existsSync);
      if (!found) throw new Error(`no local copy of ${id} in ${values.local}`);
      return new Uint8Array(readFileSync(found));
    }
  : async (url) => (await fetchDocument(url)).bytes;

checkNotices(buildKnowledgeBase(files, registry, thesaurus), fetcher)
  .then((outcomes) => console.log(formatCheck(outcomes)))
  .catch((error: unknown) => {
    console.error(`kb:check: ${(error as Error).message}`);
    process.exitCode = 1;
  });
