/**
 * Which facts of a notice answer a question, and in what order: the most specific true fact first.
 * Pure ranking over the index; answer.ts turns the selection into the answering contract.
 */
import type { NoticeTopic } from './answer-contract.ts';
import { cueTermsOf, type Intent } from './intent.ts';
import type { IndexedFact, IndexedNotice } from './knowledge-index.ts';
import type { Contact, Fact, RightKind } from './knowledge-schema.ts';
import { TOPIC_PHRASE } from './compose.ts';
import {
  askedDetail,
  askedRight,
  asksForTheService,
  asksToWithdraw,
  asksWhetherConsentNeeded,
  closedQuestion,
  RIGHT_NAMES,
  type Detail,
} from './asked.ts';
import {
  dedupe,
  hasRoute,
  withGeneralList,
  withListSiblings,
  withRestOfList,
  withWithdrawal,
  withBasis,
  withContinuations,
  withRoute,
  hasDetail,
} from './fact-additions.ts';
import { namingFacts, nothingOnTopic, unmatchedRecord, withPracticeStated, withUnmentioned } from './not-stated.ts';
import { TUNING } from './tuning.ts';

export interface Ranked {
  item: IndexedFact;
  /** How well the fact matches: the weight (IDF within the notice) of the question's content terms it contains. */
  match: number;
  /** How many distinct content words it contains. */
  matched: number;
  /** How many of those the person typed (not implied by the thesaurus). */
  typedMatched: number;
  /** `match` plus the weight of the fact's topic among the question's cues: the ranking order. */
  score: number;
}

/** A question as the ranking reads it (answer.ts analyses it); not the answering contract's `Question`. */
export interface AnalysedQuestion {
  /** The question after slang, spelling and phrase expansion. */
  text: string;
  /** Stemmed content terms: what the question is about, beyond what kind of question it is. */
  contentTerms: string[];
  /** Terms only the thesaurus added (not typed): weaker evidence than the person's own words. */
  implied: Set<string>;
  /** Stemmed terms of every non-stopword, function words included ("store", "phone"). */
  terms: string[];
  /** Content words as typed, for saying what the notice does not mention. */
  contentWords: string[];
  /** Of those, the ones the notice never uses, in any form or other words: what it truly "does not mention". */
  unsaid: string[];
  /** Of those, in the main clause, things other notices name ("cctv" asked of school transport). */
  unmentioned: string[];
  intent: Intent;
  sessionTopic?: NoticeTopic;
}

export interface Selection {
  facts: Fact[];
  /** A first line before the facts ("The notice does not mention …"). */
  preface?: string;
  /** False when the notice does not state what was asked (the answer says so and offers the DPO). */
  stated: boolean;
  /** How well the facts match what was asked: 1 specific, 0.9 general, 0.6 something asked is not mentioned. */
  match: number;
  /** The notice says something on the topic, but not the thing asked (the preface says what it does not mention). */
  unstated?: boolean;
}

/** Topics whose facts can answer a question on another: the ICO's number sits in complaints, a platform in sharing. */
export const RELATED: Record<NoticeTopic, NoticeTopic[]> = {
  about: ['purposes'],
  controller: ['contact', 'about'],
  contact: ['complaints', 'access-request', 'rights'],
  'data-collected': ['sources', 'purposes'],
  sources: ['data-collected'],
  purposes: ['data-collected', 'lawful-basis', 'sharing', 'consent'],
  'lawful-basis': ['purposes', 'consent'],
  sharing: ['security', 'purposes', 'consent'],
  retention: ['security'],
  security: ['sharing', 'retention'],
  international: ['security', 'sharing'],
  rights: ['access-request', 'consent', 'complaints'],
  'access-request': ['rights', 'contact'],
  consent: ['rights', 'lawful-basis', 'purposes'],
  complaints: ['contact', 'rights'],
};

/**
 * Topics on which a sentence filed elsewhere never answers for the notice: if it says nothing about transfers
 * abroad, withdrawing consent or security, a sharing or purposes sentence that shares a word does not say it.
 */
