/** The audit's report shape: per notice, each UK GDPR Article 13/14 item's status, evidence and what to add. */

export type ItemStatus = 'stated' | 'vague' | 'missing' | 'not-applicable';

export const AUDIT_ITEMS = [
  'controller',
  'dpo',
  'purposes',
  'lawful-basis',
  'special-category-condition',
  'legitimate-interests',
  'recipients',
  'international-transfers',
  'retention',
  'rights',
  'withdraw-consent',
  'complain-to-ico',
  'requirement-to-provide',
  'automated-decisions',
  'data-categories',
  'sources',
  'sar-route',
] as const;
export type AuditItemId = (typeof AUDIT_ITEMS)[number];

export const SIX_RIGHTS = ['access', 'rectification', 'erasure', 'restriction', 'portability', 'object'] as const;
export type AuditedRight = (typeof SIX_RIGHTS)[number];

export interface Evidence {
  section: string;
  /** The sentence as published (for a list: the sentence introducing it). */
  sentence: string;
  /** For a list: the items quoted. */
  items?: string[];
  note?: string;
}

/** Where a value missing from this notice's published text was recovered from (notice null: the council registry). */
export interface RecoveredFrom {
  /** sibling: another notice of the same council; registry: knowledge/councils.yaml, not a published notice. */
  relation: 'this-notice' | 'sibling' | 'other-council' | 'registry';
  notice: string | null;
  section?: string;
  sentence?: string;
  value: string;
}

export interface AuditItem {
  id: AuditItemId;
  /** UK GDPR provision ("13(1)(b)"). */
  article: string;
  label: string;
  status: ItemStatus;
  /** One line for the DPO: what was found, or why it is vague, missing or not applicable. */
  summary: string;
  evidence: Evidence[];
  /** What to add or change in the published notice (for vague and missing items). */
  recommendation?: string;
  /** Values found: retention periods, lawful bases, rights named, sources. */
  found?: string[];
  /** Values expected but not found (rights not named). */
  absent?: string[];
  recoveredFrom?: RecoveredFrom;
}

export interface BrokenSentence {
  /** filled: a stripped contact was filled in from elsewhere; cut: the broken tail was cut; dropped: the sentence was unusable and left out. */
  kind: 'filled' | 'cut' | 'dropped';
  section: string;
  /** The sentence as published; null for a dropped sentence (the knowledge base does not keep it). */
  sentence: string | null;
  /** What the assistant answers with instead. */
  text?: string;
  /** For a dropped sentence: the published sentence just before it. */
  after?: string;
  recoveredFrom?: RecoveredFrom;
  recommendation: string;
}

export interface AuditScore {
  /** Items that apply to this notice (all but not-applicable). */
  applicable: number;
  stated: number;
  vague: number;
  missing: number;
  notApplicable: number;
}

export interface NoticeAudit {
  notice: string;
  council: string;
  councilName: string;
  title: string;
  service: string;
  score: AuditScore;
  items: AuditItem[];
  broken: BrokenSentence[];
}

export interface AuditReport {
  notices: NoticeAudit[];
}
