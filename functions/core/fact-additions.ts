/**
 * What an answer adds to the facts it chose, in the notice's own structure: the list a "we also collect" list adds
 * to, the rest of a list, how to withdraw consent, the other routes of a request list.
 */
import type { IndexedNotice } from './knowledge-index.ts';
import type { Fact } from './knowledge-schema.ts';

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
export function withWithdrawal(notice: IndexedNotice, facts: Fact[]): Fact[] {
  const says = (f: Fact) => WITHDRAWAL.test(f.text);
  const given = facts.find(says);
  if (given) return dedupe([given, ...facts]);
  const withdrawal = notice.facts
    .map((f) => f.fact)
    .find((f) => ['consent', 'rights', 'lawful-basis'].includes(f.topic) && says(f));
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
    const next = notice.facts
      .map((f) => f.fact)
      .filter((f) => f.section === fact.section && f.order > fact.order && f.sentence !== fact.sentence)
      .sort((a, b) => a.order - b.order)[0];
    if (next && CONTINUES.test(next.text) && !next.leadIn) out.push(next);
  }
  return dedupe(out);
}

/** A sentence that says how to take consent back. */
const WITHDRAWAL = /\bwithdraw|\bunsubscrib|\bchange your mind|\bopt out|\bremove your consent/i;

/** The facts, then the other items of the first one's list (same lead-in and section), up to eight in all. */
export function withRestOfList(notice: IndexedNotice, facts: Fact[]): Fact[] {
  const first = facts[0];
  if (!first?.leadIn) return facts;
  const rest = notice.facts
    .map((f) => f.fact)
    .filter((f) => f.leadIn === first.leadIn && f.section === first.section && f.topic === first.topic);
  return dedupe([...facts, ...rest]).slice(0, 8);
}

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
