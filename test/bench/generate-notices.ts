/**
 * Synthetic notices for the scale benchmark: new notices made by varying the five real ones, so the pipeline and
 * the index see many notices whose layouts differ from the seeds.
 *
 * Each generated notice keeps a seed's wording and structure but changes what a different council's publishing
 * would change: a new id, council and (prefixed) service name; sections in another order; another bullet style;
 * headings upper-cased, numbered or marked down; a table of contents or none; blank-line-separated or compact or
 * hard-wrapped text; some synonyms swapped; and the retention periods changed.
 *
 * Pure and deterministic: every choice comes from a PRNG seeded by the seed id and variant number, so the same
 * arguments give byte-identical notices, and `generateNotices(seeds, 50)` is a prefix of `generateNotices(seeds, 500)`.
 */
import type { RegistryEntry } from '../../knowledge/pipeline/build-kb.ts';
import { NUMBER_WORDS } from '../../knowledge/pipeline/extract.ts';
import { parseNoticeFile, type NoticeFile } from '../../knowledge/pipeline/notice-file.ts';
import { segment, type Block, type Section } from '../../knowledge/pipeline/segment.ts';

/** mulberry32: a small, fast, seedable PRNG returning floats in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, to turn a string into a PRNG seed. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const chance = (random: Random, p: number): boolean => random() < p;

function shuffle<T>(random: Random, items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const PLACE_START = [
  'Ash',
  'Bram',
  'Cotter',
  'Dun',
  'Elder',
  'Fallow',
  'Glen',
  'Harrow',
  'Kestrel',
  'Lark',
  'Marl',
  'Nether',
  'Oak',
  'Pen',
  'Raven',
  'Stan',
  'Thorn',
  'Upper',
  'Wick',
  'Yarrow',
];
const PLACE_END = [
  'bury',
  'well',
  'by',
  'moor',
  'mere',
  'field',
  'holt',
  'dene',
  'ton',
  'ford',
  'ley',
  'wick',
  'combe',
  'stead',
  'worth',
];

/** The fictional place of generated council n (the same for every notice of that council). */
export function placeName(councilNumber: number): string {
  const random = prng(hash(`place#${councilNumber}`));
  return `${pick(random, PLACE_START)}${pick(random, PLACE_END)}`;
}

export function councilId(councilNumber: number): string {
  return `council-${councilNumber}`;
}

/** Registry entries for the generated councils, so the knowledge base knows them as councils (no contacts). */
export function generatedRegistry(files: NoticeFile[]): RegistryEntry[] {
  const ids = [...new Set(files.map((f) => f.meta.council))].filter((id) => /^council-\d+$/.test(id));
  return ids.map((id) => ({ id, name: `${placeName(Number(id.slice('council-'.length)))} Council` }));
}

/** Swaps a notice may make, each in one direction; each generated notice applies a random subset. */
const SYNONYMS: [RegExp, string][] = [
  [/\bpersonal information\b/gi, 'personal data'],
  [/\bretained\b/gi, 'kept'],
  [/\bretain\b/gi, 'keep'],
  [/\bdeleted\b/gi, 'erased'],
  [/\bdestroyed\b/gi, 'disposed of'],
  [/\bcollected\b/gi, 'gathered'],
  [/\bsecurely\b/gi, 'safely'],
  [/\bin line with\b/gi, 'in accordance with'],
  [/\borganisations\b/gi, 'bodies'],
  [/\bassist\b/gi, 'help'],
  [/\bobtain\b/gi, 'get'],
  [/\bshared with\b/gi, 'passed to'],
];

function matchCase(original: string, replacement: string): string {
  if (original === original.toUpperCase() && /[A-Z]{2}/.test(original)) return replacement.toUpperCase();
  return /^[A-Z]/.test(original) ? replacement[0]!.toUpperCase() + replacement.slice(1) : replacement;
}

function swapSynonyms(text: string, swaps: [RegExp, string][]): string {
  return swaps.reduce((t, [pattern, replacement]) => t.replace(pattern, (m) => matchCase(m, replacement)), text);
}

const PERIOD = new RegExp(`\\b(\\d{1,3}|${Object.keys(NUMBER_WORDS).join('|')})(\\s+)(year|month)(s?)\\b`, 'gi');
const RETENTION_HEADING = /\b(?:keep|kept|retain|retention|how long|stor(?:e|ed|ing|age))\b/i;
const RETENTION_CUE =
  /\b(?:retain(?:ed)?|kept|keep|held|hold|delet(?:e|ed)|destroy(?:ed)?|dispos(?:e|ed)|remove|retention|archived?|erased)\b/i;

/** Changes every retention period in a sentence to another plausible one ("6 years" → "8 years"). */
function varyPeriods(text: string, random: Random): string {
  return text.replace(PERIOD, (_m, amount: string, space: string, unit: string) => {
    const value = /^\d+$/.test(amount) ? Number(amount) : NUMBER_WORDS[amount.toLowerCase()]!;
    const options = [
      value - 1,
      value + 1,
      value + 2,
      Math.round(value * 0.5),
      Math.round(value * 1.5),
      value * 2,
    ].filter((v, i, all) => v >= 1 && v !== value && all.indexOf(v) === i);
    const next = pick(random, options);
    return `${next}${space}${unit}${next === 1 ? '' : 's'}`;
  });
}

interface Layout {
  bullet: '-' | '•' | '*' | '1.';
  indent: string;
  headings: 'plain' | 'some-upper' | 'numbered' | 'markdown';
  numberFormat: '1.' | '1';
  spacing: 'blank' | 'compact' | 'wrapped';
  contents: boolean;
  reorder: boolean;
}

