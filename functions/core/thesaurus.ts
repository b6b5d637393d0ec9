/**
 * The thesaurus, compiled once per index: phrases residents use ↔ phrases notices use (knowledge/thesaurus.yaml,
 * carried in the knowledge base). `expand` appends to a text the words its phrases imply, so a question and a
 * fact are compared in the same words. Phrases match word by word on stems; `*` is a gap of up to four words.
 */
import type { ThesaurusEntry } from './knowledge-schema.ts';
import { normalise, stem, wordsOf } from './language.ts';

const GAP = '*';
const MAX_GAP = 4;

export interface Phrase {
  /** Stems, with GAP for a gap. */
  stems: string[];
  /** What the phrase adds: the words of the entry's other phrases (or its `add` list). */
  adds: string;
  /** The council service the phrase names, if it names one. */
  service?: string;
  /** From a `same` entry: names of things (bodies, records, services), not words about what is asked. */
  same: boolean;
}

export interface Thesaurus {
  /**
   * The text followed by every word its phrases imply (nothing appended when none match). With `names: false`
   * only the one-way entries apply ("tell" → share): what the question asks, not what it names, so a
   * synonym of a name ("safeguarding children" for children's services) never changes the question's topic.
   */
  expand(normalisedText: string, options?: { names?: boolean }): string;
  /** The concept terms of the `same` entries a (normalised) text names: what a service's own name stands for. */
  conceptsIn(normalisedText: string): string[];
  /** Stems of the words with which a text names any of `concepts` ("council tax support" → council, tax, support). */
  wordsNaming(normalisedText: string, concepts: Set<string>): Set<string>;
  /** The council services a (normalised) text names ("adoption records" → adoption). */
  servicesIn(normalisedText: string): Set<string>;
  /** Every word the thesaurus knows, for the spelling vocabulary. */
  words: string[];
}

/** Words a phrase may have or lack ("Department of Work and Pensions" is "department for work and pensions"). */
const IGNORED = new Set(['of', 'for', 'and', 'the', 'a', 'an']);

const phraseWords = (phrase: string) =>
  wordsOf(normalise(phrase.replace(/\*/g, ' GAPMARK ')))
    .filter((w) => !IGNORED.has(w))
    .map((w) => (w === 'gapmark' ? GAP : w));

/**
 * The token a `same` entry's phrases all stand for: one term, so a synonym ring weighs as one concept (with
 * the IDF of the concept across the notice) however many words its phrases have. Digits keep it unstemmed.
 */
const conceptToken = (n: number) => `syn${n}`;

/** The thesaurus's phrases as stems, and its words: what compiling it computes (kb:build writes it into kb-index.json). */
export interface ThesaurusData {
  phrases: Phrase[];
  words: string[];
}

export function thesaurusData(entries: ThesaurusEntry[]): ThesaurusData {
  const phrases: Phrase[] = [];
  const words = new Set<string>();
  for (const [n, entry] of entries.entries()) {
    const adds = 'same' in entry ? conceptToken(n) : entry.add.flatMap(phraseWords).join(' ');
    for (const phrase of 'same' in entry ? entry.same : entry.when) {
      const tokens = phraseWords(phrase);
      const stems = tokens.map((t) => (t === GAP ? GAP : stem(t)));
      if (!stems.length || stems[0] === GAP) continue;
      phrases.push({ stems, adds, same: 'same' in entry, ...(entry.service ? { service: entry.service } : {}) });
      for (const t of tokens) if (t !== GAP) words.add(t);
    }
    if (!('same' in entry)) for (const w of adds.split(' ')) words.add(w);
  }
  return { phrases, words: [...words] };
}

export const compileThesaurus = (entries: ThesaurusEntry[]): Thesaurus => thesaurusFrom(thesaurusData(entries));

/** The thesaurus's matcher over its data (from thesaurusData, or as kb-index.json carries it). */
export function thesaurusFrom(data: ThesaurusData): Thesaurus {
  const byFirstStem = new Map<string, Phrase[]>();
  for (const phrase of data.phrases) {
    const list = byFirstStem.get(phrase.stems[0]!);
    if (list) list.push(phrase);
    else byFirstStem.set(phrase.stems[0]!, [phrase]);
  }

  const matchesAt = (stems: string[], at: number, phrase: string[], p = 0): boolean => {
    if (p === phrase.length) return true;
    if (phrase[p] === GAP) {
      for (let skip = 0; skip <= MAX_GAP && at + skip <= stems.length; skip++)
        if (matchesAt(stems, at + skip, phrase, p + 1)) return true;
      return false;
    }
    return at < stems.length && stems[at] === phrase[p] && matchesAt(stems, at + 1, phrase, p + 1);
  };

  const matching = (text: string): Phrase[] => {
    const stems = wordsOf(text)
      .filter((w) => !IGNORED.has(w))
      .map(stem);
    const found: Phrase[] = [];
    stems.forEach((first, at) => {
      for (const phrase of byFirstStem.get(first) ?? []) if (matchesAt(stems, at, phrase.stems)) found.push(phrase);
    });
    return found;
  };

  return {
    words: data.words,
    expand(text: string, { names = true } = {}): string {
      const added = new Set(
        matching(text)
          .filter((p) => names || !p.same)
          .map((p) => p.adds),
      );
      return added.size ? `${text} ${[...added].join(' ')}` : text;
    },
    conceptsIn(text: string): string[] {
      return [...new Set(matching(text).flatMap((p) => (p.same ? [p.adds] : [])))];
    },
    wordsNaming(text: string, concepts: Set<string>): Set<string> {
      return new Set(
        matching(text)
          .filter((p) => concepts.has(p.adds))
          .flatMap((p) => p.stems.filter((s) => s !== GAP)),
      );
    },
    servicesIn(text: string): Set<string> {
      return new Set(matching(text).flatMap((p) => (p.service ? [p.service] : [])));
    },
  };
}
