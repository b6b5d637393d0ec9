/**
 * The DPO's weekly digest, per council: the questions the notices failed to answer beside the notices' own
 * Art. 13/14 gaps (the to-do list for better notices), complaints not yet acknowledged (oldest first, with
 * their statutory date), and escalation emails that never reached the DPO (dead-lettered). Sent through the
 * durable mail queue like every other email. Dates are written out ('4 January 2027'), as in every mail.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { KnowledgeIndex } from '#core/knowledge-index.ts';
import { attemptDelivery, queued } from '#core/mail-queue.ts';
import type { EscalationStore, MailQueue, MailSender } from '#core/ports.ts';
import { longDate } from '#core/long-date.ts';
import { weeklyDigest, type AuditGaps } from '#core/unanswered-digest.ts';
import { isIsoWeek, isoWeek, ukDate, type UnansweredStore } from '#core/unanswered.ts';
import { signedUrl } from '#shared/signed-link.ts';

export interface DigestDependencies {
  index: KnowledgeIndex;
  /** The notices' audit, as kb:build wrote it to knowledge/build/audit.json (shared/audit-report.ts reads it). */
  auditGaps: AuditGaps;
  unanswered: UnansweredStore;
  escalations: Pick<EscalationStore, 'openComplaints'>;
  queue: MailQueue;
  sender: MailSender;
  newId: () => string;
  now: () => Date;
  logger: Logger;
  /** The acknowledge-complaint link: where it points and the secret that signs it. */
  acknowledgeLink: { base: string; secret: string; validDays: number };
  /**
   * Compares each notice's published document with its import as kb:check does, once per run (the digest Lambda:
   * published-check.ts); left out (the local server), the digest says nothing about published notices.
   */
  checkPublished?: () => Promise<PublishedNotice[]>;
}

/** One notice's published document compared with its import: kb:check's lines for it (knowledge/import/check.ts). */
export interface PublishedNotice {
  notice: string;
  council: string;
  status: 'unchanged' | 'changed' | 'unreachable' | 'no-url';
  /** "…: unchanged since import", or "…: CHANGED since import — …" and a line per fact (~ changed, + added, - removed). */
  lines: string[];
}

type PublishedRun = { checks: PublishedNotice[] } | { failed: string } | undefined;

/** The published-notice lines of one council's digest: empty when the run does not check them. */
function publishedSection(run: PublishedRun, council: string): string[] {
  if (!run) return [];
  if ('failed' in run) return ['', `Published notices: not checked this week (${run.failed}).`];
  const mine = run.checks.filter((c) => c.council === council);
  return [
    '',
    `Published notices compared with what was imported (${mine.length}), and what the assistant would now answer differently:`,
    ...mine.flatMap((c) => c.lines.map((line) => `  ${line}`)),
  ];
}

/** The run's check of the published notices; a failure of the whole check is a line in each digest, never fatal. */
async function checkPublished(deps: DigestDependencies): Promise<PublishedRun> {
  if (!deps.checkPublished) return undefined;
  try {
    return { checks: await deps.checkPublished() };
  } catch (error) {
    deps.logger.warn('Published notices not checked', { error: (error as Error).name });
    return { failed: (error as Error).message };
  }
}

export function createDigestHandler(deps: DigestDependencies) {
  /** `week` (an ISO week such as 2026-W47) for a digest on demand; the schedule sends last week's. */
  return async (event?: { week?: unknown }): Promise<{ council: string; sent: boolean }[]> => {
    const now = deps.now();
    const lastWeek = isIsoWeek(event?.week) ? event.week : isoWeek(new Date(now.getTime() - 7 * 86_400_000));
    const dead = await deps.queue.dead();
    const published = await checkPublished(deps);
    const results: { council: string; sent: boolean }[] = [];
    for (const council of deps.index.councils.values()) {
      const dpoEmail = council.dpo?.email;
      if (!dpoEmail) continue;
      const digest = weeklyDigest({
        council: council.id,
        councilName: council.name,
        week: lastWeek,
        unanswered: await deps.unanswered.listWeek(council.id, lastWeek),
        auditGaps: deps.auditGaps,
      });
      const complaints = (await deps.escalations.openComplaints(council.id)).sort((a, b) =>
        a.receivedOn.localeCompare(b.receivedOn),
      );
      const undelivered = dead.filter((m) => m.mail.to === dpoEmail);
      const text = [
        digest.text,
        '',
        `Complaints not yet acknowledged (${complaints.length}), oldest first:`,
        ...(complaints.length
          ? complaints.flatMap((c) => [
              `  ${c.reference}: received ${longDate(c.receivedOn)}, acknowledge by ${longDate(c.acknowledgeBy ?? '')}`,
              `    Mark acknowledged: ${signedUrl(deps.acknowledgeLink.base, { action: 'acknowledge-complaint', reference: c.reference, expires: Math.floor(now.getTime() / 1000) + deps.acknowledgeLink.validDays * 86_400 }, deps.acknowledgeLink.secret)}`,
            ])
          : ['  none']),
        '',
        `Emails to this mailbox that could not be delivered (${undelivered.length}):`,
        ...(undelivered.length
          ? undelivered.map((m) => `  ${m.mail.subject} (first tried ${longDate(ukDate(m.createdAt))})`)
          : ['  none']),
        ...publishedSection(published, council.id),
      ].join('\n');
      const item = queued(
        deps.newId(),
        'dpo-digest',
        { to: dpoEmail, subject: digest.subject, text },
        now.toISOString(),
      );
      await deps.queue.enqueue(item);
      const delivery = await attemptDelivery(deps.queue, deps.sender, item, () => deps.now().toISOString());
      deps.logger.info('DPO digest', {
        council: council.id,
        complaints: complaints.length,
        undelivered: undelivered.length,
        sent: delivery?.status === 'sent',
      });
      results.push({ council: council.id, sent: delivery?.status === 'sent' });
    }
    return results;
  };
}
