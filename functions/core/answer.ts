/**
 * The answering core: a question (+ notice, council, session context) → an answer with citations.
 * Plain TypeScript over the knowledge index: no AWS, no HTTP, no Bot Framework.
 *
 * understand (language.ts, intent.ts) → which notice (resolve-notice.ts) → which topic → which facts
 * (select-facts.ts) → text in the notice's own words (compose.ts) → confidence and hand-offs.
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
import { composeFacts, leadWithFacts, notStated } from './compose.ts';
import {
  FUNCTION_TERMS,
  OFF_TOPIC_SUBJECT,
  OFF_TOPIC_TASK,
  PRIVACY_ANCHOR,
  PROMPT_INJECTION,
  ACCESS_QUESTION,
  detectIntent,
  strongestCue,
  type Intent,
} from './intent.ts';
import { correctSpelling, type IndexedNotice, type KnowledgeIndex } from './knowledge-index.ts';
import type { Contact, Fact } from './knowledge-schema.ts';
import { GENERIC_TERMS, STOPWORDS, expandSlang, normalise, stem, wordsOf } from './language.ts';
import { resolveNotice, type NoticeSource } from './resolve-notice.ts';
import {
  RELATED,
  askedDetail,
  rankFacts,
  selectFacts,
  type AnalysedQuestion,
  type Ranked,
  type Selection,
} from './select-facts.ts';
import { TUNING } from './tuning.ts';

export class AnswerInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AnswerInputError';
  }
}

const READ_NOTICE =
  /\b(?:read|see|find|view|get) (?:the |this |your |a )?(?:full |whole )?(?:privacy )?(?:notice|policy)\b/;

const round = (n: number) => Math.round(Math.max(0, Math.min(1, n)) * 100) / 100;

function clean(question: string): string {
  // Control characters (binary input) become spaces; the rest is kept as typed.
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  return question.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uFFFD]/g, ' ').trim();
}

function validateContext(index: KnowledgeIndex, input: Question): string | undefined {
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
  return council;
}

export function answerQuestion(index: KnowledgeIndex, input: Question): Answer {
  const council = validateContext(index, input);
  const question = clean(input.question);
  const contextNotice = input.notice ? index.notices.get(input.notice) : undefined;
  const decline = (lead?: string, notice = contextNotice) => outOfScope(index, notice, council, lead);
  if (!question || !/[\p{L}\p{N}]/u.test(question)) {
    return decline(
      'Please type a question about how your personal information is used, for example "How long do you keep my records?"',
    );
  }
  if (question.length > MAX_QUESTION_LENGTH) {
    return decline(
      `That message is too long for me (${question.length} characters). Please ask one question in under ${MAX_QUESTION_LENGTH} characters.`,
    );
  }
  const normalised = expandSlang(normalise(question));
  if (PROMPT_INJECTION.test(normalised)) return decline();
  if (!looksEnglish(index, normalised)) {
    return decline('Sorry, I can only answer questions in English. The council can help in other languages:');
  }

  const corrected = correctSpelling(index, normalised);
  const text = index.thesaurus.expand(corrected);
  const intent = detectIntent(index.thesaurus.expand(corrected, { names: false }));
  const words = wordsOf(text).filter((w) => !STOPWORDS.has(w));
  const terms = [...new Set(words.map(stem))];
  const typedTerms = new Set(wordsOf(corrected).map(stem));
  const onPage = input.notice ?? input.session?.notice;
  const resolution =
    (!onPage && (byServiceNamed(index, council, corrected) ?? byNameWords(index, council, typedTerms))) ||
    resolveNotice(index, input, council, terms);
  const strongest = strongestCue(intent).score;
  const anchored = PRIVACY_ANCHOR.test(text);
  // "Can a real person help?" is out of the notices' scope, but the person asked for a human: offer the DPO.
  const declineAfterIntent = (notice: IndexedNotice | undefined) => {
    const answer = decline(undefined, notice);
    return intent.wantsPerson ? { ...answer, actions: [escalate(notice?.notice.id)] } : answer;
  };
  // "How long do you keep children's services records?" on the page of a council with no such notice here: say
  // what is covered rather than answer from whichever of its notices shares a word, or decline.
  const guessed = !resolution.notice || resolution.source === 'clue' || resolution.source === 'council';
  const missing = council && guessed ? serviceNotCovered(index, council, corrected) : undefined;
  if (missing && (anchored || strongest >= 3)) return notCovered(index, council!, missing, intent);

  // A task word inside a question about personal data ("what info do you take when I book an appointment") is the
  // occasion, not the question: only a task asked for itself is declined. A subject no notice covers needs more.
  const off = offTopic(index, text, resolution.notice ?? contextNotice);
  // On a service's page (or in a conversation about one), a clear question about who gets it, how long it is kept…
  // is about that service's notice even when it mentions a fine or an appeal it does not cover.
  const inContext = !!(input.notice ?? input.session?.notice);
  const asksAboutData =
    (off === 'task' && anchored && strongest >= TUNING.weakCue) ||
    (off === 'subject' && (anchored || inContext) && strongest >= (inContext ? TUNING.clearCue : TUNING.decisiveCue));
  if (off && !asksAboutData) return declineAfterIntent(resolution.notice ?? contextNotice);
  if (missing) return notCovered(index, council!, missing, intent);

  if (!resolution.notice) {
    // With no service to answer from, only a clear privacy question is worth asking "which service?" for.
    const topicOnly = strongestCue(intent).topic;
    if (!anchored && (strongest < 3 || (topicOnly === 'contact' && strongest < 4)))
      return declineAfterIntent(undefined);
    return askWhichService(index, resolution.choices, question, intent, council);
  }

  const notice = resolution.notice;
  // The service's own name, in the notice's words or the resident's ("council tax support" for Council Tax
  // Reduction), says which notice, not what is asked of it.
  const naming = index.thesaurus.wordsNaming(corrected, notice.nameConcepts);
  const isContent = (t: string) =>
    !FUNCTION_TERMS.has(t) &&
    !GENERIC_TERMS.has(t) &&
    !notice.nameTerms.has(t) &&
    !notice.nameConcepts.has(t) &&
    !naming.has(t);
  const analysed: AnalysedQuestion = {
    text,
    intent,
    contentTerms: terms.filter(isContent),
    implied: new Set(terms.filter((t) => !typedTerms.has(t))),
    terms: terms.filter((t) => !GENERIC_TERMS.has(t)),
    // Quoted in "the notice does not mention …": only words the person typed, as typed.
    contentWords: wordsOf(normalised).filter((w) => !STOPWORDS.has(w) && isContent(stem(index.correct(w)))),
    ...(input.session?.topic ? { sessionTopic: input.session.topic } : {}),
  };
  const ranked = rankFacts(notice, analysed);
  const best = ranked[0];

  const lexical = best !== undefined && best.match >= TUNING.lexicalMatch;
  // A follow-up: asked in a conversation, not from a service page.
  const followUp = !input.notice && !!input.session?.notice;
  let topic: NoticeTopic | undefined = weighTopics(intent, ranked, followUp);
  // "what is Connexions?", "what does connect to work do": the question names the service and asks nothing else.
  // At least half the service's name, as typed ("sefton@work", "connect to work"; not just "work").
  const typed = new Set(
    wordsOf(normalised)
      .flatMap((w) => [w, ...w.split('@')])
      .map(stem),
  );
  const namesService = [...notice.nameTerms].filter((t) => typed.has(t)).length * 2 >= notice.nameTerms.size;
  const typedContent = analysed.contentTerms.filter((t) => !analysed.implied.has(t));
  if (strongest < 2 && namesService && typedContent.length <= 2 && (!lexical || !typedContent.length)) topic = 'about';
  if (!topic && input.session?.topic && analysed.contentTerms.length > 0) topic = input.session.topic;
  if (topic === 'sharing' && asksWhoMayLook(notice, text, ranked)) topic = 'security';
  // A privacy-shaped question ("is anything about me kept?") with no clearer topic is asking what is held: a
  // low-confidence answer with the DPO offered, never a decline.
  if (!topic && anchored) topic = 'data-collected';
  // In a conversation about a notice, "how about NR3S?" asks about what one of its facts names: answer from it.
  const inConversation = !!input.session?.notice;
  if (!topic && inConversation && best && best.typedMatched > 0) topic = namedTopic(ranked, best);
  // Out of scope needs evidence either way: no privacy word, no cue of weight and no fact that matches (and, in a
  // conversation about a notice, no word the person typed that one of its facts has).
  const privacyShaped = anchored || strongest >= 2 || lexical || (inConversation && (best?.typedMatched ?? 0) > 0);
  if (!topic || (!privacyShaped && topic !== 'about')) return declineAfterIntent(notice);

  const selection = selectFacts(notice, topic, analysed, ranked);
  return answerFromSelection(index, notice, resolution.source!, topic, intent, selection, strongest);
}

/**
 * The topic a question is about, weighed from two kinds of evidence: its cue words (intent.ts) and how well the
 * notice's facts match its content words. The cue decides unless the content words match a fact on another
 * topic far better than anything on the cue's topic or its neighbours ("will you pass my details to bailiffs if
 * I miss a payment" is answered from the enforcement agents, whatever "miss a payment" suggests), or the cue is
 * too weak to decide at all. One rare shared word is not enough to overrule a cue: two the person typed must match.
 */
