/**
 * What a notice does not say, said truthfully: a thing it never names, a record it gives no period for, a practice
 * (recording calls) or a whole topic it says nothing of. Each turns an answer into "the notice does not say …",
 * followed by what it does say.
 */
import type { NoticeTopic } from './answer-contract.ts';
import { closedQuestion } from './asked.ts';
import { TOPIC_PHRASE } from './compose.ts';
import type { IndexedFact, IndexedNotice } from './knowledge-index.ts';
import { stem } from './language.ts';
import type { AnalysedQuestion, Ranked, Selection } from './select-facts.ts';
import { TUNING } from './tuning.ts';

/**
 * Whether a word the person typed is in the notice: its stem, the word beginning one of the notice's terms ("pay" →
 * payments), or the word a derived one is made from.
 */
export function mentions(notice: IndexedNotice, word: string): boolean {
  const term = stem(word);
  if (notice.idf.has(term)) return true;
  if (word.length < 3) return false;
  // The word as typed starting a slightly longer term ("pay" → "payment"), not a stem's prefix ("polic" → "polici").
  for (const known of notice.idf.keys()) if (known.startsWith(word) && known.length <= word.length + 4) return true;
  // The word a derived one is made from ("payment" → "pay", "recording" → "record").
  const base = /^(\w{3,}?)(?:ments?|ations?|ers?|ings?|ed)$/.exec(word)?.[1];
  return base !== undefined && notice.idf.has(stem(base));
}

/**
 * "Do the school buses have CCTV?" answered from a sentence about bus passes: a yes/no question about a thing the
 * notice never names (other notices do, so it is a thing a notice could say) is not answered by a sentence that
 * shares another of its words. Say the notice does not mention it, then what it does say.
 */
export function withUnmentioned(notice: IndexedNotice, question: AnalysedQuestion, selection: Selection): Selection {
  if (selection.unstated || !question.unmentioned.length || !closedQuestion(question.text)) return selection;
  const named = question.unmentioned.slice(0, 3).join(' ');
  return {
    ...selection,
    preface: `The ${notice.notice.service} privacy notice does not mention "${named}". Here is what it does say:`,
    match: 0.6,
    unstated: true,
  };
}

/**
 * What the person asked about, when its most telling word (highest weight in the notice) is used elsewhere in the
 * notice but in none of the chosen facts: a record the notice gives no period for.
 */
export function unmatchedRecord(
  notice: IndexedNotice,
  question: AnalysedQuestion,
  chosen: IndexedFact[],
): string | undefined {
  const typed = question.contentTerms
    .filter((t) => !question.implied.has(t) && (notice.idf.get(t) ?? 0) > 0)
    .sort((a, b) => (notice.idf.get(b) ?? 0) - (notice.idf.get(a) ?? 0));
  const key = typed[0];
  if (!key || chosen.some((f) => f.terms.has(key))) return undefined;
  // Only a word that names something the notice talks about, and that outweighs what did match.
  const matchedWeight = Math.max(
    0,
    ...typed.filter((t) => chosen.some((f) => f.terms.has(t))).map((t) => notice.idf.get(t) ?? 0),
  );
  if ((notice.idf.get(key) ?? 0) <= matchedWeight) return undefined;
  // The record as typed: every such word, in the person's order ("direct debit").
  const unmatched = (t: string) => (notice.idf.get(t) ?? 0) > matchedWeight && !chosen.some((f) => f.terms.has(t));
  const words = [...new Set(question.contentWords.filter((w) => unmatched(stem(w))))].slice(0, 3);
  return words.length ? words.join(' ') : undefined;
}

/**
 * Practices a question may ask whether the service follows, and how a notice's sentence says it does: "do you
 * record my calls" is not answered by the list of what is collected, only by a sentence about recording calls.
 */