const RELATED_CAN_ANSWER_NOTHING = new Set<NoticeTopic>(['international', 'consent', 'security', 'retention']);

/** Topics a notice answers with a list of things (recipients, categories, sources): "do you … X?" is a lookup. */
const LIST_TOPICS = new Set<NoticeTopic>(['sharing', 'data-collected', 'sources']);

/** The kind of fact a list topic's lists are made of. */
const LIST_KIND: Partial<Record<NoticeTopic, Fact['kind']>> = {
  sharing: 'recipient',
  'data-collected': 'data-category',
  sources: 'source',
};

/**
 * "Do the police get my footage?" is answered by "We do not give footage to newspapers… unless the police ask"
 * and, as plainly, by the recipient line "Oakshire Constabulary, to investigate crime": when the chosen facts
 * have no item of the topic's list, the best item that names what was typed joins them.
 */
function withListItem(topic: NoticeTopic, chosen: Ranked[], candidates: Ranked[]): Ranked[] {
  const kind = LIST_KIND[topic];
  if (!kind || chosen.some((r) => r.item.fact.kind === kind)) return chosen;
  const item = candidates.find((r) => r.item.fact.kind === kind && r.item.fact.topic === topic && r.matched > 0);
  return item ? [...chosen.slice(0, 2), item] : chosen;
}

/** Topics where a person needs a route (whom to contact), not only a statement. */
const ROUTE_TOPICS = new Set<NoticeTopic>(['access-request', 'complaints', 'contact']);

export function rankFacts(notice: IndexedNotice, question: AnalysedQuestion): Ranked[] {
  const topicWeight = new Map<NoticeTopic, number>();
  question.intent.ranked
    .slice(0, 3)
    .forEach(([topic, score], i) => topicWeight.set(topic, Math.min(score, 6) / (i + 1)));
  if (question.sessionTopic && !topicWeight.size) topicWeight.set(question.sessionTopic, 2);
  // Each term's weight once, not once per fact.
  const terms = question.contentTerms.map((term) => {
    const implied = question.implied.has(term);
    return { term, implied, weight: (notice.idf.get(term) ?? 0) * (implied ? TUNING.impliedWeight : 1) };
  });
  const ranked: Ranked[] = [];
  for (const item of notice.facts) {
    let content = 0;
    let matched = 0;
    let typedMatched = 0;
    // What the thesaurus added counts once, at its best: "daughter" implies child, children and young, three
    // words for one thing the person said, which must not outweigh a word they typed ("prosecuted").
    let impliedBest = 0;
    for (const { term, implied, weight } of terms) {
      if (item.terms.has(term)) {
        if (implied) impliedBest = Math.max(impliedBest, weight);
        else content += weight;
        matched++;
        if (!implied) typedMatched++;
      } else if (item.sectionTerms.has(term)) content += weight * 0.3;
    }
    content += impliedBest;
    const score = content + (topicWeight.get(item.fact.topic) ?? 0);
    if (score > 0) ranked.push({ item, match: content, matched, typedMatched, score });
  }
  return ranked.sort((a, b) => b.score - a.score || a.item.fact.order - b.item.fact.order);
}

/** How many of the question's terms (function words included) a fact shares. */
function overlap(item: IndexedFact, terms: string[]): number {
  let n = 0;
  for (const term of terms) if (item.terms.has(term)) n++;
  return n;
}

const STORAGE_PLACE =
  /\b(?:stored|store|held|kept|hold) (?:in|on|within|at)\b|\bdatabase\b|\bsystem\b|\bplatform\b|\bservers?\b|\bcrm\b|\bfiling\b/i;

/** A metadata line ("Version: 2", "Author: Data Protection") says nothing to a resident. */
const METADATA = /^[A-Z][\w /]{1,30}:\s*\S[^.]{0,30}$/;

