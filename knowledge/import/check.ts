/**
 * Keeping answers in step with published notices: for each notice with a `url`, fetch what is published now
 * and compare it with what was imported — the content hash first, then a fact-level diff of what the assistant
 * would answer differently. Works from a built knowledge base, so `kb:check` and the weekly digest in AWS run the
 * same check. Read-only: it never changes the knowledge base (re-import is a deliberate step), and a network
 * failure is a line in the report, never a failure of the check.
 */
import type { KnowledgeBase } from '#core/knowledge-schema.ts';
import { buildKnowledgeBase } from '../pipeline/build-kb.ts';
import { diffKnowledgeBases, type NoticeDiff } from '../pipeline/diff.ts';
import { parseNoticeFile } from '../pipeline/notice-file.ts';
import { contentHash, importNotice, publishedText } from './import-notice.ts';

export type CheckOutcome = { notice: string; council: string } & (
  | { status: 'unchanged' }
  | { status: 'changed'; url: string; diff: NoticeDiff | undefined }
  | { status: 'unreachable'; error: string }
  | { status: 'no-url' }
);

/** Fetches a published document: the real `fetchDocument`, or a reader of local copies in tests and `--local`. */
export type Fetcher = (url: string) => Promise<Uint8Array>;

export async function checkNotices(kb: KnowledgeBase, fetcher: Fetcher): Promise<CheckOutcome[]> {
  const outcomes: CheckOutcome[] = [];
  for (const notice of kb.notices) {
    const { id, url, council, title } = notice;
    const base = { notice: id, council };
    if (!url) {
      outcomes.push({ ...base, status: 'no-url' });
      continue;
    }
    let bytes: Uint8Array;
    try {
      bytes = await fetcher(url);
    } catch (error) {
      outcomes.push({ ...base, status: 'unreachable', error: (error as Error).message });
      continue;
    }
    try {
      const text = await publishedText(bytes, url);
      if (notice.contentHash && notice.contentHash === contentHash(text)) {
        outcomes.push({ ...base, status: 'unchanged' });
        continue;
      }
      // What the assistant would answer from the page as published now, beside what it answers today.
      const fresh = await importNotice(bytes, url, { council, id, url });
      const file = parseNoticeFile(fresh.file.replace(/^title: .*$/m, `title: ${JSON.stringify(title)}`), `${id}.txt`);
      const now = buildKnowledgeBase([file], kb.councils, kb.thesaurus).notices;
      const diff = diffKnowledgeBases({ notices: [notice] }, { notices: now })[0];
      outcomes.push(
        diff || !notice.contentHash ? { ...base, status: 'changed', url, diff } : { ...base, status: 'unchanged' },
      );
    } catch (error) {
      outcomes.push({
        ...base,
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
        `${o.notice}: CHANGED since import — ${changed.length} fact(s) changed, ${added.length} added, ${removed.length} removed; the assistant answers from the imported text until it is re-imported (npm run kb:import -- ${o.url} --council ${o.council} --id ${o.notice} --replace)`,
      );
      for (const c of changed) lines.push(`  ~ ${c.summary}`);
      for (const c of added) lines.push(`  + ${c.summary}`);
      for (const c of removed) lines.push(`  - ${c.summary}`);
    }
  }
  return lines.join('\n');
}
