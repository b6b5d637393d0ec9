/** The default mail sender for local runs: each email a file in an outbox folder, ready to open in a mail client. */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MailSender, OutgoingMail } from '#core/ports.ts';
import { messageIdFor } from './mail/message.ts';

const ADDRESS = /^[^\s@<>"',;:\r\n]+@[^\s@<>"',;:\r\n]+\.[A-Za-z]{2,}$/;

export class LocalOutbox implements MailSender {
  constructor(
    private readonly dir: string,
    private readonly from = 'privacy-assistant@localhost',
  ) {
    mkdirSync(dir, { recursive: true });
  }

  async send(mail: OutgoingMail): Promise<void> {
    // Only a validated address reaches a header; the subject is ours, never user input, and has no line breaks.
    if (!ADDRESS.test(mail.to) || (mail.replyTo !== undefined && !ADDRESS.test(mail.replyTo))) {
      throw new Error('Refusing to send to an invalid address');
    }
    const subject = mail.subject.replace(/[\r\n]+/g, ' ');
    const id = randomUUID();
    const boundary = `outbox-${id}`;
    const headers = [
      `From: ${this.from}`,
      `To: ${mail.to}`,
      ...(mail.replyTo ? [`Reply-To: ${mail.replyTo}`] : []),
      `Subject: ${subject}`,
      `Date: ${new Date().toUTCString()}`,
      // A queued mail's own id, the same on every attempt (see OutgoingMail.messageId).
      `Message-ID: ${mail.messageId ? messageIdFor(mail.messageId, this.from) : `<${id}@privacy-assistant.local>`}`,
      'MIME-Version: 1.0',
    ];
    const textPart = ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', mail.text];
    const body = mail.attachments?.length
      ? [
          `Content-Type: multipart/mixed; boundary="${boundary}"`,
          '',
          `--${boundary}`,
          ...textPart,
          ...mail.attachments.flatMap((a) => [
            `--${boundary}`,
            `Content-Type: ${a.contentType ?? 'text/plain; charset=utf-8'}`,
            `Content-Disposition: attachment; filename="${a.filename.replace(/["\r\n]/g, '')}"`,
            'Content-Transfer-Encoding: 8bit',
            '',
            a.content,
          ]),
          `--${boundary}--`,
        ]
      : textPart;
    const eml = [...headers, ...body, ''].join('\r\n');
    writeFileSync(join(this.dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${id.slice(0, 8)}.eml`), eml);
  }
}
