/**
 * The emails a SAR case sends: an acknowledgement to the requester (reference, due date, what happens next, how
 * identity is checked), a new-case notice to the council's DPO mailbox, and a refusal with its rights. They go
 * through the durable mail queue (mail-queue.ts) like every other email: the case records which mail it queued,
 * and the queue says whether it went, so a failed send never loses or blocks the case.
 */
import { queued, type QueuedMail } from '../mail-queue.ts';
import type { OutgoingMail } from '../ports.ts';
import { bindingDueDate, type SarCase } from './case.ts';

export interface SarNotification {
  kind: 'acknowledgement' | 'dpo-new-case' | 'refusal';
  to: string;
  /** The queued mail's id: one per case and kind, so queuing it again is a no-op. */
  mailId: string;
  queuedAt: string;
}

/** A notification with where its mail stands in the queue ('missing' only if the queue lost it). */
export interface SarNotificationDelivery extends SarNotification {
  status: QueuedMail['status'] | 'missing';
  attempts: number;
  lastError?: string;
}

export interface CouncilMailboxes {
  name: string;
  dpoEmail?: string;
}

export function caseOpenedMail(
  c: SarCase,
  council: CouncilMailboxes,
): { kind: SarNotification['kind']; mail: OutgoingMail }[] {
  const due = bindingDueDate(c);
  const mails: { kind: SarNotification['kind']; mail: OutgoingMail }[] = [];
  if (c.requester.email) {
    mails.push({
      kind: 'acknowledgement',
      mail: {
        to: c.requester.email,
        subject: `Your request for your information: reference ${c.reference}`,
        text: [
          `Dear ${c.requester.name},`,
          '',
          `${council.name} has received your request for a copy of your information. Your reference is ${c.reference}.`,
          due
            ? `We must reply by ${due}. If we need more detail to find what you asked for, we will ask, and the time limit pauses until you reply.`
            : 'The time limit starts once we have what we need to check your identity.',
          'Before we send anything we may ask you to prove who you are, for example with a copy of a passport or driving licence and a recent bill, so that your information only goes to you.',
          '',
          'Please quote your reference if you contact us.',
        ].join('\n'),
      },
    });
  }
  if (council.dpoEmail) {
    mails.push({
      kind: 'dpo-new-case',
      mail: {
        to: council.dpoEmail,
        subject: `New subject access request ${c.reference}`,
        text: [
          `A new subject access request has been received by ${c.channel} on ${c.receivedOn}.`,
          `Reference: ${c.reference}`,
          `Service: ${c.notice ?? 'not stated'}`,
          `Due: ${due ?? 'clock not started'}`,
          `On behalf of someone else: ${c.onBehalfOf ? `yes (${c.onBehalfOf.relationship})` : 'no'}`,
          `Logged by: ${c.loggedBy}`,
          '',
          'The requester’s details are in the case record, not in this email.',
        ].join('\n'),
      },
    });
  }
  return mails;
}

/**
 * A refusal (manifestly unfounded or excessive) must give the reasons, the right to complain to the ICO and
 * the right to seek a judicial remedy. Sent to the requester's email; a postal-only requester needs a letter.
 */
export function refusalMail(
  c: SarCase,
  council: CouncilMailboxes,
): { kind: SarNotification['kind']; mail: OutgoingMail }[] {
  if (!c.requester.email || !c.refusal) return [];
  return [
    {
      kind: 'refusal',
      mail: {
        to: c.requester.email,
        subject: `Your request for your information: reference ${c.reference}`,
        text: [
          `Dear ${c.requester.name},`,
          '',
          `${council.name} has decided not to comply with your request ${c.reference}, because we consider it manifestly unfounded or excessive.`,
          `Our reasons: ${c.refusal.reason}`,
          '',
          "If you are unhappy with this decision you can complain to the Information Commissioner's Office (ico.org.uk, 0303 123 1113).",
          'You also have the right to ask a court to order us to comply (a judicial remedy).',
        ].join('\n'),
      },
    },
  ];
}

/** The mail the case owes and has not queued yet, ready to queue, with the record the case keeps of each. */
export function unqueuedMail(
  c: SarCase,
  council: CouncilMailboxes,
  at: string,
): { item: QueuedMail; record: SarNotification }[] {
  return [...caseOpenedMail(c, council), ...refusalMail(c, council)]
    .filter(({ kind }) => !c.notifications?.some((n) => n.kind === kind))
    .map(({ kind, mail }) => {
      const mailId = `${c.reference}:${kind}`;
      return {
        item: queued(mailId, `sar-${kind}`, mail, at, c.reference),
        record: { kind, to: mail.to, mailId, queuedAt: at },
      };
    });
}
