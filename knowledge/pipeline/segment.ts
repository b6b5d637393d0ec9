/**
 * Segmentation: notice text → sections of blocks (paragraphs and lists with their lead-in).
 *
 * Notices arrive in many layouts: headings as questions, statements, numbered, upper-case or markdown;
 * tables of contents with page numbers; blank-line-separated paragraphs or one line per paragraph;
 * bullets in several styles; paragraphs broken across lines. Nothing here knows a particular notice.
 */
import { hasContactDetail, normaliseCharacters, squash, stripBullet, words } from './text.ts';

export type Block = { kind: 'paragraph'; text: string } | { kind: 'list'; leadIn?: string; items: string[] };

export interface Section {
  heading: string;
  /** Headings of empty sections just above this one ("The personal information we collect" › "Information collected by us"). */
  parents: string[];
  /** Written as a sub-heading ("Personal information:"): it belongs to the topic of the heading above it. */
  subheading: boolean;
  blocks: Block[];
}

interface Unit {
  kind: 'line' | 'bullet';
  text: string;
  /** The line as published (a numbered heading keeps its number). */
  raw: string;
  blankBefore: boolean;
  numbered: boolean;
  /** A row of a table written with | separators. */
  table?: boolean;
}

/** "Where it comes from", "Who we share it with": a question without its question mark. */
const WH_HEADING = /^(?:where|what|who|why|how|when|which)\b(?:\s+\S+){1,7}$/i;
const CONTACT_LABEL = /^(?:Tel|Telephone|Phone|Mobile|Email|E-mail|Address|Post|Website|Web)\b\.?:?/i;
const TABLE_ROW = /\S\s*\|\s*\S/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/;
/** Words that open a new sentence: a line starting with one is not the rest of the line above it. */
const SENTENCE_OPENER =
  /^(?:If|We|You|Your|The|This|These|Our|For|To|Please|Alternatively|When|Where|In|All|Any|Information|Data)\b/;

const TERMINAL = /[.!?;]["')\]]?$/;
/**
 * A line ending in a comma, an article, a conjunction, a possessive or an auxiliary stops mid-sentence: it is never
 * a heading, and the line below it is its continuation ("…we also receive it from the" / "Disclosure and Barring…").
 */
const MID_SENTENCE =
  /(?:,|\b(?:the|a|an|and|or|nor|but|our|your|their|its|his|her|is|are|was|were|be|been|being|will|must|may|can|could|should|would|shall|has|have|had|that|which|whose|including|such as|than|per|via|e\.g\.|i\.e\.))\s*$/i;
const ENDS_IN_PREPOSITION =
  /\b(?:of|to|for|with|from|in|on|at|by|under|into|about|within|between|after|before|until)\s*$/i;
/** In a paragraph hard-wrapped at a width, a line this close to the widest line was broken by the wrapping. */
const FULL_LINE = 0.7;
const WRAP_WIDTH = 60;
const QA_MARKER = /^\s*(?:Q|A|Question|Answer)\s*[:.)]\s+/;
/** A sentence that stops where a stripped link or address used to be. */
export const DANGLING = /(?:\b(?:at|to|on|via|visit|from|see)|:-?|,)\s*$/i;
const PAGE_MARKER = /(?:\s*\.{2,}\s*|\t+\s*|\s{2,})\S{1,3}\s*$|(?<=[a-z?)])\d{1,3}\s*$/i;
// "On this page", a web page's list of its own sections, is a table of contents without page numbers.
const CONTENTS_LABEL =
  /^\s*(?:table of contents|contents|on this page|in this section|page contents|jump to)\s*:?\s*$/i;

