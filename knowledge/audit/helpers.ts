/** What every rule shares: the notice's context, contact-channel detection, citing evidence, recovered values. */
import type { Citation, Fact, KnowledgeBase, Notice } from '#core/knowledge-schema.ts';
import { DPO, EMAIL, ICO, ONLINE_FORM, PHONE, POSTCODE, SIGNPOST, WEB } from './cues.ts';
import type { AuditItem, AuditItemId, Evidence, ItemStatus, RecoveredFrom } from './types.ts';

export interface Ctx {
  notice: Notice;
  kb: KnowledgeBase;
  councilName: string;
  /** Facts worth citing: no signposts, one per published sentence (the first topic the pipeline gave it). */
  facts: Fact[];
  /** Every fact but signposts, including a sentence's second topic. */
  all: Fact[];
}

export function isSignpost(fact: Fact): boolean {
  return SIGNPOST.test(fact.section) || SIGNPOST.test(fact.leadIn ?? '') || SIGNPOST.test(fact.sentence);
}

/** Contact channels the published sentence itself gives (not ones the pipeline filled in), ICO's left out. */
export function ownChannels(sentence: string): { email: string[]; phone: boolean; address: boolean; web: boolean } {
  const emails = (sentence.match(EMAIL) ?? []).filter((e) => !/ico\.org\.uk$/i.test(e));
  const withoutIco = sentence.replace(/\S*ico\.org\.uk\S*/gi, ' ');
  return {
    email: emails,
    phone: !ICO.test(sentence) && PHONE.test(sentence),
    address: POSTCODE.test(sentence) && !/wilmslow|SK9 5AF/i.test(sentence),
    web: WEB.test(withoutIco.replace(EMAIL, ' ')),
  };
}

export function hasOwnChannel(sentence: string): boolean {
  const c = ownChannels(sentence);
  return c.email.length > 0 || c.phone || c.address || c.web || ONLINE_FORM.test(sentence);
}

export function byOrder(facts: Fact[]): Fact[] {
  return [...facts].sort((a, b) => a.order - b.order);
}

export function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/** Cites facts in the order given (callers pass the most telling first); consecutive items of one list become one piece of evidence. */
export function cite(facts: Fact[], limit = 3, itemLimit = 6): Evidence[] {
  const seen = new Set<number>();
  const ordered = facts.filter((f) => !seen.has(f.order) && seen.add(f.order));
  const out: Evidence[] = [];
  let list: { evidence: Evidence; all: string[]; leadIn: string; section: string } | undefined;
  const flush = () => {
    if (!list) return;
    const extra = list.all.length - itemLimit;
    list.evidence.items = list.all.slice(0, itemLimit);
    if (extra > 0) list.evidence.note = `and ${extra} more`;
    list = undefined;
  };
  for (const fact of ordered) {
    if (fact.leadIn && list && list.leadIn === fact.leadIn && list.section === fact.section) {
      list.all.push(fact.sentence);
      continue;
    }
    flush();
    if (out.length >= limit) break;
    if (fact.leadIn) {
      const evidence: Evidence = { section: fact.section, sentence: fact.leadIn };
      list = { evidence, all: [fact.sentence], leadIn: fact.leadIn, section: fact.section };
      out.push(evidence);
    } else {
      out.push({ section: fact.section, sentence: fact.sentence });
    }
  }
  flush();
  return out;
}

export function recoveredOf(fact: Fact, notice: Notice, kb: KnowledgeBase): RecoveredFrom | undefined {
  if (fact.repair?.kind !== 'filled') return undefined;
  const inserted = (fact.text.match(EMAIL) ?? []).find((e) => !fact.sentence.includes(e));
  const fromContacts = fact.contacts?.map((c) => c.email).find((e) => e && !fact.sentence.includes(e));
  const value = fromContacts ?? inserted ?? fact.text;
  const from: Citation | undefined = fact.repair.from;
  if (!from) return { relation: 'registry', notice: null, value };
  const council = kb.notices.find((n) => n.id === from.notice)?.council;
  const relation = from.notice === notice.id ? 'this-notice' : council === notice.council ? 'sibling' : 'other-council';
  return { relation, notice: from.notice, section: from.section, sentence: from.sentence, value };
}

/** "only in the sibling notice kent-connect-to-work (§ Who to contact)". */
export function recoveredPhrase(r: RecoveredFrom): string {
  switch (r.relation) {
    case 'registry':
      return 'found only in the council registry, not in any published notice';
    case 'this-notice':
      return `given elsewhere in this notice (§ ${r.section})`;
    case 'sibling':
      return `found only in the sibling notice ${r.notice} (§ ${r.section})`;
    case 'other-council':
      return `found only in another council's notice, ${r.notice} (§ ${r.section})`;
  }
}

export function item(
  id: AuditItemId,
  article: string,
  label: string,
  status: ItemStatus,
  summary: string,
  evidence: Evidence[],
  extra: Partial<Pick<AuditItem, 'recommendation' | 'found' | 'absent' | 'recoveredFrom'>> = {},
): AuditItem {
  const out: AuditItem = { id, article, label, status, summary, evidence };
  return Object.assign(out, Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined)));
}

/** The best contact the council publishes for data protection, to suggest in a recommendation. */
export function knownDpoContact(ctx: Ctx): string | undefined {
  for (const fact of ctx.facts) {
    if (!DPO.test(fact.sentence)) continue;
    const email = ownChannels(fact.sentence).email[0];
    if (email) return email;
  }
  const council = ctx.kb.councils.find((c) => c.id === ctx.notice.council);
  return council?.dpo?.email ?? council?.dpo?.phone;
}

export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
