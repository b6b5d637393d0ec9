/**
 * Question language: how residents actually type ("how lng do u keep adopshun records") turned into terms
 * the knowledge base uses. Normalise → slang → stems (the thesaurus, thesaurus.ts, then maps residents' words to
 * the notices').
 */
import { stemmer } from 'stemmer';

const SLANG: Record<string, string> = {
  // Misspellings the spelling repair cannot reach (close to several words, or an archaic word itself).
  concent: 'consent',
  consernt: 'consent',
  u: 'you',
  ya: 'you',
  yu: 'you',
  ur: 'your',
  yr: 'your',
  urs: 'yours',
  r: 'are',
  y: 'why',
  wot: 'what',
  wat: 'what',
  wut: 'what',
  wht: 'what',
  reg: 'registration',
  wats: 'what is',
  whats: 'what is',
  whos: 'who is',
  wheres: 'where is',
  hows: 'how is',
  wen: 'when',
  hw: 'how',
  lng: 'long',
  kp: 'keep',
  da: 'the',
  dat: 'that',
  dis: 'this',
  info: 'information',
  msg: 'message',
  infos: 'information',
  deets: 'details',
  pls: 'please',
  plz: 'please',
  coz: 'because',
  cos: 'because',
  cuz: 'because',
  ppl: 'people',
  yrs: 'years',
  yrz: 'years',
  n: 'and',
  abt: 'about',
  bout: 'about',
  dont: 'do not',
  dnt: 'do not',
  cant: 'cannot',
  wont: 'will not',
  im: 'i am',
  ive: 'i have',
  gonna: 'going to',
  wanna: 'want to',
  gimme: 'give me',
  gotta: 'have to',
  thx: 'thanks',
  ta: 'thanks',
  w: 'with',
  govt: 'government',
  gov: 'government',
  fone: 'phone',
  ph: 'phone',
  tel: 'telephone',
  b4: 'before',
  '2day': 'today',
  wiv: 'with',
  wif: 'with',
  ma: 'my',
  mi: 'my',
  me: 'me',
  ov: 'of',
  av: 'have',
  hav: 'have',
  sum1: 'someone',
  some1: 'someone',
  any1: 'anyone',
  ne1: 'anyone',
  '4': 'for',
  '2': 'to',
  c: 'see',
  k: 'ok',
  sed: 'said',
  kno: 'know',
  knw: 'know',
  we: 'you',
  us: 'you',
  wer: 'where',
  whr: 'where',
  hu: 'who',
  ho: 'who',
  kidz: 'kids',
  cert: 'certificate',
  certs: 'certificates',
  dpo: 'dpo',
  sar: 'sar',
};

export function normalise(text: string): string {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[\u2018\u2019`]/g, "'")
      .replace(/\b(\w+)'(?:s)\b/g, '$1') // "council's" → "council"
      .replace(/n't\b/g, ' not')
      .replace(/'(?:re|ve|ll|d|m)\b/g, '')
      .replace(/\bout side\b/g, 'outside')
      // "do u lot keep…", "the bin lot": a group of people, not "a lot of".
      .replace(/(?<!\ba )\b(\w+) lot\b(?! of\b)/g, '$1')
      .replace(/\bwere (?=is|are|do|does|will)\b/g, 'where ')
      // An idiom is not a thing the notice could mention: "will you ring my gp behind my back".
      .replace(/\bbehind (?:my|our|her|his|their|your) backs?\b/g, ' ')
      // Real words typed for others, which the dictionary cannot catch: "dose my gp get told".
      .replace(/\bdose (?=my|the|you|it|he|she|they|this|that|your|a|an|anyone|someone)\b/g, 'does ')
      .replace(/(?<=\p{L})-(?=\p{L})/gu, ' ')
      .replace(/[^\p{L}\p{N}@.\s-]/gu, ' ')
      .replace(/(?<![\w@])[.-]+|[.-]+(?![\w])/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** Slang and text-speak → plain words, token by token. */
export function expandSlang(normalised: string): string {
  return normalised
    .split(' ')
    .filter((token) => !FILLER.has(token))
    .map((token) => SLANG[token] ?? token)
    .join(' ');
}

/** Words that carry no meaning in a question ("innit", "lol"): dropped before anything else reads it. */
const FILLER = new Set([
  // Adverbs that only add emphasis: "what do you actually use it for" is "what do you use it for".
  'actually',
  'really',
  'literally',
  'basically',
  'innit',
  'tho',
  'though',
  'nah',
  'watever',
  'wotever',
  'lol',
  'lmao',
  'tbh',
  'ngl',
  'mate',
  'bruv',
  'fam',
  'pls',
  'plz',
  'please',
  'ta',
  'cheers',
  'um',
  'umm',
  'erm',
  'hmm',
]);

export const STOPWORDS = new Set(
  `a an the and or but if then so of to in on at by for with from about as into over under than that this these those
  it its is are was were be been being am do does did doing have has had having i me my mine myself we us our ours you
  your yours he him his she her they them their theirs what which who whom whose when where why how whether can could
  will would shall should may might must not no nor any all some each every both either neither also just only very
  too there here out up down again further once more most other such own same s t don now hi hello hey please thanks
  thank ok okay yes yeah like get got go going want wanted know tell ask let one anyone someone something anything
  im i'm dear sir madam really actually still ever much many way even else`.split(/\s+/),
);

/** Words so common in privacy questions and notices that they say nothing about which fact is meant. */
export const GENERIC = new Set(
  `data information personal details detail record records stuff thing things council service services notice privacy
  policy use used using hold held collect collected keep kept share shared people person organisation organisations
  process processed processing provide provided`.split(/\s+/),
);

const stemCache = new Map<string, string>();
/**
 * Words the Porter stemmer runs together that notices and residents keep apart: a customer is not HM Revenue and
 * Customs, accountability is not an account, a university is not Universal Credit, news is not new.
 */
const OWN_STEMS: Record<string, string> = {
  customer: 'customer',
  customers: 'customer',
  customs: 'customs',
  accountability: 'accountability',
  accountable: 'accountable',
  university: 'university',
  universities: 'university',
  universal: 'universal',
  communication: 'communication',
  communications: 'communication',
  community: 'community',
  communities: 'community',
  news: 'news',
  experience: 'experience',
  experiences: 'experience',
  experiment: 'experiment',
  general: 'general',
  generous: 'generous',
  // Porter stems "bus" to "bu" but "buses" to "buse".
  bus: 'bus',
  buses: 'bus',
  busses: 'bus',
  gas: 'gas',
  gases: 'gas',
};

export function stem(word: string): string {
  let stemmed = stemCache.get(word);
  if (stemmed === undefined) {
    stemmed = /\d|@/.test(word) ? word : (OWN_STEMS[word.toLowerCase()] ?? stemmer(word));
    if (stemCache.size < 50_000) stemCache.set(word, stemmed);
  }
  return stemmed;
}

/** Word tokens of already-normalised text (no stemming). */
export function wordsOf(normalisedText: string): string[] {
  return normalisedText.split(/[\s/]+/).filter((w) => w.length > 0 && /[\p{L}\p{N}]/u.test(w));
}

/** The plain words slang expands to, for the spelling vocabulary. */
export const SLANG_WORDS: string[] = [...new Set(Object.values(SLANG).join(' ').split(' '))];

/** GENERIC as stems, to compare with indexed terms. */
export const GENERIC_TERMS = new Set([...GENERIC].map(stem));