export function headingKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function toUnits(text: string): Unit[] {
  const units: Unit[] = [];
  let blank = true;
  /** The header cells of the table being read. */
  let columns: string[] = [];
  let inTable = false;
  const lines = text.split('\n');
  lines.forEach((published, n) => {
    // A Q&A layout: "Q: What do you hold?" is a heading and "A: We hold…" its text, without the markers.
    const raw = published.replace(QA_MARKER, '');
    if (!raw.trim() || TABLE_SEPARATOR.test(raw)) {
      blank = blank || !raw.trim();
      return;
    }
    // A table row ("Housing applications | 6 years") becomes a list item; the header row introduces the list.
    if (TABLE_ROW.test(raw)) {
      const cells = raw
        .split('|')
        .map((c) => c.trim())
        .filter(Boolean);
      const header = !inTable && TABLE_ROW.test(lines[n + 1] ?? '');
      if (header) columns = cells;
      inTable = true;
      const unit = { raw: raw.trim(), blankBefore: blank, numbered: false, table: true };
      if (header) {
        // A header of three or more columns is not a lead-in: each item carries its own column's name instead.
        if (cells.length < 3) units.push({ ...unit, kind: 'line', text: `${cells.join(' — ')}:` });
      } else if (columns.length >= 3 && cells.length === columns.length) {
        // A row of three or more columns (activity | purpose | lawful basis | how long) says one thing per column:
        // "Group 2 medical — How long we keep it: 1 year" is a retention fact, its purpose another fact.
        for (const [i, cell] of cells.entries())
          if (i > 0) units.push({ ...unit, kind: 'bullet', text: `${cells[0]} — ${columns[i]}: ${cell}` });
      } else units.push({ ...unit, kind: 'bullet', text: cells.join(' — ') });
      blank = false;
      return;
    }
    columns = [];
    inTable = false;
    const item = stripBullet(raw);
    const numbered = item !== null && /^\s*\d/.test(raw);
    units.push({
      kind: item === null ? 'line' : 'bullet',
      text: item ?? raw.replace(/^\s*#{1,6}\s+/, (m) => (m.includes('#') ? '# ' : '')).trimEnd(),
      raw: raw.trim(),
      blankBefore: blank,
      numbered,
    });
    blank = false;
  });
  return units;
}

/** Removes a table of contents and returns its entries, which are the notice's own headings. */
function takeTableOfContents(units: Unit[]): { body: Unit[]; headings: Set<string> } {
  const headings = new Set<string>();
  const body: Unit[] = [];
  for (let i = 0; i < units.length; i++) {
    const unit = units[i]!;
    const labelled = CONTENTS_LABEL.test(unit.text);
    const markerRun = units.slice(i, i + 3).every((u) => PAGE_MARKER.test(u.text) && words(u.text).length <= 20);
    if (!labelled && !markerRun) {
      body.push(unit);
      continue;
    }
    let j = labelled ? i + 1 : i;
    let first: string | undefined;
    for (; j < units.length && j < i + 60; j++) {
      const entry = squash(units[j]!.text.replace(PAGE_MARKER, ''));
      const key = headingKey(entry);
      const marked = PAGE_MARKER.test(units[j]!.text);
      if (!key || words(entry).length > (marked ? 20 : 12) || (first !== undefined && key === first)) break;
      // Body text wrapped into short lines is not a contents entry: entries don't end a sentence.
      if (!marked && /[.;,:]$/.test(entry)) break;
      if (!labelled && !PAGE_MARKER.test(units[j]!.text)) break;
      first ??= key;
      headings.add(key);
    }
    i = j - 1;
  }
  return { body, headings };
}

function startsLower(text: string): boolean {
  return /^\s*[a-z]/.test(text);
}

/**
 * For each line, the widest line of the run of lines it stands in (no blank line, bullet or table between), when
 * the run looks hard-wrapped (three lines or more, the widest at least WRAP_WIDTH characters); else 0.
 */
function wrapWidths(units: Unit[]): number[] {
  const widths = units.map(() => 0);
  for (let start = 0; start < units.length;) {
    let end = start + 1;
    const plain = (u: Unit) => u.kind === 'line' && !u.table;
    if (plain(units[start]!)) while (end < units.length && plain(units[end]!) && !units[end]!.blankBefore) end++;
    const run = units.slice(start, end);
    const widest = Math.max(...run.map((u) => u.text.trim().length));
    if (run.length >= 3 && widest >= WRAP_WIDTH) widths.fill(widest, start, end);
    start = end;
  }
  return widths;
}

/**
 * Whether a line stops mid-sentence, so that the line below it continues it. A preposition can end a list item
 * ("Other services you are engaged with") or a heading, so it counts only before a number ("…kept for" / "6 years").
 */
function stopsMidSentence(text: string, next: string): boolean {
  if (WH_HEADING.test(squash(text))) return false; // "Who we are"
  return MID_SENTENCE.test(text) || (ENDS_IN_PREPOSITION.test(text) && /^\s*\d/.test(next));
}

/** Re-joins lines that the publishing broke: wrapped bullets, wrapped paragraphs, split paragraphs. */
function joinBrokenLines(
  units: Unit[],
  blankSeparated: boolean,
  isHeading: (u: Unit, next?: Unit, prev?: Unit) => boolean,
): Unit[] {
  const out: Unit[] = [];
  const widths = wrapWidths(units);
  for (let i = 0; i < units.length; i++) {
    const unit = units[i]!;
    const prev = out.at(-1);
    // A hard-wrapped paragraph: the line above was cut at the width or stops mid-sentence ("…kept for" / "6 years").
    const above = units[i - 1];
    const cutAbove =
      prev !== undefined &&
      above !== undefined &&
      unit.kind === 'line' &&
      !unit.blankBefore &&
      !unit.table &&
      !above.table &&
      !TERMINAL.test(above.text) &&
      !/:-?$/.test(above.text) &&
      (stopsMidSentence(above.text, unit.text) ||
        (widths[i]! > 0 && above.text.trim().length >= FULL_LINE * widths[i]!));
    if (cutAbove) {
      prev.text = `${prev.text.trimEnd()} ${unit.text.trim()}`;
      continue;
    }
    if (prev && unit.kind === 'line' && !TERMINAL.test(prev.text) && !/:-?$/.test(prev.text)) {
      // A heading-like line joins the next only when that line carries its contact ("…Officer" / "Tel. …").
      const headingAbove = isHeading(prev, unit) && !CONTACT_LABEL.test(unit.text) && words(unit.text).length >= 6;
      const wrapped =
        !unit.blankBefore &&
        !unit.table &&
        !prev.table &&
        (startsLower(unit.text) || (blankSeparated && prev.kind === 'line' && !headingAbove));
      const split =
        prev.kind === 'line' &&
        words(prev.text).length > 12 &&
        !DANGLING.test(prev.text) &&
        !hasContactDetail(prev.text) &&
        !SENTENCE_OPENER.test(unit.text) &&
        !isHeading(unit, units[i + 1], units[i - 1]) &&
        (startsLower(unit.text) || /^[A-Z][a-z]+ [a-z]/.test(unit.text));
      if (wrapped || split) {
        prev.text = `${prev.text.trimEnd()} ${unit.text.trim()}`;
        continue;
      }
    }
    out.push({ ...unit });
  }
  return out;
}

type HeadingTest = (unit: Unit, next?: Unit, prev?: Unit) => boolean;

/** Whether a line is a heading: its style, its length, how it ends, and the notice's own table of contents. */
function headingTest(tocHeadings: Set<string>): HeadingTest {
  return (unit, next, prev) => {
    const text = squash(unit.text);
    if (unit.text.startsWith('# ')) return true;
    const shouting = /[A-Z]{2}/.test(text) && !/[a-z]/.test(text);
    // "Where It Comes From": every word capitalised is a heading's style, not a sentence's.
    const titleCase = words(text).length >= 2 && words(text).every((w) => /^[A-Z0-9(]/.test(w) || w.length <= 3);
    if (unit.kind === 'bullet') {
      // "3. WHAT WE COLLECT" is a numbered heading when what follows is not the next item of a numbered list,
      // and it is not itself the last item of one; a heading in capitals is one wherever it stands.
      // "3. Where the information comes from" followed by "3.1 …" heads its own numbered subsections.
      const section = /^(\d{1,2})[.)]?\s/.exec(unit.raw)?.[1];
      const opensSubsections =
        section !== undefined &&
        next !== undefined &&
        next.raw.startsWith(`${section}.`) &&
        /^\d{1,2}\.\d/.test(next.raw);
      // "4.1 Purposes": a numbered subsection's short title.
      const subsectionTitle =
        /^\d{1,2}\.\d{1,2}\.?\s/.test(unit.raw) && words(text).length <= 6 && !/[.;,:]$/.test(text);
      const numberedHeading =
        unit.numbered &&
        next !== undefined &&
        (shouting ||
          opensSubsections ||
          subsectionTitle ||
          (!next.numbered && !(prev?.kind === 'bullet' && prev.numbered && !unit.blankBefore)));
      if (!numberedHeading || /[.;,]$/.test(text)) return false;
    }
    if (tocHeadings.has(headingKey(text))) return true;
    // "WHERE WE GET IT FROM" ends in a preposition but is a heading, not a sentence whose link was stripped; so does
    // "Organisations we may pass it to" over a list (a pasted page's heading).
    const overList = next?.kind === 'bullet';
    if (
      hasContactDetail(text) ||
      (DANGLING.test(text) && !/:$/.test(text) && !shouting && !titleCase && !WH_HEADING.test(text) && !overList)
    )
      return false;
    const count = words(text).length;
    if (count === 0 || count > 20 || !/^[A-Z0-9"'(]/.test(text)) return false;
    if (MID_SENTENCE.test(text) && !WH_HEADING.test(text)) return false;
    // "Environmental Services, Wrenfield District Council. Version 2.1, January 2026": two sentences, not a title.
    if (/[a-z]{2}\. [A-Z]/.test(text)) return false;
    if (/\?$/.test(text)) return true;
    if (/[.;,!]["')]?$/.test(text) || /:\s+\S/.test(text)) return false;
    if (/:-?$/.test(text)) {
      const followedByList = next?.kind === 'bullet';
      const clause =
        /\b(?:we|you|your|our|us|they|please|include|includes|including|following|below|as follows|email|e-mail|phone|tel|telephone|address|website)\b/i;
      return count <= 10 && !followedByList && !clause.test(text.replace(/^your\b/i, ''));
    }
    return count <= 12;
  };
}

export function segment(noticeText: string, title: string): Section[] {
  const { body, headings: tocHeadings } = takeTableOfContents(toUnits(normaliseCharacters(noticeText)));
  const lineUnits = body.filter((u) => u.kind === 'line').length;
  const blankSeparated = body.filter((u) => u.blankBefore).length > Math.max(2, lineUnits * 0.4);
  const isHeading = headingTest(tocHeadings);
  return assemble(joinBrokenLines(body, blankSeparated, isHeading), title, isHeading);
}

/** Units → sections: headings open sections (numbered subsections under their numbered parent), lists keep lead-ins. */
function assemble(units: Unit[], title: string, isHeading: HeadingTest): Section[] {
  const sections: Section[] = [];
  let current: Section = { heading: title, parents: [], subheading: false, blocks: [] };
  let pendingParents: string[] = [];
  // "2. The information we collect" heads "2.1 …", "2.2 …" and "2.3 …", not only the first of them.
  let numberedParent: { number: string; heading: string } | undefined;
  const close = () => {
    if (current.blocks.length) sections.push(current);
    else pendingParents = [...current.parents, current.heading].filter((h) => h !== title).slice(-2);
  };

  for (let i = 0; i < units.length; i++) {
    const unit = units[i]!;
    const next = units[i + 1];
    if (isHeading(unit, next, units[i - 1])) {
      close();
      const published = unit.kind === 'bullet' ? unit.raw : unit.text;
      const heading = squash(published.replace(/^#+\s+/, '').replace(/:-?$/, ''));
      const numbering = /^(\d{1,2})(?:\.(\d{1,2}))?\.?\s/.exec(heading);
      const above = numberedParent;
      const parent = numbering?.[2] && above && above.number === numbering[1] ? above.heading : undefined;
      const parents =
        parent && !pendingParents.includes(parent) ? [parent, ...pendingParents].slice(-2) : pendingParents;
      if (numbering && !numbering[2]) numberedParent = { number: numbering[1]!, heading };
      else if (!numbering) numberedParent = undefined;
      current = { heading, parents, subheading: /:-?$/.test(published.trim()), blocks: [] };
      pendingParents = [];
      continue;
    }
    const text = squash(unit.text);
    const last = current.blocks.at(-1);
    if (unit.kind === 'bullet') {
      if (last?.kind === 'list') last.items.push(text);
      else {
        // The paragraph just before a list, when it introduces it, becomes the list's lead-in.
        const leadIn =
          last?.kind === 'paragraph' && /:-?$|\b(?:include|includes|are|as follows)$/i.test(last.text)
            ? last
            : undefined;
        if (leadIn) current.blocks.pop();
        current.blocks.push({ kind: 'list', leadIn: leadIn?.text, items: [text] });
      }
      continue;
    }
    // "…please contact:" followed by the contact itself is one statement.
    if (last?.kind === 'paragraph' && /:-?$/.test(last.text) && hasContactDetail(text)) {
      last.text = `${last.text} ${text}`;
      continue;
    }
    current.blocks.push({ kind: 'paragraph', text });
  }
  close();
  return sections;
}
