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
  /** `<token@from-domain>` when the mail has a stable id (every queued mail does); else the transport picks one. */
  messageId: string | undefined;
}

/** `<token@domain>` from a queued mail's token and the sending address's domain. */
export function messageIdFor(token: string, from: string): string {
  const left =
    token
      .replace(/[^A-Za-z0-9._-]+/g, '.')
      .replace(/^\.+|\.+$/g, '')
      .slice(0, 200) || 'mail';
  const domain = from.slice(from.lastIndexOf('@') + 1).replace(/[^A-Za-z0-9.-]/g, '') || 'localhost';
  return `<${left}@${domain}>`;
}

/** Mail text without NUL or other control characters (tab and line breaks kept) or bidi overrides. */
function plain(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[^\P{Cc}\t\n]|[\u202A-\u202E\u2066-\u2069]/gu, '');
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
  const sender = assertSafeAddress(from, 'from');
  return {
    from: sender,
    to,
    replyTo,
    subject: safeHeaderText(mail.subject),
    text: plain(String(mail.text)),
    attachments: (mail.attachments ?? []).map((a, i) => prepareAttachment(a, i)),
    messageId: mail.messageId ? messageIdFor(mail.messageId, sender) : undefined,
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
  return {
    filename,
    content: contentType.startsWith('text/') ? plain(String(attachment.content)) : String(attachment.content),
    contentType,
  };
}

/** The prepared mail as nodemailer's message fields (the SMTP transport and the MIME builder for SES take them). */
export function nodemailerFields(prepared: PreparedMail) {
  return {
    from: prepared.from,
    to: prepared.to,
    ...(prepared.replyTo ? { replyTo: prepared.replyTo } : {}),
    subject: prepared.subject,
    text: prepared.text,
    // The stable id twice: as the Message-ID (SMTP relays keep it) and as X-Mail-Id (Amazon SES replaces the
    // Message-ID with its own, so there a repeat shows as the same X-Mail-Id).
    ...(prepared.messageId ? { messageId: prepared.messageId, headers: { 'X-Mail-Id': prepared.messageId } } : {}),
    attachments: prepared.attachments.map((a) => ({
      filename: a.filename,
      content: a.content,
      contentType: a.contentType,
    })),
  };
}
