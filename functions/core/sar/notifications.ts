/**
 * The emails a SAR case sends: an acknowledgement to the requester (reference, due date, what happens next, how
 * identity is checked), a new-case notice to the council's DPO mailbox, and a refusal with its rights. They go
 * through the durable mail queue (mail-queue.ts) like every other email. Each has a fixed id (reference and
 * kind), so queuing it again is a no-op and the queue, not the case, says whether it went.
 */
import { longDate } from '../long-date.ts';
import { queued, type QueuedMail } from '../mail-queue.ts';
import type { OutgoingMail } from '../ports.ts';
import { bindingDueDate, type SarCase } from './case.ts';

export type SarMailKind = 'acknowledgement' | 'dpo-new-case' | 'refusal';

/** An email the case owes, with where it stands in the queue ('not-queued' until it is). */
export interface SarNotificationDelivery {
  kind: SarMailKind;
  to: string;
  mailId: string;
  status: QueuedMail['status'] | 'not-queued';
  attempts: number;
  lastError?: string;
}

export interface CouncilMailboxes {
  name: string;
  dpoEmail?: string;
}

export function caseOpenedMail(c: SarCase, council: CouncilMailboxes): { kind: SarMailKind; mail: OutgoingMail }[] {
  const due = bindingDueDate(c);
  const mails: { kind: SarMailKind; mail: OutgoingMail }[] = [];
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
            ? `We must reply by ${longDate(due)}. If we need more detail to find what you asked for, we will ask, and the time limit pauses until you reply.`
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
          `A new subject access request has been received by ${c.channel} on ${longDate(c.receivedOn)}.`,
          `Reference: ${c.reference}`,
          `Service: ${c.notice ?? 'not stated'}`,
          `Due: ${due ? longDate(due) : 'clock not started'}`,
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
export function refusalMail(c: SarCase, council: CouncilMailboxes): { kind: SarMailKind; mail: OutgoingMail }[] {
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

/** Every email the case owes as it stands, ready to queue; queuing one already queued changes nothing. */
export function owedMail(c: SarCase, council: CouncilMailboxes, at: string): { kind: SarMailKind; item: QueuedMail }[] {
  return [...caseOpenedMail(c, council), ...refusalMail(c, council)].map(({ kind, mail }) => ({
    kind,
    item: queued(`${c.reference}:${kind}`, `sar-${kind}`, mail, at, c.reference),
  }));
}
