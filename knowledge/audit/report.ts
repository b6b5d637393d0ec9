/** The audit as a plain-text report for the DPO (npm run kb:audit). */
import { clip, recoveredPhrase } from './helpers.ts';
import type { AuditReport, AuditScore, ItemStatus, NoticeAudit } from './types.ts';

const MARK: Record<ItemStatus, string> = { stated: '✔', vague: '~', missing: '✘', 'not-applicable': '–' };

export function scoreLine(score: AuditScore): string {
  const na = score.notApplicable ? ` (${score.notApplicable} not applicable)` : '';
  return `${score.stated}/${score.applicable} stated, ${score.vague} vague, ${score.missing} missing${na}`;
}

export function formatNoticeAudit(audit: NoticeAudit): string {
  const lines: string[] = [];
  lines.push(`## ${audit.service} — ${audit.notice} (${audit.councilName})`, '');
  lines.push(`Score: ${scoreLine(audit.score)}`, '');
  for (const it of audit.items) {
    lines.push(`${MARK[it.status]} ${it.article} ${it.label}: ${it.summary}`);
    for (const ev of it.evidence) {
      const items = ev.items?.length ? ` ${ev.items.map((i) => `• ${clip(i, 80)}`).join(' ')}` : '';
      const note = ev.note ? ` (${ev.note})` : '';
      lines.push(`    "${clip(ev.sentence, 200)}"${items}${note} — § ${ev.section}`);
    }
    if (it.recommendation) lines.push(`    → What to add: ${it.recommendation}`);
  }
  lines.push('');
  if (!audit.broken.length) {
    lines.push('Broken sentences: none found.');
  } else {
    lines.push(`Broken sentences to fix in the published notice (${audit.broken.length}):`);
    for (const b of audit.broken) {
      if (b.kind === 'dropped') {
        lines.push(`  ! dropped — § ${b.section}: after "${clip(b.after ?? '', 120)}"`);
      } else {
        lines.push(`  ! ${b.kind} — § ${b.section}: "${clip(b.sentence ?? '', 200)}"`);
        if (b.kind === 'filled' && b.recoveredFrom)
          lines.push(`      the assistant fills in ${b.recoveredFrom.value}, ${recoveredPhrase(b.recoveredFrom)}`);
        if (b.kind === 'cut') lines.push(`      the assistant only uses: "${clip(b.text ?? '', 160)}"`);
      }
      lines.push(`      → ${b.recommendation}`);
    }
  }
  return lines.join('\n');
}

export function formatAuditReport(report: AuditReport): string {
  const lines = ['# Privacy notice transparency audit (UK GDPR Articles 13 and 14)', ''];
  lines.push('✔ stated · ~ vague or incomplete · ✘ missing · – not applicable', '');
  lines.push('| notice | council | score | broken sentences |', '| --- | --- | --- | --- |');
  for (const n of report.notices)
    lines.push(`| ${n.notice} | ${n.councilName} | ${scoreLine(n.score)} | ${n.broken.length} |`);
  lines.push('');
  for (const n of report.notices) lines.push(formatNoticeAudit(n), '');
  return `${lines.join('\n').trimEnd()}\n`;
}