function weighTopics(intent: Intent, ranked: Ranked[], followUp = false): NoticeTopic | undefined {
  const { topic: cue, score: cueScore } = strongestCue(intent);
  // The introduction names the service's things ("CCTV cameras in the town centre and car parks"), not what is
  // asked about them: it decides a topic only when no other fact shares a word with the question.
  const specific = ranked.filter((r) => r.item.fact.topic !== 'about' && r.match > 0);
  const best = (specific.length ? specific : ranked).reduce<Ranked | undefined>(
    (top, r) => (!top || r.match > top.match ? r : top),
    undefined,
  );
  const lexical = best !== undefined && best.match >= TUNING.lexicalMatch;
  if (!cue || cueScore < TUNING.weakCue) {
    if (!lexical) return cue;
    return followUp && !cue ? namedTopic(specific.length ? specific : ranked, best) : best.item.fact.topic;
  }
  if (!lexical || best.item.fact.topic === cue || cueScore >= TUNING.decisiveCue || best.typedMatched < 2) return cue;
  const near = new Set<NoticeTopic>([cue, ...RELATED[cue]]);
  const onCue = ranked.reduce((m, r) => (near.has(r.item.fact.topic) ? Math.max(m, r.match) : m), 0);
  return best.match >= onCue * TUNING.lexicalDominance + TUNING.lexicalMatch ? best.item.fact.topic : cue;
}

