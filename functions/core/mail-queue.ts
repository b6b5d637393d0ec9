/**
 * Mail that must not be lost: stored before it is sent, marked sent only when the relay accepts it, retried
 * with backoff, and after the last attempt moved to a dead-letter state that an alarm and the DPO digest show.
 * Pure rules here; the DynamoDB queue and the senders are adapters.
 */
import type { MailQueue, MailSender, OutgoingMail } from './ports.ts';

export type QueuedMailStatus = 'pending' | 'sent' | 'dead';

export interface QueuedMail {
  id: string;
  /** What the mail is for ("escalation", "sar-acknowledgement"), for the digest and alarms. */
  purpose: string;
  /** The record it belongs to (an escalation or SAR reference): never logged. */
  relatedTo?: string;
  mail: OutgoingMail;
  status: QueuedMailStatus;
  attempts: number;
  /** When the next attempt may run; while an attempt is in flight, when its lease expires. */
  nextAttemptAt: string;
  createdAt: string;
  sentAt?: string;
  lastError?: string;
}

/** Minutes to wait after the nth failed attempt; the length is the number of retries before dead-letter. */
export const BACKOFF_MINUTES = [1, 5, 15, 60, 240] as const;
export const MAX_ATTEMPTS = BACKOFF_MINUTES.length + 1;
/** How long an attempt holds its mail before another run may try it (a crash mid-send must not strand it). */
export const LEASE_MINUTES = 2;

const plusMinutes = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

export function queued(id: string, purpose: string, mail: OutgoingMail, now: string, relatedTo?: string): QueuedMail {
  return {
    id,
    purpose,
    mail,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: now,
    createdAt: now,
    ...(relatedTo ? { relatedTo } : {}),
  };
}

/** The mail as an attempt starts: one more attempt, leased so no other run sends it meanwhile. */
export function leased(mail: QueuedMail, now: string): QueuedMail {
  return { ...mail, attempts: mail.attempts + 1, nextAttemptAt: plusMinutes(now, LEASE_MINUTES) };
}

/** The mail after an attempt: sent, or back to pending after its backoff, or dead after the last attempt. */
export function afterAttempt(
  mail: QueuedMail,
  outcome: { ok: true } | { ok: false; error: string },
  now: string,
): QueuedMail {
  if (outcome.ok) {
    const { lastError: _lastError, ...rest } = mail;
    return { ...rest, status: 'sent', sentAt: now };
  }
  const lastError = outcome.error.slice(0, 300);
  if (mail.attempts >= MAX_ATTEMPTS) return { ...mail, status: 'dead', lastError };
  return {
    ...mail,
    status: 'pending',
    lastError,
    nextAttemptAt: plusMinutes(now, BACKOFF_MINUTES[mail.attempts - 1] ?? BACKOFF_MINUTES.at(-1)!),
  };
}

/** One attempt at one queued mail: claim it, send it, record the outcome. Undefined when another run has it. */
export async function attemptDelivery(queue: MailQueue, sender: MailSender, mail: QueuedMail, now: () => string) {
  const claimed = leased(mail, now());
  if (!(await queue.save(claimed, mail.attempts))) return undefined;
  return sendClaimed(queue, sender, claimed, now);
}

/**
 * A queued mail's Message-ID left part, from its queue id ("SAR-7K4M-Q9TX:acknowledgement" →
 * "SAR-7K4M-Q9TX.acknowledgement"): stable, so every attempt at the mail carries the same Message-ID.
 */
export function messageIdToken(id: string): string {
  const token = id
    .replace(/[^A-Za-z0-9._-]+/g, '.')
    .replace(/^\.+|\.+$/g, '')
    .slice(0, 200);
  return token || 'mail';
}

/** How often the outcome of a send is written before giving up (the send itself is never repeated here). */
const RECORD_ATTEMPTS = 3;

/**
 * Sends a mail this run holds the lease on and records the outcome. Exactly once over SMTP is impossible: between the
 * relay accepting and "sent" being stored a crash leaves the mail pending, and the retry sends it again after the
 * lease. The window is kept to the one write (tried again at once if it fails), and a repeat is harmless: every
 * attempt carries the mail's own Message-ID, which mail clients show as one message. A failure to record the outcome
 * does not throw: the mail was sent (or not) all the same, and the queue still holds it for the retry.
 */
async function sendClaimed(queue: MailQueue, sender: MailSender, claimed: QueuedMail, now: () => string) {
  let outcome: { ok: true } | { ok: false; error: string };
  try {
    await sender.send({ ...claimed.mail, messageId: claimed.mail.messageId ?? messageIdToken(claimed.id) });
    outcome = { ok: true };
  } catch (error) {
    outcome = { ok: false, error: (error as Error).message };
  }
  const next = afterAttempt(claimed, outcome, now());
  for (let attempt = 1; attempt <= RECORD_ATTEMPTS; attempt++) {
    try {
      await queue.save(next, claimed.attempts);
      break;
    } catch {
      // The retry finds it pending once the lease ends and sends it again, under the same Message-ID.
    }
  }
  return next;
}

/**
 * Stores a new mail already leased for its first attempt, then makes that attempt: one write fewer than enqueue
 * then attemptDelivery, with the same guarantee (a crash mid-send leaves it for the retry once the lease ends).
 * Undefined when a mail with its id was already queued: it is not sent again.
 */
export async function enqueueAndSend(queue: MailQueue, sender: MailSender, mail: QueuedMail, now: () => string) {
  const claimed = leased(mail, now());
  if (!(await queue.enqueue(claimed))) return undefined;
  return sendClaimed(queue, sender, claimed, now);
}

/** The scheduled retry: every due mail once. */
export async function drainQueue(queue: MailQueue, sender: MailSender, now: () => string, limit = 50) {
  const tally = { sent: 0, retrying: 0, dead: 0 };
  for (const mail of await queue.due(now(), limit)) {
    const result = await attemptDelivery(queue, sender, mail, now);
    if (result?.status === 'sent') tally.sent++;
    else if (result?.status === 'dead') tally.dead++;
    else if (result) tally.retrying++;
  }
  return tally;
}