function chooseLayout(random: Random): Layout {
  return {
    bullet: pick(random, ['-', '•', '*', '1.'] as const),
    indent: pick(random, ['', '', '  ']),
    headings: pick(random, ['plain', 'some-upper', 'numbered', 'markdown'] as const),
    numberFormat: pick(random, ['1.', '1'] as const),
    spacing: pick(random, ['blank', 'blank', 'compact', 'wrapped'] as const),
    contents: chance(random, 0.3),
    reorder: chance(random, 0.8),
  };
}

/** Hard-wraps a paragraph the way text copied from a PDF is wrapped. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

function render(title: string, sections: Section[], seedTitle: string, layout: Layout, random: Random): string {
  const out: string[] = [];
  const gap = () => {
    if (layout.spacing !== 'compact' && out.at(-1) !== '') out.push('');
  };
  const paragraph = (text: string) => {
    gap();
    if (layout.spacing === 'wrapped') out.push(...wrap(text, 70 + Math.floor(random() * 30)));
    else out.push(text);
  };
  let headingNumber = 0;
  const heading = (text: string) => {
    gap();
    headingNumber++;
    let line = text;
    if (layout.headings === 'some-upper' && chance(random, 0.5)) line = text.toUpperCase();
    if (layout.headings === 'numbered') line = `${headingNumber}${layout.numberFormat === '1.' ? '.' : ''} ${text}`;
    if (layout.headings === 'markdown') line = `## ${text}`;
    out.push(line);
  };
  const list = (block: Extract<Block, { kind: 'list' }>) => {
    if (block.leadIn) paragraph(block.leadIn);
    gap();
    block.items.forEach((item, i) => {
      const marker = layout.bullet === '1.' ? `${i + 1}.` : layout.bullet;
      out.push(`${layout.indent}${marker} ${item}`);
    });
  };

  out.push(title);
  if (layout.contents) {
    gap();
    out.push(pick(random, ['Contents', 'Table of Contents']));
    const leader = pick(random, ['\t', ' ..... ']);
    sections.forEach((s, i) => {
      if (i > 0 || s.heading !== seedTitle) out.push(`${s.heading}${leader}${i + 2}`);
    });
  }
  sections.forEach((section, i) => {
    for (const parent of section.parents) heading(parent);
    if (i > 0 || section.heading !== seedTitle) heading(section.heading);
    for (const block of section.blocks) {
      if (block.kind === 'paragraph') paragraph(block.text);
      else list(block);
    }
  });
  return `${out.join('\n').trimEnd()}\n`;
}

function vary(seed: NoticeFile, variant: number): NoticeFile {
  const random = prng(hash(`${seed.meta.id}#${variant}`));
  const layout = chooseLayout(random);
  const swaps = SYNONYMS.filter(() => chance(random, 0.5));
  const place = placeName(variant);
  const council = councilId(variant);
  const id = `${seed.meta.id}-v${variant}`;
  const title = `${place} ${seed.meta.title}`;

  const sections = segment(seed.body, seed.meta.title).map((section) => {
    const retentionSection = RETENTION_HEADING.test(section.heading);
    const edit = (text: string) => {
      const swapped = swapSynonyms(text, swaps);
      return retentionSection || RETENTION_CUE.test(text) ? varyPeriods(swapped, random) : swapped;
    };
    return {
      heading: swapSynonyms(section.heading, swaps),
      parents: section.parents.map((p) => swapSynonyms(p, swaps)),
      subheading: section.subheading,
      blocks: section.blocks.map((block): Block =>
        block.kind === 'paragraph'
          ? { kind: 'paragraph', text: edit(block.text) }
          : { kind: 'list', ...(block.leadIn ? { leadIn: edit(block.leadIn) } : {}), items: block.items.map(edit) },
      ),
    };
  });
  // The opening section (title, introduction) stays first; the rest may come in any order.
  const [first, ...rest] = sections;
  const ordered = first ? [first, ...(layout.reorder ? shuffle(random, rest) : rest)] : [];
  const body = render(title, ordered, seed.meta.title, layout, random);

  const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
  const front = [
    `id: ${id}`,
    `council: ${council}`,
    `title: ${JSON.stringify(title)}`,
    ...(seed.meta.url ? [`url: ${JSON.stringify(`https://www.${place.toLowerCase()}.example/privacy/${id}`)}`] : []),
    ...(seed.meta.reviewed ? [`reviewed: "${2023 + Math.floor(random() * 4)}-${month}"`] : []),
    ...(seed.meta.service ? [`service: ${JSON.stringify(`${place} ${seed.meta.service}`)}`] : []),
  ];
  return parseNoticeFile(`---\n${front.join('\n')}\n---\n${body}`, `${id}.txt`);
}

/**
 * `count` new notices varied from the seeds, round robin: notice i is variant n = ⌊i / seeds⌋ + 1 of seed i mod seeds,
 * with id `<seed-id>-v<n>` and council `council-<n>` (so each generated council has one notice per seed).
 */
export function generateNotices(seeds: NoticeFile[], count: number): NoticeFile[] {
  if (seeds.length === 0 || count <= 0) return [];
  const ordered = [...seeds].sort((a, b) => a.meta.id.localeCompare(b.meta.id));
  return Array.from({ length: count }, (_, i) =>
    vary(ordered[i % ordered.length]!, Math.floor(i / ordered.length) + 1),
  );
}
