/**
 * The answering core: a question (+ notice, council, session context) → an answer with citations.
 * Plain TypeScript over the knowledge index: no AWS, no HTTP, no Bot Framework.
 */
import {
  MAX_QUESTION_LENGTH,
  type Action,
  type Answer,
  type Citation,
  type NoticeTopic,
  type Question,
  type Suggestion,
  type Topic,
} from './answer-contract.ts';
import { OFF_TOPIC, PRIVACY_ANCHOR, PROMPT_INJECTION, detectIntent, type Intent } from './intent.ts';
import type { IndexedFact, IndexedNotice, KnowledgeIndex } from './knowledge-index.ts';
import { questionText } from './knowledge-index.ts';
import type { Fact } from './knowledge-schema.ts';
import { GENERIC, STOPWORDS, expandSlang, normalise, stem, wordsOf } from './language.ts';
import { composeFacts, notStated, TOPIC_PHRASE } from './compose.ts';

export class AnswerInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AnswerInputError';
  }
}

/** Words that say what kind of question it is rather than what it is about ("how long", "share"). */
const FUNCTION_WORDS = new Set(
  `long keep kept retain retention delete deleted destroy destroyed share shared sharing store stored hold held collect
  collected use used why need needs right rights access copy see contact email phone number address complain complaint
  consent permission withdraw protect protected secure security safe law legal lawful basis source sources purpose
  purposes outside uk abroad request subject time years year months month long much who whom get given give send sent
  find found say says said tell told able allowed allow happen happens done do make made ask asked dpo officer
  protection data information personal detail details record records file files stuff council service notice privacy
  person people someone human speak talk write ring call answer question questions help period what exercise`
    .split(/\s+/)
    .map(stem),
);

type NoticeSource = 'context' | 'session' | 'named' | 'clue' | 'council';

interface Resolution {
  notice?: IndexedNotice;
  source?: NoticeSource;
  /** Candidates when the service is ambiguous. */
  choices: IndexedNotice[];
}

const round = (n: number) => Math.round(Math.max(0, Math.min(1, n)) * 100) / 100;

function clean(question: string): string {
  // Control characters (binary input) become spaces; the rest is kept as typed.
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  return question.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uFFFD]/g, ' ').trim();
}

export function answerQuestion(index: KnowledgeIndex, input: Question): Answer {
  const council = input.council ?? input.session?.council;
  if (
    council &&
    !index.councils.has(council) &&
    ![...index.notices.values()].some((n) => n.notice.council === council)
  ) {
    throw new AnswerInputError(
      `Unknown council "${council}". Known councils: ${[...index.councils.keys()].join(', ')}.`,
    );
  }
  for (const id of [input.notice, input.session?.notice]) {
    if (id && !index.notices.has(id)) throw new AnswerInputError(`Unknown notice "${id}".`);
  }
  const question = clean(input.question);
  const contextNotice = input.notice ? index.notices.get(input.notice) : undefined;
  if (!question || !/[\p{L}\p{N}]/u.test(question)) {
    return outOfScope(
      index,
      contextNotice,
      council,
      'Please type a question about how your personal information is used, for example "How long do you keep my records?"',
    );
  }
  if (question.length > MAX_QUESTION_LENGTH) {
    return outOfScope(
      index,
      contextNotice,
      council,
      `That message is too long for me (${question.length} characters). Please ask one question in under ${MAX_QUESTION_LENGTH} characters.`,
    );
  }
  const normalised = expandSlang(normalise(question));
  if (PROMPT_INJECTION.test(normalised)) return outOfScope(index, contextNotice, council);
  const text = questionText(index, normalised);
  if (!looksEnglish(index, normalised)) {
    return outOfScope(
      index,
      contextNotice,
      council,
      'Sorry, I can only answer questions in English. The council can help in other languages:',
    );
  }
  const intent = detectIntent(text);
  const words = wordsOf(text).filter((w) => !STOPWORDS.has(w));
  const terms = [...new Set(words.map(stem))];

  const resolution = resolveNotice(index, input, council, terms);
  const strongest = intent.ranked[0]?.[1] ?? 0;
  const anchored = PRIVACY_ANCHOR.test(text);
  if (OFF_TOPIC.test(text) && !(anchored && strongest >= 4))
    return outOfScope(index, resolution.notice ?? contextNotice, council);

  if (!resolution.notice) {
    if (strongest < 3 && !anchored && resolution.choices.length === 0) return outOfScope(index, undefined, council);
    if (strongest < 1.5 && !anchored) return outOfScope(index, undefined, council);
    return askWhichService(index, resolution.choices, question, intent, council);
  }

  const notice = resolution.notice;
  const content = terms.filter((t) => !FUNCTION_WORDS.has(t) && !GENERIC.has(t) && !notice.nameTerms.has(t));
  const ranked = rankFacts(notice, intent, content, input.session?.topic);
  const best = ranked[0];
  const sessionTopic = input.session?.topic;
  let topic: NoticeTopic | undefined = intent.ranked[0]?.[0];
  // "what is Connexions?", "what does connect to work do": the question names the service and asks nothing else.
  const namesService = terms.some((t) => notice.nameTerms.has(t));
  if (strongest < 2 && namesService && content.length <= 2 && !(best && best.content >= 2.5)) topic = 'about';
  if ((!topic || strongest < 2) && best && best.content >= 2.5) topic = best.item.fact.topic;
  if (!topic && sessionTopic && content.length > 0) topic = sessionTopic;
  if (!topic || (strongest < 2 && !anchored && topic !== 'about' && (!best || best.content < 2.5))) {
    return outOfScope(index, notice, council);
  }
  return answerFromNotice(index, notice, resolution.source!, topic, intent, ranked, content, strongest, words, text);
}

