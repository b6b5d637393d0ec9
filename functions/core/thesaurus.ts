/**
 * The thesaurus, compiled once per index: phrases residents use ↔ phrases notices use (knowledge/thesaurus.yaml,
 * carried in the knowledge base). `expand` appends to a text the words its phrases imply, so a question and a
 * fact are compared in the same words. Phrases match word by word on stems; `*` is a gap of up to three words.
 */
import type { ThesaurusEntry } from './knowledge-schema.ts';
import { normalise, stem, wordsOf } from './language.ts';

const GAP = '*';
const MAX_GAP = 3;

interface Phrase {
  /** Stems, with GAP for a gap. */
  stems: string[];
  /** What the phrase adds: the words of the entry's other phrases (or its `add` list). */
  adds: string;
}

export interface Thesaurus {
  /** The text followed by every word its phrases imply (nothing appended when none match). */
  expand(normalisedText: string): string;
  /** Every word the thesaurus knows, for the spelling vocabulary. */
  words: string[];
}

const phraseWords = (phrase: string) =>
  wordsOf(normalise(phrase.replace(/\*/g, ' GAPMARK '))).map((w) => (w === 'gapmark' ? GAP : w));

export function compileThesaurus(entries: ThesaurusEntry[]): Thesaurus {
  const byFirstStem = new Map<string, Phrase[]>();
  const words = new Set<string>();
  for (const entry of entries) {
    const phrases = 'same' in entry ? entry.same : entry.when;
    const implied = 'same' in entry ? entry.same : entry.add;
    const adds = implied.flatMap(phraseWords).join(' ');
    for (const phrase of phrases) {
      const tokens = phraseWords(phrase);
      const stems = tokens.map((t) => (t === GAP ? GAP : stem(t)));
      if (!stems.length || stems[0] === GAP) continue;
      const list = byFirstStem.get(stems[0]!) ?? [];
      list.push({ stems, adds });
      byFirstStem.set(stems[0]!, list);
      for (const t of tokens) if (t !== GAP) words.add(t);
    }
    for (const w of adds.split(' ')) words.add(w);
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

  return {
    words: [...words],
    expand(text: string): string {
      const stems = wordsOf(text).map(stem);
      const added = new Set<string>();
      stems.forEach((first, at) => {
        for (const phrase of byFirstStem.get(first) ?? []) {
          if (!added.has(phrase.adds) && matchesAt(stems, at, phrase.stems)) added.add(phrase.adds);
        }
      });
      return added.size ? `${text} ${[...added].join(' ')}` : text;
    },
  };
}
