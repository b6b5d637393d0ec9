import { describe, expect, it } from 'vitest';
import { buildKnowledgeBase } from '../../knowledge/pipeline/build-kb.ts';
import { diffKnowledgeBases, formatDiff } from '../../knowledge/pipeline/diff.ts';
import { parseNoticeFile } from '../../knowledge/pipeline/notice-file.ts';
import { loadSources } from '../../knowledge/sources.ts';

const { files, registry, thesaurus } = loadSources();
const build = (edit: (body: string) => string) =>
  buildKnowledgeBase(
    files.map((f) =>
      f.meta.id === 'southend-childrens-services'
        ? parseNoticeFile(
            `---\n${Object.entries(f.meta)
              .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
              .join('\n')}\n---\n${edit(f.body)}`,
            `${f.meta.id}.txt`,
          )
        : f,
    ),
    registry,
    thesaurus,
  );

describe('kb:diff: what the assistant would answer differently', () => {
  const before = build((b) => b);

  it('finds nothing between a build and itself', () => {
    expect(
      diffKnowledgeBases(
        before,
        build((b) => b),
      ),
    ).toEqual([]);
    expect(formatDiff([])).toMatch(/answer as before/);
  });

  it('says a retention period changed as the DPO would put it', () => {
    const after = build((b) => b.replace('100 years for adoption records', '75 years for adoption records'));
    const [diff] = diffKnowledgeBases(before, after);
    expect(diff?.notice).toBe('southend-childrens-services');
    expect(diff?.changed.map((c) => c.summary)).toEqual(['retention of adoption records: 100 years → 75 years']);
  });

  it('lists a sentence added and one removed', () => {
    const after = build((b) =>
      b
        .replace(/^.*Liquidlogic.*$/m, '')
        .concat('\nWe share information with the Home Office where immigration status affects the support we give.\n'),
    );
    const [diff] = diffKnowledgeBases(before, after);
    expect(diff?.added.some((c) => c.summary.includes('Home Office'))).toBe(true);
    expect(diff?.removed.some((c) => c.summary.includes('Liquidlogic'))).toBe(true);
  });
});
