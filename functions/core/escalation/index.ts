/**
 * Escalation to the council's Data Protection Officer: the person's message and contact route, what the
 * assistant answered and from which sections, and — only with their explicit consent — the transcript.
 * A complaint about how the council handled personal data carries its statutory acknowledgement date
 * (Data Protection Act 2018 s.164A: 30 days).
 */
import * as z from 'zod/mini';
import { longDate } from '../long-date.ts';
import type { OutgoingMail } from '../ports.ts';
import { complaintAcknowledgeBy } from '../sar/deadlines.ts';
import { generateReference, type RandomBytes } from '../sar/reference.ts';

/** The conversation id the widget was given with its first answer (chat and escalation both take it). */
export const SessionIdSchema = z
  .string({ error: 'sessionId must be the id the widget was given, as text.' })
  .check(
    z.regex(
      /^[A-Za-z0-9-]{8,64}$/,
      'sessionId must be the id the widget was given (8 to 64 letters, digits or hyphens).',
    ),
  );

export const MAX_ESCALATION_MESSAGE = 2000;

export const MAX_TRANSCRIPT_LINE = 4000;
export const MAX_TRANSCRIPT_LINES = 60;

const TranscriptLine = z.object(
  {
    from: z.enum(['you', 'assistant'], { error: 'Each transcript line must say who wrote it: "you" or "assistant".' }),
    text: z
      .string({ error: 'Each transcript line needs its text, as text.' })
      .check(
        z.maxLength(
          MAX_TRANSCRIPT_LINE,
          `The transcript may have at most ${MAX_TRANSCRIPT_LINE.toLocaleString('en-GB')} characters per line.`,
        ),
      ),
    source: z.optional(
      z.object(
        {
          notice: z
            .string({ error: 'A transcript source needs the notice id, as text.' })
            .check(z.maxLength(100, 'A transcript source notice id may have at most 100 characters.')),
          section: z
            .string({ error: 'A transcript source needs the section heading, as text.' })
            .check(z.maxLength(300, 'A transcript source section may have at most 300 characters.')),
        },
        { error: 'A transcript source must be { notice, section } as the assistant gave it.' },
      ),
    ),
  },
  { error: 'Each transcript line must be { from, text } as the widget records it.' },
);
type TranscriptLine = z.infer<typeof TranscriptLine>;

export const EscalationRequestSchema = z
  .object({
    council: z
      .string({ error: 'Say which council this is for.' })
      .check(
        z.minLength(1, 'Say which council this is for.'),
        z.maxLength(100, 'council may have at most 100 characters.'),
      ),
    notice: z.optional(
      z
        .string({ error: 'notice must be the id of a notice, as text.' })
        .check(
          z.minLength(1, 'notice must not be empty: leave it out instead.'),
          z.maxLength(100, 'notice may have at most 100 characters.'),
        ),
    ),
    sessionId: z.optional(SessionIdSchema),
    contact: z.object(
      {
        name: z.optional(
          z
            .string({ error: 'Your name must be text.' })
            .check(z.trim(), z.maxLength(200, 'Keep your name under 200 characters.')),
        ),
        email: z.optional(
          z.string().check(z.trim(), z.email('Enter an email address in the correct format, like name@example.com')),
        ),
        phone: z.optional(
          z.string().check(z.trim(), z.regex(/^[+()\d\s.-]{7,20}$/, 'Enter a UK phone number, like 01632 960 001')),
        ),
      },
      { error: 'Give an email address or a phone number so the Data Protection Officer can reply.' },
    ),
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
    consentToTranscript: z._default(
      z.boolean({ error: 'consentToTranscript must be true (the box is ticked) or false.' }),
      false,
    ),
    transcript: z.optional(
      z
        .array(TranscriptLine, { error: 'transcript must be the list of lines the widget recorded.' })
        .check(
          z.maxLength(
            MAX_TRANSCRIPT_LINES,
            `The conversation is too long to attach: at most ${MAX_TRANSCRIPT_LINES} lines.`,
          ),
        ),
    ),
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
  /**
   * The heading as the published notice has it, when `notice` has a section `section`; undefined otherwise. The
   * server keeps no transcript, so this is all it can vouch for in one the person's browser sent.
   */
  sectionOf?: (notice: string, section: string) => string | undefined;
}

/**
 * Text as it may go into a mail: no NUL or other control characters (tab and line breaks kept, CR LF made LF), no
 * bidirectional overrides that could make a line read other than it is, Unicode line separators made line breaks.
 */
export function mailText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u2028\u2029]/g, '\n')
    .replace(/[^\P{Cc}\t\n]|[\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu, '');
}

