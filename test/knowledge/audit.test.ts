/**
 * The transparency audit (npm run kb:audit) on the real notices: what a council's DPO would check first.
 * Built in-process from knowledge/notices, so a pipeline change shows up here. Assertions are on items and
 * evidence, not on exact counts, so a small reclassification in the pipeline does not break them.
 */
import { describe, it, expect } from 'vitest';
import { loadSources } from '../../knowledge/sources.ts';
import { buildKnowledgeBase } from '../../knowledge/pipeline/build-kb.ts';
import {
  AUDIT_ITEMS,
  auditKnowledgeBase,
  auditNotice,
  formatAuditReport,
  type AuditItem,
  type AuditItemId,
  type NoticeAudit,
} from '../../knowledge/audit/index.ts';

const { files, registry, thesaurus } = loadSources();
const kb = buildKnowledgeBase(files, registry, thesaurus);
const report = auditKnowledgeBase(kb);

function audit(id: string): NoticeAudit {
  const found = report.notices.find((n) => n.notice === id);
  if (!found) throw new Error(`no audit for ${id}`);
  return found;
}

function itemOf(audit: NoticeAudit, id: AuditItemId): AuditItem {
  const found = audit.items.find((i) => i.id === id);
  if (!found) throw new Error(`${audit.notice}: no item ${id}`);
  return found;
}

const quoted = (item: AuditItem) => item.evidence.flatMap((e) => [e.sentence, ...(e.items ?? [])]).join('\n');

describe('kb:audit on the published notices', () => {
  it('audits every notice against every item, and the score adds up', () => {
    expect(report.notices.map((n) => n.notice).sort()).toEqual(kb.notices.map((n) => n.id).sort());
    for (const n of report.notices) {
      expect(n.items.map((i) => i.id)).toEqual([...AUDIT_ITEMS]);
      const { applicable, stated, vague, missing, notApplicable } = n.score;
      expect(stated + vague + missing).toBe(applicable);
      expect(applicable + notApplicable).toBe(AUDIT_ITEMS.length);
      for (const i of n.items) {
        // Every claim is backed: stated and vague items quote the notice, vague and missing ones say what to add.
        if (i.status === 'stated' || i.status === 'vague')
          expect(i.evidence.length, `${n.notice} ${i.id}`).toBeGreaterThan(0);
        if (i.status === 'vague' || i.status === 'missing')
          expect(i.recommendation, `${n.notice} ${i.id}`).toBeTruthy();
      }
    }
  });

  it('Connexions: retention is vague — no period, only the corporate retention policy, quoted as evidence', () => {
    const retention = itemOf(audit('southend-connexions'), 'retention');
    expect(retention.status).toBe('vague');
    expect(retention.found ?? []).toEqual([]);
    expect(quoted(retention)).toMatch(/corporate data retention policy/);
    expect(retention.evidence[0]!.section).toMatch(/storing/i);
    expect(retention.recommendation).toMatch(/period/i);
  });

  it("Children's Services: retention is stated and lists the periods, including 100 years for adoption records", () => {
    const retention = itemOf(audit('southend-childrens-services'), 'retention');
    expect(retention.status).toBe('stated');
    expect(retention.found?.some((p) => /100 years/.test(p))).toBe(true);
    expect(retention.found?.some((p) => /35 years/.test(p))).toBe(true);
    expect(quoted(retention)).toMatch(/100 years for adoption records/);
  });

  it('Community Learning and Skills: broken sentences are flagged and the DPO email is only in the sibling notice', () => {
    const cls = audit('kent-community-learning-skills');
    const broken = cls.broken.filter((b) => b.kind !== 'dropped');
    expect(broken.length).toBeGreaterThan(0);
    // The published DPO sentence lost its email ("… Benjamin Watts, at, or write to …").
    const dpoSentence = broken.find((b) => /Data Protection Officer, Benjamin Watts, at,/.test(b.sentence ?? ''));
    expect(dpoSentence?.kind).toBe('filled');
    expect(dpoSentence?.recoveredFrom?.notice).toBe('kent-connect-to-work');

    const dpo = itemOf(cls, 'dpo');
    expect(dpo.status).not.toBe('stated');
    expect(dpo.recoveredFrom?.notice).toBe('kent-connect-to-work');
    expect(dpo.recoveredFrom?.relation).toBe('sibling');
    expect(dpo.recoveredFrom?.value).toBe('dpo@kent.gov.uk');
    expect(dpo.summary).toMatch(/sibling notice kent-connect-to-work/);
    expect(dpo.recommendation).toMatch(/dpo@kent\.gov\.uk/);
  });

  it('Connect to Work: states the DPO contact (dpo@kent.gov.uk) in its own text', () => {
    const ctw = audit('kent-connect-to-work');
    const dpo = itemOf(ctw, 'dpo');
    expect(dpo.status).toBe('stated');
    expect(dpo.recoveredFrom).toBeUndefined();
    expect(dpo.found).toContain('dpo@kent.gov.uk');
    expect(quoted(dpo)).toMatch(/dpo@kent\.gov\.uk/);
    expect(ctw.broken.filter((b) => /Data Protection Officer/.test(b.sentence ?? ''))).toEqual([]);
  });

  it('Connect to Work: names an Art. 6 basis and an Art. 9 condition for its special category data', () => {
    const ctw = audit('kent-connect-to-work');
    expect(itemOf(ctw, 'lawful-basis').found?.some((b) => /public task/.test(b))).toBe(true);
    const special = itemOf(ctw, 'special-category-condition');
    expect(special.status).toBe('stated');
    expect(special.found?.some((c) => /9\(2\)\(g\)/.test(c))).toBe(true);
  });

  it('Connexions: collects special category data without naming an Art. 9 condition, and names only the right of access', () => {
    const connexions = audit('southend-connexions');
    const special = itemOf(connexions, 'special-category-condition');
    expect(special.status).toBe('missing');
    expect(quoted(special)).toMatch(/ethnicity/);
    const rights = itemOf(connexions, 'rights');
    expect(rights.status).toBe('vague');
    expect(rights.found).toContain('access');
    expect(rights.absent).toEqual(expect.arrayContaining(['rectification', 'erasure', 'portability']));
  });

  it("Children's Services: transfers outside the UK are only 'not routinely' made — vague", () => {
    const transfers = itemOf(audit('southend-childrens-services'), 'international-transfers');
    expect(transfers.status).toBe('vague');
    expect(quoted(transfers)).toMatch(/not routinely/);
  });

  it('Sefton@work: relies on consent without saying it can be withdrawn, and never names the controller', () => {
    const sefton = audit('sefton-at-work');
    expect(itemOf(sefton, 'lawful-basis').found?.some((b) => /consent/.test(b))).toBe(true);
    expect(itemOf(sefton, 'withdraw-consent').status).toBe('missing');
    expect(itemOf(sefton, 'controller').status).toBe('missing');
    // Legitimate interests are only mentioned as something one can object to, not relied on.
    expect(itemOf(sefton, 'legitimate-interests').status).toBe('not-applicable');
  });
});