export function selectFacts(
  notice: IndexedNotice,
  topic: NoticeTopic,
  question: AnalysedQuestion,
  ranked: Ranked[],
): Selection {
  const detail = askedDetail(question.text);
  // 1. A named right ("can you delete my data"): the facts naming that right, or say the notice does not.
  const right = topic === 'rights' ? askedRight(question.text) : undefined;
  if (right) return selectForRight(notice, right, question, ranked, detail);
  const inTopic = notice.facts.filter((f) => f.fact.topic === topic);
  // 2. The question names something: the facts that contain it, most specific first.
  // The service's own contact is found by who it is, not by the words the question shares with a sentence.
  const serviceContact = topic === 'contact' && asksForTheService(question.text, question.terms, notice.nameTerms);
  const specific = serviceContact ? undefined : selectSpecific(notice, topic, question, ranked, detail, inTopic);
  if (specific) {
    const selection = { ...specific, facts: withContinuations(notice, specific.facts) };
    return withPracticeStated(notice, question, withUnmentioned(notice, question, selection));
  }
  // 3. Nothing in the notice on this topic: say so, with the sentence that names what was asked if one does ("did
  // you get her details from her nursery?": it records the nursery she attends).
  if (inTopic.length === 0 && topic !== 'about') return nothingOnTopic(notice, topic, ranked);
  // 4. A general question: the topic's facts, those sharing the question's words first.
  return withPracticeStated(notice, question, selectForTopic(notice, topic, question, ranked, detail, inTopic));
}

function selectForRight(
  notice: IndexedNotice,
  right: RightKind,
  question: AnalysedQuestion,
  ranked: Ranked[],
  detail: Detail | undefined,
): Selection {
  const naming = notice.facts.filter((f) => f.fact.rights?.includes(right)).map((f) => f.fact);
  // What else the question names ("will I lose my support") may be answered by another rights sentence.
  const also = ranked.find((r) => r.match >= 1.2 && ['rights', 'access-request'].includes(r.item.fact.topic))?.item
    .fact;
  if (naming.length) {
    const facts = dedupe([...naming.slice(0, 3), ...(also ? [also] : [])]);
    return { facts: withRoute(notice, 'rights', facts, detail), stated: true, match: 1 };
  }
  const general = selectGeneral(notice, 'rights', question, detail);
  return {
    ...general,
    preface: `The ${notice.notice.service} privacy notice does not mention ${RIGHT_NAMES[right]}.${general.facts.length ? ' It says:' : ''}`,
    match: 0.6,
    unstated: true,
  };
}

/** The facts that contain what the question names, most specific first; undefined when none does well enough. */
function selectSpecific(
  notice: IndexedNotice,
  topic: NoticeTopic,
  question: AnalysedQuestion,
  ranked: Ranked[],
  detail: Detail | undefined,
  inTopic: IndexedFact[],
): Selection | undefined {
  const related = RELATED[topic];
  const weightOf = (t: NoticeTopic) =>
    t === topic ? 1 : related.includes(t) ? TUNING.relatedTopicWeight : TUNING.otherTopicWeight;
  const near = ranked.filter(
    (r) => r.match > 0 && (r.item.fact.topic === topic || related.includes(r.item.fact.topic)),
  );
  // Only when nothing on this topic or its neighbours names it, a fact filed elsewhere may ("do you sell my data").
  // Only a yes/no question: "who do you share my reg number with?" is answered by the recipients, not by the
  // sentence that says the number is collected.
  const elsewhere =
    near.length || !closedQuestion(question.text) ? [] : ranked.filter((r) => r.matched >= 2 && r.match >= 2.5);
  const specific = (near.length ? near : elsewhere)
    .map((r) => ({
      ...r,
      match:
        r.match * weightOf(r.item.fact.topic) +
        (detail && hasDetail(r.item.fact, detail) ? 1.5 : 0) +
        (topic === 'retention' && r.item.fact.retention?.months != null ? 0.5 : 0),
    }))
    .sort((a, b) => b.match - a.match || b.score - a.score);
  const bestContent = specific[0]?.match ?? 0;
  // "Do you share with the job centre?" is not answered yes by a purposes sentence that mentions jobs.
  const onlyNeighbours = !specific.some((r) => r.match >= bestContent * 0.6 && r.item.fact.topic === topic);
  const yesNoOnList = closedQuestion(question.text) && LIST_TOPICS.has(topic);
  // "What is Connect to Work?" is about the whole service, not a sentence that shares a word with it.
  // "Where do you get my driving record from?": a collected-data sentence naming the driving record does not say
  // where it comes from; the notice's sources do.
  const neighbourOnly = onlyNeighbours && inTopic.length > 0 && !ROUTE_TOPICS.has(topic);
  // A complaint is answered with how to complain, not with the sentence that names what went wrong.
  const notARoute = topic === 'complaints' && onlyNeighbours;
  if (bestContent < 1.2 || topic === 'about' || (yesNoOnList && onlyNeighbours) || neighbourOnly || notARoute)
    return undefined;
  const chosen = withListItem(topic, specific.filter((r) => r.match >= bestContent * 0.6).slice(0, 3), specific);
  return fromChosen(notice, topic, question, chosen, inTopic, elsewhere.length > 0, detail);
}