/** How a notice says access is controlled: "only authorised operators", "access is restricted to staff". */
const ACCESS_CONTROL =
  /\b(?:access(?:ed)? (?:is|to|by)|authori[sz]ed|restricted|only (?:\w+ ){0,3}(?:staff|operators|officers|employees)|can only see|log-?ins?|passwords?|delete your files)\b/i;

/**
 * "Who can look at my case?": who inside the council may see it (security) when the notice says how access is
 * controlled and the question names no recipient one of its sharing facts lists ("can the police see it").
 */
function asksWhoMayLook(notice: IndexedNotice, text: string, ranked: Ranked[]): boolean {
  if (!ACCESS_QUESTION.test(text)) return false;
  const controlled = notice.facts.some((f) => f.fact.topic === 'security' && ACCESS_CONTROL.test(f.fact.text));
  const namesRecipient = ranked.some(
    (r) => r.item.fact.topic === 'sharing' && r.typedMatched > 0 && r.match >= TUNING.lexicalMatch,
  );
  return controlled && !namesRecipient;
}

/**
 * What a follow-up that only names something ("what about the police?") asks of it, when facts on several topics
 * name it about equally: who gets it first (the police as a recipient, not "to support the police" as a
 * purpose), then what is held, where it comes from, how long it is kept.
 */
const NAMED_THING_ORDER: NoticeTopic[] = ['sharing', 'data-collected', 'sources', 'retention', 'security', 'purposes'];

function namedTopic(ranked: Ranked[], best: Ranked): NoticeTopic {
  const close = ranked.filter((r) => r.match >= best.match * TUNING.namedThingTie);
  const rank = (t: NoticeTopic) => {
    const at = NAMED_THING_ORDER.indexOf(t);
    return at < 0 ? NAMED_THING_ORDER.length : at;
  };
  return close.reduce((top, r) => (rank(r.item.fact.topic) < rank(top.item.fact.topic) ? r : top), best).item.fact
    .topic;
}

