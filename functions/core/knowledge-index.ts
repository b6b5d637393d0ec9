/**
 * The in-memory index the answering core works on, built once per process from the knowledge base:
 * per-notice fact terms and weights, notice clues, and the spelling vocabulary.
 */
import { doubleMetaphone } from 'double-metaphone';
import Fuse from 'fuse.js';
import type { Council, Fact, KnowledgeBase, Notice } from './knowledge-schema.ts';
import { cueVocabulary } from './intent.ts';
import type { WordTest } from './word-list.ts';
import { GENERIC_TERMS, SLANG_WORDS, STOPWORDS, normalise, stem, wordsOf } from './language.ts';
import { thesaurusData, thesaurusFrom, type Thesaurus, type ThesaurusData } from './thesaurus.ts';
import { TUNING } from './tuning.ts';

export interface IndexedFact {
  fact: Fact;
  /** Terms of the sentence and the lead-in of its list. */
  terms: Set<string>;
  /** Terms of its section heading: context, weaker evidence than the sentence's own words. */
  sectionTerms: Set<string>;
}

export interface IndexedNotice {
  notice: Notice;
  facts: IndexedFact[];
  /** Inverse document frequency of each term over this notice's facts. */
  idf: Map<string, number>;
  /** Terms of the title and service name: naming them names the notice. */
  nameTerms: Set<string>;
  /** Thesaurus concepts the title names ("Council Tax Reduction" is also "council tax support"). */
  nameConcepts: Set<string>;
  /** Term frequencies over the whole notice, for resolving the service from clues in a question. */
  termCounts: Map<string, number>;
  /** The council services (thesaurus `service` entries) this notice covers: its title names them, or many facts do. */
  services: Set<string>;
}

export interface KnowledgeIndex {
  kb: KnowledgeBase;
  notices: Map<string, IndexedNotice>;
  councils: Map<string, Council>;
  /** In how many notices each term occurs. */
  noticeFrequency: Map<string, number>;
  /** Which notices mention each term (for clue resolution that stays flat as notices grow). */
  postings: Map<string, string[]>;
  /** Which notices each term names (title and service name terms). */
  named: Map<string, string[]>;
  correct: (word: string) => string;
  /** Whether a (normalised) word is one the assistant knows: in a notice, a cue or the question vocabulary. */
  knows: (word: string) => boolean;
  /** Whether a word is English at all (the dictionary): only a word that is not may be corrected. */
  isEnglish: WordTest;
  /** Whether a word's commonest use is not as a noun: never quoted as a thing a notice does not mention. */
  notAThing: WordTest;
  /** The knowledge base's thesaurus, compiled. */
  thesaurus: Thesaurus;
}

/** The word lists (functions/adapters/english-words.ts reads the ones `kb:build` writes). */
export interface IndexOptions {
  /** The English dictionary. */
  isEnglish: WordTest;
  /** Words whose commonest use is not as a noun ("onto", "hang"); without the list, every word may be quoted. */
  notAThing?: WordTest;
}

/** Words people use in questions that the notices may not contain, so spelling correction can reach them. */
const QUESTION_VOCABULARY = `sell sold tell told give gave send sent pass passed lose lost stolen need needs want wants
  wrote write notes computer company family mum dad son daughter lives live still closed case results exam marketing
  how long keep kept share sharing delete deleted destroy copy complain complaint consent withdraw
  abroad outside secure security safe protect stored store rights right access request subject officer contact email
  phone address legal lawful basis purpose why where who what when records record file files adoption fostering
  police school college course learning employment benefits jobcentre retention retain information personal data
  privacy permission unhappy erase correct mistake wrong transfer international sources collect collected hold`;

/** Edit distance counting a swap of neighbours as one edit ("wrok" → "work"): optimal string alignment. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** The vocabulary's words longer than two letters, by their double metaphone codes (what sounds the same). */
function soundsOf(vocabulary: Map<string, number>): Map<string, string[]> {
  const byCode = new Map<string, string[]>();
  for (const word of vocabulary.keys()) {
    if (word.length < 3) continue;
    for (const code of new Set(doubleMetaphone(word))) {
      const list = byCode.get(code) ?? [];
      list.push(word);
      byCode.set(code, list);
    }
  }
  return byCode;
}