/** One line of header-like text: control characters and line breaks out. */
const mailLine = (text: string) => mailText(text).replace(/\s+/g, ' ').trim();

/** The mail to the DPO: who wrote, how to reply, their message, and the conversation when they agreed to send it. */
export function composeDpoMail(
  request: EscalationRequest,
  escalation: Escalation,
  context: EscalationContext,
): OutgoingMail {
  const transcript = request.consentToTranscript ? (request.transcript ?? []) : [];
  const lines = [
    ...dpoMailHeading(request, escalation, context),
    '',
    'How to reply:',
    ...replyRoutes(request.contact),
    '',
    'Their message:',
    mailText(request.message),
    '',
    transcriptNote(request.consentToTranscript, transcript, context),
  ];
  return {
    to: context.dpoEmail,
    subject: `${escalation.complaint ? 'Complaint' : 'Question'} for the Data Protection Officer: ${escalation.reference}`,
    text: lines.join('\n'),
    ...(request.contact.email ? { replyTo: request.contact.email } : {}),
    ...(transcript.length ? { attachments: [transcriptAttachment(transcript, escalation, context)] } : {}),
  };
}

/** The DPO mail's first lines: reference, council, service, when, and whether it is a complaint (with its date). */
function dpoMailHeading(request: EscalationRequest, escalation: Escalation, context: EscalationContext): string[] {
  return [
    `Reference: ${escalation.reference}`,
    `Council: ${context.councilName}`,
    `Service: ${context.serviceName ?? (request.notice ? mailLine(request.notice) : 'not stated')}`,
    `Received: ${longDate(escalation.receivedOn)}`,
    escalation.complaint
      ? `COMPLAINT about how personal data was handled: acknowledge by ${longDate(escalation.acknowledgeBy ?? '')} (Data Protection Act 2018 s.164A).`
      : 'Type: question for the Data Protection Officer.',
  ];
}

/** The contact details the person gave, one indented line each. */
function replyRoutes(contact: EscalationRequest['contact']): string[] {
  return [
    ...(contact.name ? [`  Name: ${mailLine(contact.name)}`] : []),
    ...(contact.email ? [`  Email: ${contact.email}`] : []),
    ...(contact.phone ? [`  Phone: ${mailLine(contact.phone)}`] : []),
  ];
}

/**
 * What the conversation cites, checked against the notices: a section the notices do not have is never stated as
 * something the assistant answered from.
 */
function citedSections(transcript: TranscriptLine[], context: EscalationContext) {
  const cited = transcript.filter((l) => l.from === 'assistant' && l.source);
  const verified = new Set<string>();
  let unverified = 0;
  for (const line of cited) {
    const heading = context.sectionOf?.(line.source!.notice, line.source!.section);
    if (heading) verified.add(`${line.source!.notice} › ${heading}`);
    else unverified++;
  }
  return { verified, unverified };
}

/** The DPO mail's last paragraph: whether a conversation is attached, and what it cites. */
function transcriptNote(consented: boolean, transcript: TranscriptLine[], context: EscalationContext): string {
  if (!consented) return 'The person did not agree to send the conversation, so none is attached.';
  if (!transcript.length) return 'The person agreed to send the conversation, but there was none to attach.';
  const { verified, unverified } = citedSections(transcript, context);
  return [
    'The conversation is attached as the person’s browser sent it (the person agreed to send it). The assistant ' +
      'keeps no record of conversations, so the council’s systems cannot confirm what it says.',
    ...(verified.size
      ? [`Sections of the notices it cites (each checked against the published notices): ${[...verified].join('; ')}.`]
      : []),
    ...(unverified
      ? [
          `It also cites ${unverified === 1 ? 'a section' : `${unverified} sections`} that the notices do not have: treat ${unverified === 1 ? 'it' : 'them'} as the person’s own.`,
        ]
      : []),
  ].join('\n');
}