/**
 * Council business the notices do not cover (bins, parking, council tax…), unless a notice does cover it:
 * "council tax" is off-topic until a council adds its Council Tax Reduction notice.
 */
function offTopic(
  index: KnowledgeIndex,
  text: string,
  notice: IndexedNotice | undefined,
): 'task' | 'subject' | undefined {
  if (OFF_TOPIC_TASK.test(text)) return 'task';
  const pattern = new RegExp(OFF_TOPIC_SUBJECT.source, 'g');
  // What the notice in context mentions is not off-topic: "noise" on the environmental health notice, "appeal" on school
  // admissions' (its facts say so), "planning application" where a planning notice is published.
  const covers = (t: string) => index.named.has(t) || (notice?.termCounts.get(t) ?? 0) >= 1;
  for (const match of text.matchAll(pattern)) {
    const stems = wordsOf(match[0])
      .filter((w) => !STOPWORDS.has(w))
      .map(stem);
    const specific = stems.filter((t) => !GENERIC_TERMS.has(t));
    const covered = specific.length > 0 && specific.every(covers);
    if (!covered) return 'subject';
  }
  return undefined;
}

/** English enough to answer: mostly Latin letters and mostly words the assistant knows (after spelling repair). */
function looksEnglish(index: KnowledgeIndex, normalised: string): boolean {
  const words = normalised.split(' ').filter((w) => /\p{L}/u.test(w));
  if (words.length === 0) return true;
  const latin = words.filter((w) => /^[a-z@.\d-]+$/.test(w)).length;
  if (latin / words.length < 0.5) return false;
  // A word only known after spelling repair counts half: German "meine Daten" repairs to English-looking words.
  const known = words.reduce((n, w) => n + (index.knows(w) ? 1 : index.correct(w) !== w ? 0.5 : 0), 0);
  return known / words.length >= 0.5;
}

function answerFromSelection(
  index: KnowledgeIndex,
  indexed: IndexedNotice,
  source: NoticeSource,
  topic: NoticeTopic,
  intent: Intent,
  selection: Selection,
  strongest: number,
): Answer {
  const notice = indexed.notice;
  const council = index.councils.get(notice.council);
  let { preface } = selection;
  const { stated } = selection;
  // What the notice says about itself is the answer to "what does this notice cover?", and a preamble elsewhere.
  const facts = topic === 'about' ? selection.facts : leadWithFacts(selection.facts);
  if (topic === 'controller' && council && !facts.some((f) => f.text.includes(council.name))) {
    preface = `This is ${council.name}'s notice. It says:`;
  }
  // "Where can I read the full notice?": where it is published, when the front-matter says.
  if (topic === 'about' && notice.url && READ_NOTICE.test(intent.text)) {
    preface = `You can read the full ${notice.service} privacy notice at ${notice.url}.${facts.length ? ' In short:' : ''}`;
  }
  const lines = [stated || facts.length ? composeFacts(facts, preface, selection.match === 1) : ''];
  const fallback = councilContactFallback(index, indexed, topic, intent, facts);
  if (fallback) lines.push(fallback.line);
  const composed = lines.filter(Boolean).join('\n');
  // The council's contact from another of its notices answers "how do I contact the DPO?" when this one is silent.
  const answered = stated || fallback !== undefined;
  const text = answered
    ? composed
    : notStated(notice, topic, facts.length ? composed : undefined, dpoOf(index, indexed));

  const sourceFactor = { context: 1, session: 0.95, named: 0.95, council: 0.9, clue: 0.85 }[source];
  const intentFactor = strongest >= 4 ? 1 : strongest >= 3 ? 0.9 : strongest >= 2 ? 0.75 : 0.55;
  const confidence = round(sourceFactor * intentFactor * selection.match * (stated ? 1 : 0.6));

  const actions: Action[] = [openNotice(indexed)];
  if (topic === 'access-request' || intent.wantsCopy) actions.unshift(startSar(notice.id));
  if (!stated || selection.match < 0.9 || topic === 'complaints' || intent.wantsPerson || confidence < 0.5) {
    actions.push(escalate(notice.id));
  }
  const citations = citationsOf(facts);
  if (fallback?.citation) citations.push(fallback.citation);
  const outcome = answered && !selection.unstated ? 'answered' : 'not-stated';
  return {
    topic,
    notice: notice.id,
    outcome,
    text,
    citations,
    confidence,
    suggestions: followUps(indexed, topic),
    actions,
  };
}

