/**
 * The knowledge base: the contract between the build pipeline (knowledge/) and the answering core.
 * Versioned: bump KB_SCHEMA_VERSION on any incompatible change so a stale build is rejected at load.
 */
// zod/mini: the same schemas at a fraction of the bundle size, since the knowledge base is loaded at cold start.
import * as z from 'zod/mini';
import { TOPICS } from './answer-contract.ts';

export const KB_SCHEMA_VERSION = 2;

const NoticeTopicSchema = z.enum(
  TOPICS.filter((t): t is Exclude<(typeof TOPICS)[number], 'out-of-scope'> => t !== 'out-of-scope'),
);

export const FACT_KINDS = [
  'statement',
  'data-category',
  'source',
  'purpose',
  'lawful-basis',
  'act',
  'recipient',
  'retention',
  'contact',
  'right',
  'sar-route',
  'transfer',
  'consent-withdrawal',
  'complaint-route',
  'security-measure',
  'controller',
] as const;
export type FactKind = (typeof FACT_KINDS)[number];

export const RIGHTS = [
  'informed',
  'access',
  'rectification',
  'erasure',
  'restriction',
  'portability',
  'object',
  'automated-decisions',
  'withdraw-consent',
  'complain',
] as const;
export type RightKind = (typeof RIGHTS)[number];

export const ContactSchema = z.object({
  role: z.enum(['dpo', 'data-protection-team', 'sar', 'complaints', 'council', 'ico', 'service', 'other']),
  name: z.optional(z.string()),
  /** A named officer ("Benjamin Watts"). */
  person: z.optional(z.string()),
  email: z.optional(z.string()),
  phone: z.optional(z.string()),
  address: z.optional(z.string()),
  url: z.optional(z.string()),
});
export type Contact = z.infer<typeof ContactSchema>;

export const RetentionSchema = z.object({
  /** What is kept ("adoption records"); null when the rule covers everything the notice is about. */
  recordType: z.nullable(z.string()),
  /** As the notice states it ("100 years", "up to 6 years"); null when no period is given. */
  period: z.nullable(z.string()),
  /** The period in months, for comparison and audit; null when no period is given. */
  months: z.nullable(z.number()),
  /** When the period starts ("from last contact", "after the end of the programme"). */
  trigger: z.nullable(z.string()),
  /** True when the notice points at a policy instead of a period ("in line with our retention policy"). */
  vague: z.boolean(),
});
export type Retention = z.infer<typeof RetentionSchema>;

export const CitationSchema = z.object({ notice: z.string(), section: z.string(), sentence: z.string() });
export type Citation = z.infer<typeof CitationSchema>;

export const FactSchema = z.object({
  id: z.string(),
  topic: NoticeTopicSchema,
  kind: z.enum(FACT_KINDS),
  /** Heading of the section the sentence sits in, as published. */
  section: z.string(),
  /** The source sentence (or list item) as published, whitespace normalised. */
  sentence: z.string(),
  /** For a list item: the sentence that introduces the list ("We may share your information with:"). */
  leadIn: z.optional(z.string()),
  /** The fact in answerable form: the sentence, with a stripped contact filled in or the broken fragment cut. */
  text: z.string(),
  /** Position in the notice, for reading order. */
  order: z.number().check(z.int()),
  special: z.optional(z.boolean()),
  /** The rights a sentence names ("ask us to correct it, or object" → rectification, object). */
  rights: z.optional(z.array(z.enum(RIGHTS))),
  retention: z.optional(RetentionSchema),
  contacts: z.optional(z.array(ContactSchema)),
  /** Lawful bases named ("public task", "legal obligation", "Article 6(1)(e)"). */
  bases: z.optional(z.array(z.string())),
  /** Acts and regulations named ("Education Act 1996"). */
  acts: z.optional(z.array(z.string())),
  /** Set when `text` differs from `sentence` because the sentence was broken. */
  repair: z.optional(
    z.object({
      kind: z.enum(['filled', 'cut']),
      /** Where a filled-in value came from. */
      from: z.optional(CitationSchema),
    }),
  ),
});
export type Fact = z.infer<typeof FactSchema>;

export const SectionSchema = z.object({
  heading: z.string(),
  topic: NoticeTopicSchema,
  order: z.number().check(z.int()),
});

export const NoticeSchema = z.object({
  id: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]*$/)),
  council: z.string(),
  title: z.string(),
  /** Short service name used in answers and choices ("Connexions"). */
  service: z.string(),
  url: z.optional(z.string()),
  reviewed: z.optional(z.string()),
  /** sha256 of the notice file, so a reader can tell which text a build came from. */
  sourceHash: z.string(),
  /** The published document's content hash at import (front-matter `contentHash`), for kb:check. */
  contentHash: z.optional(z.string()),
  sections: z.array(SectionSchema),
  facts: z.array(FactSchema),
});
export type Notice = z.infer<typeof NoticeSchema>;

/** The divisions of the GOV.UK bank-holidays feed: which nation's bank holidays a council's deadlines skip. */
export const UK_DIVISIONS = ['england-and-wales', 'scotland', 'northern-ireland'] as const;
export type UkDivision = (typeof UK_DIVISIONS)[number];
/** A council the registry gives no division (or has no entry for) is in England or Wales. */
export const DEFAULT_DIVISION: UkDivision = 'england-and-wales';

export const CouncilSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Its nation's bank holidays for SAR due dates (knowledge/bank-holidays/<division>.json); default England & Wales. */
  division: z.optional(z.enum(UK_DIVISIONS)),
  /** The council's general contact, offered for out-of-scope questions. */
  general: z.optional(z.omit(ContactSchema, { role: true })),
  /** The DPO mailbox escalations and SAR notices go to. */
  dpo: z.optional(z.omit(ContactSchema, { role: true })),
  /** Other named data-protection contacts ("Information Resilience and Transparency Team"). */
  teams: z._default(z.array(z.omit(ContactSchema, { role: true })), []),
});
export type Council = z.infer<typeof CouncilSchema>;

/**
 * One entry of the thesaurus (knowledge/thesaurus.yaml): residents' words ↔ the notices' words.
 * `same`: phrases that mean the same thing; text with any of them is read as saying all of them.
 * `when` + `add`: one way: text with any `when` phrase is also read as saying the `add` words.
 * A phrase is words (compared by stem, so plurals match); `*` stands for up to four words ("pass * on").
 * `service`: the phrases name a council service ("children's services"), so a question naming it on a
 * council's page can be told when that council has no notice for it here.
 */
export const ThesaurusEntrySchema = z.union([
  z.object({ same: z.array(z.string()).check(z.minLength(2)), service: z.optional(z.string()) }),
  z.object({
    when: z.array(z.string()).check(z.minLength(1)),
    add: z.array(z.string()).check(z.minLength(1)),
    service: z.optional(z.string()),
  }),
]);
export type ThesaurusEntry = z.infer<typeof ThesaurusEntrySchema>;

export const KnowledgeBaseSchema = z.object({
  schemaVersion: z.literal(KB_SCHEMA_VERSION),
  councils: z.array(CouncilSchema),
  notices: z.array(NoticeSchema),
  thesaurus: z.array(ThesaurusEntrySchema),
});
export type KnowledgeBase = z.infer<typeof KnowledgeBaseSchema>;

export function parseKnowledgeBase(json: unknown): KnowledgeBase {
  const result = z.safeParse(KnowledgeBaseSchema, json);
  if (!result.success) {
    throw new Error(`Knowledge base does not match schema v${KB_SCHEMA_VERSION}: ${z.prettifyError(result.error)}`);
  }
  return result.data;
}