/** English enough to answer: mostly Latin letters and mostly words the assistant knows (after spelling repair). */
function looksEnglish(index: KnowledgeIndex, normalised: string): boolean {
  const words = normalised.split(' ').filter((w) => /\p{L}/u.test(w));
  if (words.length === 0) return true;
  const latin = words.filter((w) => /^[a-z@.\d-]+$/.test(w)).length;
  if (latin / words.length < 0.5) return false;
  const known = words.filter((w) => index.knows(w) || index.knows(index.correct(w))).length;
  return known / words.length >= 0.5;
}

interface Ranked {
  item: IndexedFact;
  /** Weight of the question's content words the fact contains. */
  content: number;
  score: number;
}

function rankFacts(notice: IndexedNotice, intent: Intent, content: string[], sessionTopic?: NoticeTopic): Ranked[] {
  const topicWeight = new Map<NoticeTopic, number>();
  intent.ranked.slice(0, 3).forEach(([topic, score], i) => topicWeight.set(topic, Math.min(score, 6) / (i + 1)));
  if (sessionTopic && !topicWeight.size) topicWeight.set(sessionTopic, 2);
  const ranked: Ranked[] = [];
  for (const item of notice.facts) {
    let matched = 0;
    for (const term of content) if (item.terms.has(term)) matched += notice.idf.get(term) ?? 0;
    const score = matched + (topicWeight.get(item.fact.topic) ?? 0);
    if (score > 0) ranked.push({ item, content: matched, score });
  }
  return ranked.sort((a, b) => b.score - a.score || a.item.fact.order - b.item.fact.order);
}