/** A selection from the chosen specific facts: periods, siblings and what the notice does not say added. */
function fromChosen(
  notice: IndexedNotice,
  topic: NoticeTopic,
  question: AnalysedQuestion,
  chosen: Ranked[],
  inTopic: IndexedFact[],
  fromElsewhere: boolean,
  detail: Detail | undefined,
): Selection {
  const service = notice.notice.service;
  let facts = chosen.map((r) => r.item.fact);
  // "How long do you keep my noise complaint?" answered by "Food complaints — 2 years": the record asked about
  // is not the one whose period is given. Say so first, with the periods the notice does give.
  const unmatched =
    topic === 'retention'
      ? unmatchedRecord(
          notice,
          question,
          chosen.map((r) => r.item),
        )
      : undefined;
  if (unmatched) {
    return {
      facts: dedupe([...facts, ...periodFacts(inTopic.map((f) => f.fact))]).slice(0, 8),
      stated: true,
      match: 0.6,
      unstated: true,
      preface: `The ${service} privacy notice does not give a retention period for "${unmatched}". It gives these:`,
    };
  }
  // A retention answer without a period is no answer when the notice gives periods: add them.
  if (topic === 'retention' && !facts.some((f) => f.retention?.months != null)) {
    facts.push(...periodFacts(inTopic.map((f) => f.fact)).slice(0, 8));
  }
  if (topic === 'access-request') facts = withListSiblings(notice, facts);
  if (topic === 'data-collected') facts = withGeneralList(notice, facts);
  if (topic === 'consent') facts = withConsentAnswer(notice, question, facts);
  // "What do you hold on her son?", "which company looks after the cameras?": an open question answered by one
  // or two items of a list gets the rest of that list after them; a yes/no question keeps its one item.
  if (LIST_TOPICS.has(topic) && facts.length <= 2 && !closedQuestion(question.text))
    facts = withRestOfList(notice, facts);
  // The notice says nothing on the topic itself ("is my child's data sent abroad?" with no word on transfers):
  // that is the answer, with the nearest sentences as what it does say.
  if (inTopic.length === 0 && RELATED_CAN_ANSWER_NOTHING.has(topic))
    return {
      facts: dedupe(facts),
      stated: false,
      match: 0.6,
      preface: `The ${service} privacy notice does not say ${TOPIC_PHRASE[topic]}. The nearest it comes:`,
    };
  // Answered from a sentence filed under another topic: right words, but worth offering a person too.
  const match = fromElsewhere ? 0.6 : facts.some((f) => f.topic === topic) ? 1 : 0.8;
  return { facts: withRoute(notice, topic, dedupe(facts), detail), stated: true, match };
}

