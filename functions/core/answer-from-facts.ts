/**
 * An answer from the facts selected in one notice: composed in the notice's words, with its confidence, citations,
 * the council's contact where the notice is silent, and the actions and follow-ups it offers.
 */
import type { Action, Answer, Citation, NoticeTopic } from './answer-contract.ts';
import { escalate, followUps, openNotice, startSar } from './actions.ts';
import { composeFacts, leadWithFacts, notStated } from './compose.ts';
import type { Intent } from './intent.ts';
import type { IndexedNotice, KnowledgeIndex } from './knowledge-index.ts';
import type { Contact, Fact } from './knowledge-schema.ts';
import type { NoticeSource } from './resolve-notice.ts';
import { askedDetail } from './asked.ts';
import type { Selection } from './select-facts.ts';

const READ_NOTICE =
  /\b(?:read|see|find|view|get) (?:the |this |your |a )?(?:full |whole )?(?:privacy )?(?:notice|policy)\b/;

const round = (n: number) => Math.round(Math.max(0, Math.min(1, n)) * 100) / 100;

export function answerFromSelection(
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
