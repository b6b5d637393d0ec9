/** The audit kb:build writes (knowledge/build/audit.json) and the reader the digest will use in a Lambda. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseKnowledgeBase } from '../../functions/core/knowledge-schema.ts';
import type { AuditGaps } from '../../functions/core/unanswered-digest.ts';
import { DEFAULT_AUDIT_PATH, loadAuditReport, parseAuditReport, type StoredAuditReport } from '#shared/audit-report.ts';
import { auditKnowledgeBase, type AuditReport } from '../../knowledge/audit/index.ts';
import { KB_OUTPUT } from '../../knowledge/sources.ts';

describe('audit report (knowledge/build/audit.json)', () => {
  it('kb:build wrote the audit of the knowledge base it built, and the reader loads it as it is', () => {
    const kb = parseKnowledgeBase(JSON.parse(readFileSync(KB_OUTPUT, 'utf8')));
    const stored = loadAuditReport();
    expect(stored).toEqual(JSON.parse(JSON.stringify(auditKnowledgeBase(kb))));
    expect(stored.notices.map((n) => n.notice)).toEqual(kb.notices.map((n) => n.id));
    expect(stored.notices[0]!.items.length).toBeGreaterThan(10);
  });

  it('types line up: the audit is a stored report, and a stored report is what the digest reads', () => {
    const kb = parseKnowledgeBase(JSON.parse(readFileSync(KB_OUTPUT, 'utf8')));
    const audited: AuditReport = auditKnowledgeBase(kb);
    const fromAudit: StoredAuditReport = audited;
    const forDigest: AuditGaps = loadAuditReport(DEFAULT_AUDIT_PATH);
    expect(fromAudit.notices.length).toBe(forDigest.notices.length);
    expect(forDigest.notices.length).toBeGreaterThan(0);
  });

  it('refuses a report of the wrong shape, naming the field', () => {
    const report = JSON.parse(readFileSync(DEFAULT_AUDIT_PATH, 'utf8')) as StoredAuditReport;
    (report.notices[0]!.items[0] as { status: string }).status = 'fine';
    expect(() => parseAuditReport(report)).toThrow(/not a valid audit report[\s\S]*notices\[0\]\.items\[0\]\.status/);
    expect(() => parseAuditReport({})).toThrow(/notices/);
  });

  it('says to run kb:build when the file is missing, and names the file when it is not JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-report-'));
    expect(() => loadAuditReport(join(dir, 'audit.json'))).toThrow(/npm run kb:build/);
    writeFileSync(join(dir, 'broken.json'), '{"notices": [');
    expect(() => loadAuditReport(join(dir, 'broken.json'))).toThrow(/broken\.json is not JSON/);
  });
});