/** Spelling correction: same sound (double metaphone) first, then fuse.js fuzzy match over the vocabulary. */
function spellingCorrector(
  vocabulary: Map<string, number>,
  byCode: Map<string, string[]>,
  isEnglish: WordTest,
): (word: string) => string {
  // One small fuse.js index per first letter: a typo rarely changes the first letter, and a small index keeps a
  // never-seen word's correction well under a millisecond.
  const byInitial = new Map<string, string[]>();
  for (const w of vocabulary.keys()) {
    if (w.length >= 3 && /^[a-z]+$/.test(w)) byInitial.set(w[0]!, [...(byInitial.get(w[0]!) ?? []), w]);
  }
  const fuses = new Map<string, Fuse<string>>();
  const fuseFor = (initial: string) => {
    let fuse = fuses.get(initial);
    if (!fuse) {
      fuse = new Fuse(byInitial.get(initial) ?? [], {
        includeScore: true,
        threshold: 0.3,
        ignoreLocation: true,
        minMatchCharLength: 2,
      });
      fuses.set(initial, fuse);
    }
    return fuse;
  };
  const cache = new Map<string, string>();
  return (word: string) => {
    if (word.length < 3 || vocabulary.has(word) || STOPWORDS.has(word) || !/^[a-z]+$/.test(word)) return word;
    const cached = cache.get(word);
    if (cached !== undefined) return cached;
    // A real word is what the person meant ("storing" is not a typo of "strong").
    if (isEnglish(word)) {
      if (cache.size < 10_000) cache.set(word, word);
      return word;
    }
    const limit = word.length <= 4 ? 1 : Math.max(2, Math.floor(word.length / 3));
    // Candidates that sound the same, and fuse.js's nearest spellings; the fewest edits wins, a same-sounding
    // word and a common word breaking ties ("acess" → access, not assess).
    const sounds = new Set(doubleMetaphone(word).flatMap((code) => byCode.get(code) ?? []));
    const spelled = fuseFor(word[0]!)
      .search(word, { limit: 5 })
      .map((r) => r.item);
    let best: string | undefined;
    let bestScore = Infinity;
    for (const candidate of new Set([...sounds, ...spelled])) {
      const distance = editDistance(word, candidate);
      if (distance > limit + (sounds.has(candidate) ? 1 : 0)) continue;
      // Two or more edits only within the same opening ("adopshun" → adoption, not "saying" → sing).
      if (distance >= 2 && candidate.slice(0, 2) !== word.slice(0, 2)) continue;
      // A three-letter word is only repaired to a meaningful word, or by swapping two letters ("yuo"): "bit" is not "but".
      if (word.length === 3 && STOPWORDS.has(candidate) && [...word].sort().join('') !== [...candidate].sort().join(''))
        continue;
      const score = distance - (sounds.has(candidate) ? 0.5 : 0) - Math.log10(vocabulary.get(candidate) ?? 1) * 0.1;
      if (score < bestScore) [best, bestScore] = [candidate, score];
    }
    const result = best ?? word;
    if (cache.size < 10_000) cache.set(word, result);
    return result;
  };
}

/**
 * What the index is made of, as plain data: everything buildIndex computes that costs time (the thesaurus
 * expansion and stemming of every fact, the weights, the vocabulary and its sounds), in the order it was computed.
 * `kb:build` writes it as JSON beside kb.json (indexToJson), so a cold start only parses and wires it (indexFromJson).
 */
export interface IndexData {
  /** The thesaurus's phrases already stemmed: loading wires its matcher without stemming them again. */
  thesaurus: ThesaurusData;
  /** Terms of each distinct section heading; facts refer to them by position. */
  sections: string[][];
  notices: {
    id: string;
    /** Per fact, in the notice's order: the position of its section's terms, then its own terms. */
    facts: { section: number; terms: string[] }[];
    idf: [string, number][];
    nameTerms: string[];
    nameConcepts: string[];
    termCounts: [string, number][];
    services: string[];
  }[];
  /** Every word the spelling corrector may correct to, with how often it occurs. */
  vocabulary: [string, number][];
  /** The vocabulary by double metaphone code. */
  sounds: [string, string[]][];
}

