/**
 * Escalation to the council's Data Protection Officer: the person's message and contact route, what the
 * assistant answered and from which sections, and — only with their explicit consent — the transcript.
 * A complaint about how the council handled personal data carries its statutory acknowledgement date
 * (Data Protection Act 2018 s.164A: 30 days).
 */
import * as z from 'zod/mini';
import type { OutgoingMail } from './ports.ts';
import { complaintAcknowledgeBy } from './sar/deadlines.ts';
import { generateReference, type RandomBytes } from './sar/reference.ts';

export const MAX_ESCALATION_MESSAGE = 2000;

const TranscriptLine = z.object({
  from: z.enum(['you', 'assistant']),
  text: z.string().check(z.maxLength(4000)),
  source: z.optional(
    z.object({ notice: z.string().check(z.maxLength(100)), section: z.string().check(z.maxLength(300)) }),
  ),
});

export const EscalationRequestSchema = z
  .object({
    council: z
      .string({ error: 'Say which council this is for.' })
      .check(z.minLength(1, 'Say which council this is for.'), z.maxLength(100)),
    notice: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
    sessionId: z.optional(z.string().check(z.regex(/^[A-Za-z0-9-]{8,64}$/, 'The session id is not valid.'))),
    contact: z.object({
      name: z.optional(z.string().check(z.trim(), z.maxLength(200, 'Keep your name under 200 characters.'))),
      email: z.optional(
        z.string().check(z.trim(), z.email('Enter an email address in the correct format, like name@example.com')),
      ),
      phone: z.optional(
        z.string().check(z.trim(), z.regex(/^[+()\d\s-]{7,20}$/, 'Enter a UK phone number, like 01632 960 001')),
      ),
    }),
    message: z
      .string({ error: 'Tell us what you need help with.' })
      .check(
        z.trim(),
        z.minLength(1, 'Tell us what you need help with.'),
        z.maxLength(
          MAX_ESCALATION_MESSAGE,
          `Keep your message under ${MAX_ESCALATION_MESSAGE.toLocaleString('en-GB')} characters.`,
        ),
      ),
    /** The checkbox "Send the conversation too": off unless the person ticks it. */
    consentToTranscript: z._default(z.boolean(), false),
    transcript: z.optional(z.array(TranscriptLine).check(z.maxLength(60, 'The conversation is too long to attach.'))),
  })
  .check(
    z.refine((r) => !!(r.contact.email || r.contact.phone), {
      message: 'Give an email address or a phone number so the Data Protection Officer can reply.',
      path: ['contact', 'email'],
    }),
    // A crafted request cannot attach what the person did not agree to send.
    z.refine((r) => r.consentToTranscript || !r.transcript?.length, {
      message: 'The conversation can only be sent if you tick the box to agree.',
      path: ['consentToTranscript'],
    }),
  );
export type EscalationRequest = z.infer<typeof EscalationRequestSchema>;

const COMPLAINT =
  /\bcomplain\w*|\bcomplaint\b|\bunhappy\b|\bnot happy\b|\bmisus\w*|\bmishandl\w*|\bbreach\w*|\bwrongly (?:shared|sent|disclosed)|\bshould(?:n't| not) have (?:shared|sent|told|passed)/i;

export function isComplaint(message: string): boolean {
  return COMPLAINT.test(message);
}

/** `ESC-7K4M-Q9TX`: the SAR reference scheme (check character and all) under its own prefix. */
export function escalationReference(randomBytes: RandomBytes): string {
  return `ESC${generateReference(randomBytes).slice(3)}`;
}

export interface Escalation {
  reference: string;
  council: string;
  notice?: string;
  receivedOn: string;
  complaint: boolean;
  /** s.164A: a complaint about how personal data was handled is acknowledged within 30 days. */
  acknowledgeBy?: string;
  acknowledgedOn?: string;
  mailId: string;
}

export interface EscalationContext {
  councilName: string;
  dpoEmail: string;
  serviceName?: string;
}

export function composeDpoMail(
  request: EscalationRequest,
  escalation: Escalation,
  context: EscalationContext,
): OutgoingMail {
  const answered = (request.transcript ?? []).filter((l) => l.from === 'assistant' && l.source);
  const lines = [
    `Reference: ${escalation.reference}`,
    `Council: ${context.councilName}`,
    `Service: ${context.serviceName ?? request.notice ?? 'not stated'}`,
    `Received: ${escalation.receivedOn}`,
    escalation.complaint
      ? `COMPLAINT about how personal data was handled: acknowledge by ${escalation.acknowledgeBy} (Data Protection Act 2018 s.164A).`
      : 'Type: question for the Data Protection Officer.',
    '',
    'How to reply:',
    ...(request.contact.name ? [`  Name: ${request.contact.name}`] : []),
    ...(request.contact.email ? [`  Email: ${request.contact.email}`] : []),
    ...(request.contact.phone ? [`  Phone: ${request.contact.phone}`] : []),
    '',
    'Their message:',
    request.message,
    '',
    !request.consentToTranscript
      ? 'The person did not agree to send the conversation, so none is attached.'
      : !request.transcript?.length
        ? 'The person agreed to send the conversation, but there was none to attach.'
        : `The conversation with the assistant is attached (the person agreed to send it).${answered.length ? ` The assistant answered from: ${[...new Set(answered.map((l) => `${l.source!.notice} › ${l.source!.section}`))].join('; ')}.` : ''}`,
  ];
  return {
    to: context.dpoEmail,
    subject: `${escalation.complaint ? 'Complaint' : 'Question'} for the Data Protection Officer: ${escalation.reference}`,
    text: lines.join('\n'),
    ...(request.contact.email ? { replyTo: request.contact.email } : {}),
    ...(request.consentToTranscript && request.transcript?.length
      ? {
          attachments: [
            {
              filename: `conversation-${escalation.reference}.txt`,
              contentType: 'text/plain',
              content: request.transcript
                .map((l) => `${l.from === 'you' ? 'Person' : 'Assistant'}: ${l.text}`)
                .join('\n\n'),
            },
          ],
        }
      : {}),
  };
}

export function openEscalation(
  request: EscalationRequest,
  reference: string,
  receivedOn: string,
  mailId: string,
): Escalation {
  const complaint = isComplaint(request.message);
  return {
    reference,
    council: request.council,
    ...(request.notice ? { notice: request.notice } : {}),
    receivedOn,
    complaint,
    ...(complaint ? { acknowledgeBy: complaintAcknowledgeBy(receivedOn) } : {}),
    mailId,
  };
}

/** What the person is told: their reference and what happens next. */
export function personReply(escalation: Escalation): string {
  return [
    `We have sent your message to the Data Protection Officer. Your reference is ${escalation.reference}.`,
    escalation.complaint
      ? `Because this is a complaint about how we handled your information, we will acknowledge it by ${escalation.acknowledgeBy}.`
      : 'They will reply using the contact details you gave.',
  ].join(' ');
}