/** A general question: the topic's facts, with what the notice does not say first when it does not say it. */
function selectForTopic(
  notice: IndexedNotice,
  topic: NoticeTopic,
  question: AnalysedQuestion,
  ranked: Ranked[],
  detail: Detail | undefined,
  inTopic: IndexedFact[],
): Selection {
  const service = notice.notice.service;
  const selection = selectGeneral(notice, topic, question, detail);
  if (topic === 'consent') selection.facts = withConsentAnswer(notice, question, selection.facts);
  // "My son needs a work permit - is that covered by this notice?": the sentence that names it, before the intro.
  const named =
    topic === 'about' ? ranked.find((r) => r.item.fact.topic === 'about' && r.typedMatched >= 2) : undefined;
  if (named) selection.facts = dedupe([named.item.fact, ...selection.facts]);
  const mentionsNothing = question.contentTerms.length > 0 && !ranked.some((r) => r.match > 0);
  const listTopic = LIST_TOPICS.has(topic);
  const unsaid = (preface: string) => Object.assign(selection, { preface, match: 0.6, unstated: true });
  if (
    closedQuestion(question.text) &&
    question.contentTerms.length > 0 &&
    (listTopic || (mentionsNothing && topic !== 'about'))
  ) {
    // Only what it truly never mentions: "does not mention 'card pay'" is false of a notice that says payments
    // are taken by card.
    const named = [...new Set(question.unsaid)].slice(0, 4).join(' ');
    if (named) unsaid(`The ${service} privacy notice does not mention "${named}". Here is what it does say:`);
    else {
      // It does mention them, in a sentence filed under another topic: that sentence first.
      const evidence = namingFacts(ranked, topic)[0]?.item.fact;
      if (evidence) selection.facts = dedupe([evidence, ...selection.facts]);
    }
  }
  // "Where is my data stored?" is only answered by a sentence that names a place or system.
  if (
    topic === 'security' &&
    /\bwhere\b/.test(question.text) &&
    !selection.facts.some((f) => STORAGE_PLACE.test(f.text))
  ) {
    unsaid(`The ${service} privacy notice does not say where your information is stored. It says:`);
  }
  if (
    topic === 'retention' &&
    !inTopic.some((f) => f.fact.retention?.months != null || (f.fact.retention?.period && !f.fact.retention.vague))
  ) {
    selection.preface = `The ${service} privacy notice does not give a retention period. It says:`;
    selection.stated = false;
  } else if (topic === 'retention' && question.contentWords.length > 0) {
    // "How long do you keep my noise complaint?" when the periods given are for other records: say so first.
    // The records the periods are given for: a neighbour's sentence ("Noise App recordings are uploaded over an
    // encrypted connection") gives none.
    const given = notice.facts.filter((f) => selection.facts.includes(f.fact) && f.fact.topic === 'retention');
    const asked = mentionsNothing ? undefined : unmatchedRecord(notice, question, given);
    if (mentionsNothing || asked) {
      const named = asked ?? [...new Set(question.contentWords)].slice(0, 4).join(' ');
      unsaid(`The ${service} privacy notice does not give a retention period for "${named}". It gives these:`);
    }
  }
  return { ...selection, facts: withRoute(notice, topic, selection.facts, detail) };
}

/**
 * A consent answer: "how do I take it back" leads with the withdrawal sentence sharing most with the question,
 * "do you need my consent" with the basis relied on instead.
 */
function withConsentAnswer(notice: IndexedNotice, question: AnalysedQuestion, facts: Fact[]): Fact[] {
  const byFact = new Map(notice.facts.map((f) => [f.fact, f]));
  const shared = (fact: Fact) => {
    const item = byFact.get(fact);
    return item ? overlap(item, question.contentTerms) : 0;
  };
  let out = asksToWithdraw(question.text) ? withWithdrawal(notice, facts, shared) : facts;
  if (asksWhetherConsentNeeded(question.text)) out = withBasis(notice, out);
  return out;
}

function periodFacts(facts: Fact[]): Fact[] {
  return facts.filter((f) => f.retention?.period);
}

/** The service's own contact, not its data protection people or the ICO. */
const servesItself = (c: Contact) => (c.role === 'service' || c.role === 'council') && !!(c.email || c.phone);