/** The version of IndexData's JSON layout: a file of another version is not read. */
export const INDEX_FORMAT = 2;

export interface IndexJson extends IndexData {
  format: typeof INDEX_FORMAT;
  /** What the data was built from (the adapter's fingerprint of kb.json and the core's code), to detect a stale file. */
  builtFrom: Record<string, string>;
}

/** The expensive part of buildIndex: what each fact and notice is indexed by, and the spelling vocabulary. */
function computeIndexData(kb: KnowledgeBase): IndexData {
  const compiled = thesaurusData(kb.thesaurus);
  const thesaurus = thesaurusFrom(compiled);
  /** Stemmed content terms of any text, read through the thesaurus: what facts are indexed by. */
  const termsOf = (text: string) =>
    wordsOf(thesaurus.expand(normalise(text)))
      .filter((w) => !STOPWORDS.has(w))
      .map(stem);
  const vocabulary = new Map<string, number>();
  const addWords = (text: string) => {
    for (const word of wordsOf(normalise(text))) vocabulary.set(word, (vocabulary.get(word) ?? 0) + 1);
  };
  addWords([QUESTION_VOCABULARY, ...cueVocabulary(), ...thesaurus.words, ...SLANG_WORDS, ...STOPWORDS].join(' '));

  // A section's heading is shared by all its facts: tokenise it once.
  const sections: string[][] = [];
  const sectionAt = new Map<string, number>();
  const sectionOf = (heading: string) => {
    let at = sectionAt.get(heading);
    if (at === undefined) sectionAt.set(heading, (at = sections.push([...new Set(termsOf(heading))]) - 1));
    return at;
  };
  const notices = kb.notices.map((notice) => {
    const facts = notice.facts.map((fact) => ({
      section: sectionOf(fact.section),
      terms: [...new Set(termsOf(`${fact.text} ${fact.leadIn ?? ''}`))],
    }));
    const df = new Map<string, number>();
    const termCounts = new Map<string, number>();
    for (const [i, { section, terms }] of facts.entries()) {
      for (const term of new Set([...terms, ...sections[section]!])) df.set(term, (df.get(term) ?? 0) + 1);
      const text = notice.facts[i]!.text;
      for (const term of termsOf(text)) termCounts.set(term, (termCounts.get(term) ?? 0) + 1);
      addWords(text);
    }
    const idf: [string, number][] = [...df].map(([term, count]) => [term, Math.log(1 + facts.length / count)]);
    const nameTerms = [
      ...new Set(
        // The words of the name as written (no synonym expansion): naming them names the service.
        wordsOf(normalise(`${notice.title} ${notice.service} ${notice.service.replace(/@/g, ' at ')}`))
          .filter((w) => !STOPWORDS.has(w))
          .map(stem)
          .filter((t) => !GENERIC_TERMS.has(t)),
      ),
    ];
    for (const term of nameTerms) termCounts.set(term, (termCounts.get(term) ?? 0) + 3);
    addWords(`${notice.title} ${notice.service}`);
    const mentions = new Map<string, number>();
    for (const fact of notice.facts)
      for (const service of thesaurus.servicesIn(normalise(fact.text)))
        mentions.set(service, (mentions.get(service) ?? 0) + 1);
    const name = normalise(`${notice.title} ${notice.service}`);
    const services = [
      ...new Set([
        ...thesaurus.servicesIn(name),
        ...[...mentions].filter(([, n]) => n >= TUNING.serviceMentions).map(([service]) => service),
      ]),
    ];
    const nameConcepts = [...new Set(thesaurus.conceptsIn(name))];
    return { id: notice.id, facts, idf, nameTerms, nameConcepts, termCounts: [...termCounts], services };
  });
  return { thesaurus: compiled, sections, notices, vocabulary: [...vocabulary], sounds: [...soundsOf(vocabulary)] };
}

