/**
 * Keeping answers in step with published notices: for each notice with a `url`, fetch what is published now
 * and compare it with what was imported — the content hash first, then a fact-level diff of what the assistant
 * would answer differently. Read-only: it never changes the knowledge base (re-import is a deliberate step),
 * and a network failure is a line in the report, never a failure of the check.
 */
import type { ThesaurusEntry } from '#core/knowledge-schema.ts';
import type { RegistryEntry } from '../pipeline/build-kb.ts';
import { buildKnowledgeBase } from '../pipeline/build-kb.ts';
import { diffKnowledgeBases, type NoticeDiff } from '../pipeline/diff.ts';
import { parseNoticeFile, type NoticeFile } from '../pipeline/notice-file.ts';
import { contentHash, importNotice, publishedText } from './import-notice.ts';

export type CheckOutcome =
  | { notice: string; status: 'unchanged' }
  | { notice: string; status: 'changed'; diff: NoticeDiff | undefined }
  | { notice: string; status: 'unreachable'; error: string }
  | { notice: string; status: 'no-url' };

/** Fetches a published document: the real `fetchDocument`, or a reader of local copies in tests and `--local`. */
export type Fetcher = (url: string) => Promise<Uint8Array>;

export async function checkNotices(
  files: NoticeFile[],
  registry: RegistryEntry[],
  thesaurus: ThesaurusEntry[],
  fetcher: Fetcher,
): Promise<CheckOutcome[]> {
  const outcomes: CheckOutcome[] = [];
  let before: ReturnType<typeof buildKnowledgeBase> | undefined;
  for (const file of files) {
    const { id, url, council, title } = file.meta;
    if (!url) {
      outcomes.push({ notice: id, status: 'no-url' });
      continue;
    }
    let bytes: Uint8Array;
    try {
      bytes = await fetcher(url);
    } catch (error) {
      outcomes.push({ notice: id, status: 'unreachable', error: (error as Error).message });
      continue;
    }
    try {
      const text = await publishedText(bytes, url);
      if (file.meta.contentHash && file.meta.contentHash === contentHash(text)) {
        outcomes.push({ notice: id, status: 'unchanged' });
        continue;
      }
      // What the assistant would answer from the page as published now, beside what it answers today.
      const fresh = await importNotice(bytes, url, { council, id, url });
      const republished = parseNoticeFile(
        fresh.file.replace(/^title: .*$/m, `title: ${JSON.stringify(title)}`),
        `${id}.txt`,
      );
      before ??= buildKnowledgeBase(files, registry, thesaurus);
      const after = buildKnowledgeBase(
        files.map((f) => (f.meta.id === id ? republished : f)),
        registry,
        thesaurus,
      );
      const diff = diffKnowledgeBases(before, after).find((d) => d.notice === id);
      outcomes.push(
        diff || !file.meta.contentHash ? { notice: id, status: 'changed', diff } : { notice: id, status: 'unchanged' },
      );
    } catch (error) {
      outcomes.push({
        notice: id,
        status: 'unreachable',
        error: `the published document could not be read: ${(error as Error).message}`,
      });
    }
  }
  return outcomes;
}

export function formatCheck(outcomes: CheckOutcome[]): string {
  const lines: string[] = [];
  for (const o of outcomes) {
    if (o.status === 'unchanged') lines.push(`${o.notice}: unchanged since import`);
    else if (o.status === 'no-url') lines.push(`${o.notice}: no url in its front-matter, not checked`);
    else if (o.status === 'unreachable') lines.push(`${o.notice}: could not check (${o.error})`);
    else if (!o.diff) lines.push(`${o.notice}: the page changed, but no answer would change`);
    else {
      const { changed, added, removed } = o.diff;
      lines.push(
        `${o.notice}: CHANGED since import — ${changed.length} fact(s) changed, ${added.length} added, ${removed.length} removed; re-import with npm run kb:import -- <url> --council … --replace`,
      );
      for (const c of changed) lines.push(`  ~ ${c.summary}`);
      for (const c of added) lines.push(`  + ${c.summary}`);
      for (const c of removed) lines.push(`  - ${c.summary}`);
    }
  }
  return lines.join('\n');
}
