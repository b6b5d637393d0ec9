/**
 * `kb:import`'s core: a published document (web page, Word, PDF) → a notice file in the pipeline's format, with
 * a report of what was dropped and what looks wrong. Refuses clearly what is not a privacy notice.
 */
import { stringify } from 'yaml';
import { DANGLING } from '../pipeline/segment.ts';
import { contentHash } from './content-hash.ts';
import { htmlToNotice, type Extracted } from './html.ts';
import { ImportError } from './import-error.ts';
import { pdfToNotice } from './pdf.ts';

export { ImportError };

export interface ImportOptions {
  council: string;
  /** The notice id (default: council + the service named in the title). */
  id?: string;
  /** Where it is published (for a URL import, the URL). */
  url?: string;
}

export interface ImportResult {
  id: string;
  /** The notice file: front-matter and text. */
  file: string;
  dropped: string[];
  warnings: string[];
}

/** Words a privacy notice cannot do without. */
const PRIVACY_VOCABULARY =
  /\b(?:personal (?:data|information)|privacy|data protection|gdpr|data controller|information commissioner|your information)\b/gi;

export type DocumentKind = 'html' | 'docx' | 'pdf';

export function kindOf(bytes: Uint8Array, name = ''): DocumentKind {
  const head = new TextDecoder().decode(bytes.slice(0, 5));
  if (head.startsWith('%PDF')) return 'pdf';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    if (/\.docx$/i.test(name) || !/\.(?:zip|xlsx|pptx)$/i.test(name)) return 'docx';
    throw new ImportError(`${name} is not a Word document, a PDF or a web page`);
  }
  return 'html';
}

async function extract(bytes: Uint8Array, kind: DocumentKind): Promise<Extracted> {
  if (kind === 'pdf') return pdfToNotice(bytes);
  if (kind === 'docx') {
    const mammoth = await import('mammoth');
    // Word heading styles become <h1>…<h6>, lists <ul>/<ol>, tables <table>: then the web-page path.
    const { value, messages } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
    const extracted = htmlToNotice(value);
    return { ...extracted, warnings: [...extracted.warnings, ...messages.map((m) => `Word: ${m.message}`)] };
  }
  return htmlToNotice(new TextDecoder().decode(bytes));
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/\bprivacy (?:notice|policy|statement)\b/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);

export async function importNotice(bytes: Uint8Array, name: string, options: ImportOptions): Promise<ImportResult> {
  const kind = kindOf(bytes, name);
  const extracted = await extract(bytes, kind);
  const vocabulary = new Set((extracted.text.match(PRIVACY_VOCABULARY) ?? []).map((w) => w.toLowerCase()));
  if (vocabulary.size < 2)
    throw new ImportError(
      `${name} does not read as a privacy notice (it hardly mentions personal information, privacy or data protection)`,
    );
  const title =
    extracted.title && /privacy|data protection/i.test(extracted.title)
      ? extracted.title
      : `${extracted.title ?? 'Service'} Privacy Notice`;
  const id = options.id ?? `${options.council}-${slug(extracted.title ?? name) || 'notice'}`;
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id))
    throw new ImportError(`"${id}" is not a notice id (lower-case letters, digits, hyphens)`);
  const suspicious = extracted.text
    .split('\n')
    .filter((line) => line.length > 20 && DANGLING.test(line) && !/:$/.test(line))
    .map((line) => `ends where a link or address used to be: "…${line.slice(-50)}"`);
  const meta = {
    id,
    council: options.council,
    title,
    ...(options.url ? { url: options.url } : {}),
    ...(extracted.reviewed ? { reviewed: extracted.reviewed } : {}),
    contentHash: contentHash(extracted.text),
  };
  const file = `---\n${stringify(meta).trim()}\n---\n${extracted.text}`;
  return { id, file, dropped: extracted.dropped, warnings: [...extracted.warnings, ...suspicious] };
}

/** The hash kb:check compares (content-hash.ts): of the text as imported. */
export { contentHash };

/** The text a published document gives now, for comparing with what was imported. */
export async function publishedText(bytes: Uint8Array, name: string): Promise<string> {
  return (await extract(bytes, kindOf(bytes, name))).text;
}