/** The cheap part: the data as the Maps and Sets the core reads, with the notice lookups and the corrector. */
function wireIndex(kb: KnowledgeBase, data: IndexData, { isEnglish, notAThing }: IndexOptions): KnowledgeIndex {
  const thesaurus = thesaurusFrom(data.thesaurus);
  const sections = data.sections.map((terms) => new Set(terms));
  const notices = new Map<string, IndexedNotice>();
  const noticeFrequency = new Map<string, number>();
  const postings = new Map<string, string[]>();
  const named = new Map<string, string[]>();
  for (const [n, notice] of kb.notices.entries()) {
    const built = data.notices[n]!;
    const facts: IndexedFact[] = notice.facts.map((fact, i) => ({
      fact,
      terms: new Set(built.facts[i]!.terms),
      sectionTerms: sections[built.facts[i]!.section]!,
    }));
    const nameTerms = new Set(built.nameTerms);
    for (const term of nameTerms) named.set(term, [...(named.get(term) ?? []), notice.id]);
    const termCounts = new Map(built.termCounts);
    for (const term of termCounts.keys()) {
      noticeFrequency.set(term, (noticeFrequency.get(term) ?? 0) + 1);
      const list = postings.get(term) ?? [];
      list.push(notice.id);
      postings.set(term, list);
    }
    notices.set(notice.id, {
      notice,
      facts,
      idf: new Map(built.idf),
      nameTerms,
      nameConcepts: new Set(built.nameConcepts),
      termCounts,
      services: new Set(built.services),
    });
  }
  const vocabulary = new Map(data.vocabulary);
  return {
    kb,
    notices,
    councils: new Map(kb.councils.map((c) => [c.id, c])),
    noticeFrequency,
    postings,
    named,
    correct: spellingCorrector(vocabulary, new Map(data.sounds), isEnglish),
    knows: (word: string) => vocabulary.has(word) || STOPWORDS.has(word),
    isEnglish,
    notAThing: notAThing ?? (() => false),
    thesaurus,
  };
}

export function buildIndex(kb: KnowledgeBase, words: IndexOptions): KnowledgeIndex {
  return wireIndex(kb, computeIndexData(kb), words);
}

/** What `kb:build` writes beside kb.json: the index's data for this knowledge base, and what it was built from. */
export function indexToJson(kb: KnowledgeBase, builtFrom: Record<string, string>): IndexJson {
  return { format: INDEX_FORMAT, builtFrom, ...computeIndexData(kb) };
}

/**
 * The index from the data indexToJson wrote for this knowledge base: the same index buildIndex makes, without
 * recomputing it (the thesaurus's stemmed phrases included: only its matcher is wired). Throws when the data does
 * not fit the knowledge base (another format, other notices or facts), so the caller can build instead.
 */
export function indexFromJson(kb: KnowledgeBase, json: unknown, words: IndexOptions): KnowledgeIndex {
  const data = json as Partial<IndexJson> | null;
  if (data?.format !== INDEX_FORMAT) throw new Error(`not index format ${INDEX_FORMAT}`);
  const fits =
    Array.isArray(data.thesaurus?.phrases) &&
    Array.isArray(data.sections) &&
    Array.isArray(data.vocabulary) &&
    Array.isArray(data.sounds) &&
    Array.isArray(data.notices) &&
    data.notices.length === kb.notices.length &&
    kb.notices.every((notice, n) => {
      const built = data.notices![n];
      return built?.id === notice.id && Array.isArray(built.facts) && built.facts.length === notice.facts.length;
    });
  if (!fits) throw new Error('its notices or facts are not those of the knowledge base');
  return wireIndex(kb, data as IndexJson, words);
}

/** A normalised question with its misspelt words corrected (real English words are left as typed). */
export function correctSpelling(index: KnowledgeIndex, normalised: string): string {
  return normalised
    .split(' ')
    .map((w) => index.correct(w))
    .join(' ');
}