/** The conversation as a text attachment, each line marked with who wrote it and whether what it cites exists. */
function transcriptAttachment(
  transcript: TranscriptLine[],
  escalation: Escalation,
  context: EscalationContext,
): NonNullable<OutgoingMail['attachments']>[number] {
  return {
    filename: `conversation-${escalation.reference}.txt`,
    contentType: 'text/plain',
    content: [
      `Conversation as supplied by the person's browser with escalation ${escalation.reference}. The council's ` +
        'systems kept no record of it: lines marked "Assistant" are what the browser says the assistant said.',
      '',
      ...transcript.map((l) => {
        const who = l.from === 'you' ? 'Person' : 'Assistant (as supplied)';
        const source = l.source
          ? context.sectionOf?.(l.source.notice, l.source.section)
            ? ` [cites ${mailLine(l.source.notice)} › ${mailLine(l.source.section)}]`
            : ' [cites a section the notices do not have]'
          : '';
        return `${who}: ${mailText(l.text)}${source}`;
      }),
    ].join('\n\n'),
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

/** What the person is told: their reference and what happens next (and that it was emailed, when it was). */
export function personReply(escalation: Escalation, emailed = false): string {
  return [
    `We have sent your message to the Data Protection Officer. Your reference is ${escalation.reference}.`,
    escalation.complaint
      ? `Because this is a complaint about how we handled your information, we will acknowledge it by ${escalation.acknowledgeBy}.`
      : 'They will reply using the contact details you gave.',
    ...(emailed ? ['We are also emailing you this reference.'] : []),
  ].join(' ');
}

/** The queue id of the person's acknowledgement: fixed per escalation, so it is queued (and sent) once. */
export const acknowledgementMailId = (reference: string) => `${reference}:acknowledgement`;

/**
 * The person's own copy of a message to the DPO, when they gave an email address: the reference, when it was
 * received, what happens next (a complaint's acknowledgement date), and who to contact, with replies going to
 * the DPO.
 *
 * It deliberately does not repeat the message, their name or any other detail they typed. The address is not
 * verified: anyone can type someone else's, so this mail must be harmless in a stranger's inbox; it tells its
 * reader nothing about anyone but that a message with this reference reached the council. The reference is all a
 * person needs to follow it up, and what they wrote is still on their screen and with the DPO. (The same fixed
 * wording also makes the form useless for sending spam: the escalation limits per address cap how often.)
 */
export function composeAcknowledgementMail(
  request: EscalationRequest,
  escalation: Escalation,
  context: Pick<EscalationContext, 'councilName' | 'dpoEmail'>,
): OutgoingMail | undefined {
  const to = request.contact.email;
  if (!to) return undefined;
  const council = mailLine(context.councilName);
  const lines = [
    'Hello,',
    '',
    `Thank you for your message to the Data Protection Officer at ${council}. We received it on ${longDate(escalation.receivedOn)}.`,
    '',
    `Your reference is ${escalation.reference}. Please quote it if you contact us about this message.`,
    '',
    'What happens next',
    '',
    escalation.complaint && escalation.acknowledgeBy
      ? `You told us you are unhappy with how we handled your information, so we are treating your message as a complaint. We will acknowledge it by ${longDate(escalation.acknowledgeBy)}, and the Data Protection Officer will reply using the contact details you gave.`
      : 'The Data Protection Officer will read your message and reply using the contact details you gave.',
    '',
    'To keep your information safe, this email does not repeat your message.',
    '',
    `If you did not send this message, you can ignore this email, or tell the Data Protection Officer at ${context.dpoEmail}.`,
    '',
    council,
  ];
  return {
    to,
    subject: `We have received your message: ${escalation.reference}`,
    text: lines.join('\n'),
    replyTo: context.dpoEmail,
  };
}
