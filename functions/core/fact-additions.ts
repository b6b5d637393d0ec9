/**
 * What an answer adds to the facts it chose, in the notice's own structure: the list a "we also collect" list adds
 * to, the rest of a list, how to withdraw consent, the other routes of a request list, whom to contact, the sentence
 * that goes on from a chosen one.
 */
import type { NoticeTopic } from './answer-contract.ts';
import type { Detail } from './asked.ts';
import type { IndexedNotice } from './knowledge-index.ts';
import type { Contact, Fact } from './knowledge-schema.ts';

export function dedupe(facts: Fact[]): Fact[] {
  return [...new Map(facts.map((f) => [f.id, f])).values()];
}

export const hasRoute = (fact: Fact) => (fact.contacts?.length ?? 0) > 0;

/**
 * "For a Blue Badge or a bus pass we also collect: …" adds to what is collected from everyone ("For all
 * applications we collect: …"): an answer from the "also" list gives the list it adds to first.
 */
export function withGeneralList(notice: IndexedNotice, facts: Fact[]): Fact[] {
  const also = facts.find((f) => f.leadIn && /\balso\b/i.test(f.leadIn));
  if (!also) return facts;
  const general = notice.facts
    .map((f) => f.fact)
    .filter(
      (f) =>
        f.topic === 'data-collected' &&
        f.section === also.section &&
        f.leadIn &&
        !/\balso\b/i.test(f.leadIn) &&
        f.order < also.order,
    );
  return general.length ? dedupe([...general, ...facts]) : facts;
}

/**
 * "I want to take back my consent for photos": how to withdraw is the answer, so the notice's withdrawal sentence
 * comes first ("With your permission we may take photographs" alone says nothing about taking it back).
 */
export function withWithdrawal(notice: IndexedNotice, facts: Fact[], matchOf?: (fact: Fact) => number): Fact[] {
  // How to take it back, or what happens when you do: not a retention row that lasts "until you unsubscribe".
  const says = (f: Fact) => WITHDRAWAL.test(f.text) && WITHDRAWAL_HOW.test(f.text) && f.topic !== 'retention';
  const given = facts.find(says);
  if (given) return dedupe([given, ...facts]);
  // Of the notice's withdrawal sentences, the one sharing most with the question ("take back my consent for the
  // health form" → "if you withdraw consent for the health questionnaire…").
  const withdrawal = notice.facts
    .map((f) => f.fact)
    .filter((f) => ['consent', 'rights', 'lawful-basis'].includes(f.topic) && says(f))
    .reduce<Fact | undefined>(
      (best, f) => (!best || (matchOf?.(f) ?? 0) > (matchOf?.(best) ?? 0) ? f : best),
      undefined,
    );
  return withdrawal ? dedupe([withdrawal, ...facts]) : facts;
}

/** A sentence naming an Article 6 basis other than consent: what the council relies on instead. */
const NON_CONSENT_BASIS =
  /\barticle 6 ?\(1\) ?\([b-f]\)|\bpublic (?:task|interest)\b|\blegal obligation\b|\bcontract\b|\blegitimate interests?\b|\bvital interests?\b/i;

/**
 * "Do you need my consent?": the basis the notice relies on when it is not consent comes first (that is the answer),
 * then what it says of consent.
 */
export function withBasis(notice: IndexedNotice, facts: Fact[]): Fact[] {
  const basis = notice.facts.find((f) => f.fact.topic === 'lawful-basis' && NON_CONSENT_BASIS.test(f.fact.text));
  return basis ? dedupe([basis.fact, ...facts]) : facts;
}

/** A sentence that goes on from the one before it: "It…", "They…", "We note that we have seen it but…". */
const CONTINUES =
  /^(?:it|this|that|these|those|they|such|but|however|otherwise|instead|unless|if (?:so|not)|in (?:that|this) case|we note)\b/i;

/**
 * The sentence after a chosen one, when it goes on from it ("we ask to see proof of benefit." → "We note that we
 * have seen it but do not keep a copy."): the answer is often in the second half of what the notice says.
 */
