/**
 * A council's web page (or a Word document converted to HTML) → notice text in the format the pipeline reads:
 * headings on lines of their own, lists as "- " bullets, tables as "|" rows, links kept as their text plus the
 * address where the address is the information (mailto:, tel:, a form). Only the main content: navigation,
 * cookie banners, breadcrumbs, feedback widgets, forms and footers are dropped and reported. Accordion and
 * <details> sections are read open. Cloudflare-obfuscated e-mail addresses are decoded.
 */
import { parseHTML } from 'linkedom';

export interface Extracted {
  /** The notice text (no front-matter). */
  text: string;
  /** The page's own title (h1, else <title>). */
  title?: string;
  /** A "last updated" / "reviewed" date the page states, as YYYY-MM or YYYY-MM-DD. */
  reviewed?: string;
  /** What was dropped, by kind ("navigation", "cookie banner"…), with a short sample. */
  dropped: string[];
  /** Anything a person should look at: a table that could not be read, an address that could not be decoded. */
  warnings: string[];
}

/** Containers that are page furniture, not the notice, by element, role, id or class. */
const FURNITURE: [string, string][] = [
  ['navigation', 'nav, [role="navigation"], .nav, .navbar, .menu, .skip-link, .govuk-skip-link, #skip-link'],
  ['header', 'header, [role="banner"], .site-header, .govuk-header'],
  ['footer', 'footer, [role="contentinfo"], .site-footer, .govuk-footer'],
  ['cookie banner', '[id*="cookie" i], [class*="cookie" i], [aria-label*="cookie" i]'],
  ['breadcrumbs', '[class*="breadcrumb" i], [id*="breadcrumb" i], [aria-label*="breadcrumb" i]'],
  ['feedback widget', '[class*="feedback" i], [id*="feedback" i], [class*="page-useful" i], [class*="helpful" i]'],
  ['sidebar', 'aside, [role="complementary"], .sidebar, .related-links'],
  ['form', 'form, button, input, select, textarea'],
  ['script', 'script, style, noscript, template, svg, iframe'],
  ['page tools', '[class*="print" i], [class*="share" i], [class*="social" i]'],
];

/** Where the main content is, most specific first. */
const MAIN = ['main', '[role="main"]', 'article', '#main-content', '#content', '.content', '.main-content', 'body'];