describe('kb:audit on a minimal notice', () => {
  const minimal = buildKnowledgeBase(
    [
      {
        meta: { id: 'testshire-parking', council: 'testshire', title: 'Parking Permits Privacy Notice' },
        body: 'Why we use your information\n\nWe use your information to issue parking permits and to plan parking services.\n',
        sourceHash: 'x',
      },
    ],
    [],
    thesaurus,
  );
  const result = auditNotice(minimal.notices[0]!, minimal);

  it('states the purposes and reports the other core items missing, each with what to add', () => {
    expect(itemOf(result, 'purposes').status).toBe('stated');
    const missing: AuditItemId[] = [
      'controller',
      'dpo',
      'lawful-basis',
      'recipients',
      'retention',
      'rights',
      'complain-to-ico',
      'sar-route',
    ];
    for (const id of missing) {
      const audited = itemOf(result, id);
      expect(audited.status, id).toBe('missing');
      expect(audited.recommendation, id).toBeTruthy();
    }
    expect(result.score.missing).toBeGreaterThan(result.score.stated + result.score.vague);
    expect(result.broken).toEqual([]);
  });

  it('does not invent applicability: no special category data, consent or legitimate interests', () => {
    expect(itemOf(result, 'special-category-condition').status).toBe('not-applicable');
    expect(itemOf(result, 'withdraw-consent').status).toBe('not-applicable');
    expect(itemOf(result, 'legitimate-interests').status).toBe('not-applicable');
  });
});

describe('the text report', () => {
  const text = formatAuditReport(report);

  it('has a score line per notice, the item marks, evidence and recommendations', () => {
    for (const n of kb.notices) expect(text).toContain(`— ${n.id} (`);
    expect(text).toMatch(/Score: \d+\/\d+ stated, \d+ vague, \d+ missing/);
    expect(text).toMatch(/^✔ /m);
    expect(text).toMatch(/^~ /m);
    expect(text).toMatch(/^✘ /m);
    expect(text).toContain('corporate data retention policy');
    expect(text).toContain('→ What to add:');
    expect(text).toContain('Broken sentences to fix in the published notice');
  });

  it('is plain data underneath: the JSON round-trips', () => {
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});