export function withContinuations(notice: IndexedNotice, facts: Fact[]): Fact[] {
  const out: Fact[] = [];
  for (const [i, fact] of facts.entries()) {
    out.push(fact);
    if (i >= 3) continue;
    // The notice's facts are in its order; a sentence filed under two topics sits twice, side by side.
    const at = notice.facts.findIndex((f) => f.fact === fact);
    const next = notice.facts.slice(at + 1).find((f) => f.fact.sentence !== fact.sentence)?.fact;
    if (at >= 0 && next?.section === fact.section && CONTINUES.test(next.text) && !next.leadIn) out.push(next);
  }
  return dedupe(out);
}

/** A sentence that says how to take consent back. */
const WITHDRAWAL = /\bwithdraw|\bunsubscrib|\bchange your mind|\bopt out|\bremove your consent/i;
/** …and says how, or what follows ("use the link", "tell reception", "if you withdraw…"), unlike a retention row. */
const WITHDRAWAL_HOW =
  /\b(?:use|using|click|clicking|reply|replying|tell|telling|e-?mail|emailing|contact|write|call|phone|change|ask|let us know|if you)\b/i;

/** The facts, then the other items of the first one's list (same lead-in and section), up to eight in all. */
export function withRestOfList(notice: IndexedNotice, facts: Fact[]): Fact[] {
  const first = facts[0];
  if (!first?.leadIn) return facts;
  const rest = notice.facts
    .map((f) => f.fact)
    .filter((f) => f.leadIn === first.leadIn && f.section === first.section && f.topic === first.topic);
  return dedupe([...facts, ...rest]).slice(0, 8);
}

/** A route given as a list ("you can use one of the following methods:") is only useful whole. */
export function withListSiblings(notice: IndexedNotice, facts: Fact[]): Fact[] {
  const out: Fact[] = [];
  for (const fact of facts) {
    if (fact.leadIn && hasRoute(fact)) {
      for (const sibling of notice.facts)
        if (sibling.fact.leadIn === fact.leadIn && sibling.fact.section === fact.section) out.push(sibling.fact);
    } else out.push(fact);
  }
  return dedupe(out);
}

/** Whether a fact gives this contact detail. */
export const hasDetail = (fact: Fact, detail: Detail) => fact.contacts?.some((c: Contact) => c[detail]) ?? false;

/** The council's own contact for a complaint: its data protection people, not the team that sends the bills. */
const COMPLAINT_ROLES = new Set(['dpo', 'data-protection-team', 'complaints']);
/** Where a request for a copy goes: the data protection people, not the service's own team. */
const SAR_ROLES = new Set(['dpo', 'data-protection-team', 'sar']);

/** Make sure a person who needs to act is told whom to contact, from this notice if it says. */
export function withRoute(notice: IndexedNotice, topic: NoticeTopic, chosen: Fact[], detail?: Detail): Fact[] {
  const needsRoute =
    topic === 'access-request' ||
    topic === 'complaints' ||
    topic === 'rights' ||
    (topic === 'contact' && detail !== undefined);
  if (!needsRoute) return chosen;
  // A complaint goes to the council first ("contact our Data Protection Officer first"): the ICO's address alone is
  // not the route, the council's own contact is.
  const routed = (f: Fact) =>
    detail
      ? hasDetail(f, detail)
      : topic === 'complaints'
        ? (f.contacts ?? []).some((c) => COMPLAINT_ROLES.has(c.role) && (c.email || c.phone))
        : topic === 'access-request'
          ? (f.contacts ?? []).some((c) => SAR_ROLES.has(c.role) && (c.email || c.phone || c.url || c.address))
          : hasRoute(f);
  let facts = chosen;
  // "You published my phone number, I want to complain": what the notice says about complaints comes with the
  // sentence that named the thing.
  if (topic === 'complaints' && !facts.some((f) => f.topic === 'complaints'))
    facts = [
      ...facts,
      ...notice.facts
        .filter((f) => f.fact.topic === 'complaints')
        .slice(0, 3)
        .map((f) => f.fact),
    ];
  if (facts.some(routed)) return facts;
  const preferred: NoticeTopic[] =
    topic === 'complaints'
      ? ['complaints', 'contact']
      : topic === 'rights'
        ? ['rights', 'access-request', 'contact']
        : ['access-request', 'rights', 'contact'];
  for (const t of preferred) {
    const route = notice.facts.find((f) => f.fact.topic === t && routed(f.fact));
    if (route) return withListSiblings(notice, [...facts, route.fact]);
  }
  return facts;
}