const BLOCKS = new Set(['P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'BLOCKQUOTE', 'ADDRESS', 'DD', 'DT', 'FIGCAPTION']);
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Cloudflare's e-mail protection: the first byte is the key, XORed with every following byte. */
export function decodeCloudflareEmail(hex: string): string | undefined {
  if (!/^(?:[0-9a-f]{2})+$/i.test(hex) || hex.length < 4) return undefined;
  const key = parseInt(hex.slice(0, 2), 16);
  let out = '';
  for (let i = 2; i < hex.length; i += 2) out += String.fromCharCode(parseInt(hex.slice(i, i + 2), 16) ^ key);
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(out) ? out : undefined;
}

/** A stated review date: "Last updated: 12 May 2025", "Reviewed March 2025", "Date of review: 2025-03". */
export function reviewedDate(text: string): string | undefined {
  const months = 'january february march april may june july august september october november december'.split(' ');
  const m =
    /\b(?:last (?:updated|reviewed|modified)|updated|reviewed|review date|date of (?:last )?review|version date|page last updated)\b[:\s-]*(?:on\s+)?(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?(january|february|march|april|may|june|july|august|september|october|november|december)\s+(\d{4})/i.exec(
      text,
    );
  if (m) {
    const month = String(months.indexOf(m[2]!.toLowerCase()) + 1).padStart(2, '0');
    return m[1] ? `${m[3]}-${month}-${m[1].padStart(2, '0')}` : `${m[3]}-${month}`;
  }
  const iso = /\b(?:last updated|updated|reviewed|review date)\b[:\s-]*(\d{4})-(\d{2})(?:-(\d{2}))?\b/i.exec(text);
  if (iso) return iso[3] ? `${iso[1]}-${iso[2]}-${iso[3]}` : `${iso[1]}-${iso[2]}`;
  const numeric = /\b(?:last updated|updated|reviewed)\b[:\s-]*(\d{1,2})\/(\d{1,2})\/(\d{4})\b/i.exec(text);
  if (numeric) return `${numeric[3]}-${numeric[2]!.padStart(2, '0')}-${numeric[1]!.padStart(2, '0')}`;
  return undefined;
}

export function htmlToNotice(html: string): Extracted {
  // A fragment (mammoth's output from Word) is read as a page's body.
  const page = /<(?:html|body)[\s>]/i.test(html) ? html : `<!doctype html><html><body>${html}</body></html>`;
  const { document } = parseHTML(page);
  // Read before the furniture goes: the date is often in the footer ("Page last updated: …").
  const reviewed = reviewedDate(squash(document.documentElement.textContent ?? ''));
  const dropped: string[] = [];
  const warnings: string[] = [];
  // Decode obfuscated addresses before anything else reads the text.
  decodeHiddenEmails(document, warnings);
  dropFurniture(document, dropped);

  const root = MAIN.map((s) => document.querySelector(s)).find(Boolean) ?? document.documentElement;
  const lines: string[] = [];
  writeBlocks(root, (line = '') => lines.push(line), warnings);

  const text = lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  const title = squash(document.querySelector('h1')?.textContent ?? document.querySelector('title')?.textContent ?? '');
  return { text: `${text}\n`, ...(title ? { title } : {}), ...(reviewed ? { reviewed } : {}), dropped, warnings };
}

type Page = ReturnType<typeof parseHTML>['document'];

/** Addresses a site hid from scrapers (Cloudflare's email protection) put back as text. */
function decodeHiddenEmails(document: Page, warnings: string[]): void {
  for (const el of document.querySelectorAll('[data-cfemail]')) {
    const email = decodeCloudflareEmail(el.getAttribute('data-cfemail') ?? '');
    if (email) el.replaceWith(document.createTextNode(email));
    else warnings.push('an e-mail address hidden by the site could not be decoded');
  }
  for (const a of document.querySelectorAll('a[href*="/cdn-cgi/l/email-protection#"]')) {
    const email = decodeCloudflareEmail((a.getAttribute('href') ?? '').split('#')[1] ?? '');
    if (email) a.replaceWith(document.createTextNode(email));
  }
}

/** Removes the site's furniture (navigation, cookie banners, footers …), noting a sample of each in `dropped`. */
function dropFurniture(document: Page, dropped: string[]): void {
  for (const [kind, selector] of FURNITURE) {
    for (const el of (document.body ?? document.documentElement).querySelectorAll(selector)) {
      // An accordion's toggle button is its section's heading: keep it as one, drop the control.
      if (el.tagName === 'BUTTON' && el.closest('[class*="accordion" i], [class*="collapse" i], details')) {
        const heading = document.createElement('h3');
        heading.textContent = el.textContent ?? '';
        el.replaceWith(heading);
        continue;
      }
      const sample = squash(el.textContent ?? '').slice(0, 60);
      if (sample) dropped.push(`${kind}: ${sample}`);
      el.remove();
    }
  }
}

/** An element's text as one run: line breaks kept, a link's address added when it is a contact or a form. */
function inline(node: Node): string {
  if (node.nodeType === 3) return node.textContent ?? '';
  if (node.nodeType !== 1) return '';
  const el = node as Element;
  if (el.tagName === 'BR') return '\n';
  const inner = [...el.childNodes].map(inline).join('');
  if (el.tagName === 'A') {
    const href = el.getAttribute('href') ?? '';
    const label = squash(inner);
    const address = href.startsWith('mailto:')
      ? decodeURIComponent(href.slice(7).split('?')[0]!)
      : href.startsWith('tel:')
        ? href.slice(4)
        : /^https?:\/\//.test(href) && /form|apply|request|contact|ico\.org\.uk/i.test(`${label} ${href}`)
          ? href
          : '';
    return address && !label.includes(address) ? `${label} (${address})` : inner;
  }
  return inner;
}

/** The notice's blocks as lines: headings between blank lines, list items as "- …", table rows as "a | b". */
function writeBlocks(node: Element, push: (line?: string) => void, warnings: string[]): void {
  for (const child of [...node.children]) {
    const tag = child.tagName;
    if (/^H[1-6]$/.test(tag) || tag === 'SUMMARY') {
      push();
      push(squash(inline(child)));
      push();
    } else if (tag === 'UL' || tag === 'OL') {
      writeList(child, push);
    } else if (tag === 'TABLE') {
      writeTable(child, push, warnings);
    } else if (tag === 'DETAILS' || BLOCKS.has(tag) || tag === 'DL') {
      const hasBlocks = [...child.children].some(
        (c) => BLOCKS.has(c.tagName) || /^(?:H[1-6]|UL|OL|TABLE|DETAILS|SUMMARY|DL)$/.test(c.tagName),
      );
      if (hasBlocks) writeBlocks(child, push, warnings);
      else {
        const text = inline(child).split('\n').map(squash).filter(Boolean);
        if (text.length) {
          for (const t of text) push(t);
          push();
        }
      }
    } else if (tag !== 'HR' && tag !== 'IMG') {
      const text = squash(inline(child));
      if (text) {
        push(text);
        push();
      }
    }
  }
}

function writeList(list: Element, push: (line?: string) => void): void {
  for (const li of list.querySelectorAll(':scope > li')) {
    const nested = [...li.children].filter((c) => c.tagName === 'UL' || c.tagName === 'OL');
    for (const n of nested) n.remove();
    push(`- ${squash(inline(li))}`);
    for (const n of nested) for (const sub of n.querySelectorAll('li')) push(`- ${squash(inline(sub))}`);
  }
  push();
}

function writeTable(table: Element, push: (line?: string) => void, warnings: string[]): void {
  const rows = [...table.querySelectorAll('tr')].map((tr) =>
    [...tr.querySelectorAll('th, td')].map((cell) => squash(inline(cell)).replace(/\|/g, '/')),
  );
  if (!rows.length || rows.every((r) => r.length < 2)) {
    warnings.push(`a table with ${rows.length} row(s) of one cell was read as text`);
    for (const r of rows) if (r[0]) push(r[0]);
  } else for (const r of rows) push(r.join(' | '));
  push();
}
