/**
 * `npm run kb:diff [-- --since <git revision>]`: what the assistant will answer differently, fact by fact, between
 * the notices at a revision (default: the last commit) and the notices in the working tree — run it after a
 * re-import, before committing.
 */
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { buildKnowledgeBase } from './pipeline/build-kb.ts';
import { diffKnowledgeBases, formatDiff } from './pipeline/diff.ts';
import { parseNoticeFile } from './pipeline/notice-file.ts';
import { loadSources } from './sources.ts';

const { values } = parseArgs({ options: { since: { type: 'string', default: 'HEAD' } } });
const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const { files, registry, thesaurus } = loadSources();
const paths = git('ls-tree', '--name-only', `${values.since}:knowledge/notices`)
  .split('\n')
  .filter((p) => p.endsWith('.txt'));
const before = paths.map((p) => parseNoticeFile(git('show', `${values.since}:knowledge/notices/${p}`), p));
console.log(
  formatDiff(
    diffKnowledgeBases(buildKnowledgeBase(before, registry, thesaurus), buildKnowledgeBase(files, registry, thesaurus)),
  ),
);