/**
 * Whom to ask when a notice is silent: the DPO contact this notice gives, else one another notice of the same
 * council gives (a council outside the registry still has one), else the registry's.
 */
function dpoOf(
  index: KnowledgeIndex,
  indexed: IndexedNotice,
): { who: string; contact?: Pick<Contact, 'email' | 'phone'> } {
  const dpoIn = (n: IndexedNotice) =>
    n.facts.flatMap((f) => f.fact.contacts ?? []).find((c) => c.role === 'dpo' && (c.email || c.phone));
  const own = dpoIn(indexed);
  if (own) return { who: 'The Data Protection Officer', contact: own };
  const council = index.councils.get(indexed.notice.council);
  const name = council?.name ?? 'The council';
  const sibling = [...index.notices.values()]
    .filter((n) => n !== indexed && n.notice.council === indexed.notice.council)
    .map(dpoIn)
    .find(Boolean);
  const contact = sibling ?? council?.dpo;
  return {
    who: name === 'The council' ? "The council's Data Protection Officer" : `${name}'s Data Protection Officer`,
    ...(contact ? { contact } : {}),
  };
}

/**
 * A contact detail the notice does not give ("is there a phone number for data protection?" on a notice with
 * only an email): what the same council publishes elsewhere, said as such, with its source.
 */
function councilContactFallback(
  index: KnowledgeIndex,
  indexed: IndexedNotice,
  topic: NoticeTopic,
  intent: Intent,
  facts: Fact[],
): { line: string; citation?: Citation } | undefined {
  if (topic !== 'contact' && topic !== 'complaints') return undefined;
  // "How do I contact the DPO?" on a notice that gives no DPO contact: the email the council gives elsewhere.
  const asksDpo = /\bdpo\b|data protection officer/.test(intent.text);
  const hasDpo = facts.some((f) => f.contacts?.some((c) => c.role === 'dpo' && (c.email || c.phone)));
  const detail = askedDetail(intent.text) ?? (asksDpo && !hasDpo ? 'email' : undefined);
  if (!detail || facts.some((f) => f.contacts?.some((c) => c[detail]))) return undefined;
  const wantsIco = /\bico\b|information commissioner/.test(intent.text);
  for (const other of index.notices.values()) {
    if (other === indexed || (!wantsIco && other.notice.council !== indexed.notice.council)) continue;
    for (const { fact } of other.facts) {
      const contact = fact.contacts?.find((c) => c[detail] && (wantsIco ? c.role === 'ico' : c.role === 'dpo'));
      if (contact) {
        const who = wantsIco
          ? "The Information Commissioner's Office"
          : `${index.councils.get(other.notice.council)?.name ?? 'The council'}'s Data Protection Officer`;
        return {
          line: `${who}: ${contact[detail]} (given in the ${other.notice.service} privacy notice).`,
          citation: { notice: other.notice.id, section: fact.section, sentence: fact.sentence },
        };
      }
    }
  }
  return undefined;
}

function citationsOf(facts: Fact[]): Citation[] {
  const citations = new Map<string, Citation>();
  for (const fact of facts.slice(0, 6)) {
    const sentence = fact.leadIn ? `${fact.leadIn} ${fact.sentence}` : fact.sentence;
    const notice = fact.id.split('#')[0]!;
    citations.set(`${notice}|${sentence}`, { notice, section: fact.section, sentence });
    if (fact.repair?.from) citations.set(`${fact.repair.from.notice}|${fact.repair.from.sentence}`, fact.repair.from);
  }
  return [...citations.values()];
}

/**
 * On a council's page with no service in context, a question naming a service in residents' words ("food
 * hygiene inspection") that exactly one of the council's notices covers (Environmental Health) is about it.
 */
function byServiceNamed(index: KnowledgeIndex, council: string | undefined, text: string) {
  if (!council) return undefined;
  const named = index.thesaurus.servicesIn(text);
  if (!named.size) return undefined;
  const covering = [...index.notices.values()].filter(
    (n) => n.notice.council === council && [...named].some((s) => n.services.has(s)),
  );
  return covering.length === 1 ? { notice: covering[0]!, source: 'named' as const, choices: [] } : undefined;
}

