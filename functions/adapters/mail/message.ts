/** Turns an OutgoingMail into what a sender may put on the wire: validated addresses, one-line header text. */
import type { OutgoingMail } from '#core/ports.ts';
import { assertSafeAddress, safeHeaderText } from './address.ts';

export interface PreparedAttachment {
  /** One line, no path separators or quotes, at most 100 characters. */
  filename: string;
  content: string;
  /** A bare `type/subtype`: the one given, or one that fits the file extension. */
  contentType: string;
}

export interface PreparedMail {
  from: string;
  to: string;
  replyTo: string | undefined;
  subject: string;
  text: string;
  attachments: PreparedAttachment[];
}

const MIME_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/i;

const BY_EXTENSION: Record<string, string> = {
  txt: 'text/plain',
  csv: 'text/csv',
  md: 'text/markdown',
  json: 'application/json',
  xml: 'application/xml',
  html: 'text/html',
  ics: 'text/calendar',
};

/** Validates every address (throwing MailAddressError before anything is sent) and flattens all header text. */
export function prepareMail(mail: OutgoingMail, from: string): PreparedMail {
  const to = assertSafeAddress(mail.to, 'to');
  const replyTo = mail.replyTo === undefined ? undefined : assertSafeAddress(mail.replyTo, 'replyTo');
  return {
    from: assertSafeAddress(from, 'from'),
    to,
    replyTo,
    subject: safeHeaderText(mail.subject),
    text: String(mail.text),
    attachments: (mail.attachments ?? []).map((a, i) => prepareAttachment(a, i)),
  };
}

function prepareAttachment(
  attachment: NonNullable<OutgoingMail['attachments']>[number],
  index: number,
): PreparedAttachment {
  const filename =
    safeHeaderText(attachment.filename, 100)
      .replace(/[/\\"'`<>:*?|]/g, '_')
      .replace(/^\.+/, '') || `attachment-${index + 1}.txt`;
  let contentType: string;
  if (attachment.contentType !== undefined) {
    if (!MIME_TYPE.test(attachment.contentType))
      throw new TypeError(`Attachment ${index + 1} has an invalid content type; use a bare type/subtype.`);
    contentType = attachment.contentType.toLowerCase();
  } else {
    const extension = /\.([A-Za-z0-9]+)$/.exec(filename)?.[1]?.toLowerCase() ?? '';
    contentType = BY_EXTENSION[extension] ?? 'application/octet-stream';
  }
  return { filename, content: String(attachment.content), contentType };
}

/** The prepared mail as nodemailer's message fields (the SMTP transport and the MIME builder for SES take them). */
export function nodemailerFields(prepared: PreparedMail) {
  return {
    from: prepared.from,
    to: prepared.to,
    ...(prepared.replyTo ? { replyTo: prepared.replyTo } : {}),
    subject: prepared.subject,
    text: prepared.text,
    attachments: prepared.attachments.map((a) => ({
      filename: a.filename,
      content: a.content,
      contentType: a.contentType,
    })),
  };
}
