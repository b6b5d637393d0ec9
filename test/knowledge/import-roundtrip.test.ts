import { describe, expect, it } from 'vitest';
import { importNotice } from '../../knowledge/import/import-notice.ts';
import { buildKnowledgeBase } from '../../knowledge/pipeline/build-kb.ts';
import { parseNoticeFile } from '../../knowledge/pipeline/notice-file.ts';
import { loadSources } from '../../knowledge/sources.ts';
import { asWebPage } from './web-page.ts';

const { files, registry, thesaurus } = loadSources();

const factsOf = (file: ReturnType<typeof parseNoticeFile>) =>
  buildKnowledgeBase([file], registry, thesaurus).notices[0]!.facts.map((f) => `${f.topic} | ${f.text}`);

describe('the seeds re-imported from a web-page rendering of themselves', () => {
  it.each(files.map((f) => [f.meta.id, f] as const))('%s gives the same facts as today', async (id, file) => {
    const imported = await importNotice(new TextEncoder().encode(asWebPage(file.body, file.meta.title)), `${id}.html`, {
      council: file.meta.council,
      id,
    });
    const reread = parseNoticeFile(
      imported.file.replace(/^title: .*$/m, `title: ${JSON.stringify(file.meta.title)}`),
      `${id}.txt`,
    );
    // The same facts under the same topics (a sentence filed under two topics may list them in either order).
    expect(factsOf(reread).sort()).toEqual(factsOf(file).sort());
  });
});