const PRACTICES: { asked: RegExp; said: RegExp[]; what?: string }[] = [
  {
    asked:
      /\brecord\w* (?:\w+ ){0,2}(?:calls?|phone calls?|conversations?)\b|\b(?:calls?|conversations?) (?:\w+ ){0,2}recorded\b/,
    said: [
      /\b(?:calls?|conversations?) (?:\w+ ){0,4}(?:are|is|may be|will be|might be|being|get) recorded\b|\brecord(?:s|ing)? (?:\w+ ){0,3}(?:calls?|conversations?)\b|\bcall recording\b/i,
    ],
    what: 'whether phone calls are recorded',
  },
  {
    // "will my neighbour find out it was me who reported them", "do you tell the person I complained about who I am".
    asked:
      /\b(?:find out|know|be told|tell|told)\b[\w ]{0,40}\b(?:it was me|who i am|(?:that )?i (?:reported|complained|grassed|rang|called)|my name)\b|\bfind out i (?:reported|complained|grassed)\b/,
    // A sentence that says the name is kept back first, then any that says the person is not told.
    said: [
      /\b(?:not|never) (?:tell|give|pass on|share|reveal|disclose|publish|name)\b[^.]{0,80}\b(?:name|identity|who you are|your details)\b/i,
      /\b(?:not|never) (?:tell|name)\b[^.]{0,40}\b(?:person (?:you have )?complained about|person complained about|person you reported)\b/i,
    ],
    what: 'whether the person you report or complain about is told it was you',
  },
  {
    // "is my phone number shown online with my application", "will our address be up on that board": what is
    // kept back from what is published comes first. (No "does not say": the sharing facts answer it too.)
    asked: /\b(?:shown|published|displayed|put up|be up|online|on (?:the|that|your) (?:website|board|register))\b/,
    said: [
      /\b(?:not|never) (?:be )?(?:displayed|published|shown|made public|put online|included)\b|\b(?:remove|redact|take out|blank out|black out)\w*\b[^.]{0,60}\b(?:before|from)\b/i,
    ],
  },
];

/** A question about a practice: the sentence that states it first, or say the notice does not state it. */
export function withPracticeStated(notice: IndexedNotice, question: AnalysedQuestion, selection: Selection): Selection {
  const practice = PRACTICES.find((p) => p.asked.test(question.text));
  if (!practice) return selection;
  const stating = practice.said
    .map((said) => notice.facts.find((f) => said.test(f.fact.text))?.fact)
    .find((fact) => fact !== undefined);
  if (stating) return { ...selection, facts: [stating, ...selection.facts.filter((f) => f !== stating)] };
  if (!practice.what) return selection;
  return {
    ...selection,
    preface: `The ${notice.notice.service} privacy notice does not say ${practice.what}. It says:`,
    match: 0.6,
    unstated: true,
  };
}

/**
 * Nothing in the notice on the topic asked: say so, with the sentences that name what was asked if any do ("did you
 * get her details from her nursery?": it records the nursery she attends).
 */
export function nothingOnTopic(notice: IndexedNotice, topic: NoticeTopic, ranked: Ranked[]): Selection {
  const naming = namingFacts(ranked, topic, TUNING.lexicalMatch);
  if (!naming.length) return { facts: [], stated: false, match: 0.9 };
  const facts = naming.filter((r) => r.match >= naming[0]!.match * 0.9).slice(0, 2);
  const preface = `The ${notice.notice.service} privacy notice does not say ${TOPIC_PHRASE[topic]}. The nearest it comes:`;
  return { facts: facts.map((r) => r.item.fact), stated: false, match: 0.6, preface };
}

/**
 * Sentences on other topics that name what was asked, best first: by a word typed, or well by the thing the words
 * name ("facebook" → social media); the introduction only when nothing else does.
 */
export function namingFacts(ranked: Ranked[], topic: NoticeTopic, atLeast = 0): Ranked[] {
  const names = (r: Ranked) => r.typedMatched > 0 || r.match >= TUNING.lexicalMatch;
  const elsewhere = ranked.filter((r) => r.item.fact.topic !== topic && r.match >= atLeast && names(r));
  const specific = elsewhere.filter((r) => r.item.fact.topic !== 'about');
  return (specific.length ? specific : elsewhere).sort((a, b) => b.match - a.match);
}