function answerFromNotice(
  index: KnowledgeIndex,
  indexed: IndexedNotice,
  source: NoticeSource,
  topic: NoticeTopic,
  intent: Intent,
  ranked: Ranked[],
  content: string[],
  strongest: number,
  words: string[],
  questionText: string,
): Answer {
  const notice = indexed.notice;
  const inTopic = indexed.facts.filter((f) => f.fact.topic === topic).map((f) => f.fact);
  const related = RELATED[topic];
  const specific = ranked
    .filter((r) => r.content > 0 && (r.item.fact.topic === topic || related.includes(r.item.fact.topic)))
    .map((r) => ({ ...r, content: r.item.fact.topic === topic ? r.content : r.content * 0.8 }))
    .sort((a, b) => b.content - a.content || b.score - a.score);
  const bestContent = specific[0]?.content ?? 0;
  let facts: Fact[];
  let preface: string | undefined;
  let stated = true;
  let contentFactor = 0.9;

  if (bestContent >= 1.2) {
    // Most specific first: the facts that contain what the question names.
    facts = specific
      .filter((r) => r.content >= bestContent * 0.6)
      .slice(0, 3)
      .map((r) => r.item.fact);
    contentFactor = 1;
  } else if (inTopic.length === 0) {
    facts = [];
    stated = false;
  } else {
    const pool =
      topic === 'rights'
        ? indexed.facts
            .map((f) => f.fact)
            .filter(
              (f) =>
                f.topic === 'rights' || f.topic === 'access-request' || (f.contacts?.length && /\bright/i.test(f.text)),
            )
        : inTopic;
    facts = generalFacts(topic, pool, words, questionText);
    const unmatched =
      content.length > 0 && isClosedQuestion(words) && ['sharing', 'data-collected', 'sources'].includes(topic);
    if (unmatched) {
      const named = words.filter((w) => content.includes(stem(w)) && !STOPWORDS.has(w));
      preface = `The ${notice.service} privacy notice does not mention "${[...new Set(named)].slice(0, 4).join(' ')}". Here is what it does say:`;
      contentFactor = 0.6;
    }
    if (
      topic === 'retention' &&
      !inTopic.some((f) => f.retention?.months != null || (f.retention?.period && !f.retention.vague))
    ) {
      preface = `The ${notice.service} privacy notice does not give a retention period. It says:`;
      stated = false;
    }
  }

  const council = index.councils.get(notice.council);
  if (topic === 'controller' && council && !facts.some((f) => f.text.includes(council.name))) {
    preface = `This is ${council.name}'s notice. It says:`;
  }
  const text = stated || facts.length ? composeFacts(facts, preface) : '';
  const body = stated ? text : notStated(notice, topic, facts.length ? text : undefined, council);
  const sourceFactor = { context: 1, session: 0.95, named: 0.95, council: 0.9, clue: 0.85 }[source];
  const intentFactor = strongest >= 4 ? 1 : strongest >= 3 ? 0.9 : strongest >= 2 ? 0.75 : 0.55;
  const confidence = round(sourceFactor * intentFactor * contentFactor * (stated ? 1 : 0.6));

  const actions: Action[] = [openNotice(indexed)];
  if (topic === 'access-request' || intent.wantsCopy) actions.unshift(startSar(notice.id));
  const unanswered =
    contentFactor < 1 && content.length > 0 && !ranked.some((r) => r.content > 0 && r.item.fact.topic === topic);
  if (!stated || unanswered || topic === 'complaints' || intent.wantsPerson || confidence < 0.5)
    actions.push(escalate(notice.id));
  return {
    topic,
    notice: notice.id,
    text: body,
    citations: citationsOf(facts),
    confidence,
    suggestions: followUps(indexed, topic),
    actions,
  };
}

