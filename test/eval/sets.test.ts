import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadNoticeFiles, loadSources } from '../../knowledge/sources.ts';
import { DEV_SET, LOCKED_SET, loadEvalSet } from './evaluate.ts';

// The evaluation sets are instruments: a fact that is not in its notice, or a notice that does not exist, would
// make a question unpassable or meaningless. Checked mechanically, so the locked set is never read by a person.
const fold = (s: string) =>
  s
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s+/g, ' ')
    .toLowerCase();
const { files: seeds, registry } = loadSources();

describe.each([DEV_SET, LOCKED_SET])('the $name evaluation set', (set) => {
  it('has every folder it names', () => {
    for (const folder of set.folders)
      expect(existsSync(new URL('./questions.jsonl', folder)), folder.pathname).toBe(true);
  });

  it('names only notices it has, and every expected fact is in its notice', () => {
    const problems: string[] = [];
    for (const folder of set.folders) {
      const files = [...seeds, ...loadNoticeFiles(new URL('./notices/', folder))];
      const notices = new Map(files.map((f) => [f.meta.id, f]));
      // A fact may come from the notice, another notice of its council or the council registry: the assistant
      // fills a stripped contact from those.
      const councilText = (council: string) =>
        fold(
          [
            ...files.filter((f) => f.meta.council === council).map((f) => f.body),
            JSON.stringify(registry.find((c) => c.id === council) ?? {}),
          ].join('\n'),
        );
      for (const item of loadEvalSet(new URL('./questions.jsonl', folder))) {
        for (const id of [item.notice, item.session?.notice, item.expect.notice])
          if (id && !notices.has(id)) problems.push(`${item.id}: unknown notice ${id}`);
        const expected = item.expect.notice ? notices.get(item.expect.notice) : undefined;
        const body = expected && councilText(expected.meta.council);
        for (const fact of item.expect.facts) {
          const options = Array.isArray(fact) ? fact : [fact];
          if (body && !options.some((o) => body.includes(fold(o))))
            problems.push(`${item.id}: a fact not in its notice`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('has unique question ids within the set', () => {
    const ids = set.folders
      .filter((f) => existsSync(new URL('./questions.jsonl', f)))
      .flatMap((f) => loadEvalSet(new URL('./questions.jsonl', f)).map((i) => i.id));
    expect(ids.length).toBe(new Set(ids).size);
  });
});
