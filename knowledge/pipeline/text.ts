/** Text clean-up shared by the pipeline: what the notices do to whitespace, quotes, bullets and links. */

/** Normalise characters without changing wording: quotes, spaces, markdown emphasis and links. */
export function normaliseCharacters(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u2018\u2019\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201F\u2033]/g, '"')
    .replace(/[\u00A0\u2007\u202F]/g, ' ')
    .replace(/[\u200B-\u200D\uFEFF]/g, '')
    .replace(/\*\*|__/g, '')
    .replace(/\[([^\]]+)\]\((?:#|[^)]*)\)/g, '$1') // [text](link) keeps the text
    .replace(/<((?:https?:\/\/|www\.)[^>\s]+)>/g, '$1'); // <https://…> keeps the address
}

/** Collapse runs of whitespace into single spaces. */
export function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const BULLET =
  /^\s*(?:[-*•·▪●◦‣■□➢➤✓–—]|\(?[a-z]\)|\(?(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\)|\d{1,2}\.\d{1,2}\.?(?=\s)|\d{1,2}[.)](?!\d))\s+/i;

/** Returns the text after a bullet marker, or null when the line is not a bullet. */
export function stripBullet(line: string): string | null {
  const match = BULLET.exec(line);
  return match ? line.slice(match[0].length) : null;
}

export const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
export const URL =
  /\b(?:https?:\/\/[^\s)<>"]+|www\.[^\s)<>"]+|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:gov\.uk|org\.uk|co\.uk|nhs\.uk|ac\.uk)(?:\/[^\s)<>"]*)?)/gi;
/** UK phone numbers as notices write them: 01702 215000, 0303 123 1113, 03031 231113, 0151 934 2610. */
export const PHONE = /(?<![\d.])(?:\+44\s?|0)(?:\d\s?){9,10}(?![\d])/g;
export const POSTCODE = /\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/;

export function hasContactDetail(text: string): boolean {
  return (
    new RegExp(EMAIL.source).test(text) || new RegExp(URL.source, 'i').test(text) || new RegExp(PHONE.source).test(text)
  );
}

export function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}
