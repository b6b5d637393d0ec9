/**
 * DOM helpers for the widget. Everything from the server or the person goes on the page as text (textContent),
 * never as HTML; the only links made are http(s) and mailto, so nothing can become javascript:.
 */
import { MONTHS } from '../../../core/long-date.ts';

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  Object.assign(node, props);
  for (const child of children) node.append(child);
  return node;
}

/** Only http(s) links are ever followed: a notice URL cannot become javascript:. 'www.…' gets https://. */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const withScheme = /^https?:\/\//i.test(url) ? url : /^www\./i.test(url) ? `https://${url}` : undefined;
  try {
    return withScheme && ['http:', 'https:'].includes(new URL(withScheme).protocol) ? withScheme : undefined;
  } catch {
    return undefined;
  }
}

/** A link the host page gave (http(s), mailto or a path on its own site), or undefined for anything else. */
export function pageHref(anchor: HTMLAnchorElement): string | undefined {
  try {
    const url = new URL(anchor.getAttribute('href') ?? '', location.href);
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** A link that opens in a new tab and says so to screen readers. */
export function outLink(href: string, text: string, className?: string): HTMLAnchorElement {
  const link = el('a', { href, target: '_blank', rel: 'noopener', textContent: text });
  if (className) link.className = className;
  link.append(el('span', { className: 'visually-hidden', textContent: ' (opens in a new tab)' }));
  return link;
}

/**
 * Web addresses and e-mail addresses in a line: "visit www.kent.gov.uk.", "https://…", "jo@kent.gov.uk", and a bare
 * domain on a public suffix people recognise ("ico.org.uk", "kent.gov.uk/bins"). The full stop after one is not
 * the link's. E-mail addresses are tried before bare domains, so "dpo@kent.gov.uk" is one mailto link.
 */
const LINKABLE =
  /\b(?:https?:\/\/|www\.)[^\s<>"]+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b(?:[a-z0-9-]+\.)+(?:gov|org|co|nhs|ac|police|ltd|me|net)\.uk\b(?:\/[^\s<>"]*)?/gi;

/** A line as text nodes, with its web and e-mail addresses as real links (http, https and mailto only). */
export function linkified(line: string): (Node | string)[] {
  const parts: (Node | string)[] = [];
  let at = 0;
  for (const match of line.matchAll(LINKABLE)) {
    const found = match[0].replace(/[.,;:!?)]+$/, '');
    const start = match.index;
    const web = /^(?:https?:|www\.)/i.test(found);
    const href = found.includes('@') && !web ? `mailto:${found}` : safeUrl(web ? found : `https://${found}`);
    if (!href) continue;
    if (start > at) parts.push(line.slice(at, start));
    parts.push(href.startsWith('mailto:') ? el('a', { href, textContent: found }) : outLink(href, found));
    at = start + found.length;
  }
  if (at < line.length) parts.push(line.slice(at));
  return parts;
}

/** Text with "- " lines as a list, written with textContent only (addresses as links). */
export function renderText(text: string): HTMLElement {
  const box = el('div', { className: 'text' });
  let list: HTMLUListElement | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('- ')) {
      list ??= box.appendChild(el('ul'));
      list.append(el('li', {}, ...linkified(line.slice(2))));
    } else {
      list = undefined;
      box.append(el('p', {}, ...linkified(line)));
    }
  }
  return box;
}

/** Black or white text, whichever reads better on the council's colour. */
export function textOn(hex: string): string {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) ? '#0b0c0c' : '#ffffff';
}

/** One key per form, so a double click or a retry creates one case. randomUUID needs a secure context. */
export function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** ' (updated May 2025)' from a notice's 'reviewed: 2025-05', or nothing. */
export function updated(reviewed: string | undefined): string {
  const match = reviewed && /^(\d{4})-(\d{2})/.exec(reviewed);
  return match ? ` (updated ${MONTHS[Number(match[2]) - 1]} ${match[1]})` : '';
}

/** A group of controls with an accessible name. */
export function group(className: string, label: string, ...children: Node[]): HTMLElement {
  const box = el('div', { className }, ...children);
  box.setAttribute('role', 'group');
  box.setAttribute('aria-label', label);
  return box;
}
