import { describe, expect, it } from 'vitest';
import { importNotice } from '../../knowledge/import/import-notice.ts';
import { buildKnowledgeBase } from '../../knowledge/pipeline/build-kb.ts';
import { parseNoticeFile } from '../../knowledge/pipeline/notice-file.ts';
import { segment } from '../../knowledge/pipeline/segment.ts';
import { loadSources } from '../../knowledge/sources.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const { files, registry, thesaurus } = loadSources();

/** A seed notice as a council's web page would publish it: its sections as headings, paragraphs and lists. */
function asWebPage(body: string, title: string): string {
  const sections = segment(body, title).map(
    (s) =>
      `<h2>${esc(s.heading)}</h2>` +
      s.blocks
        .map((b) =>
          b.kind === 'paragraph'
            ? `<p>${esc(b.text)}</p>`
            : `${b.leadIn ? `<p>${esc(b.leadIn)}</p>` : ''}<ul>${b.items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`,
        )
        .join(''),
  );
  return `<html><body><nav>Home</nav><main><h1>${esc(title)}</h1>${sections.join('')}</main><footer>©</footer></body></html>`;
}

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