/**
 * "How long do you keep my council tax records?" on a council-wide page: the question uses a word of exactly one
 * of the council's notice names ("Council Tax and Housing Benefit"), more of them than of any other's.
 */
function byNameWords(index: KnowledgeIndex, council: string | undefined, typed: Set<string>) {
  if (!council) return undefined;
  const scored = [...index.notices.values()]
    .filter((n) => n.notice.council === council)
    .map((n) => ({ n, words: [...n.nameTerms].filter((t) => typed.has(t)).length }))
    .filter((x) => x.words > 0)
    .sort((a, b) => b.words - a.words);
  const [first, second] = scored;
  if (!first || (second && second.words === first.words)) return undefined;
  return { notice: first.n, source: 'named' as const, choices: [] };
}

/** A service the question names that none of the council's notices covers ("children's services"), if any. */
function serviceNotCovered(index: KnowledgeIndex, council: string, text: string): string | undefined {
  const named = index.thesaurus.servicesIn(text);
  if (!named.size) return undefined;
  const covered = new Set(
    [...index.notices.values()].filter((n) => n.notice.council === council).flatMap((n) => [...n.services]),
  );
  if ([...named].some((s) => covered.has(s))) return undefined;
  return [...named][0];
}

/** The council has no notice here for the service asked about: say which it has, and offer the DPO. */
function notCovered(index: KnowledgeIndex, councilId: string, service: string, intent: Intent): Answer {
  const council = index.councils.get(councilId);
  const name = council?.name ?? 'the council';
  const notices = [...index.notices.values()].filter((n) => n.notice.council === councilId);
  const services = notices.map((n) => n.notice.service);
  const list = services.length > 1 ? `${services.slice(0, -1).join(', ')} and ${services.at(-1)}` : services[0];
  const dpo = [council?.dpo?.email, council?.dpo?.phone].filter(Boolean).join(', ');
  const topic: Topic = strongestCue(intent).topic ?? 'about';
  return {
    topic,
    notice: null,
    outcome: 'which-service',
    text:
      `I do not have ${name}'s privacy notice for ${service}. I can answer questions about ${list ? `its ${list} privacy notice${services.length > 1 ? 's' : ''}` : 'its other services'}.` +
      ` For ${service}, ${name}'s Data Protection Officer can tell you how your information is used${dpo ? `: ${dpo}` : ''}.`,
    citations: [],
    confidence: 0,
    suggestions: notices.slice(0, 6).map((n) => ({
      label: n.notice.service,
      question: `What information does ${n.notice.service} hold about me?`,
      notice: n.notice.id,
    })),
    actions: [escalate(undefined)],
  };
}

function askWhichService(
  index: KnowledgeIndex,
  choices: IndexedNotice[],
  question: string,
  intent: Intent,
  council?: string,
): Answer {
  const topic: Topic = strongestCue(intent).topic ?? 'about';
  const options = choices.length ? choices : [...index.notices.values()].slice(0, 6);
  const where = council ? ` at ${index.councils.get(council)?.name ?? council}` : '';
  const actions: Action[] = [];
  if (intent.wantsCopy || topic === 'access-request') actions.push(startSar(undefined));
  if (intent.wantsPerson || topic === 'complaints') actions.push(escalate(undefined));
  return {
    topic,
    notice: null,
    outcome: 'which-service',
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
    outcome: 'out-of-scope',
    text: `${lead ? `${lead} ` : ''}${covers}${reach}`,
    citations: [],
    confidence: 0,
    suggestions,
    actions: [],
  };
}

const FOLLOW_UPS: [NoticeTopic, string][] = [
  ['data-collected', 'What information do you hold about me?'],
  ['retention', 'How long do you keep my information?'],
  ['sharing', 'Who do you share my information with?'],
  ['access-request', 'How do I get a copy of my information?'],
  ['rights', 'What are my rights?'],
];

function followUps(notice: IndexedNotice, topic: NoticeTopic): Suggestion[] {
  return FOLLOW_UPS.filter(([t]) => t !== topic)
    .slice(0, 3)
    .map(([, question]) => ({ label: question, question, notice: notice.notice.id }));
}

function openNotice({ notice }: IndexedNotice): Action {
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
