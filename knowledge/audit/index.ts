/**
 * Transparency audit for the Data Protection Officer: for each notice, which UK GDPR Article 13/14 items it
 * states, leaves vague or omits, with the published sentence as evidence or a concrete "what to add".
 *
 * Pure: reads the built knowledge base, no I/O. The rules read the published sentences as well as the
 * pipeline's topics, so a sentence the pipeline files under a neighbouring topic is still found. Each group of
 * rules is in rules/; npm run kb:build writes the report to knowledge/build/audit.json.
 */
import type { KnowledgeBase, Notice } from '#core/knowledge-schema.ts';
import { brokenSentences } from './broken.ts';
import { isSignpost, type Ctx } from './helpers.ts';
import { complainToIco, controller, dpo, sarRoute } from './rules/contacts.ts';
import { basesOf, lawfulBasis, legitimateInterests, specialCondition, withdrawConsent } from './rules/lawful-basis.ts';
import { dataCategories, international, purposes, recipients, retention, sources } from './rules/processing.ts';
import { automatedDecisions, requirement, rights } from './rules/rights.ts';
import type { AuditReport, ItemStatus, NoticeAudit } from './types.ts';

export * from './types.ts';
export { formatAuditReport, formatNoticeAudit, scoreLine } from './report.ts';

export function auditNotice(notice: Notice, kb: KnowledgeBase): NoticeAudit {
  const all = notice.facts.filter((f) => !isSignpost(f));
  const seen = new Set<number>();
  const facts = all.filter((f) => !seen.has(f.order) && seen.add(f.order));
  const councilName = kb.councils.find((c) => c.id === notice.council)?.name ?? notice.council;
  const ctx: Ctx = { notice, kb, councilName, facts, all };
  const bases = basesOf(ctx);
  const items = [
    controller(ctx),
    dpo(ctx),
    purposes(ctx),
    lawfulBasis(ctx, bases),
    specialCondition(ctx, bases),
    legitimateInterests(ctx, bases),
    recipients(ctx),
    international(ctx),
    retention(ctx),
    rights(ctx),
    withdrawConsent(ctx, bases),
    complainToIco(ctx),
    requirement(ctx),
    automatedDecisions(ctx),
    dataCategories(ctx),
    sources(ctx),
    sarRoute(ctx),
  ];
  const count = (status: ItemStatus) => items.filter((i) => i.status === status).length;
  const notApplicable = count('not-applicable');
  return {
    notice: notice.id,
    council: notice.council,
    councilName,
    title: notice.title,
    service: notice.service,
    score: {
      applicable: items.length - notApplicable,
      stated: count('stated'),
      vague: count('vague'),
      missing: count('missing'),
      notApplicable,
    },
    items,
    broken: brokenSentences(notice, kb),
  };
}

export function auditKnowledgeBase(kb: KnowledgeBase): AuditReport {
  return { notices: kb.notices.map((notice) => auditNotice(notice, kb)) };
}
