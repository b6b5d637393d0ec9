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
import { formatPublishedChecks, type PublishedCheck } from '#shared/published-notices.ts';
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
   * Compares each notice's published page with its import (shared/published-notices.ts), once per run; left out
   * (the local server, tests), the digest says nothing about published notices.
   */
  checkPublished?: () => Promise<PublishedCheck[]>;
}

/** The published-notice lines of one council's digest: empty when the run does not check them. */
function publishedSection(checks: PublishedCheck[] | undefined, council: string): string[] {
  if (!checks) return [];
  const mine = checks.filter((c) => c.council === council);
  return ['', `Published notices compared with what was imported (${mine.length}):`, ...formatPublishedChecks(mine)];
}

export function createDigestHandler(deps: DigestDependencies) {
  /** `week` (an ISO week such as 2026-W47) for a digest on demand; the schedule sends last week's. */
  return async (event?: { week?: unknown }): Promise<{ council: string; sent: boolean }[]> => {
    const now = deps.now();
    const lastWeek = isIsoWeek(event?.week) ? event.week : isoWeek(new Date(now.getTime() - 7 * 86_400_000));
    const dead = await deps.queue.dead();
    const published = await deps.checkPublished?.().catch((error: unknown) => {
      deps.logger.warn('Published notices not checked', { error: (error as Error).name });
      return undefined;
    });
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
