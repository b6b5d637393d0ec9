/**
 * Which topic a question is about, weighed from its cue words (intent.ts) and how well the notice's facts match
 * its content words; every threshold is in tuning.ts.
 */
import type { NoticeTopic, Question } from './answer-contract.ts';
import type { Heard } from './answer.ts';
import { ACCESS_QUESTION, complainsOfTheCouncil, strongestCue, type Intent } from './intent.ts';
import type { IndexedNotice } from './knowledge-index.ts';
import { stem, wordsOf } from './language.ts';
import { RELATED, type AnalysedQuestion, type Ranked } from './select-facts.ts';
import { TUNING } from './tuning.ts';

/**
 * The topic to answer, or undefined when the question is out of scope after all: no privacy word, no cue of
 * weight and no fact that matches (and, in a conversation about a notice, no word typed that one of its facts has).
 */
export function chooseTopic(
  notice: IndexedNotice,
  heard: Heard,
  analysed: AnalysedQuestion,
  ranked: Ranked[],
  input: Question,
  normalised: string,
): NoticeTopic | undefined {
  const { intent, strongest, anchored } = heard;
  const best = ranked[0];
  const lexical = best !== undefined && best.match >= TUNING.lexicalMatch;
  // A follow-up: asked in a conversation, not from a service page.
  const inConversation = !!input.session?.notice;
  const followUp = inConversation && !input.notice;
  let topic = weighTopics(intent, ranked, followUp);
  // "Will my name end up in the paper if I complain?" to trading standards: complaining is its business.
  if (topic === 'complaints' && complaintsAreItsBusiness(notice) && !complainsOfTheCouncil(heard.text)) {
    topic = weighTopics({ ...intent, ranked: intent.ranked.filter(([t]) => t !== 'complaints') }, ranked, followUp);
  }
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
  if (topic === 'sharing' && asksWhoMayLook(notice, heard.text, ranked)) topic = 'security';
  if (topic === 'sharing' && asksWhatServiceKnows(notice, heard.corrected)) topic = 'data-collected';
  // A privacy-shaped question ("is anything about me kept?") with no clearer topic is asking what is held: a
  // low-confidence answer with the DPO offered, never a decline.
  if (!topic && anchored) topic = 'data-collected';
  // In a conversation about a notice, "how about NR3S?" asks about what one of its facts names: answer from it.
  if (!topic && inConversation && best && best.typedMatched > 0) topic = namedTopic(ranked, best);
  const privacyShaped = anchored || strongest >= 2 || lexical || (inConversation && (best?.typedMatched ?? 0) > 0);
  return topic && (privacyShaped || topic === 'about') ? topic : undefined;
}

/**
 * The topic a question is about, weighed from two kinds of evidence: its cue words (intent.ts) and how well the
 * notice's facts match its content words. The cue decides unless the content words match a fact on another
 * topic far better than anything on the cue's topic or its neighbours ("will you pass my details to bailiffs if
 * I miss a payment" is answered from the enforcement agents, whatever "miss a payment" suggests), or the cue is
 * too weak to decide at all. One rare shared word is not enough to overrule a cue: two the person typed must match.
 */
export function weighTopics(intent: Intent, ranked: Ranked[], followUp = false): NoticeTopic | undefined {
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

const COMPLAINT_TERMS = ['complaint', 'complain', 'complained', 'report', 'reported'].map(stem);
/** Topics whose facts speak of complaints as complaints about the council, not as the service's business. */
const ABOUT_COMPLAINING = new Set<NoticeTopic>(['complaints', 'contact', 'rights', 'access-request']);

/**
 * Whether complaints and reports are what the service deals with (trading standards, noise, anti-social behaviour):
 * facts on what it holds, why and whom it tells speak of them. Then "complain" in a question names that business,
 * not a complaint about how the council handled someone's data.
 */
export function complaintsAreItsBusiness(notice: IndexedNotice): boolean {
  const speaking = notice.facts.filter(
    (f) => !ABOUT_COMPLAINING.has(f.fact.topic) && COMPLAINT_TERMS.some((t) => f.terms.has(t)),
  );
  return speaking.length >= TUNING.businessMentions;
}

/** "Does the gym know when I come in?", "does the council know my address?": who "knows" is the service itself. */
const WHO_KNOWS = /\b(?:does|do|will|would) (?:the |ur |your )?([\w ]{1,25}?) (?:even |already |actually )?know\b/;

/** Whether "does X know…" asks what the service itself holds (X names it, or is the council), not whom it tells. */
export function asksWhatServiceKnows(notice: IndexedNotice, text: string): boolean {
  const who = WHO_KNOWS.exec(text)?.[1];
  if (!who) return false;
  const words = wordsOf(who);
  return words.every((w) => notice.nameTerms.has(stem(w)) || /^(?:council|you|u)$/.test(w));
}

/** How a notice says access is controlled: "only authorised operators", "access is restricted to staff". */
const ACCESS_CONTROL =
  /\b(?:access(?:ed)? (?:is|to|by)|authori[sz]ed|restricted|limited to|only (?:\w+ ){0,3}(?:staff|operators|officers|employees)|can only (?:see|open|access|view)|only\b[^.]{0,40}\b(?:can|may) (?:see|open|access|view|read)|log-?ins?|passwords?|delete your files)\b/i;

/**
 * "Who can look at my case?": who inside the council may see it (security) when the notice says how access is
 * controlled and the question names no recipient one of its sharing facts lists ("can the police see it").
 */
export function asksWhoMayLook(notice: IndexedNotice, text: string, ranked: Ranked[]): boolean {
  if (!ACCESS_QUESTION.test(text)) return false;
  const controlled = notice.facts.some((f) => f.fact.topic === 'security' && ACCESS_CONTROL.test(f.fact.text));
  // A recipient is named when a sharing fact matches what was typed better than any sentence on access does:
  // "can the police see it" names the police; "who can see my health form" does not name the Health and Safety
  // Executive.
  const best = (topic: string) =>
    ranked.reduce((m, r) => (r.item.fact.topic === topic && r.typedMatched > 0 ? Math.max(m, r.match) : m), 0);
  const recipient = best('sharing');
  const namesRecipient = recipient >= TUNING.lexicalMatch && recipient > best('security');
  return controlled && !namesRecipient;
}

/**
 * What a follow-up that only names something ("what about the police?") asks of it, when facts on several topics
 * name it about equally: who gets it first (the police as a recipient, not "to support the police" as a
 * purpose), then what is held, where it comes from, how long it is kept.
 */
const NAMED_THING_ORDER: NoticeTopic[] = ['sharing', 'data-collected', 'sources', 'retention', 'security', 'purposes'];

export function namedTopic(ranked: Ranked[], best: Ranked): NoticeTopic {
  const close = ranked.filter((r) => r.match >= best.match * TUNING.namedThingTie);
  const rank = (t: NoticeTopic) => {
    const at = NAMED_THING_ORDER.indexOf(t);
    return at < 0 ? NAMED_THING_ORDER.length : at;
  };
  return close.reduce((top, r) => (rank(r.item.fact.topic) < rank(top.item.fact.topic) ? r : top), best).item.fact
    .topic;
}
