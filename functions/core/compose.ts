/** Answer text from facts: the notice's own words, lists kept as lists, nothing added that the notice does not say. */
import type { NoticeTopic } from './answer-contract.ts';
import type { Contact, Fact, Notice } from './knowledge-schema.ts';

export const TOPIC_PHRASE: Record<NoticeTopic, string> = {
  about: 'what the service does',
  controller: 'who the data controller is',
  contact: 'how to contact its Data Protection Officer',
  'data-collected': 'what information it collects',
  sources: 'where it gets your information from',
  purposes: 'why it uses your information',
  'lawful-basis': 'the legal basis it relies on',
  sharing: 'who it shares your information with',
  retention: 'how long it keeps your information',
  security: 'how it protects your information',
  international: 'whether your information is sent outside the UK',
  rights: 'what rights you have',
  'access-request': 'how to ask for a copy of your information',
  consent: 'how to give or withdraw consent',
  complaints: 'how to complain',
};

function sentence(text: string): string {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?:]$/.test(capital) ? capital : `${capital}.`;
}

/** A sentence about the notice itself ("This notice explains what personal data we hold about you…"). */
const ABOUT_THE_NOTICE = /^(?:this|the|our) (?:privacy )?(?:notice|policy|statement)\b/i;
/** A lead-in that only points at its list ("…for the relevant period listed below:", "as follows:"). */
const POINTER_LEAD_IN = /\b(?:(?:listed|set out|shown|given) below|as follows|the following|this means)\b/i;

/**
 * The most specific fact first: a sentence about the notice itself never leads an answer that has other facts,
 * and goes when there are two or more of them.
 */
export function leadWithFacts(facts: Fact[]): Fact[] {
  const meta = facts.filter((f) => ABOUT_THE_NOTICE.test(f.text));
  if (!meta.length || meta.length === facts.length) return facts;
  const rest = facts.filter((f) => !meta.includes(f));
  return rest.length >= 2 ? rest : [...rest, ...meta];
}

/**
 * One line per fact; list items under their lead-in, the lead-in said once. With `specific` (the facts answer
 * exactly what was asked), a lead-in that only points at its list is left out, so the answer opens with the
 * fact ("100 years for adoption records"); the citation still quotes it.
 */
export function composeFacts(facts: Fact[], preface?: string, specific = false): string {
  const lines: string[] = preface ? [preface] : [];
  let currentLeadIn: string | undefined;
  const said = new Set<string>();
  for (const fact of facts) {
    // One sentence can be filed under two topics; say it once.
    if (said.has(fact.text)) continue;
    said.add(fact.text);
    if (fact.leadIn && specific && POINTER_LEAD_IN.test(fact.leadIn)) {
      currentLeadIn = undefined;
      lines.push(sentence(fact.text.replace(/[;,]$/, '')));
    } else if (fact.leadIn) {
      if (fact.leadIn !== currentLeadIn) {
        lines.push(fact.leadIn);
        currentLeadIn = fact.leadIn;
      }
      lines.push(`- ${fact.text.trim().replace(/[.;]$/, '')}`);
    } else {
      currentLeadIn = undefined;
      lines.push(sentence(fact.text));
    }
  }
  return lines.join('\n');
}

/** What to say when the notice is silent: say so, quote what it does say, and point to a person. */
export function notStated(
  notice: Notice,
  topic: NoticeTopic,
  whatItSays: string | undefined,
  dpo: { who: string; contact?: Pick<Contact, 'email' | 'phone'> },
): string {
  const lines = [whatItSays ?? `The ${notice.service} privacy notice does not say ${TOPIC_PHRASE[topic]}.`];
  const route = [dpo.contact?.email, dpo.contact?.phone].filter(Boolean).join(', ');
  lines.push(
    route ? `${dpo.who} can tell you more: ${route}.` : "The council's Data Protection Officer can tell you more.",
  );
  return lines.join('\n');
}