/** What the service is: sentences naming it first (wherever the notice filed them), then the introduction. */
function selectAbout(notice: IndexedNotice): Selection {
  const names = [...notice.nameTerms];
  const named = (f: IndexedFact) => names.filter((t) => f.terms.has(t)).length * 2 >= names.length;
  const early = notice.facts.length / 4;
  // The first section that introduces the service is where a notice says what it is.
  const introSection = notice.facts.find((f) => f.fact.topic === 'about' && !METADATA.test(f.fact.text))?.fact.section;
  const describes = (f: IndexedFact, i: number) =>
    (named(f) ? 2 : 0) +
    (f.fact.topic === 'about' ? 1 : 0) +
    (f.fact.section === introSection && f.fact.topic === 'about' ? 1.5 : 0) +
    (i < early ? 1 : 0) +
    (f.fact.topic === 'purposes' ? 0.5 : 0);
  const chosen = notice.facts
    .map((f, i) => ({ f, rank: describes(f, i) }))
    .filter(
      ({ f, rank }) =>
        rank >= 1.5 && !METADATA.test(f.fact.text) && ['about', 'controller', 'purposes'].includes(f.fact.topic),
    )
    .sort((a, b) => b.rank - a.rank || a.f.fact.order - b.f.fact.order)
    .slice(0, 4)
    .map(({ f }) => f.fact)
    .sort((a, b) => a.order - b.order);
  return { facts: chosen, stated: chosen.length > 0, match: 0.9 };
}

function selectGeneral(
  notice: IndexedNotice,
  topic: NoticeTopic,
  question: AnalysedQuestion,
  detail?: Detail,
): Selection {
  let pool = notice.facts.filter((f) => f.fact.topic === topic);
  if (topic === 'rights') {
    pool = notice.facts.filter(
      (f) =>
        f.fact.topic === 'rights' ||
        f.fact.topic === 'access-request' ||
        (hasRoute(f.fact) && /\bright/i.test(f.fact.text)),
    );
  }
  if (topic === 'about') return selectAbout(notice);
  // Facts filed under a neighbouring topic that share the question's words ("where is it stored" → the platform).
  // Only words about this topic or the question's own subject count: "mum on the phone asking what we hold"
  // is not about phone numbers.
  const cues = cueTermsOf(topic);
  const terms = question.terms.filter(
    (t) => (cues.has(t) || question.contentTerms.includes(t)) && !notice.nameTerms.has(t),
  );
  const neighbours = notice.facts
    .filter((f) => RELATED[topic].includes(f.fact.topic) && overlap(f, terms) >= 1 && !pool.includes(f))
    .sort((a, b) => overlap(b, terms) - overlap(a, terms))
    .slice(0, 2);
  const procedural = /^(?:how|who|where)\b|\bexercise\b/.test(question.text);
  const wantsService = topic === 'contact' && asksForTheService(question.text, question.terms, notice.nameTerms);
  const preference = (f: Fact): number => {
    let p = 0;
    if (topic === 'retention' && f.retention?.period) p += 2;
    if (detail && hasDetail(f, detail)) p += 3;
    if ((ROUTE_TOPICS.has(topic) || procedural) && hasRoute(f)) p += topic === 'access-request' ? 3 : 1.5;
    if (wantsService && (f.contacts ?? []).some(servesItself)) p += 3;
    // A complaint about how data was handled goes to the Data Protection Officer first.
    if (topic === 'complaints' && /data protection officer|\bdpo\b|raise (?:this|your concern)/i.test(f.text)) p += 2.5;
    return p;
  };
  const ordered = [...pool, ...neighbours]
    .map((item) => ({
      item,
      rank: overlap(item, terms) + preference(item.fact) - (pool.includes(item) ? 0 : 0.5),
    }))
    .sort((a, b) => b.rank - a.rank || a.item.fact.order - b.item.fact.order)
    .map((x) => x.item.fact);
  const limit = topic === 'retention' ? 10 : ROUTE_TOPICS.has(topic) || detail ? 5 : 12;
  let facts = ordered.slice(0, limit);
  if (topic === 'access-request') facts = withListSiblings(notice, facts).slice(0, 8);
  // Lists read best in the notice's own order once chosen, the topic's own facts before a neighbour's.
  const neighbour = (f: Fact) => (f.topic === topic ? 0 : 1);
  if (!detail && !ROUTE_TOPICS.has(topic) && topic !== 'retention')
    facts.sort((a, b) => neighbour(a) - neighbour(b) || a.order - b.order);
  return { facts, stated: true, match: 0.9 };
}