/** Topics whose facts can answer a question on another: the ICO's number sits in complaints, a platform in sharing. */
const RELATED: Record<NoticeTopic, NoticeTopic[]> = {
  about: ['purposes'],
  controller: ['contact', 'about'],
  contact: ['complaints', 'access-request', 'rights'],
  'data-collected': ['sources', 'purposes'],
  sources: ['data-collected'],
  purposes: ['data-collected', 'lawful-basis', 'sharing'],
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

/** Which contact detail a question asks for, if any. */
function askedDetail(words: string[]): 'phone' | 'email' | 'address' | 'url' | undefined {
  if (words.some((w) => /^(?:phone|telephone|number|call|ring)$/.test(w))) return 'phone';
  if (words.some((w) => /^e-?mail$/.test(w))) return 'email';
  if (words.some((w) => /^(?:address|postal|post|write)$/.test(w))) return 'address';
  if (words.some((w) => /^(?:website|online|web|site|link)$/.test(w))) return 'url';
  return undefined;
}

/** A metadata line ("Version: 2", "Author: Data Protection") says nothing to a resident. */
const METADATA = /^[A-Z][\w /]{1,30}:\s*\S[^.]{0,30}$/;

/** The facts that answer a general question on a topic, most useful first. */
function generalFacts(topic: NoticeTopic, facts: Fact[], words: string[], question: string): Fact[] {
  const detail = askedDetail(words);
  if (detail && ['contact', 'complaints', 'access-request', 'rights'].includes(topic)) {
    const withDetail = facts.filter((f) => f.contacts?.some((c) => c[detail]));
    if (withDetail.length)
      return [...withDetail, ...facts.filter((f) => !withDetail.includes(f) && f.contacts?.length)].slice(0, 4);
  }
  if (topic === 'about') return facts.filter((f) => !METADATA.test(f.text)).slice(0, 6);
  // "How do I exercise my rights?" asks for the route: sentences that say whom to contact come first.
  const procedural = /^(?:how|who|where)\b|\bexercise\b/.test(question);
  if (procedural && ['rights', 'consent', 'complaints'].includes(topic)) {
    const routes = facts.filter((f) => f.contacts?.length);
    if (routes.length) return [...routes, ...facts.filter((f) => !routes.includes(f))].slice(0, 8);
  }
  if (topic === 'retention') {
    const withPeriod = facts.filter((f) => f.retention?.period);
    const rest = facts.filter((f) => !f.retention?.period);
    return [...withPeriod, ...rest].slice(0, 10);
  }
  if (topic === 'contact' || topic === 'complaints' || topic === 'access-request') {
    // Sentences that carry a way to reach someone come first.
    return [...facts.filter((f) => f.contacts?.length), ...facts.filter((f) => !f.contacts?.length)].slice(0, 5);
  }
  return facts.slice(0, 14);
}

function isClosedQuestion(words: string[]): boolean {
  return /^(?:do|does|did|will|would|can|could|is|are|have|has)$/.test(words[0] ?? '') || words.includes('ever');
}

function citationsOf(facts: Fact[]): Citation[] {
  const seen = new Set<string>();
  const citations: Citation[] = [];
  const add = (c: Citation) => {
    const key = `${c.notice}|${c.sentence}`;
    if (!seen.has(key)) {
      seen.add(key);
      citations.push(c);
    }
  };
  for (const fact of facts.slice(0, 6)) {
    add({
      notice: fact.id.split('#')[0]!,
      section: fact.section,
      sentence: fact.leadIn ? `${fact.leadIn} ${fact.sentence}` : fact.sentence,
    });
    if (fact.repair?.from) add(fact.repair.from);
  }
  return citations;
}

function resolveNotice(
  index: KnowledgeIndex,
  input: Question,
  council: string | undefined,
  terms: string[],
): Resolution {
  const inCouncil = [...index.notices.values()].filter((n) => !council || n.notice.council === council);
  // A question that names a service by name wins over the page it was asked on.
  const named = inCouncil
    .map((n) => ({ n, hits: [...n.nameTerms].filter((t) => terms.includes(t)).length / Math.max(1, n.nameTerms.size) }))
    .filter((x) => x.hits >= 0.5)
    .sort((a, b) => b.hits - a.hits);
  if (named[0] && (!named[1] || named[0].hits > named[1].hits)) {
    const current = input.notice ?? input.session?.notice;
    if (!current || named[0].hits >= 0.99) return { notice: named[0].n, source: 'named', choices: [] };
  }
  if (input.notice) return { notice: index.notices.get(input.notice)!, source: 'context', choices: [] };
  if (input.session?.notice)
    return { notice: index.notices.get(input.session.notice)!, source: 'session', choices: [] };

  const clue = clueScores(index, inCouncil, terms);
  if (clue[0] && clue[0].score >= 2 && (!clue[1] || clue[0].score >= clue[1].score * 1.6)) {
    return { notice: clue[0].notice, source: 'clue', choices: [] };
  }
  if (inCouncil.length === 1 && council) return { notice: inCouncil[0]!, source: 'council', choices: [] };
  const choices = clue.length ? clue.map((c) => c.notice) : inCouncil;
  return { choices: choices.slice(0, 6) };
}

/** How strongly the question's words point at each notice: words few notices use, used often by one. */
function clueScores(index: KnowledgeIndex, candidates: IndexedNotice[], terms: string[]) {
  const allowed = new Set(candidates.map((n) => n.notice.id));
  const total = index.notices.size;
  const scores = new Map<string, number>();
  for (const term of terms) {
    if (FUNCTION_WORDS.has(term) || GENERIC.has(term)) continue;
    const postings = index.postings.get(term);
    if (!postings || postings.length > Math.max(1, total * 0.4)) continue;
    const idf = Math.log(1 + total / postings.length);
    for (const id of postings) {
      if (!allowed.has(id)) continue;
      const count = index.notices.get(id)!.termCounts.get(term) ?? 0;
      scores.set(id, (scores.get(id) ?? 0) + idf * Math.log2(1 + count));
    }
  }
  return [...scores]
    .map(([id, score]) => ({ notice: index.notices.get(id)!, score }))
    .sort((a, b) => b.score - a.score || a.notice.notice.id.localeCompare(b.notice.notice.id));
}

function askWhichService(
  index: KnowledgeIndex,
  choices: IndexedNotice[],
  question: string,
  intent: Intent,
  council?: string,
): Answer {
  const topic: Topic = intent.ranked[0]?.[0] ?? 'about';
  const options = choices.length ? choices : [...index.notices.values()].slice(0, 6);
  const where = council ? ` at ${index.councils.get(council)?.name ?? council}` : '';
  const actions: Action[] = [];
  if (intent.wantsCopy || topic === 'access-request') actions.push(startSar(undefined));
  if (intent.wantsPerson || topic === 'complaints') actions.push(escalate(undefined));
  return {
    topic,
    notice: null,
    text: `Each service${where} has its own privacy notice. Which service is your question about?`,
    citations: [],
    confidence: 0,
    suggestions: options.map((n) => ({ label: n.notice.service, question, notice: n.notice.id })),
    actions,
  };
}

function outOfScope(
  index: KnowledgeIndex,
  notice: IndexedNotice | undefined,
  councilId: string | undefined,
  lead?: string,
): Answer {
  const council = index.councils.get(notice?.notice.council ?? councilId ?? '');
  const covers =
    'I can answer questions about how the council uses your personal information under its privacy notices: what it holds about you, how long it keeps it, who it shares it with, and your rights.';
  const general = council?.general;
  const reach = general
    ? ` For anything else, contact ${council.name}${[general.phone && ` on ${general.phone}`, general.email && ` at ${general.email}`, general.url && ` or visit ${general.url}`].filter(Boolean).join('')}.`
    : ' For anything else, please contact the council directly.';
  const suggestions: Suggestion[] = [
    { label: 'What do you hold about me?', question: 'What information do you hold about me?' },
    { label: 'How long do you keep it?', question: 'How long do you keep my information?' },
    { label: 'Who do you share it with?', question: 'Who do you share my information with?' },
  ].map((s) => (notice ? { ...s, notice: notice.notice.id } : s));
  return {
    topic: 'out-of-scope',
    notice: null,
    text: `${lead ? `${lead} ` : ''}${covers}${reach}`,
    citations: [],
    confidence: 0,
    suggestions,
    actions: [],
  };
}

function followUps(notice: IndexedNotice, topic: NoticeTopic): Suggestion[] {
  const all: [NoticeTopic, string][] = [
    ['data-collected', 'What information do you hold about me?'],
    ['retention', 'How long do you keep my information?'],
    ['sharing', 'Who do you share my information with?'],
    ['access-request', 'How do I get a copy of my information?'],
    ['rights', 'What are my rights?'],
  ];
  return all
    .filter(([t]) => t !== topic)
    .slice(0, 3)
    .map(([t, question]) => ({ label: question, question: question, notice: notice.notice.id, ...(t ? {} : {}) }));
}

function openNotice(indexed: IndexedNotice): Action {
  const { notice } = indexed;
  return {
    kind: 'open-notice',
    label: `Read the ${notice.service} privacy notice`,
    notice: notice.id,
    ...(notice.url ? { url: notice.url } : {}),
  };
}
function startSar(notice: string | undefined): Action {
  return { kind: 'start-sar', label: 'Request a copy of my data', ...(notice ? { notice } : {}) };
}
function escalate(notice: string | undefined): Action {
  return { kind: 'escalate', label: 'Contact the Data Protection Officer', ...(notice ? { notice } : {}) };
}

export { TOPIC_PHRASE };
