/**
 * Which service a council-wide question is about: one its words name (the thesaurus's services, a notice's own
 * name), a service the council has no notice for here, or the question "which service?".
 */
import type { Action, Answer, Topic } from './answer-contract.ts';
import { escalate, startSar } from './actions.ts';
import { strongestCue, type Intent } from './intent.ts';
import type { IndexedNotice, KnowledgeIndex } from './knowledge-index.ts';

/**
 * On a council's page with no service in context, a question naming a service in residents' words ("food
 * hygiene inspection") that exactly one of the council's notices covers (Environmental Health) is about it.
 */
export function byServiceNamed(index: KnowledgeIndex, council: string | undefined, text: string) {
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
export function byNameWords(index: KnowledgeIndex, council: string | undefined, typed: Set<string>) {
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
export function serviceNotCovered(index: KnowledgeIndex, council: string, text: string): string | undefined {
  const named = index.thesaurus.servicesIn(text);
  if (!named.size) return undefined;
  const covered = new Set(
    [...index.notices.values()].filter((n) => n.notice.council === council).flatMap((n) => [...n.services]),
  );
  if ([...named].some((s) => covered.has(s))) return undefined;
  return [...named][0];
}

/** The council has no notice here for the service asked about: say which it has, and offer the DPO. */
export function notCovered(index: KnowledgeIndex, councilId: string, service: string, intent: Intent): Answer {
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

export function askWhichService(
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
