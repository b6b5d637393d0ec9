/**
 * A notice published as a PDF → notice text: text in reading order (lines by position on the page), headings
 * from font size, running headers and footers (the same line at the top or bottom of most pages) and page
 * numbers removed, words hyphenated across a line end joined. Refuses clearly a PDF with no text layer (a
 * scan) and an encrypted one.
 */
import { getDocumentProxy } from 'unpdf';
import type { Extracted } from './html.ts';
import { reviewedDate } from './html.ts';
import { ImportError } from './import-error.ts';

interface Line {
  text: string;
  y: number;
  size: number;
  page: number;
}

const PAGE_NUMBER = /^(?:page\s*)?\d{1,3}(?:\s*(?:of|\/)\s*\d{1,3})?$/i;
const furnitureKey = (text: string) => text.replace(/\d+/g, '#').replace(/\s+/g, ' ').trim().toLowerCase();

async function readLines(data: Uint8Array): Promise<Line[][]> {
  let pdf;
  try {
    // A copy: pdf.js takes over (detaches) the buffer it is given, and the caller's bytes are read again (kb:check
    // hashes the text, then imports the same bytes).
    pdf = await getDocumentProxy(data.slice());
  } catch (error) {
    const name = (error as { name?: string }).name ?? '';
    if (/password/i.test(name) || /password|encrypt/i.test(String((error as Error).message)))
      throw new ImportError('this PDF is encrypted: ask for an unprotected copy or the web page');
    throw new ImportError(`this file could not be read as a PDF (${(error as Error).message})`);
  }
  const pages: Line[][] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const content = await page.getTextContent();
    const byRow = new Map<number, { x: number; str: string; size: number }[]>();
    for (const item of content.items as { str: string; transform: number[] }[]) {
      if (!item.str) continue;
      const [a, b, , , x, y] = item.transform as [number, number, number, number, number, number];
      const row = Math.round(y);
      const list = byRow.get(row) ?? [];
      list.push({ x, str: item.str, size: Math.hypot(a, b) });
      byRow.set(row, list);
    }
    const lines = [...byRow]
      .sort((p, q) => q[0] - p[0]) // top of the page first
      .map(([y, items]) => {
        items.sort((p, q) => p.x - q.x);
        return {
          text: items
            .map((i) => i.str)
            .join('')
            .replace(/\s+/g, ' ')
            .trim(),
          y,
          size: Math.max(...items.map((i) => i.size)),
          page: n,
        };
      })
      .filter((l) => l.text);
    pages.push(lines);
  }
  return pages;
}

export async function pdfToNotice(data: Uint8Array): Promise<Extracted> {
  const pages = await readLines(data);
  const all = pages.flat();
  if (all.length === 0)
    throw new ImportError('this PDF has no text layer (a scanned image?): OCR it or use the web page');

  const dropped: string[] = [];
  // A line at the top or bottom of most pages is a running header or footer.
  const edgeCounts = new Map<string, number>();
  for (const lines of pages)
    for (const line of new Set([lines[0], lines.at(-1)].filter(Boolean) as Line[]))
      edgeCounts.set(furnitureKey(line.text), (edgeCounts.get(furnitureKey(line.text)) ?? 0) + 1);
  const running = (line: Line) =>
    pages.length >= 2 && (edgeCounts.get(furnitureKey(line.text)) ?? 0) >= Math.max(2, pages.length / 2);

  const sizes = all.map((l) => l.size).sort((p, q) => p - q);
  const body = sizes[Math.floor(sizes.length / 2)]!;
  const out: string[] = [];
  for (const lines of pages) {
    let previous: Line | undefined;
    for (const line of lines) {
      const isEdge = line === lines[0] || line === lines.at(-1);
      if ((isEdge && running(line)) || PAGE_NUMBER.test(line.text)) {
        dropped.push(`page furniture: ${line.text}`);
        continue;
      }
      const heading = line.size >= body * 1.15;
      const gap = previous ? previous.y - line.y : 0;
      const last = out.at(-1) ?? '';
      if (heading) {
        out.push('', line.text, '');
      } else if (/-$/.test(last) && /^[a-z]/.test(line.text)) {
        out[out.length - 1] = last.slice(0, -1) + line.text; // hyphenation at a line end
      } else {
        if (previous && gap > previous.size * 1.8) out.push('');
        out.push(line.text.replace(/^[•▪●◦‣]\s*/, '- '));
      }
      previous = line;
    }
  }
  const text = out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  const first = all.find((l) => l.size >= body * 1.15)?.text;
  const reviewed = reviewedDate(text);
  return {
    text: `${text}\n`,
    ...(first ? { title: first } : {}),
    ...(reviewed ? { reviewed } : {}),
    dropped,
    warnings: [],
  };
}
