/**
 * Reads the notice audit that `npm run kb:build` writes beside the knowledge base (knowledge/build/audit.json),
 * validated, so a Lambda (the DPO's weekly digest) gets the audit without importing the build pipeline or
 * running the audit at cold start. The shape is knowledge/audit/types.ts's AuditReport; it satisfies the
 * digest's AuditGaps (core/unanswered-digest.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import * as z from 'zod/mini';

export const DEFAULT_AUDIT_PATH = new URL('../../knowledge/build/audit.json', import.meta.url);

const Status = z.enum(['stated', 'vague', 'missing', 'not-applicable']);

const RecoveredFromSchema = z.object({
  relation: z.enum(['this-notice', 'sibling', 'other-council', 'registry']),
  notice: z.nullable(z.string()),
  section: z.optional(z.string()),
  sentence: z.optional(z.string()),
  value: z.string(),
});

const EvidenceSchema = z.object({
  section: z.string(),
  sentence: z.string(),
  items: z.optional(z.array(z.string())),
  note: z.optional(z.string()),
});

const AuditItemSchema = z.object({
  id: z.string(),
  article: z.string(),
  label: z.string(),
  status: Status,
  summary: z.string(),
  evidence: z.array(EvidenceSchema),
  recommendation: z.optional(z.string()),
  found: z.optional(z.array(z.string())),
  absent: z.optional(z.array(z.string())),
  recoveredFrom: z.optional(RecoveredFromSchema),
});

const BrokenSentenceSchema = z.object({
  kind: z.enum(['filled', 'cut', 'dropped']),
  section: z.string(),
  sentence: z.nullable(z.string()),
  text: z.optional(z.string()),
  after: z.optional(z.string()),
  recoveredFrom: z.optional(RecoveredFromSchema),
  recommendation: z.string(),
});

const Count = z.int().check(z.nonnegative());

export const AuditReportSchema = z.object({
  notices: z.array(
    z.object({
      notice: z.string(),
      council: z.string(),
      councilName: z.string(),
      title: z.string(),
      service: z.string(),
      score: z.object({ applicable: Count, stated: Count, vague: Count, missing: Count, notApplicable: Count }),
      items: z.array(AuditItemSchema),
      broken: z.array(BrokenSentenceSchema),
    }),
  ),
});
export type StoredAuditReport = z.infer<typeof AuditReportSchema>;

/** Validates an audit report already parsed from JSON; throws naming the first fields that are wrong. */
export function parseAuditReport(value: unknown, source = 'audit report'): StoredAuditReport {
  const parsed = z.safeParse(AuditReportSchema, value);
  if (!parsed.success) throw new Error(`${source} is not a valid audit report: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export function loadAuditReport(path: URL | string = DEFAULT_AUDIT_PATH): StoredAuditReport {
  if (!existsSync(path)) throw new Error(`No audit report at ${String(path)}: run "npm run kb:build" first.`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${String(path)} is not JSON: ${(error as Error).message}`, { cause: error });
  }
  return parseAuditReport(json, String(path));
}
