/** A notice as a council's web page would publish it, for the import and published-check tests. */
import { segment } from '../../knowledge/pipeline/segment.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** Its sections as headings, paragraphs and lists, inside site navigation and a footer. */
export function asWebPage(body: string, title: string): string {
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
